"""WCAG 2.1 A/AA on the pages people read, checked with axe-core in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PAGES = [
    "/",
    "/kkr-nordjylland/",
    "/kkr-nordjylland/2021/",
    "/kkr-nordjylland/2021-02-05/",
    "/kkr-nordjylland/2021-01-15/",
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
