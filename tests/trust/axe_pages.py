"""Which pages the accessibility audit visits, as whom, and why the other URLs are not pages.

Every named URL outside the Django admin is either a `Page` in PAGES (audited with axe in
Danish and English, see test_accessibility.py) or in NOT_PAGES with the reason it is not an
HTML page; test_accessibility.py fails for a URL in neither, so a new page is audited from
the start. The kwargs are looked up in the reference and demo data the audit loads
(`load_reference_data`, `load_demo_data`, plus `add_audit_data` below), so lists, tables,
charts and forms are filled as in real use.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

# The demo user (core/demo.py) who plays each role.
DEMO_USERS = {
    "volunteer": "frivillig",
    "staff": "personale",
    "coordinator": "koordinator",
    "manager": "leder",
    "superuser": "admin",
}
SITE = "korsoer"  # the permanent site: weekly hours, plus the closure and extra opening below


@dataclass(frozen=True)
class Page:
    url_name: str
    role: str  # "anonymous" or a key of DEMO_USERS; must be allowed in tests/<app>/access.py
    kwargs: Callable[[], dict] = field(default=dict)
    query: Callable[[], str] | str = ""
    note: str = ""  # what this visit shows, when a page is visited more than once
    # Cookies the browser carries besides the role's login, e.g. a feedback kiosk's token.
    cookies: Callable[[], dict] | None = None

    def url(self) -> str:
        url = reverse(self.url_name, kwargs=self.kwargs())
        query = self.query() if callable(self.query) else self.query
        return f"{url}?{query}" if query else url

    @property
    def label(self) -> str:
        note = f", {self.note}" if self.note else ""
        return f"{self.url_name} as {self.role}{note}"


def _pk(queryset) -> Callable[[], dict]:
    return lambda: {"pk": queryset().order_by("pk").first().pk}


def _site() -> dict:
    return {"slug": SITE}


def _bus() -> dict:
    from sites.models import Bus

    return {"slug": Bus.objects.order_by("pk").first().slug}


def _organisation_objects():
    """The partner with the most to show: an agreement, contacts and sessions."""
    from partners.models import Agreement

    return Agreement.objects.order_by("pk").first().organisation


def _organisation() -> dict:
    return {"pk": _organisation_objects().pk}


def _org_pk() -> dict:
    return {"org_pk": _organisation_objects().pk}


def _plan_pk() -> dict:
    from planning.models import Plan

    return {"plan_pk": Plan.objects.order_by("pk").first().pk}


def _task():
    from planning.models import Task

    return Task.objects.exclude(depends_on=None)


def _status() -> dict:
    from planning.models import ReportingPeriod, SubGoal

    return {
        "sub_goal_pk": SubGoal.objects.order_by("pk").first().pk,
        "period_pk": ReportingPeriod.objects.order_by("pk").first().pk,
    }


def _period() -> dict:
    from planning.models import ReportingPeriod

    return {"pk": ReportingPeriod.objects.order_by("pk").first().pk}


def _sent_period() -> dict:
    from planning.models import ReportingPeriod

    return {"pk": ReportingPeriod.objects.get(state=ReportingPeriod.State.SENT).pk}


def _indicator_value() -> dict:
    from planning.models import ReportingPeriod
    from reports.models import TargetIndicator

    indicator = TargetIndicator.objects.filter(kind="manual").order_by("pk").first()
    period = ReportingPeriod.objects.order_by("pk").first()
    return {"indicator_pk": indicator.pk, "period_pk": period.pk}


def _target() -> dict:
    from planning.models import StrategicTarget

    return {"pk": StrategicTarget.objects.order_by("pk").first().pk}


def _sub_goal() -> dict:
    from planning.models import SubGoal

    return {"pk": SubGoal.objects.order_by("pk").first().pk}


def _volunteer():
    from volunteers.models import Volunteer

    return Volunteer.objects.filter(user__username=DEMO_USERS["volunteer"])


def _staffed_shift():
    """An upcoming shift with volunteers on it (and not the one add_audit_data cancels)."""
    from volunteers.models import Shift

    upcoming = Shift.objects.filter(starts__gte=timezone.now(), cancelled_at=None)
    return upcoming.exclude(assignments=None)


def _model(dotted: str):
    """`Model.objects.all()` for "app.Model", looked up when the audit runs."""

    def objects():
        from django.apps import apps

        return apps.get_model(dotted).objects.all()

    return objects


def _at_site(dotted: str):
    return lambda: _model(dotted)().filter(site__slug=SITE)


def _service_with_sessions() -> str:
    from partners.models import Service

    service = Service.objects.exclude(sessions=None).order_by("pk").first()
    return f"service={service.key}"


def _kiosk_token() -> dict:
    """A tablet that is a feedback kiosk for the site."""
    from django.http import HttpResponse

    from feedback import kiosk_token
    from feedback.models import Kiosk
    from sites.models import Site

    kiosk = Kiosk.objects.create(site=Site.objects.get(slug=SITE), name="Pavillonens tablet")
    response = HttpResponse()
    kiosk_token.install(response, kiosk)
    return {kiosk_token.COOKIE_NAME: response.cookies[kiosk_token.COOKIE_NAME].value}


def _open_survey() -> dict:
    """A survey round open today at the site, with a question of each kind."""
    from feedback.models import Question, Survey, SurveyQuestion
    from sites.models import Site

    today = timezone.localdate()
    survey, created = Survey.objects.get_or_create(
        title="Brugerundersøgelse (audit)",
        defaults={"starts": today, "ends": today + datetime.timedelta(days=30)},
    )
    if created:
        survey.sites.add(Site.objects.get(slug=SITE))
        questions = [
            Question(text="Hvordan hørte du om os?", kind="single", choices=["Venner", "Andet"]),
            Question(text="Hvad bruger du?", kind="multiple", choices=["Mad", "Bad", "Råd"]),
            Question(text="Hvor tryg føler du dig her?", kind="scale"),
            Question(text="Hvad kan vi gøre bedre?", kind="text"),
        ]
        for order, question in enumerate(questions):
            question.save()
            SurveyQuestion.objects.create(survey=survey, question=question, order=order)
    return {"pk": survey.pk}


def _ended_survey() -> dict:
    """A round that has ended at the site, with replies enough to show and one text approved."""
    import uuid

    from feedback.models import Question, Survey, SurveyQuestion, VisitorText
    from feedback.services import receive_survey_replies
    from sites.models import Site

    ends = timezone.localdate() - datetime.timedelta(days=1)
    survey, created = Survey.objects.get_or_create(
        title="Baseline (audit)",
        defaults={"starts": ends - datetime.timedelta(days=30), "ends": ends},
    )
    if created:
        site = Site.objects.get(slug=SITE)
        survey.sites.add(site)
        scale = Question.objects.create(text="Hvor godt er her? (audit)", kind="scale")
        single = Question.objects.create(
            text="Kommer du igen? (audit)", kind="single", choices=["Ja", "Nej"]
        )
        words = Question.objects.create(text="Hvad mangler? (audit)", kind="text")
        for order, question in enumerate([scale, single, words]):
            SurveyQuestion.objects.create(survey=survey, question=question, order=order)
        replies = [
            {
                "id": str(uuid.uuid4()),
                "date": ends.isoformat(),
                "survey": survey.pk,
                "answers": {str(scale.pk): 3 + n % 2, str(single.pk): 1, str(words.pk): "Tæpper"},
            }
            for n in range(6)
        ]
        receive_survey_replies(site=site, replies=replies, surveys={survey.pk: survey})
        VisitorText.objects.filter(body="Tæpper").update(status="approved")
    return {"pk": survey.pk}


def _compare_query() -> str:
    """The ended round compared with a second ended round that shares its questions."""
    from feedback.models import Survey, SurveyQuestion

    first = Survey.objects.get(pk=_ended_survey()["pk"])
    second, created = Survey.objects.get_or_create(
        title="Gentagelse (audit)", defaults={"starts": first.starts, "ends": first.ends}
    )
    if created:
        second.sites.set(first.sites.all())
        for sq in first.survey_questions.all():
            SurveyQuestion.objects.create(survey=second, question=sq.question, order=sq.order)
    return f"first={first.pk}&second={second.pk}"


def _phone_link() -> dict:
    """The public link of the open round for the site (the poster's QR code)."""
    from feedback.models import Survey

    survey = Survey.objects.get(pk=_open_survey()["pk"])
    return {"key": survey.public_key, "site": SITE}


PAGES = [
    # Core and accounts
    Page("login", "anonymous"),
    Page("password_change", "volunteer"),
    Page("password_change_done", "volunteer"),
    *(Page("core:dashboard", role) for role in DEMO_USERS),
    Page("core:audit", "coordinator"),
    Page("core:two_factor", "coordinator"),
    Page("core:two_factor_setup", "coordinator"),
    Page("core:backup_codes", "coordinator"),
    # Sites: the public pages and the coordinators' editing
    Page("sites:schedule", "anonymous"),
    Page("sites:flyer", "anonymous"),
    Page("sites:site_list", "coordinator"),
    Page("sites:site_detail", "coordinator", _site),
    Page("sites:site_detail", "staff", lambda: {"slug": "skaelskoer"}, note="a takeover"),
    Page("sites:operator_list", "staff"),
    Page("sites:operator_detail", "staff", lambda: {"slug": "kirkens-korshaer"}),
    Page("sites:operator_create", "coordinator"),
    Page("sites:operator_update", "coordinator", lambda: {"slug": "kirkens-korshaer"}),
    Page("sites:takeover_create", "coordinator", lambda: {"slug": "skaelskoer"}),
    Page(
        "sites:operation_update",
        "coordinator",
        _pk(lambda: _model("sites.SiteOperation")().filter(site__slug="skaelskoer")),
    ),
    Page("sites:site_create", "coordinator"),
    Page("sites:site_update", "coordinator", _site),
    Page("sites:bus_create", "coordinator"),
    Page("sites:bus_update", "coordinator", _bus),
    Page("sites:hours_create", "coordinator", _site),
    Page("sites:hours_update", "coordinator", _pk(_at_site("sites.WeeklyHours"))),
    Page("sites:hours_delete", "coordinator", _pk(_at_site("sites.WeeklyHours"))),
    Page("sites:closure_create", "coordinator", _site),
    Page("sites:closure_update", "coordinator", _pk(_at_site("sites.Closure"))),
    Page("sites:closure_delete", "coordinator", _pk(_at_site("sites.Closure"))),
    Page("sites:extra_create", "coordinator", _site),
    Page("sites:extra_update", "coordinator", _pk(_at_site("sites.ExtraOpening"))),
    Page("sites:extra_delete", "coordinator", _pk(_at_site("sites.ExtraOpening"))),
    # Visits
    Page("visits:entry", "staff"),
    Page("visits:corrections", "staff"),
    Page("visits:figures", "staff"),
    Page("visits:categories", "coordinator"),
    Page("visits:category_create", "coordinator"),
    Page("visits:category_edit", "coordinator", _pk(_model("visits.TallyCategory"))),
    # Volunteers
    Page("volunteers:roster", "coordinator"),
    Page("volunteers:roster_print", "coordinator"),
    Page("volunteers:shift_create", "coordinator"),
    Page("volunteers:shift_update", "coordinator", _pk(_staffed_shift)),
    Page("volunteers:shift_cancel", "coordinator", _pk(_staffed_shift)),
    Page("volunteers:template_list", "coordinator"),
    Page("volunteers:template_create", "coordinator"),
    Page("volunteers:template_update", "coordinator", _pk(_model("volunteers.ShiftTemplate"))),
    Page("volunteers:template_generate", "coordinator", _pk(_model("volunteers.ShiftTemplate"))),
    Page("volunteers:volunteer_list", "coordinator"),
    Page("volunteers:volunteer_create", "coordinator"),
    Page("volunteers:volunteer_detail", "coordinator", _pk(_volunteer)),
    Page("volunteers:volunteer_update", "coordinator", _pk(_volunteer)),
    Page("volunteers:role_list", "coordinator"),
    Page("volunteers:role_create", "coordinator"),
    Page("volunteers:role_update", "coordinator", _pk(_model("volunteers.VolunteerRole"))),
    Page("volunteers:topic_create", "coordinator"),
    Page("volunteers:topic_update", "coordinator", _pk(_model("volunteers.TrainingTopic"))),
    Page("volunteers:training_list", "coordinator"),
    Page("volunteers:training_create", "coordinator"),
    Page("volunteers:training_update", "coordinator", _pk(_model("volunteers.TrainingSession"))),
    Page("volunteers:my_shifts", "volunteer"),
    Page("volunteers:my_data", "volunteer"),
    Page("volunteers:email_preferences", "volunteer"),
    Page("volunteers:export", "manager"),
    Page("volunteers:message_list", "coordinator"),
    Page("volunteers:request_list", "coordinator"),
    Page("volunteers:hours_list", "coordinator"),
    Page("volunteers:message_new", "coordinator"),
    Page("volunteers:message_detail", "coordinator", _pk(_model("volunteers.Message"))),
    # Partners
    Page("partners:directory", "staff"),
    Page("partners:find", "staff"),
    Page("partners:find", "staff", query=_service_with_sessions, note="a service chosen"),
    Page("partners:organisation", "coordinator", _organisation),
    Page("partners:organisation_create", "coordinator"),
    Page("partners:organisation_update", "coordinator", _organisation),
    Page("partners:organisation_delete", "coordinator", _organisation),
    Page("partners:contact_create", "coordinator", _org_pk),
    Page("partners:contact_update", "coordinator", _pk(_model("partners.Contact"))),
    Page("partners:contact_delete", "coordinator", _pk(_model("partners.Contact"))),
    Page("partners:agreement_create", "coordinator", _org_pk),
    Page("partners:agreement_update", "coordinator", _pk(_model("partners.Agreement"))),
    Page("partners:agreement_delete", "coordinator", _pk(_model("partners.Agreement"))),
    Page("partners:session_create", "coordinator", _org_pk),
    Page("partners:session_update", "coordinator", _pk(_model("partners.OutreachSession"))),
    Page("partners:session_delete", "coordinator", _pk(_model("partners.OutreachSession"))),
    Page("partners:service_create", "coordinator"),
    Page("partners:service_update", "coordinator", _pk(_model("partners.Service"))),
    # Planning
    Page("planning:timeline", "coordinator"),
    Page("planning:task_create", "coordinator", _plan_pk),
    Page("planning:plan_quarters", "coordinator", lambda: {"pk": _plan_pk()["plan_pk"]}),
    Page("planning:task_detail", "coordinator", _pk(_task)),
    Page("planning:task_quick", "coordinator", _pk(_task), note="without JavaScript"),
    Page("planning:task_edit", "coordinator", _pk(_task)),
    Page("planning:targets", "coordinator"),
    Page("planning:period_create", "coordinator"),
    Page("planning:status_edit", "coordinator", _status),
    Page("planning:status_edit", "manager", _status, note="as a manager"),
    Page("planning:period_edit", "manager", _period),
    Page("planning:period_send", "manager", _period),
    Page("planning:period_decision", "manager", _sent_period),
    Page("planning:target_create", "coordinator"),
    Page("planning:target_edit", "coordinator", _target),
    Page("planning:sub_goal_create", "manager", lambda: {"target_pk": _target()["pk"]}),
    Page("planning:sub_goal_edit", "coordinator", _sub_goal),
    # Reports
    Page("reports:usb", "manager"),
    Page(
        "reports:usb",
        "manager",
        query=lambda: f"document={_period()['pk']}",
        note="the status document of the seeded reporting period",
    ),
    Page("reports:exports", "manager"),
    Page("reports:document_versions", "manager", lambda: {"period_pk": _sent_period()["pk"]}),
    Page("reports:indicators", "coordinator"),
    Page("reports:indicator_create", "manager"),
    Page("reports:indicator_edit", "coordinator", _pk(_model("reports.TargetIndicator"))),
    Page("reports:indicator_value", "coordinator", _indicator_value),
    Page("reports:status_figures", "coordinator", _status),
    # Feedback: the staff pages, and the kiosk on a tablet that holds a kiosk's token
    Page("feedback:home", "coordinator"),
    Page("feedback:kiosks", "staff"),
    Page("feedback:results", "manager"),
    Page("feedback:surveys", "manager"),
    Page("feedback:survey_detail", "coordinator", _pk(_model("feedback.Survey"))),
    Page("feedback:survey_create", "coordinator"),
    Page("feedback:survey_update", "coordinator", _pk(_model("feedback.Survey"))),
    Page("feedback:question_create", "coordinator"),
    Page("feedback:meetings", "manager"),
    Page("feedback:meeting_detail", "coordinator", _pk(_model("feedback.VisitorMeeting"))),
    Page("feedback:meeting_create", "coordinator"),
    Page("feedback:meeting_update", "coordinator", _pk(_model("feedback.VisitorMeeting"))),
    Page("feedback:texts", "coordinator"),
    Page("feedback:text_review", "coordinator", _pk(_model("feedback.VisitorText"))),
    Page("feedback:kiosk", "anonymous", cookies=_kiosk_token),
    Page("feedback:kiosk_survey", "anonymous", _open_survey, cookies=_kiosk_token),
    Page("feedback:phone_survey", "anonymous", _phone_link),
    Page("feedback:phone_survey_thanks", "anonymous"),
    Page("feedback:survey_poster", "manager", _open_survey),
    Page("feedback:survey_results", "manager", _ended_survey),
    Page("feedback:survey_compare", "manager", query=_compare_query),
    Page("feedback:survey_paper_entry", "staff", _open_survey),
]

# The pages checked again at a phone's width (375 px), where the header and menu wrap and
# wide tables scroll: the public schedule, the longest menu, and the pages used on the move.
MOBILE_PAGES = [
    Page("sites:schedule", "anonymous"),
    Page("core:dashboard", "coordinator"),
    Page("visits:entry", "staff"),
    Page("volunteers:my_shifts", "volunteer"),
    Page("volunteers:roster", "coordinator"),
    Page("volunteers:roster_print", "coordinator"),
    Page("visits:figures", "staff"),
    Page("feedback:kiosk", "anonymous", cookies=_kiosk_token),
    Page("feedback:kiosk_survey", "anonymous", _open_survey, cookies=_kiosk_token),
    Page("feedback:phone_survey", "anonymous", _phone_link),
]

# What the other URLs are; test_accessibility.py checks each claim against the real view.
POST_ONLY = "post"  # an action: GET answers 405; the page it returns to is audited
FILE = "file"  # not HTML (a download, a feed, JSON, a script)
REDIRECT = "redirect"  # a GET only redirects, never shows a page
FRAGMENT = "fragment"  # an htmx partial, audited in place in its page
FLOW = "flow"  # reached only through a flow; audited as a state in test_accessibility.py

NOT_PAGES = {
    "healthz": (FILE, "plain-text health check for the load balancer"),
    "healthz_jobs": (FILE, "the scheduled jobs' health for monitoring (JSON)"),
    "service_worker": (FILE, "the offline tally page's service worker script"),
    "web_manifest": (FILE, "the web app manifest (JSON)"),
    "javascript_catalog": (FILE, "the offline page's translations (JavaScript)"),
    "sites:flyer_pdf": (FILE, "the flyer as PDF (the HTML flyer is audited)"),
    "sites:calendar_feed": (FILE, "the public iCalendar feed"),
    "sites:site_calendar_feed": (FILE, "one site's public iCalendar feed"),
    "visits:api_counts": (FILE, "the sync API (JSON)"),
    "visits:figures_csv": (FILE, "the visit figures as CSV"),
    "visits:figures_xlsx": (FILE, "the visit figures as XLSX"),
    "volunteers:feed": (FILE, "a volunteer's private iCalendar feed"),
    "volunteers:export_csv": (FILE, "hours as CSV"),
    "volunteers:export_xlsx": (FILE, "hours as XLSX"),
    "partners:agreement_document": (FILE, "an agreement's uploaded document"),
    "planning:export_xlsx": (FILE, "the action plan as XLSX"),
    "planning:export_pdf": (FILE, "the action plan as PDF"),
    "reports:usb_download": (FILE, "the USB report as PDF, XLSX or CSV"),
    "reports:frozen_file": (FILE, "a frozen PDF, XLSX or CSV of the document as sent to USB"),
    "logout": (POST_ONLY, "log out"),
    "set_language": (REDIRECT, "the language switch, posted from every page's header"),
    "core:two_factor_disable": (POST_ONLY, "turn two-factor login off"),
    "core:backup_codes_new": (POST_ONLY, "make new backup codes (the two-factor page)"),
    "visits:api_events": (POST_ONLY, "the sync API: the tally page posts events as JSON"),
    "visits:tap": (POST_ONLY, "a +1/−1 from the tally page without JavaScript"),
    "feedback:kiosk_start": (POST_ONLY, "make this device a kiosk (the kiosks page)"),
    "feedback:kiosk_revoke": (POST_ONLY, "switch a kiosk off (the kiosks page)"),
    "feedback:kiosk_answer": (POST_ONLY, "an answer from the kiosk without JavaScript"),
    "feedback:survey_paper_pdf": (FILE, "the survey's paper form as an A4 PDF"),
    "feedback:phone_survey_answer": (POST_ONLY, "a reply from a phone without JavaScript"),
    "feedback:phone_survey_replies": (POST_ONLY, "the phone survey's sync API (JSON)"),
    "feedback:phone_survey_language": (
        FLOW,
        "the phone survey in the language a visitor chose; the same page as the kiosk's survey,"
        " audited in every language by tests/feedback/test_survey_browser.py",
    ),
    "feedback:kiosk_survey_answer": (
        POST_ONLY,
        "a survey reply from the kiosk without JavaScript (the survey page)",
    ),
    "feedback:kiosk_answers": (POST_ONLY, "the kiosk's sync API: the kiosk posts answers as JSON"),
    "feedback:kiosk_survey_replies": (
        POST_ONLY,
        "the kiosk's sync API for the survey: the kiosk posts replies as JSON",
    ),
    "feedback:kiosk_worker": (FILE, "the feedback kiosk's service worker script"),
    "feedback:action_add": (POST_ONLY, "add a follow-up action (the meeting's page)"),
    "feedback:action_done": (POST_ONLY, "mark a follow-up action done (meeting, dashboard)"),
    "volunteers:roster_pdf": (FILE, "the roster as PDF (the print view is audited)"),
    "volunteers:assign": (POST_ONLY, "put a volunteer on a shift (roster)"),
    "volunteers:unassign": (POST_ONLY, "take a volunteer off a shift (roster)"),
    "volunteers:shift_reinstate": (POST_ONLY, "put a cancelled shift back on (roster)"),
    "volunteers:volunteer_anonymise": (POST_ONLY, "anonymise a volunteer (their page)"),
    "volunteers:sign_up": (POST_ONLY, "sign up for a shift (Mine vagter)"),
    "volunteers:cancel": (POST_ONLY, "cancel a shift (Mine vagter)"),
    "volunteers:request_decide": (POST_ONLY, "confirm or decline a sign-up request (requests)"),
    "volunteers:request_withdraw": (POST_ONLY, "withdraw a sign-up request (Mine vagter)"),
    "volunteers:waiting_join": (POST_ONLY, "join a full shift's waiting list (Mine vagter)"),
    "volunteers:waiting_leave": (POST_ONLY, "leave a waiting list (Mine vagter)"),
    "volunteers:unavailability_add": (POST_ONLY, "add an unavailable period (Mine vagter)"),
    "volunteers:unavailability_delete": (POST_ONLY, "remove an unavailable period"),
    "volunteers:message_retry": (POST_ONLY, "queue a message's failed e-mails again"),
    "volunteers:feed_renew": (POST_ONLY, "a new private calendar address (Mine vagter)"),
    "volunteers:hours_record": (POST_ONLY, "record hours outside shifts (Mine vagter)"),
    "volunteers:hours_withdraw": (POST_ONLY, "withdraw hours not yet approved (Mine vagter)"),
    "volunteers:hours_decide": (POST_ONLY, "approve or decline hours outside shifts"),
    "planning:freeze": (POST_ONLY, "freeze the baseline (timeline)"),
    "planning:add_note": (POST_ONLY, "add a progress note (task page)"),
    "planning:task_row": (FRAGMENT, "a timeline row, swapped back in when an edit is cancelled"),
    "login_verify": (FLOW, "the two-factor code step after the password step"),
    "feedback:kiosk_language": (
        FLOW,
        "the kiosk in the language a visitor chose (fixed by the path, so not the audit's da/en);"
        " audited in da, en, pl and ar at 768 and 390 px by tests/feedback/test_kiosk_browser.py",
    ),
    "feedback:kiosk_survey_language": (
        FLOW,
        "the kiosk's survey in the language a visitor chose; audited in pl and ar by"
        " tests/feedback/test_survey_browser.py",
    ),
}


def _add_indicators(period) -> None:
    """A computed and a hand-measured indicator, one value entered, so the document draws them."""
    from planning.models import StrategicTarget
    from reports.models import IndicatorValue, TargetIndicator

    target = StrategicTarget.objects.order_by("order", "pk").first()
    TargetIndicator.objects.create(
        target=target,
        name="Besøg",
        definition="Besøg i alt i perioden på periodens steder.",
        kind="computed",
        source="visits",
        baseline_value=1000,
        baseline_date=datetime.date(2025, 12, 31),
        goal_value=1500,
        goal_date=datetime.date(2027, 12, 31),
    )
    housed = TargetIndicator.objects.create(
        target=target,
        name="Borgere i egen bolig",
        definition="Antal borgere, som partnerne melder er kommet i egen bolig.",
        kind="manual",
        baseline_value=4,
        goal_value=12,
    )
    IndicatorValue.objects.create(indicator=housed, period=period, value=7, note="Toften")


def add_audit_data() -> None:
    """What the reference and demo data lack for the audit: a closure and an extra opening,
    an unavailable period, a cancelled shift of the demo volunteer's, a report export and an
    audit entry, so those lists and states are shown."""
    from django.contrib.auth import get_user_model

    from core.audit import record
    from feedback.models import (
        MeetingAction,
        Question,
        Survey,
        SurveyQuestion,
        VisitorMeeting,
        VisitorText,
    )
    from planning.models import ReportingPeriod
    from reports.models import ReportExport
    from reports.services import issue_new_version
    from sites.models import Closure, ExtraOpening, Site
    from volunteers import services as volunteer_services
    from volunteers.models import Shift, Unavailability

    site = Site.objects.get(slug=SITE)
    today = timezone.localdate()
    sent = ReportingPeriod.objects.create(
        title="USB 2026",
        starts=datetime.date(2026, 1, 1),
        ends=datetime.date(2026, 12, 31),
        state=ReportingPeriod.State.SENT,
        meeting_date=datetime.date(2027, 1, 20),
    )
    _add_indicators(sent)
    # Its document frozen twice, so the version list shows a first and a corrected version.
    for note in ("Dokumentet som sendt.", "Rettet optælling af besøg i marts."):
        issue_new_version(period=sent, note=note, actor=None)
    closure = Closure.objects.create(
        site=site,
        starts_on=today + datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=3),
        reason="Maling af lokalet",
    )
    evening = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=5), datetime.time(20))
    )
    ExtraOpening.objects.create(
        site=site, starts=evening, ends=evening + datetime.timedelta(hours=12), reason="Frostnat"
    )
    Unavailability.objects.create(
        volunteer=_volunteer().get(),
        starts_on=today + datetime.timedelta(days=7),
        ends_on=today + datetime.timedelta(days=14),
    )
    users = get_user_model().objects
    manager, coordinator = users.get(username="leder"), users.get(username="koordinator")
    ReportExport.objects.create(
        actor=manager,
        period_start=today.replace(day=1) - datetime.timedelta(days=31),
        period_end=today.replace(day=1) - datetime.timedelta(days=1),
        sites=[{"slug": site.slug, "name": site.name}],
        format=ReportExport.Format.PDF,
    )
    VisitorText.objects.create(site=site, date=today, body="Der mangler varm kaffe om morgenen.")
    meeting = VisitorMeeting.objects.create(
        site=site,
        date=today,
        participants=7,
        topics="Åbningstider",
        wishes="Åbent om søndagen",
        decisions="Prøve søndage i januar",
    )
    question = Question.objects.create(text="Hvor tryg føler du dig her?", kind=Question.Kind.SCALE)
    survey = Survey.objects.create(
        title="Baseline 2026", starts=today, ends=today + datetime.timedelta(days=30)
    )
    survey.sites.add(site)
    SurveyQuestion.objects.create(survey=survey, question=question)
    MeetingAction.objects.create(
        meeting=meeting,
        description="Find frivillige til søndag",
        responsible=coordinator,
        due=today,
    )
    record(actor=coordinator, instance=closure, action="create", changes={"reason": closure.reason})
    theirs = Shift.objects.filter(
        starts__gte=timezone.now(), assignments__volunteer=_volunteer().get()
    ).order_by("starts")
    volunteer_services.cancel_shift(shift=theirs.first(), reason="Stormvarsel", actor=coordinator)
