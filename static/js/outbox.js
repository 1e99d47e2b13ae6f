// The offline pages' outbox: what a page makes (a tap, a visitor's answer) is written to
// IndexedDB on the device first, then sent in batches to a sync API that answers, per id made
// on the device, "accepted", "duplicates" or "rejected" (core/sync.py), so each item counts
// exactly once however often it is sent. Used by the feedback kiosk (feedback/kiosk.js); the
// tally page's client (visits/tally.js) follows the same protocol. See docs/offline.md.
window.VarmestueOutbox = (() => {
  "use strict";

  // ---- Ids made on the device ---------------------------------------------------------------

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

  function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  }

  // ---- The store (IndexedDB): "outbox" holds the items, "state" what the page remembers ------

  function openDb(name) {
    return new Promise((resolve, reject) => {
      if (!("indexedDB" in window)) {
        reject(new Error("no IndexedDB"));
        return;
      }
      const request = indexedDB.open(name, 1);
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
  function transact(db, names, mode, work) {
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

  async function openStore(name) {
    const db = await openDb(name);
    const run = (names, mode, work) => transact(db, names, mode, work);
    return {
      add: (item) => run(["outbox"], "readwrite", (s) => void s.outbox.add(item)),
      // Adds `item` and deletes `replaced` (its id) in one transaction: folding.
      replace: (replaced, item) =>
        run(["outbox"], "readwrite", (s) => {
          s.outbox.delete(replaced);
          s.outbox.add(item);
        }),
      all: async () => {
        const items = await run(["outbox"], "readonly", (s) => s.outbox.getAll());
        return items.sort((a, b) => a.at - b.at || a.n - b.n);
      },
      discard: (id) => run(["outbox"], "readwrite", (s) => void s.outbox.delete(id)),
      // Deletes what the server took; marks what it refused, with its reason.
      settle: (done, rejected, byId) =>
        run(["outbox"], "readwrite", (s) => {
          done.forEach((id) => s.outbox.delete(id));
          rejected.forEach((item) => {
            s.outbox.put({ ...byId.get(item.id), status: "rejected", error: String(item.error) });
          });
        }),
      get: (key) => run(["state"], "readonly", (s) => s.state.get(key)),
      set: (key, value) => run(["state"], "readwrite", (s) => void s.state.put({ key, value })),
    };
  }

  // ---- Sending ------------------------------------------------------------------------------

  class SyncError extends Error {
    constructor(kind, message) {
      super(message || kind);
      this.kind = kind; // "offline", "login" (401, 403 or a redirect) or "server"
    }
  }

  async function request(url, options, timeoutMs = 20000) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
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

  // Sends one batch as {key: [fields of each item]}; only what the server answered for leaves
  // the outbox (the rest is sent again). Resolves with the accepted ids and whether the server
  // answered for anything.
  async function sendBatch({ store, url, key, batch, fields, headers }) {
    const items = batch.map((item) => Object.fromEntries(fields.map((name) => [name, item[name]])));
    const result = await request(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(headers || {}) },
      body: JSON.stringify({ [key]: items }),
    });
    const byId = new Map(batch.map((item) => [item.id, item]));
    const ids = (list) => (Array.isArray(list) ? list.filter((id) => byId.has(id)) : []);
    const accepted = ids(result.accepted);
    const done = [...accepted, ...ids(result.duplicates)];
    const rejected = (Array.isArray(result.rejected) ? result.rejected : []).filter(
      (item) => item && byId.has(item.id),
    );
    await store.settle(done, rejected, byId);
    return { accepted, answered: done.length + rejected.length > 0 };
  }

  // One sync at a time, also across tabs (Web Locks); a request for a sync while one runs gets
  // a round of its own right after, also when the running one failed. After a server error it
  // tries again after 2, 4, 8, 16 and then `everyMs` at most. `once()` resolves true or false.
  function syncer({ lockName, once, everyMs, failedKind }) {
    let syncing = false;
    let again = false;
    let retryTimer = null;
    let failures = 0;

    async function sync() {
      if (syncing) {
        again = true;
        return;
      }
      syncing = true;
      try {
        let ok;
        do {
          again = false;
          ok = navigator.locks ? await navigator.locks.request(lockName, once) : await once();
        } while (again);
        window.clearTimeout(retryTimer);
        retryTimer = null;
        if (ok || failedKind() !== "server") {
          failures = 0;
        } else {
          failures += 1;
          retryTimer = window.setTimeout(sync, Math.min(everyMs, 1000 * 2 ** Math.min(failures, 5)));
        }
      } finally {
        syncing = false;
      }
    }
    return sync;
  }

  // A page's sending of one outbox, as the feedback kiosk and the survey use it: each item
  // waits `foldMs` on the device (so a new one within that time can replace it), then goes to
  // `url` under `key` in batches of 100; `render(state)` shows state.items and state.problem
  // ("offline", "login" or "server") after every round. open() throws without storage;
  // listen() sends when the connection comes back, the page is shown again, every 30 s, now.
  function sender({ storeName, url, key, fields, foldMs, lockName, render }) {
    const state = { store: null, items: [], problem: null };
    const pending = () => state.items.filter((item) => item.status !== "rejected");

    async function once() {
      try {
        if (!navigator.onLine) {
          throw new SyncError("offline");
        }
        for (;;) {
          state.items = await state.store.all();
          const ripe = Date.now() - foldMs;
          const batch = pending()
            .filter((item) => item.at <= ripe)
            .slice(0, 100);
          if (!batch.length) {
            break;
          }
          const sent = await sendBatch({ store: state.store, url, key, batch, fields });
          if (!sent.answered) {
            break;
          }
        }
        state.problem = null;
        return true;
      } catch (error) {
        state.problem = error instanceof SyncError ? error.kind : "server";
        return false;
      } finally {
        state.items = await state.store.all();
        render(state);
      }
    }

    const sync = syncer({ lockName, once, everyMs: 30000, failedKind: () => state.problem });

    async function open() {
      state.store = await openStore(storeName);
      state.items = await state.store.all();
    }

    // Writes a new item; within `foldMs` of the last one still waiting it replaces that one
    // (the last wins). Resolves true when it folded. Throws when storage fails.
    let last = null;
    async function put(item) {
      const folds =
        last !== null && item.at - last.at < foldMs && pending().some((i) => i.id === last.id);
      if (folds) {
        await state.store.replace(last.id, item);
      } else {
        await state.store.add(item);
      }
      last = { id: item.id, at: item.at };
      state.items = await state.store.all();
      return folds;
    }

    function listen() {
      window.addEventListener("online", sync);
      window.addEventListener("offline", () => {
        state.problem = "offline";
        render(state);
      });
      document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") {
          sync();
        }
      });
      window.setInterval(sync, 30000);
      sync();
    }

    return { state, pending, sync, open, put, listen };
  }

  // An error message (DKFDS alert) with `id`, put before `where`; one at a time.
  function showAlert(where, id, message) {
    const old = document.getElementById(id);
    if (old) {
      old.remove();
    }
    const box = document.createElement("div");
    box.id = id;
    box.className = "alert alert-error";
    box.setAttribute("role", "alert");
    const body = document.createElement("div");
    body.className = "alert-body";
    const text = document.createElement("p");
    text.className = "alert-text";
    text.textContent = message;
    body.append(text);
    box.append(body);
    where.before(box);
  }

  // ---- Offline: storage that lasts, and the service worker ----------------------------------

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

  // Registers the worker and asks it to keep every static file this page loaded, and the
  // pages named (a first visit is not served by the worker). Resolves true once this page is
  // kept for use without a connection.
  async function registerWorker({ url, scope, pages, path }) {
    if (!("serviceWorker" in navigator)) {
      return false;
    }
    try {
      await navigator.serviceWorker.register(url, { scope });
      const registration = await navigator.serviceWorker.ready;
      const urls = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(window.location.origin));
      const reply = await ask(registration.active, { type: "keep", urls, pages, path });
      return Boolean(reply.page);
    } catch {
      return false;
    }
  }

  return {
    newId,
    localToday,
    openStore,
    SyncError,
    request,
    sendBatch,
    syncer,
    sender,
    showAlert,
    keepStorage,
    registerWorker,
  };
})();
