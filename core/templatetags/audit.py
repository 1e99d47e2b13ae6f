"""`{% audit_history_url obj %}`: the audit history of one object (for a "History" link);
`{{ entry.note|audit_note }}`: an entry's note in the reader's language."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.http import urlencode

from core.audit import note_text

register = template.Library()


@register.simple_tag
def audit_history_url(instance) -> str:
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    query = urlencode({"object_type": content_type.pk, "object_id": instance.pk})
    return f"{reverse('core:audit')}?{query}"


@register.filter
def audit_note(note: str) -> str:
    return note_text(note)
