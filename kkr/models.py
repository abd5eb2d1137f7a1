from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The first part of the portal's own addresses, which a council's slug would shadow.
RESERVED_SLUGS = {
    "admin",
    "api",
    "health",
    "log-ind",
    "log-ud",
    "mine-noter",
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


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Membership(models.Model):
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
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

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
