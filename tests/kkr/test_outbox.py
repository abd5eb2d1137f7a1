"""E-mail is kept in the database until it is sent, and sent once: a mail server that is down delays it,
a message delivered twice sends it once."""

import email
import email.policy

import pytest
from django.core import mail

from kkr.mail import queue_mail, queue_mails
from kkr.models import OutgoingMail
from kkr.tasks import send_mail, sweep_mail
from tests.smtpsink import SMTPSink

pytestmark = pytest.mark.django_db
Status = OutgoingMail.Status


def test_mail_waits_for_the_commit_and_is_sent_once(django_capture_on_commit_callbacks, eager_tasks):
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_mail("Emne", "Tekst", to=["a@example.org"], bcc=["b@example.org"])
        assert mail.outbox == []  # nothing leaves before the change that causes it is committed
    assert len(mail.outbox) == 1
    assert mail.outbox[0].bcc == ["b@example.org"]
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.SENT, 1)
    assert send_mail(queued.pk) is False  # a second delivery of the message sends nothing
    assert len(mail.outbox) == 1


def test_a_mails_own_headers_go_out_with_it(django_capture_on_commit_callbacks, eager_tasks):
    headers = {
        "List-Unsubscribe": "<https://example.org/afmeld/x/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    with django_capture_on_commit_callbacks(execute=True):
        queue_mail("Emne", "Tekst", to=["a@example.org"], headers=headers)
    message = mail.outbox[0].message()
    assert message["List-Unsubscribe"] == "<https://example.org/afmeld/x/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_long_unsubscribe_address_is_sent_as_mail_programs_read_it(settings):
    """Python folds a header line past 78 characters, and writes a word too long to fold as encoded
    words, where no mail program finds the address: the message on the wire keeps it whole."""
    url = "https://kommunekontaktraad-moedeportal.kl.dk/abonnement/afmeld/" + "x" * 43 + "/"
    queued = OutgoingMail.objects.create(
        subject="Emne", body="Tekst", to=["a@example.org"], headers={"List-Unsubscribe": f"<{url}>"}
    )
    with SMTPSink() as sink:
        settings.MAILERS = sink.mailers()
        assert send_mail(queued.pk)
    [sent] = sink.messages
    assert f"\r\nList-Unsubscribe: <{url}>\r\n".encode() in sent
    assert email.message_from_bytes(sent, policy=email.policy.default)["List-Unsubscribe"] == f"<{url}>"


def test_many_mails_are_queued_in_one_insert_and_each_sent_once(
    django_capture_on_commit_callbacks, eager_tasks
):
    mails = [OutgoingMail(subject="Emne", body="Tekst", to=[f"{n}@example.org"]) for n in range(20)]
    with django_capture_on_commit_callbacks(execute=True):
        queued = queue_mails(mails)
        assert mail.outbox == []
    assert all(m.pk for m in queued)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"{n}@example.org" for n in range(20))
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {Status.SENT}
    assert not OutgoingMail.objects.filter(dispatched_at__isnull=True).exists()
    assert sweep_mail() == 0


def test_a_mail_server_that_is_down_delays_the_mail_and_the_sweep_sends_it(settings, eager_tasks):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},  # nobody answers there
        }
    }
    queued = OutgoingMail.objects.create(subject="Emne", body="Tekst", to=["a@example.org"])
    assert send_mail(queued.pk) is False
    queued.refresh_from_db()
    assert (queued.status, queued.attempts, queued.dispatched_at) == (Status.PENDING, 1, None)
    assert "ConnectionRefused" in queued.error or "Errno" in queued.error

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert sweep_mail() == 1
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1
    assert sweep_mail() == 0


def test_mail_that_keeps_failing_is_given_up_and_shown_as_failed(settings, eager_tasks):
    settings.MAIL_MAX_ATTEMPTS = 2
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    queued = OutgoingMail.objects.create(subject="Emne", body="Tekst", to=["a@example.org"])
    send_mail(queued.pk)
    sweep_mail()
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == (Status.FAILED, 2)
    assert sweep_mail() == 0


def test_the_admin_shows_the_outbox_and_why_a_mail_failed(admin_client):
    OutgoingMail.objects.create(subject="Dagsorden", body="Tekst", status=Status.FAILED, error="Refused")
    listing = admin_client.get("/admin/kkr/outgoingmail/?status=failed")
    assert listing.status_code == 200
    assert "Dagsorden" in listing.content.decode()
    assert admin_client.get("/admin/kkr/outgoingmail/add/").status_code == 403
