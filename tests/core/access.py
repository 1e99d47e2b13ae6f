"""Access classification of the core and project-level URLs."""

from tests.access import ANY_USER, PUBLIC, Access, expect


def _all_jobs_ran(users) -> dict:
    """Every scheduled job has a fresh heartbeat, so an allowed caller gets 200."""
    from core.jobs import expected_jobs, heartbeat

    for job in expected_jobs():
        heartbeat(job.name)
    return {}


# A POST-only view asked with GET: 405 for everyone logged in.
GET_REFUSED = expect(
    volunteer="method_not_allowed",
    staff="method_not_allowed",
    coordinator="method_not_allowed",
    manager="method_not_allowed",
    superuser="method_not_allowed",
)

ACCESS = [
    Access("healthz", PUBLIC),
    # For monitoring: Django staff or the token (JSON 403 for everyone else, also anonymous).
    Access(
        "healthz_jobs",
        expect(
            anonymous="denied",
            volunteer="denied",
            staff="denied",
            coordinator="denied",
            manager="denied",
        ),
        kwargs=_all_jobs_ran,
    ),
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
    # Two-factor login (core/twofactor.py): without a pending login the step sends to /login/.
    Access("login_verify", PUBLIC),
    Access("core:two_factor", ANY_USER),
    Access("core:two_factor_setup", ANY_USER),
    Access("core:two_factor_disable", ANY_USER, method="post"),
    Access("core:two_factor_disable", GET_REFUSED),
    # Backup codes: the page shows new ones once; making new ones is a POST with the password.
    Access("core:backup_codes", ANY_USER),
    Access("core:backup_codes_new", ANY_USER, method="post"),
    Access("core:backup_codes_new", GET_REFUSED),
]
