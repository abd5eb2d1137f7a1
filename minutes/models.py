from django.db import models
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, Meeting
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
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("punkt"), related_name="absences", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="item_absences", on_delete=models.PROTECT
    )
    reason = models.CharField(_("årsag"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("fravær under punkt")
        verbose_name_plural = _("fravær under punkter")
        ordering = ["item", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="item_absence_once"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_reason_display()}"


class Decision(models.Model):
    """What the council decided on an item (Beslutning), as plain text: one paragraph per line, and
    lines that start with "–" or "-" are a list."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("referat"), related_name="decisions", on_delete=models.CASCADE
    )
    item = models.OneToOneField(
        AgendaItem, verbose_name=_("punkt"), related_name="decision", on_delete=models.CASCADE
    )
    text = models.TextField(_("beslutning"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["item__section__position", "item__position"]

    def __str__(self):
        return self.text[:60]
