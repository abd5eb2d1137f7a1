""" "Mine punkter" and the council's overview read every proposal's path in a constant number of
queries: 10 proposals or 100, on meetings published and not, with decisions in published minutes."""

import datetime

import pytest

from kkr.access import visible_proposals
from minutes import services as minutes_services
from minutes.models import Minutes
from proposals import services
from proposals.models import Proposal
from tests.factories import make_meeting, make_proposal, make_section, publish


def proposals_on_their_way(intake, count):
    """`count` proposals: a third drafts, a third placed on a published meeting with a decision in its
    published minutes, a third placed on a meeting not yet published."""
    decided_meeting = make_meeting(council=intake.council, date=datetime.date(2021, 3, 26))
    decided_section = make_section(meeting=decided_meeting)
    draft_section = intake.meeting.sections.get(position=2)
    placed = []
    for n in range(count):
        proposal = make_proposal(intake.handler, title=f"Forslag {n}")
        if n % 3 == 0:
            continue
        proposal = services.approve(services.submit(proposal, by=intake.handler), by=intake.reviewer)
        target = (decided_meeting, decided_section) if n % 3 == 1 else (intake.meeting, draft_section)
        placed.append(services.place(proposal, by=intake.secretary, meeting=target[0], section=target[1]))
    publish(decided_meeting)
    minutes = minutes_services.minutes_for(decided_meeting)
    for proposal in placed:
        if proposal.placed_meeting == decided_meeting:
            minutes_services.save_decision(minutes, proposal.item, f"Godkendt: {proposal.title}.")
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    minutes.refresh_from_db()
    minutes_services.publish_minutes(minutes, render=False)


@pytest.mark.parametrize("count", [10, 100])
def test_mine_and_the_councils_paths_in_constant_queries(intake, count, django_assert_max_num_queries):
    proposals_on_their_way(intake, count)
    with django_assert_max_num_queries(3):
        mine = services.my_proposals(intake.handler)
    with django_assert_max_num_queries(3):
        council = services.council_proposals(intake.council)
    with django_assert_max_num_queries(3):
        visible = services.proposal_paths(visible_proposals(intake.secretary))
    assert len(mine) == len(council) == len(visible) == count
    decided = [p for p in mine if p.proposal.state == Proposal.State.DECIDED]
    assert len(decided) == len(range(1, count, 3))
    assert all(p.decision == f"Godkendt: {p.proposal.title}." and p.published_number for p in decided)
    waiting = [p for p in mine if p.proposal.state == Proposal.State.PLACED]
    assert all(p.meeting == intake.meeting and not p.published_number and not p.decision for p in waiting)
