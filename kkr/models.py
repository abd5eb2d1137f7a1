import datetime
import secrets
from collections.abc import Callable
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from kkr.lib.richtext import RichTextField, to_text

# The first part of the portal's own addresses, which a council's slug would shadow.
RESERVED_SLUGS = {
    "abonnement",
    "admin",
    "api",
    "health",
    "log-ind",
    "log-ud",
    "mine-noter",
    "punktforslag",
    "soeg",
    "static",
    "media",
    "tilgaengelighed",
}


def validate_council_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Kortnavnet %(slug)s bruges af portalen selv. Vælg et andet."), params={"slug": value}
        )


class Audience(models.TextChoices):
    """Who a page or document is for: everyone, or the council's members (closed content included)."""

    PUBLIC = "public", _("offentligheden")
    MEMBERS = "members", _("rådets medlemmer")


class Council(models.Model):
    """A political body that meets, such as KKR Nordjylland, with its own secretariat."""

    name = models.CharField(_("navn"), max_length=100)
    slug = models.SlugField(
        _("kortnavn i adresser"), max_length=60, unique=True, validators=[validate_council_slug]
    )
    # Printed on the cover of agendas and minutes (KKR documents carry KL's mission and vision).
    mission = models.TextField(_("mission (forside)"), blank=True)
    vision = models.TextField(_("vision (forside)"), blank=True)
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sekretariat"),
        related_name="secretariat_councils",
        blank=True,
        help_text=_("Brugere der redigerer rådets møder og dagsordener."),
    )

    class Meta:
        verbose_name = _("råd")
        verbose_name_plural = _("råd")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agendas:council", args=[self.slug])


class Municipality(models.Model):
    """A municipality (kommune) in the geography of a council."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    council = models.ForeignKey(
        Council,
        verbose_name=_("råd"),
        related_name="municipalities",
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} Kommune"


class Person(models.Model):
    """A politician or official who can hold seats in councils and bodies."""

    name = models.CharField(_("navn"), max_length=200)
    party = models.CharField(
        _("parti (bogstav)"),
        max_length=3,
        blank=True,
        help_text=_("Partibogstav, fx C, V eller A. Tom for løsgænger."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        related_name="people",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brugerkonto"),
        related_name="person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.party})" if self.party else self.name

    def party_on(self, on):
        """The party letter on a date ("" for løsgænger), from the recorded party changes; the
        current letter where none is recorded. Reads prefetched `affiliations` when there are."""
        for affiliation in self.affiliations.all():
            if (affiliation.start is None or affiliation.start <= on) and (
                affiliation.end is None or on <= affiliation.end
            ):
                return affiliation.party
        return self.party

    def label_on(self, on):
        party = self.party_on(on)
        return f"{self.name} ({party})" if party else f"{self.name} ({_('løsgænger')})"


class PartyAffiliation(models.Model):
    """A period in which a person belonged to a party, so a party change (to løsgænger, say) keeps the
    earlier party (appointments.services.change_party)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="affiliations", on_delete=models.CASCADE
    )
    party = models.CharField(_("parti (bogstav)"), max_length=3, blank=True)
    start = models.DateField(_("fra"), null=True, blank=True, help_text=_("Tom når datoen ikke kendes."))
    end = models.DateField(_("til"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("partitilhør")
        verbose_name_plural = _("partitilhør")
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
        ]

    def __str__(self):
        return f"{self.person.name}: {self.party or _('løsgænger')}"


class PeriodQuerySet(models.QuerySet):
    """Rows that hold from `start` to `end` (both days included; no end: still holds)."""

    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))

    def overlapping(self, start, end=None):
        rows = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        return rows if end is None else rows.filter(start__lte=end)


class Holding(models.Model):
    """A seat held from `start` to `end` (both days included; no end: still held), and why it ended.
    Membership and appointments.Appointment share these fields and the rule that a change ends one row
    and starts another (appointments.services)."""

    start = models.DateField(_("fra"))
    end = models.DateField(_("til"), null=True, blank=True)
    end_reason = models.CharField(_("årsag til ophør"), max_length=300, blank=True)
    # The agenda item that decided it ("Udpegninger"), and its number and meeting as printed then:
    # the item may later be renumbered or deleted from a working copy.
    decided_by = models.ForeignKey(
        "agendas.AgendaItem",
        verbose_name=_("besluttet under punkt"),
        related_name="%(class)ss",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_by_label = models.CharField(_("besluttet"), max_length=200, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True


class Membership(Holding):
    """A person's seat in a council for a period: chair, vice-chair, member or substitute."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("formand")
        VICE_CHAIR = "vice_chair", _("næstformand")
        MEMBER = "member", _("medlem")
        SUBSTITUTE = "substitute", _("stedfortræder")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="memberships", on_delete=models.PROTECT
    )
    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="memberships", on_delete=models.CASCADE
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    substitute_for = models.ForeignKey(
        Person,
        verbose_name=_("stedfortræder for"),
        related_name="substituted_by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["council", "start", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
            models.CheckConstraint(
                condition=Q(substitute_for__isnull=True) | Q(role="substitute"),
                name="membership_only_substitutes_substitute",
                violation_error_message=_("Kun en stedfortræder kan være stedfortræder for en anden."),
            ),
        ]
        indexes = [
            # Access checks ask "is this user's person a current member of this council?".
            models.Index(fields=["council", "person", "end"], name="membership_council_person"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.council}"


class AuditEntry(models.Model):
    """One change to a council's agendas, minutes or register: who, when, what, and the old and new
    values. Written by kkr.audit.record, the one way in."""

    class Area(models.TextChoices):
        AGENDA = "agenda", _("dagsorden")
        MINUTES = "minutes", _("referat")
        REGISTER = "register", _("udpegninger")
        PROPOSAL = "proposal", _("punktforslag")

    class Action(models.TextChoices):
        CREATE = "create", _("oprettet")
        UPDATE = "update", _("ændret")
        MOVE = "move", _("flyttet")
        DELETE = "delete", _("slettet")
        RESTORE = "restore", _("gendannet")
        PUBLISH = "publish", _("offentliggjort")

    # For each area, the model whose fields an entry's changes name, given the entry: filled by the apps
    # in AppConfig.ready() (kkr imports none of them) and read by changed_fields().
    changed_models: ClassVar[dict[str, Callable[["AuditEntry"], type[models.Model]]]] = {}

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="audit_entries", on_delete=models.CASCADE
    )
    area = models.CharField(_("område"), max_length=20, choices=Area.choices)
    # Plain ids, not foreign keys: the history outlives the meeting, item or attachment it tells about.
    meeting_id = models.BigIntegerField(_("møde-id"), null=True, blank=True, db_index=True)
    item_id = models.BigIntegerField(_("punkt-id"), null=True, blank=True, db_index=True)
    attachment_id = models.BigIntegerField(_("bilag-id"), null=True, blank=True)
    # A proposal's history (proposals.services) reads its entries by this id.
    proposal_id = models.BigIntegerField(_("punktforslag-id"), null=True, blank=True, db_index=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        related_name="audit_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices, default=Action.UPDATE)
    summary = models.CharField(_("beskrivelse"), max_length=500)
    changes = models.JSONField(_("ændringer"), default=dict, blank=True)  # {field: [old, new]}
    snapshot = models.JSONField(_("indhold før sletning"), null=True, blank=True)
    # A default rather than auto_now_add, so entries copied from the earlier logs keep their time.
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        related_name="audit_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("ændring")
        verbose_name_plural = _("ændringslog")
        ordering = ["-at", "-id"]
        indexes = [
            # The register's history lists a council's entries of one area, newest first.
            models.Index(fields=["council", "area", "-at"], name="audit_council_area_at"),
        ]

    def __str__(self):
        return self.summary

    def changed_fields(self) -> list[tuple[str, str, str]]:
        """(label, old, new) for each changed field, labelled as the edit form labels it and shown
        as plain text, a line per paragraph or list item."""
        model_for = self.changed_models.get(self.area)
        model = model_for(self) if model_for else None
        rows = []
        for name, values in self.changes.items():
            if not isinstance(values, list) or len(values) != 2:
                continue  # not a change of a field (a restore's origin, a version number)
            label, field = _label(model, name)
            rows.append((label, *(_shown(field, value) for value in values)))
        return rows


def _label(model, name):
    if model is None:
        return name, None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        # A change of the row as a whole (the minutes' decision on an item) is named as the row is.
        return (capfirst(model._meta.verbose_name) if name == model._meta.model_name else name), None
    if not field.concrete:  # a row that points at this one is named as that row is
        return capfirst(field.related_model._meta.verbose_name), None
    return capfirst(field.verbose_name), field


def _shown(field, value) -> str:
    if isinstance(value, bool):
        return str(_("ja") if value else _("nej"))
    if value in (None, ""):
        return "–"
    if isinstance(field, RichTextField):
        return to_text(value)
    return str(value)


class OutgoingMail(models.Model):
    """An e-mail the portal sends: written in the transaction that causes it, sent by a job after commit,
    and kept, so a broker or mail server that is down delays it and loses nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("venter")
        SENDING = "sending", _("sendes")
        SENT = "sent", _("sendt")
        FAILED = "failed", _("fejlet")

    subject = models.CharField(_("emne"), max_length=300)
    body = models.TextField(_("tekst"))
    to = models.JSONField(_("til"), default=list)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    # Extra header lines ({name: value}), such as a subscriber's List-Unsubscribe.
    headers = models.JSONField(_("ekstra headere"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sendt til køen"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("udgående e-mail")
        verbose_name_plural = _("udgående e-mails")
        ordering = ["-created_at"]
        indexes = [
            # The sweep looks for mail that waits to be sent.
            models.Index(fields=["status", "dispatched_at"], name="mail_status_dispatched"),
        ]

    def __str__(self):
        return self.subject


def new_subscription_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """A person's e-mail subscription, without an account, to a council's published agendas and
    minutes: nothing is sent to it until the address confirms it (double opt-in). kkr.subscriptions
    holds what is done with it."""

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="subscriptions", on_delete=models.CASCADE
    )
    # Stored in lower case (kkr.subscriptions.normalise_email), so one mailbox is one subscription.
    email = models.EmailField(_("e-mailadresse"))
    agendas = models.BooleanField(_("dagsordener"), default=True)
    minutes = models.BooleanField(_("referater"), default=True)
    # The secret in the confirmation and unsubscribe links: whoever holds it reads the address's mail.
    token = models.CharField(_("nøgle"), max_length=64, unique=True, default=new_subscription_token)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    confirmation_sent_at = models.DateTimeField(_("bekræftelse sendt"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        ordering = ["council", "email"]
        constraints = [
            # Subscribing looks the address up in the council (two requests at once make one row),
            # and publishing reads a council's subscribers through this index's first column.
            models.UniqueConstraint(fields=["council", "email"], name="subscription_council_email"),
            models.CheckConstraint(
                condition=Q(agendas=True) | Q(minutes=True),
                name="subscription_wants_something",
                violation_error_message=_("Vælg dagsordener, referater eller begge."),
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.council}"

    @staticmethod
    def expired_before():
        """An unconfirmed subscription whose confirmation was sent before this has expired: its link
        leads nowhere, and kkr.tasks.prune_subscriptions deletes it."""
        return timezone.now() - datetime.timedelta(days=settings.SUBSCRIPTION_CONFIRM_DAYS)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def get_what_display(self) -> str:
        if self.agendas and self.minutes:
            return _("dagsordener og referater")
        return _("dagsordener") if self.agendas else _("referater")
