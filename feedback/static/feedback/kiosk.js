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

  let offlineReady = false;
  let recent = []; // when the last answers were made, for the pace
  let answerNumber = 0;
  let folded = 0; // answers replaced by a later one within FOLD_MS, since the page loaded

  function render({ items, problem }) {
    const waiting = outbox.pending().length;
    statusBox.dataset.pending = String(waiting);
    statusBox.dataset.rejected = String(items.length - waiting);
    statusBox.dataset.state = problem || (waiting ? "waiting" : "synced");
    statusBox.dataset.offlineReady = String(offlineReady);
    statusBox.dataset.folded = String(folded);
    statusBox.textContent = waiting ? `${root.dataset.waitingText} ${waiting}` : "";
  }

  const outbox = Outbox.sender({
    storeName: "varmestue-kiosk",
    url: root.dataset.apiUrl,
    key: "answers",
    fields: FIELDS,
    foldMs: FOLD_MS,
    lockName: "varmestue-kiosk-sync",
    render,
  });
  const sync = outbox.sync;

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
    Outbox.showAlert(form.firstElementChild, "kiosk-client-error", root.dataset.noFaceText);
    document.getElementById("kiosk-mood-1").focus();
  }

  // After PER_MINUTE answers within a minute the kiosk rests until the minute has passed.
  function paceWait(now) {
    recent = recent.filter((at) => now - at < 60000);
    return recent.length >= PER_MINUTE ? 60000 - (now - recent[0]) : 0;
  }

  async function onSubmit(event) {
    const answer = answerFrom();
    if (!outbox.state.store) {
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
    try {
      if (await outbox.put(item)) {
        folded += 1; // the last answer wins
      } else {
        recent.push(now);
      }
    } catch {
      form.submit(); // storage failed: post the plain way (the page's own id)
      return;
    }
    render(outbox.state);
    const wait = paceWait(now);
    show(wait ? "rest" : "thanks");
    window.setTimeout(reset, wait || THANKS_MS);
    window.setTimeout(sync, FOLD_MS + 100);
  }

  form.addEventListener("submit", onSubmit);

  async function start() {
    try {
      await outbox.open();
    } catch {
      outbox.state.store = null; // answers are posted one by one, as without the script
      return;
    }
    root.dataset.ready = "true";
    render(outbox.state);
    Outbox.keepStorage();
    const pages = JSON.parse(root.dataset.pages);
    Outbox.registerWorker({
      url: root.dataset.workerUrl,
      scope: HOME_URL,
      pages,
      path: window.location.pathname,
    }).then((ready) => {
      offlineReady = ready;
      render(outbox.state);
    });
    outbox.listen();
  }

  start();
})();
