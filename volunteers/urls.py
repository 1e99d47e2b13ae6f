from django.urls import path

from volunteers.views import exports, feed, registry, roster, self_service, shifts

app_name = "volunteers"

urlpatterns = [
    path("roster/", roster.roster_page, name="roster"),
    path("shifts/<int:pk>/assign/", roster.assign, name="assign"),
    path("assignments/<int:pk>/unassign/", roster.unassign, name="unassign"),
    path("shifts/new/", shifts.ShiftCreate.as_view(), name="shift_create"),
    path("shifts/<int:pk>/edit/", shifts.ShiftUpdate.as_view(), name="shift_update"),
    path("shifts/<int:pk>/cancel/", shifts.cancel_shift, name="shift_cancel"),
    path("shifts/<int:pk>/reinstate/", shifts.reinstate_shift, name="shift_reinstate"),
    path("templates/", shifts.TemplateList.as_view(), name="template_list"),
    path("templates/new/", shifts.TemplateCreate.as_view(), name="template_create"),
    path("templates/<int:pk>/edit/", shifts.TemplateUpdate.as_view(), name="template_update"),
    path("templates/<int:pk>/generate/", shifts.generate, name="template_generate"),
    path("", registry.VolunteerList.as_view(), name="volunteer_list"),
    path("new/", registry.VolunteerCreate.as_view(), name="volunteer_create"),
    path("<int:pk>/", registry.VolunteerDetail.as_view(), name="volunteer_detail"),
    path("<int:pk>/edit/", registry.VolunteerUpdate.as_view(), name="volunteer_update"),
    path("<int:pk>/anonymise/", registry.anonymise, name="volunteer_anonymise"),
    path("roles/", registry.RoleList.as_view(), name="role_list"),
    path("roles/new/", registry.RoleCreate.as_view(), name="role_create"),
    path("roles/<int:pk>/edit/", registry.RoleUpdate.as_view(), name="role_update"),
    path("topics/new/", registry.TopicCreate.as_view(), name="topic_create"),
    path("topics/<int:pk>/edit/", registry.TopicUpdate.as_view(), name="topic_update"),
    path("training/", registry.TrainingList.as_view(), name="training_list"),
    path("training/new/", registry.TrainingCreate.as_view(), name="training_create"),
    path("training/<int:pk>/edit/", registry.TrainingUpdate.as_view(), name="training_update"),
    path("my-shifts/", self_service.my_shifts, name="my_shifts"),
    path("my-shifts/shifts/<int:pk>/sign-up/", self_service.sign_up, name="sign_up"),
    path("my-shifts/<int:pk>/cancel/", self_service.cancel, name="cancel"),
    path("my-shifts/unavailable/", self_service.add_unavailability, name="unavailability_add"),
    path(
        "my-shifts/unavailable/<int:pk>/delete/",
        self_service.delete_unavailability,
        name="unavailability_delete",
    ),
    path("my-shifts/calendar/renew/", self_service.renew_feed, name="feed_renew"),
    path("my-data/", self_service.my_data, name="my_data"),
    path("feed/<str:token>.ics", feed.feed, name="feed"),
    path("exports/", exports.export_page, name="export"),
    path("exports/hours.csv", exports.export_csv, name="export_csv"),
    path("exports/hours.xlsx", exports.export_xlsx, name="export_xlsx"),
]
