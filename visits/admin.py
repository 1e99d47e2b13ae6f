from django.contrib import admin

from visits.models import DailyCount, TallyCategory, TallyEvent


@admin.register(TallyCategory)
class TallyCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_da", "name_en", "group", "part_of", "order", "active"]
    list_filter = ["group", "active"]
    list_editable = ["order", "active"]
    search_fields = ["code", "name_da", "name_en"]
    filter_horizontal = ["not_used_at"]

    def get_readonly_fields(self, request, obj=None):
        # The code is what tablets and reports refer to: fixed once created.
        return ["code"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Events and counts change only through the tally services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TallyEvent)
class TallyEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "date", "site", "category", "delta", "kind", "entered_by"]
    list_filter = ["kind", "site", "category"]
    date_hierarchy = "date"


@admin.register(DailyCount)
class DailyCountAdmin(ReadOnlyAdmin):
    list_display = ["date", "site", "category", "count"]
    list_filter = ["site", "category"]
    date_hierarchy = "date"
