// The tally page's client: every tap is written to an IndexedDB outbox on this device first
// (static/js/outbox.js), then sent to the sync API in batches, and counted exactly once (the
// server ignores an id it has seen). With the service worker (/sw.js) the page opens and
// counts without a connection. Without this script the page's forms post each tap on their
// own. See docs/offline.md.
(() => {
  "use strict";

  const root = document.getElementById("tally-app");
  const Outbox = window.VarmestueOutbox;
  if (!root || !Outbox) {
    return;
  }
  const statusBox = document.getElementById("tally-status");
  const forms = Array.from(root.querySelectorAll("form.tally-tap"));
  const SITE = root.dataset.site;
  const DATE = root.dataset.date;
  const LANG = (document.documentElement.lang || "da").slice(0, 2);
  const BATCH_SIZE = 100;
  const SYNC_EVERY_MS = 30000;
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

  // ---- The outbox (IndexedDB, static/js/outbox.js) ------------------------------------------
  // "outbox": one record per tap, {id, site, date, category, delta, at, n, status, error}.
  // "state": the last counts seen from the server for a site and day, and the last sync time.
  // Nothing about a person is stored: a tap is a category, a day, a site and +1 or -1.

  let store = null;

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
    // A breakdown above its total ("Of which women" above "Visits in total") is pointed out.
    root.querySelectorAll("p.vs-tally-over").forEach((warning) => {
      const above = total(warning.dataset.part) > total(warning.dataset.total);
      if (warning.hidden === above) {
        warning.hidden = !above;
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

  async function sendBatch(batch) {
    const sent = await Outbox.sendBatch({
      store,
      url: root.dataset.apiEvents,
      key: "events",
      batch,
      fields: ["id", "site", "date", "category", "delta"],
      headers: { "X-CSRFToken": csrfToken() },
    });
    const byId = new Map(batch.map((tap) => [tap.id, tap]));
    for (const id of sent.accepted) {
      const tap = byId.get(id);
      if (tap.site === SITE && tap.date === DATE) {
        serverCounts[tap.category] = (serverCounts[tap.category] || 0) + tap.delta;
      }
    }
    return sent.answered;
  }

  async function refreshCounts() {
    const url = new URL(root.dataset.apiCounts, window.location.href);
    url.searchParams.set("site", SITE);
    url.searchParams.set("date", DATE);
    const body = await Outbox.request(url.toString(), { method: "GET" });
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
        throw new Outbox.SyncError("offline");
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
      const kind = error instanceof Outbox.SyncError ? error.kind : "server";
      problem = { kind, message: (MESSAGES[kind] || MESSAGES.server)() };
      return false;
    } finally {
      taps = await store.all();
      render();
    }
  }

  // One sync at a time, also across tabs; a tap during a sync makes another round, and after
  // a failed sync it tries again soon, then less often (2, 4, 8, 16, 30 s); offline, the
  // browser's "online" event starts the next one.
  const syncRounds = Outbox.syncer({
    lockName: "varmestue-tally-sync",
    once: syncOnce,
    everyMs: SYNC_EVERY_MS,
    failedKind: () => (problem ? problem.kind : null),
  });

  function sync() {
    return store ? syncRounds() : undefined;
  }

  // ---- Tapping --------------------------------------------------------------------------------

  function field(form, name) {
    const input = form.elements.namedItem(name);
    return input && input.value ? input.value : null;
  }

  // Without storage the form posts the tap itself, with a fresh id so no tap is a repeat.
  function postWithoutOutbox(form) {
    const input = form.elements.namedItem("id");
    if (input) {
      input.value = Outbox.newId();
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
    const tap = { id: Outbox.newId(), site, date, category, delta, at: Date.now(), n: ++tapNumber };
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
    if (!button || !store) {
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

  async function registerWorker() {
    const controlled = Boolean(navigator.serviceWorker && navigator.serviceWorker.controller);
    offlineReady = await Outbox.registerWorker({
      url: WORKER_URL,
      scope: window.location.pathname,
      // A first visit was not served by the worker: ask it to keep this page as well.
      pages: controlled ? [] : [window.location.href],
      path: window.location.pathname,
    });
    render();
  }

  async function start() {
    await loadCatalog();
    try {
      store = await Outbox.openStore(DB_NAME);
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
      store = null;
      problem = {
        kind: "storage",
        message: gettext("This browser cannot save taps on the device, so every tap needs a connection."),
      };
      render();
      return false;
    }
    const params = new URLSearchParams(window.location.search);
    if (!params.has("date") && DATE !== Outbox.localToday()) {
      dayNotice = format(
        gettext("This page was saved on %(date)s, so taps count for that day. Open it with a connection to count for today."),
        { date: dayText(DATE) },
      );
    }
    root.dataset.ready = "true";
    render();
    Outbox.keepStorage();
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
