import pytest
from django.core.exceptions import ValidationError

from agendas.services import add_item, delete_item, move_item
from tests.factories import make_item, make_meeting, make_section

pytestmark = pytest.mark.django_db


def numbers(meeting):
    return [
        (item.number, item.title)
        for section in meeting.sections.order_by("position")
        for item in section.items.order_by("position")
    ]


def test_numbers_follow_positions():
    section = make_section(position=3)
    make_item(section=section, title="Limfjordsrådet")
    second = make_item(section=section, title="Klimaambition")
    assert second.number == "3.2."
    assert str(second) == "3.2. Klimaambition"
    assert section.number == "3."


def test_moving_an_item_up_renumbers_the_items_it_passed():
    section = make_section()
    a, b, c = (make_item(section=section, title=t) for t in "ABC")
    move_item(c, section, 1)
    assert numbers(section.meeting) == [("1.1.", "C"), ("1.2.", "A"), ("1.3.", "B")]


def test_moving_an_item_to_another_section_renumbers_both():
    meeting = make_meeting()
    first, second = make_section(meeting=meeting), make_section(meeting=meeting)
    a, b, c = (make_item(section=first, title=t) for t in "ABC")
    d = make_item(section=second, title="D")
    move_item(a, second, 2)
    assert numbers(meeting) == [("1.1.", "B"), ("1.2.", "C"), ("2.1.", "D"), ("2.2.", "A")]
    move_item(d, first, 99)  # past the end means last
    assert numbers(meeting) == [("1.1.", "B"), ("1.2.", "C"), ("1.3.", "D"), ("2.1.", "A")]


def test_moving_an_item_to_another_meeting_is_refused():
    item = make_item()
    other = make_section()
    with pytest.raises(ValidationError, match="eget møde"):
        move_item(item, other, 1)
    item.refresh_from_db()
    assert item.section.meeting != other.meeting


def test_deleting_an_item_closes_the_gap():
    section = make_section()
    a, b, c = (make_item(section=section, title=t) for t in "ABC")
    delete_item(b)
    assert numbers(section.meeting) == [("1.1.", "A"), ("1.2.", "C")]


def test_added_items_go_last():
    section = make_section()
    make_item(section=section, title="A")
    item = add_item(section, title="Ny", case_number="SAG-2021-00001", case_handler="hast")
    assert item.number == "1.2."
