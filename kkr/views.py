import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

logger = logging.getLogger(__name__)

OK, ERROR, EAGER = "ok", "error", "eager"


@require_GET
@never_cache
def health(request):
    """For container health checks and load balancers: the database, the Celery broker and the file
    storage, each with its state. 200 only when all answer; 503, still naming each state, when one
    does not. The broker is "eager" when there is none (tasks run in the web process)."""
    states = {"database": _database(), "broker": _broker(), "storage": _storage()}
    healthy = all(state in (OK, EAGER) for state in states.values())
    return JsonResponse(states, status=200 if healthy else 503)


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        logger.warning("Health: the database does not answer", exc_info=True)
        return ERROR
    return OK


def _broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return EAGER
    try:
        url = settings.CELERY_BROKER_URL
        with Connection(
            url, connect_timeout=2, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS
        ) as conn:
            conn.ensure_connection(max_retries=0)
    except Exception:
        logger.warning("Health: the broker does not answer", exc_info=True)
        return ERROR
    return OK


def _storage():
    """Uploads and rendered PDFs must be writable: a small file is written and removed."""
    try:
        name = default_storage.save(f"health/{uuid.uuid4().hex}", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception:
        logger.warning("Health: the file storage cannot be written", exc_info=True)
        return ERROR
    return OK


@require_GET
def accessibility_statement(request):
    return render(request, "kkr/accessibility.html")
