import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from kkr.lib.dispatch import dispatch
from kkr.lib.mailmessage import PortalEmailMessage
from kkr.models import OutgoingMail, Subscription

logger = logging.getLogger(__name__)
Status = OutgoingMail.Status


@shared_task(acks_late=True)
def send_mail(mail_id) -> bool:
    """Send one queued e-mail. Only the task that claims the row sends it, so a message delivered twice
    (the sweep's and the first) sends one e-mail."""
    claimed = OutgoingMail.objects.filter(pk=mail_id, status=Status.PENDING).update(
        status=Status.SENDING, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        PortalEmailMessage(mail.subject, mail.body, to=mail.to, bcc=mail.bcc, headers=mail.headers).send()
    except Exception as error:  # the mail server: down, refusing, misconfigured
        logger.exception("Sending mail %s failed", mail_id)
        given_up = mail.attempts >= settings.MAIL_MAX_ATTEMPTS
        OutgoingMail.objects.filter(pk=mail_id).update(
            status=Status.FAILED if given_up else Status.PENDING, error=repr(error)[:2000], dispatched_at=None
        )
        return False
    OutgoingMail.objects.filter(pk=mail_id).update(status=Status.SENT, sent_at=timezone.now(), error="")
    return True


@shared_task
def sweep_mail() -> int:
    """Periodic: send again what waits: mail the broker never took (it was down), or whose message was
    lost. Mail being sent is left alone: whether a worker that died mid-send sent it cannot be known,
    and an e-mail is sent at most once."""
    lost = timezone.now() - datetime.timedelta(seconds=settings.MAIL_LOST_AFTER)
    waiting = OutgoingMail.objects.filter(status=Status.PENDING).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=lost)
    )
    return sum(dispatch(send_mail, mail) for mail in waiting.order_by("created_at")[:500])


@shared_task
def prune_subscriptions() -> int:
    """Daily: delete the subscriptions never confirmed in time. Nobody agreed to keeping their address."""
    expired = Subscription.objects.filter(confirmed_at__isnull=True).filter(
        Q(confirmation_sent_at__lte=Subscription.expired_before())
        | Q(confirmation_sent_at__isnull=True, created_at__lte=Subscription.expired_before())
    )
    return expired.delete()[0]
