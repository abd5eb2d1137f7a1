"""Who may see what: the one place that answers it for every view, feed, API and document.

A view asks for the council or meeting through one of the functions below and gets it back with what
the viewer may do there (a CouncilAccess or MeetingAccess), or a 404 (no such thing, or a draft the
viewer may not know of) or a 403 (it is the secretariat's)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, OuterRef, Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from agendas.models import Meeting
from kkr.models import Audience, Council, Membership
from minutes.models import Minutes
from proposals.models import CouncilRole, Proposal


class _Roles:
    """What follows from the viewer's two roles in a council."""

    is_secretary: bool  # in the council's secretariat, or a superuser
    is_member: bool  # a current member or substitute (substitutes read everything too)

    @property
    def sees_closed(self) -> bool:
        """Closed items, their texts, attachments and decisions are for the members and secretariat."""
        return self.is_secretary or self.is_member

    @property
    def audience(self) -> Audience:
        return Audience.MEMBERS if self.sees_closed else Audience.PUBLIC


@dataclass(frozen=True)
class CouncilAccess(_Roles):
    """A council, and what the viewer may do there."""

    council: Council
    is_secretary: bool = False
    is_member: bool = False


@dataclass(frozen=True)
class MeetingAccess(_Roles):
    """A meeting the viewer may see, and what they may do there."""

    meeting: Meeting
    is_secretary: bool = False
    is_member: bool = False

    @property
    def council(self) -> Council:
        return self.meeting.council


def _role_expressions(user):
    """Whether the user is in the secretariat, and whether a member, of the council of the outer query."""
    if user.is_superuser:
        secretary = Value(True, output_field=BooleanField())
    else:
        secretary = Exists(Council.secretariat.through.objects.filter(council=OuterRef("pk"), user=user.pk))
    member = Exists(Membership.objects.current().filter(council=OuterRef("pk"), person__user=user.pk))
    return secretary, member


_NO_ROLES = (False, False)


def _roles(user, councils) -> dict[int, tuple[bool, bool]]:
    """{council pk: (is_secretary, is_member)} of the user in these councils, in one query; empty for
    the public."""
    if not user.is_authenticated:
        return {}
    rows = Council.objects.filter(pk__in=[c.pk for c in councils]).values_list("pk", *_role_expressions(user))
    return {pk: (is_secretary, is_member) for pk, is_secretary, is_member in rows}


def council_access(user, council_slug) -> CouncilAccess:
    """The council (404 if there is none), with the viewer's roles in it."""
    council = get_object_or_404(Council, slug=council_slug)
    return CouncilAccess(council, *_roles(user, [council]).get(council.pk, _NO_ROLES))


def council_accesses(user, councils=None) -> list[CouncilAccess]:
    """Each of these councils (all by default) with the viewer's roles in it, in two queries."""
    councils = list(Council.objects.all() if councils is None else councils)
    roles = _roles(user, councils)
    return [CouncilAccess(c, *roles.get(c.pk, _NO_ROLES)) for c in councils]


def secretary_council_access(user, council_slug) -> CouncilAccess:
    """The council for its secretariat's pages: 403 to everyone else."""
    access = council_access(user, council_slug)
    if not access.is_secretary:
        raise PermissionDenied
    return access


def meeting_access(user, council_slug, date) -> MeetingAccess:
    """The meeting if the viewer may see it: a published one for everyone, a draft for its council's
    secretariat only (404 to everyone else, who may not learn that it exists)."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("council"), council__slug=council_slug, date=date
    )
    is_secretary, is_member = _roles(user, [meeting.council]).get(meeting.council_id, _NO_ROLES)
    if not is_secretary and not meeting.is_published:
        raise Http404
    return MeetingAccess(meeting, is_secretary, is_member)


def secretary_meeting_access(user, council_slug, date) -> MeetingAccess:
    """The meeting for its secretariat's pages (drafts included): 403 to anyone outside the council's
    secretariat, before it is known whether the meeting exists."""
    access = secretary_council_access(user, council_slug)
    meeting = get_object_or_404(access.council.meetings, date=date)
    meeting.council = access.council  # known already: no query for it
    return MeetingAccess(meeting, access.is_secretary, access.is_member)


def member_meeting_access(user, council_slug, date) -> MeetingAccess:
    """The meeting for the members' own pages (personal notes): 403 to whoever may not see closed
    content, 404 unless the agenda is published (notes are on the published items)."""
    access = meeting_access(user, council_slug, date)
    if not access.sees_closed:
        raise PermissionDenied
    if not access.meeting.is_published:
        raise Http404
    return access


def visible_meetings(access: CouncilAccess):
    """The council's published meetings for everyone; drafts too for its secretariat."""
    meetings = access.council.meetings.all()
    if not access.is_secretary:
        meetings = meetings.published()
    return meetings


def visible_meetings_of(accesses: list[CouncilAccess]):
    """The meetings of these councils the viewer may see, in one query: visible_meetings of each."""
    secretariats = [access.council.pk for access in accesses if access.is_secretary]
    meetings = Meeting.objects.filter(council__in=[access.council.pk for access in accesses])
    return meetings.filter(Q(published_version__isnull=False) | Q(council__in=secretariats))


def trusted_council_ids(user) -> list[int]:
    """The councils whose closed content the user may see and search (none for the public)."""
    if not user.is_authenticated:
        return []
    secretary, member = _role_expressions(user)
    councils = Council.objects.filter(Q(secretary) | Q(member))
    return list(councils.values_list("pk", flat=True))


def may_read_minutes(access: MeetingAccess, minutes: Minutes | None) -> bool:
    """Published minutes are for everyone; sent and approved ones for the members; drafts for the
    secretariat."""
    if minutes is None:
        return False
    if minutes.status == Minutes.Status.PUBLISHED or access.is_secretary:
        return True
    return access.sees_closed and minutes.status in (Minutes.Status.SENT, Minutes.Status.APPROVED)


# Item proposals (proposals app): the handler sees their own; the council's reviewers and secretariat see
# the council's. Nobody else learns that a proposal exists (404), members and the public included: a
# proposal is internal until it is placed on an agenda, and its closed texts are for these three only.


@dataclass(frozen=True)
class ProposalAccess:
    """A proposal, and what the viewer may do with it (each property answers one button of its page)."""

    proposal: Proposal
    is_handler: bool = False  # the proposal's own case handler
    reviewer_steps: frozenset[int] = frozenset()  # the review steps the viewer approves in its council
    is_secretary: bool = False  # in the council's secretariat, or a superuser

    @property
    def may_see(self) -> bool:
        return self.is_handler or bool(self.reviewer_steps) or self.is_secretary

    @property
    def is_reviewer(self) -> bool:
        return bool(self.reviewer_steps)

    @property
    def may_edit(self) -> bool:
        """The handler while a draft or returned; the secretariat once approved, before it is placed."""
        state = self.proposal.state
        return (self.is_handler and state in _HANDLER_STATES) or (
            self.is_secretary and state == Proposal.State.APPROVED
        )

    @property
    def may_submit(self) -> bool:
        return self.is_handler and self.proposal.state in _HANDLER_STATES

    @property
    def may_review(self) -> bool:
        """Approve or return: a reviewer of the step the proposal waits for, never on their own."""
        proposal = self.proposal
        return (
            proposal.state == Proposal.State.SUBMITTED
            and proposal.review_step in self.reviewer_steps
            and not self.is_handler
        )

    @property
    def may_accept_late(self) -> bool:
        return (
            self.is_secretary
            and self.proposal.needs_late_acceptance
            and self.proposal.state in (Proposal.State.SUBMITTED, Proposal.State.APPROVED)
        )

    @property
    def may_place(self) -> bool:
        proposal = self.proposal
        return (
            self.is_secretary
            and proposal.state == Proposal.State.APPROVED
            and not proposal.needs_late_acceptance
        )

    @property
    def may_comment(self) -> bool:
        return self.may_see


_HANDLER_STATES = (Proposal.State.DRAFT, Proposal.State.RETURNED)


def proposal_roles(user, proposal: Proposal) -> ProposalAccess:
    """What the user may do with the proposal (everything False for whoever may not see it), in at most
    two queries."""
    if not user.is_authenticated:
        return ProposalAccess(proposal)
    is_secretary = user.is_superuser or proposal.council.secretariat.filter(pk=user.pk).exists()
    steps = CouncilRole.objects.filter(
        council=proposal.council_id, user=user.pk, role=CouncilRole.Role.REVIEWER
    ).values_list("step", flat=True)
    return ProposalAccess(proposal, proposal.handler_id == user.pk, frozenset(steps), is_secretary)


def proposal_access(user, pk) -> ProposalAccess:
    """The proposal with what the viewer may do there; 404 for anyone who may not see it (no such
    proposal, or someone else's)."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("council", "handler", "wished_meeting"), pk=pk
    )
    access = proposal_roles(user, proposal)
    if not access.may_see:
        raise Http404
    return access


def visible_proposals(user):
    """The proposals the user may see, for the lists: their own, and their councils' where they review
    or are the secretariat (all for a superuser, none for the public)."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    if user.is_superuser:
        return Proposal.objects.all()
    secretariats = Council.secretariat.through.objects.filter(user=user.pk).values("council")
    reviewing = CouncilRole.objects.filter(user=user.pk, role=CouncilRole.Role.REVIEWER).values("council")
    return Proposal.objects.filter(
        Q(handler=user.pk) | Q(council__in=secretariats) | Q(council__in=reviewing)
    )
