"""The feedback rules in one place: how long an answer may wait on a device, folding, and the
rate limits that stop one person from flooding the box (docs/feedback.md, "Limits").

- Folding (on the kiosk, which alone knows the time of an answer): an answer sent less than
  FEEDBACK_FOLD_SECONDS after the kiosk's previous one replaces it, so a visitor who taps
  again, or changes their mind at once, counts once: the last answer wins.
- Pace (on the kiosk): after KIOSK_ANSWERS_PER_MINUTE answers within a minute the kiosk
  thanks the visitor and rests until the minute has passed.
- Allowance (on the server): a kiosk sends at most KIOSK_ANSWERS_PER_DAY answers for one
  day; further answers for that day are refused. A stolen token cannot flood the results.
- Phone (on the server): a survey round's public link (the QR code) takes at most
  PHONE_ANSWERS_PER_DAY replies for one site and day, counted per round, site and day in
  models.PhoneDay; and at most PHONE_ANSWERS_PER_HOUR from one network address, counted in
  the cache only, under a keyed hash of the address, forgotten after the hour and never
  stored with a reply. On the phone a reply waits FEEDBACK_FOLD_SECONDS before it is sent,
  and a new one within it replaces it, as on the kiosk.
- Window: an answer dated more than FEEDBACK_WINDOW_DAYS days back, or in the future, is
  refused: a kiosk that was offline that long has a problem staff should look at.
"""

from django.conf import settings


def _setting(name: str, default: int) -> int:
    return int(settings.VARMESTUE.get(name, default))


def fold_seconds() -> int:
    return _setting("FEEDBACK_FOLD_SECONDS", 5)


def kiosk_answers_per_minute() -> int:
    return _setting("KIOSK_ANSWERS_PER_MINUTE", 4)


def kiosk_answers_per_day() -> int:
    return _setting("KIOSK_ANSWERS_PER_DAY", 300)


def phone_answers_per_day() -> int:
    return _setting("PHONE_ANSWERS_PER_DAY", 100)


def phone_answers_per_hour() -> int:
    return _setting("PHONE_ANSWERS_PER_HOUR", 30)


def window_days() -> int:
    return _setting("FEEDBACK_WINDOW_DAYS", 60)


def take_phone_hour(request) -> bool:
    """Count one request from the address behind `request` against PHONE_ANSWERS_PER_HOUR;
    False when it is used up. The count lives in the cache only, under a keyed hash of the
    address and the hour (never the address itself), and is forgotten after the hour."""
    import hashlib
    import hmac
    import time

    from django.core.cache import cache

    from core.client_ip import client_ip

    hour = int(time.time() // 3600)
    address = client_ip(request) or "unknown"
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{address}|{hour}".encode(), hashlib.sha256
    ).hexdigest()
    key = f"feedback-phone:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count <= phone_answers_per_hour()
