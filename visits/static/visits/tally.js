// The tally page's client: every tap is written to an IndexedDB outbox on this device first,
// then sent to the sync API in batches, and counted exactly once (the server ignores an id it
// has seen). With the service worker (/sw.js) the page opens and counts without a connection.
// Without this script the page's forms post each tap on their own. See docs/offline.md.
(() => {
  "use strict";

  const root = document.getElementById("tally-app");
  if (!root) {
    return;
  }
  const statusBox = document.getElementById("tally-status");
  const forms = Array.from(root.querySelectorAll("form.tally-tap"));
  const SITE = root.dataset.site;
  const DATE = root.dataset.date;
  const LANG = (document.documentElement.lang || "da").slice(0, 2);
  const BATCH_SIZE = 100;
  const SYNC_EVERY_MS = 30000;
  const REQUEST_TIMEOUT_MS = 20000;
  const DB_NAME = "varmestue-tally";
  const COUNTS_KEY = `counts:${SITE}|${DATE}`;
  // The catalogue and worker are served from the site root by visits/pwa.py.
  const CATALOG_URL = `/jsi18n/${encodeURIComponent(LANG)}/`;
  const WORKER_URL = "/sw.js";

  // ---- Translations (Django's JavaScript catalogue defines window.gettext) -------------------

  // Named like Django's, so `makemessages -d djangojs` finds the strings.
  function gettext(text) {
    return typeof window.gettext === "function" ? window.gettext(text) : text;
  }

  function ngettext(singular, plural, count) {
    if (typeof window.ngettext === "function") {
      return window.ngettext(singular, plural, count);
    }
    return count === 1 ? singular : plural;
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, (match, name) =>
      name in values ? String(values[name]) : match,
    );
  }

  function loadCatalog() {
    return new Promise((resolve) => {
      window.setTimeout(resolve, 3000); // a hanging connection must not hold up the taps
      const script = document.createElement("script");
      script.src = CATALOG_URL;
      script.onload = () => resolve();
      script.onerror = () => resolve(); // English it is
      document.head.appendChild(script);
    });
  }

  // ---- The outbox (IndexedDB) ---------------------------------------------------------------
  // "outbox": one record per tap, {id, site, date, category, delta, at, n, status, error}.
  // "state": the last counts seen from the server for a site and day, and the last sync time.
  // Nothing about a person is stored: a tap is a category, a day, a site and +1 or -1.

  let db = null;

  function openDb() {
    return new Promise((resolve, reject) => {
      if (!("indexedDB" in window)) {
        reject(new Error("no IndexedDB"));
        return;
      }
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("outbox", { keyPath: "id" });
        request.result.createObjectStore("state", { keyPath: "key" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("IndexedDB blocked"));
    });
  }

  // Runs `work(stores)` in one transaction; resolves with its result once committed to disk.
  function transact(names, mode, work) {
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(names, mode, { durability: "strict" });
      const stores = Object.fromEntries(names.map((name) => [name, transaction.objectStore(name)]));
      let result;
      transaction.oncomplete = () => resolve(result && "result" in result ? result.result : result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error || new Error("aborted"));
      result = work(stores);
    });
  }

  const store = {
    add: (tap) => transact(["outbox"], "readwrite", (s) => void s.outbox.add(tap)),
    all: async () => {
      const taps = await transact(["outbox"], "readonly", (s) => s.outbox.getAll());
      return taps.sort((a, b) => a.at - b.at || a.n - b.n);
    },
    discard: (id) => transact(["outbox"], "readwrite", (s) => void s.outbox.delete(id)),
    // Deletes what the server took; marks what it refused, with its reason.
    settle: (done, rejected, byId) =>
      transact(["outbox"], "readwrite", (s) => {
        done.forEach((id) => s.outbox.delete(id));
        rejected.forEach((item) => {
          s.outbox.put({ ...byId.get(item.id), status: "rejected", error: String(item.error) });
        });
      }),
    get: (key) => transact(["state"], "readonly", (s) => s.state.get(key)),
    set: (key, value) => transact(["state"], "readwrite", (s) => void s.state.put({ key, value })),
  };

  // ---- What the page shows --------------------------------------------------------------------

  let serverCounts = {}; // this page's site and day, as last seen from the server
  let taps = []; // the outbox, oldest first
  let lastSync = null;
  let problem = null; // {kind: "offline" | "login" | "server" | "storage", message}
  let notice = null; // about the last tap, until the next one
  let dayNotice = null; // a saved page from another day
  let offlineReady = false;
  let syncedOnce = false; // since this page loaded
  let tapNumber = 0;

  function renderedCounts() {
    const counts = {};
    root.querySelectorAll("output.tally-total").forEach((output) => {
      const value = Number.parseInt(output.textContent, 10);
      counts[output.dataset.category] = Number.isNaN(value) ? 0 : value;
    });
    return counts;
  }

  function pending() {
    return taps.filter((tap) => tap.status !== "rejected");
  }

  function total(category) {
    let value = serverCounts[category] || 0;
    for (const tap of pending()) {
      if (tap.site === SITE && tap.date === DATE && tap.category === category) {
        value += tap.delta;
      }
    }
    return value;
  }

  function categoryName(code) {
    const label = document.getElementById(`tally-name-${code}`);
    return label ? label.textContent.trim() : code;
  }

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  function dayText(isoDate) {
    const [year, month, day] = isoDate.split("-").map(Number);
    const date = new Date(year, month - 1, day);
    return Number.isNaN(date.getTime()) ? isoDate : new Intl.DateTimeFormat(LANG).format(date);
  }

  function timeText(date) {
    const sameDay = date.toDateString() === new Date().toDateString();
    const options = sameDay
      ? { hour: "2-digit", minute: "2-digit" }
      : { dateStyle: "short", timeStyle: "short" };
    return new Intl.DateTimeFormat(LANG, options).format(date);
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    (children || []).forEach((child) =>
      node.append(typeof child === "string" ? document.createTextNode(child) : child),
    );
    return node;
  }

  function alertBox(level, children) {
    return element("div", { class: `alert alert-${level}` }, [
      element("div", { class: "alert-body" }, [element("p", { class: "alert-text" }, children)]),
    ]);
  }

  function loginLink() {
    const next = window.location.pathname + window.location.search;
    const href = `${root.dataset.loginUrl}?next=${encodeURIComponent(next)}`;
    return element("a", { href, class: "tally-login" }, [gettext("Log in again")]);
  }

  function rejectedList(rejected) {
    const items = rejected.map((tap) => {
      const button = element("button", { type: "button", class: "button button-secondary" }, [
        gettext("Discard"),
      ]);
      button.dataset.discard = tap.id;
      const sign = tap.delta > 0 ? `+${tap.delta}` : `−${Math.abs(tap.delta)}`;
      const text = format(gettext("%(category)s %(delta)s on %(date)s at %(site)s: %(error)s"), {
        category: categoryName(tap.category),
        delta: sign,
        date: dayText(tap.date),
        site: tap.site,
        error: tap.error,
      });
      return element("li", { class: "tally-rejected-item" }, [`${text} `, button]);
    });
    const count = rejected.length;
    return element("div", { class: "alert alert-error tally-rejected" }, [
      element("div", { class: "alert-body" }, [
        element("p", { class: "alert-text" }, [
          format(
            ngettext(
              "%(count)s tap was not counted. Check it, then discard it:",
              "%(count)s taps were not counted. Check them, then discard them:",
              count,
            ),
            { count },
          ),
        ]),
        element("ul", {}, items),
      ]),
    ]);
  }

  // The status keeps one element per part and replaces a part only when its content changes,
  // so the live region announces problems and rejections, not every tap or every sync. The
  // counts line is visible but not announced (aria-live="off"): the totals speak for themselves.
  const slots = {};
  const shown = {};

  function slot(name, tag, attributes) {
    if (!slots[name]) {
      slots[name] = element(tag, attributes);
      statusBox.append(slots[name]);
    }
    return slots[name];
  }

  function fill(name, key, build) {
    if (shown[name] === key) {
      return;
    }
    shown[name] = key;
    slots[name].replaceChildren(...(key === "" ? [] : build()));
  }

  function render() {
    root.querySelectorAll("output.tally-total").forEach((output) => {
      const value = String(total(output.dataset.category));
      if (output.textContent !== value) {
        output.textContent = value;
      }
    });
    if (!statusBox) {
      return;
    }
    const waiting = pending().length;
    const rejected = taps.filter((tap) => tap.status === "rejected");
    statusBox.dataset.pending = String(waiting);
    statusBox.dataset.rejected = String(rejected.length);
    statusBox.dataset.state = problem ? problem.kind : syncedOnce ? "synced" : "waiting";
    statusBox.dataset.offlineReady = String(offlineReady);

    slot("summary", "p", { class: "tally-sync-summary", "aria-live": "off" });
    slot("ready", "p", { class: "tally-offline-ready" });
    slot("problem", "div", { class: "tally-problem" });
    slot("notices", "div", { class: "tally-notices" });
    slot("rejected", "div", { class: "tally-rejected-list" });

    const waitingText = waiting
      ? format(
          ngettext(
            "%(count)s tap is waiting to be sent.",
            "%(count)s taps are waiting to be sent.",
            waiting,
          ),
          { count: waiting },
        )
      : gettext("All taps are sent.");
    const syncText = lastSync
      ? format(gettext("Last sync: %(time)s."), { time: timeText(lastSync) })
      : gettext("Not synchronised from this device yet.");
    fill("summary", `${waitingText} ${syncText}`, () => [
      element("strong", {}, [waitingText]),
      ` ${syncText}`,
    ]);
    const readyText = offlineReady
      ? gettext("This page works without a connection on this device.")
      : "";
    fill("ready", readyText, () => [readyText]);
    fill("problem", problem ? `${problem.kind}:${problem.message}` : "", () =>
      problem.kind === "login"
        ? [alertBox("warning", [`${problem.message} `, loginLink()])]
        : [alertBox(problem.kind === "offline" ? "info" : "warning", [problem.message])],
    );
    const notices = [dayNotice, notice].filter(Boolean);
    fill("notices", notices.join("\n"), () => notices.map((text) => alertBox("warning", [text])));
    fill("rejected", JSON.stringify(rejected.map((tap) => [tap.id, tap.error])), () =>
      rejected.length ? [rejectedList(rejected)] : [],
    );
  }

  // ---- Sending --------------------------------------------------------------------------------

  class SyncError extends Error {
    constructor(kind, message) {
      super(message || kind);
      this.kind = kind;
    }
  }

  function csrfToken() {
    const cookie = document.cookie
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith("csrftoken="));
    if (cookie) {
      return decodeURIComponent(cookie.slice("csrftoken=".length));
    }
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  async function request(url, options) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    let response;
    try {
      response = await fetch(url, {
        credentials: "same-origin",
        redirect: "manual",
        cache: "no-store",
        signal: controller.signal,
        ...options,
        headers: { Accept: "application/json", ...(options.headers || {}) },
      });
    } catch {
      throw new SyncError(navigator.onLine ? "server" : "offline");
    } finally {
      clearTimeout(timer);
    }
    // An expired session or a missing role: keep every tap and ask for a new login.
    if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
      throw new SyncError("login");
    }
    let body;
    try {
      body = await response.json();
    } catch {
      throw new SyncError("server");
    }
    if (!response.ok || body === null || typeof body !== "object") {
      throw new SyncError("server");
    }
    return body;
  }

  async function sendBatch(batch) {
    const events = batch.map(({ id, site, date, category, delta }) => ({
      id,
      site,
      date,
      category,
      delta,
    }));
    const result = await request(root.dataset.apiEvents, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ events }),
    });
    const byId = new Map(batch.map((tap) => [tap.id, tap]));
    const ids = (list) => (Array.isArray(list) ? list.filter((id) => byId.has(id)) : []);
    const accepted = ids(result.accepted);
    const done = [...accepted, ...ids(result.duplicates)];
    const rejected = (Array.isArray(result.rejected) ? result.rejected : []).filter(
      (item) => item && byId.has(item.id),
    );
    // Only what the server answered for leaves the outbox; the rest is sent again.
    await store.settle(done, rejected, byId);
    for (const id of accepted) {
      const tap = byId.get(id);
      if (tap.site === SITE && tap.date === DATE) {
        serverCounts[tap.category] = (serverCounts[tap.category] || 0) + tap.delta;
      }
    }
    return done.length + rejected.length > 0;
  }

  async function refreshCounts() {
    const url = new URL(root.dataset.apiCounts, window.location.href);
    url.searchParams.set("site", SITE);
    url.searchParams.set("date", DATE);
    const body = await request(url.toString(), { method: "GET" });
    if (body.counts && typeof body.counts === "object") {
      serverCounts = { ...body.counts };
      await store.set(COUNTS_KEY, serverCounts);
    }
  }

  const MESSAGES = {
    offline: () =>
      gettext("No connection. Taps are saved on this device and sent when the connection is back."),
    login: () =>
      gettext("You are no longer logged in. Your taps are saved on this device and sent after you log in."),
    server: () =>
      gettext("The server could not take the taps just now. They are saved on this device; trying again shortly."),
  };

  async function syncOnce() {
    try {
      if (!navigator.onLine) {
        throw new SyncError("offline");
      }
      for (;;) {
        taps = await store.all();
        const batch = pending().slice(0, BATCH_SIZE);
        if (!batch.length || !(await sendBatch(batch))) {
          break;
        }
      }
      await refreshCounts();
      lastSync = new Date();
      await store.set("lastSync", lastSync.getTime());
      problem = null;
      syncedOnce = true;
      return true;
    } catch (error) {
      const kind = error instanceof SyncError ? error.kind : "server";
      problem = { kind, message: (MESSAGES[kind] || MESSAGES.server)() };
      return false;
    } finally {
      taps = await store.all();
      render();
    }
  }

  let syncing = false;
  let syncAgain = false;
  let retryTimer = null;
  let failures = 0;

  // After a failed sync try again soon, then less often (2, 4, 8, 16, 30 s); offline, the
  // browser's "online" event starts the next one.
  function scheduleRetry(ok) {
    window.clearTimeout(retryTimer);
    retryTimer = null;
    if (ok || !problem || problem.kind !== "server") {
      failures = 0;
      return;
    }
    failures += 1;
    const delay = Math.min(SYNC_EVERY_MS, 1000 * 2 ** Math.min(failures, 5));
    retryTimer = window.setTimeout(sync, delay);
  }

  // One sync at a time, also across tabs (the lock); a tap during a sync makes another round.
  async function sync() {
    if (!db) {
      return;
    }
    if (syncing) {
      syncAgain = true;
      return;
    }
    syncing = true;
    try {
      let ok;
      // Whatever asked for a sync meanwhile (a tap, the "online" event) gets a round of its
      // own, also after a failed one: an "online" event that arrives while an offline
      // attempt is finishing must not be lost, or the tablet waits for the 30 s timer.
      do {
        syncAgain = false;
        ok = navigator.locks
          ? await navigator.locks.request("varmestue-tally-sync", syncOnce)
          : await syncOnce();
      } while (syncAgain);
      scheduleRetry(ok);
    } finally {
      syncing = false;
    }
  }

  // ---- Tapping --------------------------------------------------------------------------------

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function field(form, name) {
    const input = form.elements.namedItem(name);
    return input && input.value ? input.value : null;
  }

  // Without storage the form posts the tap itself, with a fresh id so no tap is a repeat.
  function postWithoutOutbox(form) {
    const input = form.elements.namedItem("id");
    if (input) {
      input.value = newId();
    }
    form.submit();
  }

  const started = start();

  async function onTap(event) {
    event.preventDefault();
    const form = event.currentTarget;
    if (!(await started)) {
      postWithoutOutbox(form);
      return;
    }
    const category = form.dataset.category || field(form, "category");
    const delta = Number.parseInt(form.dataset.delta || field(form, "delta"), 10);
    const site = field(form, "site") || SITE;
    const date = field(form, "date") || DATE;
    notice = null;
    if (delta < 0 && site === SITE && date === DATE && total(category) + delta < 0) {
      notice = gettext("The count cannot go below zero.");
      render();
      return;
    }
    // The id is made now, once: a retry sends the same id, so the server counts it once.
    const tap = { id: newId(), site, date, category, delta, at: Date.now(), n: ++tapNumber };
    tap.status = "pending";
    try {
      await store.add(tap);
    } catch {
      postWithoutOutbox(form);
      return;
    }
    taps.push(tap);
    render();
    sync();
  }

  forms.forEach((form) => form.addEventListener("submit", onTap));

  root.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-discard]");
    if (!button || !db) {
      return;
    }
    await store.discard(button.dataset.discard);
    taps = await store.all();
    render();
    if (statusBox) {
      statusBox.setAttribute("tabindex", "-1");
      statusBox.focus();
    }
  });

  // ---- Offline: storage that lasts, and the service worker ------------------------------------

  async function keepStorage() {
    if (navigator.storage && navigator.storage.persist) {
      try {
        if (!(await navigator.storage.persisted())) {
          await navigator.storage.persist();
        }
      } catch {
        // The browser decides; the outbox works either way.
      }
    }
  }

  function ask(worker, message) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data || {});
      worker.postMessage(message, [channel.port2]);
    });
  }

  async function registerWorker() {
    if (!("serviceWorker" in navigator)) {
      return;
    }
    const controlled = Boolean(navigator.serviceWorker.controller);
    try {
      await navigator.serviceWorker.register(WORKER_URL, { scope: window.location.pathname });
      const registration = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(window.location.origin));
      // A first visit was not served by the worker: ask it to keep this page as well.
      const reply = await ask(registration.active, {
        type: "keep",
        urls,
        page: controlled ? null : window.location.href,
      });
      offlineReady = Boolean(reply.page);
    } catch {
      offlineReady = false;
    }
    render();
  }

  async function start() {
    await loadCatalog();
    try {
      db = await openDb();
      serverCounts = renderedCounts();
      if (!navigator.onLine) {
        // The page came from the worker's copy: the counts seen last are newer than its own.
        const saved = await store.get(COUNTS_KEY);
        if (saved) {
          serverCounts = { ...saved.value };
        }
      }
      const last = await store.get("lastSync");
      lastSync = last ? new Date(last.value) : null;
      taps = await store.all();
    } catch {
      db = null;
      problem = {
        kind: "storage",
        message: gettext("This browser cannot save taps on the device, so every tap needs a connection."),
      };
      render();
      return false;
    }
    const params = new URLSearchParams(window.location.search);
    if (!params.has("date") && DATE !== localToday()) {
      dayNotice = format(
        gettext("This page was saved on %(date)s, so taps count for that day. Open it with a connection to count for today."),
        { date: dayText(DATE) },
      );
    }
    root.dataset.ready = "true";
    render();
    keepStorage();
    registerWorker();
    window.addEventListener("online", sync);
    window.addEventListener("offline", () => {
      problem = { kind: "offline", message: MESSAGES.offline() };
      render();
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        sync();
      }
    });
    window.setInterval(sync, SYNC_EVERY_MS);
    sync();
    return true;
  }
})();
