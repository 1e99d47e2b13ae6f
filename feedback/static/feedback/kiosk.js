// The feedback kiosk: clears itself after each answer and after a minute untouched, so the
// next person never sees the last answer. See docs/feedback.md.
(() => {
  "use strict";

  const root = document.getElementById("kiosk-app");
  if (!root) {
    return;
  }
  const form = document.getElementById("kiosk-form");
  const HOME_URL = root.dataset.homeUrl;
  const THANKS_MS = Number(root.dataset.thanksSeconds) * 1000;
  const IDLE_MS = Number(root.dataset.idleSeconds) * 1000;

  function atHome() {
    return window.location.pathname === HOME_URL && !window.location.search;
  }

  // Back to the start: the home language, an empty form, nothing of the last answer.
  function reset() {
    if (!atHome()) {
      window.location.replace(HOME_URL);
      return;
    }
    form.reset();
  }

  let idleTimer = null;

  function touched() {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(() => {
      const dirty = Array.from(form.elements).some(
        (field) => (field.checked && field.type !== "hidden") || (field.type === "textarea" && field.value),
      );
      if (dirty || !atHome()) {
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
})();
