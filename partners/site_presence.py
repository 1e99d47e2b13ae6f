"""The partners' outreach sessions, as things happening at sites (see core.registry)."""

import datetime

from core.registry import SitePresence
from partners.selectors import occurrences_between


def presence(*, site_ids, start: datetime.datetime, end: datetime.datetime) -> list[SitePresence]:
    """Each session occurring at these sites between two aware datetimes."""
    return [
        SitePresence(
            site_id=o.session.site_id,
            title=f"{o.session.service.name} – {o.session.organisation.name}",
            starts=o.starts,
            ends=o.ends,
            description=o.session.note,
            url_name="partners:organisation",
            url_kwargs={"pk": o.session.organisation_id},
        )
        for o in occurrences_between(start=start, end=end, site_ids=site_ids)
    ]
