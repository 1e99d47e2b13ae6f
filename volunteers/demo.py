"""Clearly fictitious demo volunteers, training, recurring shifts and ~8 months of shifts.

Every volunteer's last name ends in "(demo)". Running it again adds nothing twice: volunteers
are found by name, templates by site/weekday/time, shifts by template and start, and only
shifts without anyone on them are filled.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from sites.models import Site, WeeklyHours
from volunteers import reference, services
from volunteers.models import (
    ExtraHours,
    Shift,
    ShiftAssignment,
    ShiftTemplate,
    TemplateNeed,
    TrainingSession,
    TrainingTopic,
    Volunteer,
    VolunteerRole,
)

FIRST_NAMES = [
    "Anna", "Bent", "Camilla", "Dennis", "Ella", "Finn", "Grethe", "Hassan", "Ida", "Jens",
    "Karin", "Lars", "Maja", "Niels", "Oda", "Poul", "Rikke", "Søren", "Tove", "Ulla",
    "Viggo", "Winnie", "Yasmin", "Åse", "Bodil", "Carsten", "Dorte", "Erik", "Fatima",
]  # fmt: skip

CONSENT = "Samtykke til at opbevare kontaktoplysninger til vagtplanen (demo)."

# weekday, start, end, {role code: count}, key holder, staff member
TEMPLATES = [
    (1, datetime.time(9), datetime.time(13), {"social-host": 2, "practical-helper": 1}, True, True),
    (3, datetime.time(11), datetime.time(15), {"social-host": 1, "practical-helper": 1}, 1, 0),
    (5, datetime.time(10), datetime.time(14), {"social-host": 2}, True, False),
]  # fmt: skip


def _volunteers(rng, roles: dict[str, VolunteerRole]) -> list[Volunteer]:
    today = timezone.localdate()
    found = []
    for n, first in enumerate(FIRST_NAMES):
        status = rng.choices(
            [Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED, Volunteer.Status.LEFT,
             Volunteer.Status.INTRODUCTION, Volunteer.Status.INTERESTED],
            weights=[20, 2, 3, 2, 2],
        )[0]  # fmt: skip
        started = today - datetime.timedelta(days=rng.randint(60, 700))
        volunteer, created = Volunteer.objects.get_or_create(
            first_name=first,
            last_name="Eksempel (demo)",
            defaults={
                "email": f"frivillig{n}@demo.invalid",
                "phone": f"+45 00 00 {n:02d} {n:02d}",
                "recruited_via": rng.choice(Volunteer.Recruitment.values),
                "status": status,
                "interested_on": started - datetime.timedelta(days=30),
                "introduced_on": started - datetime.timedelta(days=10)
                if status != Volunteer.Status.INTERESTED
                else None,
                "started_on": started
                if status not in (Volunteer.Status.INTERESTED, Volunteer.Status.INTRODUCTION)
                else None,
                "left_on": today - datetime.timedelta(days=rng.randint(5, 50))
                if status == Volunteer.Status.LEFT
                else None,
                "is_key_holder": rng.random() < 0.3,
                "languages": rng.choice(
                    ["dansk", "dansk, engelsk", "dansk, arabisk", "dansk, tysk"]
                ),
                "consent_given_on": started - datetime.timedelta(days=10),
                "consent_text": CONSENT,
            },
        )
        if created:
            volunteer.roles.set(
                rng.sample([roles["social-host"], roles["practical-helper"]], k=rng.randint(1, 2))
                + ([roles["bisidder"]] if rng.random() < 0.15 else [])
            )
        found.append(volunteer)
    return found


def _frida(roles: dict[str, VolunteerRole]) -> Volunteer | None:
    """The demo login `frivillig` is Frida's volunteer profile."""
    user = get_user_model().objects.filter(username="frivillig").first()
    today = timezone.localdate()
    volunteer, created = Volunteer.objects.get_or_create(
        first_name="Frida",
        last_name="Frivillig (demo)",
        defaults={
            "email": "frivillig@demo.invalid",
            "phone": "+45 00 00 00 00",
            "status": Volunteer.Status.ACTIVE,
            "interested_on": today - datetime.timedelta(days=400),
            "introduced_on": today - datetime.timedelta(days=380),
            "started_on": today - datetime.timedelta(days=370),
            "languages": "dansk, engelsk",
            "consent_given_on": today - datetime.timedelta(days=380),
            "consent_text": CONSENT,
        },
    )
    if created:
        volunteer.roles.set([roles["social-host"], roles["practical-helper"]])
    if user is not None and volunteer.user_id is None and not hasattr(user, "volunteer"):
        volunteer.user = user
        volunteer.save(update_fields=["user"])
    return volunteer


def _training(rng, volunteers: list[Volunteer]) -> None:
    today = timezone.localdate()
    for topic_code, months_ago in [
        ("introduction", 6), ("first-aid-naloxone", 5), ("supervision", 4),
        ("introduction", 3), ("supervision", 2), ("key-holder", 1),
    ]:  # fmt: skip
        topic = TrainingTopic.objects.get(code=topic_code)
        held_on = today - datetime.timedelta(days=30 * months_ago)
        session, created = TrainingSession.objects.get_or_create(
            topic=topic, held_on=held_on, defaults={"held_by": "Personale (demo)"}
        )
        if created:
            session.attendees.set(
                rng.sample(volunteers, k=min(len(volunteers), rng.randint(6, 14)))
            )
    intro = TrainingTopic.objects.get(code="introduction")
    first = TrainingSession.objects.filter(topic=intro).order_by("held_on").first()
    if first:  # everyone active had an introduction
        first.attendees.add(*[v for v in volunteers if v.started_on])


def _fill(rng, volunteers: list[Volunteer], frida: Volunteer | None) -> int:
    """Put volunteers on shifts that have nobody yet: most past places, many future ones."""
    now = timezone.now()
    active = [v for v in volunteers if v.status == Volunteer.Status.ACTIVE]
    by_role: dict[int, list[Volunteer]] = {}
    for volunteer in active:
        for role in volunteer.roles.all():
            by_role.setdefault(role.pk, []).append(volunteer)
    booked: set[tuple[int, datetime.date]] = {
        (vid, timezone.localdate(starts))
        for vid, starts in ShiftAssignment.objects.values_list("volunteer_id", "shift__starts")
    }
    empty = Shift.objects.filter(template__isnull=False, assignments__isnull=True).prefetch_related(
        "needs"
    )
    new = []
    for shift in empty:
        fill_rate = 0.9 if shift.starts < now else 0.55
        taken: set[int] = set()
        day = timezone.localdate(shift.starts)
        for need in shift.needs.all():
            candidates = [
                v
                for v in by_role.get(need.role_id, [])
                if v.pk not in taken and (v.pk, day) not in booked
            ]
            if frida and shift.starts > now and frida in candidates and rng.random() < 0.25:
                candidates.remove(frida)
                candidates.insert(0, frida)
            elif candidates:
                rng.shuffle(candidates)
            for volunteer in candidates[: need.count]:
                if rng.random() < fill_rate or volunteer is frida:
                    new.append(
                        ShiftAssignment(shift=shift, volunteer=volunteer, role_id=need.role_id)
                    )
                    taken.add(volunteer.pk)
                    booked.add((volunteer.pk, day))
    ShiftAssignment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _plan(site: Site, n: int) -> list[tuple]:
    """Shift templates following the site's weekly hours (at most three), else a fixed plan."""
    today = timezone.localdate()
    hours = list(WeeklyHours.objects.filter(site=site, overnight=False).valid_on(today)[:3])
    if hours:
        return [
            (h.weekday, h.opens, h.closes, *TEMPLATES[i % len(TEMPLATES)][3:], "")
            for i, h in enumerate(hours)
        ]
    return [
        ((weekday + n) % 7, begin, finish, needs, key, staff, "Demo-vagt")
        for weekday, begin, finish, needs, key, staff in TEMPLATES
    ]


def load(*, stdout, style, rng) -> None:
    reference.load(stdout=stdout, style=style)
    roles = {r.code: r for r in VolunteerRole.objects.all()}
    volunteers = _volunteers(rng, roles)
    frida = _frida(roles)
    volunteers.append(frida)
    _training(rng, volunteers)
    sites = list(Site.objects.all()[:4])
    if not sites:
        stdout.write("Volunteers: no sites yet, so no demo shifts.")
        return
    today = timezone.localdate()
    created = 0
    staff = get_user_model().objects.filter(username="personale").first()
    for n, site in enumerate(sites):
        for weekday, begin, finish, needs, key_holder, staff_required, reason in _plan(site, n):
            template, was_created = ShiftTemplate.objects.get_or_create(
                site=site,
                weekday=weekday,
                start_time=begin,
                defaults={
                    "end_time": finish,
                    "key_holder_required": key_holder,
                    "staff_required": staff_required,
                    "outside_hours_reason": reason,
                },
            )
            if was_created:
                TemplateNeed.objects.bulk_create(
                    [
                        TemplateNeed(template=template, role=roles[code], count=count)
                        for code, count in needs.items()
                    ]
                )
            shifts = services.generate_shifts(
                template=template,
                start=today - datetime.timedelta(days=182),
                end=today + datetime.timedelta(days=61),
            )
            created += len(shifts)
            if staff is not None:
                for shift in shifts:
                    if shift.staff_required and rng.random() < 0.8:
                        shift.staff_member = staff
                        shift.save(update_fields=["staff_member"])
    filled = _fill(rng, volunteers, frida)
    if frida is not None:
        _extra_hours(frida, sites[0])
    stdout.write(
        f"Volunteers: {len(volunteers)} demo volunteers, {created} shifts, {filled} places filled."
    )


def _extra_hours(frida: Volunteer, site: Site) -> None:
    """Frida's hours outside shifts: one approved, one waiting for a coordinator."""
    today = timezone.localdate()
    for days_ago, kind, hours, state, description in [
        (20, ExtraHours.Kind.TRAINING, "3", ExtraHours.State.APPROVED, "Førstehjælpskursus"),
        (3, ExtraHours.Kind.MEETING, "1.5", ExtraHours.State.PENDING, "Frivilligmøde"),
    ]:
        ExtraHours.objects.get_or_create(
            volunteer=frida,
            worked_on=today - datetime.timedelta(days=days_ago),
            kind=kind,
            defaults={
                "hours": Decimal(hours),
                "state": state,
                "site": site if kind == ExtraHours.Kind.MEETING else None,
                "description": description,
            },
        )
