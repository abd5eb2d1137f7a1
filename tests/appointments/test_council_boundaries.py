"""People are shared between councils; each council's register acts on its own seats only. A secretary
of one council cannot end another council's memberships or change its people's parties."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from agendas.models import Meeting
from appointments import services
from appointments.models import Appointment
from kkr.access import meeting_access
from kkr.models import AuditEntry, Council, Membership, Person
from tests.factories import make_council, make_secretary

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    return Council.objects.get(slug="kkr-nordjylland")


@pytest.fixture
def other():
    """Council B, with no seats yet."""
    return make_council(name="KKR Syddanmark", slug="kkr-syddanmark")


def member_person():
    return Person.objects.get(user__username="medlem")


def test_another_councils_secretariat_cannot_end_a_members_seats(client, demo, other):
    client.force_login(make_secretary(other))
    mogens = member_person()
    seats = list(Membership.objects.filter(person=mogens).values_list("pk", "end"))
    url = f"/{other.slug}/udpegninger/person/{mogens.pk}/udtraeder/"
    assert client.get(url).status_code == 404
    data = {"on": "2021-02-05", "reason": "Udtrådt", "confirmed": "True"}
    assert client.post(url, data).status_code == 404
    assert list(Membership.objects.filter(person=mogens).values_list("pk", "end")) == seats
    # The member still reads the closed items of the next meeting.
    meeting = Meeting.objects.get(council=demo, date="2021-02-05")
    assert meeting_access(mogens.user, demo.slug, meeting.date).sees_closed


def test_another_councils_secretariat_cannot_change_a_members_party(client, demo, other):
    client.force_login(make_secretary(other))
    mogens = member_person()
    url = f"/{other.slug}/udpegninger/person/{mogens.pk}/partiskifte/"
    assert client.post(url, {"party": "", "on": "2021-03-01"}).status_code == 404
    mogens.refresh_from_db()
    assert mogens.party == "V"
    assert not mogens.affiliations.exists()
    assert not AuditEntry.objects.filter(council=other).exists()


def test_a_person_page_belongs_to_the_councils_the_person_sits_in(client, demo, other):
    mogens = member_person()
    assert client.get(f"/{demo.slug}/udpegninger/person/{mogens.pk}/").status_code == 200
    assert client.get(f"/{other.slug}/udpegninger/person/{mogens.pk}/").status_code == 404


def test_leaving_one_council_keeps_the_seats_in_another(demo, other):
    mogens = member_person()
    services.add_membership(other, mogens, role=Membership.Role.MEMBER, start=D(2021, 1, 1))
    appointments = list(Appointment.objects.filter(person=mogens, end__isnull=True))
    assert appointments  # he sits in bodies for KKR Nordjylland

    plan = services.person_leaves(mogens, council=other, on=D(2021, 6, 30), reason="Fraflyttet")

    assert [row.council for row in plan.ends] == [other]
    assert Membership.objects.get(person=mogens, council=other).end == D(2021, 6, 30)
    assert Membership.objects.get(person=mogens, council=demo, end__isnull=True)
    assert list(Appointment.objects.filter(person=mogens, end__isnull=True)) == appointments


def test_a_party_change_needs_the_person_in_the_councils_register(demo, other):
    mogens = member_person()
    with pytest.raises(ValidationError, match="står ikke i registret for KKR Syddanmark"):
        services.change_party(mogens, party="", on=D(2021, 3, 1), council=other)
    services.change_party(mogens, party="", on=D(2021, 3, 1), council=demo)
    mogens.refresh_from_db()
    assert mogens.party == ""


def test_a_person_created_by_the_secretariat_is_in_its_register_before_any_seat(client, demo, other):
    client.force_login(make_secretary(other))
    response = client.post(f"/{other.slug}/udpegninger/ny-person/", {"name": "Ny Nabo", "party": "A"})
    assert response.status_code == 302
    person = Person.objects.get(name="Ny Nabo")
    assert client.get(f"/{other.slug}/udpegninger/person/{person.pk}/").status_code == 200
    assert client.get(f"/{demo.slug}/udpegninger/person/{person.pk}/").status_code == 404


def test_the_body_page_links_each_holder_to_the_council_that_appointed_them(client, demo, other):
    mogens = member_person()
    body = Appointment.objects.filter(person=mogens).first().seat.body
    services.appoint(
        body.seats.create(council=other, role="observer"),
        Person.objects.create(name="Syd Person"),
        start=D(2021, 1, 1),
    )
    syd = Person.objects.get(name="Syd Person")
    page = client.get(f"/{demo.slug}/udpegninger/organ/{body.slug}/").content.decode()
    assert f'href="/{other.slug}/udpegninger/person/{syd.pk}/"' in page
    assert f'href="/{demo.slug}/udpegninger/person/{mogens.pk}/"' in page
    assert client.get(f"/{other.slug}/udpegninger/person/{syd.pk}/").status_code == 200
