// Starts the design system's components (with the menu's "More" in the page's language),
// sends Django's CSRF token with htmx requests, and makes tables that scroll sideways
// reachable with the keyboard.

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
});
