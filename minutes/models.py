from django.db import models
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaVersion, Meeting
from kkr.models import Person


class Minutes(models.Model):
    """The minutes (referat) of a meeting: attendance and a decision per item. Sent to the members,
    approved at a later meeting under item 1.1, then published (minutes.services)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("kladde")
        SENT = "sent", _("udsendt")
        APPROVED = "approved", _("godkendt")
        PUBLISHED = "published", _("offentliggjort")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("møde"), related_name="minutes", on_delete=models.CASCADE
    )
    # The published agenda the minutes decide on; set when the minutes are first written, and moved to
    # a newer version only while they are a draft (minutes.services). Empty only for minutes begun
    # before versions were recorded for them.
    version = models.ForeignKey(
        AgendaVersion,
        verbose_name=_("dagsordenens version"),
        related_name="minutes",
        # RESTRICT, not PROTECT: a version cannot be deleted under its minutes, but a meeting can
        # still be deleted with its versions and minutes together.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        editable=False,
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("udsendt"), null=True, blank=True)
    approved_on = models.DateField(_("godkendt"), null=True, blank=True)
    approved_at = models.ForeignKey(
        Meeting,
        verbose_name=_("godkendt på mødet"),
        related_name="approved_minutes",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    guests = models.TextField(
        _("gæster"), blank=True, help_text=_("Én pr. linje, fx »Jens Jensen, direktør, Aalborg Kommune«.")
    )
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("referat")
        verbose_name_plural = _("referater")
        ordering = ["-meeting__date"]

    def __str__(self):
        return _("Referat af %(meeting)s") % {"meeting": self.meeting}

    @property
    def guest_list(self):
        return [line.strip() for line in self.guests.splitlines() if line.strip()]


class Attendance(models.Model):
    """Whether a member of the council came to the meeting, sent their apologies, or was replaced by
    their personal substitute (the substitute's own row says whom they stood in for)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("til stede")
        ABSENT = "absent", _("afbud")
        SUBSTITUTE = "substitute", _("mødte som stedfortræder")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("referat"), related_name="attendance", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="attendance", on_delete=models.PROTECT
    )
    status = models.CharField(_("fremmøde"), max_length=20, choices=Status.choices)
    substitute_for = models.ForeignKey(
        Person,
        verbose_name=_("stedfortræder for"),
        related_name="stood_in_for",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        ordering = ["minutes", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="attendance_once_per_person"),
            models.CheckConstraint(
                condition=models.Q(status="substitute", substitute_for__isnull=False)
                | (~models.Q(status="substitute") & models.Q(substitute_for__isnull=True)),
                name="attendance_substitute_names_member",
                violation_error_message=_("En stedfortræder møder for et navngivet medlem."),
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class ItemAbsence(models.Model):
    """A person who took no part in one item: they left the meeting, or were disqualified (inhabil)."""

    class Reason(models.TextChoices):
        LEFT = "left", _("forlod mødet")
        DISQUALIFIED = "disqualified", _("inhabil")

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("referat"), related_name="item_absences", on_delete=models.CASCADE
    )
    # The item's id, the same in every published version (a plain id, as MemberNote's: nothing done to
    # the working agenda touches the minutes).
    item_id = models.BigIntegerField(_("punkt-id"))
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="item_absences", on_delete=models.PROTECT
    )
    reason = models.CharField(_("årsag"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("fravær under punkt")
        verbose_name_plural = _("fravær under punkter")
        ordering = ["minutes", "item_id", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "item_id", "person"], name="item_absence_once"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_reason_display()}"


class Decision(models.Model):
    """What the council decided on an item (Beslutning), as plain text: one paragraph per line, and
    lines that start with "–" or "-" are a list."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("referat"), related_name="decisions", on_delete=models.CASCADE
    )
    # The item's id in the version the minutes decide on (see ItemAbsence.item_id).
    item_id = models.BigIntegerField(_("punkt-id"))
    text = models.TextField(_("beslutning"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["minutes", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "item_id"], name="decision_once_per_item"),
        ]

    def __str__(self):
        return self.text[:60]
