"""Partners: outreach sessions held at the sites, agreements by status."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Agreement
from partners.selectors import agreements_by_status, occurrence_counts
from reports.report import Column, Fact, Section, Table
from reports.sections.common import Context

KEY = "partners"


@dataclass
class SessionsAt:
    site_name: str
    organisation: str
    service: str
    sessions: int = 0
    hours: float = 0.0


@dataclass
class PartnerFigures:
    sessions: int = 0
    hours: float = 0.0
    organisations: int = 0
    # (site id, organisation id, service id) -> sessions held
    by_site_partner: dict[tuple[int, int, int], SessionsAt] = field(default_factory=dict)
    agreements_at_start: dict[str, int] = field(default_factory=dict)
    agreements_at_end: dict[str, int] = field(default_factory=dict)


def build(ctx: Context) -> Section:
    figures = PartnerFigures()
    held: dict[tuple[int, int, int], SessionsAt] = {}
    order = {site.id: n for n, site in enumerate(ctx.sites)}
    # The schedule's sessions; only those begun by now count as held (nobody records
    # attendance, so a session on the schedule is taken as held).
    seconds: dict[tuple[int, int, int], float] = {}
    for counted in occurrence_counts(
        first=ctx.period.start, last=ctx.period.end, site_ids=ctx.site_ids, until=ctx.now
    ):
        s = counted.session
        key = (s.site_id, s.organisation_id, s.service_id)
        if key not in held:
            held[key] = SessionsAt(s.site.name, s.organisation.name, s.service.name)
            seconds[key] = 0
        held[key].sessions += counted.count
        seconds[key] += counted.duration.total_seconds()
    for key, total in seconds.items():
        held[key].hours = total / 3600
    figures.by_site_partner = held
    figures.sessions = sum(h.sessions for h in held.values())
    figures.hours = round(sum(h.hours for h in held.values()), 1)
    figures.organisations = len({key[1] for key in held})

    sessions = Table(
        key="sessions",
        title=_("Outreach sessions held at the sites"),
        columns=[
            Column(_("Site"), numeric=False),
            Column(_("Partner"), numeric=False),
            Column(_("Service"), numeric=False),
            Column(_("Number of sessions")),
            Column(_("Hours")),
        ],
        note=_("Sessions on the schedule up to the day of the report; attendance is not recorded."),
    )
    for key in sorted(held, key=lambda k: (order[k[0]], held[k].organisation, held[k].service)):
        h = held[key]
        sessions.rows.append(
            [h.site_name, h.organisation, h.service, h.sessions, round(h.hours, 1)]
        )
    sessions.total = [_("Total"), "", "", figures.sessions, figures.hours]

    # The status on the first and the last day of the period (or today, if sooner).
    last_day = min(ctx.period.end, timezone.localdate(ctx.now))
    first_day = min(ctx.period.start, last_day)
    figures.agreements_at_start = agreements_by_status(on=first_day)
    figures.agreements_at_end = agreements_by_status(on=last_day)
    agreements = Table(
        key="agreements",
        title=_("Agreements with partners by status"),
        columns=[
            Column(_("Status"), numeric=False),
            Column(_("At the start of the period")),
            Column(_("At the end of the period")),
        ],
        note=_("All partner agreements, not only those at the chosen sites."),
    )
    for status, label in Agreement.Status.choices:
        agreements.rows.append(
            [
                str(label),
                figures.agreements_at_start.get(status, 0),
                figures.agreements_at_end.get(status, 0),
            ]
        )
    agreements.total = [
        _("Total"),
        sum(figures.agreements_at_start.values()),
        sum(figures.agreements_at_end.values()),
    ]
    return Section(
        key=KEY,
        title=_("Partners"),
        facts=[
            Fact(_("Outreach sessions held"), figures.sessions),
            Fact(_("Hours with partners at the sites"), figures.hours),
            Fact(_("Partners present"), figures.organisations),
            Fact(
                _("Active agreements at the end"),
                figures.agreements_at_end.get(Agreement.Status.ACTIVE, 0),
            ),
        ],
        tables=[sessions, agreements],
        figures=figures,
    )
