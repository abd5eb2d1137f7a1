"""The printed agenda of a meeting, and the pack: the agenda followed by every attachment.

The pack is laid out by WeasyPrint with one empty placeholder page per attachment (with a stamp naming
its item), the page counter moved on by the previous attachment's page count, so that its page numbers,
table of contents, attachment index and bookmarks are those of the finished pack; like the agenda it is
laid out in parts (documents.sections: cover, contents with the attachment index, each section, the
placeholders) and assembled. pikepdf then gives each attachment as many copies of its placeholder page
as it has pages and draws the attachment's pages under them.
"""

import hashlib
import io
from pathlib import Path

import pikepdf
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agendas.content import AgendaContent, AttachmentEntry
from documents.registry import Built, DocumentKind, Identity
from kkr.access import MeetingAccess

TEMPLATE = "agendas/pdf/agenda.html"
# Prefix of the named destination WeasyPrint writes for each attachment's first placeholder page.
ATTACHMENT_ANCHOR = "bilag-"
ROOT = Path(__file__).resolve().parent.parent
# Besides the data, what shapes these PDFs (documents.jobs hashes them into each fingerprint).
CODE = (
    Path(__file__).resolve(),
    ROOT / "agendas" / "content.py",
    ROOT / "templates" / "agendas" / "pdf",
    ROOT / "templates" / "agendas" / "_item_texts.html",
)


def content_of(source) -> AgendaContent:
    """An agenda's content: given, or for a meeting what its readers see (its published version)."""
    return source if isinstance(source, AgendaContent) else AgendaContent.for_readers(source)


def identify(source) -> Identity:
    content = content_of(source)
    meeting = content.meeting
    version_id = content.version.pk if content.version else None
    return Identity(council_id=meeting.council_id, meeting_id=meeting.pk, version_id=version_id)


def source_of(document) -> AgendaContent:
    """The content a stored document was rendered from: its version, or the working copy."""
    if document.version_id:
        return AgendaContent.from_version(document.version)
    return AgendaContent.live(document.meeting)


def for_reader(access: MeetingAccess) -> AgendaContent:
    """What a reader of the published meeting sees (the view checked that they may see the meeting)."""
    return AgendaContent.for_readers(access.meeting)


def _attachment_entries(content: AgendaContent) -> list[dict]:
    entries = []
    previous_pages = None
    for section, item, attachment in content.attachments():
        number = f"{section.position}.{item.position}"
        stamp = _("Bilag til punkt %(number)s – %(title)s") % {"number": number, "title": attachment.title}
        entries.append(
            {
                "attachment": attachment,
                "item": item,
                "number": f"{number}.",
                "first_of_item": attachment is item.attachments[0],
                "stamp": stamp,
                # One placeholder page stands for all the attachment's pages: the page counter
                # jumps by the previous attachment's page count, so page numbers, the index and
                # the bookmarks are those of the finished pack (see _underlay_attachments).
                "page_name": f"attachment-after-{previous_pages}" if previous_pages else "attachment",
            }
        )
        previous_pages = attachment.page_count or 1
    return entries


def _page_jumps(entries) -> list[int]:
    return sorted({int(entry["page_name"].rsplit("-", 1)[1]) for entry in entries[1:]})


def _when(facts) -> str:
    when = f"{facts.date:%d-%m-%Y} {_('kl.')} {facts.start_time:%H.%M}"
    if facts.end_time:
        when += f"–{facts.end_time:%H.%M}"
    return when


def title(content: AgendaContent, document: str) -> str:
    return f"{document} – {content.meeting.council.name} {content.facts.date:%d-%m-%Y}"


def context(content: AgendaContent, audience: str, *, document: str, attachments=()) -> dict:
    """What the agenda's PDF template needs, of content already filtered for the audience; the
    minutes' template extends it (minutes.pdf)."""
    council = content.meeting.council
    return {
        "meeting": content.meeting,
        "facts": content.facts,
        "version": content.version,
        "first_sent_on": content.first_sent_on,
        "is_draft": content.is_draft,
        "council": council,
        "sections": content.sections,
        "document": document,
        "is_public": audience == "public",
        "attachments": attachments,
        "is_pack": bool(attachments),
        "page_jumps": _page_jumps(attachments),
        "title": title(content, document),
        "running_header": f"{council.name} | {content.facts.date:%d-%m-%Y}",
        "when": _when(content.facts),
    }


def _build(source, audience: str, *, pack: bool) -> Built:
    content = content_of(source).for_audience(audience)
    document = _("Dagsorden med bilag") if pack else _("Dagsorden")
    attachments = _attachment_entries(content) if pack else []
    html = render_to_string(TEMPLATE, context(content, audience, document=document, attachments=attachments))
    files = [entry["attachment"] for entry in attachments]
    return Built(
        html=html,
        title=title(content, document),
        author=content.meeting.council.name,
        inputs=[attachment.sha256 for attachment in files],
        extra=files,
    )


def build_agenda(source, audience: str) -> Built:
    return _build(source, audience, pack=False)


def build_pack(source, audience: str) -> Built:
    return _build(source, audience, pack=True)


def _underlay(data: bytes, built: Built) -> tuple[bytes, int]:
    return _underlay_attachments(data, built.extra)


AGENDA = DocumentKind(
    name="agenda",
    family="meeting",
    slug="dagsorden",
    label=gettext_lazy("Dagsorden"),
    label_definite=gettext_lazy("Dagsordenen"),
    file_suffix="dagsorden",
    build=build_agenda,
    identify=identify,
    source_of=source_of,
    for_reader=for_reader,
    code=CODE,
    sectioned=True,
)
PACK = DocumentKind(
    name="pack",
    family="meeting",
    slug="samlet",
    label=gettext_lazy("Samlet dagsorden med bilag"),
    label_definite=gettext_lazy("Den samlede dagsorden med bilag"),
    file_suffix="dagsorden med bilag",
    build=build_pack,
    identify=identify,
    source_of=source_of,
    for_reader=for_reader,
    code=CODE,
    # The attachments are drawn into the laid-out pack; a plain PDF (the attachments are not tagged).
    tagged=False,
    post_layout=_underlay,
    # In parts like the agenda; the attachment placeholders are the last part, the underlay follows
    # the assembly.
    sectioned=True,
)


class PackMismatch(RuntimeError):
    """The pack's layout and its attachments do not fit together (HTML built from other data)."""


def _placeholder_pages(pack: pikepdf.Pdf) -> dict[str, int]:
    """The index of the first placeholder page of each attachment in the pack, by anchor name."""
    names = pack.Root.get(pikepdf.Name.Names)
    if names is None or pikepdf.Name.Dests not in names:
        return {}
    page_index = {page.obj.objgen: n for n, page in enumerate(pack.pages)}
    return {
        name: page_index[destination[0].objgen]
        for name, destination in pikepdf.NameTree(names.Dests).items()
        if name.startswith(ATTACHMENT_ANCHOR)
    }


def _underlay_attachments(data: bytes, attachments: list[AttachmentEntry]) -> tuple[bytes, int]:
    """Give each attachment as many pages as it has, each a copy of its placeholder page (stamp and
    bookmarks stay on the first), draw its pages under them, scaled to fit A4 below the stamp, and label every
    attachment page with its page number."""
    sources = []  # stream data copied into the pack is read from its source when the pack is saved
    try:
        with pikepdf.open(io.BytesIO(data)) as pack:
            first_pages = _placeholder_pages(pack)
            if set(first_pages) != {f"{ATTACHMENT_ANCHOR}{attachment.pk}" for attachment in attachments}:
                raise PackMismatch("the pack's placeholder pages are not those of its attachments")
            # From the last attachment to the first, so that inserting pages does not move the
            # placeholders still to be filled.
            for attachment in reversed(attachments):
                first = first_pages[f"{ATTACHMENT_ANCHOR}{attachment.pk}"]
                with attachment.open() as handle:
                    content = handle.read()
                if hashlib.sha256(content).hexdigest() != attachment.sha256:
                    raise PackMismatch(f"the file of attachment {attachment.pk} does not match its sha256")
                sources.append(source := pikepdf.open(io.BytesIO(content)))
                if len(source.pages) != attachment.page_count:
                    raise PackMismatch(f"attachment {attachment.pk} does not have its recorded page count")
                placeholder = pack.pages[first]
                for offset in range(1, attachment.page_count):
                    pack.pages.insert(first + offset, placeholder)  # a copy, sharing the stamp's stream
                for offset, source_page in enumerate(source.pages):
                    _underlay(pack, pack.pages[first + offset], source_page)
            if first_pages:
                _label_pages(pack, start=min(first_pages.values()))
            out = io.BytesIO()
            pack.save(out, deterministic_id=True)
            return out.getvalue(), len(pack.pages)
    finally:
        for source in sources:
            source.close()


# The page label of attachment pages ("SIDE | 27"), drawn here because the layout has only one
# placeholder page per attachment. Helvetica (a standard PDF font, nothing to embed); its widths, in
# thousandths of the font size, for the characters a label uses.
_HELVETICA_WIDTHS = {"S": 667, "I": 278, "D": 722, "E": 667, " ": 278, "|": 260} | dict.fromkeys(
    "0123456789", 556
)
_MM = 72 / 25.4
# The stamp and the page label sit this far below the paper's top edge, inside what office printers
# print (most lose the outer 4–5 mm); the stamp's page margin in agenda.css says the same. The
# attachment is drawn below the band they take, so they never cover its text, letterhead or scan.
STAMP_TOP = 6 * _MM
STAMP_BAND = 12 * _MM


def _label_pages(pack: pikepdf.Pdf, start: int) -> None:
    font = pack.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    # As tall as the stamp's box beside it (agenda.css: a 7 pt line of 1.2 and its padding).
    size, box_width, box_height = 7, 18 * _MM, 4.4 * _MM
    for index in range(start, len(pack.pages)):
        page = pack.pages[index]
        label = f"SIDE | {index + 1}"
        text_width = sum(_HELVETICA_WIDTHS[char] for char in label) * size / 1000
        _left, _bottom, right, top = (float(v) for v in page.mediabox)
        x0 = right - 8 * _MM - box_width
        y0 = top - STAMP_TOP - box_height
        resources = page.obj.Resources
        if pikepdf.Name.Font not in resources:
            resources.Font = pikepdf.Dictionary()
        resources.Font[pikepdf.Name.KKRLabel] = font
        # The page's own content leaves its coordinate system changed (WeasyPrint flips it): wrap it
        # in q/Q, so the label is drawn in the page's default coordinates.
        page.contents_add(pack.make_stream(b"q\n"), prepend=True)
        stream = (
            f"Q q 1 g {x0:.2f} {y0:.2f} {box_width:.2f} {box_height:.2f} re f "
            f"0.467 G 0.4 w {x0:.2f} {y0:.2f} {box_width:.2f} {box_height:.2f} re S "
            f"BT 0 g /KKRLabel {size} Tf {x0 + (box_width - text_width) / 2:.2f} {y0 + 3.9:.2f} Td "
            f"({label}) Tj ET Q"
        )
        page.contents_add(pack.make_stream(stream.encode("ascii")), prepend=False)


def _underlay(pack: pikepdf.Pdf, page: pikepdf.Page, source_page: pikepdf.Page) -> None:
    """Draw source_page under page's content, centred and scaled to fit below the stamp's band, its
    aspect ratio kept."""
    form = pack.copy_foreign(source_page.as_form_xobject())
    # WeasyPrint gives all pages one shared resource dictionary: this page gets a copy of its own.
    shared = page.obj.Resources
    page.obj.Resources = pikepdf.Dictionary(dict(shared.items()))
    page.obj.Resources.XObject = pikepdf.Dictionary(dict(shared.XObject.items()))
    name = pikepdf.Name.KKRAttachmentPage
    page.obj.Resources.XObject[name] = form
    left, bottom, right, top = (float(v) for v in page.mediabox)
    placement = page.calc_form_xobject_placement(
        form,
        name,
        pikepdf.Rectangle(left, bottom, right, top - STAMP_BAND),
        allow_shrink=True,
        allow_expand=True,
    )
    page.contents_add(placement, prepend=True)
