"""Login rate limiting with django-axes: the backend that refuses a locked account or address, the
client address it counts by, and the counting of failures on the other login paths (organisation
login, second factor)."""

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


class LoginRateLimitBackend(AxesStandaloneBackend):
    """Axes' lock check for logins that come with a request: the login pages (ours and the admin's).
    A login without one (a management command, the test client's login()) has no address to count
    and is left to the next backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The address a login attempt is counted by. Behind the TLS proxy (BEHIND_TLS_PROXY) every
    request comes from the proxy, so the client is the last address the proxy added to
    X-Forwarded-For; the addresses before it are whatever the client sent."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def locked_out(request, original_response=None, credentials=None):
    """The answer to a login while the account or the address is locked (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked.html", {"minutes": minutes}, status=429)


def lockout_parameters(request_or_attempt, credentials=None):
    """What a failed login counts against (AXES_LOCKOUT_PARAMETERS): the account and the address
    each, or the address alone when no account is named (a refused organisation login): a failure
    without a username must not lock everyone else's."""
    username = (credentials or {}).get("username") or getattr(request_or_attempt, "username", None)
    return ["username", "ip_address"] if username else ["ip_address"]


def count_failure(request, username=None):
    """Counts a failed login that did not go through authenticate(): a refused organisation login
    or a wrong second-factor code."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def is_locked(request, username=None) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": username} if username else {})
