"""Every page passes an axe-core audit (WCAG 2.1 A and AA rules), in Danish and in English.

The pages are those of the access matrix that some role may open, opened as that role in
Debian's chromium (tests/browser fixtures). Files and feeds (PDF, XLSX, iCalendar, JSON) are
not pages and are left out.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.trust.test_access_matrix import ACCESS, LazyUsers

pytestmark = pytest.mark.browser

ROLE_ORDER = ("coordinator", "volunteer", "staff", "manager", "superuser", "anonymous")
NOT_PAGES = (".pdf", ".xlsx", ".csv", ".ics", "api", "healthz", "export", "feed", "document")
PAGES = [
    entry
    for entry in ACCESS
    if entry.method == "get"
    and any(entry.expect[r] == "ok" for r in ROLE_ORDER)
    and not any(marker in entry.url_name for marker in NOT_PAGES)
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LOCALES = {"da": "da-DK", "en": "en-GB"}
AXE = Axe()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("entry", PAGES, ids=[e.url_name for e in PAGES])
def test_the_page_has_no_accessibility_violations(entry, language, new_context, log_in):
    users = LazyUsers()
    role = next(r for r in ROLE_ORDER if entry.expect[r] == "ok")
    url = reverse(entry.url_name, kwargs=entry.kwargs(users) if entry.kwargs else {})
    if entry.query:
        url = f"{url}?{entry.query}"
    # axe is injected as a script: the CSP must let it in (the app's own pages are unchanged).
    context = new_context(bypass_csp=True, locale=LOCALES[language])
    if users[role] is not None:
        log_in(users[role], context=context)
    page = context.new_page()
    response = page.goto(url)
    if "text/html" not in (response.headers.get("content-type") or ""):
        return
    assert page.evaluate("document.documentElement.lang") == language
    results = AXE.run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{url} ({language}, {role}):\n" + (
        results.generate_report()
    )
