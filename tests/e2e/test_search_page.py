"""The search page: found from the header's search box, and WCAG 2.1 A/AA clean (axe-core)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", ["/soeg/", "/soeg/?q=Limfjordsrådet", "/soeg/?q=ingenting-her"])
def test_search_page_has_no_wcag_violations(desktop, demo_site, path):
    desktop.goto(demo_site + path)
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_searching_from_the_header_on_a_phone(phone, demo_site):
    phone.goto(f"{demo_site}/")
    phone.get_by_role("search", name="Søg på portalen").get_by_label("Søg i dagsordener").fill(
        "Limfjordsrådet"
    )
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/soeg/?q=*")
    assert phone.get_by_label("Søgeord").input_value() == "Limfjordsrådet"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    results = Axe().run(phone, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    phone.get_by_role("link", name="3.2. Limfjordsrådet - Masterplan").click()
    assert phone.url.endswith("/kkr-nordjylland/2021-02-05/#punkt-3-2")
    assert phone.locator("#punkt-3-2-heading").is_visible()
