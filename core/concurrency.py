"""One rule against lost updates for every edit form: save only what was edited from the
current version (docs/decisions.md, Reliability 4).

An edit form carries a version token (`VERSION_FIELD`, hidden): the object's editable values
as the form loaded them, signed so they cannot be made up. `check_unchanged` reads the row
again under `SELECT ... FOR UPDATE` in the transaction that saves, and raises `EditConflict`
when any of those values has changed since, or when the token is missing or forged: a save
that does not say which version it edits is refused, never waved through.

`core.formpage.FormPageMixin` adds the token to every update page and calls the check in its
`submit`, so no edit form can leave it out; a service that saves without a form calls
`check_unchanged` itself.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.models import model_to_dict
from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import gettext as _

VERSION_FIELD = "edit_version"
_SALT = "core.concurrency"


@dataclass(frozen=True)
class FieldChange:
    """A field someone else changed: its label and its value as loaded and as now."""

    name: str
    label: str
    loaded: str
    now: str


@dataclass
class EditConflict(Exception):
    """The object changed after the form was loaded, or the save named no version."""

    changes: list[FieldChange] = field(default_factory=list)
    by: str = ""
    missing: bool = False
    deleted: bool = False
    # The comparable values the form was loaded with (to tell the user's edits from theirs).
    loaded: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{c.label}: {c.loaded} → {c.now}" for c in self.changes)


def _model_field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) and found.editable else None


def _raw(instance: models.Model, model_field: models.Field) -> Any:
    """A comparable value: related objects by primary key, everything else as text."""
    if model_field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(
            str(pk) for pk in getattr(instance, model_field.name).values_list("pk", flat=True)
        )
    value = model_field.value_from_object(instance)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return value.astimezone(datetime.UTC).isoformat()
    return None if value is None else str(value)


def _shown(instance: models.Model, model_field: models.Field) -> str:
    """The value as a person reads it: a choice's label, a related object's name."""
    if model_field.many_to_many:
        if instance.pk is None:
            return "–"
        return ", ".join(str(o) for o in getattr(instance, model_field.name).all()) or "–"
    if model_field.is_relation:
        related = getattr(instance, model_field.name, None)
        return str(related) if related is not None else "–"
    value = model_field.value_from_object(instance)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if value is None or value == "":
        return "–"
    if isinstance(value, models.fields.files.FieldFile):
        return (value.name or "").rsplit("/", 1)[-1]
    return str(formats.localize(value))


def snapshot(instance: models.Model, names: list[str]) -> dict[str, list[Any]]:
    """{field name: [comparable value, shown value]} for the model fields among `names`."""
    values = {}
    for name in names:
        model_field = _model_field(type(instance), name)
        if model_field is not None:
            values[name] = [_raw(instance, model_field), _shown(instance, model_field)]
    return values


def version_token(instance: models.Model, names: list[str]) -> str:
    """The token an edit form carries: what it loaded, signed."""
    payload = {"pk": instance.pk, "values": snapshot(instance, names)}
    return signing.dumps(payload, salt=_SALT, compress=True)


def read_token(token: str | None) -> dict[str, Any] | None:
    if not token:
        return None
    try:
        return signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None


def loaded_values(token: str | None) -> dict[str, Any]:
    """The comparable values the form was loaded with (empty for a missing token)."""
    payload = read_token(token)
    return {name: pair[0] for name, pair in (payload or {}).get("values", {}).items()}


def _last_editor(instance: models.Model) -> str:
    from core.audit import history_for

    if instance.pk is None:
        return ""
    entry = history_for(instance).select_related("actor").first()
    if entry is None or entry.actor is None:
        return ""
    return entry.actor.get_full_name() or entry.actor.get_username()


def lock(instance: models.Model) -> models.Model:
    """The row as it is now, locked until the transaction ends (or `instance` if unsaved)."""
    if instance.pk is None:
        return instance
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _label(instance: models.Model, name: str) -> str:
    model_field = _model_field(type(instance), name)
    return str(model_field.verbose_name if model_field else name).capitalize()


def check_unchanged(*, current: models.Model, token: str | None) -> None:
    """Raise EditConflict unless `current` (read under lock, see `lock`) still has the values
    the token was loaded with. Call inside the transaction that saves."""
    payload = read_token(token)
    if payload is None:
        raise EditConflict(missing=True)
    loaded = payload["values"]
    now = snapshot(current, list(loaded))
    changes = [
        FieldChange(
            name=name,
            label=_label(current, name),
            loaded=pair[1],
            now=now[name][1],
        )
        for name, pair in loaded.items()
        if name in now and now[name][0] != pair[0]
    ]
    if payload["pk"] != current.pk and not changes:
        # Created by someone else since (a row the form expected to create).
        changes = [
            FieldChange(
                name="",
                label=str(current._meta.verbose_name).capitalize(),
                loaded="–",
                now=str(current),
            )
        ]
    if changes:
        raise EditConflict(
            changes=changes,
            by=_last_editor(current),
            loaded={name: pair[0] for name, pair in loaded.items()},
        )


def _posted_raw(form: forms.BaseForm, model_field: models.Field) -> Any:
    """The user's value in the same comparable form as `_raw`."""
    if model_field.many_to_many:
        chosen = form.cleaned_data.get(model_field.name) or []
        return sorted(str(o.pk) for o in chosen)
    return _raw(form.instance, model_field)  # type: ignore[attr-defined]


def _as_data(current: models.Model, model_field: models.Field) -> Any:
    value = model_to_dict(current, fields=[model_field.name]).get(model_field.name)
    if model_field.many_to_many:
        return [str(o.pk) for o in value or []]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return "" if value is None else value


def merge_data(*, form: forms.BaseForm, current: models.Model, conflict: EditConflict) -> QueryDict:
    """The posted data on top of the current version: a field the other person changed and
    the user left as loaded takes their value; a field both changed keeps the user's."""
    data = QueryDict(mutable=True)
    for key in form.data:
        data.setlist(key, form.data.getlist(key))  # type: ignore[attr-defined]
    data[VERSION_FIELD] = version_token(current, list(form.fields))
    for change in conflict.changes:
        model_field = _model_field(type(current), change.name)
        if model_field is None or change.name not in form.fields:
            continue
        if _posted_raw(form, model_field) != conflict.loaded.get(change.name):
            continue  # the user changed it too: their value stays, the message says so
        value = _as_data(current, model_field)
        if isinstance(value, list):
            data.setlist(change.name, value)
        else:
            data[change.name] = value
    return data


def conflict_messages(conflict: EditConflict) -> list[str]:
    """What to tell the user, one paragraph each."""
    if conflict.missing:
        return [
            _(
                "Nothing was saved: the form did not say which version it changes (it may "
                "be old, or not sent from this page). The form now shows the current "
                "version with your input: check it and save again."
            )
        ]
    if conflict.by:
        head = _(
            "%(name)s changed this while you were editing it, so nothing of yours was saved."
        ) % {"name": conflict.by}
    else:
        head = _(
            "Someone else changed this while you were editing it, so nothing of yours was saved."
        )
    lines = [head]
    for change in conflict.changes:
        lines.append(
            _("%(field)s: was “%(loaded)s”, is now “%(now)s”.")
            % {"field": change.label, "loaded": change.loaded, "now": change.now}
        )
    lines.append(
        _(
            "The form shows their changes with yours on top (where you both changed a "
            "field, your value is kept): check it and save again."
        )
    )
    return lines
