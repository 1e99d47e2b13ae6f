from django.urls import path

from visits.views import api, categories, corrections, entry, figures

app_name = "visits"

urlpatterns = [
    path("", entry.entry, name="entry"),
    path("tap/", entry.tap, name="tap"),
    path("corrections/", corrections.corrections, name="corrections"),
    path("figures/", figures.figures, name="figures"),
    path("figures/figures.csv", figures.figures_download, {"format": "csv"}, name="figures_csv"),
    path("figures/figures.xlsx", figures.figures_download, {"format": "xlsx"}, name="figures_xlsx"),
    path("api/events/", api.api_events, name="api_events"),
    path("api/counts/", api.api_counts, name="api_counts"),
    path("categories/", categories.CategoryListView.as_view(), name="categories"),
    path("categories/new/", categories.CategoryCreateView.as_view(), name="category_create"),
    path("categories/<int:pk>/", categories.CategoryUpdateView.as_view(), name="category_edit"),
]
