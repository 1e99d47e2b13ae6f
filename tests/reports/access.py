"""Access classification of the reports URLs: managers (export_reports) and superusers;
the status figures for those who draft the document."""

from tests.access import MANAGERS, Access, expect


def _status(users):
    from tests.planning.factories import ReportingPeriodFactory, SubGoalFactory

    return {"sub_goal_pk": SubGoalFactory().pk, "period_pk": ReportingPeriodFactory().pk}


ACCESS = [
    Access("reports:usb", MANAGERS),
    Access(
        "reports:usb_download",
        MANAGERS,
        kwargs=lambda users: {"format": "csv"},
        query="period=year:2025",
    ),
    Access("reports:exports", MANAGERS),
    # The figures beside a status: those who draft the document (draft_usb_status).
    Access("reports:status_figures", expect(coordinator="ok", manager="ok"), kwargs=_status),
]
