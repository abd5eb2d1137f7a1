"""Item proposals (punktforslag): drafted by a council's case handlers, reviewed in zero, one or two
steps, placed on a meeting's agenda by the secretariat, and followed to the decision (proposals.services)."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agendas.models import AgendaItem, Meeting, attachment_upload_to
from agendas.validators import validate_case_number
from kkr.lib.richtext import RichTextField
from kkr.models import Council


class CouncilRole(models.Model):
    """A user's role in a council's intake of items: case handler (drafts proposals) or reviewer (approves
    or returns them at one review step). The secretariat is Council.secretariat, as everywhere."""

    class Role(models.TextChoices):
        HANDLER = "handler", _("sagsbehandler")
        REVIEWER = "reviewer", _("godkender")

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="staff_roles", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        related_name="council_roles",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    step = models.PositiveSmallIntegerField(
        _("godkendelsestrin"),
        choices=[(1, "1"), (2, "2")],
        default=1,
        help_text=_("Det trin, en godkender godkender på. 1 for sagsbehandlere."),
    )
    initials = models.CharField(
        _("initialer"),
        max_length=10,
        blank=True,
        help_text=_("Sagsbehandlerens initialer, som de står efter sagsnummeret, fx »hast«."),
    )

    class Meta:
        verbose_name = _("rolle i rådet")
        verbose_name_plural = _("roller i rådet")
        ordering = ["council", "role", "step", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["council", "user", "role", "step"], name="council_role_unique"),
            models.CheckConstraint(condition=models.Q(step__in=[1, 2]), name="council_role_step_1_or_2"),
            # The initials are printed after the case number of every item the handler drafts.
            models.CheckConstraint(
                condition=~models.Q(role="handler", initials=""),
                name="council_role_handler_has_initials",
                violation_error_message=_("En sagsbehandler skal have initialer."),
            ),
        ]

    def __str__(self):
        label = self.get_role_display()
        if self.role == self.Role.REVIEWER:
            label = _("%(role)s, trin %(step)s") % {"role": label, "step": self.step}
        return f"{self.user}: {label}, {self.council}"


class IntakeSettings(models.Model):
    """How a council takes in items: the number of review steps and the default submission deadline.
    Created with its defaults when first needed (proposals.services.settings_for)."""

    council = models.OneToOneField(
        Council, verbose_name=_("råd"), related_name="intake", on_delete=models.CASCADE
    )
    review_steps = models.PositiveSmallIntegerField(
        _("godkendelsestrin"),
        choices=[(0, _("ingen godkendelse")), (1, _("ét trin")), (2, _("to trin"))],
        default=1,
    )
    deadline_working_days = models.PositiveSmallIntegerField(
        _("frist i arbejdsdage"),
        default=10,
        help_text=_("Punkter skal indsendes så mange arbejdsdage (man.–fre.) før mødet, kl. 12."),
    )
    warning_days = models.PositiveSmallIntegerField(
        _("varsel i dage"),
        default=3,
        help_text=_("Sagsbehandlere med kladder får en påmindelse så mange dage før fristen."),
    )

    class Meta:
        verbose_name = _("indstillinger for punktforslag")
        verbose_name_plural = _("indstillinger for punktforslag")
        constraints = [
            models.CheckConstraint(condition=models.Q(review_steps__lte=2), name="intake_review_steps_max_2"),
        ]

    def __str__(self):
        return str(self.council)


class MeetingDeadline(models.Model):
    """The submission deadline for items to a meeting (and the warning period before it). Created from the
    council's settings when first needed (proposals.services.deadline_for); the secretariat may move it."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("møde"), related_name="deadline", on_delete=models.CASCADE
    )
    deadline = models.DateTimeField(_("frist for punkter"))
    warning_days = models.PositiveSmallIntegerField(_("varsel i dage"), default=3)
    # Set by the secretariat for this meeting: a change of the council's settings leaves it as it is.
    is_custom = models.BooleanField(_("sat for mødet"), default=False)

    class Meta:
        verbose_name = _("frist for punkter")
        verbose_name_plural = _("frister for punkter")

    def __str__(self):
        return f"{self.meeting}: {timezone.localtime(self.deadline):%d-%m-%Y %H.%M}"

    @property
    def warning_starts(self):
        return self.deadline - datetime.timedelta(days=self.warning_days)


class Proposal(models.Model):
    """An item drafted by a case handler for a coming meeting (punktforslag): what an agenda item holds,
    and where it is on its way from draft to decision."""

    class State(models.TextChoices):
        DRAFT = "draft", _("kladde")
        SUBMITTED = "submitted", _("indsendt")
        RETURNED = "returned", _("returneret")
        APPROVED = "approved", _("godkendt")
        PLACED = "placed", _("på dagsorden")
        DECIDED = "decided", _("behandlet")

    council = models.ForeignKey(
        Council, verbose_name=_("råd"), related_name="proposals", on_delete=models.CASCADE
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sagsbehandler"),
        related_name="proposals",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("titel"), max_length=300)
    case_number = models.CharField(
        _("sagsnummer"),
        max_length=14,
        validators=[validate_case_number],
        blank=True,
        help_text="SAG-2021-00512",
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
    wished_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("ønsket møde"),
        related_name="wished_proposals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Tomt: første mulige møde."),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT)
    # 0: not in review; 1 or 2: submitted and waiting for that review step.
    review_step = models.PositiveSmallIntegerField(_("venter på godkendelsestrin"), default=0)
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    is_late = models.BooleanField(_("indsendt efter fristen"), default=False)
    late_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent indsendt accepteret af"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    late_accepted_at = models.DateTimeField(_("sent indsendt accepteret"), null=True, blank=True)
    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("punkt på dagsordenen"),
        related_name="proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # Kept when the item is later deleted from the working copy: the proposal was placed there.
    placed_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("sat på mødet"),
        related_name="placed_proposals",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # Optimistic locking as AgendaItem's: every edit raises it; an edit based on an older one is refused.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("punktforslag")
        verbose_name_plural = _("punktforslag")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            # The secretariat's and reviewers' lists of a council's proposals by state.
            models.Index(fields=["council", "state"], name="proposal_council_state"),
            # "Mine punkter": a handler's proposals by state.
            models.Index(fields=["handler", "state"], name="proposal_handler_state"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.state in (self.State.DRAFT, self.State.RETURNED, self.State.APPROVED)

    @property
    def needs_late_acceptance(self):
        return self.is_late and self.late_accepted_at is None


class ProposalAttachment(models.Model):
    """A PDF attached to a proposal, stored exactly as an agenda item's attachment (by content hash), so
    placing the proposal attaches the same file to the item."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("punktforslag"), related_name="attachments", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("placering"))
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil"), upload_to=attachment_upload_to, max_length=200)
    is_closed = models.BooleanField(
        _("lukket bilag"), default=False, help_text=_("Kun rådets medlemmer kan åbne et lukket bilag.")
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bilag til punktforslag")
        verbose_name_plural = _("bilag til punktforslag")
        ordering = ["proposal", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "position"], name="proposal_attachment_unique_position"
            ),
        ]

    def __str__(self):
        return self.title


class ProposalComment(models.Model):
    """A comment between the handler, the reviewers and the secretariat on a proposal. Internal: it never
    reaches readers, search, PDFs, the API or feeds, and is mailed to none but those three."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("kommentar")
        RETURNED = "returned", _("returneret")
        APPROVED = "approved", _("godkendt")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("punktforslag"), related_name="comments", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("skrevet af"),
        related_name="proposal_comments",
        on_delete=models.SET_NULL,
        null=True,
    )
    text = models.TextField(_("kommentar"), max_length=5000)
    kind = models.CharField(_("art"), max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommentar til punktforslag")
        verbose_name_plural = _("kommentarer til punktforslag")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Notice(models.Model):
    """A time-based e-mail about a meeting's deadline, sent to one user once: the row is written with the
    mail (proposals.services.send_deadline_notices), and its unique constraint refuses a second."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("påmindelse om frist")
        DEADLINE_PASSED = "deadline_passed", _("fristen er overskredet")

    kind = models.CharField(_("art"), max_length=20, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møde"), related_name="proposal_notices", on_delete=models.CASCADE
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modtager"),
        related_name="proposal_notices",
        on_delete=models.CASCADE,
    )
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)

    class Meta:
        verbose_name = _("besked om frist")
        verbose_name_plural = _("beskeder om frister")
        ordering = ["-sent_at"]
        constraints = [
            # Exactly once: a second run of the periodic task, or two at once, finds the row taken.
            models.UniqueConstraint(fields=["kind", "meeting", "user"], name="notice_once_per_user"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.meeting}, {self.user}"
