"""Dashboard panels: a volunteer's next shifts and training running out; this week's roster
gaps, the outbox, requests and training running out for coordinators."""

import datetime

from django.utils import timezone

from core.permissions import has_capability
from core.registry import Panel
from volunteers import training
from volunteers.models import Delivery, ExtraHours, SignUpRequest, Volunteer
from volunteers.roster import gap_shifts


def panels(request) -> list[Panel]:
    user = request.user
    found = []
    if has_capability(user, "volunteer_self_service") and not user.is_superuser:
        volunteer = Volunteer.objects.for_user(user).not_anonymised().first()
        upcoming = []
        if volunteer is not None:
            upcoming = list(
                volunteer.assignments.filter(shift__ends__gt=timezone.now())
                .select_related("shift__site", "role")
                .order_by("shift__starts")[:3]
            )
        found.append(
            Panel(
                "volunteers/panels/next_shifts.html",
                {"volunteer": volunteer, "upcoming": upcoming},
                order=10,
            )
        )
        running_out = training.running_out(volunteers=[volunteer]) if volunteer is not None else []
        if running_out:
            found.append(
                Panel(
                    "volunteers/panels/my_training.html",
                    {"running_out": running_out, "today": timezone.localdate()},
                    order=11,
                )
            )
    if has_capability(user, "manage_volunteers"):
        today = timezone.localdate()
        end = today + datetime.timedelta(days=6 - today.weekday())
        found.append(
            Panel(
                "volunteers/panels/gaps.html",
                {"gaps": gap_shifts(start=today, end=end), "today": today},
                order=30,
            )
        )
    if has_capability(user, "manage_volunteers"):
        failed = list(
            Delivery.objects.filter(
                state=Delivery.State.FAILED,
                message__created_at__gte=timezone.now() - datetime.timedelta(days=30),
            )
            .select_related("message", "volunteer", "user")
            .order_by("-message__created_at", "pk")[:5]
        )
        found.append(
            Panel(
                "volunteers/panels/outbox.html",
                {
                    "failed": failed,
                    "queued": Delivery.objects.filter(state=Delivery.State.QUEUED).count(),
                },
                order=31,
            )
        )
    if has_capability(user, "manage_volunteers"):
        pending = SignUpRequest.objects.filter(
            state=SignUpRequest.State.PENDING, shift__ends__gt=timezone.now()
        ).count()
        found.append(Panel("volunteers/panels/requests.html", {"pending": pending}, order=32))
        found.append(
            Panel(
                "volunteers/panels/hours.html",
                {"pending": ExtraHours.objects.filter(state=ExtraHours.State.PENDING).count()},
                order=34,
            )
        )
        found.append(
            Panel(
                "volunteers/panels/training.html",
                {
                    "running_out": training.running_out(),
                    "today": timezone.localdate(),
                    "days": training.warning_days(),
                },
                order=33,
            )
        )
    return found
