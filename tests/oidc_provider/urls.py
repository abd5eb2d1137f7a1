import json

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import Application

from tests.oidc_provider import state
from tests.oidc_provider.models import Identity


@csrf_exempt
def control_user(request):
    """Creates (or changes) a user of the provider: username (the subject), password, email,
    email_verified."""
    data = json.loads(request.body)
    user, _ = get_user_model().objects.update_or_create(
        username=data["username"], defaults={"email": data.get("email", "")}
    )
    user.set_password(data["password"])
    user.save()
    Identity.objects.update_or_create(
        user=user, defaults={"email_verified": data.get("email_verified", True)}
    )
    return JsonResponse({"ok": True})


@csrf_exempt
def control_client(request):
    """Registers the portal as a client: client_id, client_secret, redirect_uris (a list)."""
    data = json.loads(request.body)
    Application.objects.filter(client_id=data["client_id"]).delete()
    Application.objects.create(
        name="Mødeportalen",
        client_id=data["client_id"],
        client_secret=data["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(data["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    return JsonResponse({"ok": True})


@csrf_exempt
def control_mode(request):
    state.MODE = json.loads(request.body)["mode"]
    return JsonResponse({"ok": True})


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("control/user/", control_user),
    path("control/client/", control_client),
    path("control/mode/", control_mode),
]
