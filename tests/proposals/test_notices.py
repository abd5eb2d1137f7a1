"""Reminders before the deadline and the notice when it has passed: at the right moments (the clock moved
by the test), to the right people, each once however often the periodic task runs."""

from django.core import mail

from proposals import services
from proposals.models import Notice
from proposals.tasks import send_deadline_notices
from tests.factories import make_handler, make_proposal
from tests.proposals.conftest import at


def test_reminders_once_the_warning_period_begins_and_once_only(intake, clock, outbox):
    make_proposal(intake.handler, title="Masterplan", wished_meeting=intake.meeting)
    make_proposal(intake.other_handler, title="Første mulige")  # aimed at the first possible meeting
    submitted = make_handler(intake.council, "sbmt", email="sbmt@example.org")
    services.submit(make_proposal(submitted, wished_meeting=intake.meeting), by=submitted)
    clock.move_to(at(2021, 4, 6, 11, 59), tick=False)  # the deadline is 9 April 12:00, the warning 3 days
    assert outbox(send_deadline_notices.delay) == []

    clock.move_to(at(2021, 4, 6, 12, 0), tick=False)
    sent = outbox(send_deadline_notices.delay)
    assert sorted(m.to[0] for m in sent) == ["hast@example.org", "hlth@example.org"]
    reminder = next(m for m in sent if m.to == ["hast@example.org"])
    assert reminder.subject == "Frist for punkter til KKR Nordjyllands møde 23-04-2021"
    assert "09-04-2021 kl. 12.00" in reminder.body
    proposal = intake.handler.proposals.get()
    assert f"Masterplan (kladde): http://127.0.0.1:8000/punktforslag/{proposal.pk}/" in reminder.body

    clock.move_to(at(2021, 4, 8, 9, 0), tick=False)
    assert outbox(send_deadline_notices.delay) == []
    assert outbox(send_deadline_notices.delay) == []
    assert Notice.objects.filter(kind=Notice.Kind.REMINDER).count() == 2


def test_a_returned_proposal_is_reminded_too(intake, clock, outbox):
    proposal = services.submit(
        make_proposal(intake.handler, wished_meeting=intake.meeting), by=intake.handler
    )
    services.return_proposal(proposal, "Ret indstillingen.", by=intake.reviewer)
    clock.move_to(at(2021, 4, 7, 9, 0), tick=False)
    sent = outbox(send_deadline_notices.delay)
    assert [m.to for m in sent] == [["hast@example.org"]]
    assert "Ret indstillingen." not in sent[0].body  # comments stay on the proposal's page


def test_the_secretariat_hears_once_when_the_deadline_passes_with_approved_proposals(intake, clock, outbox):
    waiting = services.approve(
        services.submit(
            make_proposal(intake.handler, title="Klar", wished_meeting=intake.meeting), by=intake.handler
        ),
        by=intake.reviewer,
    )
    services.approve(
        services.submit(make_proposal(intake.other_handler, title="Også klar"), by=intake.other_handler),
        by=intake.reviewer,
    )
    clock.move_to(at(2021, 4, 9, 11, 59), tick=False)
    sent = outbox(send_deadline_notices.delay)
    assert all(m.to != ["sekretariat@example.org"] for m in sent)

    clock.move_to(at(2021, 4, 9, 12, 5), tick=False)
    sent = outbox(send_deadline_notices.delay)
    assert [m.to for m in sent] == [["sekretariat@example.org"]]
    assert (
        sent[0].subject == "Fristen er udløbet: godkendte punktforslag til KKR Nordjyllands møde 23-04-2021"
    )
    assert f"Klar: http://127.0.0.1:8000/punktforslag/{waiting.pk}/" in sent[0].body
    assert "Også klar" in sent[0].body
    assert outbox(send_deadline_notices.delay) == []

    clock.move_to(at(2021, 4, 24, 9, 0), tick=False)  # after the meeting: nothing more about it
    assert outbox(send_deadline_notices.delay) == []
    assert Notice.objects.filter(kind=Notice.Kind.DEADLINE_PASSED).count() == 1


def test_no_notice_when_nothing_waits(intake, clock, outbox):
    clock.move_to(at(2021, 4, 9, 13, 0), tick=False)
    assert outbox(send_deadline_notices.delay) == []
    assert not Notice.objects.exists()
    assert mail.outbox == []
