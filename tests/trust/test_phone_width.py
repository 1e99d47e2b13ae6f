"""No page scrolls sideways on a phone: every page of the access matrix at 320 and 390 px.

Each page of tests/<app>/access.py that a role may open (tests/trust/matrixpages.py), with the
reference and demo data, in Debian's chromium at a small phone's 320 px and a common 390 px,
as that role. A page fails when the document is wider than the window
(`scrollWidth > clientWidth`); the message names the elements that stick out, leaving out
those inside a box that scrolls on its own (a wide table in its scrolling wrapper is fine).
Files, fragments and actions (NOT_PAGES in tests/trust/axe_pages.py) are not pages.
"""

from collections import defaultdict

import pytest

from tests.trust.axe_pages import NOT_PAGES
from tests.trust.matrixpages import load_data, matrix_pages

WIDTHS = (320, 390)

# What sticks out of the window: the outermost such elements, leaving out those clipped by a
# box that scrolls on its own (a wide table in its wrapper), unless they escape it by being
# positioned outside it (screen-reader text, position: absolute, in a scrolling table whose
# wrapper is not their containing block spills over the page).
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return null;
  const clipped = (el) => {
    if (["absolute", "fixed"].includes(getComputedStyle(el).position)) {
      let block = el.parentElement;  // the containing block: the nearest positioned ancestor
      while (block && block !== document.body && getComputedStyle(block).position === "static") {
        block = block.parentElement;
      }
      for (let p = block; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    }
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") return true;
    }
    return false;
  };
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 0.5 || clipped(el)) continue;
    if (found.some((outer) => outer.contains(el))) continue;
    found.push(el);
  }
  const name = (el) =>
    el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
    ` (right ${Math.round(el.getBoundingClientRect().right)} px)` +
    ` “${(el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50)}”`;
  return {scroll: root.scrollWidth, width, culprits: found.slice(0, 5).map(name)};
}"""


@pytest.mark.browser
def test_no_page_scrolls_sideways_at_320_and_390_px(subtests, live_url, new_context, log_in):
    users = load_data()
    by_role = defaultdict(list)
    for page in matrix_pages(users):
        if page.url_name not in NOT_PAGES:
            by_role[page.role].append(page)
    assert set(by_role) == {
        "anonymous",
        "volunteer",
        "staff",
        "coordinator",
        "manager",
        "superuser",
    }
    visited = 0
    for width in WIDTHS:
        for role, pages in by_role.items():
            context = new_context(viewport={"width": width, "height": 800})
            if users[role] is not None:
                log_in(users[role], context=context)
            tab = context.new_page()
            for page in pages:
                if page.cookies:
                    context.add_cookies(
                        [{"name": k, "value": v, "url": live_url} for k, v in page.cookies.items()]
                    )
                response = tab.goto(page.url)
                if not response.headers.get("content-type", "").startswith("text/html"):
                    continue
                visited += 1
                overflow = tab.evaluate(OVERFLOW)
                if overflow:
                    with subtests.test(msg=f"{page.label}, {width} px"):
                        pytest.fail(
                            f"{page.label} at {width} px is {overflow['scroll']} px wide:\n  "
                            + "\n  ".join(overflow["culprits"]),
                            pytrace=False,
                        )
                if page.cookies:
                    context.clear_cookies(name=next(iter(page.cookies)))
            context.close()
    assert visited > 300
