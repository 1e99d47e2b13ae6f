"""Writes that must hold under concurrency: saving an outreach session without overlaps."""

from django import forms
from django.db import transaction

from core.audit import Actor, save_form
from partners.models import OutreachSession
from sites.models import Site


def save_session(*, form: forms.ModelForm, actor: Actor) -> OutreachSession:
    """Save a validated session form, re-checking overlaps while the site row is locked.

    Two coordinators saving overlapping sessions at the same moment would both pass the
    form's check; locking the site serialises them, so the second gets the clear message
    (raised as ValidationError, nothing saved).
    """
    session = form.instance
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=session.site_id).first()
        overlap = session.overlap_error()
        if overlap is not None:
            raise overlap
        saved = save_form(form=form, actor=actor)
    assert isinstance(saved, OutreachSession)
    return saved
