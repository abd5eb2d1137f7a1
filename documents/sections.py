"""Rendering a document in parts: the cover and contents, and each section, laid out apart, stored by
the hash of what reaches them, and assembled with pikepdf into the PDF a single layout would give.

Why it works: every section of an agenda starts a page (`break-before: page`), so a section's layout
does not depend on what comes before it, except for the page label of its pages ("SIDE | n"), which
WeasyPrint draws from the page counter; the running header is set by every section itself. The
template marks where a part begins (`<!--kkr-part-->`); the contents, laid out apart from the sections
they point to, get their page numbers written in (`data-page`, shown by agenda.css instead of
`target-counter()`), and an empty anchor for each entry, so that WeasyPrint keeps their links; the
assembly points those names at the sections' pages.

Knowing where a part starts before it is laid out. A part's first page number reaches its PDF, so it is
part of the key the PDF is stored by; its page count and the pages its anchors land on do not depend on
where it starts, and are stored apart, by a key without the start ("start-independent"). Options
weighed, with what one warm process measured on the 5 Feb agenda (22 pages; bench/sections.py; a
machine shared with other work, so compare within a row): one layout 1.9 s; its parts laid out one by
one: section 3 (16 pages) 1.65 s, cover and contents 0.63 s (the dotted leaders make ~900 text boxes),
each one-page section 0.25 s (a layout and a write of its own, fonts subset per part), the assembly
0.10 s.
- Lay out each part once to count its pages, then again at its place: every cold render lays out
  everything twice (+1.9 s).
- Lay out the contents with placeholder numbers to learn their length, then the sections one after the
  other, each at its known start: right first time, but nothing runs in parallel (≈ 3.3 s).
- Chosen: remember each part's page count by its start-independent key (bench/sections.py, 5 runs,
  the machine less loaded: one layout 1.29 s; from parts on an empty store 1.46 s in one process and
  1.29 s on two workers; one item of section 4 edited 0.10 s in one process, 0.13 s as the job on two
  workers). A part is laid out in a round
  when its start is certain (every part before it has a known count) or when its count is unknown (it
  must be laid out to learn it; its start is then estimated from its text). A part whose estimated start
  proves wrong is laid out again in the next round, and so is the contents page whose numbers moved.
  Editing one item lays out that section once and, only if its page count changed, the sections after
  it and the contents; an unchanged part is never laid out again. A cold store (a new deployment, a
  change to the code or the stylesheet) takes two rounds: the sections (at starts estimated from their
  HTML's length, HTML_PER_PAGE, right for every section of the demo agendas), then the contents with
  their real numbers (and, where an estimate missed, the sections after it).
  Cold, the critical path is therefore the largest section plus the contents plus the assembly, however
  many workers there are; an edit that moves no heading lays out its one section and assembles.
- The cover is a part of its own (2026-11-29): it changes with every version (its number, the change
  note) and with the audience, while the contents change only when a heading or a page number does.
  Before, a new version with one item of "Siden sidst" changed laid out the cover and contents (0.4 s,
  its dotted leaders) beside that section; now the cover (one page, ~0.05 s warm) and the section: the
  bench's "one item changed" went from 0.30–0.50 s to 0.18 s request to ready on 2 workers (machine
  shared). The contents and the attendance page set the running header themselves (agenda.css).
- The contents are laid out in the round that lays out the sections when every section not laid out
  yet is expected on one page: its headings are then on its first page, so the numbers are known
  before it is laid out. For a longer section the page of each heading cannot be told from its HTML
  (the share of HTML before an item put 4 of the 11 items of the 5 Feb agenda's section 3 a page
  late), so the contents wait for its layout; a wrong guess is laid out again in the next round.
- Long sections (2026-11-29). The bench's big pack (100 items, 40 attachments of 10 pages) laid out
  14 parts for 10 on a cold store (13.3 s in one process, load 2.7 on 2 cores): its 82-page section
  was estimated at 83 pages and two 4-page sections at 3, so the four sections after the long one
  were laid out twice. Now (1) a section estimated at LONG_SECTION_PAGES or more holds back the
  sections after it that were never laid out until it has been (its page count known): they are laid
  out in the next round, at starts that miss only where a short section's estimate does; (2) rounding
  the estimate up was tried and dropped (see HTML_PER_PAGE); (3) the pack's
  attachment placeholders are stored by a key without their start (their page labels are drawn by
  the underlay, not by WeasyPrint), so they are laid out once wherever they start. The big pack
  then lays out each part once (with the estimates rounded up; rounded to the nearest, a short
  section's may miss): cover, the sections up to the long one and the placeholders; then
  the four after it; then the contents. Cold, the critical path is unchanged (the long section, then
  the short sections after it beside nothing, then the contents, where it was the long section, the
  contents, and the sections laid out again); the work is less. It still cannot meet 4 s on two
  workers: the 82-page section alone is one layout of ~4.5 s unloaded (8.8 s at load 2.7), and a
  section cannot be split, its items not starting pages. A short section whose estimate misses still
  lays out the sections after it twice (cheap), and a wrong estimate of the contents' page count
  still lays out every section twice.
- The dotted leaders are one text box per line, not one per dot (kkr.lib.pdf._one_leader_box): the
  contents page lays out in ~0.6 of the time, and prints the same (rasterised at 150 dpi, 30 pixels
  of anti-aliasing differ).

Which documents: the agenda and the secretariat's preview of it (the same kind), the minutes (their
template extends the agenda's; the attendance page goes with the contents), and the pack
(2026-11-29): its attachment index goes with the contents, and its attachment placeholders (one page
per attachment, the page counter moved on by the previous attachment's page count) are a part of
their own after the sections; the page numbers of its anchors are counted with those jumps
(_anchor_pages). A section's links to attachments point into that part: the section gets an empty
anchor of each name (with_link_anchors), and the assembly points the name at the placeholder page,
as it does for the contents' entries. The attachments are underlaid after the assembly
(agendas.pdf, the kind's post_layout).

The parts of a round are laid out in parallel by the Celery workers (`documents.tasks.render_part`):
the render job sends one task per part and then lays parts out itself too, so a single worker cannot
wait for itself. Who lays out a part is decided by a claim file next to it in the store; a part already
stored is never laid out again, so a task that runs late, or twice, does nothing. Everything goes
through Django's storage API (the store may be S3).

Tagged PDF (PDF/UA): each part is tagged by WeasyPrint; the assembly makes one structure tree of them:
one Document element holding every part's elements, one ParentTree with each part's keys moved past
the previous part's (the pages' /StructParents and the link annotations' /StructParent moved with
them), and the first part's catalog entries (/Lang, /MarkInfo, /ViewerPreferences, the XMP metadata
with the title and the PDF/UA identification). Bookmarks and named destinations are merged.

Size (2026-11-29): the assembled 5 Feb agenda was 338 KB against 100 KB in one layout. Not the fonts
mostly: its 17 embedded font subsets (7 of the regular face, one a part) are 57 KB compressed; the
assembly wrote every object loose, the structure tree's thousands of elements included, where
WeasyPrint packs them into compressed object streams. Saved with object streams it is 157 KB (1.57
times; tests/documents/test_sections.py holds it under 1.7). Merging the subsets into one program a
face (WeasyPrint subsets with the glyph ids kept, so the glyphs of all subsets can be merged) would
save most of the remaining ~40 KB; tried with fontTools, it merged nothing as written: the subsets
name their glyphs differently (a glyph absent from a subset is "glyph00002" there), so they must be
matched by glyph id, not name. Not done.
"""

import dataclasses
import datetime
import gc
import hashlib
import io
import json
import logging
import math
import os
import re
import socket
import time
import warnings
from collections.abc import Callable, Sequence

import pikepdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from kkr.lib.files import save_once
from kkr.lib.pdf import PDF_UA, html_to_pdf

logger = logging.getLogger(__name__)

MARK = "<!--kkr-part-->"
PREFIX = "documents/parts"
# Estimating the page count of a part never laid out: a full A4 page holds about this many characters
# of HTML, rounded to the nearest page. Rounding up was tried (2026-11-29: right for 16 of 17 sections
# of the demo agendas and generated long meetings, against 13), but it put the 5 Feb pack's section 2
# (1.02 pages of HTML, 1 page) at 2 pages, and so its 16-page section 3 was laid out twice, where
# rounding to the nearest is right for every part of the demo's agendas and packs (a test holds it).
# A wrong estimate costs a second layout of the parts after it.
HTML_PER_PAGE = 2800
# Entries of the contents on a page, estimating their page count (by the HTML's length, the pack's
# attachment index, ~150 characters an entry, came out a page long for 147 entries: every section was
# then laid out again at its real start).
ENTRIES_PER_PAGE = 28
# A section never laid out that is estimated at this many pages or more: the parts after it wait for
# its layout (its page count), as its estimate is rarely exact (the bench's 82-page section was
# estimated at 83: the four sections after it were laid out twice).
LONG_SECTION_PAGES = 12
# A claim older than this is taken over (its worker died).
CLAIM_SECONDS = 60
MAX_ROUNDS = 6


def _storage():
    from documents.models import RenderedDocument

    return RenderedDocument._meta.get_field("file").storage


def _name(key: str, suffix: str) -> str:
    return f"{PREFIX}/{key[:2]}/{key}.{suffix}"


@dataclasses.dataclass(frozen=True)
class PartJob:
    """One part to lay out: its HTML as laid out (first page number included), and where it is
    stored."""

    key: str  # the PDF's key (start included)
    layout_key: str  # the page count's and anchors' key (start excluded)
    html: str
    stylesheets: Sequence[str]
    title: str
    author: str
    tagged: bool
    name: str = ""

    def as_dict(self) -> dict:
        return {**dataclasses.asdict(self), "stylesheets": list(self.stylesheets)}


def _stored(key: str) -> bool:
    return _storage().exists(_name(key, "pdf"))


def stored_pdf(key: str) -> bytes | None:
    storage = _storage()
    name = _name(key, "pdf")
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        return handle.read()


def stored_layout(layout_key: str) -> dict | None:
    storage = _storage()
    name = _name(layout_key, "json")
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        return json.loads(handle.read())


def _anchors(pdf: pikepdf.Pdf) -> dict[str, int]:
    names = pdf.Root.get(pikepdf.Name.Names)
    if names is None or pikepdf.Name.Dests not in names:
        return {}
    index = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    return {name: index[dest[0].objgen] for name, dest in pikepdf.NameTree(names.Dests).items()}


def lay_out(job: PartJob) -> bool:
    """Lay out one part and store it, unless it is stored already. True if it was laid out here."""
    storage = _storage()
    if storage.exists(_name(job.key, "pdf")):
        return False
    data, pages = html_to_pdf(
        job.html,
        stylesheets=job.stylesheets,
        title=job.title,
        author=job.author,
        pdf_variant=PDF_UA if job.tagged else None,
        collect_generation=0,  # the caller collects fully after a round (collect_after)
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        anchors = _anchors(pdf)
    # Who laid it out, for the curious (the workers share the work of one render).
    layout = {"pages": pages, "anchors": anchors, "laid_out_by": f"{socket.gethostname()} {os.getpid()}"}
    # The layout first: whoever finds the PDF finds its page count. The contents' layout is
    # corrected when their real numbers make them longer than their placeholders did.
    known = stored_layout(job.layout_key)
    if known is not None and known["pages"] != pages:
        storage.delete(_name(job.layout_key, "json"))
    if known is None or known["pages"] != pages:
        save_once(storage, _name(job.layout_key, "json"), json.dumps(layout, sort_keys=True).encode())
    save_once(storage, _name(job.key, "pdf"), data)
    return True


def claim(job: PartJob) -> bool:
    """Take a part to lay out, unless it is stored or another worker took it recently."""
    storage = _storage()
    if storage.exists(_name(job.key, "pdf")):
        return False
    name = _name(job.key, "claim")
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            try:
                claimed_at = float(handle.read())
            except ValueError:
                claimed_at = 0
        if time.time() - claimed_at < CLAIM_SECONDS:
            return False
        storage.delete(name)
    try:
        # The storage never replaces a file (kkr.lib.storage): of two workers claiming at once, the
        # second is refused here.
        storage.save(name, ContentFile(str(time.time()).encode()))
    except FileExistsError:
        return False
    return True


def release(job: PartJob) -> None:
    storage = _storage()
    name = _name(job.key, "claim")
    if storage.exists(name):
        storage.delete(name)


def lay_out_claimed(job: PartJob) -> bool:
    """lay_out, by whoever claims the part first (the render job or one of its tasks)."""
    if not claim(job):
        return False
    try:
        return lay_out(job)
    finally:
        release(job)
        collect_after(1)


_since_full_collection = 0


def collect_after(parts: int) -> None:
    """A full garbage collection once every few parts laid out in this process: each part collects
    only the youngest generation, which leaves some of its garbage (about 3 MiB a document), while a
    full collection costs about 0.09 s, most of a one-page part's layout."""
    global _since_full_collection
    _since_full_collection += parts
    if _since_full_collection >= 8:
        _since_full_collection = 0
        gc.collect()


def lay_out_here(jobs: list[PartJob]) -> None:
    """Run the round's layouts in this process, one after the other."""
    for job in jobs:
        lay_out(job)
    collect_after(len(jobs))


Runner = Callable[[list[PartJob]], None]


# Splitting and numbering


@dataclasses.dataclass
class Split:
    head: str  # up to and including <body>
    chunks: list[str]  # the cover and contents, then each section
    tail: str


def split(html: str) -> Split:
    start = re.search(r"<body[^>]*>", html)
    end = html.rindex("</body>")
    body = html[start.end() : end]
    return Split(head=html[: start.end()], chunks=body.split(MARK), tail=html[end:])


def _part_name(chunk: str, index: int) -> str:
    found = re.search(r'<section[^>]* id="([^"]+)"', chunk)
    return found.group(1) if found else f"part-{index}"


_TOC_LINK = re.compile(r'<a href="#([^"]+)">')


def numbered_contents(chunk: str, pages: dict[str, int | None]) -> str:
    """The contents with each entry's page number written in (an unknown one as a placeholder of
    two digits), and an empty anchor of the name it links to, so that WeasyPrint keeps the link.

    The anchor ends the entry's list item (the first nested entry's, for a section with items):
    before the link (a block) it would keep the link's top margin from collapsing with the heading's
    (the pack's attachment index), inside it it would make a second link, and right after a section's
    link it would keep its first item's margin from collapsing."""
    own = set(re.findall(r'id="([^"]+)"', chunk))
    edits = []  # (start, end, text), applied in order of start (stable)
    for match in _TOC_LINK.finditer(chunk):
        name = match.group(1)
        if name in own:
            continue
        page = pages.get(name)
        edits.append((match.start(), match.end(), f'<a href="#{name}" data-page="{page if page else "00"}">'))
        item_end = chunk.find("</li>", match.end())
        item_end = len(chunk) if item_end < 0 else item_end
        edits.append((item_end, item_end, f'<span id="{name}"></span>'))
    out, at = [], 0
    for start, end, text in sorted(edits, key=lambda edit: edit[0]):
        out += [chunk[at:start], text]
        at = end
    out.append(chunk[at:])
    return "".join(out)


def _estimated_contents_pages(chunk: str) -> int:
    """The contents' page count, never laid out yet: the pages of each list of entries (the contents,
    the pack's attachment index: each starts a page), and a page for each other block that starts
    one (the minutes' attendance; the cover, where it is not a part of its own)."""
    others = chunk.count("<section")
    navs = chunk.split("<nav")[1:]
    if not navs:
        return others + max(1, round(len(chunk) / HTML_PER_PAGE))
    return others + sum(max(1, math.ceil(nav.count("<li") / ENTRIES_PER_PAGE)) for nav in navs)


def _estimated_pages(chunk: str) -> int:
    return max(1, round(len(chunk) / HTML_PER_PAGE))


_ANCHOR = re.compile(r' id="([^"]+)"')


def _one_page_anchors(chunk: str) -> dict[str, int] | None:
    """The anchors of a part never laid out, all on its first page, if its HTML is short enough to be
    expected on one page; None for a longer part, where which page each anchor falls on cannot be
    told from its HTML (measured on the 5 Feb agenda's section 3, 16 pages: the share of HTML before
    an item puts 4 of its 11 items a page too late)."""
    if _estimated_pages(chunk) > 1:
        return None
    return {match.group(1): 0 for match in _ANCHOR.finditer(chunk)}


_LINK = re.compile(r'<a href="#([^"]+)"')


def with_link_anchors(chunk: str) -> str:
    """A part with an empty anchor of each name it links to in another part (the pack's links to its
    attachments), so that WeasyPrint keeps the link; the assembly points the name at the real one."""
    own = set(_ANCHOR.findall(chunk))
    added: set[str] = set()

    def anchor(match):
        name = match.group(1)
        if name in own or name in added:
            return match.group(0)
        added.add(name)
        return f'<span id="{name}"></span>{match.group(0)}'

    return _LINK.sub(anchor, chunk)


# The pack's attachment placeholders: one page each, the page counter moved on by the previous
# attachment's page count (agendas/pdf.py).
_PLACEHOLDER_PAGE = re.compile(r'style="page: attachment(?:-after-(\d+))?"')


def _anchor_pages(chunk: str, start: int, anchors: dict[str, int]) -> dict[str, int]:
    """The page numbers (as printed) of a part's anchors, given their page indexes in the part."""
    numbers, number = [], start
    for index, match in enumerate(_PLACEHOLDER_PAGE.finditer(chunk)):
        number += (int(match.group(1)) if match.group(1) else 1) if index else 0
        numbers.append(number)
    return {name: numbers[page] if page < len(numbers) else start + page for name, page in anchors.items()}


def _numbered_by_the_underlay(chunk: str) -> bool:
    """The pack's attachment placeholders: their pages carry no page label of WeasyPrint's (the
    underlay draws it), so their PDF does not depend on where they start."""
    return "<section" not in chunk and _PLACEHOLDER_PAGE.search(chunk) is not None


def _contents_index(chunks: list[str]) -> int:
    """Which part holds the contents: the first with contents links (the parts before it, the cover,
    are laid out like sections); the first part if none has."""
    for index, chunk in enumerate(chunks[:-1]):
        if _TOC_LINK.search(chunk):
            return index
    return 0


def _with_first_page(head: str, first_page: int) -> str:
    rule = f"<style>@page :first {{ counter-increment: page {first_page}; }}</style>"
    return head.replace("</head>", f"{rule}\n</head>", 1)


@dataclasses.dataclass
class Result:
    data: bytes
    pages: int
    laid_out: list[str]  # the names of the parts laid out for this render, in the order of the rounds
    rounds: int


def render(
    html: str,
    *,
    salt: str,
    stylesheets: Sequence[str],
    title: str,
    author: str,
    tagged: bool,
    run: Runner = lay_out_here,
) -> Result:
    """The PDF of `html` (a document with part marks), from stored parts, laying out those missing.

    salt: the code version and anything else that reaches every part besides its HTML."""
    parts = split(html)
    base = hashlib.sha256(f"{salt}\0{list(stylesheets)}\0{tagged}\0{title}\0{author}\0".encode())
    base.update(parts.head.encode())

    def key_of(*pieces) -> str:
        digest = base.copy()
        for piece in pieces:
            digest.update(b"\0" + str(piece).encode())
        return digest.hexdigest()

    def job(index: int, body: str, first_page: int, layout_key: str, name: str = "") -> PartJob:
        head = parts.head if first_page == 1 else _with_first_page(parts.head, first_page)
        return PartJob(
            key=key_of(body) if _numbered_by_the_underlay(body) else key_of(body, first_page),
            layout_key=layout_key,
            html=head + body + parts.tail,
            stylesheets=tuple(stylesheets),
            title=title,
            author=author,
            tagged=tagged,
            name=name or _part_name(body, index),
        )

    at = _contents_index(parts.chunks)
    before = [with_link_anchors(chunk) for chunk in parts.chunks[:at]]
    sections = [with_link_anchors(chunk) for chunk in parts.chunks[at + 1 :]]
    before_keys = [key_of("layout", chunk) for chunk in before]
    section_keys = [key_of("layout", chunk) for chunk in sections]
    # The contents' length is remembered for their text with placeholder numbers.
    contents_chunk = parts.chunks[at]
    contents_key = key_of("layout", numbered_contents(contents_chunk, {}))
    laid_out: list[str] = []
    rounds = 0
    # Each long section can hold the parts after it back a round.
    longs = sum(_estimated_pages(chunk) >= LONG_SECTION_PAGES for chunk in sections)
    while True:
        rounds += 1
        if rounds > MAX_ROUNDS + longs:
            raise RuntimeError("the parts' page numbers did not settle")
        before_layouts = [stored_layout(key) for key in before_keys]
        layouts = [stored_layout(key) for key in section_keys]
        contents_layout = stored_layout(contents_key)
        jobs, final, page_of, guessable = [], [], {}, True
        # The parts before the contents (the cover), then the contents' place, then the sections. A
        # part's start is certain when every part before it has a known page count.
        start, certain = 1, True
        for index, (chunk, layout) in enumerate(zip(before, before_layouts, strict=True)):
            part = job(index, chunk, start, before_keys[index], name="cover" if index == 0 else "")
            final.append(part)
            if (layout is None or certain) and not _stored(part.key):
                jobs.append(part)
            if layout is None:
                certain = False
                start += _estimated_pages(chunk)
            else:
                page_of.update(_anchor_pages(chunk, start, layout["anchors"]))
                start += layout["pages"]
        contents_start = start
        if contents_layout is None:
            certain = False
            start += _estimated_contents_pages(contents_chunk)
        else:
            start += contents_layout["pages"]
        waiting = False  # for a long section's page count
        for index, (chunk, layout) in enumerate(zip(sections, layouts, strict=True), start=at + 1):
            part = job(index, chunk, start, section_keys[index - at - 1])
            final.append(part)
            if layout is None and waiting and not _numbered_by_the_underlay(chunk):
                guessable = False
            elif (layout is None or certain) and not _stored(part.key):
                jobs.append(part)
            if layout is None:
                certain = False
                waiting = waiting or _estimated_pages(chunk) >= LONG_SECTION_PAGES
                guessed = _one_page_anchors(chunk)
                guessable = guessable and guessed is not None
                page_of.update(_anchor_pages(chunk, start, guessed or {}))
                start += _estimated_pages(chunk)
            else:
                page_of.update(_anchor_pages(chunk, start, layout["anchors"]))
                start += layout["pages"]
        numbered = numbered_contents(contents_chunk, page_of)
        contents = job(at, numbered, contents_start, contents_key, name="contents")
        final.insert(at, contents)
        contents_stored = _stored(contents.key)
        # The contents once every section's layout is known, or in the same round as the sections
        # they point to when those are short enough to guess where their headings fall (one page
        # each: an edit, mostly); a wrong guess is laid out again in the next round.
        if not contents_stored and guessable:
            jobs.insert(0, contents)
        if not jobs:
            if certain and contents_stored:
                break
            continue
        # The next round checks what this one learnt (page counts, the real contents' length).
        run(jobs)
        laid_out += [part.name for part in jobs]
    data, pages = assemble([stored_pdf(part.key) for part in final], tagged=tagged)
    return Result(data=data, pages=pages, laid_out=laid_out, rounds=rounds)


# Assembly


def _copy(out: pikepdf.Pdf, source: pikepdf.Pdf, obj):
    """obj copied into out (a direct object made indirect first: copy_foreign takes only those)."""
    return out.copy_foreign(obj if obj.is_indirect else source.make_indirect(obj))


def _dests(pdf: pikepdf.Pdf) -> dict:
    names = pdf.Root.get(pikepdf.Name.Names)
    if names is None or pikepdf.Name.Dests not in names:
        return {}
    return dict(pikepdf.NameTree(names.Dests).items())


def _append_outline(out: pikepdf.Pdf, source: pikepdf.Pdf) -> None:
    outlines = source.Root.get(pikepdf.Name.Outlines)
    if outlines is None or pikepdf.Name.First not in outlines:
        return
    copied = out.copy_foreign(outlines)
    if pikepdf.Name.Outlines not in out.Root:
        out.Root.Outlines = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Outlines, Count=0))
    target = out.Root.Outlines
    item = copied.First
    while True:
        item.Parent = target
        if pikepdf.Name.Next not in item:
            break
        item = item.Next
    if pikepdf.Name.Last in target:
        target.Last.Next = copied.First
        copied.First.Prev = target.Last
    else:
        target.First = copied.First
    target.Last = copied.Last
    target.Count = int(target.get(pikepdf.Name.Count, 0)) + int(copied.get(pikepdf.Name.Count, 0))


def _parent_tree_nums(root) -> list:
    """The ParentTree's (key, value) pairs (WeasyPrint writes one flat /Nums array)."""
    nums = root.ParentTree.Nums
    return [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]


def _append_structure(out: pikepdf.Pdf, source: pikepdf.Pdf, first_page: int, offset: int) -> int:
    """Move the source's structure into out's, its ParentTree keys moved up by offset; returns the
    next free key."""
    document = out.Root.StructTreeRoot.K[0]
    source_root = source.Root.StructTreeRoot
    for element in source_root.K[0].K:
        copied = _copy(out, source, element)
        copied.P = document
        document.K.append(copied)
    nums = out.Root.StructTreeRoot.ParentTree.Nums
    next_key = offset
    for key, value in _parent_tree_nums(source_root):
        nums.append(key + offset)
        nums.append(_copy(out, source, value))
        next_key = max(next_key, key + offset + 1)
    for page in out.pages[first_page:]:
        page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get(pikepdf.Name.Annots, []):
            if pikepdf.Name.StructParent in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return next_key


def assemble(parts: list[bytes], *, tagged: bool) -> tuple[bytes, int]:
    """One PDF of the parts, in order: pages, bookmarks, named destinations and, tagged, one
    structure tree. The first part's catalog (language, metadata, viewer preferences) is kept."""
    sources = []
    try:
        out = pikepdf.open(io.BytesIO(parts[0]))
        sources.append(out)
        dests = _dests(out)
        if tagged:
            keys = [key for key, _ in _parent_tree_nums(out.Root.StructTreeRoot)]
            next_key = max(keys, default=-1) + 1
        for data in parts[1:]:
            source = pikepdf.open(io.BytesIO(data))
            sources.append(source)
            first_page = len(out.pages)
            with warnings.catch_warnings():
                # pikepdf warns that extend() drops named destinations: they are merged just below.
                warnings.simplefilter("ignore", pikepdf.exceptions.PageCopyWarning)
                out.pages.extend(source.pages)
            # A section's anchors win over the contents' empty ones of the same name.
            dests.update({name: _copy(out, source, dest) for name, dest in _dests(source).items()})
            _append_outline(out, source)
            if tagged:
                next_key = _append_structure(out, source, first_page, next_key)
        if tagged:
            out.Root.StructTreeRoot.ParentTreeNextKey = next_key
        if dests:
            tree = pikepdf.NameTree.new(out)
            for name in sorted(dests):
                tree[name] = dests[name]
            if pikepdf.Name.Names not in out.Root:
                out.Root.Names = pikepdf.Dictionary()
            out.Root.Names.Dests = tree.obj
        buffer = io.BytesIO()
        # In object streams, as WeasyPrint writes them: written loose, the tagged agenda's structure
        # elements made it 3.4 times the size of its single layout (338 KB for 100 KB).
        out.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return buffer.getvalue(), len(out.pages)
    finally:
        for source in reversed(sources):
            source.close()


def wait_for(jobs: list[PartJob], poll: float = 0.02) -> None:
    """Lay out what nobody else has taken, then wait for the parts that others lay out; a part whose
    claim went stale (its worker died) or was never taken is laid out here."""
    # The largest first: the job's own tasks are queued largest first too, and are taken by
    # the other workers while this one lays out.
    for job in sorted(jobs, key=lambda job: len(job.html), reverse=True):
        lay_out_claimed(job)
    deadline = time.monotonic() + settings.PDF_SOFT_TIME_LIMIT
    pending = [job for job in jobs if not _stored(job.key)]
    while pending:
        time.sleep(poll)
        for job in pending:
            lay_out_claimed(job)  # its claim went stale, or nobody took it
        pending = [job for job in pending if not _stored(job.key)]
        if pending and time.monotonic() > deadline:
            raise TimeoutError(f"parts not laid out in time: {[job.name for job in pending]}")


def prune(older_than: datetime.timedelta) -> int:
    """Delete the stored parts (and their layouts and stale claims) not written for `older_than`: a
    part is only a cache, laid out again when a render needs it. Returns how many files went."""
    storage = _storage()
    cutoff = timezone.now() - older_than
    deleted = 0
    try:
        folders, _ = storage.listdir(PREFIX)
    except FileNotFoundError:
        return 0
    for folder in folders:
        for file in storage.listdir(f"{PREFIX}/{folder}")[1]:
            name = f"{PREFIX}/{folder}/{file}"
            if storage.get_modified_time(name) < cutoff:
                storage.delete(name)
                deleted += 1
    return deleted
