"""The secretariat's minutes pages: who may use them, saving decisions by htmx, attendance, sending,
approving through the next meeting and publishing."""

import datetime

import pytest
from django.urls import get_resolver, reverse

from agendas.models import AgendaItem
from minutes import views
from minutes.models import Attendance, Decision, ItemAbsence, Minutes
from tests.factories import make_council, make_member, make_secretary, make_user

pytestmark = pytest.mark.django_db

EDIT = "/kkr-nordjylland/2021-02-05/referat/rediger/"


def text(response):
    return " ".join(response.content.decode().split())


def item(date, number):
    section, position = number.split(".")
    return AgendaItem.objects.get(section__meeting__date=date, section__position=section, position=position)


def edit_urls(meeting):
    minutes = Minutes.objects.get(meeting=meeting)
    first = item("2021-02-05", "3.1")
    someone = minutes.attendance.first().person
    absence = ItemAbsence.objects.create(minutes=minutes, item_id=first.pk, person=someone, reason="left")
    values = {
        "council_slug": meeting.council.slug,
        "date": meeting.date,
        "item_id": first.pk,
        "absence_id": absence.pk,
    }
    patterns = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "minutes")
    return [
        reverse(f"minutes:{p.name}", kwargs={n: values[n] for n in p.pattern.converters})
        for p in patterns.url_patterns
        if p.callback.__module__ == views.__name__ and p.name != "minutes"
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "other user", "other secretariat"])
def test_only_the_secretariat_writes_minutes(client, demo, role):
    if role == "member":
        client.force_login(make_member(demo.council))
    elif role == "other user":
        client.force_login(make_user())
    elif role == "other secretariat":
        client.force_login(make_secretary(make_council()))
    decision = Decision.objects.get(item_id=item("2021-02-05", "3.1").pk).text
    urls = edit_urls(demo)
    assert len(urls) == 8
    for url in urls:
        assert client.get(url).status_code in (403, 405), url
        assert client.post(url, {"punkt-1-text": "x", "sent_on": "2021-02-12"}).status_code in (403, 405), url
    assert Decision.objects.get(item_id=item("2021-02-05", "3.1").pk).text == decision
    assert Minutes.objects.get(meeting=demo).status == "draft"


def test_a_decision_saves_by_htmx_and_answers_with_its_card(secretary, demo):
    target = item("2021-02-05", "3.2")
    url = f"{EDIT}beslutning/{target.pk}/"
    response = secretary.post(
        url, {f"punkt-{target.pk}-text": "Godkendt.\n– med en bemærkning"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Gemt kl." in text(response)
    assert "<html" not in response.content.decode()
    assert Decision.objects.get(item_id=target.pk).text == "Godkendt.\n– med en bemærkning"
    # a one-click standard decision replaces the text
    secretary.post(
        url,
        {f"punkt-{target.pk}-text": "ignored", f"punkt-{target.pk}-standard": "Drøftet."},
        HTTP_HX_REQUEST="true",
    )
    assert Decision.objects.get(item_id=target.pk).text == "Drøftet."


def test_the_editor_shows_every_item_the_standard_decisions_and_the_register_link(secretary, demo):
    page = text(secretary.get(EDIT))
    assert page.count('class="decision-card"') == 16
    assert "Taget til efterretning." in page
    assert f"/kkr-nordjylland/udpegninger/?punkt={item('2021-02-05', '4.1').pk}" in page
    register = text(secretary.get(f"/kkr-nordjylland/udpegninger/?punkt={item('2021-02-05', '4.1').pk}"))
    assert "decided_by=" in register and "start=2021-02-05" in register


def test_attendance_form_records_a_substitute_and_guests(secretary, demo):
    minutes = Minutes.objects.get(meeting=demo)
    arne = Attendance.objects.get(minutes=minutes, person__name="Arne Boelt").person
    mogens = Attendance.objects.get(minutes=minutes, person__name="Mogens Christen Gade").person
    response = secretary.post(
        f"{EDIT}deltagere/",
        {
            f"status-{arne.pk}": "present",
            f"status-{mogens.pk}": "absent",
            "guests": "Jens Jensen, direktør\n\n",
        },
    )
    assert response.status_code == 302
    rows = dict(minutes.attendance.values_list("person__name", "status"))
    assert rows["Mogens Christen Gade"] == "absent"
    minutes.refresh_from_db()
    assert minutes.guest_list == ["Jens Jensen, direktør"]
    # Nobody without a personal substitute can be marked as replaced
    bad = secretary.post(f"{EDIT}deltagere/", {f"status-{arne.pk}": "substitute"})
    assert bad.status_code == 422
    assert "Arne Boelt har ingen personlig stedfortræder" in text(bad)
    assert dict(minutes.attendance.values_list("person__name", "status"))["Mogens Christen Gade"] == "absent"


def test_send_approve_at_the_next_meeting_and_publish(secretary, demo):
    response = secretary.post(f"{EDIT}udsend/", {"sent_on": "2021-02-12"}, follow=True)
    assert "Referatet er markeret som udsendt" in text(response)
    # "Nyt møde" gives the next meeting the standard agenda, whose 1.1 lists these minutes
    new_meeting = {
        "date": "2021-03-12",
        "start_time": "09:00",
        "place": "Aalborg",
        "kind": "ordinary",
        "case_number": "SAG-2021-00512",
        "case_handler": "hast",
    }
    response = secretary.post("/kkr-nordjylland/nyt-moede/", new_meeting)
    assert response.status_code == 302, text(response)
    approval = item("2021-03-12", "1.1")
    assert "5. februar 2021" in approval.recommendation
    response = secretary.post("/kkr-nordjylland/2021-03-12/rediger/offentliggoer/", {"sent_on": "2021-03-05"})
    assert response.status_code == 302, text(response)
    response = secretary.post(
        f"/kkr-nordjylland/2021-03-12/referat/rediger/beslutning/{approval.pk}/",
        {f"punkt-{approval.pk}-standard": "Godkendt.", f"punkt-{approval.pk}-approves": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert "Referatet af mødet 05-02-2021 er nu godkendt." in text(response)
    response = secretary.post(f"{EDIT}offentliggoer/", follow=True)
    assert "Referatet er offentliggjort." in text(response)
    minutes = Minutes.objects.get(meeting=demo)
    assert (minutes.status, minutes.approved_on) == ("published", datetime.date(2021, 3, 12))
    secretary.logout()
    assert secretary.get("/kkr-nordjylland/2021-02-05/referat/").status_code == 200
    assert "Læs referatet af mødet" in text(secretary.get("/kkr-nordjylland/2021-02-05/"))


def test_saving_a_decision_costs_a_fixed_number_of_queries(secretary, demo, django_assert_max_num_queries):
    target = item("2021-02-05", "3.2")
    with django_assert_max_num_queries(13):
        response = secretary.post(
            f"{EDIT}beslutning/{target.pk}/", {f"punkt-{target.pk}-text": "Godkendt."}, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200


def test_approving_when_nothing_was_sent_says_so(secretary, demo):
    approval = item("2021-02-05", "1.1")  # the minutes of 13 Nov and 15 Jan are approved already
    response = secretary.post(
        f"{EDIT}beslutning/{approval.pk}/",
        {f"punkt-{approval.pk}-standard": "Godkendt.", f"punkt-{approval.pk}-approves": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert "Der var ingen udsendte referater at godkende" in text(response)
