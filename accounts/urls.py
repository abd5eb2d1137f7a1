"""allauth's pages (second factor, organisation logins) under /konto/: its own login and signup pages
lead to the portal's login, and its OpenID Connect views are the portal's (accounts.oidc)."""

from django.urls import include, path
from django.views.generic import RedirectView

from accounts import oidc

urlpatterns = [
    path("login/", RedirectView.as_view(pattern_name="login", query_string=True), name="allauth_login"),
    path("signup/", RedirectView.as_view(pattern_name="login"), name="allauth_signup"),
    path("oidc/<str:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path("oidc/<str:provider_id>/login/callback/", oidc.callback, name="openid_connect_callback"),
    path("", include("allauth.urls")),
]
