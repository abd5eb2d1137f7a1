"""The operations behind the secretariat's pages: new meetings, saving with locking, history,
publishing."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas import services
from agendas.content import AgendaContent
from agendas.models import AgendaItem, Meeting, PlannedItem
from kkr.models import AuditEntry
from tests.factories import make_attachment, make_item, make_member, make_secretary

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    call_command("load_demo", stdout=None)
    return Meeting.objects.get(date="2021-02-05").council


@pytest.fixture
def secretary(council):
    return make_secretary(council)


def titles(meeting):
    return [
        f"{item.number} {item.title}"
        for item in AgendaItem.objects.filter(section__meeting=meeting).order_by(
            "section__position", "position"
        )
    ]


def new_meeting(council, **kwargs):
    kwargs.setdefault("date", datetime.date(2021, 6, 18))
    kwargs.setdefault("start_time", datetime.time(9, 0))
    kwargs.setdefault("place", "Aalborg Rådhus")
    kwargs.setdefault("case_number", "SAG-2021-00777")
    kwargs.setdefault("case_handler", "hast")
    return services.create_meeting(council, **kwargs)


def test_a_new_meeting_gets_the_standard_kkr_agenda_with_its_routine_items(council):
    meeting = new_meeting(council, date=datetime.date(2021, 4, 30))
    sections = [str(s) for s in meeting.sections.order_by("position")]
    assert sections == [
        "1. Godkendelse af referat",
        "2. Siden sidst",
        "3. Regionalpolitiske sager",
        "4. Udpegninger",
        "5. KKR",
        "6. Punkter til næste møde",
        "7. Eventuelt",
    ]
    assert titles(meeting) == [
        "1.1. Godkendelse af referat",
        "1.2. Godkendelse af dagsorden",
        "2.1. Siden sidst",
        "6.1. Punkter til næste møde",
    ]
    approval = meeting.sections.get(position=1).items.get(position=2)
    assert approval.recommendation == (
        "<p>Det indstilles, at dagsorden til KKR Nordjyllands møde den 30. april 2021 godkendes.</p>"
    )
    assert AuditEntry.objects.filter(meeting_id=meeting.pk, area="agenda", action="create").exists()


def test_item_1_1_lists_every_earlier_meeting_whose_minutes_are_not_approved(council):
    from minutes.models import Minutes

    Minutes.objects.filter(meeting__date="2020-11-13").update(status="sent", approved_on=None)
    Minutes.objects.filter(meeting__date="2021-01-15").update(status="sent", approved_on=None)
    meeting = new_meeting(council, date=datetime.date(2021, 2, 12))
    item = meeting.sections.get(position=1).items.get(position=1)
    assert item.background == (
        "<p>Godkendelse af referat fra møde i KKR Nordjylland den 13. november 2020 samt det "
        "ekstraordinære møde i KKR Nordjylland den 15. januar 2021.</p>"
    )
    assert "<li>Fra mødet i KKR Nordjylland den 13. november 2020 godkendes</li>" in item.recommendation
    assert "den 20. november 2020 samt den 21. januar 2021" in item.presentation


def test_item_6_1_names_the_next_meeting_and_its_planned_items(council):
    meeting = new_meeting(council, date=datetime.date(2021, 3, 19))
    item = meeting.sections.get(position=6).items.get()
    assert "planlagt til den 23. april 2021" in item.background
    assert "<li>SOSU-dimmensionering</li>" not in item.presentation  # the draft's items were not planned


def test_planned_items_land_on_the_new_meeting(council):
    services.plan_item(
        council,
        meeting_date=datetime.date(2021, 6, 18),
        title="Rammeaftale 2022",
        case_number="SAG-2021-00900",
    )
    before = new_meeting(council, date=datetime.date(2021, 5, 28))
    assert "<li>Rammeaftale 2022</li>" in before.sections.get(position=6).items.get().presentation
    meeting = new_meeting(council)
    assert "3.1. Rammeaftale 2022" in titles(meeting)
    assert PlannedItem.objects.get().item.section.meeting == meeting


def test_a_meeting_date_can_only_be_used_once(council):
    with pytest.raises(ValidationError):
        new_meeting(council, date=datetime.date(2021, 2, 5))


def test_saving_an_item_records_old_and_new_values(council, secretary):
    item = AgendaItem.objects.filter(section__meeting__date="2021-04-23").first()
    saved = services.update_item(item, {"title": "SOSU-dimensionering"}, revision=item.revision, by=secretary)
    assert saved.revision == item.revision + 1
    entry = AuditEntry.objects.get(item_id=item.pk, action="update")
    assert entry.changes == {"title": ["SOSU-dimmensionering", "SOSU-dimensionering"]}
    assert entry.user == secretary


def test_the_second_of_two_concurrent_saves_is_refused_and_changes_nothing(council):
    item = AgendaItem.objects.filter(section__meeting__date="2021-04-23").first()
    revision = item.revision
    services.update_item(item, {"background": "<p>Første</p>"}, revision=revision)
    with pytest.raises(services.ItemConflict) as conflict:
        services.update_item(item, {"background": "<p>Anden</p>"}, revision=revision)
    assert conflict.value.current.background == "<p>Første</p>"
    item.refresh_from_db()
    assert item.background == "<p>Første</p>"


def test_a_save_sanitises_the_texts(council):
    item = AgendaItem.objects.filter(section__meeting__date="2021-04-23").first()
    saved = services.update_item(
        item, {"presentation": '<p onclick="x()">Tekst<script>alert(1)</script></p>'}, revision=item.revision
    )
    assert saved.presentation == "<p>Tekst</p>"


def test_a_deleted_item_can_be_restored_with_its_attachments(council, secretary):
    meeting = Meeting.objects.get(date="2021-04-23")
    item = meeting.sections.get(position=3).items.get(position=2)
    make_attachment(item, "Notat")
    entry = services.delete_item_by(item, by=secretary)
    assert titles(meeting) == ["3.1. SOSU-dimmensionering", "3.2. Temadrøftelse rekruttering"]
    restored = services.restore_item(entry, by=secretary)
    assert restored.number == "3.2."
    assert restored.attachments.get().title == "Notat"
    with pytest.raises(ValidationError, match="allerede gendannet"):
        services.restore_item(entry)


def test_publish_makes_an_immutable_version_that_readers_see(council, secretary):
    meeting = Meeting.objects.get(date="2021-04-23")
    version = services.publish_agenda(meeting, secretary, sent_on=datetime.date(2021, 4, 16), render=False)
    assert version.number == 1
    meeting.refresh_from_db()
    assert (meeting.published_version, meeting.agenda_sent_on) == (version, datetime.date(2021, 4, 16))

    item = meeting.sections.get(position=3).items.first()
    services.update_item(item, {"title": "Ændret efter udsendelse"}, revision=item.revision)
    readers = AgendaContent.for_readers(meeting)
    assert [i.title for _s, i in readers.items()][0] == "SOSU-dimmensionering"  # the published text


def test_republishing_needs_a_change_note_and_marks_new_items_as_supplements(council, secretary):
    meeting = Meeting.objects.get(date="2021-04-23")
    services.publish_agenda(meeting, secretary, render=False, notify=False)
    new = make_item(section=meeting.sections.get(position=3), title="Ekstra punkt")
    with pytest.raises(ValidationError, match="hvad der er rettet"):
        services.publish_agenda(meeting, secretary, render=False, notify=False)
    version = services.publish_agenda(meeting, secretary, change_note="Punkt 3.4 tilføjet", notify=False)
    assert version.number == 2
    readers = AgendaContent.for_readers(meeting)
    supplements = [item.title for _s, item in readers.items() if item.is_supplement]
    assert supplements == [new.title]
    assert readers.version.change_note == "Punkt 3.4 tilføjet"


def test_members_get_an_email_when_the_agenda_is_published(
    council, django_capture_on_commit_callbacks, eager_tasks
):
    member = make_member(council, email="medlem@example.org")
    meeting = Meeting.objects.get(date="2021-04-23")
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_agenda(meeting, render=False)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Dagsorden: KKR Nordjylland 23-04-2021"
    assert member.email in message.bcc
    assert "/kkr-nordjylland/2021-04-23/" in message.body
