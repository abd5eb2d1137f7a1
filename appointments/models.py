from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kkr.models import Council, Holding, Person


class Term(models.Model):
    """An election term (valgperiode), from one constituent meeting to the next, e.g. "2022-2026"."""

    label = models.CharField(_("betegnelse"), max_length=20, unique=True, help_text="2022-2026")
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"))

    class Meta:
        verbose_name = _("valgperiode")
        verbose_name_plural = _("valgperioder")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")),
                name="term_end_after_start",
                violation_error_message=_("Valgperioden skal slutte efter den begynder."),
            ),
        ]

    def __str__(self):
        return self.label


class Body(models.Model):
    """An external body that councils appoint people to, such as RAR Nordjylland or Limfjordsrådet."""

    class Kind(models.TextChoices):
        POLITICAL = "political", _("politisk")
        ADMINISTRATIVE = "administrative", _("administrativ")

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kortnavn i adresser"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.POLITICAL)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Seat(models.Model):
    """The places of one role in a body that one council fills: "2 members nominated by KKR
    Nordjylland"."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("formand")
        MEMBER = "member", _("medlem")
        SUBSTITUTE = "substitute", _("stedfortræder")
        OBSERVER = "observer", _("observatør")

    body = models.ForeignKey(Body, verbose_name=_("organ"), related_name="seats", on_delete=models.CASCADE)
    council = models.ForeignKey(
        Council, verbose_name=_("indstillende råd"), related_name="seats", on_delete=models.PROTECT
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    count = models.PositiveSmallIntegerField(_("antal pladser"), default=1)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("plads")
        verbose_name_plural = _("pladser")
        ordering = ["body", "council", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "council", "role"],
                name="seat_unique_role_per_council",
                violation_error_message=_("Organet har allerede pladser med den rolle for rådet."),
            ),
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="seat_count_positive",
                violation_error_message=_("Antallet af pladser skal være mindst 1."),
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_role_display()} ({self.council})"

    @property
    def sort_key(self):
        return list(self.Role.values).index(self.role)


class Appointment(Holding):
    """A person holding one of a seat's places from `start` to `end`. A change never rewrites a row:
    it ends one and starts another (appointments.services)."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("plads"), related_name="appointments", on_delete=models.PROTECT
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), related_name="appointments", on_delete=models.PROTECT
    )
    substitute_for = models.ForeignKey(
        Person,
        verbose_name=_("personlig stedfortræder for"),
        related_name="appointed_substitutes",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    term = models.ForeignKey(
        Term,
        verbose_name=_("valgperiode"),
        related_name="appointments",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("registreret"), auto_now_add=True)

    class Meta:
        verbose_name = _("udpegning")
        verbose_name_plural = _("udpegninger")
        ordering = ["seat", "start", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="appointment_end_after_start",
                violation_error_message=_("Slutdatoen skal ligge efter startdatoen."),
            ),
        ]
        indexes = [
            # The overview asks "who holds this council's seats on a date?".
            models.Index(fields=["seat", "start", "end"], name="appointment_seat_period"),
        ]

    def __str__(self):
        return f"{self.person} – {self.seat}"

    @property
    def role(self):
        return self.seat.role

    def get_absolute_url(self):
        return reverse("appointments:body", args=[self.seat.council.slug, self.seat.body.slug])
