"""A proposal's internal comments never reach anyone beyond its handler, reviewers and secretariat, and a
closed proposal's texts reach members only, once it is on a published agenda: not the public's meeting
page, search, the API or the PDFs' sources, and the comments not even the members'."""

import pytest
from django.core import mail

from agendas.services import publish_agenda
from kkr.lib.simplepdf import text_pdf
from proposals import services
from tests.factories import make_proposal

COMMENT = "INTERNKOMMENTAR-XQZ"
REVIEW = "GODKENDERNOTE-XQZ"
CLOSED_TEXT = "LUKKETTEKST-XQZ"
TITLE = "Lukket forslag om vandløb"


@pytest.fixture
def published_closed_proposal(intake, outbox):
    proposal = make_proposal(
        intake.handler,
        title=TITLE,
        is_closed=True,
        background=f"<p>{CLOSED_TEXT} i baggrunden.</p>",
        wished_meeting=intake.meeting,
    )
    services.add_attachment(proposal, "Bilag om vandløb", text_pdf("Bilag", [CLOSED_TEXT]), by=intake.handler)
    services.add_comment(proposal, f"{COMMENT} fra sagsbehandleren", by=intake.handler)
    proposal = services.submit(proposal, by=intake.handler)
    outbox(services.return_proposal, proposal, f"{COMMENT} ved returnering", by=intake.reviewer)
    proposal = services.submit(outbox.result, by=intake.handler)
    outbox(services.approve, proposal, by=intake.reviewer, comment=f"{REVIEW} ved godkendelse")
    services.add_comment(outbox.result, f"{COMMENT} fra sekretariatet", by=intake.secretary)
    proposal = services.place(
        outbox.result,
        by=intake.secretary,
        meeting=intake.meeting,
        section=intake.meeting.sections.get(position=2),
    )
    outbox(publish_agenda, intake.meeting, by=intake.secretary, notify=True, render=False)
    return proposal


def pages(client, meeting):
    base = meeting.get_absolute_url()
    api = f"/api/v1/moeder/{meeting.council.slug}/{meeting.date.isoformat()}/"
    return {
        url: client.get(url).content.decode()
        for url in (
            base,
            api,
            "/soeg/?q=baggrunden",
            "/soeg/?q=returnering",
            "/soeg/?q=vandløb",
            "/dagsordener.atom",
        )
    }


def found_by_secret(client, secret):
    """Whether a search for the secret finds the item (the page repeats the query itself)."""
    return TITLE in client.get(f"/soeg/?q={secret}").content.decode()


def test_closed_texts_and_comments_stay_out_of_public_and_member_outputs(
    intake, client, published_closed_proposal
):
    public = pages(client, intake.meeting)
    for url, text in public.items():
        assert CLOSED_TEXT not in text, url
        assert COMMENT not in text and REVIEW not in text, url
    assert TITLE in public[intake.meeting.get_absolute_url()]  # number and title, "Lukket punkt"
    assert "Lukket forslag om" in public["/soeg/?q=vandløb"]  # found by its title
    assert not found_by_secret(client, CLOSED_TEXT) and not found_by_secret(client, COMMENT)

    client.force_login(intake.member)
    members = pages(client, intake.meeting)
    assert CLOSED_TEXT in members[intake.meeting.get_absolute_url()]  # the members read the closed item
    for url, text in members.items():
        assert COMMENT not in text and REVIEW not in text, url
    assert found_by_secret(client, CLOSED_TEXT)  # members search the closed texts, never the comments
    assert not found_by_secret(client, COMMENT) and not found_by_secret(client, REVIEW)

    # The mails: the comments went to the handler only; the members' notice of the agenda holds none.
    for message in mail.outbox:
        if COMMENT in message.body or REVIEW in message.body:
            assert message.to == ["hast@example.org"], message.subject
        assert CLOSED_TEXT not in message.body, message.subject
    assert any(message.bcc == ["medlem@example.org"] for message in mail.outbox)


def test_the_secretariats_edit_page_shows_no_comments(intake, client, published_closed_proposal):
    client.force_login(intake.secretary)
    url = intake.meeting.get_absolute_url() + "rediger/"
    page = client.get(url).content.decode()
    assert TITLE in page and COMMENT not in page
