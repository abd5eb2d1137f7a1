"""The pages of item proposals: "Mine punkter", a new proposal and a proposal's page, each read and
changed as htmx sends it and as a plain form without JavaScript, and every change tried by someone who
must not make it (refused, nothing saved, no 500)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kkr.lib.simplepdf import text_pdf
from kkr.models import AuditEntry
from proposals import services
from proposals.models import CouncilRole, Proposal, ProposalAttachment, ProposalComment
from tests.factories import (
    make_council,
    make_handler,
    make_meeting,
    make_proposal,
    make_secretary,
    make_section,
    make_user,
)
from tests.proposals.conftest import at
from tests.proposals.test_mine import proposals_on_their_way

State = Proposal.State
HTMX = {"HX-Request": "true"}
both = pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])


def post(client, url, data=None, htmx=False, **kwargs):
    return client.post(url, data or {}, headers=HTMX if htmx else {}, **kwargs)


def url(proposal, action=""):
    return f"/punktforslag/{proposal.pk}/{action + '/' if action else ''}"


def text(response):
    return response.content.decode()


def pdf_upload(name="budget.pdf", data=None):
    return SimpleUploadedFile(name, data or text_pdf("Bilag", ["Budget 2021."]), "application/pdf")


def fresh(proposal):
    return Proposal.objects.get(pk=proposal.pk)


def assert_done(response, htmx, proposal, message):
    """A change that went through: htmx gets the proposal's part with the message, a form post a
    redirect to the page, which then shows the message."""
    if htmx:
        assert response.status_code == 200
        assert 'id="punktforslag"' in text(response) and "<html" not in text(response)
        assert message in text(response)
    else:
        assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()


# "Mine punkter"


@both
def test_mine_lists_the_handlers_proposals_by_state_with_meeting_deadline_and_late_mark(
    intake, clock, client, htmx
):
    make_proposal(intake.handler, title="Kladden", wished_meeting=intake.meeting)
    late = make_proposal(intake.handler, title="Den sene", wished_meeting=intake.meeting)
    make_proposal(intake.other_handler, title="En andens forslag")
    clock.move_to(at(2021, 4, 12, 9, 0))  # after the deadline of 9 April
    services.submit(late, by=intake.handler)
    client.force_login(intake.handler)

    page = text(client.get("/punktforslag/", headers=HTMX if htmx else {}))

    assert "Kladden" in page and "Den sene" in page
    assert "En andens forslag" not in page
    order = ["Kladde (1)", "Kladden", "Indsendt (1)", "Den sene"]
    assert [page.index(words) for words in order] == sorted(page.index(words) for words in order)
    assert "23. april 2021" in page and "frist 9. april 2021 kl. 12.00" in page
    late_row = page[page.index("Den sene") :]
    assert "For sent" in late_row[: late_row.index("</li>")]
    assert ("<html" in page) is not htmx


def test_mine_follows_placed_and_decided_proposals_to_the_published_item_and_decision(intake, client):
    proposals_on_their_way(intake, 3)  # a draft, one decided in published minutes, one placed
    client.force_login(intake.handler)
    page = text(client.get("/punktforslag/"))
    assert "Behandlet (1)" in page and "På dagsorden (1)" in page
    assert "Beslutning" in page and "Godkendt: Forslag 1." in page
    assert f'href="/{intake.council.slug}/2021-03-26/#punkt-1-1">punkt 1.1. Forslag 1</a>' in page
    assert "Dagsordenen er endnu ikke offentliggjort." in page  # 23 April's agenda is a draft

    client.force_login(intake.secretary)
    page = text(client.get("/punktforslag/"))
    assert "Rådets punktforslag" in page and "Behandlet: beslutninger at følge op på (1)" in page
    assert "Godkendt: Forslag 1." in page


def test_mine_shows_reviewers_what_waits_for_their_step(intake, client):
    waiting = services.submit(make_proposal(intake.handler, title="Til trin 1"), by=intake.handler)
    make_proposal(intake.handler, title="Stadig kladde")
    client.force_login(intake.reviewer)
    page = text(client.get("/punktforslag/"))
    assert "Venter på din godkendelse" in page and "Til trin 1" in page
    assert "Stadig kladde" not in page
    client.force_login(intake.reviewer2)
    page = text(client.get("/punktforslag/"))
    assert "Intet venter på din godkendelse." in page and waiting.title not in page


def test_mine_says_so_when_empty(intake, client):
    client.force_login(intake.handler)
    assert "Du har ingen punktforslag endnu." in text(client.get("/punktforslag/"))
    client.force_login(make_user())
    page = text(client.get("/punktforslag/"))
    assert "Du har ingen rolle i et råds punktforslag." in page


def test_a_user_in_two_councils_filters_by_council(intake, client):
    other = make_council(name="KKR Midtjylland")
    make_meeting(council=other, date=datetime.date(2021, 4, 30))
    CouncilRole.objects.create(council=other, user=intake.handler, role="handler", initials="hast")
    make_proposal(intake.handler, council=intake.council, title="Nordjysk forslag")
    make_proposal(intake.handler, council=other, title="Midtjysk forslag")
    client.force_login(intake.handler)
    page = text(client.get("/punktforslag/"))
    assert "Nordjysk forslag" in page and "Midtjysk forslag" in page and 'name="raad"' in page
    page = text(client.get(f"/punktforslag/?raad={other.slug}", headers=HTMX))
    assert "Midtjysk forslag" in page and "Nordjysk forslag" not in page


def test_the_header_links_to_mine_for_users_with_a_role_only(intake, client):
    for user, shown in [(intake.handler, True), (intake.reviewer, True), (intake.secretary, True)]:
        client.force_login(user)
        assert ('href="/punktforslag/"' in text(client.get("/"))) is shown
    client.force_login(intake.member)
    assert 'href="/punktforslag/"' not in text(client.get("/"))


@pytest.mark.parametrize("count", [10, 100])
def test_mine_page_reads_in_constant_queries(intake, client, count, django_assert_max_num_queries):
    proposals_on_their_way(intake, count)
    for user in (intake.handler, intake.secretary):
        client.force_login(user)
        with django_assert_max_num_queries(11) as queries:
            response = client.get("/punktforslag/")
        assert response.status_code == 200
        print(f"Mine punkter, {count} proposals, as {user.username}: {len(queries)} queries")
    assert text(response).count('class="proposal-row"') == count


# A new proposal


@both
def test_a_handler_creates_a_draft(intake, client, htmx):
    client.force_login(intake.handler)
    form = client.get(f"/punktforslag/nyt/{intake.council.slug}/")
    assert "Første mulige møde" in text(form) and "Fredag 23. april 2021" in text(form)
    response = post(
        client,
        f"/punktforslag/nyt/{intake.council.slug}/",
        {
            "title": "Masterplan for Limfjorden",
            "case_number": "SAG-2021-00512",
            "wished_meeting": intake.meeting.pk,
            "recommendation": "<p>Det indstilles, at KKR godkender planen.</p>",
        },
        htmx,
    )
    proposal = Proposal.objects.get(title="Masterplan for Limfjorden")
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert (proposal.handler, proposal.state, proposal.case_handler) == (intake.handler, State.DRAFT, "hast")
    assert "Punktforslaget er oprettet som kladde." in text(client.get(proposal.get_absolute_url()))


def test_a_bad_new_proposal_is_refused_in_danish(intake, client):
    client.force_login(intake.handler)
    response = client.post(
        f"/punktforslag/nyt/{intake.council.slug}/", {"title": "", "case_number": "2021-512"}
    )
    assert response.status_code == 422
    assert "Dette felt er påkrævet." in text(response) and "SAG-ÅÅÅÅ-NNNNN" in text(response)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "secretary", "member", "other_secretary"])
def test_only_the_councils_handlers_may_create(intake, client, who):
    client.force_login(getattr(intake, who))
    url = f"/punktforslag/nyt/{intake.council.slug}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Forslag"}).status_code == 403
    assert not Proposal.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(intake, client):
    proposal = make_proposal(intake.handler)
    for address in ["/punktforslag/", f"/punktforslag/nyt/{intake.council.slug}/", url(proposal)]:
        response = client.get(address)
        assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
    response = client.post(url(proposal, "indsend"))
    assert response.status_code == 302 and fresh(proposal).state == State.DRAFT


# A proposal's page


def test_the_page_shows_texts_attachments_comments_and_trail_to_who_may_see_it(intake, client):
    proposal = make_proposal(
        intake.handler, title="Lukket sag", is_closed=True, background="<p>HEMMELIG-BAGGRUND</p>"
    )
    services.add_attachment(proposal, "Notat", text_pdf("Notat", ["x"]), by=intake.handler)
    services.add_comment(proposal, "INTERN-NOTE fra sagsbehandleren", by=intake.handler)
    for user in (intake.handler, intake.reviewer, intake.reviewer2, intake.secretary):
        client.force_login(user)
        page = text(client.get(url(proposal)))
        assert "HEMMELIG-BAGGRUND" in page and "INTERN-NOTE" in page and "Notat" in page
        assert "Punktforslaget Lukket sag oprettet" in page and "Bilag Notat tilføjet" in page
        attachment = proposal.attachments.get()
        download = client.get(url(proposal, f"bilag/{attachment.pk}"))
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    for user in intake.outsiders():
        client.force_login(user)
        assert client.get(url(proposal)).status_code == 404
        assert client.get(url(proposal, f"bilag/{attachment.pk}")).status_code == 404


def test_the_handler_edits_the_draft_others_read_it(intake, client):
    proposal = make_proposal(intake.handler)
    client.force_login(intake.handler)
    assert "Gem punktforslaget" in text(client.get(url(proposal)))
    client.force_login(intake.reviewer)
    page = text(client.get(url(proposal)))
    assert "Gem punktforslaget" not in page and "Det indstilles, at KKR tager" in page


@both
def test_saving_with_optimistic_locking(intake, client, htmx):
    proposal = make_proposal(intake.handler, title="Første titel")
    client.force_login(intake.handler)
    data = {
        "title": "Anden titel",
        "case_number": "SAG-2021-00512",
        "recommendation": "<p>Det indstilles, at planen godkendes.</p>",
        "revision": proposal.revision,
    }
    response = post(client, url(proposal, "gem"), data, htmx)
    assert_done(response, htmx, proposal, "Punktforslaget er gemt.")
    assert fresh(proposal).title == "Anden titel" and fresh(proposal).revision == 2

    # A second save on the first revision: refused, mine kept in the form, the newer title saved.
    response = post(client, url(proposal, "gem"), data | {"title": "Min titel"}, htmx)
    assert response.status_code == 409
    assert "Punktforslaget er blevet gemt af en anden, mens du redigerede." in text(response)
    assert 'value="Min titel"' in text(response) and 'name="revision" value="2"' in text(response)
    assert fresh(proposal).title == "Anden titel"


@both
def test_a_bad_edit_is_refused_in_danish_and_nothing_saved(intake, client, htmx):
    proposal = make_proposal(intake.handler, title="Titlen")
    client.force_login(intake.handler)
    data = {"title": "", "case_number": "SAG-21", "revision": proposal.revision}
    response = post(client, url(proposal, "gem"), data, htmx)
    assert response.status_code == 422
    assert "Dette felt er påkrævet." in text(response)
    assert fresh(proposal).title == "Titlen" and fresh(proposal).revision == 1


@both
def test_attachments_are_uploaded_and_removed_after_confirming(intake, client, htmx):
    proposal = make_proposal(intake.handler)
    client.force_login(intake.handler)
    response = post(client, url(proposal, "bilag"), {"file": pdf_upload(), "title": ""}, htmx)
    assert_done(response, htmx, proposal, "Bilaget er tilføjet.")
    attachment = proposal.attachments.get()
    assert (attachment.title, attachment.page_count) == ("budget", 1)

    remove = url(proposal, f"bilag/{attachment.pk}/fjern")
    if not htmx:  # the confirmation step first, then the confirmed post
        question = post(client, remove)
        assert question.status_code == 200 and "Fjern bilaget budget fra punktforslaget?" in text(question)
        assert 'name="confirmed"' in text(question) and proposal.attachments.exists()
    response = post(client, remove, {"confirmed": "1"}, htmx)
    assert_done(response, htmx, proposal, "Bilaget er fjernet.")
    assert not proposal.attachments.exists()


@both
def test_a_file_that_is_no_pdf_is_refused_in_danish(intake, client, htmx):
    proposal = make_proposal(intake.handler)
    client.force_login(intake.handler)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = post(client, url(proposal, "bilag"), {"file": fake}, htmx)
    assert response.status_code == 422 and "PDF" in text(response)
    assert not ProposalAttachment.objects.exists()
    response = post(client, url(proposal, "bilag"), {}, htmx)
    assert response.status_code == 422 and "Vælg en PDF-fil." in text(response)


@both
def test_comments_are_written_and_an_empty_one_refused(intake, client, htmx):
    proposal = make_proposal(intake.handler)
    client.force_login(intake.reviewer)
    response = post(client, url(proposal, "kommentar"), {"text": "Husk budgettet."}, htmx)
    assert_done(response, htmx, proposal, "Kommentaren er skrevet.")
    assert proposal.comments.get().text == "Husk budgettet."
    response = post(client, url(proposal, "kommentar"), {"text": "  "}, htmx)
    assert response.status_code == 422 and "Skriv en kommentar." in text(response)
    assert proposal.comments.count() == 1


@both
def test_the_whole_way_through_the_pages(intake, client, htmx):
    proposal = make_proposal(intake.handler, title="Vejen", wished_meeting=intake.meeting)

    client.force_login(intake.handler)
    page = text(client.get(url(proposal)))
    assert "Indsend punktforslaget" in page and "Fredag 9. april 2021 kl. 12.00" in page
    assert_done(
        post(client, url(proposal, "indsend"), htmx=htmx), htmx, proposal, "Punktforslaget er indsendt."
    )
    assert fresh(proposal).state == State.SUBMITTED

    client.force_login(intake.reviewer)
    page = text(client.get(url(proposal)))
    assert "Godkend" in page and "Returnér til sagsbehandleren" in page
    response = post(client, url(proposal, "returner"), {"comment": ""}, htmx)
    assert response.status_code == 422 and "Skriv, hvorfor punktforslaget sendes retur." in text(response)
    if not htmx:
        question = post(client, url(proposal, "returner"), {"comment": "Mangler budget."})
        assert "Send punktforslaget retur til sagsbehandleren med din kommentar?" in text(question)
        assert fresh(proposal).state == State.SUBMITTED
    response = post(client, url(proposal, "returner"), {"comment": "Mangler budget.", "confirmed": "1"}, htmx)
    assert_done(response, htmx, proposal, "Punktforslaget er sendt retur til sagsbehandleren.")
    assert fresh(proposal).state == State.RETURNED

    client.force_login(intake.handler)
    page = text(client.get(url(proposal)))
    assert "Mangler budget." in page and "Indsend igen" in page
    post(client, url(proposal, "indsend"), htmx=htmx)

    client.force_login(intake.reviewer)
    response = post(client, url(proposal, "godkend"), {"comment": "Fint."}, htmx)
    assert_done(response, htmx, proposal, "Punktforslaget er godkendt.")
    assert fresh(proposal).state == State.APPROVED

    client.force_login(intake.secretary)
    page = text(client.get(url(proposal)))
    assert "Sæt på dagsordenen" in page and "Regionalpolitiske sager" in page
    section = intake.meeting.sections.get(position=2)
    if not htmx:
        question = post(client, url(proposal, "placer"), {"section": section.pk})
        assert "Sæt punktforslaget på dagsordenen til mødet 23-04-2021, 2. Regionalpolitiske sager?" in text(
            question
        )
        assert fresh(proposal).state == State.APPROVED
    response = post(client, url(proposal, "placer"), {"section": section.pk, "confirmed": "1"}, htmx)
    assert_done(response, htmx, proposal, "Punktforslaget er sat på dagsordenen som punkt 2.1.")
    placed = fresh(proposal)
    assert placed.state == State.PLACED and placed.item.section == section
    page = text(client.get(url(proposal)))
    assert "Punktforslaget sat på dagsordenen til mødet 23-04-2021" in page  # the trail
    assert "Sæt på dagsordenen" not in page and "Gem punktforslaget" not in page


@both
def test_a_late_proposal_is_marked_and_needs_accepting_before_placing(intake, clock, client, htmx):
    proposal = make_proposal(intake.handler, wished_meeting=intake.meeting)
    clock.move_to(at(2021, 4, 12, 9, 0))
    client.force_login(intake.handler)
    response = post(client, url(proposal, "indsend"), htmx=htmx)
    assert_done(response, htmx, proposal, "Punktforslaget er indsendt efter fristen.")
    services.approve(fresh(proposal), by=intake.reviewer)

    client.force_login(intake.secretary)
    page = text(client.get(url(proposal)))
    assert "For sent" in page and "Acceptér for sent indsendt" in page and "Sæt på dagsordenen" not in page
    section = intake.meeting.sections.get(position=2)
    response = post(client, url(proposal, "placer"), {"section": section.pk, "confirmed": "1"}, htmx)
    assert response.status_code == 422 and fresh(proposal).state == State.APPROVED
    response = post(client, url(proposal, "accepter-sent"), htmx=htmx)
    assert_done(response, htmx, proposal, "Det sent indsendte punktforslag er accepteret.")
    page = text(client.get(url(proposal)))
    assert "(accepteret af sekretariatet)" in page and "Sæt på dagsordenen" in page


# Refusals: every change as someone who must not make it


def _writes(intake, proposal, attachment):
    section = intake.meeting.sections.get(position=2)
    return {
        "gem": {"title": "Overtaget", "case_number": "SAG-2021-00512", "revision": proposal.revision},
        "bilag": {"file": pdf_upload()},
        f"bilag/{attachment.pk}/fjern": {"confirmed": "1"},
        "kommentar": {"text": "Udefra"},
        "indsend": {},
        "returner": {"comment": "Nej", "confirmed": "1"},
        "godkend": {},
        "accepter-sent": {},
        "placer": {"section": section.pk, "confirmed": "1"},
    }


def _state_of(proposal):
    return (
        Proposal.objects.filter(pk=proposal.pk).values().get(),
        list(ProposalAttachment.objects.values()),
        list(ProposalComment.objects.values()),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("who", ["member", "other_handler", "other_secretary", "stranger"])
def test_outsiders_neither_see_nor_change_a_proposal(intake, client, who):
    proposal = make_proposal(intake.handler)
    attachment = services.add_attachment(proposal, "Bilag", text_pdf("B", ["x"]), by=intake.handler)
    proposal = fresh(proposal)
    client.force_login(make_user() if who == "stranger" else getattr(intake, who))
    before = _state_of(proposal)
    for action, data in _writes(intake, proposal, attachment).items():
        for htmx in (False, True):
            response = post(client, url(proposal, action), data, htmx)
            assert response.status_code == 404, (action, htmx, response.status_code)
    assert _state_of(proposal) == before


def test_each_role_is_refused_what_is_not_theirs(intake, client):
    """The handler may not review their own, a reviewer may not submit or place, the secretariat may not
    review, a reviewer of step 2 may not approve step 1: 403, and nothing changes."""
    proposal = services.submit(
        make_proposal(intake.handler, wished_meeting=intake.meeting), by=intake.handler
    )
    attachment = ProposalAttachment.objects.create(
        proposal=proposal, position=1, title="B", file="x.pdf", sha256="0" * 64, page_count=1
    )
    writes = _writes(intake, proposal, attachment)
    refusals = {
        intake.handler: ["godkend", "returner", "accepter-sent", "placer"],
        intake.reviewer: ["indsend", "placer", "accepter-sent"],
        intake.reviewer2: ["godkend", "returner", "indsend"],
        intake.secretary: ["godkend", "returner", "indsend"],
    }
    before = _state_of(proposal)
    for user, actions in refusals.items():
        client.force_login(user)
        for action in actions:
            response = post(client, url(proposal, action), writes[action])
            assert response.status_code in (403, 422), (user.username, action, response.status_code)
    assert _state_of(proposal) == before


def test_changes_in_the_wrong_state_say_why_in_danish(intake, client):
    proposal = services.submit(make_proposal(intake.handler), by=intake.handler)  # submitted: not editable
    client.force_login(intake.handler)
    response = post(client, url(proposal, "indsend"))
    assert response.status_code == 422 and "Punktforslaget er allerede indsendt." in text(response)
    response = post(client, url(proposal, "bilag"), {"file": pdf_upload()}, True)
    assert response.status_code == 422 and "kan ikke ændres nu" in text(response)
    approved = services.approve(proposal, by=intake.reviewer)
    client.force_login(intake.reviewer)
    response = post(client, url(approved, "godkend"))
    assert response.status_code == 422 and "venter ikke på godkendelse" in text(response)
    response = post(client, url(approved, "returner"), {"comment": "Nej", "confirmed": "1"}, True)
    assert response.status_code == 422 and "venter ikke på godkendelse" in text(response)
    assert fresh(approved).state == State.APPROVED


def test_placing_on_another_councils_section_is_refused(intake, client):
    proposal = services.approve(
        services.submit(make_proposal(intake.handler), by=intake.handler), by=intake.reviewer
    )
    other = make_meeting(council=make_council(name="KKR Hovedstaden"), date=datetime.date(2021, 4, 30))
    foreign = make_section(meeting=other)
    make_secretary(other.council)
    client.force_login(intake.secretary)
    response = post(client, url(proposal, "placer"), {"section": foreign.pk, "confirmed": "1"})
    assert response.status_code == 422 and "Marker en gyldig valgmulighed." in text(response)
    assert fresh(proposal).state == State.APPROVED


def test_a_handler_of_another_council_is_not_a_handler_here(intake, client):
    other = make_council(name="KKR Sjælland")
    outsider = make_handler(other, "abc")
    client.force_login(outsider)
    assert client.get(f"/punktforslag/nyt/{intake.council.slug}/").status_code == 403
    assert client.get(f"/punktforslag/nyt/{other.slug}/").status_code == 200
    assert client.get("/punktforslag/nyt/intet-raad/").status_code == 404


# The council's roles and intake settings (the secretariat)


def roles_url(intake, rest=""):
    return f"/{intake.council.slug}/roller/{rest}"


def test_the_secretariat_grants_and_revokes_roles(intake, client):
    newcomer = make_user(username="ny-sagsbehandler", email="ny@example.org")
    client.force_login(intake.secretary)
    page = text(client.get(roles_url(intake)))
    assert "Godkender, trin 2" in page and "hast" in page
    response = client.post(
        roles_url(intake), {"user": "NY@example.org", "role": "handler", "initials": "nyhb"}
    )
    assert response.status_code == 302
    grant = CouncilRole.objects.get(user=newcomer)
    assert (grant.role, grant.initials, grant.council) == ("handler", "nyhb", intake.council)
    assert "ny-sagsbehandler" in text(client.get(roles_url(intake)))

    revoke = roles_url(intake, f"{grant.pk}/fjern/")
    question = client.post(revoke)
    assert question.status_code == 200 and "Fjern rollen" in text(question)
    assert CouncilRole.objects.filter(pk=grant.pk).exists()
    assert client.post(revoke, {"confirmed": "1"}).status_code == 302
    assert not CouncilRole.objects.filter(pk=grant.pk).exists()
    trail = AuditEntry.objects.filter(area=AuditEntry.Area.PROPOSAL).values_list("summary", flat=True)
    assert any("ny-sagsbehandler er nu" in summary for summary in trail)
    assert any(summary.startswith("Rollen ") and "fjernet" in summary for summary in trail)


def test_bad_role_input_is_refused_in_danish(intake, client):
    client.force_login(intake.secretary)
    before = CouncilRole.objects.count()
    response = client.post(roles_url(intake), {"user": "ingen-saadan", "role": "reviewer", "step": "1"})
    assert response.status_code == 422 and "Der findes ingen bruger" in text(response)
    response = client.post(roles_url(intake), {"user": intake.member.username, "role": "handler"})
    assert response.status_code == 422 and "En sagsbehandler skal have initialer." in text(response)
    assert CouncilRole.objects.count() == before


def test_the_secretariat_sets_the_intake(intake, client):
    client.force_login(intake.secretary)
    data = {"review_steps": "2", "deadline_working_days": "8", "warning_days": "2"}
    assert client.post(roles_url(intake, "indstillinger/"), data).status_code == 302
    intake.council.intake.refresh_from_db()
    assert (intake.council.intake.review_steps, intake.council.intake.deadline_working_days) == (2, 8)
    response = client.post(roles_url(intake, "indstillinger/"), data | {"review_steps": "3"})
    assert response.status_code == 422 and intake.council.intake.review_steps == 2


@pytest.mark.parametrize("who", ["handler", "reviewer", "member", "other_secretary"])
def test_only_the_councils_secretariat_manages_roles(intake, client, who):
    client.force_login(getattr(intake, who))
    grant = CouncilRole.objects.filter(council=intake.council).first()
    before = CouncilRole.objects.count(), intake.council.intake.review_steps
    assert client.get(roles_url(intake)).status_code == 403
    assert (
        client.post(roles_url(intake), {"user": "x", "role": "handler", "initials": "x"}).status_code == 403
    )
    assert client.post(roles_url(intake, f"{grant.pk}/fjern/"), {"confirmed": "1"}).status_code == 403
    assert client.post(roles_url(intake, "indstillinger/"), {"review_steps": "0"}).status_code == 403
    intake.council.intake.refresh_from_db()
    assert (CouncilRole.objects.count(), intake.council.intake.review_steps) == before


def test_another_councils_role_is_not_found_in_this_councils_pages(intake, client):
    other = intake.other_secretary.secretariat_councils.get()
    foreign = make_handler(other, "abc")
    grant = CouncilRole.objects.get(user=foreign)
    client.force_login(intake.secretary)
    assert client.post(roles_url(intake, f"{grant.pk}/fjern/"), {"confirmed": "1"}).status_code == 404
    assert CouncilRole.objects.filter(pk=grant.pk).exists()
