"""Roles, not titles: the sections and items that drive behaviour (the register link under
"Udpegninger", approving minutes under item 1.1) keep doing so when the secretariat renames them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas.content import AgendaContent
from agendas.models import AgendaItem, AgendaSection, Meeting
from agendas.services import add_item, create_meeting, publish_agenda, update_item
from minutes import services
from minutes.models import Minutes

pytestmark = pytest.mark.django_db

MAR_12 = "/kkr-nordjylland/2021-03-12/"


def text(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def secretary(client):
    call_command("load_demo", stdout=None)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    return client


@pytest.fixture
def renamed_meeting(secretary):
    """5 February's minutes sent; the next meeting from the standard agenda, its sections 1 and 4 and
    item 1.1 renamed, an item under the renamed "Udpegninger", and its agenda published."""
    feb = Minutes.objects.get(meeting__date="2021-02-05")
    services.send_minutes(feb, sent_on=datetime.date(2021, 2, 12))
    council = feb.meeting.council
    facts = {"date": datetime.date(2021, 3, 12), "start_time": datetime.time(9), "place": "Aalborg"}
    meeting = create_meeting(council, **facts, case_number="SAG-2021-00512", case_handler="hast")
    for position, title in [(1, "Referat og dagsorden"), (4, "Valg til råd og nævn")]:
        section = meeting.sections.get(position=position)
        section.title = title
        section.save(update_fields=["title"])
    approval = AgendaItem.objects.get(section__meeting=meeting, section__position=1, position=1)
    update_item(approval, {"title": "Referatet fra sidste møde"}, revision=approval.revision)
    add_item(
        meeting.sections.get(position=4),
        title="Udpegning til RAR Nordjylland",
        case_number="SAG-2021-00512",
        case_handler="hast",
    )
    publish_agenda(meeting, notify=False, render=False)
    return Meeting.objects.get(pk=meeting.pk)


def item(meeting, section, position):
    return AgendaItem.objects.get(section__meeting=meeting, section__position=section, position=position)


def test_renamed_appointments_section_keeps_the_register_links(secretary, renamed_meeting):
    appointment = item(renamed_meeting, 4, 1)
    assert "Udpegninger: se ledige pladser" in text(secretary.get(MAR_12 + "rediger/"))
    minutes_page = text(secretary.get(MAR_12 + "referat/rediger/"))
    assert f"/kkr-nordjylland/udpegninger/?punkt={appointment.pk}" in minutes_page
    register = text(secretary.get(f"/kkr-nordjylland/udpegninger/?punkt={appointment.pk}"))
    assert "Du registrerer det, der blev besluttet under punkt 4.1. på mødet 12-03-2021" in register


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_renamed_approval_item_approves_the_sent_minutes_and_takes_it_back(secretary, renamed_meeting, htmx):
    approval = item(renamed_meeting, 1, 1)
    url = f"{MAR_12}referat/rediger/beslutning/{approval.pk}/"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    page = text(secretary.get(MAR_12 + "referat/rediger/"))
    assert "Referatet af mødet den 05-02-2021 godkendes" in page

    prefix = f"punkt-{approval.pk}"
    data = {f"{prefix}-text": "Godkendt med en bemærkning.", f"{prefix}-approves": "on"}
    response = secretary.post(url, data, follow=True, **headers)
    assert "Referatet af mødet 05-02-2021 er nu godkendt." in text(response)
    feb = Minutes.objects.get(meeting__date="2021-02-05")
    assert (feb.status, feb.approved_on) == ("approved", datetime.date(2021, 3, 12))

    # Unticking the choice takes the approval back, whatever the text says.
    secretary.post(url, {f"{prefix}-text": "Godkendt med en bemærkning."}, **headers)
    feb.refresh_from_db()
    assert (feb.status, feb.approved_on) == ("sent", None)


def test_a_decision_text_alone_approves_nothing(secretary, renamed_meeting):
    approval = item(renamed_meeting, 1, 1)
    secretary.post(
        f"{MAR_12}referat/rediger/beslutning/{approval.pk}/",
        {f"punkt-{approval.pk}-standard": "Godkendt."},
        HTTP_HX_REQUEST="true",
    )
    assert Minutes.objects.get(meeting__date="2021-02-05").status == "sent"


def test_the_standard_agenda_sets_the_roles(renamed_meeting):
    roles = dict(renamed_meeting.sections.values_list("position", "role"))
    assert roles == {1: "minutes_approval", 2: "", 3: "", 4: "appointments", 5: "", 6: "next_meeting", 7: ""}
    assert item(renamed_meeting, 1, 1).role == AgendaItem.Role.MINUTES_APPROVAL
    assert AgendaSection.Role.APPOINTMENTS == "appointments"


def test_a_published_version_keeps_the_roles_and_an_older_one_reads_as_none(renamed_meeting):
    version = renamed_meeting.published_version
    content = AgendaContent.from_version(version)
    assert [s.role for s in content.sections][:4] == ["minutes_approval", "", "", "appointments"]
    assert content.sections[0].items[0].role == "minutes_approval"
    # A version published before roles existed has none in its snapshot.
    for section in version.content["sections"]:
        del section["role"]
        for entry in section["items"]:
            del entry["role"]
    content = AgendaContent.from_version(version)
    assert {s.role for s in content.sections} == {""}
    assert {i.role for _s, i in content.items()} == {""}


def test_the_admin_shows_the_roles_and_cannot_change_them(secretary, renamed_meeting, django_user_model):
    # Agenda content, roles included, changes only through the edit pages' services.
    secretary.force_login(django_user_model.objects.create_superuser("admin", "admin@example.org", "pw"))
    section = renamed_meeting.sections.get(position=4)
    url = f"/admin/agendas/agendasection/{section.pk}/change/"
    assert '<div class="readonly">udpegninger</div>' in text(secretary.get(url))
    secretary.post(url, {"title": section.title, "role": "", "position": section.position})
    section.refresh_from_db()
    assert section.role == AgendaSection.Role.APPOINTMENTS
    approval = item(renamed_meeting, 1, 1)
    page = text(secretary.get(f"/admin/agendas/agendaitem/{approval.pk}/change/"))
    assert '<div class="readonly">godkendelse af referat</div>' in page
    assert "udpegninger" in text(secretary.get("/admin/agendas/agendasection/"))  # the list shows roles


def test_a_meeting_has_one_section_per_role(renamed_meeting):
    section = AgendaSection(meeting=renamed_meeting, position=8, title="Flere", role="appointments")
    with pytest.raises(ValidationError, match="allerede et hovedpunkt med den funktion"):
        section.full_clean()
