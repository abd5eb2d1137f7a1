from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import sessions


def organisation_logins(request):
    """[(name, url)] of the OpenID Connect providers, from settings and the admin (SocialApp)."""
    apps = get_social_adapter().list_apps(request, provider="openid_connect")
    return [
        (app.name, reverse("openid_connect_login", kwargs={"provider_id": app.provider_id}))
        for app in sorted(apps, key=lambda app: app.name)
    ]


class LoginView(auth_views.LoginView):
    """The password form, with a "Log ind med …" button per organisation beside it."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation_logins=organisation_logins(self.request), **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        # Noted as allauth notes its own logins: its pages that ask for a recent login (setting up
        # a second factor) then take this one.
        record_authentication(self.request, form.get_user(), "password", username=form.get_user().username)
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
