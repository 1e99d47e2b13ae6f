// The survey as a visitor answers it, on a feedback kiosk or on their own phone: each reply is
// written to an outbox on this device first (static/js/outbox.js) and sent to the sync API
// named by the page, counted once by the id made here, like the kiosk's answers
// (feedback/kiosk.js). On the kiosk's start page only the sending runs (#survey-status), so
// replies made without a connection leave when it comes back. Without this script (or without
// storage) the form posts each reply the plain way. See docs/feedback.md.
(() => {
  "use strict";

  const Outbox = window.VarmestueOutbox;
  const root = document.getElementById("survey-app");
  const statusBox = document.getElementById("survey-status");
  const config = root || statusBox;
  if (!config || !Outbox) {
    return;
  }
  const form = document.getElementById("survey-form");
  const thanks = document.getElementById("survey-thanks");
  const HOME_URL = config.dataset.homeUrl || "";
  const THANKS_MS = Number(config.dataset.thanksSeconds || 4) * 1000;
  const IDLE_MS = Number(config.dataset.idleSeconds || 60) * 1000;
  const FOLD_MS = Number(config.dataset.foldSeconds) * 1000;
  const FIELDS = ["id", "date", "survey", "answers"];

  let folded = 0; // replies replaced by a later one within FOLD_MS, since the page loaded
  let answerNumber = 0;

  function render({ items, problem }) {
    const waiting = outbox.pending().length;
    statusBox.dataset.pending = String(waiting);
    statusBox.dataset.rejected = String(items.length - waiting);
    statusBox.dataset.state = problem || (waiting ? "waiting" : "synced");
    statusBox.dataset.folded = String(folded);
    statusBox.textContent = waiting ? `${config.dataset.waitingText} ${waiting}` : "";
  }

  const outbox = Outbox.sender({
    storeName: config.dataset.store,
    url: config.dataset.apiUrl,
    key: "replies",
    fields: FIELDS,
    foldMs: FOLD_MS,
    lockName: `${config.dataset.store}-sync`,
    render,
  });

  // ---- Answering (the survey's page) ----------------------------------------------------------

  function replyFrom() {
    const answers = {};
    form.querySelectorAll("[data-question]").forEach((field) => {
      const id = field.dataset.question;
      if (field.dataset.kind === "text") {
        const text = field.value.trim();
        if (text) {
          answers[id] = text;
        }
        return;
      }
      const chosen = Array.from(field.querySelectorAll("input:checked"), (input) => Number(input.value));
      if (chosen.length) {
        answers[id] = field.dataset.kind === "multiple" ? chosen : chosen[0];
      }
    });
    return answers;
  }

  function showNoAnswer() {
    Outbox.showAlert(form.querySelector(".fb-send-row"), "survey-client-error", config.dataset.noAnswerText);
    const first = form.querySelector("input.fb-choice-input, textarea");
    if (first) {
      first.focus();
    }
  }

  function goHome() {
    if (HOME_URL) {
      window.location.replace(HOME_URL);
    }
  }

  async function onSubmit(event) {
    if (!outbox.state.store) {
      return; // no storage on this device: the form posts itself
    }
    event.preventDefault();
    const answers = replyFrom();
    if (!Object.keys(answers).length) {
      showNoAnswer();
      return;
    }
    const now = Date.now();
    // The id is made now, once: a retry sends the same id, so the server stores it once.
    const item = {
      id: Outbox.newId(),
      date: Outbox.localToday(),
      survey: Number(root.dataset.survey),
      answers,
      at: now,
      n: ++answerNumber,
      status: "pending",
    };
    try {
      if (await outbox.put(item)) {
        folded += 1; // the last reply wins
      }
    } catch {
      form.submit(); // storage failed: post the plain way (the page's own id)
      return;
    }
    render(outbox.state);
    const box = document.getElementById("survey-client-error");
    if (box) {
      box.remove();
    }
    form.hidden = true;
    thanks.hidden = false;
    thanks.querySelector("h1").focus();
    window.setTimeout(outbox.sync, FOLD_MS + 100);
    if (HOME_URL) {
      // Back to the kiosk's start after the sending had its chance (the start page sends too).
      window.setTimeout(goHome, Math.max(THANKS_MS, FOLD_MS + 1500));
    }
  }

  // A kiosk left alone on the survey goes back to its start, so the next person never sees
  // the last answers.
  let idleTimer = null;
  function touched() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(goHome, IDLE_MS);
  }
  if (root && HOME_URL) {
    ["pointerdown", "keydown", "input"].forEach((name) =>
      document.addEventListener(name, touched, { passive: true }),
    );
    touched();
  }

  if (form) {
    form.addEventListener("submit", onSubmit);
  }

  async function start() {
    try {
      await outbox.open();
    } catch {
      outbox.state.store = null; // replies are posted one by one, as without the script
      return;
    }
    config.dataset.ready = "true";
    render(outbox.state);
    Outbox.keepStorage();
    if (config.dataset.workerUrl) {
      Outbox.registerWorker({
        url: config.dataset.workerUrl,
        scope: config.dataset.workerScope,
        pages: JSON.parse(config.dataset.pages),
        path: window.location.pathname,
      });
    }
    outbox.listen();
  }

  start();
})();
