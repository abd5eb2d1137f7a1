"""The second factor (TOTP with recovery codes, allauth.mfa): the secretariat and staff reach no page
before giving it, set it up on first login; members may; MFA_REQUIRED_FOR="closed" requires it of
members too; wrong codes count towards the login lock. These tests log in for real (the suite's other
tests have their logins recorded as having given it, tests/conftest.py)."""

import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from agendas.models import Meeting
from tests.factories import make_council, make_meeting, make_member, make_secretary, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.without_second_factor]

SETUP, VERIFY = "/konto/2fa/totp/activate/", "/konto/2fa/reauthenticate/"


@pytest.fixture
def meeting():
    return make_meeting(council=make_council())


def edit_url(meeting):
    return f"/{meeting.council.slug}/{meeting.date.isoformat()}/rediger/"


def log_in(client, user):
    response = client.post("/log-ind/", {"username": user.username, "password": "test-password", "next": "/"})
    assert response.status_code == 302
    return response


def with_totp(user):
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    return pyotp.TOTP(secret)


def test_the_secretariat_without_an_authenticator_is_sent_to_set_one_up(client, meeting):
    secretary = make_secretary(meeting.council)
    log_in(client, secretary)
    response = client.get(edit_url(meeting))
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2F{meeting.council.slug}%2F{meeting.date}%2Frediger%2F"
    html = client.get(response["Location"]).content.decode()
    assert "Din konto kræver totrinsbekræftelse" in html and "Opsæt godkendelsesapp" in html


def test_no_change_without_the_second_factor(client, meeting):
    secretary = make_secretary(meeting.council)
    log_in(client, secretary)
    meetings = Meeting.objects.count()
    response = client.post(
        f"/{meeting.council.slug}/nyt-moede/", {"date": "2031-06-18", "start_time": "09:00"}
    )
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert Meeting.objects.count() == meetings
    # htmx is sent there too (a whole page, not a fragment).
    response = client.get(edit_url(meeting), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(SETUP)


@pytest.mark.django_db(transaction=True)  # allauth tells of the new authenticator after the commit
def test_setting_up_the_authenticator_opens_the_edit_page(client, meeting):
    secretary = make_secretary(meeting.council)
    log_in(client, secretary)
    html = client.get(f"{SETUP}?next={edit_url(meeting)}").content.decode()
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', html).group(1)
    response = client.post(SETUP, {"code": "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"})
    assert "Forkert kode" in response.content.decode()
    assert client.get(edit_url(meeting)).status_code == 302
    response = client.post(SETUP, {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302  # to the recovery codes
    codes = client.get(response["Location"]).content.decode()
    assert re.search(r"\b\d{8}\b", codes)
    assert Authenticator.objects.filter(user=secretary, type=Authenticator.Type.TOTP).exists()
    assert client.get(edit_url(meeting)).status_code == 200


def test_the_secretariat_gives_its_code_after_the_password(client, meeting):
    secretary = make_secretary(meeting.council)
    totp = with_totp(secretary)
    log_in(client, secretary)
    response = client.get(edit_url(meeting))
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    response = client.post(response["Location"], {"code": "123456" if totp.now() != "123456" else "654321"})
    assert response.status_code == 200
    assert client.get(edit_url(meeting)).status_code == 302
    response = client.post(f"{VERIFY}?next={edit_url(meeting)}", {"code": totp.now()})
    assert response.status_code == 302 and response["Location"] == edit_url(meeting)
    assert client.get(edit_url(meeting)).status_code == 200


def test_a_recovery_code_instead_of_the_app(client, meeting):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    secretary = make_secretary(meeting.council)
    with_totp(secretary)
    code = RecoveryCodes.activate(secretary).get_unused_codes()[0]
    log_in(client, secretary)
    response = client.post(f"{VERIFY}?next={edit_url(meeting)}", {"code": code})
    assert response.status_code == 302 and response["Location"] == edit_url(meeting)
    assert client.get(edit_url(meeting)).status_code == 200


def test_staff_need_it_for_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True)
    log_in(client, staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_a_member_is_not_asked_unless_the_setting_says_so(client, meeting, settings):
    member = make_member(meeting.council)
    log_in(client, member)
    assert client.get("/").status_code == 200
    client.post("/log-ud/")
    settings.MFA_REQUIRED_FOR = "closed"
    log_in(client, member)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    # A reader with no right to closed content is not asked either way.
    client.post("/log-ud/")
    log_in(client, make_user())
    assert client.get("/").status_code == 200


def test_a_member_who_set_up_an_authenticator_uses_it(client, meeting):
    member = make_member(meeting.council)
    totp = with_totp(member)
    log_in(client, member)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    client.post(VERIFY, {"code": totp.now()})
    assert client.get("/").status_code == 200


def test_wrong_codes_lock_the_account(client, meeting, settings):
    secretary = make_secretary(meeting.council)
    totp = with_totp(secretary)
    log_in(client, secretary)
    wrong = "123456" if totp.now() != "123456" else "654321"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(VERIFY, {"code": wrong})
    response = client.post(f"{VERIFY}?next=/", {"code": totp.now()})
    assert response.status_code == 200
    assert "log ind er spærret" in response.content.decode()
    assert client.get(edit_url(meeting)).status_code == 302


def test_the_demo_secretariat_logs_in_with_the_printed_code(client):
    from io import StringIO

    from django.core.management import call_command

    printed = StringIO()
    call_command("load_demo", stdout=printed)
    assert "nøglen KKRDEMOSEKRETARIAT234567" in printed.getvalue()
    client.post("/log-ind/", {"username": "sekretariat", "password": "demo-sekretariat"})
    edit = "/kkr-nordjylland/2021-04-23/rediger/"
    assert client.get(edit)["Location"].startswith(VERIFY)
    code = StringIO()
    call_command("demo_code", stdout=code)
    response = client.post(f"{VERIFY}?next={edit}", {"code": code.getvalue().strip()})
    assert response["Location"] == edit
    assert client.get(edit).status_code == 200


def test_allauths_own_login_and_signup_lead_to_the_portals_login(client):
    assert client.get("/konto/login/?next=/x/")["Location"] == "/log-ind/?next=/x/"
    assert client.get("/konto/signup/")["Location"] == "/log-ind/"


def test_a_member_made_secretariat_while_logged_in_gives_the_second_factor_before_any_change(client, meeting):
    """Whether a login needs the code is remembered for a while (a page costs no extra queries); a
    change is never let through on that memory."""
    user = make_user(username="kommende-sekretaer")
    log_in(client, user)
    assert client.get("/").status_code == 200  # a member's login: no code asked, and remembered
    meeting.council.secretariat.add(user)
    meetings = Meeting.objects.count()
    response = client.post(
        f"/{meeting.council.slug}/nyt-moede/", {"date": "2031-06-18", "start_time": "09:00"}
    )
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert Meeting.objects.count() == meetings
