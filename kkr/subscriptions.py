"""E-mail subscriptions, for anyone and without an account, to a council's published agendas and minutes.

Double opt-in: asking sends a confirmation link to the address, and nothing else reaches it until that
link is followed. Every mail to a subscriber carries its own unsubscribe link, in the text and as the
List-Unsubscribe header with one-click unsubscribing (RFC 8058). Whoever asks gets the same answer whether
the address was new, waiting for its confirmation or subscribed already, so the form tells nobody who
subscribes; and asking mails an address at most once per SUBSCRIPTION_RESEND_MINUTES, so the form cannot
be used to flood a mailbox. The mails' contents are the publishing apps' (agendas.services,
minutes.services): the public's view, never a closed item's texts."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kkr.mail import queue_mail, queue_mails
from kkr.models import Council, OutgoingMail, Subscription

# What a subscriber may want: the names of Subscription's two choices.
AGENDAS, MINUTES = "agendas", "minutes"


def normalise_email(email: str) -> str:
    """One mailbox, one subscription: in lower case, so "A@x.dk" and "a@x.dk" share a row and a limit."""
    return email.strip().lower()


def confirm_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse("subscription_confirm", args=[subscription.token])


def unsubscribe_url(subscription: Subscription) -> str:
    return settings.SITE_URL + reverse("subscription_unsubscribe", args=[subscription.token])


def unsubscribe_headers(subscription: Subscription) -> dict:
    """What lets a mail program offer unsubscribing with one click (RFC 8058): it POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscription)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


@transaction.atomic
def subscribe(council: Council, email: str, *, agendas: bool, minutes: bool) -> bool:
    """Ask for the address's subscription to the council: a new or waiting one gets the confirmation
    link (a waiting one takes the newest choice: nothing reaches it before it is confirmed), a confirmed
    one a note that it subscribes already (its choice changes only by unsubscribing and asking again).
    Returns whether a mail was queued; the visitor must not be told."""
    subscription, created = Subscription.objects.get_or_create(
        council=council, email=normalise_email(email), defaults={"agendas": agendas, "minutes": minutes}
    )
    if not created and not subscription.is_confirmed:
        subscription.agendas, subscription.minutes = agendas, minutes
        subscription.save(update_fields=["agendas", "minutes"])
    if not _claim_mail(subscription):
        return False
    context = {
        "council": council,
        "subscription": subscription,
        "confirm_url": confirm_url(subscription),
        "unsubscribe_url": unsubscribe_url(subscription),
        "days": settings.SUBSCRIPTION_CONFIRM_DAYS,
    }
    name = "subscribed" if subscription.is_confirmed else "confirm"
    subject = render_to_string(f"kkr/email/subscription_{name}_subject.txt", context).strip()
    body = render_to_string(f"kkr/email/subscription_{name}.txt", context)
    headers = unsubscribe_headers(subscription) if subscription.is_confirmed else None
    queue_mail(subject, body, to=[subscription.email], headers=headers)
    return True


def _claim_mail(subscription: Subscription) -> bool:
    """Whether this request may mail the address: not when another did within the last
    SUBSCRIPTION_RESEND_MINUTES. A conditional update, so two requests at once send one mail."""
    now = timezone.now()
    since = now - datetime.timedelta(minutes=settings.SUBSCRIPTION_RESEND_MINUTES)
    claimed = (
        Subscription.objects.filter(pk=subscription.pk)
        .filter(Q(confirmation_sent_at__isnull=True) | Q(confirmation_sent_at__lte=since))
        .update(confirmation_sent_at=now)
    )
    if claimed:
        subscription.confirmation_sent_at = now
    return bool(claimed)


def subscription_for_link(token: str, *, confirming: bool = False) -> Subscription | None:
    """The subscription a link's token names, or None: there is none (never, or unsubscribed since),
    or, for the confirmation link, it is still unconfirmed after SUBSCRIPTION_CONFIRM_DAYS."""
    rows = Subscription.objects.select_related("council").filter(token=token)
    if confirming:
        in_time = Q(confirmation_sent_at__gt=Subscription.expired_before())
        rows = rows.filter(Q(confirmed_at__isnull=False) | in_time)
    return rows.first()


def confirm(subscription: Subscription) -> None:
    """The address has followed its link: from now on it is sent what it subscribed to."""
    if subscription.is_confirmed:
        return
    now = timezone.now()
    Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(confirmed_at=now)
    subscription.confirmed_at = now


def unsubscribe(subscription: Subscription) -> None:
    """Forget the address: nothing more is sent to it, and its links lead nowhere."""
    Subscription.objects.filter(pk=subscription.pk).delete()


def notify_subscribers(council: Council, wanting: str, *, subject: str, body: str) -> int:
    """Queue the mail to each confirmed subscriber of the council who wants `wanting` (AGENDAS or
    MINUTES), one mail each with their own unsubscribe link below the text and in the headers; sent by
    jobs after the commit. In two queries however many subscribers (up to a batch). Returns how many."""
    subscriptions = Subscription.objects.filter(
        council=council, confirmed_at__isnull=False, **{wanting: True}
    ).only("email", "token", "agendas", "minutes")
    mails = [
        OutgoingMail(
            subject=subject,
            body=f"{body.rstrip()}\n\n{_footer(council, subscription).strip()}\n",
            to=[subscription.email],
            headers=unsubscribe_headers(subscription),
        )
        for subscription in subscriptions
    ]
    return len(queue_mails(mails))


def _footer(council: Council, subscription: Subscription) -> str:
    context = {"council": council, "subscription": subscription, "url": unsubscribe_url(subscription)}
    return render_to_string("kkr/email/subscription_footer.txt", context)
