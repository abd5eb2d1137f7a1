"""Logging in through the test OpenID Connect provider (tests/oidc_provider) with the test client:
the portal's side with Django's client, the user's visit to the provider with requests."""

from urllib.parse import urlsplit

import requests
from allauth.socialaccount.models import SocialApp

from tests.oidc_provider.fixtures import CLIENT_ID, CLIENT_SECRET

PROVIDER_ID = "testkommune"
PROVIDER_NAME = "Testkommunen"


def register_portal(provider, base="http://testserver"):
    """The portal as the provider's client, and the provider as a social application in the portal
    (as the secretariat would add it in the admin)."""
    provider.register([f"{base}/konto/oidc/{PROVIDER_ID}/login/callback/"])
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id=PROVIDER_ID,
        name=PROVIDER_NAME,
        client_id=CLIENT_ID,
        secret=CLIENT_SECRET,
        settings={"server_url": provider.url, "fetch_userinfo": False, "oauth_pkce_enabled": True},
    )


def log_in_at_provider(provider, authorize_url, username, password="kommune-kodeord"):
    """What the user's browser does at the provider: log in there, and be sent back with a code.
    Returns the portal's callback address (path and query)."""
    browser = requests.Session()
    browser.get(f"{provider.base}/login/", timeout=10)
    response = browser.post(
        f"{provider.base}/login/",
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, "the provider refused the user's password"
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    callback = urlsplit(response.headers["Location"])
    return f"{callback.path}?{callback.query}"


def oidc_login(client, provider, username, next_url="/", **kwargs):
    """The whole way: the portal's button, the provider, the portal's callback. Returns the
    callback's response."""
    response = client.post(f"/konto/oidc/{PROVIDER_ID}/login/?next={next_url}")
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(log_in_at_provider(provider, response["Location"], username, **kwargs))
