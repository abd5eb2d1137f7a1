"""Login rate limiting (django-axes, kkr.lib.loginlimit): the fifth wrong password locks the account
and the address, each for a while, with a Danish message, on the portal's login and the
admin's alike."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from kkr.lib.loginlimit import client_ip
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/log-ind/"
ADMIN_LOGIN = "/admin/login/"
LOCKED = "Log ind er spærret"
ADDRESS, OTHER_ADDRESS = "192.0.2.10", "198.51.100.20"


def log_in(client, url, username, password, address=ADDRESS):
    return client.post(url, {"username": username, "password": password, "next": "/"}, REMOTE_ADDR=address)


def fail_five_times(client, url, username, address=ADDRESS):
    """Four wrong passwords give the form again with its error; the fifth locks."""
    for _ in range(4):
        response = log_in(client, url, username, "forkert-kodeord", address)
        assert response.status_code == 200
        assert LOCKED not in response.content.decode()
    response = log_in(client, url, username, "forkert-kodeord", address)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client):
    make_user(username="medlem")
    fail_five_times(client, LOGIN, "medlem")
    response = log_in(client, LOGIN, "medlem", "test-password")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "spærret i 15 minutter" in html
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_the_account_and_the_address_but_no_one_else(client):
    make_user(username="medlem")
    make_user(username="sekretariat")
    make_user(username="formand")
    fail_five_times(client, LOGIN, "medlem")
    # The account, from anywhere; the address, for anyone.
    assert log_in(client, LOGIN, "medlem", "test-password", OTHER_ADDRESS).status_code == 429
    assert log_in(client, LOGIN, "sekretariat", "test-password", ADDRESS).status_code == 429
    # Another user at another address logs in as usual.
    response = log_in(client, LOGIN, "formand", "test-password", OTHER_ADDRESS)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_the_lock_ends_after_the_cool_off(client):
    make_user(username="medlem")
    fail_five_times(client, LOGIN, "medlem")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert log_in(client, LOGIN, "medlem", "test-password").status_code == 302


def test_a_successful_login_forgets_earlier_mistakes(client):
    make_user(username="medlem")
    for _ in range(4):
        log_in(client, LOGIN, "medlem", "forkert-kodeord")
    assert log_in(client, LOGIN, "medlem", "test-password").status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, LOGIN, "medlem", "forkert-kodeord")
    assert log_in(client, LOGIN, "medlem", "test-password").status_code == 302


def test_the_admin_login_is_locked_too(client):
    make_user(username="admin", is_staff=True, is_superuser=True)
    fail_five_times(client, ADMIN_LOGIN, "admin")
    response = log_in(client, ADMIN_LOGIN, "admin", "test-password")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert client.get("/admin/").status_code == 302  # still not logged in


def test_behind_the_tls_proxy_the_client_is_the_address_the_proxy_added(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.9, {ADDRESS}"
    )
    assert client_ip(request) == "127.0.0.1"  # no proxy: the header is the client's to invent
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request) == ADDRESS
