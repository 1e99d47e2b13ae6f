"""Access classification of the reports URLs: managers (export_reports) and superusers;
the status figures for those who draft the document."""

from tests.access import MANAGERS, Access, expect


def _status(users):
    from tests.planning.factories import ReportingPeriodFactory, SubGoalFactory

    return {"sub_goal_pk": SubGoalFactory().pk, "period_pk": ReportingPeriodFactory().pk}


def _sent_period(users):
    import datetime

    from planning.models import ReportingPeriod
    from tests.planning.factories import ReportingPeriodFactory

    period = ReportingPeriodFactory(
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 12, 31),
        state=ReportingPeriod.State.SENT,
        meeting_date=datetime.date(2026, 1, 20),
    )
    return {"period_pk": period.pk}


def _frozen_file(users):
    from django.utils import timezone

    from reports.models import DocumentFile, DocumentVersion

    version = DocumentVersion.objects.create(
        period_id=_sent_period(users)["period_pk"], number=1, issued_at=timezone.now()
    )
    file = DocumentFile.objects.create(
        version=version, format="csv", file_name="usb.csv", content=b"a;b\r\n", size=6, sha256=""
    )
    return {"pk": file.pk}


def _target_pk(users):
    from tests.planning.factories import StrategicTargetFactory

    return StrategicTargetFactory().pk


def _indicator(users):
    from reports.models import TargetIndicator

    indicator = TargetIndicator.objects.create(
        target_id=_target_pk(users), name="Borgere i egen bolig", definition="d", kind="manual"
    )
    return {"pk": indicator.pk}


def _indicator_value(users):
    from tests.planning.factories import ReportingPeriodFactory

    return {"indicator_pk": _indicator(users)["pk"], "period_pk": ReportingPeriodFactory().pk}


DRAFTERS = expect(coordinator="ok", manager="ok")  # draft_usb_status

ACCESS = [
    Access("reports:usb", MANAGERS),
    Access(
        "reports:usb_download",
        MANAGERS,
        kwargs=lambda users: {"format": "csv"},
        query="period=year:2025",
    ),
    Access("reports:exports", MANAGERS),
    # The frozen versions sent to USB: managers see them and issue a corrected one.
    Access("reports:document_versions", MANAGERS, kwargs=_sent_period),
    Access(
        "reports:document_versions",
        MANAGERS,
        kwargs=_sent_period,
        method="post",
        data={"note": "Rettet optælling i marts."},
    ),
    Access("reports:frozen_file", MANAGERS, kwargs=_frozen_file),
    # The indicators of effect: those who draft the document.
    Access("reports:indicators", DRAFTERS),
    Access("reports:indicator_create", DRAFTERS),
    Access("reports:indicator_edit", DRAFTERS, kwargs=_indicator),
    Access("reports:indicator_value", DRAFTERS, kwargs=_indicator_value),
    # The figures beside a status: those who draft the document (draft_usb_status).
    Access("reports:status_figures", expect(coordinator="ok", manager="ok"), kwargs=_status),
]
