"""The exactly-once sync protocol of the offline pages (static/js/outbox.js, docs/api.md).

A device sends a batch of items, each with a UUID it made when the item was made, and gets
back three lists: `accepted` (stored now), `duplicates` (stored before) and `rejected` (not
stored, with a reason for staff). The tally page (visits) and the feedback kiosk (feedback)
both speak it; this module holds what they share: reading the batch and the result.
"""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from django.utils.translation import gettext as _

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class SyncResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, list]:
        return {"accepted": self.accepted, "duplicates": self.duplicates, "rejected": self.rejected}


class BatchError(Exception):
    """The request as a whole cannot be read; nothing in it is stored (answered with 400)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_batch(request: HttpRequest, *, key: str, max_items: int) -> list[dict[str, Any]]:
    """The list of item objects under `key` in a JSON body, or BatchError."""
    try:
        body = json.loads(request.body)
    except RequestDataTooBig:
        raise BatchError(_("The request is too large.")) from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BatchError(_("The request is not valid JSON.")) from None
    items = body.get(key) if isinstance(body, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BatchError(_('Send {"%(key)s": [...]} with one object per item.') % {"key": key})
    if len(items) > max_items:
        raise BatchError(_("At most %(max)d items per request.") % {"max": max_items})
    return items


def parse_uuid(value: Any) -> uuid.UUID | None:
    """A UUID from its text form, or None; the nil UUID is refused (a client's placeholder or
    an unset value, never one made for an item, and shared by every device that sends it)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return None
    return None if parsed.int == 0 else parsed


def parse_iso_date(value: Any) -> datetime.date | None:
    """A date from strict YYYY-MM-DD text, or None."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None
