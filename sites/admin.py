"""The back office for sites: superusers only (coordinators use the sites pages)."""

from django.contrib import admin

from sites.forms import ExtraOpeningForm, WeeklyHoursForm
from sites.models import (
    Bus,
    Closure,
    ExtraOpening,
    Operator,
    Site,
    SiteOperation,
    UserScope,
    WeeklyHours,
)


class WeeklyHoursInline(admin.TabularInline):
    model = WeeklyHours
    form = WeeklyHoursForm  # the rules across rows (sites.rules)
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class ExtraOpeningInline(admin.TabularInline):
    model = ExtraOpening
    form = ExtraOpeningForm
    extra = 0


class SiteOperationInline(admin.TabularInline):
    """Who ran the site when (a takeover is two rows; periods must not overlap)."""

    model = SiteOperation
    extra = 0
    autocomplete_fields = ["operator"]


class OperatorSiteInline(SiteOperationInline):
    autocomplete_fields = ["site"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    inlines = [OperatorSiteInline]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "kind",
        "town",
        "in_use_from",
        "in_use_until",
        "to_be_confirmed",
    ]
    list_filter = ["kind", "town", "to_be_confirmed"]
    search_fields = ["name", "slug", "address"]
    inlines = [SiteOperationInline, WeeklyHoursInline, ClosureInline, ExtraOpeningInline]

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj else []


@admin.register(Bus)
class BusAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(UserScope)
class UserScopeAdmin(admin.ModelAdmin):
    """Who is limited to which operators' or sites' data; a user with no row sees all."""

    list_display = ["user", "operator", "site"]
    list_filter = ["operator"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    # Plain selects (few users and sites): the autocomplete widget's required select has no
    # empty first option, which the Nu HTML Checker refuses.
