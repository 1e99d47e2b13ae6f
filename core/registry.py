"""What each app contributes to shared pages: navigation, dashboard panels, data commands.

An app contributes by having a module of a known name (`navigation`, `dashboard`,
`reference`, `demo`); this keeps the core free of imports from the apps.
"""

import datetime
import re
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.conf import settings
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: str | None = None  # None: any logged-in user
    order: int = 100


PANEL_TEMPLATE = re.compile(r"^\w+/panels/\w+\.html$")


@dataclass
class Panel:
    """A dashboard panel: a template (`<app>/panels/<name>.html`) and its context."""

    template_name: str
    context: dict = field(default_factory=dict)
    order: int = 100

    def __post_init__(self) -> None:
        if not PANEL_TEMPLATE.match(self.template_name):
            raise ValueError(f"Panel templates are <app>/panels/<name>.html: {self.template_name}")


def app_modules(module_name: str) -> list[ModuleType]:
    """The `<app>.<module_name>` modules of the local apps, in LOCAL_APPS order."""
    found = []
    for app in settings.LOCAL_APPS:
        try:
            found.append(import_module(f"{app}.{module_name}"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.{module_name}":
                raise
    return found


@dataclass(frozen=True)
class SitePresence:
    """Something happening at a site at a time, contributed by another app.

    The partners app contributes its outreach sessions this way (module `site_presence`,
    function `presence(*, site_ids, start, end) -> list[SitePresence]`), and the public
    schedule and the volunteer roster show them without importing that app.
    """

    site_id: int
    title: str
    starts: datetime.datetime
    ends: datetime.datetime
    description: str = ""
    url_name: str = ""  # optional staff page, reversed with url_kwargs
    url_kwargs: dict = field(default_factory=dict, hash=False, compare=False)


def site_presence(*, site_ids, start, end) -> list[SitePresence]:
    """Everything the apps contribute for these sites between two aware datetimes."""
    found: list[SitePresence] = []
    for module in app_modules("site_presence"):
        found.extend(module.presence(site_ids=site_ids, start=start, end=end))
    return sorted(found, key=lambda p: (p.starts, p.site_id, p.title))


@dataclass(frozen=True)
class RecordLink:
    """A link from an object of one app to what another app records about it: the 2021 plan's
    task "Dialog med borgerne…" (planning) links to the meetings with visitors (feedback).

    An app contributes with a module `record_links` and a function
    `links(obj, user) -> list[RecordLink]` (empty for objects it knows nothing about).
    """

    label: str
    url: str


def record_links(obj, user) -> list[RecordLink]:
    """What the apps link to from `obj`, for this user."""
    found: list[RecordLink] = []
    for module in app_modules("record_links"):
        found.extend(module.links(obj, user))
    return found
