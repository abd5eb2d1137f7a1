"""E-mail from the portal: queued with the change that causes it, sent exactly once by a job."""

from kkr.lib.dispatch import dispatch_many_on_commit, dispatch_on_commit
from kkr.models import OutgoingMail
from kkr.tasks import send_mail


def queue_mail(subject: str, body: str, *, to, bcc=(), headers=None) -> OutgoingMail:
    """Keep the e-mail with the current transaction; a worker sends it once that commits."""
    mail = OutgoingMail.objects.create(
        subject=subject, body=body, to=list(to), bcc=list(bcc), headers=dict(headers or {})
    )
    dispatch_on_commit(send_mail, mail)
    return mail


def queue_mails(mails: list[OutgoingMail]) -> list[OutgoingMail]:
    """queue_mail for many unsaved mails at once (one to each subscriber, say), in a query per batch."""
    if not mails:
        return []
    mails = OutgoingMail.objects.bulk_create(mails, batch_size=500)
    dispatch_many_on_commit(send_mail, mails)
    return mails
