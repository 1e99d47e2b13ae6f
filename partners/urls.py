from django.urls import path

from partners.views import directory, edit

app_name = "partners"

urlpatterns = [
    path("", directory.DirectoryView.as_view(), name="directory"),
    path("find/", directory.find_service, name="find"),
    path("new/", edit.OrganisationCreateView.as_view(), name="organisation_create"),
    path("<int:pk>/", directory.OrganisationDetailView.as_view(), name="organisation"),
    path("<int:pk>/edit/", edit.OrganisationUpdateView.as_view(), name="organisation_update"),
    path("<int:pk>/delete/", edit.OrganisationDeleteView.as_view(), name="organisation_delete"),
    path("<int:org_pk>/contacts/new/", edit.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/<int:pk>/edit/", edit.ContactUpdateView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/delete/", edit.ContactDeleteView.as_view(), name="contact_delete"),
    path(
        "<int:org_pk>/agreements/new/",
        edit.AgreementCreateView.as_view(),
        name="agreement_create",
    ),
    path("agreements/<int:pk>/edit/", edit.AgreementUpdateView.as_view(), name="agreement_update"),
    path(
        "agreements/<int:pk>/delete/", edit.AgreementDeleteView.as_view(), name="agreement_delete"
    ),
    path("agreements/<int:pk>/document/", directory.agreement_document, name="agreement_document"),
    path("<int:org_pk>/sessions/new/", edit.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/edit/", edit.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/delete/", edit.SessionDeleteView.as_view(), name="session_delete"),
    path("services/new/", edit.ServiceCreateView.as_view(), name="service_create"),
    path("services/<int:pk>/edit/", edit.ServiceUpdateView.as_view(), name="service_update"),
]
