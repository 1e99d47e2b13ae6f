"""Coordinators' pages: sites, the bus, weekly hours, closures and extra openings.

Staff and managers (view_operations) may read; coordinators (manage_sites) may edit.
Every write goes through `sites.services` (validated again under a lock, audited).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.audit import history_for
from core.formpage import DeletePageView, FormPageMixin
from core.links import public_url
from core.permissions import CapabilityRequiredMixin, has_capability
from sites.forms import BusForm, ClosureForm, ExtraOpeningForm, SiteForm, WeeklyHoursForm
from sites.models import Bus, Closure, ExtraOpening, Site, WeeklyHours
from sites.operations import is_scoped, operator_on, operators_on
from sites.selectors import next_openings
from sites.services import save_with_rules


class SiteListView(CapabilityRequiredMixin, ListView):
    capability = "view_operations"
    template_name = "sites/site_list.html"
    context_object_name = "sites"

    def get_queryset(self):
        return (
            Site.objects.for_user(self.request.user)
            .select_related("bus")
            .order_by("kind", "town", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["today"] = today
        context["buses"] = Bus.objects.order_by("name")
        context["can_edit"] = has_capability(self.request.user, "manage_sites")
        context["can_add"] = context["can_edit"] and not is_scoped(self.request.user)
        context["in_use_ids"] = set(Site.objects.in_use(today).values_list("pk", flat=True))
        operators = operators_on(context["sites"], today)
        for site in context["sites"]:
            site.current_operator = operators.get(site.pk)
        return context


class SiteDetailView(CapabilityRequiredMixin, DetailView):
    capability = "view_operations"
    model = Site
    template_name = "sites/site_detail.html"
    context_object_name = "site"

    def get_queryset(self):
        return Site.objects.for_user(self.request.user).select_related("bus")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        site = self.object
        today = timezone.localdate()
        context["can_edit"] = has_capability(self.request.user, "manage_sites")
        context["weekly_hours"] = site.weekly_hours.all()
        context["closures"] = site.closures.filter(ends_on__gte=today)
        context["past_closures"] = site.closures.filter(ends_on__lt=today).order_by("-starts_on")[
            :10
        ]
        context["extra_openings"] = site.extra_openings.filter(ends__gte=timezone.now())
        context["next_opening"] = next_openings(at=timezone.now(), sites=[site])[site.pk]
        context["services"] = site.service_labels()
        context["stops"] = site.bus.stops.exclude(pk=site.pk) if site.bus_id else []
        context["history"] = history_for(site)[:10]
        context["operations"] = site.operations.select_related("operator")
        context["current_operator"] = operator_on(site, today)
        context["can_change_operator"] = context["can_edit"] and not is_scoped(self.request.user)
        context["feed_url"] = public_url(
            "sites:site_calendar_feed", request=self.request, slug=site.slug
        )
        return context


class SiteFormMixin(CapabilityRequiredMixin, FormPageMixin):
    """Saved through the service: a rule failing under the lock becomes a form error."""

    capability = "manage_sites"
    cancel_url = reverse_lazy("sites:site_list")

    def save_audited(self, form):
        return save_with_rules(form=form, actor=self.request.user)


class UnscopedOnlyMixin:
    """Buses and new sites are shared by every operator: not for a user scoped to some."""

    def dispatch(self, request, *args, **kwargs):
        if is_scoped(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SiteCreateView(UnscopedOnlyMixin, SiteFormMixin, CreateView):
    model = Site
    form_class = SiteForm
    title = _("New site")


class SiteUpdateView(SiteFormMixin, UpdateView):
    model = Site

    def get_queryset(self):
        return Site.objects.for_user(self.request.user)

    form_class = SiteForm
    cancel_url = None  # the site's own page

    def get_title(self) -> str:
        return _("Edit %(site)s") % {"site": self.object}


class BusCreateView(UnscopedOnlyMixin, SiteFormMixin, CreateView):
    model = Bus
    form_class = BusForm
    title = _("New bus")
    success_url = reverse_lazy("sites:site_list")


class BusUpdateView(UnscopedOnlyMixin, SiteFormMixin, UpdateView):
    model = Bus
    form_class = BusForm
    title = _("Edit bus")
    success_url = reverse_lazy("sites:site_list")


class SiteChildMixin(SiteFormMixin):
    """Hours, closures and extra openings: created under a site, edited by id."""

    def get_site(self) -> Site:
        if getattr(self, "object", None) is not None and self.object.pk:
            return self.object.site
        return get_object_or_404(Site.objects.for_user(self.request.user), slug=self.kwargs["slug"])

    def get_queryset(self):
        return super().get_queryset().filter(site__in=Site.objects.for_user(self.request.user))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.instance.site = self.get_site()
        return form

    def get_title(self) -> str:
        return str(self.title) % {"site": self.get_site().name}

    def get_success_url(self):
        return self.get_site().get_absolute_url()

    def get_cancel_url(self) -> str:
        return self.get_site().get_absolute_url()


class HoursCreateView(SiteChildMixin, CreateView):
    model = WeeklyHours
    form_class = WeeklyHoursForm
    title = _("New weekly hours for %(site)s")

    def get_initial(self):
        return {"valid_from": timezone.localdate()}


class HoursUpdateView(SiteChildMixin, UpdateView):
    model = WeeklyHours
    form_class = WeeklyHoursForm
    title = _("Edit weekly hours for %(site)s")


class ClosureCreateView(SiteChildMixin, CreateView):
    model = Closure
    form_class = ClosureForm
    title = _("New closure of %(site)s")


class ClosureUpdateView(SiteChildMixin, UpdateView):
    model = Closure
    form_class = ClosureForm
    title = _("Edit closure of %(site)s")


class ExtraCreateView(SiteChildMixin, CreateView):
    model = ExtraOpening
    form_class = ExtraOpeningForm
    title = _("New extra opening at %(site)s")


class ExtraUpdateView(SiteChildMixin, UpdateView):
    model = ExtraOpening
    form_class = ExtraOpeningForm
    title = _("Edit extra opening at %(site)s")


class SiteChildDeleteView(CapabilityRequiredMixin, DeletePageView):
    capability = "manage_sites"

    def get_queryset(self):
        return super().get_queryset().filter(site__in=Site.objects.for_user(self.request.user))

    def audit_note(self) -> str:
        return str(self.object)

    def get_success_url(self):
        return self.object.site.get_absolute_url()

    def get_cancel_url(self) -> str:
        return self.object.site.get_absolute_url()


class HoursDeleteView(SiteChildDeleteView):
    model = WeeklyHours


class ClosureDeleteView(SiteChildDeleteView):
    model = Closure


class ExtraDeleteView(SiteChildDeleteView):
    model = ExtraOpening
