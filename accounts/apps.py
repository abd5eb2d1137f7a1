from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Logging in: organisation accounts (OpenID Connect), second factors, sessions."""

    name = "accounts"
    verbose_name = _("Log ind")

    def ready(self):
        from allauth.account.signals import authentication_step_completed
        from allauth.mfa.signals import authentication_failed, authenticator_added
        from django.contrib.auth.signals import user_logged_in

        from accounts import middleware, secondfactor

        authentication_step_completed.connect(secondfactor.on_authentication_step)
        authenticator_added.connect(secondfactor.on_authenticator_added)
        authentication_failed.connect(secondfactor.on_authentication_failed)
        user_logged_in.connect(middleware.on_user_logged_in)
