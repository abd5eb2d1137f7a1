"""Item proposals (punktforslag) on their way from a case handler's draft to the council's decision.

    kladde → indsendt → (returneret → indsendt …) → godkendt → på dagsorden → behandlet

Every operation is one function here, atomic, audited in the council's trail (area "punktforslag"), and
refuses with a Danish message: PermissionDenied when the user may not do it (kkr.access.proposal_roles
says who may), ValidationError when the proposal is not in a state that allows it. Functions that change
a proposal lock its row and return the fresh proposal: use the returned one.

E-mail goes through the database outbox (kkr.mail.queue_mail), so it leaves after commit, once, and a
broker that is down delays it and loses none. Internal comments are mailed to the handler only (the
reviewers and secretariat read them on the proposal's page); no mail to anyone else ever holds them.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agendas.models import AgendaSection, AgendaVersion, Attachment, Meeting, PlannedItem
from agendas.services import change_attachment, create_item, store_pdf
from kkr import audit
from kkr.access import ProposalAccess, proposal_roles
from kkr.lib.richtext import sanitize
from kkr.mail import queue_mail
from kkr.models import AuditEntry, Council
from minutes.models import Decision, Minutes
from proposals.models import (
    CouncilRole,
    IntakeSettings,
    MeetingDeadline,
    Notice,
    Proposal,
    ProposalAttachment,
    ProposalComment,
)

State = Proposal.State
Role = CouncilRole.Role
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
DEADLINE_TIME = datetime.time(12, 0)  # deadlines fall at noon, Danish time

# What a proposal holds of an agenda item, as the edit form posts it.
PROPOSAL_FIELDS = [
    "title",
    "case_number",
    "background",
    "recommendation",
    "presentation",
    "is_closed",
    "wished_meeting",
]
_RICH_TEXT = {"background", "recommendation", "presentation"}


class ProposalConflict(Exception):
    """The proposal was saved by someone else since this edit began."""

    def __init__(self, current: Proposal):
        super().__init__(f"proposal {current.pk} is at revision {current.revision}")
        self.current = current


# Settings and deadlines


def settings_for(council: Council) -> IntakeSettings:
    """The council's intake settings, created with the defaults when first asked for."""
    return IntakeSettings.objects.get_or_create(council=council)[0]


def compute_deadline(meeting_date: datetime.date, working_days: int) -> datetime.datetime:
    """`working_days` working days (Monday to Friday) before the meeting's date, at 12:00 Danish time."""
    day, remaining = meeting_date, working_days
    while remaining > 0:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return datetime.datetime.combine(day, DEADLINE_TIME, tzinfo=COPENHAGEN)


def deadline_for(meeting: Meeting) -> MeetingDeadline:
    """The meeting's submission deadline, created from the council's settings when first asked for
    (a meeting loaded with select_related("deadline") costs no query)."""
    try:
        return meeting.deadline
    except MeetingDeadline.DoesNotExist:
        pass
    intake = settings_for(meeting.council)
    deadline, _created = MeetingDeadline.objects.get_or_create(
        meeting=meeting,
        defaults={
            "deadline": compute_deadline(meeting.date, intake.deadline_working_days),
            "warning_days": intake.warning_days,
        },
    )
    meeting.deadline = deadline
    return deadline


def _check_secretary(council: Council, by) -> None:
    if not (by is not None and by.is_authenticated) or not (
        by.is_superuser or council.secretariat.filter(pk=by.pk).exists()
    ):
        raise PermissionDenied(_("Kun rådets sekretariat kan gøre det."))


@transaction.atomic
def set_deadline(
    meeting: Meeting, *, by, deadline: datetime.datetime, warning_days: int | None = None
) -> MeetingDeadline:
    """Move one meeting's submission deadline (secretariat only); a later change of the council's
    settings leaves it as set here."""
    _check_secretary(meeting.council, by)
    current = deadline_for(meeting)
    if deadline.date() > meeting.date:
        raise ValidationError({"deadline": _("Fristen skal ligge før mødet.")})
    old = (current.deadline, current.warning_days)
    current.deadline = deadline
    if warning_days is not None:
        current.warning_days = warning_days
    current.is_custom = True
    current.full_clean()
    current.save()
    audit.record(
        meeting.council,
        AuditEntry.Area.PROPOSAL,
        _("Frist for punkter til mødet %(date)s ændret") % {"date": f"{meeting.date:%d-%m-%Y}"},
        by=by,
        meeting=meeting,
        changes={
            "deadline": [_when(old[0]), _when(current.deadline)],
            "warning_days": [old[1], current.warning_days],
        },
    )
    return current


@transaction.atomic
def update_settings(council: Council, *, by, **fields) -> IntakeSettings:
    """Change the council's intake settings (review_steps, deadline_working_days, warning_days;
    secretariat only). The deadlines of coming meetings follow, except those set for a meeting by hand.
    Proposals already in review finish the steps they began with."""
    _check_secretary(council, by)
    intake = settings_for(council)
    changes = {}
    for name in ("review_steps", "deadline_working_days", "warning_days"):
        if name in fields and fields[name] != getattr(intake, name):
            changes[name] = [getattr(intake, name), fields[name]]
            setattr(intake, name, fields[name])
    if not changes:
        return intake
    intake.full_clean()
    intake.save()
    coming = MeetingDeadline.objects.filter(
        meeting__council=council, meeting__date__gte=timezone.localdate(), is_custom=False
    ).select_related("meeting")
    for deadline in coming:
        deadline.deadline = compute_deadline(deadline.meeting.date, intake.deadline_working_days)
        deadline.warning_days = intake.warning_days
        deadline.save(update_fields=["deadline", "warning_days"])
    audit.record(
        council, AuditEntry.Area.PROPOSAL, _("Indstillinger for punktforslag ændret"), by=by, changes=changes
    )
    return intake


@transaction.atomic
def grant_role(council: Council, user, role: str, *, by, step: int = 1, initials: str = "") -> CouncilRole:
    """Make the user a case handler (with initials) or a reviewer of a step in the council (secretariat
    only). Granting a role the user holds changes only the handler's initials."""
    _check_secretary(council, by)
    if role == Role.HANDLER:
        step = 1
    grant, created = CouncilRole.objects.get_or_create(
        council=council, user=user, role=role, step=step, defaults={"initials": initials.strip()}
    )
    if created:
        grant.full_clean()
        summary = _("%(user)s er nu %(role)s") % {"user": user.get_username(), "role": grant}
    elif initials.strip() and initials.strip() != grant.initials:
        summary = _("%(user)s har nu initialerne %(initials)s") % {
            "user": user.get_username(),
            "initials": initials.strip(),
        }
        grant.initials = initials.strip()
        grant.full_clean()
        grant.save(update_fields=["initials"])
    else:
        return grant
    audit.record(council, AuditEntry.Area.PROPOSAL, summary, action=AuditEntry.Action.CREATE, by=by)
    return grant


@transaction.atomic
def revoke_role(grant: CouncilRole, *, by) -> None:
    """Take a role back (secretariat only). The handler's proposals stay theirs."""
    _check_secretary(grant.council, by)
    grant.delete()
    audit.record(
        grant.council,
        AuditEntry.Area.PROPOSAL,
        _("Rollen %(role)s fjernet") % {"role": grant},
        action=AuditEntry.Action.DELETE,
        by=by,
    )


def handler_role(council: Council, user) -> CouncilRole | None:
    return CouncilRole.objects.filter(council=council, user=user.pk, role=Role.HANDLER).first()


# Where a proposal is aimed


def first_possible_meeting(council: Council, now: datetime.datetime | None = None) -> Meeting | None:
    """ "Første mulige møde": the council's first coming meeting whose deadline has not passed."""
    now = now or timezone.now()
    meetings = council.meetings.filter(date__gte=timezone.localdate(now)).select_related(
        "council", "deadline"
    )
    for meeting in meetings.order_by("date")[:24]:
        if now <= deadline_for(meeting).deadline:
            return meeting
    return None


def target_meeting(proposal: Proposal, now: datetime.datetime | None = None) -> Meeting | None:
    """The meeting the proposal is for: where it was placed, the wished one, or the first possible."""
    if proposal.placed_meeting_id:
        return proposal.placed_meeting
    return proposal.wished_meeting or first_possible_meeting(proposal.council, now)


# The proposal itself


def _when(value: datetime.datetime | None) -> str:
    return date_format(timezone.localtime(value), "d-m-Y H.i") if value else ""


def _record(proposal: Proposal, summary: str, *, by, action=AuditEntry.Action.UPDATE, **kwargs) -> AuditEntry:
    """Log a change to the proposal in its council's audit trail."""
    return audit.record(
        proposal.council,
        AuditEntry.Area.PROPOSAL,
        summary,
        action=action,
        by=by,
        proposal_id=proposal.pk,
        **kwargs,
    )


def _state_change(proposal: Proposal, old: str, summary: str, *, by, **kwargs) -> AuditEntry:
    changes = {
        "state": [str(State(old).label), str(proposal.get_state_display())],
        **kwargs.pop("changes", {}),
    }
    return _record(proposal, summary, by=by, changes=changes, **kwargs)


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _roles(by, proposal: Proposal) -> ProposalAccess:
    access = proposal_roles(by, proposal)
    if not access.may_see:
        raise PermissionDenied(_("Du har ikke adgang til punktforslaget."))
    return access


def _check_wished_meeting(council: Council, meeting: Meeting | None) -> None:
    if meeting is not None and meeting.council_id != council.pk:
        raise ValidationError({"wished_meeting": _("Mødet hører til et andet råd.")})


def _field_value(value):
    """A changed value as the audit trail keeps it (plain JSON)."""
    if isinstance(value, Meeting):
        return f"{value.date:%d-%m-%Y}"
    if value is None:
        return ""
    return value


@transaction.atomic
def create_proposal(council: Council, handler, **fields) -> Proposal:
    """A new draft by the handler, who must be a case handler in the council; its case handler initials
    are theirs. `fields` are any of PROPOSAL_FIELDS (title required; wished_meeting None for the first
    possible meeting)."""
    role = handler_role(council, handler)
    if role is None:
        raise PermissionDenied(_("Kun rådets sagsbehandlere kan skrive punktforslag."))
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"not fields of a proposal: {sorted(unknown)}")
    _check_wished_meeting(council, fields.get("wished_meeting"))
    proposal = Proposal(council=council, handler=handler, case_handler=role.initials, **fields)
    proposal.full_clean()
    proposal.save()
    _record(
        proposal,
        _("Punktforslaget %(title)s oprettet") % {"title": proposal.title},
        by=handler,
        action=AuditEntry.Action.CREATE,
    )
    return proposal


@transaction.atomic
def update_proposal(proposal: Proposal, *, by, revision: int, **fields) -> Proposal:
    """Save changed fields (any of PROPOSAL_FIELDS) if nobody has saved the proposal since `revision`;
    else raise ProposalConflict with the newer proposal and change nothing. The handler edits a draft or
    a returned proposal, the secretariat an approved one before placing it."""
    current = _locked(proposal)
    access = _roles(by, current)
    if not access.may_edit:
        raise ValidationError(
            _("Punktforslaget kan ikke ændres nu (det er %(state)s).")
            % {"state": current.get_state_display()}
        )
    if current.revision != revision:
        raise ProposalConflict(current)
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise TypeError(f"not fields of a proposal: {sorted(unknown)}")
    _check_wished_meeting(current.council, fields.get("wished_meeting"))
    changes = {}
    for name, new in fields.items():
        if name in _RICH_TEXT:
            new = sanitize(new)
        old = getattr(current, name)
        if old != new:
            changes[name] = [_field_value(old), _field_value(new)]
            setattr(current, name, new)
    if not changes:
        return current
    current.full_clean()
    current.revision += 1
    current.save()
    _record(current, _("Punktforslaget %(title)s ændret") % {"title": current.title}, by=by, changes=changes)
    return current


@transaction.atomic
def add_attachment(
    proposal: Proposal, title: str, data: bytes, *, by, is_closed: bool = False
) -> ProposalAttachment:
    """Validate a PDF (as an agenda item's attachment is validated) and attach it last. Whoever may edit
    the proposal may attach."""
    current = _locked(proposal)
    if not _roles(by, current).may_edit:
        raise ValidationError(
            _("Punktforslaget kan ikke ændres nu (det er %(state)s).")
            % {"state": current.get_state_display()}
        )
    last = current.attachments.aggregate(last=Max("position"))["last"] or 0
    attachment = ProposalAttachment(
        proposal=current, position=last + 1, title=title.strip(), is_closed=is_closed
    )
    store_pdf(attachment, data)
    attachment.full_clean()
    attachment.save()
    _record(
        current,
        _("Bilag %(title)s tilføjet") % {"title": attachment.title},
        by=by,
        action=AuditEntry.Action.CREATE,
        attachment_id=attachment.pk,
    )
    return attachment


@transaction.atomic
def update_attachment(
    attachment: ProposalAttachment, *, by, title: str | None = None, is_closed: bool | None = None
) -> ProposalAttachment:
    """Rename an attachment or open/close it."""
    current = _locked(attachment.proposal)
    if not _roles(by, current).may_edit:
        raise ValidationError(
            _("Punktforslaget kan ikke ændres nu (det er %(state)s).")
            % {"state": current.get_state_display()}
        )
    changes = change_attachment(attachment, title=title, is_closed=is_closed)
    if changes:
        _record(
            current,
            _("Bilag %(title)s ændret") % {"title": attachment.title},
            by=by,
            attachment_id=attachment.pk,
            changes=changes,
        )
    return attachment


@transaction.atomic
def remove_attachment(attachment: ProposalAttachment, *, by) -> None:
    """Remove an attachment and close the gap in the numbering. The file stays (others may share it)."""
    current = _locked(attachment.proposal)
    if not _roles(by, current).may_edit:
        raise ValidationError(
            _("Punktforslaget kan ikke ændres nu (det er %(state)s).")
            % {"state": current.get_state_display()}
        )
    _record(
        current,
        _("Bilag %(title)s fjernet") % {"title": attachment.title},
        by=by,
        action=AuditEntry.Action.DELETE,
        attachment_id=attachment.pk,
    )
    attachment.delete()
    remaining = current.attachments.order_by("position")
    remaining.update(position=F("position") + 10000)
    for position, pk in enumerate(remaining.values_list("pk", flat=True), start=1):
        ProposalAttachment.objects.filter(pk=pk).update(position=position)


@transaction.atomic
def add_comment(proposal: Proposal, text: str, *, by) -> ProposalComment:
    """An internal comment on the proposal by its handler, a reviewer or the secretariat."""
    current = _locked(proposal)
    _roles(by, current)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    comment = ProposalComment.objects.create(proposal=current, author=by, text=text)
    _record(current, _("Kommentar skrevet"), by=by, action=AuditEntry.Action.CREATE)
    return comment


# The way through review


def _users(queryset):
    return list(queryset.exclude(email="").order_by("pk"))


def reviewers(council: Council, step: int):
    """The users who approve the council's proposals at this review step."""
    return get_user_model().objects.filter(
        council_roles__council=council, council_roles__role=Role.REVIEWER, council_roles__step=step
    )


def _mail(template: str, proposal: Proposal, recipients, **context):
    """Queue one e-mail about the proposal, with its link, to these users (those with an address)."""
    emails = sorted({user.email for user in recipients if user.email})
    if not emails:
        return None
    context = {
        "proposal": proposal,
        "council": proposal.council,
        "url": settings.SITE_URL + proposal.get_absolute_url(),
        **context,
    }
    subject = render_to_string(f"proposals/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"proposals/email/{template}.txt", context)
    return queue_mail(subject, body, to=emails)


@transaction.atomic
def submit(proposal: Proposal, *, by) -> Proposal:
    """Send a draft (or a returned proposal) into review: to step 1, whose reviewers are mailed, or
    straight to approved when the council has no review steps (the secretariat is mailed). Marked late
    when submitted after the wished meeting's deadline; "first possible" is never late."""
    current = _locked(proposal)
    access = _roles(by, current)
    if not access.is_handler:
        raise PermissionDenied(_("Kun sagsbehandleren kan indsende sit punktforslag."))
    if current.state not in (State.DRAFT, State.RETURNED):
        raise ValidationError(_("Punktforslaget er allerede indsendt."))
    missing = {}
    if not current.case_number:
        missing["case_number"] = _("Skriv sagsnummeret, før punktforslaget indsendes.")
    if not current.recommendation.strip():
        missing["recommendation"] = _("Skriv indstillingen, før punktforslaget indsendes.")
    if missing:
        raise ValidationError(missing)
    now = timezone.now()
    meeting = current.wished_meeting
    if meeting is not None and meeting.date < timezone.localdate(now):
        raise ValidationError(
            {"wished_meeting": _("Mødet er afholdt. Vælg et kommende møde eller første mulige møde.")}
        )
    old = current.state
    current.is_late = meeting is not None and now > deadline_for(meeting).deadline
    if not current.is_late:
        current.late_accepted_by, current.late_accepted_at = None, None
    current.submitted_at = now
    steps = settings_for(current.council).review_steps
    if steps == 0:
        current.state, current.review_step = State.APPROVED, 0
    else:
        current.state, current.review_step = State.SUBMITTED, 1
    current.save()
    late = _(" (efter fristen)") if current.is_late else ""
    _state_change(current, old, _("Punktforslaget indsendt%(late)s") % {"late": late}, by=by)
    if steps == 0:
        _mail("approved_secretariat", current, _users(current.council.secretariat.all()), meeting=meeting)
    else:
        _mail(
            "submitted",
            current,
            _users(reviewers(current.council, 1).exclude(pk=current.handler_id)),
            meeting=meeting,
            step=1,
        )
    return current


@transaction.atomic
def return_proposal(proposal: Proposal, comment: str, *, by) -> Proposal:
    """A reviewer of the step it waits for sends it back to the handler with a comment (required), who
    is mailed the comment."""
    current = _locked(proposal)
    access = _roles(by, current)
    _check_review(current, access)
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Skriv, hvorfor punktforslaget sendes retur.")})
    old = current.state
    current.state, current.review_step = State.RETURNED, 0
    current.save(update_fields=["state", "review_step", "updated_at"])
    ProposalComment.objects.create(
        proposal=current, author=by, text=comment, kind=ProposalComment.Kind.RETURNED
    )
    _state_change(current, old, _("Punktforslaget returneret til sagsbehandleren"), by=by)
    _mail("returned", current, [current.handler], comment=comment, by=by)
    return current


def _check_review(proposal: Proposal, access: ProposalAccess) -> None:
    if proposal.state != State.SUBMITTED:
        raise ValidationError(
            _("Punktforslaget venter ikke på godkendelse (det er %(state)s).")
            % {"state": proposal.get_state_display()}
        )
    if access.is_handler:
        raise PermissionDenied(_("Du kan ikke godkende eller returnere dit eget punktforslag."))
    if not access.may_review:
        raise PermissionDenied(
            _("Kun en godkender på trin %(step)s kan godkende eller returnere punktforslaget.")
            % {"step": proposal.review_step}
        )


@transaction.atomic
def approve(proposal: Proposal, *, by, comment: str = "") -> Proposal:
    """A reviewer of the step it waits for approves: on to the next step (its reviewers are mailed) or,
    after the council's last step, approved (the handler is mailed; the secretariat places it)."""
    current = _locked(proposal)
    access = _roles(by, current)
    _check_review(current, access)
    comment = comment.strip()
    old, step = current.state, current.review_step
    steps = settings_for(current.council).review_steps
    if step < steps:
        current.review_step = step + 1
    else:
        current.state, current.review_step = State.APPROVED, 0
    current.save(update_fields=["state", "review_step", "updated_at"])
    if comment:
        ProposalComment.objects.create(
            proposal=current, author=by, text=comment, kind=ProposalComment.Kind.APPROVED
        )
    summary = _("Punktforslaget godkendt på trin %(step)s") % {"step": step}
    if current.state == State.APPROVED:
        _state_change(current, old, summary, by=by)
        _mail("approved", current, [current.handler], comment=comment, by=by)
    else:
        _record(current, summary, by=by, changes={"review_step": [step, current.review_step]})
        next_reviewers = reviewers(current.council, current.review_step).exclude(pk=current.handler_id)
        _mail(
            "submitted",
            current,
            _users(next_reviewers),
            meeting=current.wished_meeting,
            step=current.review_step,
        )
    return current


@transaction.atomic
def accept_late(proposal: Proposal, *, by) -> Proposal:
    """The secretariat's explicit acceptance of a proposal submitted after the deadline: needed before
    it can be placed."""
    current = _locked(proposal)
    access = _roles(by, current)
    if not access.is_secretary:
        raise PermissionDenied(_("Kun rådets sekretariat kan acceptere et sent indsendt punktforslag."))
    if not access.may_accept_late:
        raise ValidationError(_("Punktforslaget venter ikke på at blive accepteret efter fristen."))
    current.late_accepted_by, current.late_accepted_at = by, timezone.now()
    current.save(update_fields=["late_accepted_by", "late_accepted_at", "updated_at"])
    _record(
        current, _("Sent indsendt punktforslag accepteret"), by=by, changes={"late_accepted": [False, True]}
    )
    return current


@transaction.atomic
def place(proposal: Proposal, *, by, meeting: Meeting, section: AgendaSection) -> Proposal:
    """The secretariat puts an approved proposal on a meeting's agenda: a new item at the end of the
    section, with the proposal's texts and its attachments (the same stored files). On a published
    agenda the item waits in the working copy and is a tillægspunkt in the next published version."""
    current = _locked(proposal)
    access = _roles(by, current)
    if not access.is_secretary:
        raise PermissionDenied(_("Kun rådets sekretariat kan sætte et punktforslag på dagsordenen."))
    if current.state != State.APPROVED:
        raise ValidationError(
            _("Kun et godkendt punktforslag kan sættes på dagsordenen (det er %(state)s).")
            % {"state": current.get_state_display()}
        )
    if current.needs_late_acceptance:
        raise ValidationError(
            _("Punktforslaget er indsendt efter fristen. Acceptér det, før det sættes på dagsordenen.")
        )
    if meeting.council_id != current.council_id:
        raise ValidationError({"meeting": _("Mødet hører til et andet råd.")})
    if section.meeting_id != meeting.pk:
        raise ValidationError({"section": _("Hovedpunktet hører til et andet møde.")})
    if not current.case_number:
        raise ValidationError({"case_number": _("Punktforslaget mangler et sagsnummer.")})
    item = create_item(
        section,
        by=by,
        title=current.title,
        case_number=current.case_number,
        case_handler=current.case_handler,
        background=current.background,
        recommendation=current.recommendation,
        presentation=current.presentation,
        is_closed=current.is_closed,
    )
    for attachment in current.attachments.order_by("position"):
        Attachment.objects.create(
            item=item,
            position=attachment.position,
            title=attachment.title,
            file=attachment.file.name,
            sha256=attachment.sha256,
            page_count=attachment.page_count,
            is_closed=attachment.is_closed,
        )
    old = current.state
    current.state, current.item, current.placed_meeting = State.PLACED, item, meeting
    current.save(update_fields=["state", "item", "placed_meeting", "updated_at"])
    _state_change(
        current,
        old,
        _("Punktforslaget sat på dagsordenen til mødet %(date)s som punkt %(number)s")
        % {"date": f"{meeting.date:%d-%m-%Y}", "number": item.number},
        by=by,
        meeting=meeting,
        item_id=item.pk,
    )
    return current


@transaction.atomic
def mark_decided(meeting: Meeting, *, by=None) -> list[Proposal]:
    """The meeting's placed proposals whose item has a decision in its published minutes become
    decided (called by minutes.services.publish_minutes). Returns them."""
    decided_items = set(
        Decision.objects.filter(minutes__meeting=meeting, minutes__status=Minutes.Status.PUBLISHED)
        .exclude(text="")
        .values_list("item_id", flat=True)
    )
    proposals = list(
        Proposal.objects.select_for_update()
        .filter(placed_meeting=meeting, state=State.PLACED, item_id__in=decided_items)
        .order_by("pk")
    )
    for proposal in proposals:
        proposal.state = State.DECIDED
        proposal.save(update_fields=["state", "updated_at"])
        proposal.council = meeting.council
        _state_change(
            proposal,
            State.PLACED,
            _("Punktet er behandlet, og referatet er offentliggjort"),
            by=by,
            meeting=meeting,
            item_id=proposal.item_id,
        )
    return proposals


# Deadline notices (the periodic task proposals.tasks.send_deadline_notices)


def _notify_once(kind: str, meeting: Meeting, user, template: str, now, **context) -> bool:
    """Write the Notice and queue its mail together; False if the user has had this notice."""
    with transaction.atomic():
        _notice, created = Notice.objects.get_or_create(
            kind=kind, meeting=meeting, user=user, defaults={"sent_at": now}
        )
        if not created:
            return False
        emails = [user.email] if user.email else []
        if emails:
            context = {
                "meeting": meeting,
                "council": meeting.council,
                "user": user,
                "site_url": settings.SITE_URL,
                **context,
            }
            subject = render_to_string(f"proposals/email/{template}_subject.txt", context).strip()
            queue_mail(subject, render_to_string(f"proposals/email/{template}.txt", context), to=emails)
        return True


def send_deadline_notices(now: datetime.datetime | None = None) -> int:
    """For each coming meeting: once its warning period has begun, remind each handler with drafts or
    returned proposals aimed at it; once its deadline has passed, tell each of the secretariat about the
    approved proposals waiting to be placed. Each user gets each notice once (Notice); returns how many
    notices were sent now."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(date__gte=timezone.localdate(now)).select_related("council", "deadline")
    first_possible = {}
    sent = 0
    for meeting in meetings.order_by("date"):
        deadline = deadline_for(meeting)
        if deadline.warning_starts <= now < deadline.deadline:
            if meeting.council_id not in first_possible:
                first_possible[meeting.council_id] = first_possible_meeting(meeting.council, now)
            sent += _remind_handlers(meeting, deadline, now, first_possible[meeting.council_id] == meeting)
        elif now >= deadline.deadline:
            sent += _tell_secretariat(meeting, deadline, now)
    return sent


def _remind_handlers(meeting, deadline, now, is_first_possible: bool) -> int:
    aimed = Q(wished_meeting=meeting)
    if is_first_possible:
        aimed |= Q(wished_meeting__isnull=True)
    drafts = Proposal.objects.filter(
        aimed, council=meeting.council_id, state__in=[State.DRAFT, State.RETURNED]
    )
    by_handler = {}
    for proposal in drafts.select_related("handler", "council").order_by("pk"):
        by_handler.setdefault(proposal.handler, []).append(proposal)
    return sum(
        _notify_once(
            Notice.Kind.REMINDER,
            meeting,
            handler,
            "reminder",
            now,
            deadline=deadline.deadline,
            proposals=[(p, settings.SITE_URL + p.get_absolute_url()) for p in proposals],
        )
        for handler, proposals in by_handler.items()
    )


def _tell_secretariat(meeting, deadline, now) -> int:
    aimed = Q(wished_meeting=meeting) | Q(wished_meeting__isnull=True, submitted_at__lte=deadline.deadline)
    waiting = list(
        Proposal.objects.filter(aimed, council=meeting.council_id, state=State.APPROVED)
        .select_related("council")
        .order_by("pk")
    )
    if not waiting:
        return 0
    proposals = [(p, settings.SITE_URL + p.get_absolute_url()) for p in waiting]
    return sum(
        _notify_once(
            Notice.Kind.DEADLINE_PASSED,
            meeting,
            user,
            "deadline_passed",
            now,
            deadline=deadline.deadline,
            proposals=proposals,
        )
        for user in meeting.council.secretariat.order_by("pk")
    )


# "Mine punkter" and the council's overview: each proposal's path to its decision ("sagens gang")


@dataclass(frozen=True)
class ProposalPath:
    """A proposal and where it went: the meeting, the item as last published, and the decision as the
    published minutes have it ("" until then)."""

    proposal: Proposal
    meeting: Meeting | None  # where it was placed, else the wished meeting (None: the first possible)
    published_number: str = ""  # "3.4." in the meeting's newest published version
    published_title: str = ""
    published_url: str = ""
    decision: str = ""


def my_proposals(user) -> list[ProposalPath]:
    """The user's own proposals with their paths, newest change first, in three queries at most."""
    return proposal_paths(Proposal.objects.filter(handler=user.pk))


def council_proposals(council: Council) -> list[ProposalPath]:
    """The council's proposals with their paths (for its secretariat and reviewers: decisions to follow
    up), in three queries at most."""
    return proposal_paths(Proposal.objects.filter(council=council))


def proposal_paths(proposals) -> list[ProposalPath]:
    """Paths of the proposals of a queryset (e.g. kkr.access.visible_proposals filtered), in three
    queries whatever their number."""
    proposals = list(
        proposals.select_related("council", "handler", "wished_meeting__council", "placed_meeting__council")
    )
    versions = {p.placed_meeting.published_version_id for p in proposals if p.placed_meeting_id} - {None}
    published = {}
    if versions:
        for version in AgendaVersion.objects.filter(pk__in=versions).only("content"):
            for section in version.content["sections"]:
                for item in section["items"]:
                    published[item["pk"]] = (
                        f"{section['position']}.{item['position']}.",
                        item["title"],
                        section["position"],
                        item["position"],
                    )
    item_ids = [p.item_id for p in proposals if p.item_id in published]
    decisions = {}
    if item_ids:
        decisions = dict(
            Decision.objects.filter(
                item_id__in=item_ids, minutes__status=Minutes.Status.PUBLISHED
            ).values_list("item_id", "text")
        )
    paths = []
    for proposal in proposals:
        meeting = proposal.placed_meeting or proposal.wished_meeting
        entry = published.get(proposal.item_id) if proposal.item_id else None
        if entry is None:
            paths.append(ProposalPath(proposal, meeting))
            continue
        number, title, section_position, item_position = entry
        url = f"{meeting.get_absolute_url()}#punkt-{section_position}-{item_position}"
        paths.append(ProposalPath(proposal, meeting, number, title, url, decisions.get(proposal.item_id, "")))
    return paths


def paths_by_state(paths: list[ProposalPath]) -> list[tuple[str, list[ProposalPath]]]:
    """(state label, paths) in the order of the states, leaving out states without proposals."""
    return [
        (label, group)
        for value, label in State.choices
        if (group := [path for path in paths if path.proposal.state == value])
    ]


# The meeting's intake, for the secretariat's edit page of the meeting


@dataclass(frozen=True)
class MeetingIntake:
    """What has come in for a meeting: its deadline, and the proposals aimed at it (the wished meeting,
    or "first possible" when that is this meeting) by where they are; `missing` are drafts and returned
    proposals not yet submitted, and planned items (agendas.PlannedItem) no proposal answers (same case
    number, or same title when it has none)."""

    deadline: MeetingDeadline
    submitted: list[Proposal]
    approved: list[Proposal]
    placed: list[Proposal]
    drafts: list[Proposal]
    planned: list  # agendas.PlannedItem without a proposal
    late: list[Proposal]

    @property
    def missing_count(self) -> int:
        return len(self.drafts) + len(self.planned)


def meeting_intake(meeting: Meeting, now: datetime.datetime | None = None) -> MeetingIntake:
    """The meeting's intake in a constant number of queries, whatever the number of proposals."""
    deadline = deadline_for(meeting)
    aimed = Q(wished_meeting=meeting) | Q(placed_meeting=meeting)
    if first_possible_meeting(meeting.council, now) == meeting:
        aimed |= Q(wished_meeting__isnull=True, placed_meeting__isnull=True)
    proposals = list(
        Proposal.objects.filter(aimed, council=meeting.council_id)
        .select_related("handler")
        .order_by("submitted_at", "pk")
    )

    def in_state(*states):
        return [p for p in proposals if p.state in states]

    answered = {p.case_number for p in proposals if p.case_number} | {p.title.casefold() for p in proposals}
    planned = [
        planned
        for planned in PlannedItem.objects.filter(council=meeting.council_id, meeting_date=meeting.date)
        if (planned.case_number or planned.title.casefold()) not in answered
    ]
    return MeetingIntake(
        deadline=deadline,
        submitted=in_state(State.SUBMITTED),
        approved=in_state(State.APPROVED),
        placed=in_state(State.PLACED, State.DECIDED),
        drafts=in_state(State.DRAFT, State.RETURNED),
        planned=planned,
        late=[p for p in proposals if p.is_late and p.state in (State.SUBMITTED, State.APPROVED)],
    )
