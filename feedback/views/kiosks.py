"""Staff turn a tablet into a feedback kiosk, see the kiosks and revoke them.

Starting a kiosk logs the staff member out on that device before it shows the kiosk: the
tablet keeps only the kiosk's token, never a staff session.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from core import audit
from core.permissions import capability_required
from feedback import kiosk_token
from feedback.forms import KioskStartForm
from feedback.models import Kiosk


def _kiosk_list(request: HttpRequest, form: KioskStartForm) -> HttpResponse:
    kiosks = Kiosk.objects.select_related("site", "created_by", "revoked_by")
    return render(
        request,
        "feedback/kiosk_list.html",
        {
            "form": form,
            "active": [k for k in kiosks if k.is_active],
            "revoked": [k for k in kiosks if not k.is_active][:20],
        },
    )


@capability_required("collect_feedback")
@require_GET
def kiosk_list(request: HttpRequest) -> HttpResponse:
    return _kiosk_list(request, KioskStartForm())


@capability_required("collect_feedback")
@require_POST
def kiosk_start(request: HttpRequest) -> HttpResponse:
    """Make this device a kiosk: save it, log the staff member out here, hand over the token."""
    form = KioskStartForm(request.POST)
    if not form.is_valid():
        return _kiosk_list(request, form)
    with transaction.atomic():
        kiosk = form.save(commit=False)
        kiosk.created_by = request.user
        kiosk.save()
        audit.record(
            actor=request.user,
            instance=kiosk,
            action="create",
            changes={"site": kiosk.site, "name": kiosk.name},
        )
    logout(request)
    response = HttpResponseRedirect(reverse("feedback:kiosk"))
    kiosk_token.install(response, kiosk)
    return response


@capability_required("collect_feedback")
@require_POST
def kiosk_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The kiosk's token stops working at once; what the tablet still holds is refused."""
    with transaction.atomic():
        kiosk = get_object_or_404(Kiosk.objects.select_for_update(), pk=pk)
        if kiosk.is_active:
            kiosk.revoked_at = timezone.now()
            kiosk.revoked_by = request.user
            kiosk.save(update_fields=["revoked_at", "revoked_by"])
            audit.record(
                actor=request.user,
                instance=kiosk,
                action="update",
                note=gettext_noop("Switched off"),
            )
            messages.success(
                request,
                _("%(kiosk)s is switched off. It takes no more answers.") % {"kiosk": kiosk},
            )
        else:
            messages.info(request, _("%(kiosk)s was already switched off.") % {"kiosk": kiosk})
    return redirect("feedback:kiosks")
