"""The register's rules: succession, vacancies, capacity, as-of dates, party changes, terms."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from appointments import services
from appointments.models import Appointment, Body, Seat, Term
from kkr.models import AuditEntry, Membership, Person
from tests.factories import make_council

pytestmark = pytest.mark.django_db

D = datetime.date
Role = Seat.Role


@pytest.fixture
def council():
    return make_council(name="KKR Test")


@pytest.fixture
def body():
    return Body.objects.create(name="RAR Test", slug="rar-test")


def person(name, party="C"):
    return Person.objects.create(name=name, party=party)


def seat(body, council, role=Role.MEMBER, count=1):
    return Seat.objects.create(body=body, council=council, role=role, count=count)


def test_a_seat_takes_no_more_holders_than_its_count(body, council):
    members = seat(body, council, count=2)
    services.appoint(members, person("A"), start=D(2021, 1, 1))
    services.appoint(members, person("B"), start=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="Der er 2 plads\\(er\\) som medlem i RAR Test.*A, B"):
        services.appoint(members, person("C"), start=D(2021, 6, 1))
    assert members.appointments.count() == 2  # nothing saved


def test_a_place_freed_by_an_end_can_be_filled_from_the_next_day(body, council):
    members = seat(body, council)
    first = services.appoint(members, person("A"), start=D(2021, 1, 1))
    services.end_seat(first, end=D(2021, 3, 31), reason="Udtrådt")
    with pytest.raises(ValidationError):
        services.appoint(members, person("B"), start=D(2021, 3, 31))
    services.appoint(members, person("B"), start=D(2021, 4, 1))
    # a later appointment that ends before the next one starts also fits
    assert members.appointments.count() == 2


def test_overlap_is_checked_on_every_day_of_the_new_period(body, council):
    members = seat(body, council)
    services.appoint(members, person("Later"), start=D(2022, 1, 1))
    with pytest.raises(ValidationError):
        services.appoint(members, person("Open"), start=D(2021, 1, 1))  # no end: runs into 2022
    services.appoint(members, person("Until"), start=D(2021, 1, 1), end=D(2021, 12, 31))


def test_one_person_cannot_hold_the_same_seat_twice_at_once(body, council):
    members = seat(body, council, count=3)
    a = person("A")
    services.appoint(members, a, start=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="A er allerede medlem i RAR Test"):
        services.appoint(members, a, start=D(2021, 2, 1))


def test_a_personal_substitute_needs_a_member_to_stand_in_for(body, council):
    members, substitutes = seat(body, council), seat(body, council, Role.SUBSTITUTE)
    a, b, c = person("A"), person("B"), person("C")
    with pytest.raises(ValidationError, match="A sidder ikke i RAR Test"):
        services.appoint(substitutes, b, start=D(2021, 1, 1), substitute_for=a)
    services.appoint(members, a, start=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="Kun en stedfortræder"):
        services.appoint(members, b, start=D(2021, 1, 1), substitute_for=a)
    services.appoint(substitutes, b, start=D(2021, 1, 1), substitute_for=a)
    substitutes.count = 2
    substitutes.save()
    with pytest.raises(ValidationError, match="A har allerede en personlig stedfortræder"):
        services.appoint(substitutes, c, start=D(2021, 1, 1), substitute_for=a)


def test_leaving_ends_every_seat_and_moves_the_personal_substitute_up(body, council):
    members, substitutes = seat(body, council), seat(body, council, Role.SUBSTITUTE)
    karsten, vibeke = person("Karsten"), person("Vibeke")
    services.appoint(members, karsten, start=D(2018, 1, 1))
    services.appoint(substitutes, vibeke, start=D(2018, 1, 1), substitute_for=karsten)
    services.add_membership(council, karsten, role=Membership.Role.MEMBER, start=D(2018, 1, 1))
    services.add_membership(
        council, vibeke, role=Membership.Role.SUBSTITUTE, start=D(2018, 1, 1), substitute_for=karsten
    )

    plan = services.leaving_plan(karsten, D(2020, 12, 31), council=council)
    assert "Vibeke rykker op som medlem i RAR Test fra 01-01-2021" in " ".join(plan.lines)
    assert Appointment.objects.filter(end__isnull=False).count() == 0  # a plan changes nothing

    services.person_leaves(karsten, council=council, on=D(2020, 12, 31), reason="Udtrådt af byrådet")

    # history kept: the old rows end, new rows start the next day
    karsten_rows = Appointment.objects.filter(person=karsten)
    assert [(a.end, a.end_reason) for a in karsten_rows] == [(D(2020, 12, 31), "Udtrådt af byrådet")]
    vibeke_rows = Appointment.objects.filter(person=vibeke).order_by("start")
    assert [(a.seat.role, a.start, a.end) for a in vibeke_rows] == [
        (Role.SUBSTITUTE, D(2018, 1, 1), D(2020, 12, 31)),
        (Role.MEMBER, D(2021, 1, 1), None),
    ]
    council_rows = Membership.objects.filter(person=vibeke).order_by("start")
    assert [(m.role, m.start, m.end) for m in council_rows] == [
        ("substitute", D(2018, 1, 1), D(2020, 12, 31)),
        ("member", D(2021, 1, 1), None),
    ]
    assert Membership.objects.get(person=karsten).end == D(2020, 12, 31)

    # the substitute seat and the council member's substitute are vacant now, not before
    after, before = services.register(council, D(2021, 1, 1)), services.register(council, D(2020, 12, 31))
    rar_after = dict(after.bodies)[body]
    assert [(s.seat.role, [a.person.name for a in s.holders], s.vacant) for s in rar_after] == [
        (Role.MEMBER, ["Vibeke"], 0),
        (Role.SUBSTITUTE, [], 1),
    ]
    assert [(m.membership.person.name, m.substitute) for m in after.members] == [("Vibeke", None)]
    assert after.vacancies == 2
    assert before.vacancies == 0
    assert AuditEntry.objects.filter(council=council, area="register").count() >= 6


def test_leaving_without_seats_is_an_error(council):
    with pytest.raises(ValidationError, match="har ingen pladser"):
        services.person_leaves(person("Nobody"), council=council, on=D(2021, 1, 1), reason="x")


def test_a_party_change_keeps_the_earlier_party(council):
    line = person("Line", party="C")
    services.add_membership(council, line, role=Membership.Role.SUBSTITUTE, start=D(2018, 1, 1))
    services.change_party(line, party="", on=D(2021, 1, 15), council=council)
    line.refresh_from_db()
    assert line.party == ""
    assert line.party_on(D(2021, 1, 14)) == "C"
    assert line.party_on(D(2021, 1, 15)) == ""
    assert line.label_on(D(2021, 1, 15)) == "Line (løsgænger)"
    with pytest.raises(ValidationError, match="allerede"):
        services.change_party(line, party="", on=D(2021, 3, 1), council=council)
    with pytest.raises(ValidationError, match="senere dato"):
        services.change_party(line, party="V", on=D(2021, 1, 10), council=council)


def test_the_register_as_of_a_date(body, council):
    members = seat(body, council)
    a = services.appoint(members, person("A"), start=D(2019, 1, 1))
    services.end_seat(a, end=D(2020, 6, 30), reason="Udtrådt")
    services.appoint(members, person("B"), start=D(2020, 9, 1))
    holders = {
        day: [r.person.name for r in dict(services.register(council, day).bodies)[body][0].holders]
        for day in (D(2018, 12, 31), D(2020, 6, 30), D(2020, 7, 1), D(2021, 2, 5))
    }
    assert holders == {D(2018, 12, 31): [], D(2020, 6, 30): ["A"], D(2020, 7, 1): [], D(2021, 2, 5): ["B"]}


def test_ending_before_the_start_or_twice_is_refused(body, council):
    a = services.appoint(seat(body, council), person("A"), start=D(2021, 1, 1))
    with pytest.raises(ValidationError, match="vælg en senere slutdato"):
        services.end_seat(a, end=D(2020, 12, 1), reason="x")
    services.end_seat(a, end=D(2021, 5, 1), reason="x")
    with pytest.raises(ValidationError, match="allerede ophørt"):
        services.end_seat(a, end=D(2021, 6, 1), reason="y")
    a.refresh_from_db()
    assert (a.end, a.end_reason) == (D(2021, 5, 1), "x")


def test_carry_over_starts_the_same_people_in_the_next_term(body, council):
    old = Term.objects.create(label="2018-2022", start=D(2018, 1, 1), end=D(2021, 12, 31))
    new = Term.objects.create(label="2022-2026", start=D(2022, 1, 1), end=D(2025, 12, 31))
    members, substitutes = seat(body, council), seat(body, council, Role.SUBSTITUTE)
    a, b = person("A"), person("B")
    services.appoint(members, a, start=D(2018, 1, 1))
    services.appoint(substitutes, b, start=D(2018, 1, 1), substitute_for=a)
    assert Appointment.objects.get(person=a).term == old  # the term of the start date
    assert services.carry_over(council, old, new) == 2
    assert services.carry_over(council, old, new) == 0  # already done
    rows = Appointment.objects.filter(term=new).order_by("seat__role")
    assert [(r.person.name, r.start, r.substitute_for) for r in rows] == [
        ("A", D(2022, 1, 1), None),
        ("B", D(2022, 1, 1), a),
    ]
    assert Appointment.objects.get(person=a, term=old).end == D(2021, 12, 31)


def test_council_roles_chair_once_and_one_row_per_person(council):
    chair = person("Arne", "A")
    services.add_membership(council, chair, role=Membership.Role.CHAIR, start=D(2018, 1, 1))
    with pytest.raises(ValidationError, match="har allerede en formand"):
        services.add_membership(council, person("Other"), role=Membership.Role.CHAIR, start=D(2019, 1, 1))
    with pytest.raises(ValidationError, match="sidder allerede"):
        services.add_membership(council, chair, role=Membership.Role.MEMBER, start=D(2019, 1, 1))
