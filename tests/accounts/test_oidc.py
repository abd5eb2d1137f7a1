"""Organisation logins through OpenID Connect against a real provider (tests/oidc_provider, started
on 127.0.0.1): the first login links the user the secretariat set up, later logins go by the stored
subject, an unknown identity or a tampered token is refused, and nothing makes an account."""

import pytest
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from accounts.providers import oidc_apps
from tests.accounts.oidc import PROVIDER_ID, PROVIDER_NAME, oidc_login, register_portal
from tests.factories import make_council, make_meeting, make_member, make_secretary, make_user

pytestmark = pytest.mark.django_db

UNKNOWN = "Vi kender ikke din konto"
FAILED = "Log ind mislykkedes"


@pytest.fixture
def provider(oidc_provider):
    register_portal(oidc_provider)
    return oidc_provider


def logged_in_user(client):
    return client.get("/").context["user"]


def test_login_page_offers_the_organisation_beside_the_password_form(client, provider):
    html = client.get("/log-ind/?next=/kkr/").content.decode()
    assert f"Log ind med {PROVIDER_NAME}" in html
    assert f'action="/konto/oidc/{PROVIDER_ID}/login/?next=/kkr/"' in html
    assert 'name="password"' in html


def test_the_login_page_lets_its_forms_lead_on_to_the_provider_only(client, oidc_provider):
    csp = client.get("/log-ind/").headers["Content-Security-Policy"]
    assert "form-action 'self';" in csp
    register_portal(oidc_provider)
    csp = client.get("/log-ind/").headers["Content-Security-Policy"]
    assert f"form-action 'self' {oidc_provider.base};" in csp
    assert f"{oidc_provider.base}" not in csp.replace(f"form-action 'self' {oidc_provider.base};", "")


def test_first_login_links_the_user_by_verified_email_and_later_ones_by_subject(client, provider):
    council = make_council()
    member = make_member(council, email="anne@aalborg.dk", first_name="Anne")
    provider.add_user("aalborg-4711", "Anne@Aalborg.dk")

    response = oidc_login(client, provider, "aalborg-4711", next_url="/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user(client) == member
    assert "Anne" in client.get("/").content.decode()
    account = SocialAccount.objects.get(user=member)
    assert (account.provider, account.uid) == (PROVIDER_ID, "aalborg-4711")

    # The stored subject decides from now on, whatever address the provider then asserts.
    client.post("/log-ud/")
    provider.add_user("aalborg-4711", "anne.ny@aalborg.dk")
    oidc_login(client, provider, "aalborg-4711")
    assert logged_in_user(client) == member
    assert get_user_model().objects.count() == 1


def test_a_subject_the_secretariat_stored_in_the_admin_logs_in(client, provider):
    member = make_member(make_council(), email="")
    SocialAccount.objects.create(user=member, provider=PROVIDER_ID, uid="broker-0042")
    provider.add_user("broker-0042", "ukendt@kommune.dk", email_verified=False)
    oidc_login(client, provider, "broker-0042")
    assert logged_in_user(client) == member


@pytest.mark.parametrize(
    ("email", "verified"),
    [("fremmed@kommune.dk", True), ("anne@aalborg.dk", False)],
    ids=["unknown address", "address not verified"],
)
def test_an_unknown_identity_is_refused_and_no_account_made(client, provider, email, verified):
    make_member(make_council(), email="anne@aalborg.dk")
    users = get_user_model().objects.count()
    provider.add_user("someone", email, email_verified=verified)
    response = oidc_login(client, provider, "someone")
    assert response.status_code == 403
    html = response.content.decode()
    assert UNKNOWN in html and PROVIDER_NAME in html and "Der er ikke oprettet nogen bruger" in html
    assert not logged_in_user(client).is_authenticated
    assert get_user_model().objects.count() == users
    assert not SocialAccount.objects.exists()


def test_two_users_with_the_address_link_neither(client, provider):
    make_user(email="faelles@kommune.dk")
    make_user(email="faelles@kommune.dk")
    provider.add_user("shared", "faelles@kommune.dk")
    assert oidc_login(client, provider, "shared").status_code == 403
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize("mode", ["wrong-key", "altered"])
def test_a_tampered_id_token_is_refused(client, provider, mode):
    member = make_member(make_council(), email="anne@aalborg.dk")
    SocialAccount.objects.create(user=member, provider=PROVIDER_ID, uid="aalborg-4711")
    provider.add_user("aalborg-4711", "anne@aalborg.dk")
    provider.set_mode(mode)
    response = oidc_login(client, provider, "aalborg-4711")
    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_logout_ends_the_organisation_login(client, provider):
    member = make_member(make_council(), email="anne@aalborg.dk")
    provider.add_user("aalborg-4711", "anne@aalborg.dk")
    oidc_login(client, provider, "aalborg-4711")
    assert logged_in_user(client) == member
    assert client.post("/log-ud/").status_code == 302
    assert not logged_in_user(client).is_authenticated


def test_a_callback_without_a_login_started_here_is_refused(client, provider):
    response = client.get(f"/konto/oidc/{PROVIDER_ID}/login/callback/?code=abc&state=forged")
    assert response.status_code == 400
    assert FAILED in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_refused_organisation_logins_lock_the_address(client, provider, settings):
    provider.add_user("someone", "fremmed@kommune.dk")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        oidc_login(client, provider, "someone")
    response = client.post(f"/konto/oidc/{PROVIDER_ID}/login/")
    assert response.status_code == 429
    assert "Log ind er spærret" in response.content.decode()
    assert AccessAttempt.objects.filter(username__isnull=True).exists()


@pytest.mark.without_second_factor
def test_the_secretariat_gives_its_code_after_the_organisation_login(client, provider):
    import pyotp
    from allauth.mfa.totp.internal.auth import TOTP

    council = make_council()
    meeting = make_meeting(council=council)
    secretary = make_secretary(council, email="sekr@kl.dk")
    secret = pyotp.random_base32()
    TOTP.activate(secretary, secret)
    provider.add_user("kl-1", "sekr@kl.dk")
    edit = f"/{council.slug}/{meeting.date.isoformat()}/rediger/"

    response = oidc_login(client, provider, "kl-1", next_url=edit)
    assert response.status_code == 302 and response["Location"] == "/konto/2fa/authenticate/"
    assert not logged_in_user(client).is_authenticated  # not before the code
    response = client.post("/konto/2fa/authenticate/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302 and response["Location"] == edit
    assert client.get(edit).status_code == 200


def test_providers_from_the_environment():
    apps = oidc_apps(
        '[{"id": "aalborg", "name": "Aalborg Kommune", "server_url": "https://adfs.aalborg.dk/adfs",'
        ' "client_id": "portal", "secret": "s", "email_trusted": true}]'
    )
    assert apps[0]["provider_id"] == "aalborg" and apps[0]["name"] == "Aalborg Kommune"
    assert apps[0]["settings"]["server_url"] == "https://adfs.aalborg.dk/adfs"
    assert apps[0]["settings"]["email_trusted"] is True
    assert oidc_apps("") == []
    for bad in (
        "nej",
        '{"id": "x"}',
        '[{"id": "x", "name": "X"}]',
        '[{"id": "a", "name": "A", "server_url": "u", '
        '"client_id": "c"}, {"id": "a", "name": "B", "server_url": "u", "client_id": "c"}]',
    ):
        with pytest.raises(ImproperlyConfigured):
            oidc_apps(bad)
