"""The OpenID Connect providers from the environment: OIDC_PROVIDERS, a JSON list of objects

    [{"id": "aalborg", "name": "Aalborg Kommune", "server_url": "https://adfs.aalborg.dk/adfs",
      "client_id": "…", "secret": "…", "email_trusted": false}]

each one a "Log ind med <name>" button (more can be added in the admin as social applications)."""

import json

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("id", "name", "server_url", "client_id")


def oidc_apps(value: str) -> list[dict]:
    """allauth's APPS entries for SOCIALACCOUNT_PROVIDERS["openid_connect"] from OIDC_PROVIDERS."""
    if not value.strip():
        return []
    try:
        providers = json.loads(value)
    except json.JSONDecodeError as error:
        raise ImproperlyConfigured(f"OIDC_PROVIDERS must be a JSON list: {error}") from None
    if not isinstance(providers, list) or not all(isinstance(p, dict) for p in providers):
        raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of objects")
    apps = []
    for provider in providers:
        missing = [key for key in REQUIRED if not provider.get(key)]
        if missing:
            raise ImproperlyConfigured(
                f"OIDC_PROVIDERS: {provider.get('id', '?')} lacks {', '.join(missing)}"
            )
        apps.append(
            {
                "provider_id": provider["id"],
                "name": provider["name"],
                "client_id": provider["client_id"],
                "secret": provider.get("secret", ""),
                "settings": {
                    "server_url": provider["server_url"],
                    # The claims come from the id_token, whose signature the portal checks
                    # (accounts.oidc); AD FS and Entra ID put less in userinfo.
                    "fetch_userinfo": provider.get("fetch_userinfo", False),
                    "oauth_pkce_enabled": provider.get("pkce", True),
                    "email_trusted": provider.get("email_trusted", False),
                },
            }
        )
    if len({app["provider_id"] for app in apps}) != len(apps):
        raise ImproperlyConfigured("OIDC_PROVIDERS: each provider needs an id of its own")
    return apps
