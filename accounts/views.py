from urllib.parse import urlsplit

from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import sessions


def organisation_apps(request):
    """The OpenID Connect providers, from settings and the admin (SocialApp), by name."""
    apps = get_social_adapter().list_apps(request, provider="openid_connect")
    return sorted(apps, key=lambda app: app.name)


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class LoginView(auth_views.LoginView):
    """The password form, with a "Log ind med …" button per organisation beside it."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        logins = [
            (app.name, reverse("openid_connect_login", kwargs={"provider_id": app.provider_id}))
            for app in self.apps
        ]
        return super().get_context_data(organisation_logins=logins, **kwargs)

    def dispatch(self, request, *args, **kwargs):
        self.apps = organisation_apps(request)
        return super().dispatch(request, *args, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # A "Log ind med …" form is answered with a redirect to the provider: the page's form-action
        # must allow the providers' addresses (their authorization endpoints are on their server_url's).
        origins = sorted(
            {_origin(app.settings["server_url"]) for app in self.apps if app.settings.get("server_url")}
        )
        if origins:
            csp = dict(settings.SECURE_CSP)
            csp["form-action"] = [*csp["form-action"], *origins]
            response._csp_config = csp
        return response


@login_required
@require_GET
def security(request):
    totp = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).first()
    return render(
        request,
        "accounts/security.html",
        {"totp": totp, "organisation_accounts": request.user.socialaccount_set.all()},
    )


@login_required
@require_POST
def log_out_everywhere(request):
    ended = sessions.end_all(request.user)
    logout(request)
    messages.success(
        request, _("Du er logget ud på alle enheder (%(count)d sessioner afsluttet).") % {"count": ended}
    )
    return redirect("login")
