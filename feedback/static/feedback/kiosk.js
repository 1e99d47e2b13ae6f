// The feedback kiosk: each answer is written to an outbox on this device first (static/js/
// outbox.js) and sent to the kiosk's sync API, counted once by the id made here; with the
// service worker (/feedback/kiosk/sw.js) the kiosk opens and takes answers without a
// connection, on the bus like the tally page. It clears itself after each answer and after a
// minute untouched, so the next person never sees the last answer. Without this script (or
// without storage) the form posts each answer the plain way. See docs/feedback.md.
(() => {
  "use strict";

  const root = document.getElementById("kiosk-app");
  const Outbox = window.VarmestueOutbox;
  if (!root) {
    return;
  }
  const form = document.getElementById("kiosk-form");
  const thanks = document.getElementById("kiosk-thanks");
  const rest = document.getElementById("kiosk-rest");
  const statusBox = document.getElementById("kiosk-status");
  const HOME_URL = root.dataset.homeUrl;
  const THANKS_MS = Number(root.dataset.thanksSeconds) * 1000;
  const IDLE_MS = Number(root.dataset.idleSeconds) * 1000;
  const FOLD_MS = Number(root.dataset.foldSeconds) * 1000;
  const PER_MINUTE = Number(root.dataset.perMinute);
  const SYNC_EVERY_MS = 30000;
  const BATCH_SIZE = 100;
  const FIELDS = ["id", "date", "mood", "topics", "text"];

  function atHome() {
    return window.location.pathname === HOME_URL && !window.location.search;
  }

  // ---- Showing: the form, the thanks, the rest -------------------------------------------------

  let showing = "form";

  function show(what) {
    showing = what;
    form.hidden = what !== "form";
    thanks.hidden = what !== "thanks";
    rest.hidden = what !== "rest";
    const heading = what === "thanks" ? thanks : what === "rest" ? rest : null;
    if (heading) {
      heading.querySelector("h1").focus();
    }
  }

  function clearError() {
    const box = document.getElementById("kiosk-client-error");
    if (box) {
      box.remove();
    }
  }

  // Back to the start: the home language, an empty form, nothing of the last answer.
  function reset() {
    if (!atHome()) {
      window.location.replace(HOME_URL);
      return;
    }
    form.reset();
    clearError();
    show("form");
  }

  let idleTimer = null;

  function touched() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(() => {
      const dirty = Array.from(form.elements).some(
        (field) => (field.checked && field.type !== "hidden") || (field.type === "textarea" && field.value),
      );
      if (showing === "form" && (dirty || !atHome())) {
        reset();
      }
      touched();
    }, IDLE_MS);
  }

  ["pointerdown", "keydown", "input"].forEach((name) =>
    document.addEventListener(name, touched, { passive: true }),
  );
  touched();

  if (root.dataset.thanks === "true") {
    window.setTimeout(() => window.location.replace(HOME_URL), THANKS_MS);
  }

  if (!Outbox || !form) {
    return; // the plain form post
  }

  // ---- The outbox ------------------------------------------------------------------------------

  let store = null;
  let items = [];
  let problem = null; // "offline", "login" (no longer a kiosk) or "server"
  let offlineReady = false;
  let lastAnswer = null; // {id, at}: the answer a new one within FOLD_MS replaces
  let recent = []; // when the last answers were made, for the pace
  let answerNumber = 0;
  let folded = 0; // answers replaced by a later one within FOLD_MS, since the page loaded

  function pending() {
    return items.filter((item) => item.status !== "rejected");
  }

  function render() {
    const waiting = pending().length;
    statusBox.dataset.pending = String(waiting);
    statusBox.dataset.rejected = String(items.length - waiting);
    statusBox.dataset.state = problem || (waiting ? "waiting" : "synced");
    statusBox.dataset.offlineReady = String(offlineReady);
    statusBox.dataset.folded = String(folded);
    statusBox.textContent = waiting ? `${root.dataset.waitingText} ${waiting}` : "";
  }

  async function syncOnce() {
    try {
      if (!navigator.onLine) {
        throw new Outbox.SyncError("offline");
      }
      for (;;) {
        items = await store.all();
        // An answer waits FOLD_MS on the device, so a new one within that time can replace it.
        const ripe = Date.now() - FOLD_MS;
        const batch = pending()
          .filter((item) => item.at <= ripe)
          .slice(0, BATCH_SIZE);
        if (!batch.length) {
          break;
        }
        const sent = await Outbox.sendBatch({
          store,
          url: root.dataset.apiUrl,
          key: "answers",
          batch,
          fields: FIELDS,
        });
        if (!sent.answered) {
          break;
        }
      }
      problem = null;
      return true;
    } catch (error) {
      problem = error instanceof Outbox.SyncError ? error.kind : "server";
      return false;
    } finally {
      items = await store.all();
      render();
    }
  }

  const sync = Outbox.syncer({
    lockName: "varmestue-kiosk-sync",
    once: syncOnce,
    everyMs: SYNC_EVERY_MS,
    failedKind: () => problem,
  });

  // ---- Answering -------------------------------------------------------------------------------

  function answerFrom() {
    const data = new FormData(form);
    const mood = Number.parseInt(data.get("mood"), 10);
    return {
      mood,
      topics: data.getAll("topics"),
      text: String(data.get("text") || "").trim(),
    };
  }

  function showNoFace() {
    clearError();
    const box = document.createElement("div");
    box.id = "kiosk-client-error";
    box.className = "alert alert-error";
    box.setAttribute("role", "alert");
    const body = document.createElement("div");
    body.className = "alert-body";
    const text = document.createElement("p");
    text.className = "alert-text";
    text.textContent = root.dataset.noFaceText;
    body.append(text);
    box.append(body);
    form.prepend(box);
    document.getElementById("kiosk-mood-1").focus();
  }

  // After PER_MINUTE answers within a minute the kiosk rests until the minute has passed.
  function paceWait(now) {
    recent = recent.filter((at) => now - at < 60000);
    return recent.length >= PER_MINUTE ? 60000 - (now - recent[0]) : 0;
  }

  async function onSubmit(event) {
    const answer = answerFrom();
    if (!store) {
      return; // no storage on this device: the form posts itself
    }
    event.preventDefault();
    if (!answer.mood) {
      showNoFace();
      return;
    }
    const now = Date.now();
    // The id is made now, once: a retry sends the same id, so the server stores it once.
    const item = {
      id: Outbox.newId(),
      date: Outbox.localToday(),
      ...answer,
      at: now,
      n: ++answerNumber,
      status: "pending",
    };
    const folds =
      lastAnswer && now - lastAnswer.at < FOLD_MS && pending().some((i) => i.id === lastAnswer.id);
    try {
      if (folds) {
        await store.replace(lastAnswer.id, item); // the last answer wins
        folded += 1;
      } else {
        await store.add(item);
        recent.push(now);
      }
    } catch {
      form.submit(); // storage failed: post the plain way (the page's own id)
      return;
    }
    lastAnswer = { id: item.id, at: now };
    items = await store.all();
    render();
    const wait = paceWait(now);
    show(wait ? "rest" : "thanks");
    window.setTimeout(reset, wait || THANKS_MS);
    window.setTimeout(sync, FOLD_MS + 100);
  }

  form.addEventListener("submit", onSubmit);

  async function start() {
    try {
      store = await Outbox.openStore("varmestue-kiosk");
      items = await store.all();
    } catch {
      store = null; // answers are posted one by one, as without the script
      return;
    }
    root.dataset.ready = "true";
    render();
    Outbox.keepStorage();
    const pages = JSON.parse(root.dataset.pages);
    Outbox.registerWorker({
      url: root.dataset.workerUrl,
      scope: HOME_URL,
      pages,
      path: window.location.pathname,
    }).then((ready) => {
      offlineReady = ready;
      render();
    });
    window.addEventListener("online", sync);
    window.addEventListener("offline", () => {
      problem = "offline";
      render();
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") {
        sync();
      }
    });
    window.setInterval(sync, SYNC_EVERY_MS);
    sync();
  }

  start();
})();
