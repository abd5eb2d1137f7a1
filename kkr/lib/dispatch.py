"""Hand a job's row to the broker after commit, without ever failing the request that made it.

The database holds the work to do (a document to render, an e-mail to send); the broker only carries
the news. When the broker is down the row simply waits, undispatched, and the periodic sweep sends it
again until a worker takes it."""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def dispatch(task, row) -> bool:
    """Send the task for the row now and note when; False (and a warning) when the broker is down."""
    try:
        task.delay(row.pk)
    except (OperationalError, OSError) as error:
        logger.warning(
            "The broker did not take %s %s (%s); the sweep sends it again", task.name, row.pk, error
        )
        return False
    type(row).objects.filter(pk=row.pk).update(dispatched_at=timezone.now())
    return True


def dispatch_on_commit(task, row) -> None:
    transaction.on_commit(partial(dispatch, task, row))


def dispatch_many(task, rows, batch=500) -> int:
    """Send the task for each row, noting when in a query per batch rather than per row; at the first
    refusal of the broker the rest wait for the sweep. Returns how many were sent."""
    model, sent = None, []
    for row in rows:
        try:
            task.delay(row.pk)
        except (OperationalError, OSError) as error:
            logger.warning(
                "The broker did not take %s for %s rows (%s); the sweep sends them again",
                task.name,
                len(rows) - len(sent),
                error,
            )
            break
        model = type(row)
        sent.append(row.pk)
    for start in range(0, len(sent), batch):
        model.objects.filter(pk__in=sent[start : start + batch]).update(dispatched_at=timezone.now())
    return len(sent)


def dispatch_many_on_commit(task, rows) -> None:
    transaction.on_commit(partial(dispatch_many, task, list(rows)))
