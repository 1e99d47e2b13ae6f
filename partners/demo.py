"""Fictitious demo data for the partners: contacts, an agreement and sessions at the sites.

Everything made here is marked "(demo)". It builds on the reference organisations and the
sites' reference data; what is missing is skipped. Idempotent.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
from sites.models import Site

DEMO = "(demo)"

# organisation key -> (name, job title); fictitious people, no real numbers.
CONTACTS = [
    ("jobcenteret", "Mette Demo-Hansen", "Sagsbehandler"),
    ("toften-gadesygeplejersken", "Jonas Demo-Larsen", "Gadesygeplejerske"),
    ("rmc-lokalteamet", "Sara Demo-Nielsen", "Rusmiddelkonsulent"),
    ("frivilligcenter", "Peter Demo-Jensen", "Frivilligkoordinator"),
    ("kirkens-korshaer", "Anne Demo-Poulsen", "Leder af varmestuen"),
]

# The pavilion if it is still in use, else the permanent site that replaced it.
ON_SITE = (Site.Kind.PAVILION, Site.Kind.PERMANENT)
ON_THE_BUS = (Site.Kind.BUS_STOP,)

# organisation key, service key, site kinds, weekday (or None), days ahead (one-off), times
SESSIONS = [
    ("jobcenteret", "caseworker", ON_SITE, 1, None, (10, 12)),
    ("toften-gadesygeplejersken", "street-nursing", ON_THE_BUS, 3, None, (13, 15)),
    ("rmc-sundhedsklinik", "health-clinic", ON_SITE, 2, None, (11, 13)),
    ("rmc-lokalteamet", "drug-counselling", ON_SITE, 0, None, (13, 15)),
    ("borgerservice", "citizen-service", ON_SITE, None, 10, (10, 12)),
    ("frynseklinikken", "pet-care", ON_SITE, None, 24, (12, 14)),
]


def _site(kinds, on) -> Site | None:
    """The first site in use of the first kind that has one (Korsør first), else any."""
    for kind in kinds:
        found = Site.objects.in_use(on).filter(kind=kind).order_by("town", "pk").first()
        if found is not None:
            return found
    return Site.objects.filter(kind__in=kinds).order_by("pk").first()


def _org(key: str) -> Organisation | None:
    return Organisation.objects.filter(reference_key=key).first()


def load(*, stdout, style, rng) -> None:
    contacts = sessions = 0
    for key, name, title in CONTACTS:
        organisation = _org(key)
        if organisation is None:
            continue
        slug = name.split()[-1].lower()
        _contact, created = Contact.objects.get_or_create(
            organisation=organisation,
            name=f"{name} {DEMO}",
            defaults={
                "job_title": title,
                "work_phone": "",
                "work_email": f"{slug}@demo.invalid",
            },
        )
        contacts += created
    jobcenter = _org("jobcenteret")
    if jobcenter is not None:
        Agreement.objects.get_or_create(
            organisation=jobcenter,
            title=f"Fremskudt sagsbehandling i pavillonen {DEMO}",
            defaults={
                "status": Agreement.Status.ACTIVE,
                "starts_on": datetime.date(2021, 9, 1),
                "next_review": timezone.localdate() + datetime.timedelta(days=rng.randint(20, 80)),
                "summary": "En sagsbehandler fra Jobcenteret er i pavillonen hver tirsdag. "
                "Fiktiv demoaftale.",
            },
        )
    today = timezone.localdate()
    for org_key, service_key, site_kinds, weekday, days_ahead, (start, end) in SESSIONS:
        organisation = _org(org_key)
        service = Service.objects.filter(key=service_key).first()
        site = _site(site_kinds, today)
        if organisation is None or service is None or site is None:
            continue
        if OutreachSession.objects.filter(
            organisation=organisation, service=service, note__endswith=DEMO
        ).exists():
            continue
        session = OutreachSession(
            organisation=organisation,
            service=service,
            site=site,
            weekday=weekday,
            date=None if days_ahead is None else today + datetime.timedelta(days=days_ahead),
            start_time=datetime.time(start),
            end_time=datetime.time(end),
            note=f"Fiktivt eksempel {DEMO}",
        )
        try:
            session.full_clean()
        except ValidationError:
            continue  # someone already put a session there
        session.save()
        sessions += 1
    stdout.write(f"Partners: {contacts} demo contacts, {sessions} demo sessions.")
