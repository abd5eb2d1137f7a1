"""WCAG 2.1 A/AA on the pages people read, checked with axe-core in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/",
    "/kkr-nordjylland/",
    "/kkr-nordjylland/2021/",
    "/kkr-nordjylland/2021-02-05/",
    "/kkr-nordjylland/2021-01-15/",
    "/kkr-nordjylland/abonnement/",
    "/log-ind/",
    "/tilgaengelighed/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_have_no_wcag_violations(desktop, demo_site, path):
    desktop.goto(demo_site + path)
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["/", "/kkr-nordjylland/2021-02-05/"])
def test_pages_read_on_a_phone_without_violations(phone, demo_site, path):
    phone.goto(demo_site + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(phone, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_a_members_meeting_page_has_no_violations(desktop, demo_site):
    desktop.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/2021-01-15/")
    desktop.get_by_label("Brugernavn").fill("medlem")
    desktop.get_by_label("Adgangskode").fill("demo-medlem")
    desktop.get_by_role("button", name="Log ind").click()
    desktop.wait_for_url(f"{demo_site}/kkr-nordjylland/2021-01-15/")
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_every_page_links_to_the_accessibility_statement(desktop, demo_site):
    for path in PAGES:
        desktop.goto(demo_site + path)
        link = desktop.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring")
        assert link.get_attribute("href") == "/tilgaengelighed/", path


def log_in_as_secretariat(page, site, next_path):
    page.goto(f"{site}/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo-sekretariat")
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, "sekretariat")
    page.wait_for_url(f"{site}{next_path}")


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_edit_page_in_its_error_states_has_no_violations(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, "/kkr-nordjylland/2021-04-23/rediger/")
    # An item added with a bad case number.
    desktop.get_by_text("Tilføj punkt under 3.").click()
    new_item = desktop.locator("details.new-item[open]")
    new_item.get_by_label("Titel").fill("Mit nye punkt")
    new_item.get_by_label("Sagsnummer").fill("SAG-2021-512")
    new_item.get_by_role("button", name="Tilføj punkt").click()
    desktop.get_by_text("Sagsnummeret skal have formen").wait_for()
    # An upload that is not a PDF.
    card = desktop.locator("article.edit-card").first
    card.get_by_label("Tilføj bilag (PDF)").set_input_files(
        [{"name": "Referat.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 Word"}]
    )
    card.get_by_role("button", name="Upload").click()
    card.get_by_text("Filen er ikke en PDF-fil").wait_for()
    assert_no_violations(desktop)


def test_the_republish_warning_has_no_violations(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, "/kkr-nordjylland/2021-02-05/rediger/")
    publish = desktop.locator("#publish")
    # Past the browser's own checks, as without JavaScript: the server's warning.
    publish.locator("form").evaluate(
        "form => { delete form.dataset.publish; form.removeAttribute('hx-confirm') }"
    )
    publish.get_by_label("Udsendt den").fill("2021-02-08")
    publish.get_by_label("Hvad er rettet?").fill("Bilag tilføjet")
    publish.get_by_role("button", name="Offentliggør rettelsen").click()
    desktop.get_by_text("Datoen ligger efter mødet").wait_for()
    assert_no_violations(desktop)


def test_the_new_meeting_form_with_an_error_has_no_violations(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, "/kkr-nordjylland/nyt-moede/")
    desktop.get_by_label("Dato").fill("2021-02-05")
    desktop.get_by_label("Sagsnummer for mødets faste punkter").fill("SAG-21")
    desktop.get_by_role("button", name="Opret møde").click()
    desktop.get_by_text("Sagsnummeret skal have formen").wait_for()
    assert_no_violations(desktop)


def test_a_refused_item_save_posted_without_htmx_has_no_violations(desktop, demo_site):
    """The whole page that answers a plain form post: a bad case number on one item, and a
    conflict on another (its form holds a revision someone else has saved past)."""
    log_in_as_secretariat(desktop, demo_site, "/kkr-nordjylland/2021-04-23/rediger/")
    cards = desktop.locator("article.edit-card")
    refusals = [
        ({"case_number": "SAG-2021-512"}, "Sagsnummeret skal have formen"),
        ({"title": "Min titel", "revision": "-1"}, "Punktet er blevet gemt af en anden"),
    ]
    for index, (values, message) in enumerate(refusals):
        form = cards.nth(index).locator("form.stacked-form")
        with desktop.expect_navigation():
            # submit() fires no submit event, so htmx leaves it to the browser, as without JavaScript.
            form.evaluate(
                "(form, values) => { for (const [name, value] of Object.entries(values))"
                " form.querySelector(`[name$='-${name}']`).value = value; form.submit(); }",
                values,
            )
        desktop.get_by_text(message).wait_for()
        assert_no_violations(desktop)
