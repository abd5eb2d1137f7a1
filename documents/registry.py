"""The kinds of document the portal renders as PDF, each registered by the app that owns its content.

`documents` knows how to queue, render, store and serve a PDF; it knows nothing of meetings, minutes or
the register. Each app tells it, in its `AppConfig.ready()`, what its documents are: how to build the
HTML from their source, which row identifies a source, how a stored row finds its source again, and what
to do with the PDF after layout (the pack draws its attachments under placeholder pages)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.http import Http404


@dataclass(frozen=True)
class Built:
    """What a document is made of: the HTML WeasyPrint lays out, its metadata, and anything besides
    the HTML that reaches the PDF (the pack's attachment files), named by sha256 in `inputs`."""

    html: str
    title: str
    author: str
    inputs: Sequence[str] = ()
    extra: Any = None  # handed to the kind's post_layout (the pack: its attachments)


@dataclass(frozen=True)
class Identity:
    """The row a source is stored as: its council, and its meeting and agenda version or another key
    (the register's date)."""

    council_id: int
    meeting_id: int | None = None
    version_id: int | None = None
    key: str = ""


@dataclass(frozen=True)
class DocumentKind:
    name: str  # stored in RenderedDocument.kind
    family: str  # the addresses it is served at: "meeting" (/<council>/<date>/pdf/…), "register"
    slug: str  # in addresses: /…/pdf/dagsorden/
    label: str  # "Dagsorden": page titles and buttons ("Hent dagsorden (PDF)")
    label_definite: str  # "Dagsordenen": "Dagsordenen gøres klar som PDF …"
    file_suffix: str  # the downloaded file's name ends in it: "… 05-02-2021 dagsorden.pdf"
    build: Callable[[Any, str], Built]  # (source, audience) -> Built
    identify: Callable[[Any], Identity]  # source -> the row that stores it
    source_of: Callable[[Any], Any]  # RenderedDocument -> its source again, for the job
    # Who may read it: the family's subject as its app resolved it for the reader (a meeting and what
    # the viewer may see, a council's register on a date) -> the source to build, or Http404.
    for_reader: Callable[[Any], Any]
    code: Sequence[Path] = ()  # files besides the data that shape the PDF (templates, modules)
    stylesheets: Sequence[str] = ("pdf/agenda.css",)
    tagged: bool = True  # PDF/UA: published online, it must be accessible
    post_layout: Callable[[bytes, Built], tuple[bytes, int]] | None = None
    # Laid out in parts, each starting a page, stored and assembled (documents.sections); the HTML
    # marks where each part begins.
    sectioned: bool = False
    audiences: Sequence[str] = field(default=("public", "members"))


_kinds: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    existing = _kinds.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"document kind {kind.name!r} is registered twice")
    if any(other.slug == kind.slug and other.name != kind.name for other in _kinds.values()):
        raise ValueError(f"document slug {kind.slug!r} is taken")
    _kinds[kind.name] = kind
    return kind


def get(name: "str | DocumentKind") -> DocumentKind:
    if isinstance(name, DocumentKind):
        return name
    try:
        return _kinds[name]
    except KeyError:
        raise ValueError(f"no document kind {name!r}; registered: {sorted(_kinds)}") from None


def by_slug(slug: str, family: str) -> DocumentKind:
    """The kind an address names, among those of its family (404 for any other)."""
    for kind in _kinds.values():
        if kind.family == family and kind.slug == slug:
            return kind
    raise Http404


def kinds() -> list[DocumentKind]:
    return list(_kinds.values())
