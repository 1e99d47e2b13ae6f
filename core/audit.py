"""Recording the audit history: one function to call from services and views.

A model that holds a person's data (a volunteer) sets `audit_as_reference = True`. Values of
such a model are stored as a reference (`{"ref": "app.model", "pk": 1}`), never as the name,
and shown with the object's current name: once the person is anonymised, every entry that
mentions them shows the anonymised name, and no old entry still holds the real one.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.models import AuditEntry

type Actor = User | AnonymousUser | None
"""Who acts: a request's user (anonymous on a kiosk or a public page), or None for a command."""


def user_or_none(actor: Actor) -> User | None:
    """The user to store as who did it: None for an anonymous visitor or a command."""
    return actor if isinstance(actor, User) else None


def _reference(instance: models.Model) -> dict[str, Any]:
    return {"ref": instance._meta.label_lower, "pk": instance.pk}


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        if getattr(value, "audit_as_reference", False):
            return _reference(value)
        return str(value)
    if isinstance(value, models.QuerySet | list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def record(
    *,
    actor: Actor,
    instance: models.Model,
    action: str,
    changes: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Write one audit entry for `instance`."""
    return AuditEntry.objects.create(
        actor=user_or_none(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes={k: _plain(v) for k, v in (changes or {}).items()},
        note=note,
    )


def record_views(*, actor: Actor, instances: Iterable[models.Model], note: Any = "") -> None:
    """One "view" entry per object shown (a list of people, the history of their data), in one
    statement: the people see on their own data page who looked at it."""
    instances = [i for i in instances if i.pk is not None]
    if not instances:
        return
    with translation.override(settings.LANGUAGE_CODE):
        note = str(note)  # a lazy text is kept in the site's language
    by = user_or_none(actor)
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=by,
            action=AuditEntry.Action.VIEW,
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
            object_repr=str(instance)[:300],
            note=note,
        )
        for instance in instances
    )


def objects_of(entries: Iterable[AuditEntry]) -> list[models.Model]:
    """The objects the entries are about that still exist, one query per kind."""
    wanted: dict[int, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.content_type_id:
            wanted[entry.content_type_id].add(entry.object_id)
    found: list[models.Model] = []
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is not None:
            found.extend(model._default_manager.filter(pk__in=ids))
    return found


def holds_personal_data(entry: AuditEntry) -> bool:
    """An entry about a person (a model with `audit_as_reference`): its values are theirs."""
    content_type = entry.content_type if entry.content_type_id else None
    model = content_type.model_class() if content_type is not None else None
    return bool(getattr(model, "audit_as_reference", False))


def form_changes(form: forms.BaseForm) -> dict[str, list[Any]]:
    """What a bound, valid ModelForm changed, as {field: [old, new]}."""
    return {
        name: [_plain(form.initial.get(name)), _plain(form.cleaned_data.get(name))]
        for name in form.changed_data
    }


def _rows(formset: forms.BaseInlineFormSet, parent: models.Model) -> list[str]:
    if parent.pk is None:
        return []
    model = formset.model
    assert model is not None, "an inline formset always has its model"
    rows = model._default_manager.filter(**{formset.fk.name: parent})
    return sorted(str(row) for row in rows)


def save_form(
    *, form: forms.ModelForm, actor: Actor, formsets: Iterable[forms.BaseInlineFormSet] = ()
) -> models.Model:
    """Save a valid ModelForm (and its valid inline formsets) and record what changed.

    One transaction: the entry is written with the change or not at all. A formset that
    changed adds {prefix: [rows before, rows after]}.
    """
    formsets = list(formsets)
    action = "create" if form.instance._state.adding else "update"
    with transaction.atomic():
        changes = form_changes(form)
        before = [_rows(formset, form.instance) for formset in formsets]
        instance = form.save()
        for formset, rows in zip(formsets, before, strict=True):
            formset.instance = instance
            formset.save()
            after = _rows(formset, instance)
            if after != rows:
                changes[str(formset.prefix)] = [rows, after]
        record(actor=actor, instance=instance, action=action, changes=changes)
    return instance


def history_for(instance: models.Model) -> models.QuerySet[AuditEntry]:
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
    ).select_related("actor")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    label: str = ""


def _references(value: Any) -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict) and set(value) == {"ref", "pk"}:
        yield value["ref"], value["pk"]
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def _names(entries: list[AuditEntry]) -> dict[tuple[str, Any], str]:
    """The current name of every object the entries refer to, one query per model."""
    wanted: dict[str, set] = defaultdict(set)
    for entry in entries:
        for change in (entry.changes or {}).values():
            for label, pk in _references(change):
                wanted[label].add(pk)
    names = {}
    for label, pks in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            names[(label, obj.pk)] = str(obj)
        for pk in pks:
            names.setdefault(
                (label, pk),
                _("%(kind)s #%(pk)s (deleted)") % {"kind": model._meta.verbose_name, "pk": pk},
            )
    return names


def _text(value: Any, names: dict[tuple[str, Any], str]) -> str:
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"ref", "pk"}:
        key = (value["ref"], value["pk"])
        return names.get(key, f"#{value['pk']}")
    if isinstance(value, list):
        return ", ".join(filter(None, (_text(v, names) for v in value)))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


HIDDEN = "•••"


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The translated label of a changed field (`start_quarter` → "Startkvartal"), of a
    formset's related rows (`weekly_hours` → "Åbningstider"), of what a model names in its
    `audit_labels` (a change that is no field: `assigned` on a shift), of a model of the same
    app (`progress_note` → "Statusnote"), or the name when nothing has it."""
    if model is None:
        return name
    labels = getattr(model, "audit_labels", {})
    if name in labels:
        return str(capfirst(labels[name]))
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        try:
            related = apps.get_model(model._meta.app_label, name.replace("_", ""))
        except LookupError:
            return name
        return str(capfirst(related._meta.verbose_name))
    if isinstance(field, models.ForeignObjectRel):
        return str(capfirst(field.related_model._meta.verbose_name_plural))
    return str(capfirst(field.verbose_name))


def kept_note(text: Any) -> str:
    """A note made from data (a count, a name), kept in the site's language: it cannot be
    translated when shown."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def note_text(note: str) -> str:
    """A note in the reader's language: notes are kept as the English text marked with
    gettext_noop where they are recorded, and translated when shown (older notes kept in
    Danish show as they are)."""
    return _(note) if note else ""


def readable(
    entries: Iterable[AuditEntry], *, hide_personal: bool = False
) -> list[tuple[AuditEntry, list[Change]]]:
    """Each entry with its changes as text, references shown by the object's current name.
    With `hide_personal`, the values of a person's own entries show as •••: which fields
    changed, not what they hold."""
    entries = list(entries)
    names = _names(entries)
    out = []
    for entry in entries:
        changes = []
        hide = hide_personal and holds_personal_data(entry)
        content_type = entry.content_type if entry.content_type_id else None
        model = content_type.model_class() if content_type is not None else None
        for field, change in (entry.changes or {}).items():
            label = field_label(model, field)
            if hide:
                changes.append(Change(field, HIDDEN, HIDDEN, label))
            elif isinstance(change, list) and len(change) == 2:
                old, new = change
                changes.append(Change(field, _text(old, names), _text(new, names), label))
            else:
                changes.append(Change(field, "", _text(change, names), label))
        out.append((entry, changes))
    return out
