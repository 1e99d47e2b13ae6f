"""URLs of the sites app: the public schedule at the root, coordinators' pages under /sites/."""

from django.urls import path

from sites.views import manage, operators, public

app_name = "sites"

urlpatterns = [
    path("schedule/", public.schedule, name="schedule"),
    path("schedule/flyer/", public.flyer, name="flyer"),
    path("schedule/flyer.pdf", public.flyer_pdf, name="flyer_pdf"),
    path("schedule.ics", public.calendar_feed, name="calendar_feed"),
    path("schedule/<slug:slug>.ics", public.site_calendar_feed, name="site_calendar_feed"),
    path("sites/", manage.SiteListView.as_view(), name="site_list"),
    path("sites/operators/", operators.OperatorListView.as_view(), name="operator_list"),
    path("sites/operators/new/", operators.OperatorCreateView.as_view(), name="operator_create"),
    path(
        "sites/operators/<slug:slug>/edit/",
        operators.OperatorUpdateView.as_view(),
        name="operator_update",
    ),
    path(
        "sites/operations/<int:pk>/edit/",
        operators.OperationUpdateView.as_view(),
        name="operation_update",
    ),
    path(
        "sites/operators/<slug:slug>/",
        operators.OperatorDetailView.as_view(),
        name="operator_detail",
    ),
    path("sites/new/", manage.SiteCreateView.as_view(), name="site_create"),
    path("sites/buses/new/", manage.BusCreateView.as_view(), name="bus_create"),
    path("sites/buses/<slug:slug>/edit/", manage.BusUpdateView.as_view(), name="bus_update"),
    path("sites/<slug:slug>/", manage.SiteDetailView.as_view(), name="site_detail"),
    path("sites/<slug:slug>/edit/", manage.SiteUpdateView.as_view(), name="site_update"),
    path(
        "sites/<slug:slug>/takeover/",
        operators.TakeoverCreateView.as_view(),
        name="takeover_create",
    ),
    path("sites/<slug:slug>/hours/new/", manage.HoursCreateView.as_view(), name="hours_create"),
    path("sites/hours/<int:pk>/edit/", manage.HoursUpdateView.as_view(), name="hours_update"),
    path("sites/hours/<int:pk>/delete/", manage.HoursDeleteView.as_view(), name="hours_delete"),
    path(
        "sites/<slug:slug>/closures/new/",
        manage.ClosureCreateView.as_view(),
        name="closure_create",
    ),
    path(
        "sites/closures/<int:pk>/edit/", manage.ClosureUpdateView.as_view(), name="closure_update"
    ),
    path(
        "sites/closures/<int:pk>/delete/",
        manage.ClosureDeleteView.as_view(),
        name="closure_delete",
    ),
    path("sites/<slug:slug>/extra/new/", manage.ExtraCreateView.as_view(), name="extra_create"),
    path("sites/extra/<int:pk>/edit/", manage.ExtraUpdateView.as_view(), name="extra_update"),
    path("sites/extra/<int:pk>/delete/", manage.ExtraDeleteView.as_view(), name="extra_delete"),
]
