"""The back office for superusers: every volunteers model in Django's admin."""

from django.contrib import admin

from volunteers import models


class ShiftNeedInline(admin.TabularInline):
    model = models.ShiftNeed
    extra = 0


class TemplateNeedInline(admin.TabularInline):
    model = models.TemplateNeed
    extra = 0


@admin.register(models.Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "recruited_via", "is_key_holder", "anonymised_at"]
    list_filter = ["status", "recruited_via", "is_key_holder"]
    search_fields = ["first_name", "last_name", "email"]
    filter_horizontal = ["roles"]


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
