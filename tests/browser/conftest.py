"""Real-browser tests: Playwright for Python driving Debian's chromium.

The fixtures live in tests/browser/fixtures.py, registered for the whole suite by
`pytest_plugins` in tests/conftest.py (a conftest cannot also be a plugin), so every test
directory can use them. Mark every browser test `@pytest.mark.browser`.

Fixtures
- `chromium` (session): the launched browser. Debian's `chromium` (env CHROMIUM_EXECUTABLE,
  else `shutil.which("chromium")`) through `executable_path`: Playwright never downloads a
  browser. No chromium: the test is skipped with the reason, unless REQUIRE_BROWSER_TESTS=1
  (set by .ci/run), where it fails instead.
- `live_url`: the base URL of pytest-django's `live_server` (http://localhost:PORT, a secure
  context, so service workers work). The database is transactional; the role groups, which a
  flush removes, are put back first.
- `browser_context`: a fresh context (own cookies, storage, service workers) with
  `base_url=live_url`, Danish locale, a 768x1024 (tablet) viewport, 10 s timeouts (also for
  `expect`).
  `browser_context.set_offline(True)` cuts the network.
- `new_context(**options)`: more contexts, e.g. a second tablet or a 375 px phone viewport.
- `page`: a page in `browser_context`. Uncaught JavaScript errors and Content-Security-Policy
  violations fail the test (mark it `allow_js_errors` when a test expects them);
  `page.js_errors` lists them.
- `log_in(user, context=None)`: logs `user` in by giving the context a real session cookie
  (made the way the test client's `force_login` makes it), so tests never depend on the login
  form or django-axes. Returns the session key.
- `log_out_everywhere(user)`: deletes the user's sessions on the server (an expired session).

The end-to-end journeys live in tests/browser/journeys/: each runs with a mouse driver and a
keyboard-only driver (`drivers.py`, fixture `driver`), which also checks every focus stop.

Accessibility: `tests.browser.axe.axe_violations(page)` runs the project's one axe-core rule
set (WCAG 2.1 A/AA and best practices) on the page as it is now, `describe(violations)` makes
the failure message. Every page is already audited in both languages by
tests/trust/test_accessibility.py; use these for a state only a journey reaches.

Playwright's sync API runs an event loop in the test's thread, so Django's async-safety guard
is switched off (DJANGO_ALLOW_ASYNC_UNSAFE) for the session once a browser starts. Use
Playwright's auto-waiting (`expect(...)`, `page.wait_for_*`) instead of sleeps.
"""
