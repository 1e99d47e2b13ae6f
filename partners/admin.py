from django.contrib import admin

from partners.models import Agreement, Contact, Organisation, OutreachSession, Service


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "key"]
    search_fields = ["name_da", "name_en", "key"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["services"]
    inlines = [ContactInline]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "starts_on", "ends_on", "next_review"]
    list_filter = ["status"]


@admin.register(OutreachSession)
class OutreachSessionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "service", "site", "weekday", "date", "start_time", "end_time"]
    list_filter = ["site", "service"]
