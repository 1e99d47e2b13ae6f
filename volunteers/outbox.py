"""The outbox: every message to volunteers is stored first, then sent with retries.

`queue()` stores a `Message` and one `Delivery` per volunteer inside the caller's transaction,
so a message exists exactly when the change that caused it does. A volunteer without an e-mail
address, or who chose to get this kind in the app only (`Volunteer.wants_email`; the kinds in
`Message.MUST_GET` cannot be switched off), gets it in the app only. `send_due()` (cron:
`manage.py send_outbox`, every minute) sends each due delivery by its channel's sender. Each
delivery is locked while it is sent (rows another run holds are skipped), so two runs at once
never send one twice; a failure is retried after a growing pause (`BACKOFF_MINUTES`) until
`OUTBOX_MAX_ATTEMPTS` tries, then the delivery is `failed` and shows on the dashboard.

A sender is a function `send(delivery) -> None` that raises on failure, registered in
`SENDERS` under a `Delivery.Channel`. E-mail goes through Django's mail backend; an SMS
gateway would be another channel and sender.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from volunteers.models import Delivery, Message, Volunteer

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, ... failed try (the last value repeats).
BACKOFF_MINUTES = (1, 5, 15, 60, 180, 360)


@dataclass(frozen=True)
class Letter:
    """What one volunteer (or, with `user`, one coordinator) is to receive."""

    volunteer: Volunteer | None
    subject: str
    body: str
    email: bool = True  # False: in the app only (the volunteer's preferences are applied too)
    user: User | None = None  # a coordinator's copy, by e-mail (volunteer None)


def queue(
    *,
    kind: str,
    subject: str,
    letters: Iterable[Letter],
    shift=None,
    sent_by=None,
) -> Message:
    """Store a message and its deliveries (call inside the transaction that causes it)."""
    now = timezone.now()
    message = Message.objects.create(
        kind=kind,
        subject=subject[:200],
        shift=shift,
        sent_by=sent_by if getattr(sent_by, "is_authenticated", False) else None,
    )
    rows = []
    for letter in letters:
        if letter.volunteer is not None:
            address = letter.volunteer.email if letter.volunteer.wants_email(kind) else ""
        else:
            address = letter.user.email if letter.user is not None else ""
        by_email = letter.email and bool(address)
        rows.append(
            Delivery(
                message=message,
                volunteer=letter.volunteer,
                user=letter.user if letter.volunteer is None else None,
                channel=Delivery.Channel.EMAIL if by_email else Delivery.Channel.APP,
                address=address if by_email else "",
                subject=letter.subject[:200],
                body=letter.body,
                state=Delivery.State.QUEUED if by_email else Delivery.State.IN_APP,
                next_attempt_at=now if by_email else None,
            )
        )
    Delivery.objects.bulk_create(rows)
    return message


def send_email(delivery: Delivery) -> None:
    EmailMessage(subject=delivery.subject, body=delivery.body, to=[delivery.address]).send()


SENDERS: dict[str, Callable[[Delivery], None]] = {Delivery.Channel.EMAIL: send_email}


def backoff(attempts: int) -> datetime.timedelta:
    """The pause after the `attempts`-th failed try."""
    return datetime.timedelta(minutes=BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1])


@dataclass
class Run:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed"


def due(now: datetime.datetime):
    return Delivery.objects.filter(state=Delivery.State.QUEUED, next_attempt_at__lte=now)


def send_due(*, now: datetime.datetime | None = None, limit: int = 500) -> Run:
    """Send what is due, oldest first; each delivery in its own transaction."""
    now = now or timezone.now()
    run = Run()
    max_attempts = settings.VARMESTUE["OUTBOX_MAX_ATTEMPTS"]
    for _ in range(limit):
        with transaction.atomic():
            # The oldest due delivery no other run holds; sent or put off, it is due no more.
            delivery = (
                due(now)
                .order_by("next_attempt_at", "pk")
                .select_for_update(skip_locked=True)
                .first()
            )
            if delivery is None:
                break
            delivery.attempts += 1
            try:
                SENDERS[delivery.channel](delivery)
            except Exception as error:  # noqa: BLE001 - any failure is retried, then reported
                delivery.last_error = f"{type(error).__name__}: {error}"[:300]
                if delivery.attempts >= max_attempts:
                    delivery.state = Delivery.State.FAILED
                    delivery.next_attempt_at = None
                    run.failed += 1
                    logger.warning(
                        "Gave up on delivery %s after %s tries: %s",
                        delivery.pk,
                        delivery.attempts,
                        delivery.last_error,
                    )
                else:
                    delivery.next_attempt_at = now + backoff(delivery.attempts)
                    run.retrying += 1
            else:
                delivery.state = Delivery.State.SENT
                delivery.sent_at = timezone.now()
                delivery.next_attempt_at = None
                delivery.last_error = ""
                run.sent += 1
            delivery.save(
                update_fields=["state", "attempts", "next_attempt_at", "last_error", "sent_at"]
            )
    return run


@transaction.atomic
def retry_failed(*, message: Message) -> int:
    """Queue a message's failed deliveries again (after the mail server was fixed)."""
    return message.deliveries.filter(state=Delivery.State.FAILED).update(
        state=Delivery.State.QUEUED, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
