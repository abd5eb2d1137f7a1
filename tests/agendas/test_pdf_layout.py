"""Where things land on the printed page: empty sections, and the stamp on the pack's attachment pages."""

import io
import re

import pikepdf
import pytest

from agendas.services import add_attachment
from documents.services import render_pdf
from minutes.services import minutes_for
from tests.factories import make_item, make_meeting, make_section, publish
from tests.pdftext import MM, Page, Word, read_pages

pytestmark = pytest.mark.django_db


# Empty sections


def _meeting_with_an_empty_section_between_others():
    meeting = make_meeting()
    make_item(section=make_section(meeting=meeting, title="Godkendelse af referat"), title="Referatet")
    make_section(meeting=meeting, title="KKR")  # empty
    make_item(section=make_section(meeting=meeting, title="Punkter til næste møde"), title="Næste møde")
    make_section(meeting=meeting, title="Eventuelt")  # empty, the last
    return publish(meeting)


def _page_of_line(pages: list[Page], line: str) -> int:
    return next(n for n, page in enumerate(pages, 1) if line in page.lines())


@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_an_empty_section_follows_on_the_page_before_it_and_says_it_has_no_items(kind):
    meeting = _meeting_with_an_empty_section_between_others()
    data, page_count = render_pdf(kind, minutes_for(meeting) if kind == "minutes" else meeting, "public")
    pages = read_pages(data)
    body = pages[_page_of_line(pages, "1. Godkendelse af referat") - 1 :]
    # A section with items starts a page; an empty one runs on after the section before it.
    assert [_page_of_line(body, line) for line in ("1. Godkendelse af referat", "2. KKR")] == [1, 1]
    assert [_page_of_line(body, line) for line in ("3. Punkter til næste møde", "4. Eventuelt")] == [2, 2]
    assert len(body) == 2
    for heading in ("2. KKR", "4. Eventuelt"):
        lines = body[_page_of_line(body, heading) - 1].lines()
        assert lines[lines.index(heading) + 1] == "Ingen punkter.", heading
    assert page_count == len(pages)


# The stamp on the pack's attachment pages

PRINTABLE = 5 * MM  # what most office printers can print up to from the paper's edge


def _one_page_pdf(width, height, lines, rotate=0):
    """A PDF of one page width × height pt, with each (text, distance from the top in mm) as a line of
    11 pt Helvetica, 20 mm from the left; rotated for viewing by `rotate` degrees."""
    document = pikepdf.new()
    page = document.add_blank_page(page_size=(width, height))
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    stream = "".join(
        f"BT /F1 11 Tf {20 * MM:.2f} {height - top * MM - 11:.2f} Td ({text}) Tj ET\n" for text, top in lines
    )
    page.contents_add(document.make_stream(stream.encode("ascii")))
    if rotate:
        page.obj.Rotate = rotate
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# (attachment title, its page); each page's text has words of its own, none of them in a stamp.
SHAPES = [
    ("Portrait", _one_page_pdf(595, 842, [("Notat om vejene", 25), ("Brodtekst midt paa siden", 120)])),
    ("Landscape", _one_page_pdf(842, 595, [("Oversigtskort over ruterne", 15)])),
    ("Letter", _one_page_pdf(612, 792, [("Amerikansk brevformat", 20)])),
    ("Narrow", _one_page_pdf(300, 900, [("Smal strimmel", 30)])),
    ("A3", _one_page_pdf(1191, 842, [("Stor tegning", 12)])),
    ("Rotated", _one_page_pdf(595, 842, [("Drejet side", 40), ("Mere drejet tekst", 150)], rotate=90)),
    ("Bleed", _one_page_pdf(595, 842, [("Tekst helt oppe ved kanten", 1), ("Og lige under", 7)])),
]


def _overlaps(a: Word, b: Word, slack=0.5 * MM) -> bool:
    return a.x0 < b.x1 + slack and b.x0 < a.x1 + slack and a.y0 < b.y1 + slack and b.y0 < a.y1 + slack


@pytest.fixture(scope="module")
def pack_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """The attachment pages of a pack whose one item has an attachment of each shape."""
    from django.db import transaction
    from django.test.utils import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
        transaction.atomic(),
    ):
        item = make_item(section=make_section(meeting=make_meeting()))
        for title, data in SHAPES:
            add_attachment(item, title, data)
        data, page_count = render_pdf("pack", publish(item.section.meeting), "public")
        transaction.set_rollback(True)
    pages = read_pages(data)
    assert page_count == len(pages)
    first = page_count - len(SHAPES) + 1
    return list(zip(SHAPES, pages[first - 1 :], range(first, page_count + 1), strict=True))


@pytest.mark.parametrize("shape", [title for title, _data in SHAPES])
def test_the_stamp_is_printable_and_off_the_attachments_text(pack_pages, shape):
    (title, data), page, number = next(entry for entry in pack_pages if entry[0][0] == shape)
    stamp_words = f"Bilag til punkt 1.1 – {title}".split() + ["SIDE", "|", str(number)]
    stamp = [word for word in page.words if word.text in stamp_words and word.y1 < 20 * MM]
    assert sorted(word.text for word in stamp) == sorted(stamp_words)
    for word in stamp:  # inside the printable area of the page
        assert word.x0 >= PRINTABLE and word.y0 >= PRINTABLE, word
        assert word.x1 <= page.width - PRINTABLE and word.y1 <= page.height - PRINTABLE, word
    own = [word for word in page.words if word not in stamp]
    with pikepdf.open(io.BytesIO(data)) as attachment:
        operations = pikepdf.parse_content_stream(attachment.pages[0], "Tj")
        written = " ".join(str(operands[0]) for operands, _operator in operations)
    assert " ".join(word.text for word in own) == written
    for word in own:
        assert not any(_overlaps(word, mark) for mark in stamp), word


def test_a_long_attachment_title_keeps_the_stamp_on_its_line_above_the_attachment():
    item = make_item()
    title = "Notat om " + " og ".join(f"emne nummer {n}" for n in range(1, 30))
    add_attachment(item, title[:300], _one_page_pdf(595, 842, [("Overskrift", 0)]))
    data, _page_count = render_pdf("pack", publish(item.section.meeting), "public")
    page = read_pages(data)[-1]
    lines = page.lines()
    # One line, cut short before the page label (it ends in "…", which pdftotext does not read).
    assert re.fullmatch(r"Bilag til punkt 1\.1 – Notat om emne nummer 1 og .+ SIDE \| 5", lines[0])
    assert len(lines[0]) < len(title)
    assert lines[1] == "Overskrift"
    heading = next(word for word in page.words if word.text == "Overskrift")
    assert all(word.y1 < heading.y0 for word in page.words if word is not heading)
