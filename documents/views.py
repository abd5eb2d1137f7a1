"""A document for its reader: the file at once when it is ready; otherwise a page that says it is being
prepared (htmx polls it, and the message becomes the link), or that it is not available; the
secretariat also sees why, and may start it again.

The app that owns a family of documents resolves each request (`Reading`): which kind, from which source,
for which audience, or 404/403. These views then do the rest, the same for every kind."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from documents import services
from documents.models import RenderedDocument
from documents.registry import DocumentKind


@dataclass(frozen=True)
class Reading:
    """One reader's request for a document, as the app that owns the document resolved it."""

    kind: DocumentKind
    source: Any
    audience: str
    subject: str  # what the document is of, in titles and file names: "KKR Nordjylland 05-02-2021"
    back_url: str  # the page the document belongs to
    back_label: str
    preview: bool = False  # the secretariat's draft
    may_retry: bool = False  # the secretariat: may start a failed render again, and sees why it failed


Resolve = Callable[..., Reading]


def _urls(request, name: str, document: RenderedDocument) -> dict:
    """The addresses of this document's file, status and retry, with the request's query (the date of
    a register) kept."""
    match = request.resolver_match
    kwargs = {k: v for k, v in match.kwargs.items() if k != "document_id"}
    query = f"?{request.GET.urlencode()}" if request.GET else ""

    def url(suffix, **extra):
        return reverse(f"{match.namespace}:{name}{suffix}", kwargs={**kwargs, **extra}) + query

    return {
        "file_url": url(""),
        "status_url": url("_status", document_id=document.pk),
        "retry_url": url("_retry", document_id=document.pk),
    }


def _status(request, reading: Reading, document: RenderedDocument, name: str):
    context = {
        "reading": reading,
        "kind": reading.kind,
        "document": document,
        **_urls(request, name, document),
    }
    if not request.htmx:
        return render(request, "documents/document.html", context)
    response = render(request, "documents/document.html#status", context)
    if document.status in (RenderedDocument.Status.READY, RenderedDocument.Status.FAILED):
        response.status_code = 286  # htmx stops polling
    return response


def _file(reading: Reading, document: RenderedDocument):
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("PDF-filen mangler.") from None
    suffix = reading.kind.file_suffix + (" (udkast)" if reading.preview else "")
    return FileResponse(handle, content_type="application/pdf", filename=f"{reading.subject} {suffix}.pdf")


def _document(reading: Reading, document_id: int) -> RenderedDocument:
    """A document of this reading's kind, subject and audience, else 404: any version of a published
    meeting's, but never the working copy's preview to a reader, or a reader's document as preview."""
    identity = reading.kind.identify(reading.source)
    return get_object_or_404(
        RenderedDocument,
        pk=document_id,
        kind=reading.kind.name,
        audience=reading.audience,
        council_id=identity.council_id,
        meeting_id=identity.meeting_id,
        key=identity.key,
        version__isnull=identity.version_id is None,
    )


@require_GET
def download(request, kind_slug, resolve: Resolve, name: str, **kwargs):
    reading = resolve(request, kind_slug, **kwargs)
    if isinstance(reading, str):
        return redirect(reading)  # the app sends this reader elsewhere (a draft: to its preview)
    document = services.request_document(reading.kind, reading.source, reading.audience)
    if document.status != RenderedDocument.Status.READY:
        return _status(request, reading, document, name)
    return _file(reading, document)


@require_GET
def prepare(request, kind_slug, resolve: Resolve, name: str, **kwargs):
    """For htmx: go to the file when it is ready, else show that it is being prepared."""
    reading = resolve(request, kind_slug, **kwargs)
    if isinstance(reading, str):
        return HttpResponseClientRedirect(reading) if request.htmx else redirect(reading)
    document = services.request_document(reading.kind, reading.source, reading.audience)
    if document.status == RenderedDocument.Status.READY and request.htmx:
        return HttpResponseClientRedirect(_urls(request, name, document)["file_url"])
    return _status(request, reading, document, name)


@require_GET
def status(request, kind_slug, document_id, resolve: Resolve, name: str, **kwargs):
    reading = resolve(request, kind_slug, **kwargs)
    if isinstance(reading, str):
        raise Http404
    return _status(request, reading, _document(reading, document_id), name)


@require_POST
def retry(request, kind_slug, document_id, resolve: Resolve, name: str, **kwargs):
    reading = resolve(request, kind_slug, **kwargs)
    if isinstance(reading, str):
        raise Http404
    document = _document(reading, document_id)
    if not reading.may_retry:
        raise PermissionDenied  # a reader cannot start renders: each one costs a worker
    document = services.retry_document(document)
    if not request.htmx:
        return redirect(_urls(request, name, document)["file_url"])
    return _status(request, reading, document, name)
