"""Logging in in the browser: a member through the organisation's OpenID Connect provider (the test
provider, tests/oidc_provider), and the secretariat setting up its authenticator app and giving its
codes. The codes are computed from the key the page shows, as the app would."""

import re

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.accounts.oidc import PROVIDER_NAME, register_portal
from tests.e2e.login import give_code

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_a_member_logs_in_with_the_organisation_account(desktop, demo_site, oidc_provider):
    from django.contrib.auth.models import User

    register_portal(oidc_provider, base=demo_site)
    oidc_provider.add_user("aalborg-4711", "medlem@example.org")  # the demo member's address
    page = desktop
    page.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/2021-02-05/")
    assert_accessible(page)
    page.get_by_role("button", name=f"Log ind med {PROVIDER_NAME}").click()

    # At the municipality's own login.
    expect(page.get_by_role("heading", name="Kommunens log ind")).to_be_visible()
    page.get_by_label("Brugernavn").fill("aalborg-4711")
    page.get_by_label("Adgangskode").fill("kommune-kodeord")
    page.get_by_role("button", name="Log ind hos kommunen").click()

    # Back at the portal, logged in as the member, on the page asked for.
    page.wait_for_url(f"{demo_site}/kkr-nordjylland/2021-02-05/")
    member = User.objects.get(username="medlem")
    expect(page.locator(".user-name")).to_have_text(member.get_full_name())
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    assert member.socialaccount_set.get().uid == "aalborg-4711"

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("link", name="Log ind")).to_be_visible()


def test_an_unknown_organisation_account_is_told_so(desktop, demo_site, oidc_provider):
    register_portal(oidc_provider, base=demo_site)
    oidc_provider.add_user("fremmed", "fremmed@kommune.dk")
    page = desktop
    page.goto(f"{demo_site}/log-ind/")
    page.get_by_role("button", name=f"Log ind med {PROVIDER_NAME}").click()
    page.get_by_label("Brugernavn").fill("fremmed")
    page.get_by_label("Adgangskode").fill("kommune-kodeord")
    page.get_by_role("button", name="Log ind hos kommunen").click()
    expect(page.get_by_role("heading", name="Vi kender ikke din konto")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name="Log ind", exact=True)).to_be_visible()


def test_the_secretariat_sets_up_its_authenticator_and_logs_in_with_it(desktop, demo_site):
    from django.contrib.auth.models import User

    from kkr.models import Council

    secretary = User.objects.create_user("ny-sekretaer", password="Sekretariatets-kode-1")
    Council.objects.get(slug="kkr-nordjylland").secretariat.add(secretary)
    edit = "/kkr-nordjylland/2021-04-23/rediger/"
    page = desktop
    page.goto(f"{demo_site}/log-ind/?next={edit}")
    page.get_by_label("Brugernavn").fill("ny-sekretaer")
    page.get_by_label("Adgangskode").fill("Sekretariatets-kode-1")
    page.get_by_role("button", name="Log ind", exact=True).click()

    # Not the edit page: the set-up of the app first.
    expect(page.get_by_role("heading", name="Opsæt godkendelsesapp")).to_be_visible()
    expect(page.get_by_text("Din konto kræver totrinsbekræftelse")).to_be_visible()
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    page.get_by_label("Kode").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktivér").click()
    codes = re.findall(r"\b\d{8}\b", page.locator("#recovery_codes").input_value())
    assert_accessible(page)
    assert len(codes) == 10  # the recovery codes, shown once set up
    page.goto(f"{demo_site}{edit}")
    expect(page.locator(".agenda-header__kicker")).to_have_text("Redigér dagsorden")

    # The next login asks for the code after the password.
    page.get_by_role("button", name="Log ud").click()
    page.goto(f"{demo_site}/log-ind/?next={edit}")
    page.get_by_label("Brugernavn").fill("ny-sekretaer")
    page.get_by_label("Adgangskode").fill("Sekretariatets-kode-1")
    page.get_by_role("button", name="Log ind", exact=True).click()
    give_code(page, secret)
    page.wait_for_url(f"{demo_site}{edit}")

    # A recovery code, when the phone is not at hand.
    page.get_by_role("button", name="Log ud").click()
    page.goto(f"{demo_site}/log-ind/?next={edit}")
    page.get_by_label("Brugernavn").fill("ny-sekretaer")
    page.get_by_label("Adgangskode").fill("Sekretariatets-kode-1")
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_role("heading", name="Totrinsbekræftelse")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Kode").fill(codes[0])
    page.get_by_role("button", name="Bekræft").click()
    page.wait_for_url(f"{demo_site}{edit}")
