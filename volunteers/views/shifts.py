"""Creating and editing shifts and recurring shift templates, and generating shifts."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView

from core import audit
from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin, capability_required
from volunteers import services
from volunteers.forms import (
    NeedFormSet,
    PeriodForm,
    ShiftCancelForm,
    ShiftForm,
    ShiftTemplateForm,
    TemplateNeedFormSet,
)
from volunteers.models import Shift, ShiftTemplate


class WithNeedsMixin(FormPageMixin):
    """A form with an inline formset of roles needed, saved and recorded together."""

    formset_class = None
    formset_legend = gettext_lazy("Roles needed")

    def get_formset(self):
        return self.formset_class(self.request.POST or None, instance=self.object, prefix="needs")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        self.formset = self.formset_class(self.request.POST, instance=form.instance, prefix="needs")
        if not self.formset.is_valid():
            return self.form_invalid_with(form, self.formset)
        return super().form_valid(form)

    def save_audited(self, form):
        return audit.save_form(form=form, actor=self.request.user, formsets=[self.formset])

    def form_invalid(self, form):
        formset = self.formset_class(self.request.POST, instance=form.instance, prefix="needs")
        formset.is_valid()
        return self.form_invalid_with(form, formset)

    def form_invalid_with(self, form, formset):
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class ShiftPage(CapabilityRequiredMixin, WithNeedsMixin):
    capability = "manage_volunteers"
    model = Shift
    form_class = ShiftForm
    formset_class = NeedFormSet
    title = gettext_lazy("New shift")
    cancel_url = reverse_lazy("volunteers:roster")

    def get_initial(self):
        initial = super().get_initial()
        site = self.request.GET.get("site", "")
        if site.isdigit():
            initial["site"] = int(site)
        return initial

    def get_success_url(self):
        day = timezone.localdate(self.object.starts).isoformat()
        return f"{reverse('volunteers:roster')}?site={self.object.site_id}&date={day}"


class ShiftCreate(ShiftPage, CreateView):
    pass


class ShiftUpdate(ShiftPage, UpdateView):
    title = gettext_lazy("Edit shift")
    template_name = "volunteers/shift_form.html"


def _roster_url(shift: Shift) -> str:
    day = timezone.localdate(shift.starts).isoformat()
    return f"{reverse('volunteers:roster')}?site={shift.site_id}&date={day}#shift-{shift.pk}"


@capability_required("manage_volunteers")
def cancel_shift(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm cancelling a shift, with a reason; its volunteers are e-mailed."""
    shift = get_object_or_404(Shift.objects.with_roster(), pk=pk)
    form = ShiftCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_shift(
                shift=shift, reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.ShiftError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "The shift is cancelled. %(count)d volunteer is told by e-mail.",
                    "The shift is cancelled. %(count)d volunteers are told by e-mail.",
                    told,
                )
                % {"count": told},
            )
        return redirect(_roster_url(shift))
    return render(
        request,
        "volunteers/shift_cancel.html",
        {"shift": shift, "form": form, "assignments": list(shift.assignments.all())},
    )


@require_POST
@capability_required("manage_volunteers")
def reinstate_shift(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(Shift, pk=pk)
    try:
        told = services.reinstate_shift(shift=shift, actor=request.user)
    except services.ShiftError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "The shift is on again. %(count)d volunteer is told by e-mail.",
                "The shift is on again. %(count)d volunteers are told by e-mail.",
                told,
            )
            % {"count": told},
        )
    return redirect(_roster_url(shift))


class TemplateList(CapabilityRequiredMixin, ListView):
    capability = "manage_volunteers"
    template_name = "volunteers/template_list.html"
    context_object_name = "templates"

    def get_queryset(self):
        return ShiftTemplate.objects.select_related("site").prefetch_related("needs__role")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["period_form"] = PeriodForm()
        return context


class TemplatePage(CapabilityRequiredMixin, WithNeedsMixin):
    capability = "manage_volunteers"
    model = ShiftTemplate
    form_class = ShiftTemplateForm
    formset_class = TemplateNeedFormSet
    title = gettext_lazy("New recurring shift")
    cancel_url = success_url = reverse_lazy("volunteers:template_list")

    def get_success_url(self):
        return str(self.success_url)


class TemplateCreate(TemplatePage, CreateView):
    pass


class TemplateUpdate(TemplatePage, UpdateView):
    title = gettext_lazy("Edit recurring shift")


@capability_required("manage_volunteers")
def generate(request: HttpRequest, pk: int) -> HttpResponse:
    """Create a template's shifts for a period; safe to repeat (nothing is duplicated)."""
    template = get_object_or_404(ShiftTemplate.objects.select_related("site"), pk=pk)
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.generate_shifts(
            template=template,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            actor=request.user,
        )
        messages.success(
            request,
            ngettext("%(count)d shift created.", "%(count)d shifts created.", len(created))
            % {"count": len(created)},
        )
        return redirect("volunteers:template_list")
    return render(
        request,
        "volunteers/generate.html",
        {
            "template": template,
            "form": form,
            "title": _("Create shifts"),
            "submit_label": _("Create shifts"),
            "cancel_url": reverse("volunteers:template_list"),
        },
    )
