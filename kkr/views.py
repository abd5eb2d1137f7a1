import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from kombu import Connection

from kkr import subscriptions
from kkr.access import council_access
from kkr.forms import SubscriptionForm

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


# Public subscriptions (kkr.subscriptions). Their pages are never cached: they carry a form's CSRF token
# or a subscriber's own link.


@require_http_methods(["GET", "POST"])
@never_cache
def subscribe(request, council_slug):
    """Ask for a subscription to the council's published agendas and minutes. Every address valid as
    one gets the same answer, "check your inbox": whether it was new, waiting or subscribed already is
    for its mailbox to learn."""
    council = council_access(request.user, council_slug).council
    form = SubscriptionForm(request.POST or None)
    asked = request.method == "POST" and form.is_valid()
    if asked:
        what = form.cleaned_data["what"]
        subscriptions.subscribe(
            council,
            form.cleaned_data["email"],
            agendas=subscriptions.AGENDAS in what,
            minutes=subscriptions.MINUTES in what,
        )
    context = {
        "council": council,
        "form": form,
        "asked": asked,
        "resend_minutes": settings.SUBSCRIPTION_RESEND_MINUTES,
        "confirm_days": settings.SUBSCRIPTION_CONFIRM_DAYS,
    }
    template = "kkr/subscribe.html#answer" if request.htmx else "kkr/subscribe.html"
    return render(request, template, context, status=422 if form.is_bound and not asked else 200)


@require_http_methods(["GET", "POST"])
@never_cache
def subscription_confirm(request, token):
    """The link in the confirmation mail. Opening it changes nothing (mail scanners open links): its
    button confirms."""
    subscription = subscriptions.subscription_for_link(token, confirming=True)
    if subscription is None:
        return _unknown_link(request)
    if request.method == "POST":
        subscriptions.confirm(subscription)
    context = {"subscription": subscription, "council": subscription.council}
    template = "kkr/subscription_confirm.html#answer" if request.htmx else "kkr/subscription_confirm.html"
    return render(request, template, context)


# The address's own link is the permission, and a mail program's one-click unsubscribe (RFC 8058) POSTs
# to it from outside the site, with no CSRF token to send.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def subscription_unsubscribe(request, token):
    """The unsubscribe link in every subscriber's mail: opening it shows one button; a POST (that button,
    or the mail program's one click) unsubscribes."""
    subscription = subscriptions.subscription_for_link(token)
    if subscription is None:
        return _unknown_link(request)
    done = request.method == "POST"
    if done:
        subscriptions.unsubscribe(subscription)
    context = {"subscription": subscription, "council": subscription.council, "done": done}
    template = (
        "kkr/subscription_unsubscribe.html#answer" if request.htmx else "kkr/subscription_unsubscribe.html"
    )
    return render(request, template, context)


def _unknown_link(request):
    context = {"confirm_days": settings.SUBSCRIPTION_CONFIRM_DAYS}
    return render(request, "kkr/subscription_unknown.html", context, status=404)
