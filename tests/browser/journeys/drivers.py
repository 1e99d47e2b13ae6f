"""Two ways through a journey: the mouse, and the keyboard alone.

A journey is written once against a driver and runs with both. The mouse driver clicks and
fills. The keyboard driver only presses Tab, Shift+Tab, Enter, Space, the arrow keys and
types text, and after the first page it never navigates by URL: it reaches every link,
field and button by tabbing, and checks on the way that each stop shows a visible focus
indicator inside the viewport, and that focus reaches the target at all (no keyboard trap).
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

# Enough for the longest page the journeys cross (the tally page has 40+ buttons); a page
# that needs more stops than this to reach its target has a keyboard problem of its own.
MAX_TAB_STOPS = 200
PASSWORD = "correct horse battery staple"  # tests/core/factories.UserFactory's

# What the focused element looks like: its visible focus indicator (an outline or a box
# shadow; for the design system's visually hidden checkboxes and radios, the one drawn on
# their label), and whether it is inside the viewport.
_FOCUS_STATE = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  let shown = element;
  let pseudo = null;
  if (element.matches("input[type=checkbox], input[type=radio]") && element.labels.length) {
    shown = element.labels[0];
    pseudo = "::before";
  }
  const style = getComputedStyle(shown, pseudo);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== "none";
  const box = shown.getBoundingClientRect();
  const visible = getComputedStyle(shown).visibility !== "hidden"
    && parseFloat(getComputedStyle(shown).opacity) > 0;
  const inViewport = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
    && box.top < window.innerHeight && box.left < window.innerWidth;
  const text = (element.innerText || element.value || element.getAttribute("aria-label") || "")
    .trim().replace(/\\s+/g, " ").slice(0, 60);
  return {
    describe: `<${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}> ${text}`,
    indicator: outline || shadow,
    visible: visible && inViewport,
    isMain: element.tagName === "MAIN",
  };
}
"""


def focus_state(page: Page) -> dict | None:
    return page.evaluate(_FOCUS_STATE)


def assert_focus_visible(page: Page) -> None:
    state = focus_state(page)
    assert state is not None, "Nothing has the focus."
    assert state["visible"], f"The focused element is not on screen: {state['describe']}"
    if not state["isMain"]:  # the skip link's target is not a control; it needs no ring
        assert state["indicator"], f"The focus is invisible on {state['describe']}"


class Mouse:
    """Clicks, fills and picks options the usual way."""

    name = "mouse"

    def __init__(self, page: Page, log_in):
        self.page = page
        self._log_in = log_in

    def start(self, user) -> None:
        """Log in (a session cookie) and open the start page, the dashboard."""
        self._log_in(user)
        self.page.goto("/")
        self.page.wait_for_load_state()

    # The keyword option `key` (Enter or Space) only steers the keyboard driver.

    def go(self, target: Locator, **_keyboard) -> None:
        """Follow a link or submit a form, and wait for the new page."""
        with self.page.expect_navigation():
            target.click()
        self.page.wait_for_load_state()

    def activate(self, target: Locator, **_keyboard) -> None:
        """Press a button or link handled on the page (script, htmx, a download)."""
        target.click()

    def choose(self, select: Locator, label: str, **_keyboard) -> None:
        select.select_option(label=label)

    def tick(self, box: Locator, **_keyboard) -> None:
        box.check()

    def type_into(self, field: Locator, text: str, **_keyboard) -> None:
        field.fill(text)

    def reach(self, target: Locator, **_keyboard) -> None:
        """Bring a control to hand (the keyboard driver tabs to it)."""
        target.scroll_into_view_if_needed()

    def skip_to_content(self) -> None:
        """Only keyboard users need the skip link."""


class Keyboard:
    """Tab, Shift+Tab, Enter, Space, arrow keys and typing; no clicks, no URLs."""

    name = "keyboard"

    def __init__(self, page: Page):
        self.page = page
        self._new_page = False

    def _loaded(self) -> None:
        self.page.wait_for_load_state()
        self._new_page = focus_state(self.page) is None  # unless a field took the focus

    def start(self, user) -> None:
        """Log in through the login form by keyboard, which leads to the dashboard; the login
        page is the only URL this driver opens."""
        page = self.page
        page.goto("/login/")
        page.wait_for_load_state()
        self.type_into(page.get_by_label("Brugernavn"), user.get_username())
        self.type_into(page.get_by_label("Adgangskode"), PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")  # in the password field: submits the form
        self._loaded()
        expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))

    def tab_to(self, target: Locator) -> None:
        """Tab until `target` has the focus, or Shift+Tab if it is behind the focus, as a
        person would; every stop must show its focus."""
        target.wait_for(state="attached")
        handle = target.element_handle()
        if self._has_focus(handle):
            return
        backwards = self.page.evaluate(
            "target => document.activeElement !== document.body && Boolean("
            "target.compareDocumentPosition(document.activeElement)"
            " & Node.DOCUMENT_POSITION_FOLLOWING)",
            handle,
        )
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(MAX_TAB_STOPS):
            self.page.keyboard.press(key)
            if self._new_page and not backwards:
                # On a new page the first Tab lands on the skip link, top left.
                self._new_page = False
                expect(self.page.locator(":focus")).to_have_text("Gå til indhold")
            if focus_state(self.page) is not None:  # past the last stop focus leaves the page
                assert_focus_visible(self.page)
            if self._has_focus(handle):
                return
        pytest.fail(f"{key} never reached {target} in {MAX_TAB_STOPS} stops (a keyboard trap?)")

    def _has_focus(self, handle) -> bool:
        return self.page.evaluate("element => element === document.activeElement", handle)

    def go(self, target: Locator, *, key: str = "Enter") -> None:
        self.tab_to(target)
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self._loaded()

    def skip_to_content(self) -> None:
        """The skip link: Tab to it, Enter, and the focus is on the page's main content."""
        self.tab_to(self.page.get_by_role("link", name="Gå til indhold"))
        self.page.keyboard.press("Enter")
        expect(self.page.locator("main")).to_be_focused()

    def activate(self, target: Locator, *, key: str = "Enter") -> None:
        self.tab_to(target)
        self.page.keyboard.press(key)

    def choose(self, select: Locator, label: str) -> None:
        """Move a closed select to an option with the arrow keys."""
        self.tab_to(select)
        labels = [text.strip() for text in select.locator("option").all_inner_texts()]
        assert label in labels, f"{label!r} is not one of {labels}"
        current = select.evaluate("select => select.selectedIndex")
        steps = labels.index(label) - current
        for _ in range(abs(steps)):
            self.page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        expect(select.locator("option:checked")).to_have_text(label)

    def tick(self, box: Locator) -> None:
        self.tab_to(box)
        self.page.keyboard.press("Space")
        expect(box).to_be_checked()

    def type_into(self, field: Locator, text: str) -> None:
        self.tab_to(field)
        self.page.keyboard.type(text)

    def reach(self, target: Locator) -> None:
        self.tab_to(target)


def follow_main_menu(driver, page: Page, name: str) -> None:
    """Follow an entry of the main menu, through the design system's "Mere" (more) list when
    the entry does not fit on the line."""
    menu = page.get_by_role("navigation", name="Hovedmenu")
    link = menu.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        more = menu.get_by_role("button", name="Mere")
        driver.activate(more)
        expect(more).to_have_attribute("aria-expanded", "true")
    driver.go(link)
