"""Coordinators review the visitors' texts before anyone else sees them (feedback.review)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.audit import history_for
from core.permissions import capability_required
from feedback.forms import TextFilterForm, TextReviewForm
from feedback.models import SurveyAnswer, VisitorText
from feedback.review import APPROVE, ReviewRefused, review_text, seen_stamp


@capability_required("manage_feedback")
@require_http_methods(["GET"])
def text_list(request: HttpRequest) -> HttpResponse:
    """The texts waiting for review (oldest first), or those already reviewed."""
    form = TextFilterForm(request.GET or None)
    status = VisitorText.Status.PENDING
    texts = VisitorText.objects.select_related("site")
    if form.is_valid():
        status = form.cleaned_data["status"] or status
        if form.cleaned_data["site"]:
            texts = texts.filter(site=form.cleaned_data["site"])
    texts = texts.filter(status=status)
    texts = texts.order_by("date", "id") if status == "pending" else texts.order_by("-date", "id")
    page = Paginator(texts, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/text_list.html",
        {"form": form, "page": page, "status": status, "Status": VisitorText.Status},
    )


@capability_required("manage_feedback")
@require_http_methods(["GET", "POST"])
def text_review(request: HttpRequest, pk) -> HttpResponse:
    """One text: approve it as written, edit it and approve, or discard it."""
    text = get_object_or_404(VisitorText.objects.select_related("site"), pk=pk)
    error = ""
    if request.method == "POST" and text.can_be_reviewed:
        form = TextReviewForm(request.POST)
        if not form.is_valid():
            error = (
                _("Choose approve or discard.")
                if "action" in form.errors
                else _("The form was incomplete. Here is the text as it is now; try again.")
            )
            form = TextReviewForm(initial={"body": text.body, "seen": seen_stamp(text)})
        else:
            try:
                reviewed = review_text(
                    pk=text.pk,
                    action=form.cleaned_data["action"],
                    body=form.cleaned_data["body"],
                    seen=form.cleaned_data["seen"],
                    actor=request.user,
                )
            except ReviewRefused as refused:
                error = refused.message
                text.refresh_from_db()
                form = TextReviewForm(initial={"body": text.body, "seen": seen_stamp(text)})
            else:
                if reviewed.status == VisitorText.Status.DISCARDED:
                    messages.success(request, _("The text is discarded."))
                else:
                    messages.success(request, _("The text is approved and can be shown."))
                return redirect("feedback:texts")
    else:
        form = TextReviewForm(initial={"body": text.body, "seen": seen_stamp(text)})
    return render(
        request,
        "feedback/text_review.html",
        {
            "text": text,
            "form": form,
            "error": error,
            "history": history_for(text)[:20],
            "APPROVE": APPROVE,
            # A survey's text is shown with the question it answers.
            "survey_answer": SurveyAnswer.objects.filter(text=text)
            .select_related("question")
            .first(),
        },
    )
