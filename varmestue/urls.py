"""The project's URLs: each app under its own prefix."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from core import twofactor
from core import views as core_views
from core.permissions import public
from visits import pwa

# The admin logs in through the project's login page (and its two-factor step).
admin.site.login = twofactor.admin_login

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/jobs", core_views.healthz_jobs, name="healthz_jobs"),
    path("login/", public(twofactor.LoginView.as_view()), name="login"),
    path("login/verify/", twofactor.login_verify, name="login_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Public: visitors on the public schedule switch language too.
    path("i18n/setlang/", public(set_language), name="set_language"),
    # The offline tally page: its worker must live at the root to control /visits/.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.web_manifest, name="web_manifest"),
    path("jsi18n/<slug:lang>/", pwa.javascript_catalog, name="javascript_catalog"),
    path("admin/", admin.site.urls),
    path("", include("sites.urls")),
    path("visits/", include("visits.urls")),
    path("volunteers/", include("volunteers.urls")),
    path("partners/", include("partners.urls")),
    path("planning/", include("planning.urls")),
    path("feedback/", include("feedback.urls")),
    path("reports/", include("reports.urls")),
    path("", include("core.urls")),
]

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
