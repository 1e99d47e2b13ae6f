"""The visitors' voice: feedback kiosks, the anonymous answers they send, and the visitors'
free texts with their review.

Nothing here can be tied to a person, a device or a time finer than the day (issue 21). An
answer holds a site, a date and what was answered. Its id is a random UUID, made on the
device so a retry is recognised, which says nothing about order; there is no created-at, no
user agent, no address and no kiosk on an answer. A kiosk's daily allowance is counted per
kiosk and day in a table of its own, never per answer.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sites.models import Site

TEXT_MAX_LENGTH = 1000


def new_kiosk_key() -> str:
    return secrets.token_urlsafe(24)


class KioskQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at=None)


class Kiosk(models.Model):
    """A tablet set up to take feedback for one site. It holds a signed token with `key` in a
    cookie and no staff login; revoking the kiosk makes the token worthless at once."""

    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(
        _("name of the device"),
        max_length=80,
        help_text=_("So staff can tell the tablets apart, e.g. “The bus tablet”."),
    )
    key = models.CharField(max_length=64, unique=True, default=new_kiosk_key, editable=False)
    created_at = models.DateTimeField(_("set up"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set up by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = KioskQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback kiosk")
        verbose_name_plural = _("feedback kiosks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.site})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class KioskDay(models.Model):
    """How many answers a kiosk has sent for one day: its daily allowance (rate limit)."""

    pk = models.CompositePrimaryKey("kiosk", "date")
    kiosk = models.ForeignKey(Kiosk, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    answers = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.kiosk} {self.date:%Y-%m-%d}: {self.answers}"


class Mood(models.IntegerChoices):
    """The five faces: "How was it to be here today?"."""

    VERY_BAD = 1, pgettext_lazy("visitor", "Very bad")
    BAD = 2, pgettext_lazy("visitor", "Bad")
    NEITHER = 3, pgettext_lazy("visitor", "Neither good nor bad")
    GOOD = 4, pgettext_lazy("visitor", "Good")
    VERY_GOOD = 5, pgettext_lazy("visitor", "Very good")


class Topic(models.TextChoices):
    """What an answer was about (optional, several allowed)."""

    FOOD = "food", pgettext_lazy("visitor", "The food")
    PEOPLE = "people", pgettext_lazy("visitor", "The people")
    OPENING_HOURS = "opening_hours", pgettext_lazy("visitor", "Opening hours")
    HYGIENE = "hygiene", pgettext_lazy("visitor", "Hygiene")
    HELP = "help", pgettext_lazy("visitor", "Help and advice")
    SAFETY = "safety", pgettext_lazy("visitor", "Safety")
    OTHER = "other", pgettext_lazy("visitor", "Something else")


class VisitorTextQuerySet(models.QuerySet):
    def shown(self):
        """The texts that may be shown outside the review: approved ones only."""
        return self.filter(status=VisitorText.Status.APPROVED)

    def pending(self):
        return self.filter(status=VisitorText.Status.PENDING)


class VisitorText(models.Model):
    """A visitor's own words. Hidden until a coordinator has reviewed it: approved as written,
    edited to remove identifying details (then approved), or discarded (the words are deleted).
    The review history is core.audit's: who did what and when, never what the words were."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DISCARDED = "discarded", _("Discarded")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    body = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    edited = models.BooleanField(_("edited in review"), default=False)

    objects = VisitorTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("visitor's text")
        verbose_name_plural = _("visitors' texts")
        indexes = [models.Index(fields=["status", "site", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="discarded") | Q(body=""),
                name="visitor_text_discarded_is_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.date:%Y-%m-%d} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("feedback:text_review", kwargs={"pk": self.pk})

    @property
    def is_shown(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def can_be_reviewed(self) -> bool:
        """Pending or approved: an approved text can still be edited or discarded; a
        discarded one has no words left."""
        return self.status != self.Status.DISCARDED


class FeedbackEntryQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class FeedbackEntry(models.Model):
    """One answer in the feedback box: a face, optionally topics and a text."""

    # Made on the device when the visitor answered: a retry sends the same id.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    mood = models.PositiveSmallIntegerField(_("how it was"), choices=Mood.choices)
    text = models.OneToOneField(
        VisitorText,
        verbose_name=_("text"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_entry",
    )

    objects = FeedbackEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        indexes = [models.Index(fields=["site", "date"])]
        constraints = [
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="feedback_mood_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.date:%Y-%m-%d}: {self.get_mood_display()}"


class FeedbackTopic(models.Model):
    """A topic ticked in a feedback answer. Keyed by the answer and the topic, so no
    running number records the order answers came in."""

    pk = models.CompositePrimaryKey("entry", "topic")
    entry = models.ForeignKey(FeedbackEntry, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)

    def __str__(self) -> str:
        return self.get_topic_display()


class VisitorMeeting(models.Model):
    """A meeting or dialogue with visitors (*brugermøde*): who took part is a number, never
    names; what they asked for, what was decided, and the follow-up actions."""

    date = models.DateField(_("date"))
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    participants = models.PositiveSmallIntegerField(
        _("how many visitors took part"),
        help_text=_("A number only: never write who took part."),
    )
    topics = models.TextField(_("topics"), help_text=_("What the meeting was about."))
    wishes = models.TextField(_("what the visitors asked for"), blank=True)
    decisions = models.TextField(_("what was decided"), blank=True)

    class Meta:
        verbose_name = _("meeting with visitors")
        verbose_name_plural = _("meetings with visitors")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="visitor_meeting_participants_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:meeting_detail", kwargs={"pk": self.pk})

    @property
    def open_actions(self) -> list["MeetingAction"]:
        """The actions not done yet (from the prefetched actions where there are some)."""
        return [action for action in self.actions.all() if action.done_at is None]


class MeetingActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at=None)


class MeetingAction(models.Model):
    """A follow-up action from a meeting with visitors: what, who is responsible, by when.
    Open actions show on the dashboard until someone marks them done."""

    meeting = models.ForeignKey(
        VisitorMeeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="actions",
    )
    description = models.CharField(_("what to do"), max_length=300)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due = models.DateField(_("to be done by"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MeetingActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["done_at", "due"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class Question(models.Model):
    """A question of the user-experience survey, kept in a bank so rounds can reuse it: a 2024
    baseline and a 2026 repeat that ask the same question are compared question by question."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale from 1 to 5")
        TEXT = "text", _("Short text")

    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("For single and multiple choice: one choice per line."),
    )

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["text", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class SurveyQuerySet(models.QuerySet):
    def open_on(self, day):
        """The rounds taking answers on `day` (its period includes the day)."""
        return self.filter(starts__lte=day, ends__gte=day)


def new_public_key() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    """A round of the user-experience survey: a title, a period, the sites, and questions from
    the bank in an order. `public_key` is the random part of the round's public link for
    visitors' own phones (the QR code), so the links of a round cannot be guessed from
    another's."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    sites = models.ManyToManyField(Site, verbose_name=_("sites"), related_name="+")
    questions = models.ManyToManyField(
        Question, verbose_name=_("questions"), through="SurveyQuestion", related_name="surveys"
    )
    public_key = models.CharField(
        max_length=32, unique=True, default=new_public_key, editable=False
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-starts", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="survey_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("feedback:survey_detail", kwargs={"pk": self.pk})

    def is_open_on(self, day) -> bool:
        return self.starts <= day <= self.ends

    def ordered_questions(self) -> list[Question]:
        return [sq.question for sq in self.survey_questions.select_related("question")]


class SurveyQuestion(models.Model):
    """A question's place in a survey round."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="survey_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "question"], name="survey_question_once"),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.question}"


class SurveyResponseQuerySet(models.QuerySet):
    def between(self, start, end):
        return self.filter(date__gte=start, date__lte=end)


class SurveyResponse(models.Model):
    """One visitor's answers to a survey round, from a kiosk, a phone or a paper form.

    Like a feedback answer it holds the round, the site and the date, nothing else: its id is
    a random UUID made on the device (or for a typed-in paper form, by the staff page), so a
    retry is stored once and the id says nothing about order. No time, device, channel,
    address or user is kept (issue 21)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="responses"
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["survey", "site", "date"])]

    def __str__(self) -> str:
        return f"{self.survey} {self.site} {self.date:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    """The answer to one question in a response. `value` is the choice's number (from 1, one
    row per choice ticked for multiple choice), the scale's step (1–5), or 0 for a text, whose
    words are a VisitorText held for review like the feedback box's. Keyed by response,
    question and value, so no running number records the order answers came in."""

    pk = models.CompositePrimaryKey("response", "question", "value")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField()
    text = models.OneToOneField(
        VisitorText,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_answer",
    )

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class PhoneDay(models.Model):
    """How many responses visitors' own phones sent for a round, a site and a day: the public
    link's daily allowance (feedback/limits.py)."""

    pk = models.CompositePrimaryKey("survey", "site", "date")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    answers = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.survey_id} {self.site_id} {self.date:%Y-%m-%d}: {self.answers}"
