"""The 5 February agenda is very long on a phone: a way back to the contents stays in reach, while
the desktop keeps its contents beside the text."""

import pytest

pytestmark = pytest.mark.e2e

AGENDA = "/kkr-nordjylland/2021-02-05/"
BACK = "Til indholdsfortegnelsen"


def test_a_phone_reader_deep_in_the_agenda_gets_back_to_the_contents(phone, demo_site):
    from playwright.sync_api import expect

    phone.goto(demo_site + AGENDA)
    contents = phone.get_by_role("navigation", name="Indhold")
    contents.get_by_role("link", name="3.9.").click()
    assert phone.evaluate("window.scrollY") > 10000  # far below the contents
    expect(contents.get_by_role("heading", name="Indhold")).not_to_be_in_viewport()

    back = phone.get_by_role("link", name=BACK)
    expect(back).to_be_in_viewport()  # in reach where the reader is
    back.click()
    expect(contents.get_by_role("heading", name="Indhold")).to_be_in_viewport()

    # At the very end of the page, too, without covering the last lines.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(back).to_be_in_viewport()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_desktop_keeps_its_contents_beside_the_text(desktop, demo_site):
    from playwright.sync_api import expect

    desktop.goto(demo_site + AGENDA)
    contents = desktop.get_by_role("navigation", name="Indhold")
    contents.get_by_role("link", name="3.9.").click()
    assert desktop.evaluate("window.scrollY") > 5000
    expect(contents.get_by_role("heading", name="Indhold")).to_be_in_viewport()  # sticky
    expect(desktop.get_by_role("link", name=BACK)).to_be_hidden()  # not needed here
    contents.get_by_role("link", name="3.2.").click()
    expect(desktop.locator("#punkt-3-2-heading")).to_be_in_viewport()
