import re

import pytest

pytestmark = pytest.mark.e2e


def test_a_member_reads_the_5_february_agenda_on_a_phone(phone, demo_site):
    phone.goto(f"{demo_site}/")
    phone.get_by_role("link", name=re.compile("05-02-2021")).click()
    assert phone.get_by_role("heading", level=1).inner_text() == "KKR Nordjylland"
    assert phone.locator("article.agenda-item h3").count() == 16
    # Reads without zooming: nothing is wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("navigation", name="Indhold").get_by_role("link", name="3.2. Limfjordsrådet").click()
    assert phone.url.endswith("#punkt-3-2")
    heading = phone.locator("#punkt-3-2-heading")
    assert heading.inner_text() == "3.2. Limfjordsrådet - Masterplan"
    assert heading.is_visible()

    link = phone.locator("#punkt-2-1 ul.attachments a").first
    response = phone.request.get(demo_site + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"


def test_logging_in_as_a_member_shows_the_closed_item(desktop, demo_site):
    desktop.goto(f"{demo_site}/kkr-nordjylland/2021-01-15/")
    closed = desktop.locator("#punkt-2-2")
    assert "Lukket punkt" in closed.inner_text()
    assert "KODEORD-LUKKET" not in desktop.content()

    desktop.get_by_role("link", name="Log ind").click()
    desktop.get_by_label("Brugernavn").fill("medlem")
    desktop.get_by_label("Adgangskode").fill("forkert")
    desktop.get_by_role("button", name="Log ind").click()
    assert desktop.get_by_role("alert").is_visible()  # a wrong password says so, in Danish
    desktop.get_by_label("Adgangskode").fill("demo-medlem")
    desktop.get_by_role("button", name="Log ind").click()

    # Back on the meeting page the member came from, now with the closed item in full.
    assert desktop.url.endswith("/kkr-nordjylland/2021-01-15/")
    assert "KODEORD-LUKKET" in closed.inner_text()
    assert closed.get_by_role("link", name="Demo: Fortroligt notat om personalesagen").is_visible()


def test_a_member_keeps_a_private_note_beside_an_item(desktop, demo_site):
    from playwright.sync_api import expect

    desktop.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/2021-02-05/")
    desktop.get_by_label("Brugernavn").fill("medlem")
    desktop.get_by_label("Adgangskode").fill("demo-medlem")
    desktop.get_by_role("button", name="Log ind").click()
    note = desktop.get_by_label("Min note til Limfjordsrådet - Masterplan (kun for dig)")
    expect(note).to_be_visible()  # swapped into the item by one request after the page loaded
    note.fill("Spørg til tidsplanen")
    note.locator("xpath=ancestor::form").get_by_role("button", name="Gem note").click()
    expect(desktop.locator("#punkt-3-2").get_by_text("Gemt.")).to_be_visible()
    desktop.reload()
    expect(desktop.get_by_label("Min note til Limfjordsrådet - Masterplan (kun for dig)")).to_have_value(
        "Spørg til tidsplanen"
    )
    desktop.get_by_role("link", name="Mine noter", exact=True).click()
    expect(desktop.get_by_text("Spørg til tidsplanen")).to_be_visible()
