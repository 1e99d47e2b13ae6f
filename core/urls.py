from django.urls import path

from core import twofactor, views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("audit/", views.audit_history, name="audit"),
    path("account/two-factor/", twofactor.two_factor, name="two_factor"),
    path("account/two-factor/setup/", twofactor.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/off/", twofactor.two_factor_disable, name="two_factor_disable"),
    path("account/two-factor/backup-codes/", twofactor.backup_codes, name="backup_codes"),
    path(
        "account/two-factor/backup-codes/new/",
        twofactor.backup_codes_new,
        name="backup_codes_new",
    ),
]
