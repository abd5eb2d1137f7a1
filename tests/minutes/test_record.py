"""The record is immutable: minutes are written against the agenda version they decide on, so nothing
done to the working agenda changes published minutes; sent minutes lock the agenda; only draft minutes
take writes; and a decision stays closed when either the version or the working copy closes its item."""

import datetime
import re
import subprocess

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas import services as agenda_services
from agendas.models import AgendaItem, Meeting
from documents.services import render_pdf
from kkr.models import Person
from minutes import services
from minutes.models import Decision, ItemAbsence, Minutes

pytestmark = pytest.mark.django_db

JAN_15, FEB_5 = "2021-01-15", "2021-02-05"
SECRET = "BESLUTNING-KUN-FOR-MEDLEMMER"
LOCKED = "Referatet er udsendt, så dagsordenen kan ikke længere ændres"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)


def meeting(date):
    return Meeting.objects.select_related("council").get(date=date)


def item(date, number):
    section, position = number.split(".")
    return AgendaItem.objects.select_related("section__meeting").get(
        section__meeting__date=date, section__position=section, position=position
    )


def main_text(response):
    assert response.status_code == 200
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def pdf_text(data, tmp_path):
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def published_record(client, date, tmp_path):
    """What an anonymous reader gets of the meeting: agenda and minutes pages, and their PDFs."""
    cache.clear()
    base = f"/kkr-nordjylland/{date}/"
    return {
        "agenda page": main_text(client.get(base)),
        "minutes page": main_text(client.get(base + "referat/")),
        "agenda pdf": pdf_text(render_pdf("agenda", meeting(date), "public")[0], tmp_path),
        "minutes pdf": pdf_text(render_pdf("minutes", meeting(date), "public")[0], tmp_path),
    }


def test_sent_minutes_lock_the_agenda_and_the_published_record_stays(client, demo, tmp_path):
    before = published_record(client, JAN_15, tmp_path)
    assert "Taget til efterretning." in before["minutes page"]
    first, second = item(JAN_15, "2.1"), item(JAN_15, "2.2")
    edits = [
        lambda: agenda_services.delete_item_by(first),
        lambda: agenda_services.move_item_by(first, first.section, 2),
        lambda: agenda_services.update_item(first, {"title": "Omdøbt"}, revision=first.revision),
        lambda: agenda_services.update_item(first, {"is_closed": True}, revision=first.revision),
        lambda: agenda_services.create_item(first.section, title="Nyt", case_number="SAG-2021-00512"),
        lambda: agenda_services.attach_file(first, "Bilag", b"%PDF-1.4"),
        lambda: agenda_services.publish_agenda(first.section.meeting, change_note="Rettet", render=False),
    ]
    for edit in edits:
        with pytest.raises(ValidationError, match="Referatet er godkendt, så dagsordenen kan ikke"):
            edit()
    assert item(JAN_15, "2.1").title == first.title and not item(JAN_15, "2.1").is_closed
    # Rows changed behind the services' back (the admin, a script) still leave the record alone.
    AgendaItem.objects.filter(pk=second.pk).update(title="Omdøbt i arbejdskopien", position=3)
    AgendaItem.objects.filter(pk=first.pk).delete()
    assert Decision.objects.filter(item_id=first.pk).exists()
    assert published_record(client, JAN_15, tmp_path) == before


def test_the_agenda_edit_page_says_why_it_is_locked(client, demo):
    assert client.login(username="sekretariat", password="demo-sekretariat")
    minutes = Minutes.objects.get(meeting__date=FEB_5)
    services.send_minutes(minutes, sent_on=datetime.date(2021, 2, 12))
    target = item(FEB_5, "3.1")
    edit = f"/kkr-nordjylland/{FEB_5}/rediger/"
    assert LOCKED in " ".join(client.get(edit).content.decode().split())
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(f"{edit}punkt/{target.pk}/slet/", **headers)
        assert response.status_code in (403, 422)
        assert LOCKED in " ".join(response.content.decode().split())
        response = client.post(f"{edit}punkt/{target.pk}/flyt/", {"direction": "down"}, **headers)
        assert response.status_code in (403, 422)
        assert LOCKED in " ".join(response.content.decode().split())
    assert item(FEB_5, "3.1").pk == target.pk


def test_draft_minutes_keep_decisions_of_an_item_deleted_from_the_working_agenda(client, demo):
    minutes = Minutes.objects.get(meeting__date=FEB_5)
    target = item(FEB_5, "3.1")
    target_id, title = target.pk, target.title
    decision = Decision.objects.get(minutes=minutes, item_id=target_id)
    agenda_services.delete_item_by(target)  # draft minutes: the agenda is not locked
    assert not AgendaItem.objects.filter(pk=target_id).exists()
    assert Decision.objects.get(pk=decision.pk).item_id == target_id
    assert client.login(username="sekretariat", password="demo-sekretariat")
    page = " ".join(client.get(f"/kkr-nordjylland/{FEB_5}/referat/rediger/").content.decode().split())
    assert title in page  # the editor shows the version the minutes decide on
    assert page.count('class="decision-card"') == 16
    response = client.post(
        f"/kkr-nordjylland/{FEB_5}/referat/rediger/beslutning/{target_id}/",
        {f"punkt-{target_id}-text": "Godkendt."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert Decision.objects.get(pk=decision.pk).text == "Godkendt."


def close_in_working_copy_only(date, number):
    """A decided item closed in the working copy, the agenda not published again."""
    target = item(date, number)
    Decision.objects.filter(item_id=target.pk).update(text=SECRET)
    AgendaItem.objects.filter(pk=target.pk).update(is_closed=True)
    return target


def test_a_decision_closed_only_in_the_working_copy_never_reaches_the_public(client, demo, tmp_path):
    target = close_in_working_copy_only(JAN_15, "2.1")
    cache.clear()
    urls = [
        f"/kkr-nordjylland/{JAN_15}/referat/",
        f"/kkr-nordjylland/{JAN_15}/",
        f"/api/v1/moeder/kkr-nordjylland/{JAN_15}/",
        "/kkr-nordjylland/dagsordener.atom",
        "/dagsordener.atom",
        "/soeg/?q=BESLUTNING",
    ]
    for url in urls:
        assert SECRET not in client.get(url).content.decode(), url
    public = pdf_text(render_pdf("minutes", meeting(JAN_15), "public")[0], tmp_path)
    members = pdf_text(render_pdf("minutes", meeting(JAN_15), "members")[0], tmp_path)
    assert target.title in public and SECRET not in public
    assert SECRET in members


def test_minutes_are_not_published_while_an_items_closed_flag_differs(demo):
    close_in_working_copy_only(FEB_5, "3.2")
    minutes = Minutes.objects.get(meeting__date=FEB_5)
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    minutes.refresh_from_db()
    with pytest.raises(ValidationError, match=r"3\.2.*Offentliggør dagsordenen igen"):
        services.publish_minutes(minutes, render=False)
    assert Minutes.objects.get(pk=minutes.pk).status == "approved"


def test_minutes_are_not_sent_while_an_items_closed_flag_differs(demo):
    """Sending locks the agenda, so the flags could never be brought together again."""
    close_in_working_copy_only(FEB_5, "3.2")
    minutes = Minutes.objects.get(meeting__date=FEB_5)
    with pytest.raises(ValidationError, match=r"3\.2"):
        services.send_minutes(minutes, sent_on=datetime.date(2021, 2, 12))
    assert Minutes.objects.get(pk=minutes.pk).status == "draft"


def snapshot(minutes):
    return (
        list(minutes.decisions.values_list("item_id", "text")),
        list(minutes.item_absences.values_list("item_id", "person_id", "reason")),
        list(minutes.attendance.values_list("person_id", "status")),
    )


def sent_minutes():
    minutes = Minutes.objects.get(meeting__date=FEB_5)
    services.send_minutes(minutes, sent_on=datetime.date(2021, 2, 12))
    return minutes


@pytest.mark.parametrize("status", ["sent", "approved", "published"])
def test_only_draft_minutes_take_writes(demo, status):
    if status == "sent":
        minutes, date = sent_minutes(), FEB_5
    else:
        Minutes.objects.filter(meeting__date=JAN_15).update(status=status)
        minutes, date = Minutes.objects.get(meeting__date=JAN_15), JAN_15
    target = item(date, "2.1")
    someone, other = Person.objects.get(name="Arne Boelt"), Person.objects.get(name="Mogens Christen Gade")
    existing = ItemAbsence.objects.create(minutes=minutes, item_id=target.pk, person=someone, reason="left")
    before = snapshot(minutes)
    writes = [
        lambda: services.save_decision(minutes, target, "Ændret bagefter."),
        lambda: services.add_absence(minutes, target, other, "left"),
        lambda: services.remove_absence(minutes, existing),
        lambda: services.record_attendance(minutes, {someone: ("absent", None)}),
    ]
    for write in writes:
        with pytest.raises(ValidationError, match="kan ikke længere ændres"):
            write()
    assert snapshot(minutes) == before


@pytest.mark.parametrize("htmx", [False, True])
def test_the_editor_refuses_writes_to_sent_minutes_with_a_message(client, demo, htmx):
    minutes = sent_minutes()
    assert client.login(username="sekretariat", password="demo-sekretariat")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    target = item(FEB_5, "3.1")
    someone = Person.objects.get(name="Arne Boelt")
    existing = ItemAbsence.objects.create(minutes=minutes, item_id=target.pk, person=someone, reason="left")
    before = snapshot(minutes)
    edit = f"/kkr-nordjylland/{FEB_5}/referat/rediger/"
    posts = [
        (f"beslutning/{target.pk}/", {f"punkt-{target.pk}-text": "Ændret bagefter."}),
        ("fravaer/", {"item": target.pk, "person": someone.pk, "reason": "disqualified"}),
        (f"fravaer/{existing.pk}/slet/", {}),
        ("deltagere/", {f"status-{someone.pk}": "absent"}),
    ]
    for url, data in posts:
        response = client.post(edit + url, data, **headers)
        assert response.status_code in (403, 422), url
        assert "Referatet er udsendt og kan ikke længere ændres" in response.content.decode(), url
    assert snapshot(minutes) == before


def test_sent_minutes_taken_back_unlock_the_agenda_until_approved(client, demo):
    minutes = sent_minutes()
    target = item(FEB_5, "3.1")
    with pytest.raises(ValidationError, match=LOCKED):
        agenda_services.update_item(target, {"title": "Rettet titel"}, revision=target.revision)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    response = client.post(f"/kkr-nordjylland/{FEB_5}/referat/rediger/traek-tilbage/", follow=True)
    assert "Referatet er en kladde igen" in response.content.decode()
    minutes.refresh_from_db()
    assert (minutes.status, minutes.sent_on) == ("draft", None)
    agenda_services.update_item(target, {"title": "Rettet titel"}, revision=target.revision)
    with pytest.raises(ValidationError, match="Kun et udsendt referat"):
        services.unsend_minutes(Minutes.objects.get(meeting__date=JAN_15))


def test_a_meeting_never_published_has_no_minutes_to_write(client, demo):
    draft = Meeting.objects.get(date="2021-04-23")
    with pytest.raises(ValidationError, match="Dagsordenen er ikke offentliggjort"):
        services.minutes_for(draft)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    response = client.get("/kkr-nordjylland/2021-04-23/referat/rediger/", follow=True)
    assert response.redirect_chain[-1][0] == "/kkr-nordjylland/2021-04-23/rediger/"
    assert "Dagsordenen er ikke offentliggjort" in response.content.decode()
    assert client.get("/kkr-nordjylland/2021-04-23/referat/rediger/deltagere/").status_code == 404
    assert not Minutes.objects.filter(meeting=draft).exists()
