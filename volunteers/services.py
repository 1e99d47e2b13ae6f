"""Writes that touch several rows: assigning, signing up, cancelling, generating, anonymising.

Every function is keyword-only and runs inside one transaction. Filling a place locks the shift
row first (`select_for_update`; SQLite serialises writers with BEGIN IMMEDIATE), so two people
taking the last place at once never overfill it.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import audit
from core.audit import Actor, user_or_none
from core.models import AuditEntry
from core.roles import Role
from sites.models import Site
from volunteers import opening, shift_mail, training
from volunteers.models import (
    ExtraHours,
    Message,
    Shift,
    ShiftAssignment,
    ShiftNeed,
    ShiftTemplate,
    SignUpRequest,
    TrainingTopic,
    Unavailability,
    Volunteer,
    VolunteerRole,
    WaitingListEntry,
    new_feed_token,
)


class ShiftError(Exception):
    """A rule stopped the change; the message is for the user."""


@dataclass
class AssignmentResult:
    assignment: ShiftAssignment
    warnings: list[str] = field(default_factory=list)


def missing_trainings(*, volunteer: Volunteer, role: VolunteerRole, shift: Shift) -> list[str]:
    """Why this volunteer may not be ready for this role on this shift (empty if ready)."""
    missing, expired = training_problems(volunteer=volunteer, role=role, shift=shift)
    return missing + expired


def training_problems(
    *, volunteer: Volunteer, role: VolunteerRole, shift: Shift
) -> tuple[list[str], list[str]]:
    """(missing, expired): what the volunteer lacks for the role (a coordinator is warned, a
    volunteer refused), and the trainings that have run out by the shift's day (refused for
    everyone: volunteers/training.py)."""
    attended = training.last_attended(volunteer)
    day = timezone.localdate(shift.starts)
    missing, expired = [], []
    if not volunteer.roles.filter(pk=role.pk).exists():
        missing.append(
            _("%(name)s does not have the role %(role)s.") % {"name": volunteer, "role": role}
        )
    needed: list[tuple[TrainingTopic, str | None]] = []
    if role.required_training is not None:
        needed.append((role.required_training, role.name))
    if shift.key_holder_required and volunteer.is_key_holder:
        key_topics = TrainingTopic.objects.filter(required_for_key_holders=True)
        needed += [(t, None) for t in key_topics if t.pk != role.required_training_id]
    for topic, role_name in needed:
        if topic.pk not in attended:
            if role_name is not None:
                text = _("%(name)s has not had the training “%(training)s” that %(role)s requires.")
            else:
                text = _("%(name)s has not had the training “%(training)s” key holders need.")
            missing.append(text % {"name": volunteer, "training": topic, "role": role_name})
            continue
        last_day = training.expired_on(topic=topic, attended=attended, day=day)
        if last_day is not None:
            expired.append(
                _(
                    "The training “%(training)s” of %(name)s was valid until %(day)s, before "
                    "this shift. Attending a new session renews it."
                )
                % {"name": volunteer, "training": topic, "day": training.in_words(last_day)}
            )
    return missing, expired


def _is_unavailable(volunteer: Volunteer, shift: Shift) -> bool:
    day = timezone.localdate(shift.starts)
    return volunteer.unavailabilities.filter(starts_on__lte=day, ends_on__gte=day).exists()


def _overlaps_other_shift(volunteer: Volunteer, shift: Shift) -> bool:
    return (
        ShiftAssignment.objects.filter(volunteer=volunteer, shift__cancelled_at__isnull=True)
        .exclude(shift=shift)
        .filter(shift__starts__lt=shift.ends, shift__ends__gt=shift.starts)
        .exists()
    )


def _fit_problems(*, shift: Shift, volunteer: Volunteer, role: VolunteerRole) -> list[str]:
    """What a coordinator is warned of and a volunteer signing up is refused for."""
    problems = missing_trainings(volunteer=volunteer, role=role, shift=shift)
    if volunteer.status != Volunteer.Status.ACTIVE:
        problems.append(_("%(name)s is not active.") % {"name": volunteer})
    if _is_unavailable(volunteer, shift):
        problems.append(_("%(name)s is marked unavailable that day.") % {"name": volunteer})
    if _overlaps_other_shift(volunteer, shift):
        problems.append(_("%(name)s is on another shift at the same time.") % {"name": volunteer})
    return problems


def _locked_need(
    *, shift: Shift, volunteer: Volunteer, role: VolunteerRole
) -> tuple[Shift, ShiftNeed]:
    """Lock the shift row and check what every way onto it shares; returns (shift, need)."""
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    if shift.is_cancelled:
        raise ShiftError(_("This shift is cancelled."))
    if volunteer.is_anonymised or volunteer.status == Volunteer.Status.LEFT:
        raise ShiftError(_("This volunteer has left."))
    need = ShiftNeed.objects.filter(shift=shift, role=role).first()
    if need is None:
        raise ShiftError(_("This shift does not need the role %(role)s.") % {"role": role})
    if shift.assignments.filter(volunteer=volunteer).exists():
        raise ShiftError(_("%(name)s is already on this shift.") % {"name": volunteer})
    return shift, need


def _is_full(shift: Shift, need: ShiftNeed) -> bool:
    return shift.assignments.filter(role=need.role_id).count() >= need.count


def _self_service_checks(*, shift: Shift, volunteer: Volunteer, role: VolunteerRole) -> None:
    problems = _fit_problems(shift=shift, volunteer=volunteer, role=role)
    if problems:
        raise ShiftError(" ".join(problems))
    if shift.starts <= timezone.now():
        raise ShiftError(_("This shift has already started."))


@transaction.atomic
def assign(
    *,
    shift: Shift,
    volunteer: Volunteer,
    role: VolunteerRole,
    actor: Actor,
    self_service: bool = False,
) -> AssignmentResult:
    """Put a volunteer on a shift in a role, if a place of that role is free.

    A coordinator gets warnings (missing training, unavailable, double-booked); a volunteer
    signing up themselves (`self_service`) is refused instead, and cannot take a place in a
    request-and-confirm role (they ask for it: `request_place`). A training that has run out
    by the shift's day refuses the place for everyone.
    """
    shift, need = _locked_need(shift=shift, volunteer=volunteer, role=role)
    expired = training_problems(volunteer=volunteer, role=role, shift=shift)[1]
    if expired:
        raise ShiftError(" ".join(expired))
    if self_service and role.signup == VolunteerRole.SignUp.CONFIRM:
        raise ShiftError(
            _("The role %(role)s needs a coordinator's confirmation: ask for the place.")
            % {"role": role}
        )
    if _is_full(shift, need):
        raise ShiftError(_("All places as %(role)s on this shift are taken.") % {"role": role})
    warnings = _fit_problems(shift=shift, volunteer=volunteer, role=role)
    if self_service and warnings:
        raise ShiftError(" ".join(warnings))
    if self_service and shift.starts <= timezone.now():
        raise ShiftError(_("This shift has already started."))
    assignment = _place(shift=shift, volunteer=volunteer, role=role)
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"assigned": [None, [volunteer, role]]},
        note=gettext_noop("self sign-up") if self_service else "",
    )
    return AssignmentResult(assignment=assignment, warnings=warnings)


def _place(*, shift: Shift, volunteer: Volunteer, role: VolunteerRole) -> ShiftAssignment:
    """Create the place (the shift row is locked by the caller); a wait for it ends."""
    try:
        with transaction.atomic():
            assignment = ShiftAssignment.objects.create(shift=shift, volunteer=volunteer, role=role)
    except IntegrityError as error:
        raise ShiftError(_("%(name)s is already on this shift.") % {"name": volunteer}) from error
    WaitingListEntry.objects.filter(
        shift=shift, volunteer=volunteer, state=WaitingListEntry.State.WAITING
    ).update(state=WaitingListEntry.State.PLACED)
    return assignment


@transaction.atomic
def request_place(
    *, shift: Shift, volunteer: Volunteer, role: VolunteerRole, actor: Actor
) -> SignUpRequest:
    """A volunteer asks for a place in a request-and-confirm role; a coordinator decides."""
    shift, need = _locked_need(shift=shift, volunteer=volunteer, role=role)
    if role.signup != VolunteerRole.SignUp.CONFIRM:
        raise ShiftError(_("The role %(role)s needs no confirmation: sign up.") % {"role": role})
    if shift.requests.filter(volunteer=volunteer, state=SignUpRequest.State.PENDING).exists():
        raise ShiftError(_("You have already asked for a place on this shift."))
    if _is_full(shift, need):
        raise ShiftError(_("All places as %(role)s on this shift are taken.") % {"role": role})
    _self_service_checks(shift=shift, volunteer=volunteer, role=role)
    request = SignUpRequest.objects.create(shift=shift, volunteer=volunteer, role=role)
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"requested": [None, [volunteer, role]]},
        note=gettext_noop("sign-up request"),
    )
    return request


@transaction.atomic
def decide_request(
    *, request: SignUpRequest, confirm: bool, note: str = "", actor: Actor
) -> list[str]:
    """Confirm (the place is taken as a coordinator would assign it, with its warnings) or
    decline a request; the volunteer is told through the outbox. Returns the warnings."""
    Shift.objects.select_for_update().get(pk=request.shift_id)
    request = (
        SignUpRequest.objects.select_for_update()
        .select_related("shift__site", "volunteer", "role")
        .get(pk=request.pk)
    )
    if request.state != SignUpRequest.State.PENDING:
        raise ShiftError(_("This request is already answered or withdrawn."))
    warnings: list[str] = []
    if confirm:
        warnings = assign(
            shift=request.shift, volunteer=request.volunteer, role=request.role, actor=actor
        ).warnings
    request.state = SignUpRequest.State.CONFIRMED if confirm else SignUpRequest.State.DECLINED
    request.note = note.strip()[:300]
    request.decided_by = user_or_none(actor)
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "note", "decided_by", "decided_at"])
    if not confirm:
        audit.record(
            actor=actor,
            instance=request.shift,
            action="update",
            changes={"requested": [[request.volunteer, request.role], None]},
            note=gettext_noop("sign-up request declined"),
        )
    shift_mail.queue_place_message(
        kind=shift_mail.CONFIRMED if confirm else shift_mail.DECLINED,
        shift=request.shift,
        volunteer=request.volunteer,
        role=request.role,
        note=request.note,
        actor=actor,
    )
    return warnings


@transaction.atomic
def withdraw_request(*, request: SignUpRequest, actor: Actor) -> None:
    updated = SignUpRequest.objects.filter(pk=request.pk, state=SignUpRequest.State.PENDING).update(
        state=SignUpRequest.State.WITHDRAWN
    )
    if not updated:
        raise ShiftError(_("This request is already answered or withdrawn."))
    audit.record(
        actor=actor,
        instance=request.shift,
        action="update",
        changes={"requested": [[request.volunteer, request.role], None]},
        note=gettext_noop("sign-up request withdrawn"),
    )


@transaction.atomic
def join_waiting_list(
    *, shift: Shift, volunteer: Volunteer, role: VolunteerRole, actor: Actor
) -> WaitingListEntry:
    """Wait for a place in a full role (instant sign-up roles only)."""
    shift, need = _locked_need(shift=shift, volunteer=volunteer, role=role)
    if role.signup == VolunteerRole.SignUp.CONFIRM:
        raise ShiftError(
            _("The role %(role)s needs a coordinator's confirmation: ask for the place.")
            % {"role": role}
        )
    if not _is_full(shift, need):
        raise ShiftError(_("A place as %(role)s is free: sign up.") % {"role": role})
    if shift.waiting.filter(volunteer=volunteer, state=WaitingListEntry.State.WAITING).exists():
        raise ShiftError(_("You are already on the waiting list for this shift."))
    _self_service_checks(shift=shift, volunteer=volunteer, role=role)
    entry = WaitingListEntry.objects.create(shift=shift, volunteer=volunteer, role=role)
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"waiting": [None, [volunteer, role]]},
        note=gettext_noop("joined the waiting list"),
    )
    return entry


@transaction.atomic
def leave_waiting_list(*, entry: WaitingListEntry, actor: Actor) -> None:
    updated = WaitingListEntry.objects.filter(
        pk=entry.pk, state=WaitingListEntry.State.WAITING
    ).update(state=WaitingListEntry.State.LEFT)
    if updated:
        audit.record(
            actor=actor,
            instance=entry.shift,
            action="update",
            changes={"waiting": [[entry.volunteer, entry.role], None]},
            note=gettext_noop("left the waiting list"),
        )


def _fill_from_waiting_list(
    *, shift: Shift, role: VolunteerRole, actor: Actor
) -> ShiftAssignment | None:
    """Give a free place to the first on the waiting list who still fits (the caller holds the
    shift's row lock, so nobody else takes it meanwhile); they are told through the outbox."""
    if shift.is_cancelled or shift.starts <= timezone.now():
        return None
    need = ShiftNeed.objects.filter(shift=shift, role=role).first()
    if need is None or _is_full(shift, need):
        return None
    entries = (
        shift.waiting.filter(role=role, state=WaitingListEntry.State.WAITING)
        .select_related("volunteer")
        .order_by("created_at", "pk")
    )
    for entry in entries:
        volunteer = entry.volunteer
        if volunteer.is_anonymised or volunteer.status != Volunteer.Status.ACTIVE:
            continue
        if shift.assignments.filter(volunteer=volunteer).exists():
            continue
        if _fit_problems(shift=shift, volunteer=volunteer, role=role):
            continue  # stays on the list; a later place may fit
        assignment = _place(shift=shift, volunteer=volunteer, role=role)
        audit.record(
            actor=actor,
            instance=shift,
            action="update",
            changes={"assigned": [None, [volunteer, role]]},
            note=gettext_noop("from the waiting list"),
        )
        shift_mail.queue_place_message(
            kind=shift_mail.WAITING_LIST, shift=shift, volunteer=volunteer, role=role, actor=actor
        )
        return assignment
    return None


def cancel_deadline(shift: Shift) -> datetime.datetime:
    """Until when a volunteer may cancel this shift themselves."""
    return shift.starts - datetime.timedelta(hours=settings.VARMESTUE["SHIFT_CANCEL_NOTICE_HOURS"])


def can_cancel_themselves(shift: Shift, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) < cancel_deadline(shift)


@transaction.atomic
def unassign(
    *, assignment: ShiftAssignment, actor: Actor, self_service: bool = False
) -> ShiftAssignment | None:
    """Take a volunteer off a shift; a volunteer may only do it before the notice period.

    The freed place goes to the first on the shift's waiting list who fits (returned)."""
    # The shift first (as every way onto it does), so the freed place goes to the waiting
    # list before anyone else can take it.
    Shift.objects.select_for_update().filter(pk=assignment.shift_id).first()
    assignment = (
        ShiftAssignment.objects.select_for_update()
        .select_related("shift__site", "volunteer", "role")
        .get(pk=assignment.pk)
    )
    if self_service and not can_cancel_themselves(assignment.shift):
        raise ShiftError(
            _("It is too late to cancel this shift here. Please call the coordinator.")
        )
    shift = assignment.shift
    assignment.delete()
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"assigned": [[assignment.volunteer, assignment.role], None]},
        note=gettext_noop("self cancellation") if self_service else "",
    )
    return _fill_from_waiting_list(shift=shift, role=assignment.role, actor=actor)


@transaction.atomic
def cancel_shift(*, shift: Shift, reason: str, actor: Actor) -> int:
    """Call a shift off: nobody can be put on it and it counts for no gaps or hours.

    The volunteers on it keep their places (they see the shift as cancelled); their message is
    stored in the same transaction and sent by the outbox. Returns how many have an e-mail
    address.
    """
    reason = reason.strip()
    if not reason:
        raise ShiftError(_("Give a reason for cancelling the shift."))
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    if shift.is_cancelled:
        raise ShiftError(_("This shift is already cancelled."))
    shift.cancelled_at = timezone.now()
    shift.cancelled_by = user_or_none(actor)
    shift.cancel_reason = reason
    shift.revision += 1
    shift.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "revision"])
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"cancel_reason": ["", reason]},
        note=gettext_noop("cancelled"),
    )
    shift_mail.queue_shift_changed(shift=shift, kind=shift_mail.CANCELLED, actor=actor)
    return shift_mail.recipients(shift).count()


@transaction.atomic
def reinstate_shift(*, shift: Shift, actor: Actor) -> int:
    """Put a cancelled shift back on, with the volunteers it had; they are e-mailed."""
    shift = Shift.objects.select_for_update().get(pk=shift.pk)
    if not shift.is_cancelled:
        raise ShiftError(_("This shift is not cancelled."))
    reason = shift.cancel_reason
    shift.cancelled_at = None
    shift.cancelled_by = None
    shift.cancel_reason = ""
    shift.revision += 1
    shift.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason", "revision"])
    audit.record(
        actor=actor,
        instance=shift,
        action="update",
        changes={"cancel_reason": [reason, ""]},
        note=gettext_noop("reinstated"),
    )
    shift_mail.queue_shift_changed(shift=shift, kind=shift_mail.REINSTATED, actor=actor)
    return shift_mail.recipients(shift).count()


@transaction.atomic
def generate_shifts(
    *, template: ShiftTemplate, start: datetime.date, end: datetime.date, actor: Actor = None
) -> list[Shift]:
    """Create the template's shifts for the days in [start, end]; existing ones are kept.

    Running it twice creates nothing new (one shift per template and start, enforced by the
    database). Days where the site is closed are skipped unless the template gives a reason.
    Each new shift is recorded in the audit history as created by `actor`.
    """
    if end < start:
        raise ShiftError(_("The period cannot end before it starts."))
    needs = list(template.needs.all())
    hours = opening.openings(site=template.site, start=start, end=end)
    created = []
    day = start + datetime.timedelta(days=(template.weekday - start.weekday()) % 7)
    while day <= end:
        starts = timezone.make_aware(datetime.datetime.combine(day, template.start_time))
        ends = timezone.make_aware(datetime.datetime.combine(day, template.end_time))
        inside = opening.fits(hours, starts, ends)
        if inside or template.outside_hours_reason:
            with transaction.atomic():
                shift, was_created = Shift.objects.get_or_create(
                    template=template,
                    starts=starts,
                    defaults={
                        "site": template.site,
                        "ends": ends,
                        "key_holder_required": template.key_holder_required,
                        "staff_required": template.staff_required,
                        "outside_hours_reason": "" if inside else template.outside_hours_reason,
                    },
                )
            if was_created:
                ShiftNeed.objects.bulk_create(
                    [ShiftNeed(shift=shift, role_id=n.role_id, count=n.count) for n in needs]
                )
                audit.record(
                    actor=actor,
                    instance=shift,
                    action="create",
                    changes={"template": [None, template]},
                )
                created.append(shift)
        day += datetime.timedelta(days=7)
    return created


@transaction.atomic
def renew_feed_token(*, volunteer: Volunteer) -> str:
    """Revoke the calendar address: the old link stops working at once."""
    volunteer.feed_token = new_feed_token()
    volunteer.save(update_fields=["feed_token"])
    return volunteer.feed_token


def _only_a_volunteer_login(user: User) -> bool:
    return (
        not user.is_staff
        and not user.is_superuser
        and set(user.groups.values_list("name", flat=True)) <= {Role.VOLUNTEER.value}
    )


def status_changed(*, volunteer: Volunteer, was_left: bool, actor: Actor) -> None:
    """Call after saving a volunteer whose status may have changed (the pages and the admin).

    Leaving: the calendar feed stops (a new secret token nobody has) and the login can no
    longer be used (a volunteer-only login is deactivated, which also ends its sessions;
    a login with another role loses the volunteer role). Coming back undoes the login part;
    the volunteer makes a new calendar address on "Mine vagter".
    """
    is_left = volunteer.status == Volunteer.Status.LEFT
    if is_left == was_left:
        return
    user = volunteer.user
    volunteer_role = Group.objects.filter(name=Role.VOLUNTEER.value)
    if is_left:
        volunteer.feed_token = new_feed_token()
        volunteer.save(update_fields=["feed_token"])
        if user is not None:
            if _only_a_volunteer_login(user):
                user.is_active = False
                user.save(update_fields=["is_active"])
            else:
                user.groups.remove(*volunteer_role)
    else:
        if user is not None:
            if not user.is_active and _only_a_volunteer_login(user):
                user.is_active = True
                user.save(update_fields=["is_active"])
            user.groups.add(*volunteer_role)
    with translation.override(settings.LANGUAGE_CODE):  # notes are kept in the site's language
        note = (
            _("Left: calendar feed stopped, login deactivated")
            if is_left
            else _("Came back: login active again")
        )
    audit.record(actor=actor, instance=volunteer, action="update", note=note)


@transaction.atomic
def anonymise(*, volunteer: Volunteer, actor: Actor) -> Volunteer:
    """Remove the person and keep the counts: shifts, hours, trainings, dates stay.

    The login is deleted when it is only a volunteer login, otherwise unlinked; earlier audit
    entries about the volunteer lose the name too (see `_scrub_history`).
    """
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.is_anonymised:
        return volunteer
    if volunteer.status != Volunteer.Status.LEFT or volunteer.left_on is None:
        raise ShiftError(_("Only a volunteer who has left (with a date) can be anonymised."))
    user = volunteer.user
    deleted_login = None
    volunteer.user = None
    volunteer.first_name = ""
    volunteer.last_name = ""
    volunteer.email = ""
    volunteer.phone = ""
    volunteer.languages = ""
    volunteer.notes = ""
    volunteer.consent_text = ""
    volunteer.feed_token = new_feed_token()
    volunteer.anonymised_at = timezone.now()
    volunteer.save()
    volunteer.unavailabilities.all().delete()
    # The record of messages keeps that one was sent, not the address or the text.
    volunteer.deliveries.update(address="", body="")
    # Hours outside shifts stay as hours; what was written about them may name someone.
    volunteer.extra_hours.update(description="", note="")
    if user is not None:
        if _only_a_volunteer_login(user):
            deleted_login = user.pk
            user.delete()
        else:
            user.groups.remove(*Group.objects.filter(name=Role.VOLUNTEER.value))
    _scrub_history(volunteer=volunteer, deleted_login=deleted_login)
    audit.record(actor=actor, instance=volunteer, action="update", note=gettext_noop("anonymised"))
    return volunteer


def _scrub_history(*, volunteer: Volunteer, deleted_login: int | None) -> None:
    """Take the person out of the audit history; who did what, and when, stays.

    The volunteer's own entries lose the name and the recorded values (name, contact details,
    notes). Other objects' entries (shifts, training sessions) hold only a reference to the
    volunteer, shown with the current, anonymised name (core.audit), so need no change. The
    entries about a deleted volunteer login (e.g. two-factor turned on) lose the user name.
    """
    anonymised = {"object_repr": str(volunteer), "changes": {}}
    AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Volunteer), object_id=str(volunteer.pk)
    ).update(**anonymised)
    if deleted_login is not None:
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(get_user_model()),
            object_id=str(deleted_login),
        ).update(**anonymised)


def anonymise_due(*, now: datetime.datetime | None = None, actor: Actor = None) -> list[Volunteer]:
    """Anonymise everyone who left longer ago than VOLUNTEER_ANONYMISE_AFTER_DAYS."""
    today = timezone.localdate(now or timezone.now())
    cutoff = today - datetime.timedelta(days=settings.VARMESTUE["VOLUNTEER_ANONYMISE_AFTER_DAYS"])
    due = Volunteer.objects.not_anonymised().filter(
        status=Volunteer.Status.LEFT, left_on__lt=cutoff
    )
    return [anonymise(volunteer=v, actor=actor) for v in due]


@transaction.atomic
def set_email_preferences(*, volunteer: Volunteer, email_off: list[str], actor: Actor) -> None:
    """Store which kinds of message the volunteer wants in the app only (must-gets dropped)."""
    wanted_off = sorted(
        {k for k in email_off if k in Message.Kind.values and k not in Message.MUST_GET}
    )
    before = sorted(volunteer.email_off or [])
    if wanted_off == before:
        return
    volunteer.email_off = wanted_off
    volunteer.save(update_fields=["email_off"])
    audit.record(
        actor=actor,
        instance=volunteer,
        action="update",
        changes={"email_off": [before, wanted_off]},
        note=gettext_noop("e-mail preferences"),
    )


def _period_text(period: Unavailability) -> str:
    return f"{period}: {period.note}" if period.note else str(period)


@transaction.atomic
def add_unavailability(
    *,
    volunteer: Volunteer,
    starts_on: datetime.date,
    ends_on: datetime.date,
    note: str = "",
    actor: Actor = None,
) -> Unavailability:
    """Mark a volunteer unavailable; recorded on the volunteer (scrubbed on anonymising)."""
    period = Unavailability.objects.create(
        volunteer=volunteer, starts_on=starts_on, ends_on=ends_on, note=note
    )
    audit.record(
        actor=actor,
        instance=volunteer,
        action="update",
        changes={"unavailable": [None, _period_text(period)]},
        note=gettext_noop("unavailability added"),
    )
    return period


@transaction.atomic
def remove_unavailability(*, period: Unavailability, actor: Actor = None) -> None:
    volunteer = period.volunteer
    text = _period_text(period)
    period.delete()
    audit.record(
        actor=actor,
        instance=volunteer,
        action="update",
        changes={"unavailable": [text, None]},
        note=gettext_noop("unavailability removed"),
    )


@transaction.atomic
def record_extra_hours(
    *,
    volunteer: Volunteer,
    worked_on: datetime.date,
    kind: str,
    hours: Decimal,
    site: Site | None = None,
    description: str = "",
    client_key: uuid.UUID | None = None,
    actor: Actor = None,
) -> ExtraHours:
    """A volunteer records hours outside shifts; they wait for a coordinator's approval.

    The same form posted twice (`client_key`) finds the hours already recorded."""
    if client_key is not None:
        found = ExtraHours.objects.filter(client_key=client_key, volunteer=volunteer).first()
        if found is not None:
            return found
    entry = ExtraHours.objects.create(
        volunteer=volunteer,
        worked_on=worked_on,
        kind=kind,
        hours=hours,
        site=site,
        description=description.strip(),
        client_key=client_key,
    )
    audit.record(
        actor=actor,
        instance=volunteer,
        action="update",
        changes={"extra_hours": [None, str(entry)]},
        note=gettext_noop("hours outside shifts recorded"),
    )
    return entry


@transaction.atomic
def decide_extra_hours(
    *, entry: ExtraHours, approve: bool, note: str = "", actor: Actor
) -> ExtraHours:
    """Approve (they count in the exports and the report) or decline hours outside shifts."""
    entry = ExtraHours.objects.select_for_update().select_related("volunteer").get(pk=entry.pk)
    if entry.state != ExtraHours.State.PENDING:
        raise ShiftError(_("These hours are already approved or declined."))
    entry.state = ExtraHours.State.APPROVED if approve else ExtraHours.State.DECLINED
    entry.note = note.strip()[:300]
    entry.decided_by = user_or_none(actor)
    entry.decided_at = timezone.now()
    entry.save(update_fields=["state", "note", "decided_by", "decided_at"])
    audit.record(
        actor=actor,
        instance=entry.volunteer,
        action="update",
        changes={"extra_hours": [str(entry), entry.state]},
        note=gettext_noop("hours outside shifts approved")
        if approve
        else gettext_noop("hours outside shifts declined"),
    )
    return entry


@transaction.atomic
def withdraw_extra_hours(*, entry: ExtraHours, actor: Actor) -> None:
    """A volunteer takes back hours not yet decided (a mistake)."""
    deleted, _count = ExtraHours.objects.filter(
        pk=entry.pk, state=ExtraHours.State.PENDING
    ).delete()
    if not deleted:
        raise ShiftError(_("These hours are already approved or declined."))
    audit.record(
        actor=actor,
        instance=entry.volunteer,
        action="update",
        changes={"extra_hours": [str(entry), None]},
        note=gettext_noop("hours outside shifts withdrawn"),
    )
