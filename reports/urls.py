from django.urls import path

from reports import indicator_views, views

app_name = "reports"

urlpatterns = [
    path("usb/", views.usb, name="usb"),
    path(
        "usb/figures/<int:sub_goal_pk>/<int:period_pk>/",
        views.status_figures,
        name="status_figures",
    ),
    path("usb/sent/<int:period_pk>/", views.document_versions, name="document_versions"),
    path("usb/sent/files/<int:pk>/", views.frozen_file, name="frozen_file"),
    path("usb/<str:format>/", views.usb_download, name="usb_download"),
    path("exports/", views.exports, name="exports"),
    path("indicators/", indicator_views.indicators, name="indicators"),
    path("indicators/new/", indicator_views.IndicatorCreate.as_view(), name="indicator_create"),
    path(
        "indicators/<int:pk>/edit/",
        indicator_views.IndicatorUpdate.as_view(),
        name="indicator_edit",
    ),
    path(
        "indicators/<int:indicator_pk>/periods/<int:period_pk>/",
        indicator_views.IndicatorValueEdit.as_view(),
        name="indicator_value",
    ),
]
