"""The feedback box's results, as they may be shown: per site and period, through
core.disclosure (docs/privacy.md), and the indicator the USB status document uses.

The published grid of the feedback box is site x month x face (and site x month x topic for
the topics): the same rules as the tallies. A period is whole months that have ended; a cell
from 1 to threshold - 1 is withheld, a total that includes a withheld cell is withheld, and a
figure derived from withheld counts (an average, a share) is withheld too. Texts are shown
only once a coordinator has approved them (feedback.review).
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from core.disclosure import (
    Complement,
    Disclosed,
    PublishedMonths,
    Shown,
    Withheld,
    disclose,
    published_months,
)
from feedback.models import FeedbackEntry, FeedbackTopic, Mood, Topic, VisitorText
from sites.models import Site

GOOD_MOODS = (Mood.GOOD, Mood.VERY_GOOD)


def _month(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _months(months: PublishedMonths) -> list[datetime.date]:
    found, day = [], months.start
    while day <= months.end:
        found.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return found


def mood_counts(
    *, site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date, int], int]:
    """{(site, month, face): answers}, exact: for disclose() only."""
    rows = (
        FeedbackEntry.objects.between(start, end)
        .filter(site_id__in=list(site_ids))
        .annotate(month=TruncMonth("date"))
        .values_list("site_id", "month", "mood")
        .annotate(n=Count("id"))
    )
    return {(site, _month(month), mood): n for site, month, mood, n in rows}


def topic_counts(
    *, site_ids: Iterable[int], start: datetime.date, end: datetime.date
) -> dict[tuple[int, datetime.date, str], int]:
    """{(site, month, topic): answers that ticked it}, exact: for disclose() only."""
    rows = (
        FeedbackTopic.objects.filter(
            entry__date__gte=start, entry__date__lte=end, entry__site_id__in=list(site_ids)
        )
        .annotate(month=TruncMonth("entry__date"))
        .values_list("entry__site_id", "month", "topic")
        .annotate(n=Count("entry_id"))
    )
    return {(site, _month(month), topic): n for site, month, topic, n in rows}


def average(per_mood: dict[int, Shown]) -> float | Withheld | None:
    """The average face (1-5), to one decimal; withheld when a part is."""
    if any(isinstance(n, Withheld) for n in per_mood.values()):
        return Complement()
    total = sum(n for n in per_mood.values() if isinstance(n, int))
    if not total:
        return None
    weighted = sum(mood * n for mood, n in per_mood.items() if isinstance(n, int))
    return round(weighted / total, 1)


def share_good(per_mood: dict[int, Shown]) -> float | Withheld | None:
    """The share of answers with a good or very good face, in percent; withheld when a part is."""
    if any(isinstance(n, Withheld) for n in per_mood.values()):
        return Complement()
    total = sum(n for n in per_mood.values() if isinstance(n, int))
    if not total:
        return None
    good = sum(n for mood, n in per_mood.items() if mood in GOOD_MOODS and isinstance(n, int))
    return round(100 * good / total, 1)


@dataclass
class SiteResult:
    """One site's (or all chosen sites') answers in the period, as they may be shown."""

    name: str
    answers: Shown
    per_mood: dict[int, Shown]
    per_topic: dict[str, Shown]
    texts: list[VisitorText] = field(default_factory=list)
    site: Site | None = None
    chart: str = ""  # an SVG chart, set by a page that draws one

    @property
    def average(self) -> float | Withheld | None:
        return average(self.per_mood)

    @property
    def share_good(self) -> float | Withheld | None:
        return share_good(self.per_mood)

    def moods(self) -> list[tuple[int, str, Shown]]:
        return [(value, str(label), self.per_mood[value]) for value, label in Mood.choices]

    def topics(self) -> list[tuple[str, str, Shown]]:
        return [(value, str(label), self.per_topic[value]) for value, label in Topic.choices]


@dataclass
class FeedbackResults:
    months: PublishedMonths
    sites: list[SiteResult]
    total: SiteResult


def _result(
    name: str,
    moods: Disclosed,
    topics: Disclosed,
    site_ids: Sequence[int],
    months: list[datetime.date],
) -> SiteResult:
    per_mood = {
        mood: moods.total((s, m, mood) for s in site_ids for m in months) for mood in Mood.values
    }
    return SiteResult(
        name=name,
        answers=moods.total((s, m, mood) for s in site_ids for m in months for mood in Mood.values),
        per_mood=per_mood,
        per_topic={
            topic: topics.total((s, m, topic) for s in site_ids for m in months)
            for topic in Topic.values
        },
    )


def box_texts(*, site_ids: Sequence[int], start: datetime.date, end: datetime.date):
    """The feedback box's approved texts (not the survey's), by id: a random UUID, so the
    order says nothing about when a text was written."""
    return (
        VisitorText.objects.shown()
        .filter(site_id__in=site_ids, date__gte=start, date__lte=end)
        .filter(survey_answer__isnull=True)
        .order_by("id")
    )


def feedback_results(
    *,
    start: datetime.date,
    end: datetime.date,
    sites: Sequence[Site],
    today: datetime.date,
    with_texts: bool = True,
) -> FeedbackResults:
    """The feedback box per site over whole ended months of start..end (NotPublished when
    there is none), and for all of `sites` together; approved texts only."""
    months = published_months(start, end, today=today)
    site_ids = [s.pk for s in sites]
    month_list = _months(months)
    moods = disclose(mood_counts(site_ids=site_ids, start=months.start, end=months.end))
    topics = disclose(topic_counts(site_ids=site_ids, start=months.start, end=months.end))
    texts: dict[int, list[VisitorText]] = {s: [] for s in site_ids}
    if with_texts:
        for text in box_texts(site_ids=site_ids, start=months.start, end=months.end):
            texts[text.site_id].append(text)
    per_site = []
    for site in sites:
        result = _result(site.name, moods, topics, [site.pk], month_list)
        result.site, result.texts = site, texts[site.pk]
        per_site.append(result)
    total = _result(_("All chosen sites"), moods, topics, site_ids, month_list)
    return FeedbackResults(months=months, sites=per_site, total=total)


@dataclass(frozen=True)
class Indicator:
    """A figure for another app's document (the USB status document): a label, a value as it
    may be shown (a number, a withheld mark, or None for nothing to show) and a note."""

    label: str
    value: int | float | Withheld | None
    note: str = ""


def feedback_indicators(
    *,
    start: datetime.date,
    end: datetime.date,
    site_ids: Sequence[int] | None = None,
    today: datetime.date,
) -> list[Indicator]:
    """The feedback box's indicators for a period: the number of answers, the share with a
    good or very good face, and the average face, all through core.disclosure. Raises
    core.disclosure.NotPublished for a period with no whole month that has ended."""
    sites = Site.objects.order_by("name")
    if site_ids is not None:
        sites = sites.filter(pk__in=site_ids)
    results = feedback_results(
        start=start, end=end, sites=list(sites), today=today, with_texts=False
    )
    total = results.total
    note = results.months.note()
    return [
        Indicator(_("Answers in the feedback box"), total.answers, note),
        Indicator(_("Visitors who had a good or very good day (percent)"), total.share_good, note),
        Indicator(_("Average face (1 very bad – 5 very good)"), total.average, note),
    ]
