"""Who must give a second factor (a TOTP code) and whether this session has given it.

The secretariat and the admin's staff always must (settings.MFA_REQUIRED_FOR = "secretariat"), and with
"closed" everyone who may read closed content; whoever has set up an authenticator uses it too. The
session remembers the user who passed (allauth's MFA step, or the set-up of an authenticator, which
proves the code as well); until then such a user reaches only the pages that give the second factor
(accounts.middleware.SecondFactorMiddleware)."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings

from kkr.access import trusted_council_ids
from kkr.lib import loginlimit
from kkr.models import Council

PASSED_KEY = "kkr_second_factor_user"
REQUIRED_KEY = "kkr_second_factor_required"
# Whether a user needs the second factor is asked again after this long (a role given meanwhile).
REQUIRED_CHECKED_FOR = 300


def passed(request) -> bool:
    return request.session.get(PASSED_KEY) == str(request.user.pk)


def mark_passed(request, user) -> None:
    request.session[PASSED_KEY] = str(user.pk)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user.pk, type=Authenticator.Type.TOTP).exists()


def is_required(user) -> bool:
    if user.is_staff or user.is_superuser or has_totp(user):
        return True
    if Council.secretariat.through.objects.filter(user=user.pk).exists():
        return True
    return settings.MFA_REQUIRED_FOR == "closed" and bool(trusted_council_ids(user))


def required(request) -> bool:
    """is_required for the session's user, asked once per REQUIRED_CHECKED_FOR seconds for reading; a
    change (any method but GET and HEAD) asks every time, so a role given meanwhile counts at once."""
    now = time.time()
    cached = request.session.get(REQUIRED_KEY)
    fresh = cached and cached[0] == str(request.user.pk) and now - cached[2] < REQUIRED_CHECKED_FOR
    if fresh and (cached[1] or request.method in ("GET", "HEAD")):
        return cached[1]
    answer = is_required(request.user)
    request.session[REQUIRED_KEY] = [str(request.user.pk), answer, now]
    return answer


def on_authentication_step(sender, request, user, method, **kwargs):
    """allauth's record of a finished step: "mfa" is a TOTP or recovery code accepted at login or on
    the verify page."""
    if method == "mfa":
        mark_passed(request, user)


def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    """Setting up TOTP takes a valid code from the new authenticator: that is the second factor."""
    if authenticator.type == Authenticator.Type.TOTP:
        mark_passed(request, user)


def on_authentication_failed(sender, request, user, authenticator, **kwargs):
    """A wrong code counts as a failed login of the account and the address."""
    loginlimit.count_failure(request, user.get_username())
