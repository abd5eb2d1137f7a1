"""The way of a proposal through review: each step allowed for the right user in the right state and
refused otherwise, each audited, and the right people mailed once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kkr.access import proposal_roles
from kkr.models import AuditEntry
from proposals import services
from proposals.models import IntakeSettings, Proposal, ProposalComment
from tests.factories import make_proposal

State = Proposal.State


def entries(proposal):
    return list(
        AuditEntry.objects.filter(area=AuditEntry.Area.PROPOSAL, proposal_id=proposal.pk)
        .order_by("at", "pk")
        .values_list("summary", "user__username")
    )


def test_create_takes_the_handlers_initials_and_is_audited(intake):
    proposal = make_proposal(intake.handler, title="Limfjordsrådet – Masterplan")
    assert (proposal.state, proposal.case_handler, proposal.council) == (State.DRAFT, "hast", intake.council)
    assert entries(proposal) == [
        ("Punktforslaget Limfjordsrådet – Masterplan oprettet", intake.handler.username)
    ]


@pytest.mark.parametrize("who", ["reviewer", "secretary", "member", "other_secretary"])
def test_only_the_councils_case_handlers_create_proposals(intake, who):
    with pytest.raises(PermissionDenied, match="Kun rådets sagsbehandlere"):
        services.create_proposal(intake.council, getattr(intake, who), title="Forslag")


def test_a_wished_meeting_of_another_council_is_refused(intake):
    other_meeting = intake.other_secretary.secretariat_councils.get().meetings.create(
        date="2021-04-30", start_time="10:00", place="Odense"
    )
    with pytest.raises(ValidationError, match="andet råd"):
        make_proposal(intake.handler, wished_meeting=other_meeting)


def test_the_full_way_with_one_review_step_mails_the_right_people_once(intake, outbox):
    proposal = make_proposal(intake.handler, title="Masterplan", wished_meeting=intake.meeting)

    sent = outbox(services.submit, proposal, by=intake.handler)
    proposal = outbox.result
    assert (proposal.state, proposal.review_step, proposal.is_late) == (State.SUBMITTED, 1, False)
    assert [m.to for m in sent] == [["godkender1@example.org"]]  # step 1 only, not step 2
    assert sent[0].subject == "Punktforslag til godkendelse: Masterplan"
    assert f"http://127.0.0.1:8000/punktforslag/{proposal.pk}/" in sent[0].body
    assert "23-04-2021" in sent[0].body

    sent = outbox(services.return_proposal, proposal, "Indstillingen mangler en dato.", by=intake.reviewer)
    proposal = outbox.result
    assert (proposal.state, proposal.review_step) == (State.RETURNED, 0)
    assert [m.to for m in sent] == [["hast@example.org"]]
    assert "Indstillingen mangler en dato." in sent[0].body
    assert f"/punktforslag/{proposal.pk}/" in sent[0].body

    proposal = services.update_proposal(
        proposal, by=intake.handler, revision=proposal.revision, recommendation="<p>Inden 1. maj.</p>"
    )
    sent = outbox(services.submit, proposal, by=intake.handler)
    assert [m.to for m in sent] == [["godkender1@example.org"]]

    sent = outbox(services.approve, outbox.result, by=intake.reviewer, comment="Fint.")
    proposal = outbox.result
    assert (proposal.state, proposal.review_step) == (State.APPROVED, 0)
    assert [m.to for m in sent] == [["hast@example.org"]]
    assert sent[0].subject == "Punktforslag godkendt: Masterplan"
    assert "Fint." in sent[0].body

    assert [c.kind for c in proposal.comments.all()] == [
        ProposalComment.Kind.RETURNED,
        ProposalComment.Kind.APPROVED,
    ]
    assert [summary for summary, _user in entries(proposal)] == [
        "Punktforslaget Masterplan oprettet",
        "Punktforslaget indsendt",
        "Punktforslaget returneret til sagsbehandleren",
        "Punktforslaget Masterplan ændret",
        "Punktforslaget indsendt",
        "Punktforslaget godkendt på trin 1",
    ]
    state_change = AuditEntry.objects.filter(
        proposal_id=proposal.pk, summary__startswith="Punktforslaget godkendt"
    ).get()
    assert state_change.changes["state"] == ["indsendt", "godkendt"]
    assert state_change.changed_fields() == [("Status", "indsendt", "godkendt")]


def test_two_review_steps_go_through_both_reviewers(intake, outbox):
    IntakeSettings.objects.filter(council=intake.council).update(review_steps=2)
    proposal = make_proposal(intake.handler)
    proposal = services.submit(proposal, by=intake.handler)
    with pytest.raises(PermissionDenied, match="trin 1"):
        services.approve(proposal, by=intake.reviewer2)
    sent = outbox(services.approve, proposal, by=intake.reviewer)
    proposal = outbox.result
    assert (proposal.state, proposal.review_step) == (State.SUBMITTED, 2)
    assert [m.to for m in sent] == [["godkender2@example.org"]]
    with pytest.raises(PermissionDenied, match="trin 2"):
        services.approve(proposal, by=intake.reviewer)
    sent = outbox(services.approve, proposal, by=intake.reviewer2)
    assert outbox.result.state == State.APPROVED
    assert [m.to for m in sent] == [["hast@example.org"]]


def test_no_review_steps_approves_on_submit_and_tells_the_secretariat(intake, outbox):
    IntakeSettings.objects.filter(council=intake.council).update(review_steps=0)
    proposal = make_proposal(intake.handler, title="Uden godkendelse")
    sent = outbox(services.submit, proposal, by=intake.handler)
    assert outbox.result.state == State.APPROVED
    assert [m.to for m in sent] == [["sekretariat@example.org"]]
    assert "Uden godkendelse" in sent[0].subject


def test_submit_needs_a_case_number_and_a_recommendation(intake):
    proposal = make_proposal(intake.handler, case_number="", recommendation="")
    with pytest.raises(ValidationError) as refused:
        services.submit(proposal, by=intake.handler)
    assert set(refused.value.message_dict) == {"case_number", "recommendation"}


def test_transitions_refused_in_the_wrong_state(intake):
    proposal = make_proposal(intake.handler)
    with pytest.raises(ValidationError, match="venter ikke på godkendelse"):
        services.approve(proposal, by=intake.reviewer)
    with pytest.raises(ValidationError, match="venter ikke på godkendelse"):
        services.return_proposal(proposal, "Nej", by=intake.reviewer)
    with pytest.raises(ValidationError, match="Kun et godkendt"):
        services.place(
            proposal, by=intake.secretary, meeting=intake.meeting, section=intake.meeting.sections.last()
        )
    proposal = services.submit(proposal, by=intake.handler)
    with pytest.raises(ValidationError, match="allerede indsendt"):
        services.submit(proposal, by=intake.handler)
    with pytest.raises(ValidationError, match="kan ikke ændres nu"):
        services.update_proposal(proposal, by=intake.handler, revision=proposal.revision, title="Nyt")
    with pytest.raises(ValidationError, match="Skriv, hvorfor"):
        services.return_proposal(proposal, "  ", by=intake.reviewer)
    with pytest.raises(ValidationError, match="venter ikke på at blive accepteret"):
        services.accept_late(proposal, by=intake.secretary)
    assert Proposal.objects.get(pk=proposal.pk).state == State.SUBMITTED


def test_transitions_refused_for_the_wrong_user(intake):
    proposal = make_proposal(intake.handler)
    for user in [*intake.outsiders(), intake.reviewer, intake.secretary]:
        with pytest.raises(PermissionDenied):
            services.submit(proposal, by=user)
    for user in intake.outsiders():
        with pytest.raises(PermissionDenied):
            services.update_proposal(proposal, by=user, revision=proposal.revision, title="Overtaget")
        with pytest.raises(PermissionDenied):
            services.add_comment(proposal, "Hej", by=user)
    proposal = services.submit(proposal, by=intake.handler)
    for user in [*intake.outsiders(), intake.handler, intake.secretary, intake.reviewer2]:
        with pytest.raises(PermissionDenied):
            services.approve(proposal, by=user)
        with pytest.raises(PermissionDenied):
            services.return_proposal(proposal, "Nej", by=user)
    proposal = services.approve(proposal, by=intake.reviewer)
    section = intake.meeting.sections.last()
    for user in [*intake.outsiders(), intake.handler, intake.reviewer]:
        with pytest.raises(PermissionDenied):
            services.place(proposal, by=user, meeting=intake.meeting, section=section)
    assert Proposal.objects.get(pk=proposal.pk).state == State.APPROVED
    assert AuditEntry.objects.filter(proposal_id=proposal.pk).count() == 3  # created, submitted, approved


def test_anonymous_may_do_nothing(intake, client):
    from django.contrib.auth.models import AnonymousUser

    proposal = make_proposal(intake.handler)
    with pytest.raises(PermissionDenied):
        services.submit(proposal, by=AnonymousUser())
    assert not proposal_roles(AnonymousUser(), proposal).may_see


def test_a_reviewer_may_not_approve_their_own_proposal(intake):
    services.grant_role(intake.council, intake.reviewer, "handler", initials="gdk", by=intake.secretary)
    proposal = make_proposal(intake.reviewer)
    proposal = services.submit(proposal, by=intake.reviewer)
    with pytest.raises(PermissionDenied, match="dit eget"):
        services.approve(proposal, by=intake.reviewer)


def test_edits_are_locked_optimistically_and_audited_field_by_field(intake):
    proposal = make_proposal(intake.handler, title="Første titel")
    first = services.update_proposal(
        proposal, by=intake.handler, revision=1, title="Anden titel", wished_meeting=intake.meeting
    )
    assert first.revision == 2
    with pytest.raises(services.ProposalConflict) as conflict:
        services.update_proposal(proposal, by=intake.handler, revision=1, title="Tredje titel")
    assert conflict.value.current.title == "Anden titel"
    entry = AuditEntry.objects.filter(proposal_id=proposal.pk).first()
    assert entry.changes == {"title": ["Første titel", "Anden titel"], "wished_meeting": ["", "23-04-2021"]}
    # Rich text is sanitised as an agenda item's is.
    cleaned = services.update_proposal(
        first, by=intake.handler, revision=2, background="<p onclick='x()'>Tekst</p><script>x()</script>"
    )
    assert cleaned.background == "<p>Tekst</p>"


def test_the_secretariat_edits_an_approved_proposal_but_the_handler_no_longer(intake):
    proposal = services.submit(make_proposal(intake.handler), by=intake.handler)
    proposal = services.approve(proposal, by=intake.reviewer)
    with pytest.raises(ValidationError, match="kan ikke ændres nu"):
        services.update_proposal(proposal, by=intake.handler, revision=proposal.revision, title="Ny")
    edited = services.update_proposal(
        proposal, by=intake.secretary, revision=proposal.revision, title="Sekretariatets titel"
    )
    assert edited.title == "Sekretariatets titel"


def test_attachments_are_validated_stored_by_hash_and_removed(intake):
    from kkr.lib.simplepdf import text_pdf

    proposal = make_proposal(intake.handler)
    pdf = text_pdf("Masterplan", ["Bilag."], pages=2)
    first = services.add_attachment(proposal, "Masterplan", pdf, by=intake.handler)
    second = services.add_attachment(proposal, "Tidsplan", pdf, by=intake.handler, is_closed=True)
    assert (first.page_count, first.position, second.position) == (2, 1, 2)
    assert first.file.name == second.file.name == f"attachments/{first.sha256[:2]}/{first.sha256}.pdf"
    with pytest.raises(ValidationError):
        services.add_attachment(proposal, "Ikke en PDF", b"<html>nej</html>", by=intake.handler)
    with pytest.raises(PermissionDenied):
        services.add_attachment(proposal, "Fremmed", pdf, by=intake.other_handler)
    services.remove_attachment(first, by=intake.handler)
    second.refresh_from_db()
    assert (proposal.attachments.count(), second.position) == (1, 1)
    summaries = [s for s, _u in entries(proposal)]
    assert summaries[-3:] == [
        "Bilag Masterplan tilføjet",
        "Bilag Tidsplan tilføjet",
        "Bilag Masterplan fjernet",
    ]


def test_comments_are_for_handler_reviewers_and_secretariat(intake):
    proposal = make_proposal(intake.handler)
    for user in (intake.handler, intake.reviewer, intake.secretary):
        services.add_comment(proposal, f"Kommentar fra {user.username}", by=user)
    assert proposal.comments.count() == 3
    with pytest.raises(ValidationError):
        services.add_comment(proposal, " ", by=intake.handler)
