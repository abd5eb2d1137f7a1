"""Who sees a proposal: its handler, the council's reviewers and secretariat; nobody else learns that it
exists (404), members and the public included."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kkr.access import proposal_access, visible_proposals
from proposals import services
from tests.factories import make_proposal, make_user


def test_handler_reviewers_and_secretariat_see_a_proposal_and_nobody_else(intake):
    proposal = make_proposal(intake.handler)
    for user in (
        intake.handler,
        intake.reviewer,
        intake.reviewer2,
        intake.secretary,
        make_user(is_superuser=True),
    ):
        assert proposal_access(user, proposal.pk).proposal == proposal
        assert proposal in visible_proposals(user)
    for user in (AnonymousUser(), *intake.outsiders()):
        with pytest.raises(Http404):
            proposal_access(user, proposal.pk)
        assert proposal not in visible_proposals(user)


def test_what_each_may_do(intake):
    proposal = make_proposal(intake.handler)
    handler = proposal_access(intake.handler, proposal.pk)
    assert (handler.may_edit, handler.may_submit, handler.may_review) == (True, True, False)
    proposal = services.submit(proposal, by=intake.handler)
    reviewer = proposal_access(intake.reviewer, proposal.pk)
    assert (reviewer.may_edit, reviewer.may_review, reviewer.may_place) == (False, True, False)
    assert not proposal_access(intake.reviewer2, proposal.pk).may_review
    proposal = services.approve(proposal, by=intake.reviewer)
    secretary = proposal_access(intake.secretary, proposal.pk)
    assert (secretary.may_edit, secretary.may_place, secretary.may_accept_late) == (True, True, False)


def test_the_detail_page_is_404_for_others(intake, client):
    proposal = make_proposal(intake.handler, title="Hemmeligt forslag")
    url = proposal.get_absolute_url()
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(intake.member)
    assert client.get(url).status_code == 404
    client.force_login(intake.handler)
    assert "Hemmeligt forslag" in client.get(url).content.decode()
