"""When a site is open, as far as the tallies need to know: the days and the hours.

The sites app owns opening hours; until its `sites.selectors.opening_intervals` is
available this falls back to the days the site is in use, Monday to Friday.
"""

import datetime

from sites.models import Site


def opening_days(site: Site, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days between start and end (inclusive) the site is open."""
    days = []
    day = start
    while day <= end:
        in_use = (site.in_use_from is None or site.in_use_from <= day) and (
            site.in_use_until is None or day <= site.in_use_until
        )
        if in_use and day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days
