"""Editing partner data (coordinators): every change is recorded in the audit history."""

from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, UpdateView

from core.audited import AuditedDeleteView, AuditedFormMixin
from core.permissions import CapabilityRequiredMixin
from partners.forms import (
    AgreementForm,
    ContactForm,
    OrganisationForm,
    OutreachSessionForm,
    ServiceForm,
)
from partners.models import Agreement, Contact, Organisation, OutreachSession, Service
from partners.services import save_session


class EditMixin(CapabilityRequiredMixin, AuditedFormMixin):
    """Partner forms: every save is recorded in the audit history."""

    capability = "manage_partners"
    template_name = "partners/form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("organisation", getattr(self.object, "organisation", None))
        return super().get_context_data(
            cancel_url=self.get_cancel_url(),
            verbose_name=self.model._meta.verbose_name,
            is_new=self.object is None,
            **kwargs,
        )

    def get_cancel_url(self) -> str:
        if getattr(self, "object", None) is not None and self.object.pk:
            return self.object.get_absolute_url()
        return reverse("partners:directory")


class ChildCreateMixin(EditMixin):
    """Creating something that belongs to an organisation given in the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, pk=kwargs["org_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.model(organisation=self.organisation)
        return kwargs

    def get_cancel_url(self) -> str:
        return self.organisation.get_absolute_url()

    def get_context_data(self, **kwargs):
        kwargs["organisation"] = self.organisation
        return super().get_context_data(**kwargs)


class PartnerDeleteView(CapabilityRequiredMixin, AuditedDeleteView):
    capability = "manage_partners"
    template_name = "partners/confirm_delete.html"

    def get_success_url(self):
        return self.object.organisation.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            cancel_url=self.get_cancel_url(),
            verbose_name=self.model._meta.verbose_name,
            cascade=self.cascade(),
            **kwargs,
        )

    def cascade(self) -> dict | None:
        """What is deleted along with the object, shown on the confirmation page."""
        return None


class OrganisationCreateView(EditMixin, CreateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationUpdateView(EditMixin, UpdateView):
    model = Organisation
    form_class = OrganisationForm


class OrganisationDeleteView(PartnerDeleteView):
    model = Organisation
    success_url = reverse_lazy("partners:directory")

    def get_success_url(self):
        return str(self.success_url)

    def cascade(self) -> dict | None:
        return {
            "contacts": self.object.contacts.count(),
            "agreements": self.object.agreements.count(),
            "sessions": self.object.sessions.count(),
        }


class ContactCreateView(ChildCreateMixin, CreateView):
    model = Contact
    form_class = ContactForm


class ContactUpdateView(EditMixin, UpdateView):
    model = Contact
    form_class = ContactForm


class ContactDeleteView(PartnerDeleteView):
    model = Contact


class AgreementCreateView(ChildCreateMixin, CreateView):
    model = Agreement
    form_class = AgreementForm


class AgreementUpdateView(EditMixin, UpdateView):
    model = Agreement
    form_class = AgreementForm


class AgreementDeleteView(PartnerDeleteView):
    model = Agreement

    def form_valid(self, form):
        document = self.object.document
        response = super().form_valid(form)
        if document and not Agreement.objects.filter(pk=self.object.pk).exists():
            document.storage.delete(document.name)
        return response


class SessionSaveMixin:
    """Sessions are saved through the service that re-checks overlaps under a lock."""

    def save_audited(self, form):
        return save_session(form=form, actor=self.request.user)


class SessionCreateView(SessionSaveMixin, ChildCreateMixin, CreateView):
    model = OutreachSession
    form_class = OutreachSessionForm


class SessionUpdateView(SessionSaveMixin, EditMixin, UpdateView):
    model = OutreachSession
    form_class = OutreachSessionForm


class SessionDeleteView(PartnerDeleteView):
    model = OutreachSession


class ServiceCreateView(EditMixin, CreateView):
    model = Service
    form_class = ServiceForm

    def get_success_url(self):
        return reverse("partners:find") + f"?service={self.object.key}"


class ServiceUpdateView(EditMixin, UpdateView):
    model = Service
    form_class = ServiceForm

    def get_success_url(self):
        return reverse("partners:find") + f"?service={self.object.key}"

    def get_cancel_url(self) -> str:
        return self.get_success_url()
