"""Placing an approved proposal on an agenda, and following it to the decision."""

import pytest
from django.core.exceptions import ValidationError

from agendas.content import AgendaContent
from agendas.services import publish_agenda
from kkr.lib.simplepdf import text_pdf
from minutes import services as minutes_services
from minutes.models import Minutes
from proposals import services
from proposals.models import Proposal
from tests.factories import make_meeting, make_proposal, make_section, publish

State = Proposal.State


def approved(intake, **fields):
    proposal = make_proposal(intake.handler, **fields)
    services.add_attachment(
        proposal, "Masterplan", text_pdf("Masterplan", ["Bilag."], pages=2), by=intake.handler
    )
    proposal = services.submit(proposal, by=intake.handler)
    return services.approve(proposal, by=intake.reviewer)


def test_placing_adds_the_item_with_texts_and_the_same_attachment_files(intake):
    proposal = approved(intake, title="Limfjordsrådet", background="<p>Baggrund.</p>", is_closed=True)
    section = intake.meeting.sections.get(position=2)
    proposal = services.place(proposal, by=intake.secretary, meeting=intake.meeting, section=section)
    item = proposal.item
    assert (proposal.state, proposal.placed_meeting, item.section) == (State.PLACED, intake.meeting, section)
    assert (item.title, item.case_number, item.case_handler, item.background, item.is_closed) == (
        "Limfjordsrådet",
        "SAG-2021-00512",
        "hast",
        "<p>Baggrund.</p>",
        True,
    )
    [attachment] = item.attachments.all()
    assert attachment.file.name == proposal.attachments.get().file.name
    assert attachment.file.open().read().startswith(b"%PDF-")
    summary = intake.council.audit_entries.filter(proposal_id=proposal.pk).first().summary
    assert summary == "Punktforslaget sat på dagsordenen til mødet 23-04-2021 som punkt 2.1."
    # The agenda's own history has the new item too.
    assert intake.council.audit_entries.filter(area="agenda", item_id=item.pk).exists()


def test_placing_is_refused_on_another_councils_meeting_or_a_section_of_another_meeting(intake):
    proposal = approved(intake)
    other = make_meeting(council=intake.other_secretary.secretariat_councils.get())
    with pytest.raises(ValidationError, match="andet råd"):
        services.place(proposal, by=intake.secretary, meeting=other, section=make_section(meeting=other))
    june = make_meeting(council=intake.council, date="2021-06-18")
    with pytest.raises(ValidationError, match="andet møde"):
        services.place(
            proposal, by=intake.secretary, meeting=intake.meeting, section=make_section(meeting=june)
        )
    assert Proposal.objects.get(pk=proposal.pk).state == State.APPROVED


def test_placed_on_a_published_agenda_it_is_a_tillaegspunkt_in_the_next_version(intake):
    publish(intake.meeting)
    proposal = approved(intake, title="Sent punkt")
    proposal = services.place(
        proposal, by=intake.secretary, meeting=intake.meeting, section=intake.meeting.sections.get(position=2)
    )
    readers = AgendaContent.for_readers(intake.meeting)
    assert "Sent punkt" not in [item.title for _s, item in readers.items()]  # not before it is published
    publish_agenda(intake.meeting, change_note="Tillægspunkt", notify=False, render=False)
    readers = AgendaContent.for_readers(intake.meeting)
    [(section, item)] = [(s, i) for s, i in readers.items() if i.title == "Sent punkt"]
    assert item.is_supplement and readers.version.number == 2
    assert item.pk == proposal.item_id


def test_publishing_the_minutes_marks_the_proposal_decided_and_mine_shows_the_decision(intake):
    proposal = approved(intake, title="Masterplan")
    proposal = services.place(
        proposal, by=intake.secretary, meeting=intake.meeting, section=intake.meeting.sections.get(position=2)
    )
    untouched = services.place(
        approved(intake, title="Uden beslutning"),
        by=intake.secretary,
        meeting=intake.meeting,
        section=intake.meeting.sections.get(position=2),
    )
    publish(intake.meeting)
    minutes = minutes_services.minutes_for(intake.meeting)
    minutes_services.save_decision(minutes, proposal.item, "Godkendt.")
    [path] = [p for p in services.my_proposals(intake.handler) if p.proposal.pk == proposal.pk]
    assert (path.published_number, path.published_title, path.decision) == ("2.1.", "Masterplan", "")
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    minutes.refresh_from_db()
    minutes_services.publish_minutes(minutes, by=intake.secretary, render=False)
    assert Proposal.objects.get(pk=proposal.pk).state == State.DECIDED
    assert Proposal.objects.get(pk=untouched.pk).state == State.PLACED
    entry = intake.council.audit_entries.filter(proposal_id=proposal.pk).first()
    assert entry.summary == "Punktet er behandlet, og referatet er offentliggjort"
    [path] = [p for p in services.my_proposals(intake.handler) if p.proposal.pk == proposal.pk]
    assert path.decision == "Godkendt."
    assert path.published_url == f"{intake.meeting.get_absolute_url()}#punkt-2-1"
    groups = dict(services.paths_by_state(services.my_proposals(intake.handler)))
    assert [p.proposal.title for p in groups["behandlet"]] == ["Masterplan"]
