from django.urls import path

from visits.views import api, corrections, entry, figures

app_name = "visits"

urlpatterns = [
    path("", entry.entry, name="entry"),
    path("tap/", entry.tap, name="tap"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("figures/", figures.figures, name="figures"),
    path("api/events/", api.api_events, name="api_events"),
    path("api/counts/", api.api_counts, name="api_counts"),
]
