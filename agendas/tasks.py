import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils.translation import gettext as _

from agendas import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=settings.PDF_SOFT_TIME_LIMIT,
    time_limit=settings.PDF_TIME_LIMIT,
)
def render_document(self, document_id):
    """Render one RenderedDocument row. Safe to run twice: only the task that claims the row renders."""
    document = services.claim_document(document_id, self.request.id)
    if document is None:
        return
    try:
        services.render_claimed_document(document)
    except SoftTimeLimitExceeded:
        services.finish_failed(document, _("PDF-filen tog for lang tid at danne."))
    except Exception as exc:
        logger.exception("Rendering document %s failed", document_id)
        if self.request.retries >= self.max_retries:
            services.finish_failed(document, _("PDF-filen kunne ikke dannes: %(error)s") % {"error": exc})
            return
        services.requeue_document(document, repr(exc))
        countdown = 5 * 2**self.request.retries
        if self.request.is_eager:
            # Eager (the embedded default): retry at once, in this process. Celery's own eager
            # retry would propagate the Retry exception to the caller instead.
            self.apply(args=(document_id,), retries=self.request.retries + 1)
            return
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task
def sweep_documents():
    """Periodic: queue again the render jobs whose worker died or whose message was lost."""
    count = services.sweep_documents()
    if count:
        logger.warning("Queued %s stuck document(s) again", count)
    return count
