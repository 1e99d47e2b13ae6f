"""The volunteer registry, roles, training topics and sessions (coordinators; managers read)."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core import audit
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required
from volunteers import services, training
from volunteers.forms import (
    TrainingSessionForm,
    TrainingTopicForm,
    VolunteerForm,
    VolunteerRoleForm,
)
from volunteers.models import Message, TrainingSession, TrainingTopic, Volunteer, VolunteerRole


class VolunteerList(CapabilityRequiredMixin, ListView):
    capability = "view_volunteers"
    template_name = "volunteers/volunteer_list.html"
    context_object_name = "volunteers"

    def get_queryset(self):
        found = Volunteer.objects.prefetch_related("roles")
        status = self.request.GET.get("status", "")
        if status in Volunteer.Status.values:
            found = found.filter(status=status)
        for word in self.request.GET.get("q", "").split()[:5]:
            found = found.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(phone__icontains=word)
                | Q(roles__name__icontains=word)
            ).distinct()
        return found

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audit.record_views(
            actor=self.request.user,
            instances=context["volunteers"],
            note=gettext_lazy("Seen in the volunteer list"),
        )
        context["statuses"] = Volunteer.Status.choices
        context["status"] = self.request.GET.get("status", "")
        context["q"] = self.request.GET.get("q", "").strip()
        return context


class VolunteerDetail(CapabilityRequiredMixin, DetailView):
    capability = "view_volunteers"
    model = Volunteer
    template_name = "volunteers/volunteer_detail.html"
    context_object_name = "volunteer"

    def get_object(self, queryset=None):
        volunteer = super().get_object(queryset)
        audit.record(actor=self.request.user, instance=volunteer, action="view")
        return volunteer

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        volunteer = self.object
        context.update(
            roles=volunteer.roles.all(),
            # The number as dialled: digits and a leading +, no spaces (tel: links).
            phone_link="".join(c for c in volunteer.phone if c.isdigit() or c == "+"),
            email_off=[k.label for k in Message.Kind if not volunteer.wants_email(k)],
            trainings=volunteer.training_sessions.select_related("topic"),
            qualifications=training.qualifications(volunteer),
            today=timezone.localdate(),
            upcoming=volunteer.assignments.filter(shift__ends__gt=timezone.now())
            .select_related("shift__site", "role")
            .order_by("shift__starts"),
            past_count=volunteer.assignments.filter(shift__ends__lte=timezone.now()).count(),
            unavailabilities=volunteer.unavailabilities.filter(ends_on__gte=timezone.localdate()),
        )
        return context


class VolunteerCreate(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_volunteers"
    model = Volunteer
    form_class = VolunteerForm
    title = gettext_lazy("New volunteer")
    cancel_url = reverse_lazy("volunteers:volunteer_list")

    def save_audited(self, form):
        volunteer = super().save_audited(form)
        services.status_changed(volunteer=volunteer, was_left=False, actor=self.request.user)
        return volunteer

    def get_success_url(self):
        return reverse("volunteers:volunteer_detail", args=[self.object.pk])


class VolunteerUpdate(CapabilityRequiredMixin, FormPageMixin, UpdateView):
    capability = "manage_volunteers"
    model = Volunteer
    form_class = VolunteerForm
    title = gettext_lazy("Edit volunteer")
    cancel_url = reverse_lazy("volunteers:volunteer_list")

    def get_queryset(self):
        return Volunteer.objects.not_anonymised()

    def save_audited(self, form):
        volunteer = super().save_audited(form)
        services.status_changed(
            volunteer=volunteer,
            was_left=form.initial.get("status") == Volunteer.Status.LEFT,
            actor=self.request.user,
        )
        return volunteer

    def get_success_url(self):
        return reverse("volunteers:volunteer_detail", args=[self.object.pk])


@require_POST
@capability_required("manage_volunteers")
def anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = get_object_or_404(Volunteer, pk=pk)
    try:
        services.anonymise(volunteer=volunteer, actor=request.user)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The volunteer is anonymised. Shifts and hours remain."))
    return redirect("volunteers:volunteer_detail", pk=pk)


class RoleList(CapabilityRequiredMixin, ListView):
    capability = "view_volunteers"
    template_name = "volunteers/role_list.html"
    context_object_name = "roles"

    def get_queryset(self):
        return (
            VolunteerRole.objects.select_related("required_training")
            .annotate(
                volunteer_count=Count(
                    "volunteers", filter=Q(volunteers__anonymised_at__isnull=True)
                )
            )
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["topics"] = TrainingTopic.objects.all()
        return context


class RoleCreate(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_volunteers"
    model = VolunteerRole
    form_class = VolunteerRoleForm
    title = gettext_lazy("New role")
    cancel_url = success_url = reverse_lazy("volunteers:role_list")


class RoleUpdate(CapabilityRequiredMixin, FormPageMixin, UpdateView):
    capability = "manage_volunteers"
    model = VolunteerRole
    form_class = VolunteerRoleForm
    title = gettext_lazy("Edit role")
    cancel_url = success_url = reverse_lazy("volunteers:role_list")


class TopicCreate(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_volunteers"
    model = TrainingTopic
    form_class = TrainingTopicForm
    title = gettext_lazy("New training topic")
    cancel_url = success_url = reverse_lazy("volunteers:role_list")


class TopicUpdate(CapabilityRequiredMixin, FormPageMixin, UpdateView):
    capability = "manage_volunteers"
    model = TrainingTopic
    form_class = TrainingTopicForm
    title = gettext_lazy("Edit training topic")
    cancel_url = success_url = reverse_lazy("volunteers:role_list")


class TrainingList(CapabilityRequiredMixin, ListView):
    capability = "view_volunteers"
    template_name = "volunteers/training_list.html"
    context_object_name = "sessions"
    paginate_by = 50

    def get_queryset(self):
        return (
            TrainingSession.objects.select_related("topic")
            .annotate(attendee_count=Count("attendees"))
            .order_by("-held_on", "pk")
        )


class TrainingCreate(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_volunteers"
    model = TrainingSession
    form_class = TrainingSessionForm
    title = gettext_lazy("New training session")
    cancel_url = success_url = reverse_lazy("volunteers:training_list")


class TrainingUpdate(CapabilityRequiredMixin, FormPageMixin, UpdateView):
    capability = "manage_volunteers"
    model = TrainingSession
    form_class = TrainingSessionForm
    title = gettext_lazy("Edit training session")
    cancel_url = success_url = reverse_lazy("volunteers:training_list")
