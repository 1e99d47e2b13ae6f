"""Access classification of the sites URLs: public pages, staff reading, coordinators editing."""

import datetime

from tests.access import COORDINATORS, OPERATIONS, PUBLIC, Access, expect


def _site(users) -> dict:
    from tests.sites.factories import SiteFactory

    return {"slug": SiteFactory(slug="access-site").slug}


def _operator(users) -> dict:
    from tests.sites.factories import OperatorFactory

    return {"slug": OperatorFactory(slug="access-operator").slug}


def _operation(users) -> dict:
    from tests.sites.factories import SiteOperationFactory

    return {"pk": SiteOperationFactory().pk}


def _bus(users) -> dict:
    from tests.sites.factories import BusFactory

    return {"slug": BusFactory(slug="access-bus").slug}


def _hours(users) -> dict:
    from tests.sites.factories import WeeklyHoursFactory

    return {"pk": WeeklyHoursFactory().pk}


def _closure(users) -> dict:
    from tests.sites.factories import ClosureFactory

    return {"pk": ClosureFactory().pk}


def _extra(users) -> dict:
    from tests.sites.factories import ExtraOpeningFactory

    starts = datetime.datetime(2026, 11, 23, 20, tzinfo=datetime.UTC)
    return {"pk": ExtraOpeningFactory(starts=starts, ends=starts + datetime.timedelta(hours=8)).pk}


ACCESS = [
    Access("sites:schedule", PUBLIC),
    Access("sites:flyer", PUBLIC),
    Access("sites:flyer_pdf", PUBLIC),
    Access("sites:calendar_feed", PUBLIC),
    Access("sites:site_calendar_feed", PUBLIC, kwargs=_site, other_operator="as_role"),
    Access("sites:site_list", OPERATIONS),
    Access("sites:site_detail", OPERATIONS, kwargs=_site, other_operator="not_found"),
    Access("sites:operator_list", OPERATIONS),
    Access("sites:operator_detail", OPERATIONS, kwargs=_operator, other_operator="as_role"),
    Access("sites:operator_create", COORDINATORS),
    Access(
        "sites:operator_update",
        COORDINATORS,
        kwargs=_operator,
        other_operator="forbidden",
        own_operator="forbidden",
    ),
    Access(
        "sites:takeover_create",
        COORDINATORS,
        kwargs=_site,
        other_operator="forbidden",
        own_operator="forbidden",
    ),
    Access(
        "sites:operation_update",
        COORDINATORS,
        kwargs=_operation,
        other_operator="forbidden",
        own_operator="forbidden",
    ),
    Access("sites:site_create", COORDINATORS),
    Access("sites:site_update", COORDINATORS, kwargs=_site, other_operator="not_found"),
    Access("sites:bus_create", COORDINATORS),
    Access(
        "sites:bus_update",
        COORDINATORS,
        kwargs=_bus,
        other_operator="forbidden",
        own_operator="forbidden",
    ),
    Access("sites:hours_create", COORDINATORS, kwargs=_site, other_operator="not_found"),
    Access("sites:hours_update", COORDINATORS, kwargs=_hours, other_operator="not_found"),
    Access("sites:hours_delete", COORDINATORS, kwargs=_hours, other_operator="not_found"),
    Access("sites:closure_create", COORDINATORS, kwargs=_site, other_operator="not_found"),
    Access("sites:closure_update", COORDINATORS, kwargs=_closure, other_operator="not_found"),
    Access("sites:closure_delete", COORDINATORS, kwargs=_closure, other_operator="not_found"),
    Access("sites:extra_create", COORDINATORS, kwargs=_site, other_operator="not_found"),
    Access("sites:extra_update", COORDINATORS, kwargs=_extra, other_operator="not_found"),
    Access("sites:extra_delete", COORDINATORS, kwargs=_extra, other_operator="not_found"),
    # The deletion itself (POST), not just its confirmation page.
    Access(
        "sites:hours_delete",
        expect(coordinator="ok"),
        kwargs=_hours,
        method="post",
        other_operator="not_found",
    ),
]
