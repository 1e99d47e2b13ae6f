from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry
from core.twofactor import reset_two_factor

# The back office in the app's name and language, not "Django administration".
admin.site.site_header = _("Varmestue administration")
admin.site.site_title = _("Varmestue administration")
admin.site.index_title = _("Administration")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "note", "actor__username"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Reset two-factor login (a lost phone)"), permissions=["reset"])
def reset_second_factor(modeladmin, request, queryset):
    reset = [user for user in queryset if reset_two_factor(user, actor=request.user)]
    modeladmin.message_user(
        request,
        ngettext(
            "Two-factor login reset for %(count)d user.",
            "Two-factor login reset for %(count)d users.",
            len(reset),
        )
        % {"count": len(reset)},
        messages.SUCCESS,
    )


class UserAdmin(DjangoUserAdmin):
    """Django's user admin, with the reset of a lost second factor for superusers."""

    actions = [reset_second_factor]

    def has_reset_permission(self, request) -> bool:
        return request.user.is_superuser


admin.site.unregister(User)
admin.site.register(User, UserAdmin)

# django-otp's own device pages would delete a user's second factor, or show its secret,
# without an audit entry: the users' admin has the audited reset instead (decisions Privacy 6).
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
