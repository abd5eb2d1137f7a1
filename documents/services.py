"""Rendered documents for the apps: request one (found by the hash of its content, or queued for the
job), retry a failed one. (The sweep for lost jobs is a task: documents.tasks.)"""

from django.utils import timezone

from documents import registry
from documents.jobs import build, fingerprint, render_pdf
from documents.models import RenderedDocument
from documents.registry import DocumentKind
from documents.tasks import enqueue

__all__ = ["build", "fingerprint", "render_pdf", "request_document", "retry_document"]


def request_document(kind: str | DocumentKind, source, audience: str) -> RenderedDocument:
    """The document for the source's current content, queued for rendering if it is new.

    Content is identified by hash, so unchanged content is rendered once, and any change to it leads to a
    new row on the next request. Two concurrent requests find the same row."""
    kind = registry.get(kind)
    identity = kind.identify(source)
    document, created = RenderedDocument.objects.get_or_create(
        kind=kind.name,
        audience=audience,
        content_hash=fingerprint(kind, source, audience),
        defaults={
            "council_id": identity.council_id,
            "meeting_id": identity.meeting_id,
            "version_id": identity.version_id,
            "key": identity.key,
        },
    )
    if created:
        enqueue(document)
        document.refresh_from_db()  # with eager tasks outside a transaction it is ready already
    return document


def retry_document(document: RenderedDocument) -> RenderedDocument:
    """Queue a failed document again, with all its attempts; if its content has changed since, the
    current content instead. For the secretariat (and the admin): a reader cannot start a render."""
    kind = registry.get(document.kind)
    source = kind.source_of(document)
    if fingerprint(kind, source, document.audience) != document.content_hash:
        return request_document(kind, source, document.audience)
    updated = RenderedDocument.objects.filter(pk=document.pk, status=RenderedDocument.Status.FAILED).update(
        status=RenderedDocument.Status.QUEUED,
        error="",
        queued_at=timezone.now(),
        attempts=0,
        dispatched_at=None,
    )
    if updated:
        enqueue(document)
    document.refresh_from_db()
    return document
