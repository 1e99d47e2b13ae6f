"""Coordinators edit the tally categories: names, group, order, active, and where unused."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, ListView, UpdateView

from core.formpage import FormPageMixin
from core.permissions import CapabilityRequiredMixin
from visits.models import TallyCategory


class CategoryForm(forms.ModelForm):
    class Meta:
        model = TallyCategory
        fields = [
            "code",
            "name_da",
            "name_en",
            "group",
            "order",
            "active",
            "part_of",
            "not_used_at",
        ]
        widgets = {"not_used_at": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code is what tablets and reports know the category by: it never changes.
            self.fields["code"].disabled = True
        part_of = self.fields["part_of"]
        assert isinstance(part_of, forms.ModelChoiceField)
        # One level: a total is not itself a breakdown (decisions: Visits 14).
        totals = TallyCategory.objects.in_order().filter(part_of__isnull=True)
        part_of.queryset = totals.exclude(pk=self.instance.pk) if self.instance.pk else totals
        part_of.empty_label = _("None: not a breakdown")

    def clean_part_of(self):
        total = self.cleaned_data.get("part_of")
        if total is not None and self.instance.pk and self.instance.parts.exists():
            raise forms.ValidationError(
                _("This category has breakdowns of its own, so it cannot be one."),
                code="nested",
            )
        return total


class CategoryListView(CapabilityRequiredMixin, ListView):
    capability = "manage_sites"
    template_name = "visits/category_list.html"
    context_object_name = "categories"

    def get_queryset(self):
        return (
            TallyCategory.objects.in_order()
            .select_related("part_of")
            .prefetch_related("not_used_at")
        )


class CategoryFormMixin(CapabilityRequiredMixin, FormPageMixin):
    capability = "manage_sites"
    model = TallyCategory
    form_class = CategoryForm
    success_url = cancel_url = reverse_lazy("visits:categories")
    success_message = _("The tally category is saved.")


class CategoryCreateView(CategoryFormMixin, CreateView):
    title = _("New tally category")


class CategoryUpdateView(CategoryFormMixin, UpdateView):
    title = _("Edit tally category")
