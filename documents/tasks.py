import datetime
import logging

from celery import group, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import jobs, sections
from documents.models import RenderedDocument
from kkr.lib.dispatch import dispatch_on_commit

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,  # the row counts its attempts, redeliveries included (settings.PDF_MAX_ATTEMPTS)
    soft_time_limit=settings.PDF_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_TIME_LIMIT,
)
def render_document(self, document_id):
    """Render one RenderedDocument row. Safe to run twice: only the task that claims the row renders."""
    document = jobs.claim_document(document_id, self.request.id)
    if document is None:
        return
    try:
        jobs.render_claimed_document(document, sections.lay_out_here if self.request.is_eager else fan_out)
    except SoftTimeLimitExceeded:
        jobs.finish_failed(document, _("PDF-filen tog for lang tid at danne."))
    except Exception as exc:
        logger.exception("Rendering document %s failed", document_id)
        if document.attempts >= settings.PDF_MAX_ATTEMPTS:
            jobs.finish_failed(document, _("PDF-filen kunne ikke dannes: %(error)s") % {"error": exc})
            return
        jobs.requeue_document(document, repr(exc))
        countdown = 5 * 2**self.request.retries
        if self.request.is_eager:
            # Eager (the embedded default): retry at once, in this process. Celery's own eager
            # retry would propagate the Retry exception to the caller instead.
            self.apply(args=(document_id,), retries=self.request.retries + 1)
            return
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.PDF_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_TIME_LIMIT,
)
def render_part(job: dict) -> None:
    """Lay out one part of a sectioned document for the render job that sent it, unless it is laid
    out or being laid out (documents.sections)."""
    sections.lay_out_claimed(sections.PartJob(**job))


def fan_out(parts: list[sections.PartJob]) -> None:
    """Lay out a round's parts on every worker at once: a task per part, largest first, while this
    worker lays out parts too and waits for the rest (so a single worker never waits for itself)."""
    ordered = sorted(parts, key=lambda part: len(part.html), reverse=True)
    if len(ordered) > 1:
        try:
            group(render_part.s(part.as_dict()) for part in ordered[1:]).apply_async()
        except Exception:  # the broker is down: this worker lays them all out
            logger.warning("Could not send the parts to the workers", exc_info=True)
    sections.wait_for(ordered)


@shared_task
def prune_parts() -> int:
    """Daily: delete the sectioned PDFs' parts unused for PDF_PARTS_KEPT_DAYS (a cache)."""
    return sections.prune(datetime.timedelta(days=settings.PDF_PARTS_KEPT_DAYS))


def enqueue(document: RenderedDocument) -> None:
    """Render the document once the transaction that queued it commits (or, the broker being down,
    once the sweep gets it through)."""
    dispatch_on_commit(render_document, document)


@shared_task
def sweep_documents(stuck_after_seconds: float | None = None) -> int:
    """Periodic: send the broker the documents it never took (it was down), and queue again those whose
    job was lost: rendering for longer than a render may take (its worker died), or queued for that
    long without being picked up (the message was lost). One whose render was started as often as it
    may be is failed instead: a document that kills its worker every time is not queued again for
    ever. Returns how many were sent again."""
    if stuck_after_seconds is None:
        stuck_after_seconds = settings.PDF_STUCK_AFTER
    cutoff = timezone.now() - datetime.timedelta(seconds=stuck_after_seconds)
    Status = RenderedDocument.Status
    stuck = RenderedDocument.objects.filter(
        Q(status=Status.RENDERING, started_at__lte=cutoff) | Q(status=Status.QUEUED, queued_at__lte=cutoff)
    )
    undispatched = RenderedDocument.objects.filter(status=Status.QUEUED, dispatched_at__isnull=True)
    count = 0
    for document in undispatched.exclude(pk__in=stuck):
        enqueue(document)
        count += 1
    for document in stuck:
        # Conditional, so a job that finished meanwhile is left alone.
        unchanged = RenderedDocument.objects.filter(pk=document.pk, status=document.status)
        if document.attempts >= settings.PDF_MAX_ATTEMPTS:
            unchanged.update(status=Status.FAILED, error=jobs.gave_up(), finished_at=timezone.now())
            logger.warning("Document %s failed: started %s times", document.pk, document.attempts)
            continue
        requeued = unchanged.update(
            status=Status.QUEUED, claimed_by="", queued_at=timezone.now(), dispatched_at=None
        )
        if requeued:
            enqueue(document)
            count += 1
    if count:
        logger.warning("Queued %s stuck document(s) again", count)
    return count
