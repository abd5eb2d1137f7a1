"""Operations on agendas that keep numbering, files and constraints consistent."""

import datetime
import hashlib
import time
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agendas import pdf
from agendas.models import AgendaItem, AgendaSection, Attachment, RenderedDocument
from kkr.lib.files import save_once
from kkr.lib.pdfcheck import inspect_pdf

# Positions are rewritten in two steps because unique (parent, position) is checked row by row:
# first every sibling moves out of the way by this offset, then each gets its final place.
_POSITION_OFFSET = 10000


def _renumber(queryset, ordered_pks):
    queryset.update(position=F("position") + _POSITION_OFFSET)
    for position, pk in enumerate(ordered_pks, start=1):
        queryset.filter(pk=pk).update(position=position)


@transaction.atomic
def add_item(section: AgendaSection, **fields) -> AgendaItem:
    """Append a new item at the end of the section."""
    last = section.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(section=section, position=last + 1, **fields)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def move_item(item: AgendaItem, section: AgendaSection, position: int) -> AgendaItem:
    """Move the item to the given 1-based position in a section (the same or another one of the
    meeting), and renumber every item it passed."""
    if section.meeting_id != item.section.meeting_id:
        raise ValidationError(_("Et punkt kan kun flyttes inden for sit eget møde."))
    old_section = item.section
    target = [pk for pk in section.items.order_by("position").values_list("pk", flat=True) if pk != item.pk]
    position = max(1, min(position, len(target) + 1))
    target.insert(position - 1, item.pk)
    if old_section.pk != section.pk:
        # Park the item outside both sections' ranges before it changes section.
        AgendaItem.objects.filter(pk=item.pk).update(section=section, position=2 * _POSITION_OFFSET)
        remaining = old_section.items.order_by("position").values_list("pk", flat=True)
        _renumber(old_section.items.all(), list(remaining))
    _renumber(section.items.all(), target)
    item.refresh_from_db()
    return item


@transaction.atomic
def delete_item(item: AgendaItem) -> None:
    """Delete the item and close the gap it leaves in the numbering."""
    section = item.section
    item.delete()
    _renumber(section.items.all(), list(section.items.order_by("position").values_list("pk", flat=True)))


@transaction.atomic
def add_attachment(item: AgendaItem, title: str, data: bytes, *, is_closed: bool = False) -> Attachment:
    """Validate a PDF and attach it at the end of the item's attachments."""
    page_count = inspect_pdf(data, settings.ATTACHMENT_MAX_BYTES)
    sha256 = hashlib.sha256(data).hexdigest()
    last = item.attachments.aggregate(last=Max("position"))["last"] or 0
    attachment = Attachment(
        item=item,
        position=last + 1,
        title=title,
        is_closed=is_closed,
        sha256=sha256,
        page_count=page_count,
    )
    field = Attachment._meta.get_field("file")
    attachment.file.name = save_once(field.storage, field.generate_filename(attachment, "upload.pdf"), data)
    attachment.full_clean()
    attachment.save()
    return attachment


# Rendered documents (PDFs). The job machinery lives here; what a PDF contains lives in agendas.pdf.


def request_document(meeting, kind: str, audience: str) -> RenderedDocument:
    """The document for the meeting's current content, queued for rendering if it is new.

    Content is identified by hash, so an unchanged agenda is rendered once, and any change to it
    leads to a new row on the next request. Two concurrent requests find the same row."""
    content_hash = pdf.fingerprint(meeting, kind, audience)
    document, created = RenderedDocument.objects.get_or_create(
        meeting=meeting, kind=kind, audience=audience, content_hash=content_hash
    )
    if created:
        _enqueue(document)
        document.refresh_from_db()  # with eager tasks outside a transaction it is ready already
    return document


def retry_document(document: RenderedDocument) -> RenderedDocument:
    """Queue a failed document again; if the meeting has changed since, the current content instead."""
    meeting, kind, audience = document.meeting, document.kind, document.audience
    if pdf.fingerprint(meeting, kind, audience) != document.content_hash:
        return request_document(meeting, kind, audience)
    updated = RenderedDocument.objects.filter(pk=document.pk, status=RenderedDocument.Status.FAILED).update(
        status=RenderedDocument.Status.QUEUED, error="", queued_at=timezone.now()
    )
    if updated:
        _enqueue(document)
    document.refresh_from_db()
    return document


def _enqueue(document):
    from agendas.tasks import render_document

    transaction.on_commit(partial(render_document.delay, document.pk))


def claim_document(document_id: int, task_id: str | None) -> RenderedDocument | None:
    """Mark a queued document as rendering by this task, or return None if it is not ours to render
    (already done, or being rendered by a live task). A redelivery of the message whose worker died
    mid-render has the same task id, and may take its row back."""
    claimable = Q(status=RenderedDocument.Status.QUEUED)
    if task_id:
        claimable |= Q(status=RenderedDocument.Status.RENDERING, claimed_by=task_id)
    updated = RenderedDocument.objects.filter(claimable, pk=document_id).update(
        status=RenderedDocument.Status.RENDERING,
        claimed_by=task_id or "",
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if updated != 1:
        return None
    return RenderedDocument.objects.select_related("meeting__council").get(pk=document_id)


def render_claimed_document(document: RenderedDocument) -> RenderedDocument:
    """Render a claimed document, store it by content hash and mark it ready."""
    meeting, kind, audience = document.meeting, document.kind, document.audience
    started = time.perf_counter()
    html = pdf.build_html(meeting, kind, audience)
    if pdf.fingerprint(meeting, kind, audience, html=html) != document.content_hash:
        return finish_failed(
            document, _("Dagsordenen blev ændret, mens PDF-filen blev dannet. Hent den igen.")
        )
    data, pages = pdf.render_pdf(meeting, kind, audience, html=html)
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


def finish_failed(document: RenderedDocument, error: str) -> RenderedDocument:
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=RenderedDocument.Status.FAILED, error=error[:2000], finished_at=timezone.now()
    )
    document.refresh_from_db()
    return document


def sweep_documents(stuck_after: datetime.timedelta | None = None) -> int:
    """Queue again the documents whose job was lost: rendering for longer than a render may take
    (its worker died), or queued for that long without being picked up (the message was lost).
    Returns how many were queued again."""
    if stuck_after is None:
        stuck_after = datetime.timedelta(seconds=settings.PDF_STUCK_AFTER)
    cutoff = timezone.now() - stuck_after
    Status = RenderedDocument.Status
    stuck = RenderedDocument.objects.filter(
        Q(status=Status.RENDERING, started_at__lte=cutoff) | Q(status=Status.QUEUED, queued_at__lte=cutoff)
    )
    count = 0
    for document in stuck:
        # Conditional, so a job that finished meanwhile is left alone.
        requeued = RenderedDocument.objects.filter(pk=document.pk, status=document.status).update(
            status=Status.QUEUED, claimed_by="", queued_at=timezone.now()
        )
        if requeued:
            _enqueue(document)
            count += 1
    return count
