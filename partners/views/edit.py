"""Editing partner data (coordinators): every change is recorded in the audit history."""

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, UpdateView

from core.formpage import DeletePageView, FormPageMixin
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


class EditMixin(CapabilityRequiredMixin, FormPageMixin):
    """Partner forms: every save is recorded in the audit history."""

    capability = "manage_partners"
    parent_label = gettext_lazy("Organisation:")

    def get_title(self) -> str:
        name = self.model._meta.verbose_name
        if self.object is None:
            return _("New %(name)s") % {"name": name}
        return _("Edit %(name)s") % {"name": name}

    def get_parent(self) -> Model | None:
        return getattr(self.object, "organisation", None)

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

    def get_parent(self) -> Model | None:
        return self.organisation


class PartnerDeleteView(CapabilityRequiredMixin, DeletePageView):
    capability = "manage_partners"

    def get_success_url(self):
        return self.object.organisation.get_absolute_url()


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

    def get_consequences(self) -> list[str]:
        return [
            _(
                "Its %(contacts)s contact persons, %(agreements)s agreements and "
                "%(sessions)s sessions are deleted with it."
            )
            % {
                "contacts": self.object.contacts.count(),
                "agreements": self.object.agreements.count(),
                "sessions": self.object.sessions.count(),
            }
        ]


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
