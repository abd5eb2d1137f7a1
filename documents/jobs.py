"""The render job's steps: build a document's HTML, fingerprint it, claim a queued row, render it and
store it by its hash, or record why it failed. What a document contains is its kind's business
(documents.registry); requesting and retrying documents is documents.services'."""

import dataclasses
import hashlib
import logging
import time
from functools import cache
from pathlib import Path

import pikepdf
import pyphen
import weasyprint
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import registry, sections
from documents.models import RenderedDocument
from documents.registry import Built, DocumentKind
from kkr.lib.files import save_once
from kkr.lib.pdf import PDF_UA, html_to_pdf

ROOT = Path(__file__).resolve().parent.parent
logger = logging.getLogger(__name__)


@cache
def code_version(kind: DocumentKind) -> str:
    """A hash of everything besides the data that shapes the kind's PDFs: this code, the kind's own
    modules and templates, our PDF CSS and fonts, and the versions of the libraries that lay it out,
    hyphenate it and post-process it (hashed from the files themselves, so a change to a template
    never serves an old PDF)."""
    files = [
        Path(__file__).resolve(),
        ROOT / "documents" / "sections.py",
        ROOT / "kkr" / "lib" / "pdf.py",
        *kind.code,
        *sorted((ROOT / "static" / "pdf").rglob("*")),
    ]
    versions = (
        f"weasyprint {weasyprint.__version__}, pikepdf {pikepdf.__version__}, pyphen {pyphen.__version__}"
    )
    digest = hashlib.sha256(versions.encode())
    for path in files:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def _check_audience(kind: DocumentKind, audience: str) -> None:
    if audience not in kind.audiences:
        raise ValueError(f"audience of {kind.name} must be one of {list(kind.audiences)}, not {audience!r}")


def build(kind: str | DocumentKind, source, audience: str) -> Built:
    kind = registry.get(kind)
    _check_audience(kind, audience)
    return kind.build(source, audience)


def fingerprint(kind: str | DocumentKind, source, audience: str, built: Built | None = None) -> str:
    """sha256 hex of everything that reaches the PDF: the HTML and other inputs, the row it is stored
    as (which version, or the working copy), and the version of the code that makes it."""
    kind = registry.get(kind)
    built = built or build(kind, source, audience)
    identity = kind.identify(source)
    head = f"{code_version(kind)}\0{kind.name}\0{audience}\0{identity}\0"
    digest = hashlib.sha256(head.encode())
    digest.update(built.html.encode())
    for sha256 in built.inputs:
        digest.update(f"\0{sha256}".encode())
    return digest.hexdigest()


def render(
    kind: str | DocumentKind,
    source,
    audience: str,
    built: Built | None = None,
    *,
    sectioned: bool | None = None,
    run: sections.Runner = sections.lay_out_here,
) -> sections.Result:
    """The finished PDF, rendered now: a sectioned kind from its stored parts, laying out those
    missing (`run` lays them out: here, or fanned out to the workers), any other in one layout.
    sectioned=False lays a sectioned kind out in one go (what the parts must add up to)."""
    kind = registry.get(kind)
    built = built or build(kind, source, audience)
    options = {"stylesheets": kind.stylesheets, "title": built.title, "author": built.author}
    if kind.sectioned if sectioned is None else sectioned:
        salt = f"{code_version(kind)}\0{kind.name}"
        result = sections.render(built.html, salt=salt, tagged=kind.tagged, run=run, **options)
        if kind.post_layout is not None:
            data, pages = kind.post_layout(result.data, built)
            result = dataclasses.replace(result, data=data, pages=pages)
        return result
    data, pages = html_to_pdf(built.html, pdf_variant=PDF_UA if kind.tagged else None, **options)
    if kind.post_layout is not None:
        data, pages = kind.post_layout(data, built)
    return sections.Result(data=data, pages=pages, laid_out=["document"], rounds=1)


def render_pdf(
    kind: str | DocumentKind, source, audience: str, built: Built | None = None, **options
) -> tuple[bytes, int]:
    """The finished PDF and its page count, rendered here and now (see render)."""
    result = render(kind, source, audience, built, **options)
    return result.data, result.pages


def claim_document(document_id: int, task_id: str | None) -> RenderedDocument | None:
    """Mark a queued document as rendering by this task, or return None if it is not ours to render
    (already done, or being rendered by a live task). A redelivery of the message whose worker died
    mid-render has the same task id, and may take its row back."""
    claimable = Q(status=RenderedDocument.Status.QUEUED)
    if task_id:
        claimable |= Q(status=RenderedDocument.Status.RENDERING, claimed_by=task_id)
    ours = RenderedDocument.objects.filter(claimable, pk=document_id)
    updated = ours.filter(attempts__lt=settings.PDF_MAX_ATTEMPTS).update(
        status=RenderedDocument.Status.RENDERING,
        claimed_by=task_id or "",
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if updated != 1:
        # Started as often as it may be: each time its worker was killed (the time limit, the memory
        # cap) before it could record a failure.
        ours.filter(attempts__gte=settings.PDF_MAX_ATTEMPTS).update(
            status=RenderedDocument.Status.FAILED, error=gave_up(), finished_at=timezone.now()
        )
        return None
    return RenderedDocument.objects.select_related("council", "meeting__council", "version").get(
        pk=document_id
    )


def render_claimed_document(
    document: RenderedDocument, run: sections.Runner = sections.lay_out_here
) -> RenderedDocument:
    """Render a claimed document, store it by content hash and mark it ready."""
    kind, audience = registry.get(document.kind), document.audience
    started = time.perf_counter()
    source = kind.source_of(document)
    built = build(kind, source, audience)
    if fingerprint(kind, source, audience, built) != document.content_hash:
        message = _("%(document)s blev ændret, mens PDF-filen blev dannet. Hent den igen.")
        return finish_failed(document, message % {"document": kind.label})
    result = render(kind, source, audience, built, run=run)
    data, pages = result.data, result.pages
    logger.info("Rendered document %s: laid out %s", document.pk, ", ".join(result.laid_out) or "nothing")
    field = RenderedDocument._meta.get_field("file")
    name = save_once(field.storage, field.generate_filename(document, "document.pdf"), data)
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderedDocument.Status.READY,
        file=name,
        page_count=pages,
        error="",
        finished_at=timezone.now(),
        render_seconds=round(time.perf_counter() - started, 3),
    )
    document.refresh_from_db()
    return document


def requeue_document(document: RenderedDocument, error: str) -> None:
    """Put a document whose render failed back in the queue (the task retries it), keeping the error."""
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderedDocument.Status.QUEUED, error=error[:2000], queued_at=timezone.now()
    )


def gave_up() -> str:
    """The error of a document whose render was started PDF_MAX_ATTEMPTS times without finishing."""
    return _(
        "Dannelsen af PDF-filen blev startet %(attempts)s gange uden at blive færdig, fx fordi et bilag "
        "krævede for meget hukommelse eller tid. Ret eller fjern bilaget, eller prøv igen senere."
    ) % {"attempts": settings.PDF_MAX_ATTEMPTS}


def finish_failed(document: RenderedDocument, error: str) -> RenderedDocument:
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderedDocument.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
    document.refresh_from_db()
    return document
