"""The user-experience survey's rounds and its question bank (issue 21; seed 004's baseline
and repeat): coordinators define a round (title, period, sites, questions from the bank) and
add questions to the bank; coordinators and managers see the rounds."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import CreateView, UpdateView

from core import submission
from core.disclosure import NotPublished
from core.formpage import FormPageMixin
from core.links import public_url
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from core.qr import qr_svg
from feedback.forms import QuestionForm, SurveyForm
from feedback.models import Question, Survey
from feedback.paper import PaperSheetForm, paper_pdf
from feedback.services import AnswerRejected, receive_survey_replies
from feedback.survey_results import compare_rounds, round_results
from sites.models import Site


@capability_required("view_feedback")
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "feedback/survey_list.html",
        {
            "surveys": Survey.objects.prefetch_related("sites"),
            "questions": Question.objects.order_by("id").prefetch_related("surveys"),
            "can_edit": has_capability(request.user, "manage_feedback"),
        },
    )


@capability_required("view_feedback")
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.prefetch_related("sites"), pk=pk)
    return render(
        request,
        "feedback/survey_detail.html",
        {
            "survey": survey,
            "questions": survey.ordered_questions(),
            "can_edit": has_capability(request.user, "manage_feedback"),
            "can_collect": has_capability(request.user, "collect_feedback"),
        },
    )


class _SurveyPage(CapabilityRequiredMixin, FormPageMixin):
    capability = "manage_feedback"
    model = Survey
    form_class = SurveyForm


class SurveyCreateView(_SurveyPage, CreateView):
    title = gettext_lazy("Define a survey round")
    cancel_url = reverse_lazy("feedback:surveys")


class SurveyUpdateView(_SurveyPage, UpdateView):
    title = gettext_lazy("Edit the survey round")


class QuestionCreateView(CapabilityRequiredMixin, FormPageMixin, CreateView):
    capability = "manage_feedback"
    model = Question
    form_class = QuestionForm
    title = gettext_lazy("Add a question to the bank")
    cancel_url = reverse_lazy("feedback:surveys")
    success_url = reverse_lazy("feedback:surveys")


@capability_required("view_feedback")
@require_GET
def survey_poster(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable poster per site of the round (one A4 sheet each): the QR code of the
    round's public link for that site, for visitors to answer on their own phone."""
    survey = get_object_or_404(Survey.objects.prefetch_related("sites"), pk=pk)
    posters = []
    for site in survey.sites.all():
        url = public_url(
            "feedback:phone_survey", request=request, key=survey.public_key, site=site.slug
        )
        posters.append({"site": site, "url": url, "qr_svg": qr_svg(url)})
    return render(request, "feedback/survey_poster.html", {"survey": survey, "posters": posters})


@capability_required("collect_feedback")
@require_GET
def survey_paper_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's paper form: an A4 PDF in Danish, to print and hand out."""
    survey = get_object_or_404(Survey, pk=pk)
    pdf = paper_pdf(survey, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brugerundersoegelse-{survey.pk}.pdf"'
    return response


@capability_required("collect_feedback")
@require_http_methods(["GET", "POST"])
def survey_paper_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Type in one filled-in paper form; then the next, on an empty form. A sheet sent twice
    (a double click, the back button) is saved once (core/submission.py)."""
    survey = get_object_or_404(Survey.objects.prefetch_related("sites"), pk=pk)
    if request.method == "POST":
        repeat = submission.replay(request)
        if repeat is not None:
            return repeat
        form = PaperSheetForm(survey, request.POST)
        if form.is_valid():

            def save() -> Survey:
                site = form.cleaned_data["site"]
                result = receive_survey_replies(
                    site=site, replies=[form.reply()], surveys={survey.pk: survey}
                )
                if result.rejected:
                    raise AnswerRejected(result.rejected[0]["error"])
                return survey

            try:
                return submission.save_once(
                    request,
                    save=save,
                    success_url=lambda s: reverse("feedback:survey_paper_entry", args=[s.pk]),
                    message=_("The form is saved. Type in the next one."),
                )
            except AnswerRejected as rejected:
                form.add_error(None, rejected.message)
    else:
        form = PaperSheetForm(survey)
    submission.add_token(form)
    return render(
        request,
        "feedback/paper_entry.html",
        {
            "form": form,
            "survey": survey,
            "title": _("Type in a paper form: %(survey)s") % {"survey": survey.title},
            "cancel_url": reverse("feedback:home"),
            "submit_label": _("Save the form"),
        },
    )


@capability_required("view_feedback")
@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A round's results per site and for all its sites, through core.disclosure."""
    survey = get_object_or_404(Survey, pk=pk)
    found, refusal = None, ""
    try:
        found = round_results(survey, today=timezone.localdate())
    except NotPublished as error:
        refusal = error.message
    return render(
        request,
        "feedback/survey_results.html",
        {"survey": survey, "results": found, "refusal": refusal},
    )


class CompareForm(forms.Form):
    """Two rounds (the earlier first) and, if wanted, one site both were at."""

    first = forms.ModelChoiceField(
        label=gettext_lazy("First round"), queryset=Survey.objects.none()
    )
    second = forms.ModelChoiceField(
        label=gettext_lazy("Second round"), queryset=Survey.objects.none()
    )
    site = forms.ModelChoiceField(
        label=gettext_lazy("Site"),
        queryset=Site.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("All the rounds' sites"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rounds = Survey.objects.order_by("starts", "title")
        self.fields["first"].queryset = rounds
        self.fields["second"].queryset = rounds

    def clean(self):
        data = super().clean()
        first, second, site = data.get("first"), data.get("second"), data.get("site")
        if first and second and first == second:
            raise forms.ValidationError(_("Choose two different rounds."))
        if first and second and site:
            for survey in (first, second):
                if not survey.sites.filter(pk=site.pk).exists():
                    raise forms.ValidationError(
                        _("%(site)s was not in “%(survey)s”.") % {"site": site, "survey": survey}
                    )
        return data


@capability_required("view_feedback")
@require_GET
def survey_compare(request: HttpRequest) -> HttpResponse:
    """Two rounds question by question (the questions they share, by id)."""
    form = CompareForm(request.GET or None)
    comparison, refusal = None, ""
    if form.is_valid():
        try:
            comparison = compare_rounds(
                form.cleaned_data["first"],
                form.cleaned_data["second"],
                site=form.cleaned_data["site"],
                today=timezone.localdate(),
            )
        except NotPublished as error:
            refusal = error.message
    return render(
        request,
        "feedback/survey_compare.html",
        {"form": form, "comparison": comparison, "refusal": refusal},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
