"""The demo has a case handler and a reviewer for KKR Nordjylland, and proposals for 23 April 2021."""

import pytest
from django.core.management import call_command

from kkr.access import proposal_access
from proposals.models import CouncilRole, IntakeSettings, Proposal

pytestmark = pytest.mark.django_db


def test_demo_handler_reviewer_and_proposals(client, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "brugernavn: sagsbehandler" in out and "adgangskode: demo-godkender" in out
    handler = CouncilRole.objects.get(user__username="sagsbehandler")
    reviewer = CouncilRole.objects.get(user__username="godkender")
    assert (handler.role, handler.initials, handler.council.slug) == ("handler", "hast", "kkr-nordjylland")
    assert (reviewer.role, reviewer.step) == ("reviewer", 1)
    assert IntakeSettings.objects.get(council=handler.council).review_steps == 1
    proposals = Proposal.objects.order_by("pk")
    assert [p.state for p in proposals] == ["draft", "submitted", "approved"]
    assert {p.wished_meeting.date.isoformat() for p in proposals} == {"2021-04-23"}
    assert not any(p.is_late for p in proposals)
    submitted = proposals[1]
    assert proposal_access(reviewer.user, submitted.pk).may_review
    assert client.login(username="sagsbehandler", password="demo-sagsbehandler")
    assert client.get(submitted.get_absolute_url()).status_code == 200
