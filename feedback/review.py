"""The review of visitors' texts: nothing a visitor wrote is shown before a coordinator has
read it (issue 21).

A coordinator approves a text as written, edits it to remove identifying details (then it is
approved as edited), or discards it (the words are deleted). An approved text can be edited
or discarded later; a discarded one has no words left. Each step is recorded in core.audit
with who and when, never the words, so the history keeps nothing the review removed.
"""

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import audit
from feedback.models import VisitorText
from feedback.services import AnswerRejected, clean_text

APPROVE = "approve"
DISCARD = "discard"

# The notes of the history, translated when shown (core.audit.note_text).
NOTE_APPROVED = gettext_noop("Approved as written")
NOTE_EDITED = gettext_noop("Edited to remove identifying details, then approved")
NOTE_DISCARDED = gettext_noop("Discarded: the words are deleted")


class ReviewRefused(Exception):
    """A review step that cannot be taken; the message is for the coordinator."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def seen_stamp(text: VisitorText) -> str:
    """What the coordinator saw: the form sends it back, and a text changed meanwhile by
    someone else is not overwritten."""
    return hashlib.sha256(f"{text.status}\x00{text.body}".encode()).hexdigest()[:16]


def review_text(*, pk, action: str, body: str, seen: str, actor: audit.Actor) -> VisitorText:
    """Approve (the words as given, edited if they differ) or discard one text, under a lock."""
    with transaction.atomic():
        text = VisitorText.objects.select_for_update().get(pk=pk)
        if not text.can_be_reviewed:
            raise ReviewRefused(_("This text was discarded; there is nothing left to review."))
        if seen != seen_stamp(text):
            raise ReviewRefused(
                _("Someone else reviewed this text while you read it. Here it is as it is now.")
            )
        if action == DISCARD:
            text.status, text.body = VisitorText.Status.DISCARDED, ""
            note = NOTE_DISCARDED
        elif action == APPROVE:
            try:
                words = clean_text(body)
            except AnswerRejected as error:
                raise ReviewRefused(error.message) from None
            if not words:
                raise ReviewRefused(
                    _("The text is empty. Write what may be shown, or discard the text.")
                )
            changed = words != text.body
            text.edited = text.edited or changed
            text.status, text.body = VisitorText.Status.APPROVED, words
            note = NOTE_EDITED if changed else NOTE_APPROVED
        else:
            raise ReviewRefused(_("Choose approve or discard."))
        text.save(update_fields=["status", "body", "edited"])
        audit.record(actor=actor, instance=text, action="update", note=note)
    return text
