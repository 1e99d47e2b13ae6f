"""The record of messages to volunteers and how each was delivered (the outbox)."""

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.permissions import capability_required
from volunteers import messaging, outbox
from volunteers.forms import CoordinatorMessageForm
from volunteers.models import Delivery, Message, Shift, VolunteerRole


def _with_counts(queryset):
    state = Delivery.State
    return queryset.annotate(
        recipients=Count("deliveries"),
        sent=Count("deliveries", filter=Q(deliveries__state=state.SENT)),
        queued=Count("deliveries", filter=Q(deliveries__state=state.QUEUED)),
        failed=Count("deliveries", filter=Q(deliveries__state=state.FAILED)),
        in_app=Count("deliveries", filter=Q(deliveries__state=state.IN_APP)),
    )


@capability_required("manage_volunteers")
def message_list(request: HttpRequest) -> HttpResponse:
    """Every message, newest first, with how many were sent, are queued or failed."""
    found = _with_counts(Message.objects.select_related("shift__site", "sent_by")).order_by(
        "-created_at", "-pk"
    )
    if request.GET.get("state") == "failed":
        found = found.filter(deliveries__state=Delivery.State.FAILED).distinct()
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "volunteers/message_list.html",
        {"page": page, "only_failed": request.GET.get("state") == "failed"},
    )


@capability_required("manage_volunteers")
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One message: its text and, for each volunteer, the state of its delivery."""
    message = get_object_or_404(
        _with_counts(Message.objects.select_related("shift__site", "sent_by")), pk=pk
    )
    deliveries = list(message.deliveries.select_related("volunteer", "user"))
    return render(
        request,
        "volunteers/message_detail.html",
        {"message": message, "deliveries": deliveries, "sample": deliveries[:1]},
    )


@require_POST
@capability_required("manage_volunteers")
def message_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a message's failed deliveries again, e.g. after the mail server was fixed."""
    message = get_object_or_404(Message, pk=pk)
    count = outbox.retry_failed(message=message)
    flash.success(
        request,
        ngettext(
            "%(count)d message is queued again.", "%(count)d messages are queued again.", count
        )
        % {"count": count}
        if count
        else _("Nothing had failed."),
    )
    return redirect("volunteers:message_detail", pk=message.pk)


def _audience(form) -> messaging.Audience:
    data = form.cleaned_data
    if data.get("shift") is not None:
        if data.get("need"):
            return messaging.Audience(shift=data["shift"], role=data.get("role"), need=True)
        return messaging.Audience(shift=data["shift"])
    return messaging.Audience(site=data.get("site"), day=data.get("day"), role=data.get("role"))


def _needed(request: HttpRequest):
    """(shift, role) for "we need someone" (`?need=1&shift=…&role=…`), or None."""
    shift_id, role_id = request.GET.get("shift", ""), request.GET.get("role", "")
    if request.GET.get("need") != "1" or not shift_id.isdigit() or not role_id.isdigit():
        return None
    shift = Shift.objects.select_related("site").filter(pk=shift_id).first()
    role = VolunteerRole.objects.filter(pk=role_id).first()
    return (shift, role) if shift and role else None


@capability_required("manage_volunteers")
def message_new(request: HttpRequest) -> HttpResponse:
    """Write to the volunteers of a shift, a day at a site, a site or a role: preview first
    (who and how many), then send; sending the same preview twice sends once."""
    if request.method == "POST":
        form = CoordinatorMessageForm(request.POST)
    else:
        initial = {"key": messaging.new_key()}
        for name in ("shift", "site", "role", "day"):
            if request.GET.get(name):
                initial[name] = request.GET[name]
        need = _needed(request)
        if need is not None:
            initial["need"] = True
            initial["subject"], initial["text"] = messaging.need_text(shift=need[0], role=need[1])
        form = CoordinatorMessageForm(initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        audience = _audience(form)
        recipients = list(audience.volunteers())
        if not recipients:
            form.add_error(None, _("Nobody fits this choice, so there is nobody to send to."))
        elif "send" in request.POST:
            message, new = messaging.send(
                audience=audience,
                subject=form.cleaned_data["subject"],
                text=form.cleaned_data["text"],
                sender=request.user,
                key=form.cleaned_data["key"],
            )
            if new:
                flash.success(
                    request,
                    ngettext(
                        "The message is on its way to %(count)d volunteer.",
                        "The message is on its way to %(count)d volunteers.",
                        message.deliveries.count(),
                    )
                    % {"count": message.deliveries.count()},
                )
            else:
                flash.info(request, _("This message was already sent; it was not sent again."))
            return redirect("volunteers:message_detail", pk=message.pk)
        else:
            preview = {
                "audience": audience.describe(),
                "recipients": recipients,
                "without_email": sum(1 for v in recipients if not v.email),
                "sample": messaging.letter_text(
                    volunteer=recipients[0], text=form.cleaned_data["text"], sender=request.user
                ),
            }
    return render(request, "volunteers/message_new.html", {"form": form, "preview": preview})
