from django.db import models
from django.utils.translation import gettext_lazy as _

from agendas.models import Meeting


class Minutes(models.Model):
    """The minutes (referat) of a meeting, approved at a later meeting under item 1.1."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("kladde")
        SENT = "sent", _("udsendt")
        APPROVED = "approved", _("godkendt")

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("møde"), related_name="minutes", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_on = models.DateField(_("udsendt"), null=True, blank=True)
    approved_on = models.DateField(_("godkendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("referat")
        verbose_name_plural = _("referater")
        ordering = ["-meeting__date"]

    def __str__(self):
        return _("Referat af %(meeting)s") % {"meeting": self.meeting}
