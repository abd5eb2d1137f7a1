"""Minutes: attendance rules, the approval chain through item 1.1, who reads what, and the PDF."""

import datetime
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas.models import AgendaItem, Meeting
from agendas.services import create_meeting, publish_agenda
from documents.models import RenderedDocument
from documents.services import render_pdf
from kkr.models import Membership, Person
from minutes import services
from minutes.models import Attendance, Minutes
from tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db

FEB_5, MAR_12, JAN_15 = "2021-02-05", "2021-03-12", "2021-01-15"
SECRET_DECISION = "BESLUTNING-OM-LUKKET-PUNKT"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def next_meeting():
    """A meeting after 5 February with the standard agenda ("Nyt møde"), so with its item 1.1."""
    council = Meeting.objects.get(date=FEB_5).council
    facts = {"date": datetime.date(2021, 3, 12), "start_time": datetime.time(9), "place": "Aalborg"}
    meeting = create_meeting(council, **facts, case_number="SAG-2021-00512", case_handler="hast")
    publish_agenda(meeting, notify=False, render=False)  # minutes are written on the published agenda
    meeting.refresh_from_db()
    return meeting


def meeting(date):
    return Meeting.objects.select_related("council").get(date=date)


def items(date):
    return AgendaItem.objects.filter(section__meeting__date=date).order_by("section__position", "position")


def person(name):
    return Person.objects.get(name=name)


def text(response):
    return " ".join(response.content.decode().split())


def test_demo_minutes_follow_the_chain(demo):
    nov, jan, feb = (Minutes.objects.get(meeting__date=d) for d in ("2020-11-13", JAN_15, FEB_5))
    assert (nov.status, nov.approved_on, nov.approved_at.date) == (
        "published",
        datetime.date(2021, 2, 5),
        feb.meeting.date,
    )
    assert jan.status == "published"
    assert feb.status == "draft"
    approval = items(FEB_5).get(title="Godkendelse af referat")
    assert feb.decisions.get(item_id=approval.pk).text == "Godkendt."
    assert Attendance.objects.get(minutes=nov, person__name="Vibeke Merete Gamst").substitute_for.name == (
        "Karsten Frederiksen"
    )


def test_a_substitute_stands_in_only_for_their_own_member(demo):
    feb = meeting(FEB_5)
    lene = person("Lene Aalestrup")
    with pytest.raises(
        ValidationError, match="Lene Aalestrup er ikke personlig stedfortræder for Arne Boelt"
    ):
        services.check_substitute(feb, lene, person("Arne Boelt"))
    minutes = Minutes.objects.get(meeting=feb)
    before = list(minutes.attendance.values_list("person__name", "status"))
    statuses = {person("Arne Boelt"): ("substitute", lene), person("Mogens Christen Gade"): ("present", None)}
    with pytest.raises(ValidationError):
        services.record_attendance(minutes, statuses)
    assert list(minutes.attendance.values_list("person__name", "status")) == before  # nothing changed
    # Once Lene is Vibeke's substitute, she may stand in for Vibeke
    vibeke = person("Vibeke Merete Gamst")
    start = datetime.date(2021, 2, 1)
    Membership.objects.create(
        council=feb.council, person=lene, role="substitute", substitute_for=vibeke, start=start
    )
    services.record_attendance(minutes, {person("Vibeke Merete Gamst"): ("substitute", lene)})
    rows = dict(minutes.attendance.values_list("person__name", "status"))
    assert rows == {"Vibeke Merete Gamst": "absent", "Lene Aalestrup": "substitute"}


def test_item_1_1_approval_approves_the_sent_minutes_and_can_be_taken_back(demo):
    feb = services.minutes_for(meeting(FEB_5))
    unsent = services.minutes_for(next_meeting())
    approval_item = items(MAR_12).get(title="Godkendelse af referat")
    services.save_decision(unsent, approval_item, "Godkendt.", approves=True)
    feb.refresh_from_db()
    assert feb.status == "draft"  # not sent: not approved
    services.send_minutes(feb, sent_on=datetime.date(2021, 2, 12))
    Meeting.objects.filter(date=MAR_12).delete()
    mar = services.minutes_for(next_meeting())
    approval_item = items(MAR_12).get(title="Godkendelse af referat")
    assert "Fra mødet i KKR Nordjylland den 5. februar 2021 godkendes." in approval_item.recommendation
    approved = services.save_decision(
        mar, approval_item, "Godkendt med den bemærkning, at punkt 3.2 præciseres.", approves=True
    )
    assert [m.meeting.date for m in approved] == [datetime.date(2021, 2, 5)]
    feb.refresh_from_db()
    assert (feb.status, feb.approved_on, feb.approved_at) == (
        "approved",
        datetime.date(2021, 3, 12),
        mar.meeting,
    )
    with pytest.raises(ValidationError, match="godkendt og kan ikke længere ændres"):
        services.save_decision(feb, items(FEB_5).first(), "Ændret bagefter.")
    services.save_decision(mar, approval_item, "Udsat til næste møde.", approves=False)
    feb.refresh_from_db()
    assert (feb.status, feb.approved_on) == ("sent", None)
    # Only the approval item approves, and the text alone approves nothing.
    with pytest.raises(ValidationError, match="Kun punktet om godkendelse af referat"):
        services.save_decision(mar, items(MAR_12).get(title="Siden sidst"), "Godkendt.", approves=True)
    services.save_decision(mar, approval_item, "Godkendt.")
    feb.refresh_from_db()
    assert feb.status == "sent"


def test_minutes_are_sent_only_when_every_item_has_a_decision(demo):
    mar = services.minutes_for(next_meeting())
    services.save_decision(mar, items(MAR_12).get(title="Godkendelse af referat"), "Godkendt.")
    with pytest.raises(ValidationError, match="Disse punkter mangler en beslutning: 1.2, 2.1, 6.1"):
        services.send_minutes(mar, sent_on=datetime.date(2021, 3, 19))
    assert Minutes.objects.get(pk=mar.pk).status == "draft"


def test_only_approved_minutes_are_published(demo):
    with pytest.raises(ValidationError, match="Kun et godkendt referat"):
        services.publish_minutes(Minutes.objects.get(meeting__date=FEB_5), render=False)


def closed_decision():
    """The closed item of 15 January gets a decision only members may read."""
    minutes = Minutes.objects.get(meeting__date=JAN_15)
    item = items(JAN_15).get(is_closed=True)
    minutes.decisions.filter(item_id=item.pk).update(text=SECRET_DECISION)
    return item


@pytest.mark.parametrize("role", ["anonymous", "other user", "member"])
def test_a_closed_items_decision_is_for_members_only(client, demo, role):
    closed_decision()
    if role == "member":
        client.force_login(make_member(meeting(JAN_15).council))
    elif role == "other user":
        client.force_login(make_user())
    page = text(client.get(f"/kkr-nordjylland/{JAN_15}/referat/"))
    assert "Taget til efterretning." in page or "Godkendt." in page
    assert (SECRET_DECISION in page) == (role == "member")


def pdf_text(data, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_the_public_minutes_pdf_hides_closed_decisions(demo, tmp_path):
    closed_decision()
    public, _pages = render_pdf("minutes", meeting(JAN_15), "public")
    members, _pages = render_pdf("minutes", meeting(JAN_15), "members")
    assert SECRET_DECISION not in pdf_text(public, tmp_path)
    assert SECRET_DECISION in pdf_text(members, tmp_path)


def test_the_minutes_pdf_reads_like_a_kkr_referat(demo, tmp_path):
    out = tmp_path / "referat.pdf"
    call_command(
        "render_agenda", "kkr-nordjylland", FEB_5, "--kind", "minutes", "--output", str(out), stdout=None
    )
    page_text = pdf_text(out.read_bytes(), tmp_path)
    assert page_text.startswith("REFERAT KKR Nordjylland")
    assert "Udkast: referatet er ikke udsendt." in page_text
    assert "Deltagere Arne Boelt (A) Mogens Christen Gade (V) Vibeke Merete Gamst (C)" in page_text
    assert "KKR Nordjylland | 05-02-2021" in page_text
    assert "Beslutning Godkendt." in page_text
    assert "Beslutning Taget til efterretning." in page_text


@pytest.mark.parametrize(
    "status, anonymous, member", [("draft", 404, 404), ("sent", 404, 200), ("published", 200, 200)]
)
def test_who_reads_the_minutes_and_their_pdf(client, demo, status, anonymous, member):
    Minutes.objects.filter(meeting__date=FEB_5).update(status=status)
    for url in (f"/kkr-nordjylland/{FEB_5}/referat/", f"/kkr-nordjylland/{FEB_5}/pdf/referat/"):
        assert client.get(url).status_code == anonymous, url
    client.force_login(make_member(meeting(FEB_5).council))
    for url in (f"/kkr-nordjylland/{FEB_5}/referat/", f"/kkr-nordjylland/{FEB_5}/pdf/referat/forbered/"):
        assert client.get(url).status_code == member, url
    assert RenderedDocument.objects.filter(kind="minutes", audience="public").exists() == (
        status == "published"
    )


def test_who_took_no_part_in_an_item_is_in_the_minutes(client, demo, tmp_path):
    minutes = Minutes.objects.get(meeting__date=JAN_15)
    open_item = items(JAN_15).filter(is_closed=False).last()
    mogens = person("Mogens Christen Gade")
    minutes.item_absences.create(item_id=open_item.pk, person=mogens, reason="disqualified")
    page = text(client.get(f"/kkr-nordjylland/{JAN_15}/referat/"))
    assert "Mogens Christen Gade (V) deltog ikke i behandlingen af punktet (inhabil)." in page
    data, _pages = render_pdf("minutes", meeting(JAN_15), "public")
    assert "Mogens Christen Gade (V) deltog ikke i behandlingen af punktet (inhabil)." in pdf_text(
        data, tmp_path
    )
