"""The user-experience survey's rounds and its question bank (issue 21; seed 004's baseline
and repeat): coordinators define a round (title, period, sites, questions from the bank) and
add questions to the bank; coordinators and managers see the rounds."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import CreateView, UpdateView

from core import submission
from core.formpage import FormPageMixin
from core.links import public_url
from core.permissions import CapabilityRequiredMixin, capability_required, has_capability
from core.qr import qr_svg
from feedback.forms import QuestionForm, SurveyForm
from feedback.models import Question, Survey
from feedback.paper import PaperSheetForm, paper_pdf
from feedback.services import AnswerRejected, receive_survey_replies


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
