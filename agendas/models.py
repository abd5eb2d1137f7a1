from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agendas.validators import validate_case_number
from kkr.lib.richtext import RichTextField
from kkr.models import Audience, Council


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_version__isnull=False)

    def drafts(self):
        return self.filter(published_version__isnull=True)

    def with_listed_facts(self):
        """Annotated with `listed_facts`: the facts as the published version states them (its listing's),
        None for a draft."""
        return self.annotate(listed_facts=KeyTransform("facts", "published_version__listing"))


class Meeting(models.Model):
    """A meeting of a council, with its agenda."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("ordinært møde")
        EXTRAORDINARY = "extraordinary", _("ekstraordinært møde")
        CONSTITUENT = "constituent", _("konstituerende møde")

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="meetings", on_delete=models.PROTECT
    )
    date = models.DateField(_("dato"))
    start_time = models.TimeField(_("starttidspunkt"))
    end_time = models.TimeField(_("sluttidspunkt"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200)
    kind = models.CharField(_("mødetype"), max_length=20, choices=Kind.choices, default=Kind.ORDINARY)
    agenda_sent_on = models.DateField(_("dagsorden udsendt"), null=True, blank=True)
    # The newest AgendaVersion, kept by agendas.services.publish_agenda, so a reading page finds the
    # version with the meeting in one simple query. It is the one truth of "published": a meeting
    # without it is a draft, which only its secretariat sees.
    published_version = models.ForeignKey(
        "AgendaVersion",
        verbose_name=_("seneste offentliggjorte version"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    # Counts the publishings (of the agenda, of the minutes) that change what the public reads, so the
    # public's meeting page can be kept per revision (agendas.views.meeting).
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["-date"]
        constraints = [
            # A meeting's address is /<council>/<date>/, so a council meets at most once a day.
            models.UniqueConstraint(
                fields=["council", "date"],
                name="meeting_unique_date_per_council",
                violation_error_message=_("Rådet har allerede et møde på den dato."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True) | models.Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mødet skal slutte efter det begynder."),
            ),
        ]
        indexes = [
            # The API lists every council's meetings by date, a page at a time (agendas.api._page).
            models.Index(fields=["date"], name="meeting_date"),
        ]

    def __str__(self):
        return f"{self.council} {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("agendas:meeting", args=[self.council.slug, self.date.isoformat()])

    @property
    def is_published(self):
        return self.published_version_id is not None


class AgendaSection(models.Model):
    """A numbered top-level heading of an agenda (hovedpunkt), e.g. "3. Regionalpolitiske sager"."""

    class Role(models.TextChoices):
        """What the section does beyond its title; the standard agenda sets it."""

        NONE = "", _("ingen")
        MINUTES_APPROVAL = "minutes_approval", _("godkendelse af referat og dagsorden")
        APPOINTMENTS = "appointments", _("udpegninger")
        NEXT_MEETING = "next_meeting", _("punkter til næste møde")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="sections", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("overskrift"), max_length=200)
    role = models.CharField(
        _("funktion"),
        max_length=20,
        choices=Role.choices,
        default=Role.NONE,
        blank=True,
        help_text=_("Fx viser hovedpunktet for udpegninger vej til registret, uanset overskriften."),
    )

    class Meta:
        verbose_name = _("hovedpunkt")
        verbose_name_plural = _("hovedpunkter")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="section_unique_position"),
            # One section per role in a meeting: the register link and the new meeting's routine items
            # look the section up by its role.
            models.UniqueConstraint(
                fields=["meeting", "role"],
                condition=~models.Q(role=""),
                name="section_unique_role",
                violation_error_message=_("Mødet har allerede et hovedpunkt med den funktion."),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self):
        """The printed number, "3.": positions are kept 1..n by agendas.services."""
        return f"{self.position}."


class AgendaItem(models.Model):
    """A numbered item (punkt) of an agenda section, e.g. "3.2. Limfjordsrådet - Masterplan"."""

    class Role(models.TextChoices):
        """What the item does beyond its title; the standard agenda sets it."""

        NONE = "", _("ingen")
        # Item 1.1: its decision can approve the sent minutes of the council's earlier meetings.
        MINUTES_APPROVAL = "minutes_approval", _("godkendelse af referat")

    section = models.ForeignKey(
        AgendaSection, verbose_name=_("hovedpunkt"), related_name="items", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("titel"), max_length=300)
    case_number = models.CharField(
        _("sagsnummer"), max_length=14, validators=[validate_case_number], help_text="SAG-2021-00512"
    )
    case_handler = models.CharField(_("sagsbehandler (initialer)"), max_length=10)
    background = RichTextField(_("baggrund"), blank=True)
    recommendation = RichTextField(_("indstilling"), blank=True)
    presentation = RichTextField(_("sagsfremstilling"), blank=True)
    is_closed = models.BooleanField(
        _("lukket punkt"),
        default=False,
        help_text=_("Offentligheden ser kun nummer og titel på et lukket punkt."),
    )
    role = models.CharField(
        _("funktion"),
        max_length=20,
        choices=Role.choices,
        default=Role.NONE,
        blank=True,
        help_text=_("Beslutningen på punktet for godkendelse af referat kan godkende de udsendte referater."),
    )
    # Optimistic locking: every save raises it; a save based on an older revision is refused.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("punkt")
        verbose_name_plural = _("punkter")
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="item_unique_position"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self):
        """The printed number, "3.2.", derived from the section's and the item's positions."""
        return f"{self.section.position}.{self.position}."


def attachment_upload_to(instance, filename):
    # Stored by content hash: the same file uploaded twice is stored once, and no file name a
    # user chose ever reaches the file system.
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}.pdf"


class Attachment(models.Model):
    """A document attached to an agenda item (bilag)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("punkt"), related_name="attachments", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to=attachment_upload_to, max_length=200)
    is_closed = models.BooleanField(
        _("lukket bilag"),
        default=False,
        help_text=_("Kun rådets medlemmer kan åbne et lukket bilag."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="attachment_unique_position"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        meeting = self.item.section.meeting
        return reverse(
            "agendas:attachment",
            args=[meeting.council.slug, meeting.date.isoformat(), self.pk],
        )

    @property
    def is_restricted(self):
        """Closed for the public, either itself or through its item."""
        return self.is_closed or self.item.is_closed


class AgendaVersion(models.Model):
    """A published version of a meeting's agenda: an immutable snapshot of what readers see."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="versions", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("version"))
    sent_on = models.DateField(_("udsendt"))
    change_note = models.TextField(_("rettelse"), blank=True)
    published_at = models.DateTimeField(_("offentliggjort"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offentliggjort af"),
        related_name="published_versions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # The agenda as published (agendas.content.AgendaContent.to_snapshot): sections, items, texts,
    # attachments (by content-addressed file) and the meeting's facts.
    content = models.JSONField(_("indhold"), editable=False)
    # What lists of meetings, the calendar and the feeds show of this version, written with it once
    # (agendas.content.AgendaContent.to_listing): its facts, and each item's number and title as the
    # public reads them. Small, so a list of many versions never reads their content.
    listing = models.JSONField(_("oversigt"), editable=False)

    class Meta:
        verbose_name = _("offentliggjort version")
        verbose_name_plural = _("offentliggjorte versioner")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="version_unique_number"),
        ]

    def __str__(self):
        return _("%(meeting)s, version %(number)s") % {"meeting": self.meeting, "number": self.number}


class PlannedItem(models.Model):
    """An item planned for a future meeting of a council before its agenda exists ("Punkter til næste
    møde"); it becomes an agenda item when that meeting is created."""

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="planned_items", on_delete=models.CASCADE
    )
    meeting_date = models.DateField(_("til mødet den"))
    title = models.CharField(_("titel"), max_length=300)
    case_number = models.CharField(
        _("sagsnummer"), max_length=14, validators=[validate_case_number], blank=True
    )
    case_handler = models.CharField(_("sagsbehandler (initialer)"), max_length=10, blank=True)
    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("punkt på dagsordenen"),
        related_name="planned_as",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("planlagt punkt")
        verbose_name_plural = _("planlagte punkter")
        ordering = ["meeting_date", "created_at"]
        indexes = [
            # Creating a meeting looks up the items planned for its date.
            models.Index(fields=["council", "meeting_date"], name="planned_council_date"),
        ]

    def __str__(self):
        return f"{self.title} ({self.meeting_date:%d-%m-%Y})"


# Full-text search (agendas.search). These imports sit here, with the models that need them, so that
# the search index is one block at the end of this module.


class SearchEntry(models.Model):
    """One agenda item as one audience reads it in the latest published version of its meeting, kept
    for full-text search. The public's entry of a closed item holds its number and title only."""

    Audience = Audience

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="search_entries", on_delete=models.CASCADE
    )
    version = models.ForeignKey(
        AgendaVersion, verbose_name=_("version"), related_name="search_entries", on_delete=models.CASCADE
    )
    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="search_entries", on_delete=models.CASCADE
    )
    audience = models.CharField(_("målgruppe"), max_length=20, choices=Audience.choices)
    section_position = models.PositiveSmallIntegerField(_("hovedpunkt"))
    item_position = models.PositiveSmallIntegerField(_("punkt"))
    title = models.CharField(_("titel"), max_length=300)
    text = models.TextField(_("tekst"), blank=True, help_text=_("Baggrund, indstilling og sagsfremstilling."))
    attachments_text = models.TextField(_("bilagenes tekst"), blank=True)
    is_closed = models.BooleanField(_("lukket punkt"), default=False)
    # Filled on PostgreSQL only: title (A), texts (B) and attachments (C), with Danish stemming.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: the title alone, to rank title matches first without reading the full vector.
    title_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindeks")
        ordering = ["-meeting__date", "section_position", "item_position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "audience", "section_position", "item_position"],
                name="search_entry_unique_item",
            ),
        ]
        indexes = [
            # The PostgreSQL search (agendas.search) matches this vector; created on PostgreSQL only.
            # Written at once (fastupdate off): no pending list for every search to scan until a vacuum.
            GinIndex(fields=["search_vector"], name="search_entry_vector", fastupdate=False),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def number(self):
        return f"{self.section_position}.{self.item_position}."

    def get_absolute_url(self):
        """The item on its meeting's page (the anchor the meeting page gives each item)."""
        return f"{self.meeting.get_absolute_url()}#punkt-{self.section_position}-{self.item_position}"


class AttachmentText(models.Model):
    """The text of an attachment's PDF, extracted once per file content (by its SHA-256) for search."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    text = models.TextField(_("tekst"), blank=True)
    extracted_at = models.DateTimeField(_("udtrukket"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilagstekst")
        verbose_name_plural = _("bilagstekster")

    def __str__(self):
        return self.sha256


class MemberNote(models.Model):
    """A member's private note on an agenda item, kept when the agenda is published again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bruger"), related_name="notes", on_delete=models.CASCADE
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="notes", on_delete=models.CASCADE
    )
    # The item's id, which stays the same in every published version (a plain id: the note outlives
    # an item that is deleted later).
    item_id = models.BigIntegerField(_("punkt-id"))
    item_title = models.CharField(_("punkt"), max_length=300)
    text = models.TextField(_("note"), max_length=5000)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("personlig note")
        verbose_name_plural = _("personlige noter")
        ordering = ["-meeting__date", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "item_id"], name="note_unique_per_user_and_item"),
        ]

    def __str__(self):
        return f"{self.user}: {self.item_title}"


class ReadingMark(models.Model):
    """The version of a meeting's agenda a member last opened: what is new since is marked for them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        related_name="reading_marks",
        on_delete=models.CASCADE,
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="reading_marks", on_delete=models.CASCADE
    )
    version_number = models.PositiveSmallIntegerField(_("senest læste version"))
    seen_at = models.DateTimeField(_("læst"), auto_now=True)

    class Meta:
        verbose_name = _("læsemærke")
        verbose_name_plural = _("læsemærker")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "meeting"], name="reading_mark_unique_per_user_and_meeting"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.meeting} v{self.version_number}"
