"""Whether a shift sits inside its site's opening hours (the sites app owns the hours)."""

import datetime


def inside_opening_hours(*, site, starts: datetime.datetime, ends: datetime.datetime):
    """True or False; None while the sites app cannot tell (no opening-hours helper yet)."""
    try:
        from sites.selectors import opening_intervals
    except ImportError:
        return None
    intervals = opening_intervals(site_ids=[site.pk], start=starts, end=ends)
    return any(
        getattr(i, "starts", None) is not None and i.starts <= starts and ends <= i.ends
        for i in intervals
    )
