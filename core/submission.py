"""One guard against double submission for every create form (docs/decisions.md, Reliability 5).

A create form carries a one-time token (`TOKEN_FIELD`, hidden, a random UUID made when the
page is shown). The save claims it by inserting a `FormSubmission` row in the transaction
that saves, and records there where the new object is shown. The token is unique: a second
POST with the same token, sent at the same time, waits for the first to commit and cannot
claim it; sent later, it is answered before validation. Either way the answer is the first
result (a redirect to what was made), never a second row. When the first save fails, its
claim rolls back with it and the token stays usable.

`core.formpage.FormPageMixin` adds the token to every create page and claims it, so no create
page can leave it out; a function view that creates calls `add_token`, `replay` and
`save_once` (the plan's tasks and progress notes). A POST without a token (a script, an
old page) is saved unguarded, as before. The submit button disabled while sending
(static/js/app.js) is a courtesy on top, not the guard.
"""

import datetime
import uuid
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import FormSubmission

TOKEN_FIELD = "form_token"  # noqa: S105 - a form field's name, no secret
# A token is kept this long: the back button or a resent form within it gets the first result.
KEEP = datetime.timedelta(days=30)


class AlreadySent(Exception):
    """The token was claimed by another request; `url` shows its result ("" if not ours)."""

    def __init__(self, url: str = "") -> None:
        super().__init__(url)
        self.url = url


def add_token(form: forms.BaseForm) -> None:
    """Give a create form its one-time token (a new one when the page is shown)."""
    form.fields[TOKEN_FIELD] = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64
    )
    if form.is_bound:
        # The token posted is the one shown: not a change for the audit history.
        form.initial[TOKEN_FIELD] = form.data.get(TOKEN_FIELD)
    else:
        form.initial[TOKEN_FIELD] = str(uuid.uuid4())


def posted_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


def _user_id(request: HttpRequest) -> int | None:
    user = getattr(request, "user", None)
    return user.pk if user is not None and user.is_authenticated else None


def answer(request: HttpRequest, url: str) -> HttpResponse:
    """The answer to a repeat: where the first save went, or the page again for a new form."""
    if url:
        messages.info(
            request, _("This form had already been sent and was saved once. Here is the result.")
        )
        return HttpResponseRedirect(url)
    messages.warning(
        request,
        _("This form had already been sent, so nothing more was saved. Here is a new form."),
    )
    return HttpResponseRedirect(request.get_full_path())


def replay(request: HttpRequest) -> HttpResponse | None:
    """Before validating a POST: the answer to a form already saved, or None to go on."""
    token = posted_token(request)
    if token is None:
        return None
    first = FormSubmission.objects.filter(token=token).first()
    if first is None:
        return None
    return answer(request, first.result_url if first.user_id == _user_id(request) else "")


def claim(request: HttpRequest) -> FormSubmission | None:
    """Claim the posted token; call inside the transaction that saves. A request holding the
    same token is waited for (the unique index), then AlreadySent names its result."""
    token = posted_token(request)
    if token is None:
        return None
    user_id = _user_id(request)
    try:
        with transaction.atomic():
            made = FormSubmission.objects.create(token=token, user_id=user_id)
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token).first()
        raise AlreadySent(
            first.result_url if first is not None and first.user_id == user_id else ""
        ) from None
    stale = FormSubmission.objects.filter(submitted_at__lt=timezone.now() - KEEP)
    (stale.filter(user=None) if user_id is None else stale.filter(user_id=user_id)).delete()
    return made


def record(claimed: FormSubmission | None, *, url: str) -> None:
    """Where the claimed form's result is shown, for a repeat to be sent there."""
    if claimed is not None:
        claimed.result_url = url
        claimed.save(update_fields=["result_url"])


def save_once[T](
    request: HttpRequest, *, save: Callable[[], T], success_url: Callable[[T], str], message: str
) -> HttpResponse:
    """A function view's create: claim the token, save, record the result, say so, go there."""
    try:
        with transaction.atomic():
            claimed = claim(request)
            made = save()
            url = success_url(made)
            record(claimed, url=url)
    except AlreadySent as sent:
        return answer(request, sent.url)
    messages.success(request, message)
    return HttpResponseRedirect(url)
