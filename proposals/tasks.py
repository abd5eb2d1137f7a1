from celery import shared_task

from proposals import services


@shared_task(acks_late=True)
def send_deadline_notices() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): reminders before item deadlines and notices when they pass, each
    to each user once, however often it runs or is delivered (proposals.models.Notice)."""
    return services.send_deadline_notices()
