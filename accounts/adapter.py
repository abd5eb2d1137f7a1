"""django-allauth adapters: nobody signs up, and an organisation account logs in only as the user
the secretariat has set up for it."""

import time

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render

from accounts.middleware import LOGGED_IN_AT_KEY
from kkr.lib import loginlimit

FIRST_SET_UP = {"mfa_activate_totp", "mfa_view_recovery_codes", "mfa_download_recovery_codes"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """Setting up the first authenticator (where a login that needs one is sent) and seeing its
        recovery codes ask for no password again within ACCOUNT_REAUTHENTICATION_TIMEOUT of the login."""
        request = context.request
        if app == "allauth.mfa" and request.resolver_match.url_name in FIRST_SET_UP:
            logged_in_at = request.session.get(LOGGED_IN_AT_KEY, 0)
            if time.time() - logged_in_at < settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return False

    def pre_social_login(self, request, sociallogin):
        """A known subject logs in as its user. A new one is linked to the one active user whose
        e-mail address is the verified address the provider asserts; anyone else is refused."""
        if sociallogin.is_existing:
            return
        user = user_for_email(verified_email(sociallogin))
        if user is None:
            loginlimit.count_failure(request)
            raise ImmediateHttpResponse(
                render(
                    request,
                    "accounts/unknown_identity.html",
                    {"provider": sociallogin.provider.name},
                    status=403,
                )
            )
        sociallogin.connect(request, user)

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        # A refused token, a state that does not match, the provider's own error: a failed login.
        loginlimit.count_failure(request)
        raise ImmediateHttpResponse(
            render(request, "accounts/login_error.html", {"provider": provider.name}, status=400)
        )


def verified_email(sociallogin) -> str | None:
    """The address the provider asserts and has verified (email_verified), or asserts for an
    organisation whose addresses it manages itself (the app's setting "email_trusted")."""
    trusted = sociallogin.provider.app.settings.get("email_trusted", False)
    for address in sociallogin.email_addresses:
        if address.email and (address.verified or trusted):
            return address.email
    return None


def user_for_email(email):
    if not email:
        return None
    users = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
    return users[0] if len(users) == 1 else None
