"""The printed agenda and the agenda pack, as a reader of the PDF sees them.

The demo documents are rendered once for the module (a render takes about a second) inside a transaction
that is rolled back, and the tests read the results with pdftotext and pikepdf.
"""

import dataclasses
import datetime
import io
import os
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from agendas import pdf
from agendas.content import AgendaContent
from agendas.models import Attachment, Meeting
from agendas.services import add_attachment
from documents.services import build, fingerprint, render_pdf
from kkr.lib.pdf import LocalURLFetcher, ResourceRefused, html_to_pdf, resolve_url
from kkr.lib.simplepdf import text_pdf
from tests.data import SEED
from tests.factories import make_attachment, make_item, make_meeting, make_section, publish
from tests.pdftext import bookmarks

# Every test here uses the test database (pytest-django only creates it when a selected test asks).
pytestmark = pytest.mark.django_db

FEB_5 = datetime.date(2021, 2, 5)
JAN_15 = datetime.date(2021, 1, 15)
CLOSED_TEXT = "KODEORD-LUKKET"
CLOSED_ATTACHMENT = "Demo: Fortroligt notat om personalesagen"

# The running header and the page label of the printed agenda (and of the seed).
FURNITURE = (
    re.compile(r"^KKR Nordjylland\s+\|\s+\d\d-\d\d-\d{4}\s*$"),
    re.compile(r"^\s*SIDE\s+\|\s+\d+\s*$"),
)


def pdftotext_pages(data: bytes) -> list[str]:
    assert shutil.which("pdftotext"), "the PDF tests read PDFs with pdftotext: install poppler-utils"
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return text.decode().split("\f")[:-1]


def one_line(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """Without whitespace, hyphens and "./." markers: the PDF breaks lines and words elsewhere than
    the printed original."""
    return "".join(c for c in text.replace("./.", "") if not c.isspace() and c not in "-\u2010\u00ad")


def uncompressed(data: bytes) -> bytes:
    """Every object of the PDF uncompressed: metadata, outline, destinations, structure and streams."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as document:
        document.save(
            out,
            qdf=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.all,
        )
    return out.getvalue()


def outline(data: bytes) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, depth first."""
    with pikepdf.open(io.BytesIO(data)) as document:
        return bookmarks(document)


@dataclasses.dataclass
class Rendered:
    data: bytes
    page_count: int
    pages: list[str]  # pdftotext of each page

    @property
    def text(self):
        return "\n".join(self.pages)

    def page_of(self, needle: str, start: int = 1) -> int:
        """The first page number, from start on, whose text has needle (whitespace ignored)."""
        needle = one_line(needle)
        return next(n for n, page in enumerate(self.pages, 1) if n >= start and needle in one_line(page))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo meetings' documents and the facts a test compares them with."""
    media = tmp_path_factory.mktemp("media")
    documents, facts = {}, {}
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        for date in (FEB_5, JAN_15):
            meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=date)
            for kind in ("agenda", "pack"):
                for audience in ("public", "members"):
                    data, page_count = render_pdf(kind, meeting, audience)
                    documents[date, kind, audience] = Rendered(data, page_count, pdftotext_pages(data))
            sections = meeting.sections.order_by("position").prefetch_related("items__attachments")
            facts[date] = {
                "sections": [f"{s.position}. {s.title}" for s in sections],
                "items": [f"{s.position}.{i.position}. {i.title}" for s in sections for i in s.items.all()],
                "attachments": [
                    {
                        "number": f"{s.position}.{i.position}",
                        "item": i.title,
                        "title": a.title,
                        "pages": a.page_count,
                        "closed": a.is_restricted,
                    }
                    for s in sections
                    for i in s.items.all()
                    for a in i.attachments.all()
                ],
            }
            facts[date]["open_attachments"] = [a for a in facts[date]["attachments"] if not a["closed"]]
        transaction.set_rollback(True)
    return {"documents": documents, "facts": facts}


@pytest.fixture(scope="module")
def documents(demo):
    """Rendered documents by (date, kind, audience)."""
    return demo["documents"]


@pytest.fixture(scope="module")
def agenda(documents):
    return documents[FEB_5, "agenda", "public"]


@pytest.fixture(scope="module")
def pack(documents):
    return documents[FEB_5, "pack", "public"]


@pytest.fixture(scope="module")
def feb5(demo):
    return demo["facts"][FEB_5]


# The agenda of 5 February 2021


def test_agenda_has_about_the_pages_of_the_printed_original(agenda):
    assert agenda.page_count == len(agenda.pages)
    assert 22 <= agenda.page_count <= 28


def test_cover_shows_meeting_facts_and_kl_mission_without_page_furniture(agenda):
    cover = one_line(agenda.pages[0])
    assert cover.startswith("DAGSORDEN KKR Nordjylland")
    assert "Dato: 05-02-2021 kl. 08.30" in cover
    assert "Sted:" in cover and "Demo: virtuelt møde" in cover
    assert "Mission KL bidrager til at udvikle og fastholde et stærkt lokalt demokrati." in cover
    assert "Vision KL opnår, med et helhedsperspektiv på opgaveløsningen" in cover
    assert "|" not in cover and "SIDE" not in cover


def test_every_page_after_the_cover_has_running_header_and_page_label(agenda):
    for number, page in enumerate(agenda.pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines()]
        assert "KKR Nordjylland | 05-02-2021" in lines, number
        assert f"SIDE | {number}" in lines, number


def test_every_item_heading_is_printed_in_order(agenda, feb5):
    assert len(feb5["items"]) == 16
    assert feb5["items"][:2] == ["1.1. Godkendelse af referat", "1.2. Godkendelse af dagsorden"]
    assert "3.2. Limfjordsrådet - Masterplan" in feb5["items"]
    body = one_line("\n".join(agenda.pages[2:]))
    position = 0
    for heading in _headings_in_order(feb5):
        assert heading in body[position:], heading
        position = body.index(heading, position) + len(heading)


def test_each_section_with_items_starts_a_page_and_an_empty_one_follows_on(agenda, feb5):
    empty = [s for s in feb5["sections"] if not any(i.startswith(s.split(" ")[0]) for i in feb5["items"])]
    assert empty == ["5. KKR", "7. Eventuelt"]
    for section in feb5["sections"]:
        page = agenda.pages[_heading_page(agenda, section, start=3) - 1]
        lines = [line.strip() for line in page.splitlines() if line.strip() and not _is_furniture(line)]
        if section in empty:  # below the end of the section before it, on the same page
            assert lines.index(section) > 0, section
            assert lines[lines.index(section) + 1] == "Ingen punkter.", section
        else:
            assert lines[0] == section
    assert agenda.pages[-1].count("7. Eventuelt") == 1


def _heading_page(document: Rendered, heading: str, start: int) -> int:
    if re.match(r"^\d+\. ", heading):  # a section heading is a line of its own
        return next(
            n
            for n, page in enumerate(document.pages, 1)
            if n >= start and heading in [line.strip() for line in page.splitlines()]
        )
    return document.page_of(heading, start)


def test_table_of_contents_gives_the_pages_where_headings_are(agenda, feb5):
    toc = one_line(agenda.pages[1])
    assert toc.startswith("KKR Nordjylland | 05-02-2021 SIDE | 2 Indholdsfortegnelse")
    for heading in feb5["sections"] + feb5["items"]:
        match = re.search(re.escape(heading) + r"[ .]*?(\d+)(?: |$)", toc)
        assert match, heading
        assert int(match.group(1)) == _heading_page(agenda, heading, start=3), heading


def test_outline_has_every_section_and_item_at_its_page(agenda, feb5):
    entries = outline(agenda.data)
    assert [(level, title) for level, title, _ in entries] == [
        (2 if re.match(r"\d+\.\d+\. ", heading) else 1, heading) for heading in _headings_in_order(feb5)
    ]
    for _, title, page in entries:
        assert page == _heading_page(agenda, title, start=3), title


def _headings_in_order(facts):
    out = []
    for section in facts["sections"]:
        out.append(section)
        prefix = section.split(" ")[0]  # "3."
        out += [item for item in facts["items"] if item.startswith(prefix) and item[len(prefix)].isdigit()]
    return out


def test_agenda_metadata_and_pdf_ua(agenda):
    with pikepdf.open(io.BytesIO(agenda.data)) as document:
        assert str(document.docinfo["/Title"]) == "Dagsorden – KKR Nordjylland 05-02-2021"
        assert str(document.docinfo["/Author"]) == "KKR Nordjylland"
        assert str(document.Root.Lang) == "da"
        assert document.Root.MarkInfo.Marked
        assert "/StructTreeRoot" in document.Root
        assert document.open_metadata().get("pdfuaid:part") == "1"


def test_agenda_embeds_only_the_vendored_font(agenda):
    fonts = set()
    with pikepdf.open(io.BytesIO(agenda.data)) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                assert "/FontFile2" in descendant.FontDescriptor  # embedded TrueType
                fonts.add(str(font.BaseFont).split("+", 1)[1])
    assert fonts and all(name.startswith("Source-Sans-3") for name in fonts), fonts


def test_items_text_matches_the_printed_agenda_word_for_word(agenda, feb5):
    """From "1. Godkendelse af referat" after the table of contents to the end, the same words as the
    printed original (tests/data/), apart from page furniture, hyphenation, the "Bilag:" lists and the
    "Ingen punkter." under an empty section (which the web says too)."""
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(seed_lines) if line.strip() == "1. Godkendelse af referat")
    printed = squash("\n".join(line for line in seed_lines[start:] if not _is_furniture(line)))

    lines = [line for page in agenda.pages[2:] for line in page.splitlines()]
    ours = squash("\n".join(line for line in lines if not _is_furniture(line)))
    for titles in _attachment_titles_per_item(feb5["open_attachments"]):
        block = squash("Bilag:" + "".join(f"– {title}" for title in titles))
        assert block in ours, titles
        ours = ours.replace(block, "", 1)
    for section in ("5.KKR", "7.Eventuelt"):
        assert f"{section}Ingenpunkter." in ours, section
        ours = ours.replace(f"{section}Ingenpunkter.", section, 1)

    if ours != printed:
        at = len(os.path.commonprefix([ours, printed]))
        context = slice(max(0, at - 80), at + 80)
        pytest.fail(f"differs from the print at {at}:\nPDF:  …{ours[context]}…\nseed: …{printed[context]}…")


def _is_furniture(line: str) -> bool:
    return any(pattern.match(line) for pattern in FURNITURE)


def _attachment_titles_per_item(attachments):
    by_item = {}
    for attachment in attachments:
        by_item.setdefault(attachment["number"], []).append(attachment["title"])
    return list(by_item.values())


def test_attachment_markers_stand_in_the_margin(agenda):
    page = agenda.pages[agenda.page_of("2.1. Siden sidst", start=3) - 1]
    assert page.count("./.") == 5


# The pack of 5 February 2021


def test_pack_is_the_agenda_with_index_then_every_attachment_page(agenda, pack, feb5):
    attachment_pages = sum(attachment["pages"] for attachment in feb5["open_attachments"])
    assert len(feb5["open_attachments"]) == 15
    assert pack.page_count == len(pack.pages)
    # The agenda, one page of attachment index after the table of contents, then the attachments.
    assert pack.page_count == agenda.page_count + 1 + attachment_pages
    assert one_line(pack.pages[2]).startswith("KKR Nordjylland | 05-02-2021 SIDE | 3 Bilagsoversigt")


def test_every_attachment_page_carries_its_stamp_and_content(pack, feb5):
    page = pack.page_count - sum(attachment["pages"] for attachment in feb5["open_attachments"]) + 1
    for attachment in feb5["open_attachments"]:
        stamp = f"Bilag til punkt {attachment['number']} – {attachment['title']}"
        for n in range(1, attachment["pages"] + 1):
            text = one_line(pack.pages[page - 1])
            assert stamp in text, (page, stamp)
            assert f"SIDE | {page}" in text
            # The attachment itself, drawn under the placeholder page: its own page footer.
            assert f"Side {n} af {attachment['pages']}" in text, (page, stamp)
            page += 1
    assert page == pack.page_count + 1


def test_attachment_index_gives_each_attachments_first_page(pack, feb5):
    index = one_line(pack.pages[2])
    agenda_pages = pack.page_count - sum(attachment["pages"] for attachment in feb5["open_attachments"])
    expected_page = agenda_pages + 1
    for attachment in feb5["open_attachments"]:
        entry = f"{attachment['number']}. {attachment['item']} – {attachment['title']}"
        match = re.search(re.escape(entry) + r"[ .]*?(\d+)(?: |$)", index)
        assert match, entry
        assert int(match.group(1)) == expected_page, entry
        stamp = f"Bilag til punkt {attachment['number']} – {attachment['title']}"
        assert pack.page_of(stamp) == expected_page
        expected_page += attachment["pages"]


def test_pack_outline_has_a_bilag_branch_per_item_and_attachment(pack, feb5):
    entries = outline(pack.data)
    start = entries.index(next(entry for entry in entries if entry[:2] == (1, "Bilag")))
    branch = entries[start:]
    expected = [(1, "Bilag")]
    for attachment in feb5["open_attachments"]:
        item = (2, f"{attachment['number']}. {attachment['item']}")
        if item not in expected:
            expected.append(item)
        expected.append((3, attachment["title"]))
    assert [(level, title) for level, title, _ in branch] == expected
    for level, title, page in branch:
        if level == 3:
            attachment = next(a for a in feb5["open_attachments"] if a["title"] == title)
            assert page == pack.page_of(f"Bilag til punkt {attachment['number']} – {title}")
    # The agenda part keeps its bookmarks.
    assert (1, "1. Godkendelse af referat", 4) in entries


def test_pack_metadata_without_pdf_ua_claim(pack):
    with pikepdf.open(io.BytesIO(pack.data)) as document:
        assert str(document.docinfo["/Title"]) == "Dagsorden med bilag – KKR Nordjylland 05-02-2021"
        assert str(document.docinfo["/Author"]) == "KKR Nordjylland"
        assert str(document.Root.Lang) == "da"
        assert "pdfuaid:part" not in document.open_metadata()
        assert all(page.mediabox == document.pages[0].mediabox for page in document.pages)


def test_members_documents_of_a_meeting_without_closed_content_match_the_public_ones(documents):
    for kind in ("agenda", "pack"):
        public, members = documents[FEB_5, kind, "public"], documents[FEB_5, kind, "members"]
        assert members.pages[1:] == public.pages[1:]
        assert "Udgave til rådets medlemmer" in members.pages[0]
        assert "Udgave til rådets medlemmer" not in public.pages[0]


# Closed items (the demo meeting of 15 January 2021)


@pytest.mark.parametrize("kind", ["agenda", "pack"])
def test_closed_item_is_only_number_and_title_in_the_public_documents(documents, kind):
    document = documents[JAN_15, kind, "public"]
    text = one_line(document.text)
    assert "2.2. Demo: Fortrolig personalesag Lukket punkt" in text
    raw = uncompressed(document.data)
    for secret in (CLOSED_TEXT, "KODEORD", CLOSED_ATTACHMENT, "Sagsfremstillingen er opfundet"):
        assert secret not in text
        assert squash(secret) not in squash(document.text)
        assert secret.encode() not in raw
        assert secret.encode("utf-16-be") not in raw
    assert "Bilag til punkt 2.2" not in text


@pytest.mark.parametrize("kind", ["agenda", "pack"])
def test_members_documents_show_the_closed_item_and_attachment(demo, documents, kind):
    document = documents[JAN_15, kind, "members"]
    text = one_line(document.text)
    assert squash(CLOSED_TEXT) in squash(document.text)
    assert CLOSED_ATTACHMENT in text
    assert "(lukket bilag)" in text
    if kind == "pack":
        public = documents[JAN_15, "pack", "public"]
        [closed] = demo["facts"][JAN_15]["attachments"]
        assert closed["closed"] and closed["title"] == CLOSED_ATTACHMENT
        # The public pack has neither the attachment index page nor the closed attachment's pages.
        assert document.page_count == public.page_count + 1 + closed["pages"]
        assert f"Bilag til punkt 2.2 – {CLOSED_ATTACHMENT}" in one_line(document.pages[-1])
        # The search of the public documents' objects would find it: here it is, in the outline and the
        # attachment's own page content.
        assert CLOSED_ATTACHMENT.encode() in uncompressed(document.data)


# The URL fetcher


def test_fetcher_serves_our_static_files_and_media(settings):
    assert resolve_url("static:pdf/agenda.css").name == "agenda.css"
    response = LocalURLFetcher().fetch("static:pdf/fonts/SourceSans3-Regular.ttf")
    assert response.content_type == "font/ttf"
    assert len(response.read()) > 100_000
    media = Path(settings.MEDIA_ROOT)
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "a.pdf").write_bytes(b"%PDF-1.4")
    assert LocalURLFetcher().fetch("media:attachments/a.pdf").read() == b"%PDF-1.4"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/x.css",
        "https://example.org/x.css",
        "data:text/css,p{}",
        "static:../kkr/settings.py",
        "static:pdf/../../kkr/settings.py",
        "static:%2e%2e/kkr/settings.py",
        "static:/etc/passwd",
        "static://example.org/x.css",
        "static:pdf/missing.css",
        "media:../../../../etc/passwd",
        "media:",
        "fonts/SourceSans3-Regular.ttf",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(ResourceRefused):
        LocalURLFetcher().fetch(url)


def test_fetcher_refuses_a_link_out_of_media(settings):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True)
    (media / "escape").symlink_to("/etc/passwd")
    with pytest.raises(ResourceRefused):
        LocalURLFetcher().fetch("media:escape")


def test_render_stops_on_a_refused_resource():
    html = '<html lang="da"><body><p>x</p><img src="http://example.org/x.png"></body></html>'
    with pytest.raises(ResourceRefused):
        html_to_pdf(html, stylesheets=pdf.AGENDA.stylesheets, title="T", author="A")


# Fingerprint and queries


def working(meeting):
    """The working copy, as the secretariat's preview renders it (a draft has no readers' PDF)."""
    return AgendaContent.live(meeting)


def test_fingerprint_is_stable_and_follows_what_reaches_the_pdf():
    item = make_item()
    closed = make_item(section=item.section, is_closed=True, background="<p>Hemmeligt.</p>")
    meeting = item.section.meeting
    first = {
        (k, a): fingerprint(k, working(meeting), a) for k in ("agenda", "pack") for a in ("public", "members")
    }
    assert len(set(first.values())) == 4
    assert fingerprint("agenda", working(meeting), "public") == first["agenda", "public"]
    built = build("pack", working(meeting), "members")
    assert fingerprint("pack", working(meeting), "members", built) == first["pack", "members"]

    item.presentation = "<p>Ny tekst.</p>"
    item.save()
    second = {
        (k, a): fingerprint(k, working(meeting), a) for k in ("agenda", "pack") for a in ("public", "members")
    }
    assert all(second[key] != first[key] for key in first)

    # A closed item's text never reaches the public documents, so it does not change them.
    closed.background = "<p>Endnu mere hemmeligt.</p>"
    closed.save()
    assert fingerprint("agenda", working(meeting), "public") == second["agenda", "public"]
    assert fingerprint("agenda", working(meeting), "members") != second["agenda", "members"]

    make_attachment(item, "Nyt bilag")
    assert fingerprint("pack", working(meeting), "public") != second["pack", "public"]
    assert fingerprint("agenda", working(meeting), "public") != second["agenda", "public"]


def test_fingerprint_of_the_pack_follows_the_attachment_files():
    item = make_item()
    make_attachment(item, "Bilag")
    meeting = item.section.meeting
    before = fingerprint("pack", working(meeting), "public")
    html = build("pack", working(meeting), "public").html
    Attachment.objects.update(sha256="0" * 64)  # same title and pages, other content
    assert build("pack", working(meeting), "public").html == html
    assert fingerprint("pack", working(meeting), "public") != before


def test_a_pack_whose_html_and_attachments_do_not_match_is_refused():
    item = make_item()
    make_attachment(item, "Første bilag")
    meeting = item.section.meeting
    stale = build("pack", working(meeting), "public")
    make_attachment(item, "Andet bilag")
    current = build("pack", working(meeting), "public")
    with pytest.raises(pdf.PackMismatch):
        render_pdf("pack", working(meeting), "public", replace(current, html=stale.html))


def test_an_attachment_of_another_shape_is_fitted_to_the_a4_page_below_the_stamp():
    landscape = pikepdf.open(io.BytesIO(text_pdf("Tværformat", ["Et bilag i A4 på tværs."])))
    landscape.pages[0].mediabox = [0, 0, 842, 595]
    data = io.BytesIO()
    landscape.save(data)
    item = make_item()
    add_attachment(item, "Kort over området", data.getvalue())
    pack, pages = render_pdf("pack", working(item.section.meeting), "public")
    with pikepdf.open(io.BytesIO(pack)) as document:
        page = document.pages[pages - 1]
        assert page.mediabox == document.pages[0].mediabox  # A4 portrait, like every page
        operators = [(str(op), operands) for operands, op in pikepdf.parse_content_stream(page)]
        placement = next(
            operands
            for n, (op, operands) in enumerate(operators)
            if op == "cm" and operators[n + 1][0] == "Do"
        )
    # Scaled to the page's width, the aspect ratio kept, centred vertically below the stamp's band.
    scale = 595.28 / 842
    assert [float(x) for x in placement] == pytest.approx(
        [scale, 0, 0, scale, 0, (841.89 - pdf.STAMP_BAND - 595 * scale) / 2], abs=0.01
    )
    assert "Et bilag i A4 på tværs." in pdftotext_pages(pack)[-1]


def test_unknown_kinds_and_audiences_are_refused():
    meeting = make_meeting()
    with pytest.raises(ValueError):
        build("referat", meeting, "public")  # a slug, not a kind
    with pytest.raises(ValueError):
        fingerprint("agenda", meeting, "everyone")


def _meeting_with_items(count):
    meeting = make_meeting()
    sections = [make_section(meeting=meeting, title=f"Afsnit {n}") for n in range(1, 6)]
    for n in range(count):
        item = make_item(section=sections[n % 5], is_closed=n == 3)
        if n % 2 == 0:
            make_attachment(item, f"Bilag {n}")
    publish(meeting)
    return Meeting.objects.get(pk=meeting.pk)


@pytest.mark.parametrize("kind", ["agenda", "pack"])
@pytest.mark.parametrize("audience", ["public", "members"])
def test_build_html_takes_a_fixed_number_of_queries(kind, audience):
    counts = []
    for items in (5, 50):
        meeting = _meeting_with_items(items)
        with CaptureQueriesContext(connection) as queries:
            html = build(kind, meeting, audience).html
        counts.append(len(queries))
        assert html.count('class="item"') == items
    # council, "is there a published version?", sections, items, attachments
    assert counts[0] == counts[1] <= 5
