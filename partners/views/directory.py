"""Reading partner data: the directory, a partner's page, "where can I send someone for …"."""

import datetime

from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import DetailView, ListView

from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from partners.documents import CONTENT_TYPES, extension
from partners.forms import DirectoryFilterForm, FindServiceForm
from partners.models import Agreement, Organisation, OutreachSession, Service
from partners.selectors import occurrences

UPCOMING_DAYS = 14


class DirectoryView(CapabilityRequiredMixin, ListView):
    capability = "view_operations"
    template_name = "partners/directory.html"
    paginate_by = 25
    context_object_name = "organisations"

    def paginate_queryset(self, queryset, page_size):
        """A page number out of range or not a number shows the nearest page, never a 404."""
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            return ["partners/directory.html#results"]
        return [self.template_name]

    def get_queryset(self):
        self.filter_form = DirectoryFilterForm(self.request.GET or None, today=timezone.localdate())
        if self.filter_form.is_bound:
            self.filter_form.is_valid()
        return (
            self.filter_form.filter(Organisation.objects.all())
            .select_related("parent")
            .prefetch_related("services")
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            can_edit=has_capability(self.request.user, "manage_partners"),
            **kwargs,
        )


class OrganisationDetailView(CapabilityRequiredMixin, DetailView):
    capability = "view_operations"
    model = Organisation
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.select_related("parent").prefetch_related(
            "services",
            "contacts",
            "agreements",
            "children",
            Prefetch(
                "sessions",
                queryset=OutreachSession.objects.select_related("service", "site"),
            ),
        )

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            upcoming=occurrences(
                first=today,
                last=today + datetime.timedelta(days=UPCOMING_DAYS - 1),
                organisation=self.object,
            ),
            upcoming_days=UPCOMING_DAYS,
            can_edit=has_capability(self.request.user, "manage_partners"),
            **kwargs,
        )


@capability_required("view_operations")
def find_service(request: HttpRequest) -> HttpResponse:
    """A service → who offers it, and when and where they are present in the next two weeks."""
    form = FindServiceForm(request.GET or None)
    service = form.cleaned_data["service"] if form.is_bound and form.is_valid() else None
    context = {"form": form, "service": service, "upcoming_days": UPCOMING_DAYS}
    if service is not None:
        today = timezone.localdate()
        context["organisations"] = (
            Organisation.objects.filter(
                pk__in=Organisation.objects.filter(
                    Q(services=service) | Q(sessions__service=service)
                ).values("pk")
            )
            .select_related("parent")
            .prefetch_related("contacts")
        )
        context["sessions"] = OutreachSession.objects.filter(service=service).select_related(
            "organisation", "site"
        )
        context["upcoming"] = occurrences(
            first=today, last=today + datetime.timedelta(days=UPCOMING_DAYS - 1), service=service
        )
    context["services"] = Service.objects.all()
    return render(request, "partners/find_service.html", context)


@capability_required("view_operations")
def agreement_document(request: HttpRequest, pk: int) -> FileResponse:
    """The agreement's document, for logged-in staff only (never served from /media/)."""
    agreement = get_object_or_404(Agreement, pk=pk)
    if not agreement.document:
        raise Http404
    try:
        handle = agreement.document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=agreement.document_name,
        content_type=CONTENT_TYPES.get(
            extension(agreement.document_name), "application/octet-stream"
        ),
    )
