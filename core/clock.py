"""Wall-clock times in Europe/Copenhagen as real instants: a leaf module, importing no app."""

import datetime

from django.utils import timezone

UTC = datetime.UTC


def local_zone() -> datetime.tzinfo:
    return timezone.get_default_timezone()


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """The real instant of a wall-clock time on a day in Europe/Copenhagen.

    Ambiguous times (the repeated hour in October) take the first occurrence; times that do
    not exist (the skipped hour in March) move forward by the hour that was skipped.
    """
    zone = local_zone()
    naive = datetime.datetime.combine(day, time)
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


def start_of_day(day: datetime.date) -> datetime.datetime:
    return local_datetime(day, datetime.time.min)
