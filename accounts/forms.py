"""allauth's second-factor forms (settings.MFA_FORMS) under the portal's login rate limit: a locked
account or address is refused before the code is checked (wrong codes are counted through
allauth's authentication_failed signal, accounts.apps)."""

from allauth.core import context
from allauth.mfa.base import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from kkr.lib import loginlimit


class _RateLimited:
    def clean_code(self):
        if loginlimit.is_locked(context.request, self.user.get_username()):
            minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
            raise ValidationError(
                ngettext(
                    "For mange forkerte forsøg: log ind er spærret i %(minutes)d minut.",
                    "For mange forkerte forsøg: log ind er spærret i %(minutes)d minutter.",
                    minutes,
                )
                % {"minutes": minutes}
            )
        return super().clean_code()


class AuthenticateForm(_RateLimited, forms.AuthenticateForm):
    pass


class ReauthenticateForm(_RateLimited, forms.ReauthenticateForm):
    pass
