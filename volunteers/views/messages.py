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
from volunteers import outbox
from volunteers.models import Delivery, Message


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
    deliveries = list(message.deliveries.select_related("volunteer"))
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
