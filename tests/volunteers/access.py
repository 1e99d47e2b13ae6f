"""Access classification of the volunteers app's URLs."""

from tests.access import COORDINATORS, OPERATIONS, PUBLIC, VOLUNTEERS, Access, expect
from tests.volunteers.factories import (
    ShiftAssignmentFactory,
    ShiftFactory,
    ShiftTemplateFactory,
    TrainingSessionFactory,
    TrainingTopicFactory,
    UnavailabilityFactory,
    VolunteerFactory,
    VolunteerRoleFactory,
    at,
)
from volunteers.models import Volunteer

READERS = expect(coordinator="ok", manager="ok")  # view_volunteers
# A volunteer's own actions: a volunteer without a linked profile meets 404 (nothing of theirs).
OWN_ACTION = expect(volunteer="not_found", superuser="not_found")


def _pk(obj) -> dict:
    return {"pk": obj.pk}


def _others(users) -> dict:
    """Another volunteer's assignment; the volunteer user has a profile of their own."""
    Volunteer.objects.get_or_create(user=users["volunteer"], defaults={"first_name": "Charlie"})
    return _pk(ShiftAssignmentFactory())


def _others_unavailability(users) -> dict:
    Volunteer.objects.get_or_create(user=users["volunteer"], defaults={"first_name": "Charlie"})
    return _pk(UnavailabilityFactory())


def _others_request(users) -> dict:
    from volunteers.models import SignUpRequest

    Volunteer.objects.get_or_create(user=users["volunteer"], defaults={"first_name": "Charlie"})
    shift = ShiftFactory()
    return _pk(
        SignUpRequest.objects.create(
            shift=shift, volunteer=VolunteerFactory(), role=VolunteerRoleFactory()
        )
    )


def _others_wait(users) -> dict:
    from volunteers.models import WaitingListEntry

    Volunteer.objects.get_or_create(user=users["volunteer"], defaults={"first_name": "Charlie"})
    return _pk(
        WaitingListEntry.objects.create(
            shift=ShiftFactory(), volunteer=VolunteerFactory(), role=VolunteerRoleFactory()
        )
    )


def _request(users) -> dict:
    from volunteers.models import SignUpRequest

    return _pk(
        SignUpRequest.objects.create(
            shift=ShiftFactory(), volunteer=VolunteerFactory(), role=VolunteerRoleFactory()
        )
    )


def _hours(users) -> dict:
    from volunteers.models import ExtraHours

    Volunteer.objects.get_or_create(user=users["volunteer"], defaults={"first_name": "Charlie"})
    return _pk(
        ExtraHours.objects.create(
            volunteer=VolunteerFactory(), worked_on=at(-1).date(), kind="meeting", hours=2
        )
    )


def _message(users) -> dict:
    from volunteers import outbox

    volunteer = VolunteerFactory()
    letter = outbox.Letter(volunteer, "Hej", "Tekst")
    return _pk(outbox.queue(kind="coordinator", subject="Hej", letters=[letter]))


ACCESS = [
    Access("volunteers:message_list", COORDINATORS),
    Access("volunteers:message_new", COORDINATORS),
    Access("volunteers:message_detail", COORDINATORS, kwargs=_message),
    Access("volunteers:message_retry", COORDINATORS, kwargs=_message, method="post"),
    Access("volunteers:roster", OPERATIONS),
    Access("volunteers:roster_print", OPERATIONS),
    Access("volunteers:roster_pdf", OPERATIONS),
    Access("volunteers:request_list", COORDINATORS),
    Access("volunteers:hours_list", COORDINATORS),
    Access(
        "volunteers:hours_decide",
        COORDINATORS,
        kwargs=_hours,
        method="post",
        data={"decision": "decline"},
    ),
    Access("volunteers:hours_record", OWN_ACTION, method="post"),
    # Another volunteer's hours: 404 even with a profile of one's own.
    Access("volunteers:hours_withdraw", OWN_ACTION, kwargs=_hours, method="post"),
    Access(
        "volunteers:request_decide",
        COORDINATORS,
        kwargs=_request,
        method="post",
        data={"decision": "decline"},
    ),
    Access("volunteers:request_withdraw", OWN_ACTION, kwargs=_others_request, method="post"),
    Access(
        "volunteers:waiting_join", OWN_ACTION, kwargs=lambda u: _pk(ShiftFactory()), method="post"
    ),
    Access("volunteers:waiting_leave", OWN_ACTION, kwargs=_others_wait, method="post"),
    Access("volunteers:assign", COORDINATORS, kwargs=lambda u: _pk(ShiftFactory()), method="post"),
    Access(
        "volunteers:unassign",
        COORDINATORS,
        kwargs=lambda u: _pk(ShiftAssignmentFactory()),
        method="post",
    ),
    Access("volunteers:shift_create", COORDINATORS),
    Access("volunteers:shift_update", COORDINATORS, kwargs=lambda u: _pk(ShiftFactory())),
    Access("volunteers:shift_cancel", COORDINATORS, kwargs=lambda u: _pk(ShiftFactory())),
    Access(
        "volunteers:shift_cancel",
        COORDINATORS,
        kwargs=lambda u: _pk(ShiftFactory()),
        method="post",
        data={"reason": "Storm"},
    ),
    Access(
        "volunteers:shift_reinstate",
        COORDINATORS,
        kwargs=lambda u: _pk(ShiftFactory(cancelled_at=at(0), cancel_reason="Storm")),
        method="post",
    ),
    Access("volunteers:template_list", COORDINATORS),
    Access("volunteers:template_create", COORDINATORS),
    Access(
        "volunteers:template_update", COORDINATORS, kwargs=lambda u: _pk(ShiftTemplateFactory())
    ),
    Access(
        "volunteers:template_generate", COORDINATORS, kwargs=lambda u: _pk(ShiftTemplateFactory())
    ),
    Access("volunteers:volunteer_list", READERS),
    Access("volunteers:volunteer_create", COORDINATORS),
    Access("volunteers:volunteer_detail", READERS, kwargs=lambda u: _pk(VolunteerFactory())),
    Access("volunteers:volunteer_update", COORDINATORS, kwargs=lambda u: _pk(VolunteerFactory())),
    Access(
        "volunteers:volunteer_anonymise",
        COORDINATORS,
        kwargs=lambda u: _pk(VolunteerFactory()),
        method="post",
    ),
    Access("volunteers:role_list", READERS),
    Access("volunteers:role_create", COORDINATORS),
    Access("volunteers:role_update", COORDINATORS, kwargs=lambda u: _pk(VolunteerRoleFactory())),
    Access("volunteers:topic_create", COORDINATORS),
    Access("volunteers:topic_update", COORDINATORS, kwargs=lambda u: _pk(TrainingTopicFactory())),
    Access("volunteers:training_list", READERS),
    Access("volunteers:training_create", COORDINATORS),
    Access(
        "volunteers:training_update", COORDINATORS, kwargs=lambda u: _pk(TrainingSessionFactory())
    ),
    Access("volunteers:my_shifts", VOLUNTEERS),
    Access("volunteers:my_data", VOLUNTEERS),
    Access("volunteers:email_preferences", VOLUNTEERS),
    Access("volunteers:email_preferences", VOLUNTEERS, method="post", data={"reminder": "on"}),
    Access("volunteers:sign_up", OWN_ACTION, kwargs=lambda u: _pk(ShiftFactory()), method="post"),
    # Another volunteer's assignment or period: 404 even with a profile of one's own.
    Access("volunteers:cancel", OWN_ACTION, kwargs=_others, method="post"),
    Access("volunteers:unavailability_add", OWN_ACTION, method="post"),
    Access(
        "volunteers:unavailability_delete",
        OWN_ACTION,
        kwargs=_others_unavailability,
        method="post",
    ),
    Access("volunteers:feed_renew", OWN_ACTION, method="post"),
    Access("volunteers:feed", PUBLIC, kwargs=lambda u: {"token": VolunteerFactory().feed_token}),
    Access(
        "volunteers:feed",
        expect(
            anonymous="not_found",
            volunteer="not_found",
            staff="not_found",
            coordinator="not_found",
            manager="not_found",
            superuser="not_found",
        ),
        kwargs=lambda u: {"token": "not-a-token"},
    ),
    Access("volunteers:export", READERS),
    Access("volunteers:export_csv", READERS, query="start=2026-01-01&end=2026-01-31"),
    Access("volunteers:export_xlsx", READERS, query="start=2026-01-01&end=2026-01-31"),
]
