"""Webinars and seminars: the institute's recorded events, their recordings in parts, slide
decks and attachments. Lessons cut their video segments and slides from here."""

import re
import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtailmedia.edit_handlers import MediaChooserPanel
from wagtailmedia.models import AbstractMedia

from common.blocks import TimecodeBlock
from common.models import EnglishNavigationTitle
from elearning.formatting import format_timecode
from elearning.panels import NamedInlinePanel

from .validators import validate_pdf, validate_vtt

WARSAW = ZoneInfo("Europe/Warsaw")

_YOUTUBE_ID = re.compile(
    r"(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:.*&)?v=|embed/|live/|shorts/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{11})"
)


def youtube_id_from_url(url: str) -> str | None:
    """The 11-character video id of a YouTube URL, or None."""
    match = _YOUTUBE_ID.search(url or "")
    return match.group(1) if match else None


class Speaker(index.Indexed, models.Model):
    """A person who speaks at webinars and seminars."""

    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("affiliation"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class SlideDeck(index.Indexed, models.Model):
    """A PDF slide deck. A Celery task renders each page once into an image and extracts its
    text, for the slide viewer, for search and for screen readers and slow connections."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("PDF file"),
        upload_to="slide-decks/",
        validators=[validate_pdf],
        help_text=_("A PDF of the slides. Each page becomes one slide."),
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    status = models.CharField(
        _("state"), max_length=12, choices=Status.choices, default=Status.PENDING, editable=False
    )
    error = models.TextField(_("error"), blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("slides"), default=0, editable=False)
    text = models.TextField(_("text of all slides"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("published_on"),
        HelpPanel(template="webinars/admin/slide_deck_state.html", heading=_("State")),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("text"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("slide deck")
        verbose_name_plural = _("slide decks")
        indexes = [models.Index(fields=["status", "updated_at"])]

    def __str__(self):
        return self.title

    @property
    def is_ready(self):
        return self.status == self.Status.READY


def _slide_upload_to(instance, filename):
    return f"slides/{instance.deck_id}/{filename}"


class Slide(models.Model):
    """One rendered page of a slide deck: a large and a small image and the page's text."""

    deck = models.ForeignKey(SlideDeck, on_delete=models.CASCADE, related_name="slides")
    number = models.PositiveIntegerField(_("number"))
    image = models.ImageField(_("image"), upload_to=_slide_upload_to)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_slide_upload_to)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        ordering = ["deck_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["deck", "number"], name="unique_slide_number"),
        ]
        verbose_name = _("slide")
        verbose_name_plural = _("slides")

    def __str__(self):
        return f"{self.deck} – {self.number}"


class WebinarIndexPage(EnglishNavigationTitle, Page):
    """The list of recorded webinars and seminars, filterable by topic area and year."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("title_en"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["webinars.WebinarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("webinar index page")

    def webinars(self, now=None):
        """Published events under this index: those still to come first (soonest first), then
        the rest, newest first."""
        now = now or timezone.now()
        # An event lasts at most 12 hours (duration_minutes' limit): until then it may be on.
        to_come = Q(starts_at__gt=now - timedelta(hours=12), cancelled=False)
        return (
            WebinarPage.objects.live()
            .public()
            .child_of(self)
            .select_related("topic_area")
            .annotate(to_come=Case(When(to_come, then=Value(0)), default=Value(1)))
            .order_by("to_come", Case(When(to_come, then=F("starts_at"))), "-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .forms import WebinarFilterForm

        context = super().get_context(request, *args, **kwargs)
        webinars = self.webinars()
        form = WebinarFilterForm(request.GET or None, years=self._years(webinars))
        if form.is_bound and form.is_valid():
            webinars = form.filter(webinars)
        context["filter_form"] = form
        context["webinars"] = Paginator(webinars, 12).get_page(request.GET.get("page"))
        return context

    @staticmethod
    def _years(webinars):
        return [day.year for day in webinars.order_by().dates("date", "year", order="DESC")]


class WebinarPage(Page):
    """One recorded event: a webinar, meeting or seminar with its recordings, slide decks,
    speakers and attachments."""

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        SEMINAR = "seminar", _("Seminar")
        MEETING = "meeting", _("Meeting")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.WEBINAR)
    date = models.DateField(_("date"), blank=True, help_text=_("For a live event: its start's day."))
    topic_area = models.ForeignKey(
        "common.TopicArea",
        verbose_name=_("topic area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="webinars",
    )
    summary = RichTextField(_("summary"), features=["bold", "italic", "link", "ul", "ol"])
    speakers = ParentalManyToManyField(Speaker, verbose_name=_("speakers"), blank=True)
    # A live event: with a start time the page takes registrations until the deadline.
    starts_at = models.DateTimeField(
        _("starts at"),
        null=True,
        blank=True,
        help_text=_("Polish time (Europe/Warsaw). Leave empty for an event that is only recorded."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        default=90,
        validators=[MinValueValidator(5), MaxValueValidator(720)],
    )
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_(
            "Zoom, Teams, ClickMeeting, Jitsi or YouTube Live. Never shown on the page: registrants get "
            "a personal link that leads here from 15 minutes before the start."
        ),
    )
    seat_limit = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: no limit. When the seats are taken, those who register join a waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: at the start.")
    )
    cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("Registrants are told by email, with a calendar update.")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("date"), FieldPanel("topic_area")], heading=_("Event")
        ),
        MultiFieldPanel(
            [
                FieldPanel("starts_at"),
                FieldPanel("duration_minutes"),
                FieldPanel("meeting_url"),
                FieldPanel("seat_limit"),
                FieldPanel("registration_deadline"),
                FieldPanel("cancelled"),
            ],
            heading=_("Live event"),
            classname="collapsed",
        ),
        FieldPanel("summary"),
        FieldPanel("speakers"),
        NamedInlinePanel(
            "recordings",
            heading=_("Recordings"),
            label=_("recording part"),
            add_label=_("Add a recording part"),
        ),
        NamedInlinePanel(
            "slide_deck_links",
            heading=_("Slide decks"),
            label=_("slide deck"),
            add_label=_("Add a slide deck"),
        ),
        NamedInlinePanel(
            "attachments", heading=_("Attachments"), label=_("attachment"), add_label=_("Add an attachment")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("slide_text"),
        index.FilterField("date"),
        index.FilterField("topic_area"),
    ]
    parent_page_types = ["webinars.WebinarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    def clean(self):
        super().clean()
        if self.starts_at:
            if not self.duration_minutes:
                raise ValidationError({"duration_minutes": _("Give the duration of the live event.")})
            # The listing's date is the event's day in Polish time.
            self.date = timezone.localtime(self.starts_at, WARSAW).date()
            if self.registration_deadline and self.registration_deadline > self.starts_at:
                raise ValidationError(
                    {"registration_deadline": _("Registration must close before the event starts.")}
                )
        elif self.meeting_url or self.seat_limit or self.registration_deadline:
            raise ValidationError({"starts_at": _("Give the start of the live event.")})
        elif not self.date:
            raise ValidationError({"date": _("Give the date of the event.")})

    @property
    def is_live_event(self) -> bool:
        return self.starts_at is not None

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes or 0) if self.starts_at else None

    def registration_closes_at(self):
        return self.registration_deadline or self.starts_at

    def is_open_for_registration(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.starts_at) and not self.cancelled and now < self.registration_closes_at()

    def is_upcoming(self, now=None) -> bool:
        return bool(self.starts_at) and (now or timezone.now()) < self.ends_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recordings"] = list(self.recordings.select_related("video"))
        context["deck_links"] = [link for link in self.slide_deck_links.select_related("deck") if link.deck]
        context["attachments"] = [a for a in self.attachments.select_related("document") if a.document]
        context["speakers"] = list(self.speakers.all())
        return context

    def slide_text(self):
        """The text of this webinar's slide decks, so search finds words said on slides."""
        return "\n".join(link.deck.text for link in self.slide_deck_links.select_related("deck") if link.deck)


class RecordingFile(AbstractMedia):
    """An uploaded recording in the media library ("Media" in the admin, wagtailmedia): uploaded
    once, then chosen in any number of webinar pages. Its duration, size and poster frame are
    read from the file by a Celery task (webinars.services.recording_file_probe), not typed."""

    # Read from the file, not typed: the editor gives a title, the file and perhaps a poster.
    admin_form_fields = ("title", "file", "collection", "thumbnail", "tags")
    probed_file = models.CharField(
        max_length=255,
        blank=True,
        editable=False,
        help_text="The file whose duration and poster were read; another means it is to be read.",
    )
    probe_error = models.TextField(_("reading the file failed"), blank=True, editable=False)
    poster_generated = models.BooleanField(
        default=False,
        editable=False,
        help_text="The poster was taken from the file (made again for a new file), not uploaded.",
    )

    class Meta:
        verbose_name = _("recording file")
        verbose_name_plural = _("recording files")
        permissions = [("choose_recordingfile", "Can choose recording file")]

    @property
    def url(self):
        return self.file.url

    @property
    def probed(self) -> bool:
        return bool(self.file) and self.probed_file == self.file.name


class RecordingPart(Orderable):
    """One part of a webinar's recording: a YouTube video or an uploaded file, its duration and
    its chapters. Lessons play segments of it."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="recordings")
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("For example “Part 1”."))
    video_url = models.URLField(_("YouTube URL"), blank=True)
    # Chosen from the media library, where it was uploaded once: an autosave or a new revision
    # of the page sends its id, never the file again.
    video = models.ForeignKey(
        RecordingFile,
        verbose_name=_("video file"),
        null=True,
        blank=True,
        # The media library refuses to delete a file in use (webinars.views.recording_file_delete);
        # SET_NULL, not PROTECT, so that an old revision naming a deleted file still loads.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Chosen from the media library (WebM or MP4). Use either a YouTube URL or a file."),
    )
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to="captions/", blank=True, validators=[validate_vtt]
    )
    duration = models.DurationField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("As h:mm:ss, e.g. 1:32:05. For a YouTube video; a file's is read from the file."),
    )
    chapters = StreamField(
        [
            (
                "chapter",
                blocks.StructBlock(
                    [
                        ("at", TimecodeBlock(label=_("Starts at"))),
                        ("title", blocks.CharBlock(label=_("Title"))),
                    ],
                    icon="time",
                    label=_("Chapter"),
                ),
            )
        ],
        blank=True,
        verbose_name=_("chapters"),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("video_url"),
        MediaChooserPanel("video", media_type="video"),
        FieldPanel("captions"),
        FieldPanel("duration"),
        FieldPanel("chapters"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("recording part")
        verbose_name_plural = _("recording parts")

    def __str__(self):
        label = f"{self.title or _('Recording')} ({format_timecode(self.duration_seconds)})"
        if not self.page_id:
            return label
        return f"{self.page.title}, {self.page.date:%d.%m.%Y} – {label}"

    def clean(self):
        super().clean()
        if bool(self.video_url) == bool(self.video_id):
            raise ValidationError(_("Give either a YouTube URL or a video file, not both or neither."))
        if self.video_url and not youtube_id_from_url(self.video_url):
            raise ValidationError({"video_url": _("This is not a YouTube video URL.")})
        if self.video_url and self.duration is None:
            raise ValidationError({"duration": _("Give the duration of the YouTube video.")})
        if self.duration is not None and self.duration.total_seconds() <= 0:
            raise ValidationError({"duration": _("The duration must be longer than zero.")})

    @property
    def youtube_id(self):
        return youtube_id_from_url(self.video_url)

    @property
    def duration_seconds(self):
        """As typed for a YouTube video; as read from the file for an uploaded one (0 until the
        worker has read it)."""
        if self.duration:
            return int(self.duration.total_seconds())
        if self.video_id and self.video:
            return int(self.video.duration or 0)
        return 0

    @property
    def video_file(self):
        """The uploaded file (a FieldFile), or None."""
        return self.video.file if self.video_id and self.video and self.video.file else None

    @cached_property
    def chapter_list(self):
        """Chapters as (seconds, title), in time order."""
        return sorted((c.value["at"], c.value["title"]) for c in self.chapters if c.value["at"] is not None)


class WebinarSlideDeck(Orderable):
    """A slide deck shown with a webinar."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="slide_deck_links")
    # SET_NULL, not CASCADE: older revisions of the page still name a deleted deck.
    deck = models.ForeignKey(
        SlideDeck,
        verbose_name=_("slide deck"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="webinar_links",
    )

    panels = [FieldPanel("deck")]


class WebinarAttachment(Orderable):
    """A document published with a webinar: a report, an example ordinance."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Leave empty to use the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


def new_registration_token() -> str:
    return secrets.token_urlsafe(24)


class WebinarAnnouncement(models.Model):
    """What registrants of a live event were last told: its time, length and whether it is
    cancelled, and the calendar file's SEQUENCE. Kept apart from the page, whose revisions would
    roll it back; an editor's publish that changes the time or cancels raises the sequence and
    emails everyone an update."""

    webinar = models.OneToOneField(WebinarPage, on_delete=models.CASCADE, related_name="announcement")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField()
    cancelled = models.BooleanField(default=False)
    sequence = models.PositiveIntegerField(default=0)
    # When registrants were sent the recording (once: the first publish with a recording after
    # the event).
    recording_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.webinar_id}: {self.starts_at:%Y-%m-%d %H:%M} (#{self.sequence})"


class Registration(models.Model):
    """One person's place at a live event: a learner's (one click) or a guest's (name and email,
    confirmed by email). The token makes the personal links in the emails: joining, cancelling,
    confirming."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for email confirmation")
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    webinar = models.ForeignKey(
        WebinarPage, verbose_name=_("webinar"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, default="pl")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    token = models.CharField(max_length=64, unique=True, default=new_registration_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(pgettext_lazy("registration", "confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(pgettext_lazy("registration", "cancelled"), null=True, blank=True)
    joined_at = models.DateTimeField(_("first joined"), null=True, blank=True)
    join_count = models.PositiveIntegerField(_("join clicks"), default=0)
    # Emails, each sent once: the time is written in the transaction that sends it.
    seat_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    announced_sequence = models.IntegerField(default=-1, editable=False)
    reminder_day_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminder_hour_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    recording_email_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "email"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["webinar", "status", "created_at"], name="registration_queue")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def holds_seat(self) -> bool:
        return self.status == self.Status.REGISTERED


class Attendance(models.Model):
    """One person's presence at a live event, from the attendance report a coordinator imported
    (Zoom, Teams, ClickMeeting or another list): their join and leave intervals merged, and the
    minutes within the event's time. Matched by email to a registration and an account where
    possible; a row nobody matched waits for a coordinator to match it by hand."""

    class Source(models.TextChoices):
        ZOOM = "zoom", "Zoom"
        TEAMS = "teams", "Microsoft Teams"
        OTHER = "other", _("ClickMeeting or another list")

    webinar = models.ForeignKey(
        WebinarPage, verbose_name=_("webinar"), on_delete=models.CASCADE, related_name="attendances"
    )
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="attendances",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("learner"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="webinar_attendances",
    )  # fmt: skip
    name = models.CharField(_("name in the report"), max_length=200)
    email = models.EmailField(_("email in the report"), blank=True)
    source = models.CharField(_("report"), max_length=10, choices=Source.choices)
    intervals = models.JSONField(_("time in the meeting"), default=list)
    minutes = models.PositiveIntegerField(_("minutes attended"), default=0)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["name", "pk"]

    def __str__(self):
        return f"{self.name}: {self.minutes} min"
