"""Writes to sites and their hours: validated again under a lock, and recorded in the audit.

The overlap rules read other rows, so two coordinators saving at once could both pass the
form's check. Each write locks the site's row (and its bus's row, which serialises every stop
of the bus) and validates again before saving.
"""

from django import forms
from django.db import models, transaction

from core.audit import Actor, save_form
from sites.models import Bus, Site
from sites.rules import validate


def _lock(site_id: int) -> Site:
    site = Site.objects.select_for_update().get(pk=site_id)
    if site.bus_id is not None:
        Bus.objects.select_for_update().get(pk=site.bus_id)
    return site


def save_with_rules(*, form: forms.ModelForm, actor: Actor) -> models.Model:
    """Save a valid ModelForm of a site, bus, weekly hours, closure or extra opening.

    Raises ValidationError (nothing saved) if the rules fail under the lock.
    """
    instance = form.instance
    with transaction.atomic():
        site_id = instance.pk if isinstance(instance, Site) else getattr(instance, "site_id", None)
        if site_id is not None:
            _lock(site_id)
        validate(instance)
        return save_form(form=form, actor=actor)
