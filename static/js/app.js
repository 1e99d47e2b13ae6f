// Starts the design system's components (with the menu's "More" in the page's language),
// sends Django's CSRF token with htmx requests, makes tables that scroll sideways
// reachable with the keyboard, and ignores a second press of a form's button while sending.

// A table wider than the screen scrolls inside its .vs-table-wrap. Keyboard users can only
// scroll what they can focus (WCAG 2.1.1), so a wrapper that scrolls becomes a focusable,
// named region; one that fits stays out of the tab order.
function tableName(wrap) {
  const caption = wrap.querySelector("caption");
  if (caption && caption.textContent.trim()) {
    return caption.textContent.trim();
  }
  for (let node = wrap.previousElementSibling; node; node = node.previousElementSibling) {
    if (/^H[1-6]$/.test(node.tagName)) {
      return node.textContent.trim();
    }
  }
  return "";
}

function markScrollable(wrap) {
  const scrolls = wrap.scrollWidth > wrap.clientWidth;
  if (scrolls && !wrap.hasAttribute("data-vs-scrolls")) {
    wrap.setAttribute("data-vs-scrolls", "");
    wrap.setAttribute("tabindex", "0");
    const name = tableName(wrap);
    if (name) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name);
    }
  } else if (!scrolls && wrap.hasAttribute("data-vs-scrolls")) {
    for (const attribute of ["data-vs-scrolls", "tabindex", "role", "aria-label"]) {
      wrap.removeAttribute(attribute);
    }
  }
}

const tableResizes = new ResizeObserver((entries) => {
  for (const entry of entries) {
    markScrollable(entry.target.closest(".vs-table-wrap"));
  }
});

function watchTables(root) {
  const wraps = root.matches && root.matches(".vs-table-wrap") ? [root] : [];
  wraps.push(...root.querySelectorAll(".vs-table-wrap"));
  for (const wrap of wraps) {
    markScrollable(wrap);
    tableResizes.observe(wrap);
    if (wrap.firstElementChild) {
      tableResizes.observe(wrap.firstElementChild);
    }
  }
}

// A form being sent ignores a second submit (a double click on a slow phone). A courtesy:
// the guard is the one-time token on the server (core/submission.py). The buttons get
// aria-disabled rather than disabled, which would drop the pressed button's name from the
// data sent. A form that does not leave the page (htmx, a download) is released again.
const SENDING = "data-vs-sending";

function release(form) {
  form.removeAttribute(SENDING);
  for (const button of form.querySelectorAll("[aria-disabled][data-vs-sent]")) {
    button.removeAttribute("aria-disabled");
    button.removeAttribute("data-vs-sent");
  }
}

function guardDoubleSubmit(event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) {
    return;
  }
  if ((form.getAttribute("method") || "").toLowerCase() !== "post") {
    return;
  }
  if (form.hasAttribute(SENDING)) {
    event.preventDefault();
    return;
  }
  form.setAttribute(SENDING, "");
  for (const button of form.querySelectorAll("button:not([type=button]), input[type=submit]")) {
    if (!button.hasAttribute("aria-disabled")) {
      button.setAttribute("aria-disabled", "true");
      button.setAttribute("data-vs-sent", "");
    }
  }
  window.setTimeout(() => release(form), 15000);
}

document.addEventListener("submit", guardDoubleSubmit);
// Back to a page kept in the browser's cache: its forms may be sent again.
window.addEventListener("pageshow", () => {
  for (const form of document.querySelectorAll(`form[${SENDING}]`)) {
    release(form);
  }
});

document.addEventListener("DOMContentLoaded", () => {
  if (window.DKFDS && typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  }
  // DKFDS names the menu's overflow button "Mere" in every language; use the page's.
  const nav = document.querySelector(".vs-nav[data-more-label]");
  const moreLabel = nav && nav.querySelector(".more-button span");
  if (moreLabel) {
    moreLabel.textContent = nav.dataset.moreLabel;
  }
  document.body.addEventListener("htmx:configRequest", (event) => {
    const token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });
  watchTables(document);
  document.body.addEventListener("htmx:load", (event) => watchTables(event.target));
  document.body.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    if (form) {
      release(form);
    }
  });
});
