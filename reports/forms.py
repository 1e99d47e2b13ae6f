"""The report form: a period (a preset or from/to) and a choice of sites."""

import datetime
import re
from typing import Any

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.disclosure import NotPublished
from planning.models import ReportingPeriod
from reports import indicators
from reports.models import IndicatorValue, StatusFigure, TargetIndicator
from reports.periods import Period, add_months, publishable
from sites.models import Site
from visits.models import TallyCategory
from visits.selectors import sites_with_tallies

CUSTOM = "custom"
MAX_DAYS = 10 * 366
PRESET = re.compile(r"^(month|quarter|half|year):(\d{4})(?:-(\d{1,2}))?$")


def preset(kind: str, year: int, number: int | None = None) -> str:
    return f"{kind}:{year}" if number is None else f"{kind}:{year}-{number}"


def parse_preset(value: str) -> Period | None:
    """A preset value such as "month:2025-3", "quarter:2025-1", "half:2025-2", "year:2025"."""
    match = PRESET.match(value or "")
    if not match:
        return None
    kind, year, number = match[1], int(match[2]), match[3]
    if not 2000 <= year <= 2100:
        return None
    try:
        if kind == "year":
            return None if number else Period.year(year)
        if number is None:
            return None
        limit = {"month": 12, "quarter": 4, "half": 2}[kind]
        if not 1 <= int(number) <= limit:
            return None
        return {"month": Period.month, "quarter": Period.quarter, "half": Period.half_year}[kind](
            year, int(number)
        )
    except ValueError:
        return None


def period_choices(today: datetime.date) -> list:
    # Months that have ended (core.disclosure: a month in progress is not published).
    months = [add_months(today, -n) for n in range(1, 25)]
    this_quarter = (today.month - 1) // 3 + 1
    quarters = []
    year, quarter = today.year, this_quarter
    for _n in range(8):
        quarters.append(
            (preset("quarter", year, quarter), _("Q%(q)s %(year)s") % {"q": quarter, "year": year})
        )
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    halves = []
    year, half = today.year, 1 if today.month <= 6 else 2
    for _n in range(4):
        halves.append(
            (preset("half", year, half), _("H%(h)s %(year)s") % {"h": half, "year": year})
        )
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return [
        (
            _("Months"),
            [(preset("month", m.year, m.month), formats.date_format(m, "F Y")) for m in months],
        ),
        (_("Quarters"), quarters),
        (_("Half-years"), halves),
        (_("Years"), [(preset("year", today.year - n), str(today.year - n)) for n in range(6)]),
        (CUSTOM, _("Custom: the dates below")),
    ]


class PeriodField(forms.ChoiceField):
    """A listed preset, or any well-formed one (links may name an older month)."""

    def valid_value(self, value) -> bool:
        return value == CUSTOM or parse_preset(value) is not None


class ReportForm(forms.Form):
    document = forms.ModelChoiceField(
        label=_("Status document"),
        queryset=ReportingPeriod.objects.all(),
        required=False,
        empty_label=_("None: the statistics only"),
        help_text=_(
            "A reporting period's status on the strategic targets, with its summary and the "
            "statistics as an appendix. Its dates and sites are the reporting period's."
        ),
    )
    period = PeriodField(label=_("Period"), required=False)
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for a custom period: it is widened to whole months."),
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Only for a custom period: it is widened to whole months."),
    )
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-checkbox"}),
        help_text=_("None chosen: every site in use in the period."),
    )

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        period_field = self.fields["period"]
        assert isinstance(period_field, forms.ChoiceField)
        period_field.choices = period_choices(self.today)
        sites_field = self.fields["sites"]
        assert isinstance(sites_field, forms.ModelMultipleChoiceField)
        shown = self._period_asked() or Period.last_month(self.today)
        chosen = self.data.getlist("sites") if hasattr(self.data, "getlist") else []
        # The one rule for lists of sites (decisions: Sites 14), as the report's default.
        sites_field.queryset = Site.objects.listed(
            shown.start,
            shown.end,
            with_data=[
                sites_with_tallies(shown.start, shown.end),
                Site.objects.filter(slug__in=[str(slug) for slug in chosen]).values("pk"),
            ],
        )

    def _period_asked(self) -> Period | None:
        """The period the submitted data names, before validation, to list its sites."""
        if not self.is_bound:
            return None
        document = str(self.data.get("document") or "")
        if document.isdigit():
            found = ReportingPeriod.objects.filter(pk=int(document)).first()
            if found is not None:
                return Period(found.starts, found.ends)
        value = str(self.data.get("period") or "")
        if value != CUSTOM:
            return parse_preset(value)
        try:
            start = self.fields["start"].to_python(self.data.get("start"))
            end = self.fields["end"].to_python(self.data.get("end"))
            return Period(start, end) if start and end else None
        except (forms.ValidationError, ValueError):
            return None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        document = data.get("document")
        value = data.get("period")
        if document is not None:
            period = Period(document.starts, document.ends)
        elif not value:
            if not self.has_error("period"):
                self.add_error("period", _("Choose a period or a status document."))
            return data
        elif value == CUSTOM:
            start, end = data.get("start"), data.get("end")
            if start is None or end is None:
                if not self.has_error("start") and not self.has_error("end"):
                    raise forms.ValidationError(
                        _("A custom period needs both a start and an end date.")
                    )
                return data
            if end < start:
                self.add_error("end", _("The report period cannot end before it starts."))
                return data
            if (end - start).days > MAX_DAYS:
                self.add_error("end", _("A report covers at most ten years."))
                return data
            period = Period(start, end)
        elif value:
            preset = parse_preset(value)
            if preset is None:  # not one of the choices: the field has said so
                return data
            period = preset
        else:
            return data
        # Published as whole months that have ended (the builder applies the same rule).
        try:
            data["report_period"] = publishable(period, today=self.today)
        except NotPublished as refusal:
            field = "document" if document is not None else "end" if value == CUSTOM else "period"
            self.add_error(field, refusal.message)
        return data


class StatusFigureForm(forms.Form):
    """A figure to show beside a status text, chosen from a list (reports.indicators)."""

    figure = forms.ChoiceField(label=_("Figure"))

    def __init__(self, *args, taken: list[tuple[str, int | None]], **kwargs):
        super().__init__(*args, **kwargs)
        self.taken = taken
        self.categories = {c.code: c for c in TallyCategory.objects.in_order()}
        field = self.fields["figure"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Choose a figure")), *indicators.choices(self.categories.values())]

    def clean_figure(self) -> tuple[str, TallyCategory | None]:
        value = self.cleaned_data["figure"]
        kind, _sep, code = value.partition(":")
        category = self.categories.get(code) if code else None
        if kind == StatusFigure.Indicator.SERVICE and category is None:
            raise forms.ValidationError(_("Choose one of the listed figures."), code="invalid")
        if (kind, category.pk if category else None) in self.taken:
            raise forms.ValidationError(
                _("This figure is already shown beside the status."), code="taken"
            )
        return kind, category


class NewVersionForm(forms.Form):
    """A corrected version of a sent document: what changed, for the committee."""

    note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Printed in the version list, e.g. which figures were corrected and why."),
    )


_DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TargetIndicatorForm(forms.ModelForm):
    """An indicator of a target's effect: computed (from the list of live figures) or
    entered by hand per period; its baseline and goal."""

    class Meta:
        model = TargetIndicator
        fields = [
            "target",
            "name",
            "definition",
            "kind",
            "source",
            "category",
            "baseline_value",
            "baseline_date",
            "goal_value",
            "goal_date",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "baseline_date": _DATE_INPUT,
            "goal_date": _DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = TallyCategory.objects.in_order()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind, source = data.get("kind"), data.get("source")
        if kind == TargetIndicator.Kind.COMPUTED and not source:
            self.add_error("source", _("Choose what a computed indicator is computed from."))
        if kind == TargetIndicator.Kind.MANUAL:
            # Entered by hand: nothing to compute from.
            data["source"], data["category"] = "", None
        elif source == StatusFigure.Indicator.SERVICE and data.get("category") is None:
            self.add_error("category", _("Choose the service counted."))
        elif source != StatusFigure.Indicator.SERVICE:
            data["category"] = None
        return data


class IndicatorValueForm(forms.ModelForm):
    """A hand-entered indicator's value for one reporting period."""

    class Meta:
        model = IndicatorValue
        fields = ["value", "note"]
