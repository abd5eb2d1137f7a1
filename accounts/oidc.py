"""allauth's OpenID Connect login and callback views, with the id_token's signature always checked.

allauth skips the signature of an id_token it fetched from the token endpoint itself (OpenID Connect
allows it, trusting TLS); the portal checks it all the same against the provider's published keys, so
a token the provider did not sign is refused whatever the transport. Both views also refuse an
address locked by the login rate limit."""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404

from kkr.lib import loginlimit


class VerifyingOIDCAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


def _view(view_class):
    @login_not_required
    def view(request, provider_id):
        if loginlimit.is_locked(request):
            return loginlimit.locked_out(request)
        try:
            return view_class.adapter_view(VerifyingOIDCAdapter(request, provider_id))(request)
        except SocialApp.DoesNotExist:
            raise Http404 from None

    return view


login = _view(OAuth2LoginView)
callback = _view(OAuth2CallbackView)
