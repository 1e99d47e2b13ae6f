"""A volunteer's shifts as an iCalendar feed, with stable UIDs and Europe/Copenhagen times."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from core.ical import new_calendar, to_ical
from core.links import public_host
from volunteers.models import ShiftAssignment, Volunteer

PAST_DAYS = 90


def uid_for(assignment: ShiftAssignment) -> str:
    """Stable across requests and renewed tokens: the same place keeps the same UID."""
    return f"volunteer-shift-{assignment.shift_id}-{assignment.volunteer_id}@{public_host()}"


def calendar_for(volunteer: Volunteer) -> bytes:
    cal = new_calendar(prodid="-//Varmestue//Vagter//DA", name=_("Varmestue shifts"))
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    assignments = (
        volunteer.assignments.filter(shift__ends__gte=since)
        .select_related("shift__site", "role")
        .order_by("shift__starts")
    )
    stamp = timezone.now()
    for assignment in assignments:
        shift = assignment.shift
        event = Event()
        event.add("uid", uid_for(assignment))
        event.add("dtstamp", stamp)
        # Raised on cancelling and reinstating: calendars replace the event they hold.
        event.add("sequence", shift.revision)
        event.add("dtstart", timezone.localtime(shift.starts))
        event.add("dtend", timezone.localtime(shift.ends))
        summary = _("Shift at %(site)s (%(role)s)") % {
            "site": shift.site.name,
            "role": assignment.role,
        }
        if shift.is_cancelled:
            event.add("status", "CANCELLED")
            event.add("last-modified", shift.cancelled_at)
            summary = _("Cancelled: %(summary)s") % {"summary": summary}
        event.add("summary", summary)
        event.add("location", f"{shift.site.name}, {shift.site.town}")
        description = [shift.note] if shift.note else []
        if shift.is_cancelled:
            description.append(
                _("Reason for cancelling: %(reason)s") % {"reason": shift.cancel_reason}
            )
        if description:
            event.add("description", "\n".join(description))
        cal.add_component(event)
    return to_ical(cal)
