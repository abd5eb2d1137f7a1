"""Subscribing in a real browser, with htmx and without JavaScript: the form, its error and its answer,
the confirmation and unsubscribe pages and a link that no longer works, each checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from kkr.models import OutgoingMail, Subscription
from tests.e2e.test_accessibility import assert_no_violations

pytestmark = pytest.mark.e2e

FORM = "/kkr-nordjylland/abonnement/"


def link_in_mail(kind):
    """The path of the confirmation ("bekraeft") or unsubscribe ("afmeld") link in the newest mail,
    read from the outbox: sent already (eager tasks) or waiting for a worker (a broker is set)."""
    body = OutgoingMail.objects.order_by("-pk").values_list("body", flat=True).first()
    return re.search(rf"http://\S+?(/abonnement/{kind}/[\w-]+/)", body)[1]


def stays_on_the_page(page):
    """Mark the page, so a later check tells an htmx swap (same page) from a navigation."""
    page.evaluate("window.notReloaded = true")
    return lambda: page.evaluate("window.notReloaded === true")


def test_subscribing_confirming_and_unsubscribing_with_htmx(desktop, demo_site):
    page = desktop
    page.goto(demo_site + "/kkr-nordjylland/")
    page.get_by_role("link", name="Dagsordener og referater på e-mail").click()
    expect(page).to_have_url(demo_site + FORM)
    assert_no_violations(page)

    swapped = stays_on_the_page(page)
    page.get_by_label("Din e-mailadresse").fill("borger@")
    page.get_by_role("button", name="Abonnér").click()
    expect(page.get_by_text("Skriv en gyldig e-mailadresse")).to_be_visible()
    expect(page.get_by_label("Din e-mailadresse")).to_be_focused()
    assert_no_violations(page)
    page.get_by_label("Din e-mailadresse").fill("borger@example.org")
    page.get_by_label("et referat").uncheck()
    page.get_by_role("button", name="Abonnér").click()
    expect(page.get_by_role("heading", name="Tjek din indbakke")).to_be_visible()
    assert swapped()
    assert_no_violations(page)
    subscription = Subscription.objects.get()
    assert (subscription.email, subscription.agendas, subscription.minutes) == (
        "borger@example.org",
        True,
        False,
    )
    assert subscription.confirmed_at is None

    page.goto(demo_site + link_in_mail("bekraeft"))
    expect(page.get_by_text("når KKR Nordjylland offentliggør dagsordener?")).to_be_visible()
    assert_no_violations(page)
    swapped = stays_on_the_page(page)
    page.get_by_role("button", name="Bekræft abonnementet").click()
    expect(page.get_by_role("heading", name="Dit abonnement er bekræftet")).to_be_visible()
    assert swapped()
    assert_no_violations(page)
    assert Subscription.objects.get().confirmed_at is not None

    page.get_by_role("link", name="Afmeld abonnementet nu").click()
    assert_no_violations(page)
    unsubscribe = page.url
    page.get_by_role("button", name="Afmeld").click()
    expect(page.get_by_role("heading", name="Du er afmeldt")).to_be_visible()
    assert_no_violations(page)
    assert not Subscription.objects.exists()

    response = page.goto(unsubscribe)
    assert response.status == 404
    expect(page.get_by_role("heading", name="Linket virker ikke")).to_be_visible()
    assert_no_violations(page)


def test_subscribing_confirming_and_unsubscribing_without_javascript(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    try:
        page = context.new_page()
        page.goto(demo_site + FORM)
        page.get_by_label("Din e-mailadresse").fill("ikke en adresse")
        page.get_by_role("button", name="Abonnér").click()
        expect(page.get_by_text("Skriv en gyldig e-mailadresse")).to_be_visible()
        expect(page.get_by_label("Din e-mailadresse")).to_have_value("ikke en adresse")
        page.get_by_label("Din e-mailadresse").fill("borger@example.org")
        page.get_by_role("button", name="Abonnér").click()
        expect(page.get_by_role("heading", name="Tjek din indbakke")).to_be_visible()

        page.goto(demo_site + link_in_mail("bekraeft"))
        page.get_by_role("button", name="Bekræft abonnementet").click()
        expect(page.get_by_role("heading", name="Dit abonnement er bekræftet")).to_be_visible()
        assert Subscription.objects.get().confirmed_at is not None

        page.get_by_role("link", name="Afmeld abonnementet nu").click()
        page.get_by_role("button", name="Afmeld").click()
        expect(page.get_by_role("heading", name="Du er afmeldt")).to_be_visible()
        assert not Subscription.objects.exists()
    finally:
        context.close()
