"""E-mail from the portal: queued with the change that causes it, sent exactly once by a job."""

from kkr.lib.dispatch import dispatch_on_commit
from kkr.models import OutgoingMail
from kkr.tasks import send_mail


def queue_mail(subject: str, body: str, *, to, bcc=()) -> OutgoingMail:
    """Keep the e-mail with the current transaction; a worker sends it once that commits."""
    mail = OutgoingMail.objects.create(subject=subject, body=body, to=list(to), bcc=list(bcc))
    dispatch_on_commit(send_mail, mail)
    return mail
