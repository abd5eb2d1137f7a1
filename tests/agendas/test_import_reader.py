"""Reading an agenda from a printed agenda's text or PDF (agendas.importing): the seed, the project's
own agenda PDF read back (the round trip), the repairs, and files that are no agenda."""

import datetime
import io
import os
import random
import re

import pikepdf
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from agendas.importing import ImportRefused, read_agenda
from agendas.importing.compare import word_agreement
from agendas.models import Meeting
from documents.services import render_pdf
from kkr.demo.agenda_2021_02_05 import SECTIONS
from kkr.lib.simplepdf import text_pdf
from tests.data import SEED

FEB_5 = datetime.date(2021, 2, 5)
JAN_15 = datetime.date(2021, 1, 15)
CLOSED_ITEM_EDITIONS = {}
DEMO_ITEMS = [item for section in SECTIONS for item in section["items"]]
DEMO_NUMBERS = [
    f"{s}.{i}" for s, section in enumerate(SECTIONS, 1) for i in range(1, len(section["items"]) + 1)
]


def _structure(agenda):
    return {
        "sections": [(s.number, s.title) for s in agenda.sections],
        "items": [(i.number, i.title, i.case_number, i.case_handler) for i in agenda.items],
        "markers": {i.number: len(i.attachment_markers) for i in agenda.items},
    }


DEMO_STRUCTURE = {
    "sections": [(n, section["title"]) for n, section in enumerate(SECTIONS, 1)],
    "items": [
        (number, item["title"], item["case_number"], item["case_handler"])
        for number, item in zip(DEMO_NUMBERS, DEMO_ITEMS, strict=True)
    ],
    "markers": {
        number: len(item["attachments"]) for number, item in zip(DEMO_NUMBERS, DEMO_ITEMS, strict=True)
    },
}


def _tags(html):
    """The blocks of an item text: (tag, marked, first words), in order."""
    return [
        (tag, bool(marked), " ".join(text.split()[:4]))
        for tag, marked, text in re.findall(r'<(p|li|h5)( class="attachment-ref")?>(.*?)</\1>', html)
    ]


@pytest.fixture(scope="module")
def seed():
    return read_agenda(SEED.read_bytes(), SEED.name)


# The seed: the text extracted from the printed agenda of 5 February 2021


def test_seed_gives_the_demo_meetings_sections_items_case_lines_and_markers(seed):
    found = _structure(seed)
    assert found == DEMO_STRUCTURE
    assert len(seed.sections) == 7
    assert len(seed.items) == 16
    assert sum(found["markers"].values()) == 15
    # Titles wrapped onto a second line in print are whole.
    titles = {number: title for number, title, *_ in found["items"]}
    assert titles["3.4"] == "Resultatkontrakt mellem Erhvervshus Nordjylland og KKR Nordjylland"
    assert titles["3.10"] == "Orientering om rammeaftale om danskuddannelse til voksne udlændinge"


def test_seed_meeting_date_comes_from_the_running_header_and_what_is_missing_is_said(seed):
    assert seed.date == FEB_5
    assert seed.place == "" and seed.start_time is None
    assert "Mødets sted blev ikke fundet; angiv det." in seed.warnings
    assert "Mødets starttidspunkt blev ikke fundet; angiv det." in seed.warnings
    # Nothing else was left over: every line found its place.
    assert len(seed.warnings) == 2


def test_seed_texts_agree_word_for_word_with_the_demo_data(seed):
    agreed, total = word_agreement(DEMO_ITEMS, seed.items)
    assert total > 5000
    assert agreed / total >= 0.99


def test_seed_texts_have_the_demo_datas_paragraphs_lists_sub_headings_and_markers(seed):
    for number, expected, found in zip(DEMO_NUMBERS, DEMO_ITEMS, seed.items, strict=True):
        for field in ("background", "recommendation", "presentation"):
            assert _tags(getattr(found, field)) == _tags(expected[field]), (number, field)


def test_a_numbered_list_inside_an_item_is_not_taken_for_a_section(seed):
    practice_plan = seed.items[DEMO_NUMBERS.index("3.6")]
    assert practice_plan.presentation.count("<li>") == 5
    assert "<ol><li>Styrke nære relationer:" in practice_plan.presentation
    assert "<li>Udvikle og fastholde den faglige kvalitet:" in practice_plan.presentation
    assert [s.title for s in seed.sections][3] == "Udpegninger"


def test_extraction_damage_is_repaired_and_real_hyphens_kept(seed):
    text = " ".join(
        getattr(item, field)
        for item in seed.items
        for field in ("background", "recommendation", "presentation")
    )
    # Hyphenated at a line end: joined.
    assert "Erhvervshus Nordjyllands bestyrelse" in text
    assert "Nordjyl-" not in text and "Nordjyl- " not in text
    # Real hyphens at a line end: kept.
    assert "miljø- og klimaområdet" in text
    assert "KKR-sekretariatet" in text
    assert "Sundhedsaftalen 2021-2022" in text
    # Split by a stray space, rejoined where the joined word is Danish.
    assert "fælles udviklingsprojekter og" in text and "udviklingsprojek ter" not in text
    assert "at kommunalbestyrelser kun" in text and "kommunalbestyre lser" not in text
    assert "kursistgrundlaget" in text
    # Page furniture and the cover's fragment are gone.
    assert "SIDE" not in text and "05-02-2021" not in text and "Mission" not in text


def test_attachment_markers_hold_the_marked_paragraphs_text(seed):
    greeting = seed.items[DEMO_NUMBERS.index("2.1")]
    assert (
        greeting.attachment_markers[0]
        == "Henvendelse til Beskæftigelsesminister Peter Hummelgaard af 1. dec. 2020"
    )
    assert greeting.presentation.count('class="attachment-ref"') == 5


def test_json_lists_meeting_sections_items_and_warnings(seed):
    data = seed.as_json()
    assert data["meeting"] == {"date": "2021-02-05", "start_time": None, "end_time": None, "place": ""}
    assert data["sections"][2] == {"number": 3, "title": "Regionalpolitiske sager"}
    item = data["items"][4]
    assert item["number"] == "3.2" and item["section"] == 3
    assert item["case_number"] == "SAG-2021-00512" and item["case_handler"] == "hast"
    assert item["attachment_markers"][0].startswith("Første udkast til Masterplanen version 1.0")
    assert len(data["warnings"]) == 2
    assert _structure(type(seed).from_json(data)) == _structure(seed)


# The round trip: the project's own agenda PDF of 5 February 2021, read back


@pytest.fixture(scope="module")
def rendered_agenda(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=io.StringIO())
        meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
        data, _pages = render_pdf("agenda", meeting, "members")
        facts = (meeting.start_time, meeting.place)
        # 15 January 2021 has a closed item, in both editions.
        extraordinary = Meeting.objects.get(council__slug="kkr-nordjylland", date=JAN_15)
        for audience in ("public", "members"):
            CLOSED_ITEM_EDITIONS[audience] = render_pdf("agenda", extraordinary, audience)[0]
        CLOSED_ITEM_EDITIONS["items"] = [
            (f"{s.position}.{i.position}", i.title, i.is_closed, i.background)
            for s in extraordinary.sections.order_by("position")
            for i in s.items.order_by("position")
        ]
        transaction.set_rollback(True)
    return data, facts


@pytest.mark.django_db
def test_round_trip_of_the_projects_agenda_pdf_gives_the_same_structure_and_texts(rendered_agenda):
    data, (start_time, place) = rendered_agenda
    agenda = read_agenda(data, "dagsorden.pdf")
    assert _structure(agenda) == DEMO_STRUCTURE
    agreed, total = word_agreement(DEMO_ITEMS, agenda.items)
    assert agreed / total >= 0.99
    for number, expected, found in zip(DEMO_NUMBERS, DEMO_ITEMS, agenda.items, strict=True):
        for field in ("background", "recommendation", "presentation"):
            assert _tags(getattr(found, field)) == _tags(expected[field]), (number, field)
    # The cover gives what the seed lacks; the table of contents is not taken for the agenda.
    assert (agenda.date, agenda.start_time, agenda.place) == (FEB_5, start_time, place)
    assert agenda.warnings == []


@pytest.mark.django_db
def test_a_closed_item_is_read_as_closed_and_the_public_edition_says_its_text_is_missing(rendered_agenda):
    items = CLOSED_ITEM_EDITIONS["items"]
    closed = [number for number, _title, is_closed, _text in items if is_closed]
    assert len(closed) == 1
    members = read_agenda(CLOSED_ITEM_EDITIONS["members"], "medlemmer.pdf")
    public = read_agenda(CLOSED_ITEM_EDITIONS["public"], "offentlig.pdf")
    for agenda in (members, public):
        assert [(i.number, i.title, i.is_closed) for i in agenda.items] == [(n, t, c) for n, t, c, _ in items]
    closed_in_members = next(i for i in members.items if i.number == closed[0])
    assert closed_in_members.background == next(text for n, _t, _c, text in items if n == closed[0])
    closed_in_public = next(i for i in public.items if i.number == closed[0])
    assert closed_in_public.background == closed_in_public.recommendation == ""
    assert f"Punkt {closed[0]} er et lukket punkt, og filen har kun dets titel (offentlighedens udgave)." in (
        public.warnings
    )
    assert not any("lukket" in warning for warning in members.warnings)


# Files that are no agenda: a clear message, nothing read


def _refusal(data, name):
    with pytest.raises(ImportRefused) as refused:
        read_agenda(data, name)
    return str(refused.value)


@pytest.mark.django_db
def test_a_truncated_pdf_is_refused(rendered_agenda):
    data, _facts = rendered_agenda
    assert "beskadiget eller ufuldstændig" in _refusal(data[: len(data) // 2], "dagsorden.pdf")


def test_a_truncated_text_file_is_refused_with_where_it_ends():
    seed = SEED.read_bytes()
    message = _refusal(seed[: len(seed) // 2], "dagsorden.txt")
    assert message.startswith("Filen ser ud til at være afkortet")
    assert "punkt 3." in message


@pytest.mark.django_db
def test_a_password_protected_pdf_is_refused_with_the_reason(rendered_agenda):
    data, _facts = rendered_agenda
    out = io.BytesIO()
    pikepdf.open(io.BytesIO(data)).save(out, encryption=pikepdf.Encryption(owner="ejer", user="hemmelig"))
    assert "beskyttet med en adgangskode" in _refusal(out.getvalue(), "dagsorden.pdf")


def test_a_pdf_too_long_for_an_agenda_is_refused():
    pdf = pikepdf.new()
    for _ in range(301):
        pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out)
    assert _refusal(out.getvalue(), "pakke.pdf") == (
        "PDF'en har 301 sider; en dagsorden til import må højst have 300."
    )


def test_a_pdf_without_a_text_layer_is_refused():
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.Contents = pdf.make_stream(b"0 0 1 rg 72 72 200 300 re f")
    out = io.BytesIO()
    pdf.save(out)
    assert "intet tekstlag" in _refusal(out.getvalue(), "scannet.pdf")


def test_a_document_that_is_not_an_agenda_is_refused():
    letter = text_pdf("Nyhedsbrev", ["Kære læser. Her er nyt fra KL om det kommunale samarbejde."])
    assert "ikke fundet nogen dagsorden" in _refusal(letter, "nyhedsbrev.pdf")
    prose = "Referat af en gåtur\n\n1. Vi gik en tur.\n2. Vi gik hjem.\n".encode()
    assert "ikke fundet nogen dagsorden" in _refusal(prose, "gaatur.txt")


def test_random_bytes_and_a_false_pdf_name_are_refused():
    assert _refusal(os.urandom(4096), "dagsorden.txt") == "Filen er hverken en PDF eller en tekstfil."
    assert _refusal(b"%PDF-1.7\n" + os.urandom(4096), "x.pdf").startswith("Filen kan ikke læses som PDF")
    assert _refusal(SEED.read_bytes(), "dagsorden.pdf") == "Filen hedder .pdf, men er ikke en PDF."
    assert _refusal(b"", "tom.txt") == "Filen er tom."


def _read_or_refuse(data, name):
    try:
        return read_agenda(data, name)
    except ImportRefused as refused:
        assert str(refused)
        return None


def test_an_empty_field_at_the_end_is_read_not_crashed_on():
    text = "1. Sager\n\n1.1. Et punkt\nSAG-2021-00512 hast\nIndstilling\n"
    agenda = read_agenda(text.encode(), "dagsorden.txt")
    assert [(i.number, i.title, i.recommendation) for i in agenda.items] == [("1.1", "Et punkt", "")]


@pytest.mark.django_db
def test_damaged_files_give_an_agenda_or_a_message_never_an_error(rendered_agenda):
    """Bytes flipped, cut out or repeated in the seed and in the agenda PDF (a fixed random sample)."""
    pdf, _facts = rendered_agenda
    rng = random.Random(20210205)
    outcomes = []
    for n in range(60):
        base, name = (SEED.read_bytes(), "dagsorden.txt") if n % 4 else (pdf, "dagsorden.pdf")
        data = bytearray(base)
        start = rng.randrange(len(data))
        match n % 3:
            case 0:
                for _ in range(rng.randint(1, 40)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
            case 1:
                del data[start : start + rng.randrange(5000)]
            case 2:
                data[start:start] = data[start : start + rng.randrange(3000)]
        outcomes.append(_read_or_refuse(bytes(data), name) is not None)
    # Both happen: some damage leaves an agenda to read, some makes the file unreadable.
    assert any(outcomes) and not all(outcomes)


def test_lines_of_non_breaking_spaces_part_paragraphs_and_leave_nothing_behind():
    text = (
        "KKR Nordjylland | 05-02-2021\n1. Sager\n\u00a0\n1.1. Et punkt\nSAG-2021-00512 hast\n\u00a0\u00a0\n"
        "Baggrund\nFørste afsnit.\n\u00a0\nAndet afsnit med\nto linjer.\n\u00a0 \nSIDE | 2\n"
        "Indstilling\nDet\u00a0indstilles.\n"
    )
    agenda = read_agenda(text.encode(), "dagsorden.txt")
    (item,) = agenda.items
    assert item.background == "<p>Første afsnit.</p><p>Andet afsnit med to linjer.</p>"
    assert item.recommendation == "<p>Det indstilles.</p>"
    assert agenda.date == FEB_5


def test_a_file_over_the_import_limit_is_refused_unread(settings):
    settings.IMPORT_MAX_BYTES = 2**20
    assert _refusal(SEED.read_bytes() * 30, "dagsorden.txt") == "Filen er for stor (højst 1 MB)."
