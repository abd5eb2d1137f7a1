"""Session rules for logged-in users: log out after a period of inactivity, and no page before the
second factor for those who need one (accounts.secondfactor)."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts import secondfactor

LAST_SEEN_KEY = "kkr_last_seen"
LOGGED_IN_AT_KEY = "kkr_logged_in_at"
# The last request's time is written at most this often: a session is not saved on every page.
LAST_SEEN_RESOLUTION = 60


def on_user_logged_in(sender, request, user, **kwargs):
    """A login is activity: its session is saved with it, so the next pages need not save it."""
    request.session[LAST_SEEN_KEY] = request.session[LOGGED_IN_AT_KEY] = time.time()


class IdleLogoutMiddleware:
    """Ends a login that has been idle for settings.SESSION_IDLE_MINUTES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    _("Du er logget ud, fordi du ikke har brugt portalen i %(minutes)d minutter.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
            elif last_seen is None or now - last_seen > LAST_SEEN_RESOLUTION:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


# What a user who has yet to give the second factor may open: the pages that take it, and log out.
OPEN_BEFORE_SECOND_FACTOR = {
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_authenticate",
    "logout",
    "account_logout",
    "login",
    "health",
    "accessibility",
}


class SecondFactorMiddleware:
    """Sends a logged-in user who must give a second factor, and has not in this session, to the page
    that takes it (or sets it up), and back to where they were going."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or secondfactor.passed(request):
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not secondfactor.required(request):
            return None
        if secondfactor.has_totp(request.user):
            url = reverse("mfa_reauthenticate")
            messages.info(request, _("Skriv koden fra din godkendelsesapp for at fortsætte."))
        else:
            url = reverse("mfa_activate_totp")
            messages.info(
                request,
                _("Din konto kræver totrinsbekræftelse: opsæt en godkendelsesapp, før du fortsætter."),
            )
        url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return redirect(url)
