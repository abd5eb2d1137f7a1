import base64
import json

from jwcrypto import jwk
from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider import state


class Validator(OAuth2Validator):
    """The subject is the provider's username; e-mail and whether it is verified from the user."""

    oidc_claim_scope = None  # every claim whatever the scopes: the portal asks for openid email profile

    def get_claim_dict(self, request):
        user = request.user
        identity = getattr(user, "identity", None)
        return {
            "sub": user.username,
            "email": user.email,
            "email_verified": identity.email_verified if identity else True,
            "name": user.get_full_name() or user.username,
        }

    def get_discovery_claims(self, request):
        return ["sub", "email", "email_verified", "name"]

    def finalize_id_token(self, id_token, token, token_handler, request):
        signed = super().finalize_id_token(id_token, token, token_handler, request)
        if state.MODE == "wrong-key":
            # Signed by a key the provider never published, under the published key's id.
            header, payload, _ = signed.split(".")
            from jwcrypto import jwt

            token = jwt.JWT(header=_decode(header), claims=_decode(payload))
            token.make_signed_token(jwk.JWK.generate(kty="RSA", size=2048))
            return token.serialize()
        if state.MODE == "altered":
            # A claim changed after signing: another subject and address, the signature kept.
            header, payload, signature = signed.split(".")
            claims = _decode(payload)
            claims.update(sub="someone-else", email="sekretariat@example.org")
            return ".".join([header, _encode(claims), signature])
        return signed


def _decode(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _encode(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
