"""Access classification of the core and project-level URLs."""

from tests.access import ANY_USER, PUBLIC, Access, expect

ACCESS = [
    Access("healthz", PUBLIC),
    Access("login", PUBLIC),
    # Logging out sends everyone to the plain login page ("ok"); an anonymous POST meets the
    # login-required redirect ("login").
    Access("logout", ANY_USER, method="post"),
    Access("password_change", ANY_USER),
    Access("password_change_done", ANY_USER),
    Access("set_language", PUBLIC, method="post", data={"language": "en", "next": "/"}),
    Access("core:dashboard", ANY_USER),
    Access("core:audit", expect(coordinator="ok", manager="ok")),
    # The offline tally page's files at the root (visits/pwa.py): public, nothing secret.
    Access("service_worker", PUBLIC),
    Access("web_manifest", PUBLIC),
    Access("javascript_catalog", PUBLIC, kwargs=lambda users: {"lang": "da"}),
]
