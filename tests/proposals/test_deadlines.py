"""Submission deadlines: working days before the meeting at noon, Danish time; late proposals are marked
and need the secretariat's acceptance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from proposals import services
from proposals.models import MeetingDeadline, Proposal
from tests.factories import make_meeting, make_proposal
from tests.proposals.conftest import APR_23, DEADLINE, at

State = Proposal.State


@pytest.mark.parametrize(
    ("meeting_date", "working_days", "deadline"),
    [
        (APR_23, 10, at(2021, 4, 9, 12, 0)),  # Friday to Friday two weeks before
        (datetime.date(2021, 4, 26), 1, at(2021, 4, 23, 12, 0)),  # Monday: the Friday before
        (datetime.date(2021, 4, 26), 6, at(2021, 4, 16, 12, 0)),  # over a weekend
        (datetime.date(2021, 4, 25), 1, at(2021, 4, 23, 12, 0)),  # a Sunday meeting
        (datetime.date(2021, 4, 26), 0, at(2021, 4, 26, 12, 0)),  # the day itself
        (datetime.date(2021, 1, 15), 10, at(2021, 1, 1, 12, 0)),  # winter time: 11:00 UTC
    ],
)
def test_deadline_is_working_days_before_at_noon(meeting_date, working_days, deadline):
    computed = services.compute_deadline(meeting_date, working_days)
    assert computed == deadline
    assert computed.utcoffset() == deadline.utcoffset()


def test_deadline_for_is_made_from_the_council_settings_once(intake, django_assert_num_queries):
    deadline = services.deadline_for(intake.meeting)
    assert (deadline.deadline, deadline.warning_days, deadline.is_custom) == (DEADLINE, 3, False)
    assert MeetingDeadline.objects.count() == 1
    with django_assert_num_queries(0):
        services.deadline_for(intake.meeting)


def test_the_secretariat_moves_a_meetings_deadline_and_settings_leave_it(intake):
    with pytest.raises(PermissionDenied):
        services.set_deadline(intake.meeting, by=intake.handler, deadline=at(2021, 4, 16, 12, 0))
    with pytest.raises(ValidationError, match="før mødet"):
        services.set_deadline(intake.meeting, by=intake.secretary, deadline=at(2021, 4, 24, 12, 0))
    services.set_deadline(
        intake.meeting, by=intake.secretary, deadline=at(2021, 4, 16, 12, 0), warning_days=5
    )
    other = make_meeting(council=intake.council, date=datetime.date(2021, 6, 18))
    services.deadline_for(other)
    services.update_settings(intake.council, by=intake.secretary, deadline_working_days=5)
    assert MeetingDeadline.objects.get(meeting=intake.meeting).deadline == at(2021, 4, 16, 12, 0)
    assert MeetingDeadline.objects.get(meeting=other).deadline == at(2021, 6, 11, 12, 0)
    with pytest.raises(PermissionDenied):
        services.update_settings(intake.council, by=intake.reviewer, review_steps=2)


def test_first_possible_meeting_is_the_first_whose_deadline_has_not_passed(intake, clock):
    june = make_meeting(council=intake.council, date=datetime.date(2021, 6, 18))
    assert services.first_possible_meeting(intake.council) == intake.meeting
    clock.move_to(at(2021, 4, 9, 12, 0), tick=False)  # the deadline itself still counts
    assert services.first_possible_meeting(intake.council) == intake.meeting
    clock.move_to(at(2021, 4, 9, 12, 1), tick=False)
    assert services.first_possible_meeting(intake.council) == june


def test_submitting_before_the_deadline_is_on_time(intake, clock):
    clock.move_to(at(2021, 4, 9, 11, 59), tick=False)
    proposal = services.submit(
        make_proposal(intake.handler, wished_meeting=intake.meeting), by=intake.handler
    )
    assert not proposal.is_late


def test_a_late_proposal_needs_the_secretariats_acceptance_before_it_is_placed(intake, clock):
    clock.move_to(at(2021, 4, 9, 12, 1), tick=False)
    proposal = services.submit(
        make_proposal(intake.handler, wished_meeting=intake.meeting), by=intake.handler
    )
    assert proposal.is_late and proposal.needs_late_acceptance
    proposal = services.approve(proposal, by=intake.reviewer)
    section = intake.meeting.sections.last()
    with pytest.raises(ValidationError, match="efter fristen"):
        services.place(proposal, by=intake.secretary, meeting=intake.meeting, section=section)
    with pytest.raises(PermissionDenied):
        services.accept_late(proposal, by=intake.reviewer)
    proposal = services.accept_late(proposal, by=intake.secretary)
    assert proposal.late_accepted_by == intake.secretary and not proposal.needs_late_acceptance
    proposal = services.place(proposal, by=intake.secretary, meeting=intake.meeting, section=section)
    assert proposal.state == State.PLACED


def test_first_possible_is_never_late(intake, clock):
    clock.move_to(at(2021, 4, 20, 9, 0), tick=False)
    proposal = services.submit(make_proposal(intake.handler), by=intake.handler)
    assert not proposal.is_late


def test_a_held_meeting_cannot_be_wished_for_on_submit(intake, clock):
    clock.move_to(at(2021, 4, 24, 9, 0), tick=False)
    with pytest.raises(ValidationError, match="afholdt"):
        services.submit(make_proposal(intake.handler, wished_meeting=intake.meeting), by=intake.handler)
