from django.db import models
from django.utils.translation import gettext_lazy as _

from documents import registry
from kkr.models import Audience


def document_upload_to(instance, filename):
    # Named by the content hash: an unchanged document is never stored (or rendered) twice.
    return f"documents/{instance.content_hash[:2]}/{instance.content_hash}.pdf"


class RenderedDocument(models.Model):
    """A PDF for one audience (a meeting's agenda, pack or minutes; a council's register), rendered by a
    background job and identified by the hash of everything that reaches it."""

    Audience = Audience

    class Status(models.TextChoices):
        QUEUED = "queued", _("i kø")
        RENDERING = "rendering", _("dannes")
        READY = "ready", _("klar")
        FAILED = "failed", _("fejlet")

    council = models.ForeignKey(
        "kkr.Council", verbose_name=_("råd"), related_name="documents", on_delete=models.CASCADE
    )
    meeting = models.ForeignKey(
        "agendas.Meeting",
        verbose_name=_("møde"),
        related_name="documents",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    version = models.ForeignKey(
        "agendas.AgendaVersion",
        verbose_name=_("version"),
        related_name="documents",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Tom for et udkast af arbejdskopien."),
    )
    key = models.CharField(
        _("nøgle"), max_length=40, blank=True, help_text=_("Hvad dokumentet ellers gælder, fx en dato.")
    )
    # One of the registered kinds (documents.registry): "agenda", "pack", "minutes", "register".
    kind = models.CharField(_("dokument"), max_length=20)
    audience = models.CharField(_("målgruppe"), max_length=20, choices=Audience.choices)
    content_hash = models.CharField(_("indholdets SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(_("fil"), upload_to=document_upload_to, max_length=200, blank=True)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    claimed_by = models.CharField(_("job"), max_length=64, blank=True, help_text=_("Celery-opgavens id."))
    queued_at = models.DateTimeField(_("sat i kø"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("sendt til køen"), null=True, blank=True)
    started_at = models.DateTimeField(_("påbegyndt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    render_seconds = models.FloatField(_("dannelsestid (sekunder)"), null=True, blank=True)

    class Meta:
        verbose_name = _("dannet dokument")
        verbose_name_plural = _("dannede dokumenter")
        ordering = ["-queued_at"]
        constraints = [
            # Two requests for the same content find one row, so they produce one file. The hash
            # covers the row's identity (council, meeting, version, key) as well as its content.
            models.UniqueConstraint(
                fields=["kind", "audience", "content_hash"], name="document_unique_content"
            ),
        ]
        indexes = [
            # The sweep looks for jobs stuck in the queue or in rendering.
            models.Index(fields=["status", "queued_at"], name="document_status_queued"),
        ]

    def __str__(self):
        subject = self.meeting or f"{self.council} {self.key}"
        return f"{self.label} ({self.get_audience_display()}), {subject}"

    @property
    def label(self) -> str:
        try:
            return str(registry.get(self.kind).label)
        except ValueError:
            return self.kind
