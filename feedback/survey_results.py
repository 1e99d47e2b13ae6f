"""The user-experience survey's results per round and site, and the comparison of two rounds
question by question, through core.disclosure (issue 21; docs/feedback.md, "Results of the
survey").

The rules, those of the tallies applied to a round:

1. **A round is published when it has ended.** While it takes answers its figures change
   every day, and two looks a day apart would give a day's replies away.
2. **One grid: site x question x answer** (a choice's number or a scale's step), and
   site x question for how many answered it, and site for the replies. A cell from 1 to
   threshold - 1 is withheld ("<5"); a total over sites that includes a withheld cell is
   withheld too (`Disclosed.total`).
3. **A site with fewer replies than the threshold shows nothing** but that mark: no answers,
   no texts.
4. **Derived figures follow their parts**: a scale's average or a choice's share built from a
   withheld count is "..".
5. **Texts only after review**: a text answer is listed (per site, by its random id) only when
   a coordinator has approved it, and only for a site that is shown.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from core.disclosure import Complement, Disclosed, NotPublished, Shown, Withheld, disclose
from feedback.models import Question, Survey, SurveyAnswer, SurveyResponse, VisitorText
from feedback.selectors import Indicator
from sites.models import Site
from visits.charts import bar_chart


@dataclass
class QuestionResult:
    question: Question
    answered: Shown
    per_value: list[tuple[int, str, Shown]] = field(default_factory=list)
    texts: list[VisitorText] = field(default_factory=list)
    chart: str = ""

    @property
    def average(self) -> float | Withheld | None:
        """A scale's average step (1-5), to one decimal; withheld when a part is."""
        if self.question.kind != Question.Kind.SCALE:
            return None
        if any(isinstance(n, Withheld) for _v, _l, n in self.per_value):
            return Complement()
        total = sum(n for _v, _l, n in self.per_value if isinstance(n, int))
        if not total:
            return None
        weighted = sum(v * n for v, _l, n in self.per_value if isinstance(n, int))
        return round(weighted / total, 1)

    def share(self, count: Shown) -> float | Withheld | None:
        """A choice's share of those who answered the question, in percent."""
        if isinstance(count, Withheld) or isinstance(self.answered, Withheld):
            return Complement()
        return round(100 * count / self.answered, 1) if self.answered else None

    def rows(self) -> list[tuple[str, Shown, float | Withheld | None]]:
        return [(label, n, self.share(n)) for _v, label, n in self.per_value]


@dataclass
class PlaceResult:
    """One site's replies to a round (or all the round's sites together), as they may be shown."""

    name: str
    replies: Shown
    questions: list[QuestionResult]
    site: Site | None = None

    @property
    def shown(self) -> bool:
        """Something to show: at least the threshold of replies (rule 3)."""
        return not isinstance(self.replies, Withheld) and self.replies > 0


@dataclass
class RoundResults:
    survey: Survey
    sites: list[PlaceResult]
    total: PlaceResult


def _labels(question: Question) -> list[tuple[int, str]]:
    if question.kind == Question.Kind.SCALE:
        return [(n, str(n)) for n in range(1, 6)]
    return list(enumerate(question.choices, start=1))


def check_published(survey: Survey, *, today: datetime.date) -> None:
    if survey.ends >= today:
        raise NotPublished(
            _("The results of “%(survey)s” are shown when the round has ended.")
            % {"survey": survey.title}
        )


def _grids(survey: Survey, site_ids: list[int]) -> tuple[Disclosed, Disclosed, Disclosed]:
    responses = SurveyResponse.objects.filter(survey=survey, site_id__in=site_ids)
    replies = disclose(
        dict(responses.values("site_id").annotate(n=Count("id")).values_list("site_id", "n"))
    )
    rows = SurveyAnswer.objects.filter(response__in=responses)
    values = disclose(
        {
            (site, question, value): n
            for site, question, value, n in rows.values_list(
                "response__site_id", "question_id", "value"
            ).annotate(n=Count("response_id"))
        }
    )
    answered = disclose(
        {
            (site, question): n
            for site, question, n in rows.values_list("response__site_id", "question_id")
            .annotate(n=Count("response_id", distinct=True))
            .values_list("response__site_id", "question_id", "n")
        }
    )
    return replies, values, answered


def _place(
    name: str,
    site: Site | None,
    site_ids: list[int],
    questions: list[Question],
    grids: tuple[Disclosed, Disclosed, Disclosed],
    texts: dict[tuple[int, int], list[VisitorText]],
) -> PlaceResult:
    replies, values, answered = grids
    place = PlaceResult(name=name, replies=replies.total(site_ids), questions=[], site=site)
    if not place.shown:
        return place  # rule 3: nothing but the mark
    for question in questions:
        result = QuestionResult(
            question=question,
            answered=answered.total((s, question.pk) for s in site_ids),
        )
        if question.kind == Question.Kind.TEXT:
            if site is not None:
                result.texts = texts.get((site.pk, question.pk), [])
        else:
            result.per_value = [
                (value, label, values.total((s, question.pk, value) for s in site_ids))
                for value, label in _labels(question)
            ]
            result.chart = _chart(name, result)
        place.questions.append(result)
    return place


def _chart(where: str, result: QuestionResult) -> str:
    """The answers as bars; left out when a bar would draw a withheld count."""
    counts = [n for _v, _l, n in result.per_value]
    if any(isinstance(n, Withheld) for n in counts) or not any(counts):
        return ""
    return bar_chart(
        title=_("%(question)s: %(where)s") % {"question": result.question.text, "where": where},
        desc=_("How many chose each answer."),
        labels=[label for _v, label, _n in result.per_value],
        values=[n for n in counts if isinstance(n, int)],
    )


def round_results(
    survey: Survey, *, today: datetime.date, sites: Sequence[Site] | None = None
) -> RoundResults:
    """The round per site (its sites, or those given) and for them all together. Raises
    NotPublished while the round is open."""
    check_published(survey, today=today)
    places = list(sites) if sites is not None else list(survey.sites.order_by("name"))
    site_ids = [s.pk for s in places]
    questions = survey.ordered_questions()
    grids = _grids(survey, site_ids)
    texts: dict[tuple[int, int], list[VisitorText]] = {}
    approved = (
        VisitorText.objects.shown()
        .filter(survey_answer__response__survey=survey, site_id__in=site_ids)
        .select_related("survey_answer")
        .order_by("id")
    )
    for text in approved:
        texts.setdefault((text.site_id, text.survey_answer.question_id), []).append(text)
    return RoundResults(
        survey=survey,
        sites=[_place(s.name, s, [s.pk], questions, grids, texts) for s in places],
        total=_place(_("All the round's sites"), None, site_ids, questions, grids, texts),
    )


@dataclass
class ComparedQuestion:
    question: Question
    first: QuestionResult | None
    second: QuestionResult | None
    chart: str = ""

    def rows(self) -> list[tuple[str, Shown, object, Shown, object]]:
        """(answer, count and share in the first round, count and share in the second)."""
        if self.first is None or self.second is None:
            return []
        return [
            (label, n1, s1, n2, s2)
            for (label, n1, s1), (_l, n2, s2) in zip(
                self.first.rows(), self.second.rows(), strict=True
            )
        ]


@dataclass
class Comparison:
    """Two rounds' answers to the questions they share, for the same sites."""

    first: RoundResults
    second: RoundResults
    questions: list[ComparedQuestion]


def compare_rounds(
    first: Survey, second: Survey, *, today: datetime.date, site: Site | None = None
) -> Comparison:
    """The questions both rounds ask (by question id), all their sites together, or one site
    both rounds were at. Raises NotPublished while either is open."""
    sites = [site] if site else None
    a = round_results(first, today=today, sites=sites)
    b = round_results(second, today=today, sites=sites)
    in_a = {q.question.pk: q for q in a.total.questions}
    in_b = {q.question.pk: q for q in b.total.questions}
    asked_first = {q.pk for q in first.ordered_questions()}
    compared = []
    for question in second.ordered_questions():
        if question.pk not in asked_first:
            continue
        item = ComparedQuestion(question, in_a.get(question.pk), in_b.get(question.pk))
        averages = [
            item.first.average if item.first else None,
            item.second.average if item.second else None,
        ]
        if question.kind == Question.Kind.SCALE and all(isinstance(v, float) for v in averages):
            item.chart = bar_chart(
                title=_("%(question)s: average in each round") % {"question": question.text},
                desc=_("The average answer from 1 (lowest) to 5 (highest), per round."),
                labels=[first.title, second.title],
                values=[v for v in averages if isinstance(v, float)],
            )
        compared.append(item)
    return Comparison(first=a, second=b, questions=compared)


def survey_indicators(
    *,
    start: datetime.date,
    end: datetime.date,
    site_ids: Sequence[int] | None = None,
    today: datetime.date,
) -> list[Indicator]:
    """For the USB status document: per round that ended in start..end, the replies and each
    scale question's average, all through core.disclosure (as feedback_indicators). Rounds
    still open are left out: their results are not published yet."""
    found = []
    rounds = Survey.objects.filter(ends__gte=start, ends__lte=end, ends__lt=today)
    for survey in rounds.order_by("ends", "title"):
        sites = survey.sites.order_by("name")
        if site_ids is not None:
            sites = sites.filter(pk__in=site_ids)
        results = round_results(survey, today=today, sites=list(sites))
        note = _("Survey round %(survey)s") % {"survey": survey.title}
        total = results.total
        found.append(Indicator(_("Replies to the user-experience survey"), total.replies, note))
        for question in total.questions:
            if question.question.kind == Question.Kind.SCALE:
                label = _("“%(question)s” (average, 1–5)") % {"question": question.question.text}
                found.append(Indicator(label, question.average, note))
    return found
