"""The access-control matrix: how each URL must answer each role.

Every app lists its URL names in `tests/<app>/access.py` as `ACCESS = [Access(...), ...]`.
The walker in tests/trust walks every URL pattern of the project and fails for any URL name
that no `ACCESS` list classifies.

Outcomes: "ok" (2xx, or a redirect that is not the login-required redirect), "login" (a
redirect to /login/ carrying `?next=`, as LoginRequiredMiddleware answers; APIs that answer
anonymous users with 401/403 JSON use "denied"), "forbidden" (403), "not_found" (404),
"denied" (401 or 403), "method_not_allowed" (405). Logout's plain redirect to /login/ is "ok".
Roles: anonymous, volunteer, staff, coordinator, manager, superuser.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "volunteer", "staff", "coordinator", "manager", "superuser")
OUTCOMES = ("ok", "login", "forbidden", "not_found", "denied", "method_not_allowed")


@dataclass(frozen=True)
class Access:
    url_name: str
    expect: dict[str, str]
    # Builds what the URL needs (with the database available) and returns its kwargs.
    # It receives the users by role, e.g. to make "another volunteer's" object.
    kwargs: Callable[[dict], dict] | None = None
    method: str = "get"
    data: dict = field(default_factory=dict)
    query: str = ""
    # Cookies the client carries besides any login, e.g. a feedback kiosk's device token;
    # built like `kwargs` (after it), from the users by role.
    cookies: Callable[[dict], dict] | None = None
    # For a URL about one site's object (its kwargs make a site): how it answers a user
    # scoped to another operator ("not_found" or "forbidden"); a user scoped to the operator
    # running the site gets `expect` (tests/trust/test_scoped_access.py). "as_role" for a
    # URL whose object is not any one operator's (a bus, an operator's own page).
    other_operator: str | None = None
    # How it answers a user scoped to the operator running the site (default: `expect`);
    # "forbidden" for what only unscoped users may do (recording a takeover, a shared bus).
    own_operator: str | None = None

    def __post_init__(self):
        assert set(self.expect) == set(ROLES), f"{self.url_name}: give every role"
        assert set(self.expect.values()) <= set(OUTCOMES), f"{self.url_name}: unknown outcome"
        assert self.other_operator in (None, "as_role", *OUTCOMES), f"{self.url_name}: scoped?"


def expect(
    *,
    anonymous: str = "login",
    volunteer: str = "forbidden",
    staff: str = "forbidden",
    coordinator: str = "forbidden",
    manager: str = "forbidden",
    superuser: str = "ok",
) -> dict[str, str]:
    return {
        "anonymous": anonymous,
        "volunteer": volunteer,
        "staff": staff,
        "coordinator": coordinator,
        "manager": manager,
        "superuser": superuser,
    }


PUBLIC = expect(anonymous="ok", volunteer="ok", staff="ok", coordinator="ok", manager="ok")
ANY_USER = expect(volunteer="ok", staff="ok", coordinator="ok", manager="ok")
OPERATIONS = expect(staff="ok", coordinator="ok", manager="ok")  # view_operations
TALLIES = expect(staff="ok", coordinator="ok")  # log_tallies
COORDINATORS = expect(coordinator="ok")  # manage_*
MANAGERS = expect(manager="ok")  # export_reports
VOLUNTEERS = expect(volunteer="ok")  # volunteer_self_service
