"""The back office for superusers: every volunteers model in Django's admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy

from core import audit
from volunteers import models, services


class ShiftNeedInline(admin.TabularInline):
    model = models.ShiftNeed
    extra = 0


class TemplateNeedInline(admin.TabularInline):
    model = models.TemplateNeed
    extra = 0


@admin.register(models.Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    """Every list and change page a superuser opens is a logged view of the volunteers on it."""

    list_display = ["__str__", "status", "recruited_via", "is_key_holder", "anonymised_at"]
    list_filter = ["status", "recruited_via", "is_key_holder"]
    search_fields = ["first_name", "last_name", "email"]
    filter_horizontal = ["roles"]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            audit.record_views(
                actor=request.user,
                instances=changelist.result_list,
                note=gettext_lazy("Seen in the admin's list"),
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        was_left = change and form.initial.get("status") == models.Volunteer.Status.LEFT
        services.status_changed(volunteer=obj, was_left=was_left, actor=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        original = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and original is not None:
            audit.record_views(
                actor=request.user,
                instances=[original],
                note=gettext_lazy("Opened in the admin"),
            )
        return response


@admin.register(models.Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["__str__", "site", "starts", "ends", "key_holder_required", "staff_required"]
    list_filter = ["site"]
    date_hierarchy = "starts"
    inlines = [ShiftNeedInline]


@admin.register(models.ShiftTemplate)
class ShiftTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "site", "weekday", "start_time", "end_time"]
    inlines = [TemplateNeedInline]


@admin.register(models.ShiftAssignment)
class ShiftAssignmentAdmin(admin.ModelAdmin):
    list_display = ["volunteer", "shift", "role", "reminder_sent_at"]
    raw_id_fields = ["shift", "volunteer"]


admin.site.register(models.VolunteerRole)
admin.site.register(models.TrainingTopic)
admin.site.register(models.TrainingSession)
admin.site.register(models.Unavailability)
