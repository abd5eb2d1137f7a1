"""The agenda laid out in parts (documents.sections) is the agenda laid out in one go: the same text
and page numbers on every page, one valid structure tree, bookmarks and contents links; an edit lays
out only the part it changed."""

import datetime
import io
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from agendas.content import AgendaContent
from agendas.models import AgendaItem, Meeting
from documents import jobs, sections
from tests.pdftext import bookmarks, read_pages

pytestmark = pytest.mark.django_db

FEB_5 = datetime.date(2021, 2, 5)
AUDIENCES = ("public", "members")


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory):
    """The 5 Feb agenda for each audience: laid out in one go, and assembled from parts laid out on a
    cold store."""
    media = tmp_path_factory.mktemp("media")
    out = {}
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
        for audience in AUDIENCES:
            single = jobs.render("agenda", meeting, audience, sectioned=False)
            assembled = jobs.render("agenda", meeting, audience, sectioned=True)
            again = jobs.render("agenda", meeting, audience, sectioned=True)
            out[audience] = {"single": single, "assembled": assembled, "again": again}
            out["minutes", audience] = {
                "single": jobs.render("minutes", meeting, audience, sectioned=False),
                "assembled": jobs.render("minutes", meeting, audience, sectioned=True),
            }
        transaction.set_rollback(True)
    return out


def _words(page):
    return [(word.text, round(word.x0, 1), round(word.y0, 1)) for word in page.words]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_agenda_reads_as_the_single_render_page_by_page(rendered, audience):
    single = read_pages(rendered[audience]["single"].data)
    assembled = read_pages(rendered[audience]["assembled"].data)
    assert len(single) > 20
    assert len(assembled) == len(single) == rendered[audience]["assembled"].pages
    for number, (one, other) in enumerate(zip(single, assembled, strict=True), start=1):
        # The same words at the same places: the contents' page numbers, the running header and
        # "SIDE | n" included.
        assert other.lines() == one.lines(), number
        assert _words(other) == _words(one), number
        if number > 1:
            assert other.lines()[0] == f"KKR Nordjylland | 05-02-2021 SIDE | {number}", number


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_second_render_lays_out_nothing(rendered, audience):
    # The public edition came first, on an empty store: the cover, the contents and every section.
    # The members' edition differs on the cover (its note), and shares the contents and the sections
    # without closed items with it (this agenda has none).
    assert len(rendered["public"]["assembled"].laid_out) >= 7
    assert rendered["members"]["assembled"].laid_out == ["cover"]
    assert rendered[audience]["again"].laid_out == []
    assert rendered[audience]["again"].data == rendered[audience]["assembled"].data


def _links(pdf):
    """(page number, destination name, page it leads to) of every internal link."""
    dests = dict(pikepdf.NameTree(pdf.Root.Names.Dests).items())
    page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    links = []
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Dest") is not None:
                name = str(annotation.Dest)
                links.append((number, name, page_numbers[dests[name][0].objgen]))
    return links


@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_agenda_has_the_bookmarks_and_links_of_the_single_render(rendered, audience):
    with (
        pikepdf.open(io.BytesIO(rendered[audience]["single"].data)) as single,
        pikepdf.open(io.BytesIO(rendered[audience]["assembled"].data)) as assembled,
    ):
        assert bookmarks(assembled) == bookmarks(single)
        assert len(bookmarks(assembled)) >= 20  # every section and item
        assert _links(assembled) == _links(single)
        assert len(_links(assembled)) >= 20  # the contents' entries


def _walk_structure(pdf):
    """Check the structure tree of a tagged PDF: every page's StructParents maps into the
    ParentTree, every marked-content reference resolves to a page with that MCID, and every element
    points at its parent. Returns the number of marked-content references, and of elements in the
    ParentTree but not in the tree."""
    root = pdf.Root.StructTreeRoot
    nums = root.ParentTree.Nums
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    if "/ParentTreeNextKey" in root:
        assert int(root.ParentTreeNextKey) > max(parent_tree)
    page_objs = {page.obj.objgen for page in pdf.pages}
    mcids_of_page = {}
    for page in pdf.pages:
        key = int(page.obj.StructParents)
        assert key in parent_tree
        mcids = set()
        for operands, operator in pikepdf.parse_content_stream(page):
            properties = operands[1] if str(operator) == "BDC" else None
            if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
                mcids.add(int(properties.MCID))
        mcids_of_page[page.obj.objgen] = mcids
        # The ParentTree entry of the page: one element per MCID on it.
        assert len(parent_tree[key]) == len(mcids), key
        for annotation in page.obj.get("/Annots", []):
            assert int(annotation.StructParent) in parent_tree
    references = 0
    seen = set()

    def visit(element, parent, page):
        if element.objgen != (0, 0):
            assert element.objgen not in seen
            seen.add(element.objgen)
        assert element.P.objgen == parent.objgen
        page = element.get("/Pg", page)
        kids = element.get("/K")
        if kids is None:
            return 0
        kids = kids if isinstance(kids, pikepdf.Array) else [kids]
        count = 0
        for kid in kids:
            if isinstance(kid, int):
                assert page is not None and page.objgen in page_objs
                assert kid in mcids_of_page[page.objgen]
                count += 1
            elif kid.get("/Type") == "/MCR":
                kid_page = kid.get("/Pg", page)
                assert kid_page.objgen in page_objs
                assert int(kid.MCID) in mcids_of_page[kid_page.objgen]
                count += 1
            elif kid.get("/Type") == "/OBJR":
                assert kid.Obj.get("/StructParent") is not None
            else:
                count += visit(kid, element, page)
        return count

    assert len(root.K) == 1 if isinstance(root.K, pikepdf.Array) else True
    document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
    assert document.S == "/Document"
    references = visit(document, root, None)
    # Every ParentTree entry is a structure element on a page of the document. (WeasyPrint leaves
    # some out of the tree: the elements of the page margins' text; they are counted.)
    outside = 0
    for value in parent_tree.values():
        for element in value if isinstance(value, pikepdf.Array) else [value]:
            assert element.Type == "/StructElem"
            assert element.Pg.objgen in page_objs
            outside += element.objgen not in seen
    return references, outside


@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_agenda_has_one_valid_structure_tree(rendered, audience):
    with (
        pikepdf.open(io.BytesIO(rendered[audience]["single"].data)) as single,
        pikepdf.open(io.BytesIO(rendered[audience]["assembled"].data)) as assembled,
    ):
        references = _walk_structure(single)
        assert _walk_structure(assembled) == references
        assert set(assembled.Root.keys()) == set(single.Root.keys())
        assert str(assembled.Root.Lang) == "da"
        assert assembled.Root.MarkInfo.Marked
        assert assembled.Root.ViewerPreferences.DisplayDocTitle
        assert str(assembled.docinfo["/Title"]) == "Dagsorden – KKR Nordjylland 05-02-2021"
        with assembled.open_metadata() as metadata:
            assert metadata.get("dc:title") == "Dagsorden – KKR Nordjylland 05-02-2021"
            assert metadata.get("pdfuaid:part") == "1"


@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_agenda_is_not_much_larger_than_the_single_render(rendered, audience):
    # Each part embeds its own subset of the same fonts: measured 1.57 times the single layout's size
    # (157 KB for 100 KB) once the assembly writes object streams; 3.4 times before.
    single, assembled = rendered[audience]["single"].data, rendered[audience]["assembled"].data
    assert len(assembled) <= 1.7 * len(single), (len(assembled), len(single))


def test_changing_an_item_in_section_4_lays_out_only_section_4():
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
    first = jobs.render("agenda", AgendaContent.live(meeting), "members")
    assert "punkt-4" in first.laid_out and "contents" in first.laid_out
    item = AgendaItem.objects.filter(section__meeting=meeting, section__position=4).order_by("position")[0]
    item.recommendation += "<p>Rådet bemærker desuden sagen.</p>"
    item.save(update_fields=["recommendation"])

    changed = jobs.render("agenda", AgendaContent.live(meeting), "members")

    assert changed.laid_out == ["punkt-4"]
    assert changed.rounds == 2  # one round to lay it out, one to find that nothing moved
    assert changed.data != first.data
    text = " ".join(page.text for page in read_pages(changed.data))
    assert "Rådet bemærker desuden sagen." in text
    # Nothing else changed: laid out in one go it reads the same.
    single = jobs.render("agenda", AgendaContent.live(meeting), "members", sectioned=False)
    assert [page.lines() for page in read_pages(changed.data)] == [
        page.lines() for page in read_pages(single.data)
    ]


def _stored_parts(settings) -> set[str]:
    return {path.name for path in Path(settings.MEDIA_ROOT).rglob("parts/*/*.pdf")}


def test_the_secretariat_s_preview_is_laid_out_in_parts_and_an_edit_lays_out_one(
    client, settings, eager_tasks, django_capture_on_commit_callbacks
):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.select_related("council").get(date="2021-04-23")
    assert client.login(username="sekretariat", password="demo-sekretariat")
    url = reverse("agendas:preview_document", args=[meeting.council.slug, meeting.date, "dagsorden"])

    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)  # queued, and rendered after the request's transaction
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    parts = _stored_parts(settings)
    assert len(parts) >= 3  # the contents and the sections

    items = AgendaItem.objects.filter(section__meeting=meeting)
    item = items.order_by("section__position", "position").last()
    field = next(f for f in ("recommendation", "presentation", "background") if "</p>" in getattr(item, f))
    setattr(item, field, getattr(item, field).replace("</p>", " Rettet.</p>", 1))  # no heading moves
    item.save(update_fields=[field])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    second = client.get(url)
    assert second["Content-Type"] == "application/pdf"

    assert len(_stored_parts(settings) - parts) == 1  # that item's section
    text = " ".join(page.text for page in read_pages(b"".join(second.streaming_content)))
    assert "Rettet." in text


def test_prune_deletes_parts_older_than_asked_and_they_are_laid_out_again(settings):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=datetime.date(2021, 1, 15))
    first = jobs.render("agenda", meeting, "public")
    assert sections.prune(datetime.timedelta(days=1)) == 0
    assert jobs.render("agenda", meeting, "public").laid_out == []

    assert sections.prune(datetime.timedelta(0)) > len(first.laid_out)  # each PDF and layout
    assert _stored_parts(settings) == set()
    again = jobs.render("agenda", meeting, "public")
    assert again.data == first.data
    assert again.laid_out


@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_minutes_read_as_the_single_render_with_one_valid_structure_tree(rendered, audience):
    single, assembled = rendered["minutes", audience]["single"], rendered["minutes", audience]["assembled"]
    single_pages, assembled_pages = read_pages(single.data), read_pages(assembled.data)
    assert len(assembled_pages) == len(single_pages) == assembled.pages
    for number, (one, other) in enumerate(zip(single_pages, assembled_pages, strict=True), start=1):
        assert _words(other) == _words(one), number
    assert any("Deltagere" in page.lines() for page in assembled_pages)
    with pikepdf.open(io.BytesIO(single.data)) as one, pikepdf.open(io.BytesIO(assembled.data)) as other:
        assert _walk_structure(other) == _walk_structure(one)
        assert bookmarks(other) == bookmarks(one)
        assert _links(other) == _links(one)


def _reads_as_single(result, kind, source, audience):
    single = jobs.render(kind, source, audience, sectioned=False)
    assert result.pages == single.pages
    assert [page.lines() for page in read_pages(result.data)] == [
        page.lines() for page in read_pages(single.data)
    ]


def test_a_new_version_with_one_item_changed_lays_out_its_cover_and_section_not_the_contents():
    from agendas.services import publish_agenda, update_item

    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
    jobs.render("agenda", AgendaContent.from_version(meeting.published_version), "public")
    item = AgendaItem.objects.filter(section__meeting=meeting, section__position=2).order_by("position")[0]
    update_item(item, {"case_handler": "xyz"}, revision=item.revision)
    version = publish_agenda(meeting, change_note="Sagsbehandler rettet", notify=False, render=False)

    changed = jobs.render("agenda", AgendaContent.from_version(version), "public")

    # The cover shows the new version; the contents' text and numbers did not change.
    assert sorted(changed.laid_out) == ["cover", "punkt-2"]
    text = read_pages(changed.data)
    assert f"(version {version.number})" in text[0].text
    assert "xyz" in text[3].text
    _reads_as_single(changed, "agenda", AgendaContent.from_version(version), "public")


def test_contents_laid_out_beside_sections_at_guessed_numbers_are_corrected_when_wrong(monkeypatch):
    call_command("load_demo", stdout=io.StringIO())
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=FEB_5)
    source = AgendaContent.from_version(meeting.published_version)
    # A cold store where every section is expected on one page (section 3 has 16): the contents are
    # laid out in the first round beside the sections, numbered by that guess, which is wrong; the
    # next round lays them out with the real numbers, and the sections whose start moved.
    monkeypatch.setattr(sections, "HTML_PER_PAGE", 10**6)

    wrong = jobs.render("agenda", source, "public")

    assert wrong.laid_out.count("contents") == 2
    assert wrong.laid_out.index("contents") < wrong.laid_out.index("punkt-3")  # the first round
    _reads_as_single(wrong, "agenda", source, "public")
    assert jobs.render("agenda", source, "public").laid_out == []


JAN_15 = datetime.date(2021, 1, 15)
CLOSED_ATTACHMENT = "Demo: Fortroligt notat om personalesagen"


@pytest.fixture(scope="module")
def packs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The packs of 5 Feb and 15 Jan (which has a closed attachment) for each audience: laid out in one
    go, and assembled from parts laid out on a cold store, then underlaid with the attachments."""
    media = tmp_path_factory.mktemp("media")
    out = {}
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        for date in (FEB_5, JAN_15):
            meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date=date)
            for audience in AUDIENCES:
                out[date, audience] = {
                    "single": jobs.render("pack", meeting, audience, sectioned=False),
                    "assembled": jobs.render("pack", meeting, audience, sectioned=True),
                }
        transaction.set_rollback(True)
    return out


@pytest.mark.parametrize("date", (FEB_5, JAN_15))
@pytest.mark.parametrize("audience", AUDIENCES)
def test_assembled_pack_reads_as_the_single_render_with_its_bookmarks_and_links(packs, date, audience):
    single, assembled = packs[date, audience]["single"], packs[date, audience]["assembled"]
    if audience == "public":  # the first on a cold store; the members' shares its unchanged parts
        assert "contents" in assembled.laid_out and len(assembled.laid_out) >= 4
        # each part once: the estimates of where each starts are right for the demo's packs (an
        # estimate a page long for 5 Feb's section 2 laid its 16-page section 3 out twice)
        assert len(assembled.laid_out) == len(set(assembled.laid_out)), assembled.laid_out
    single_pages, assembled_pages = read_pages(single.data), read_pages(assembled.data)
    assert len(assembled_pages) == len(single_pages) == assembled.pages == single.pages
    for number, (one, other) in enumerate(zip(single_pages, assembled_pages, strict=True), start=1):
        # The contents' and the attachment index's page numbers, "SIDE | n" on the attachment pages,
        # and the stamps.
        assert other.lines() == one.lines(), number
        assert _words(other) == _words(one), number
    with pikepdf.open(io.BytesIO(single.data)) as one, pikepdf.open(io.BytesIO(assembled.data)) as other:
        assert bookmarks(other) == bookmarks(one)
        links = _links(other)
        assert links == _links(one)
        # The attachment index's entries and each item's list of its attachments lead to the
        # attachment's first page, which carries its stamp. (15 Jan has one attachment, closed: the
        # public's pack has none.)
        to_attachments = [(page, name, target) for page, name, target in links if name.startswith("bilag-")]
        names = {name for _page, name, _target in to_attachments}
        expected = {FEB_5: 7, JAN_15: 1 if audience == "members" else 0}[date]
        assert len(names) >= expected
        for name in names:  # from the attachment index and from its item's section
            assert len({page for page, other_name, _target in to_attachments if other_name == name}) >= 2
        assert any(title == "Bilag" for _level, title, _page in bookmarks(other)) == bool(expected)
        for _page, _name, target in to_attachments:
            assert "Bilag til punkt" in " ".join(assembled_pages[target - 1].lines())


def test_the_members_pack_in_parts_holds_the_closed_attachment_and_the_public_does_not(packs):
    public, members = packs[JAN_15, "public"]["assembled"], packs[JAN_15, "members"]["assembled"]
    stamps = {
        audience: " ".join(" ".join(page.lines()) for page in read_pages(pack.data))
        for audience, pack in (("public", public), ("members", members))
    }
    assert CLOSED_ATTACHMENT in stamps["members"]
    assert CLOSED_ATTACHMENT not in stamps["public"]
    assert members.pages > public.pages


def _long_meeting(items_in_long_section: int, attachments: int):
    """A meeting like the bench's big one, smaller: short sections of seed items around one long
    section, and attachments of ten pages each."""
    from agendas.services import add_attachment
    from kkr.demo.agenda_2021_02_05 import SECTIONS
    from kkr.lib.simplepdf import text_pdf
    from tests.factories import make_item, make_meeting, make_section, publish

    seeds = [item for section in SECTIONS for item in section["items"]]
    meeting = make_meeting(date=datetime.date(2021, 6, 18))
    counts = (2, items_in_long_section, 2, 3)
    n = 0
    for section_count in counts:
        section = make_section(meeting=meeting)
        for _ in range(section_count):
            seed = seeds[n % len(seeds)]
            fields = ("case_number", "case_handler", "background", "recommendation", "presentation")
            item = make_item(
                section=section, title=f"{seed['title']} ({n + 1})", **{f: seed[f] for f in fields}
            )
            if n < attachments:
                title = f"Bilag {n + 1}"
                add_attachment(item, title, text_pdf(title, ["Testbilag. " * 40] * 6, pages=10))
            n += 1
    return publish(meeting)


def test_a_cold_render_of_a_pack_with_a_long_section_lays_out_the_long_section_and_placeholders_once():
    # The long section's page count, estimated from its HTML, is rarely exact: the sections after it
    # wait for its layout rather than being laid out at a guessed start and again at the real one;
    # the attachment placeholders carry no page number, and are laid out once wherever they start.
    # (16 items: the long section is 18 pages, estimated at 17; a short section's estimate may still
    # miss by a page and lay the short ones after it out again, which is cheap.)
    meeting = _long_meeting(items_in_long_section=16, attachments=6)
    source = AgendaContent.from_version(meeting.published_version)

    cold = jobs.render("pack", source, "public")

    long_section, placeholders = "punkt-2", "part-6"
    assert cold.laid_out.count(long_section) == cold.laid_out.count(placeholders) == 1, cold.laid_out
    after = cold.laid_out[: cold.laid_out.index(long_section)]
    assert not {"punkt-3", "punkt-4", "contents"} & set(after), cold.laid_out
    _reads_as_single(cold, "pack", source, "public")
    assert jobs.render("pack", source, "public").laid_out == []
