import os
import resource

from celery import Celery
from celery.signals import worker_process_init
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kkr.settings")

app = Celery("kkr")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def limit_memory(**kwargs):
    """Cap the address space of each pool process at PDF_WORKER_MAX_MEMORY_MB. One document that needs
    more (a decompression bomb among old attachments, say) then fails with a MemoryError in its own job,
    instead of taking the machine's memory or having the kernel kill whatever process is largest."""
    megabytes = settings.PDF_WORKER_MAX_MEMORY_MB
    if megabytes > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
