"""Demo item proposals for KKR Nordjylland's meeting of 23 April 2021: the handler's roles, and a
proposal in each state before the agenda. Created through proposals.services; the submitted and approved
ones are then dated back to April 2021, before the deadline, as if they had been handed in then (the
services take the time from the clock, and the demo's meeting lies in the past)."""

import zoneinfo

from agendas.models import Meeting
from kkr.demo import meetings as demo
from proposals import services
from proposals.models import CouncilRole, IntakeSettings, Proposal

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def load_proposals(council, handler, reviewer) -> None:
    IntakeSettings.objects.get_or_create(council=council, defaults={"review_steps": demo.REVIEW_STEPS})
    CouncilRole.objects.get_or_create(
        council=council,
        user=handler,
        role=CouncilRole.Role.HANDLER,
        step=1,
        defaults={"initials": demo.HANDLER_USER["initials"]},
    )
    CouncilRole.objects.get_or_create(council=council, user=reviewer, role=CouncilRole.Role.REVIEWER, step=1)
    if Proposal.objects.filter(council=council, handler=handler).exists():
        return
    meeting = Meeting.objects.get(council=council, date="2021-04-23")
    services.deadline_for(meeting)
    for title, state, submitted in demo.PROPOSALS:
        proposal = services.create_proposal(
            council,
            handler,
            title=title,
            case_number=demo.CASE_NUMBER,
            wished_meeting=meeting,
            background=f"<p>DEMO: punktforslaget »{title}« er opfundet til demoen.</p>",
            recommendation=demo.NOTED,
        )
        if state != Proposal.State.DRAFT:
            Proposal.objects.filter(pk=proposal.pk).update(
                state=state,
                review_step=1 if state == Proposal.State.SUBMITTED else 0,
                submitted_at=submitted.replace(tzinfo=CPH),
            )
