"""The appointments register in a real browser: the secretariat fills the vacancies of item 4.1 from
the overview, and the pages have no WCAG violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from appointments.models import Appointment
from kkr.models import Membership
from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

OVERVIEW = "/kkr-nordjylland/udpegninger/"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def log_in_as_secretariat(page, site, next_path):
    page.goto(f"{site}/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo-sekretariat")
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, "sekretariat")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def test_the_secretariat_fills_item_4_1s_vacancies_from_the_overview(desktop, demo_site):
    page = desktop
    log_in_as_secretariat(page, demo_site, OVERVIEW)
    expect(page.get_by_text("ledige pladser")).to_be_visible()

    # Lene Aalestrup as Vibeke Merete Gamst's substitute, decided under item 4.1 of 5 Feb 2021.
    page.get_by_role("link", name="Udpeg stedfortræder for Vibeke Merete Gamst").click()
    form = page.locator("#register-form")
    expect(form.get_by_role("heading", name="Ny plads i KKR Nordjylland")).to_be_visible()
    assert page.url.endswith(OVERVIEW)  # the form came into the overview (htmx), no page load
    form.get_by_label("Person:", exact=True).select_option(label="Lene Aalestrup (C)")
    expect(form.get_by_label("Rolle")).to_have_value("substitute")
    form.get_by_label("Fra").fill("2021-02-05")
    form.get_by_label("Besluttet under punkt").select_option(label="05-02-2021, punkt 4.1 Udpegninger")
    form.get_by_role("button", name="Registrér").click()
    expect(
        page.get_by_text("Lene Aalestrup er registreret som stedfortræder i KKR Nordjylland.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Udpeg stedfortræder for Vibeke Merete Gamst")).to_have_count(0)
    lene = Membership.objects.get(person__name="Lene Aalestrup")
    assert lene.decided_by_label == "KKR Nordjylland 05-02-2021, punkt 4.1"

    # A full seat is refused in the form, which stays open with the message.
    page.get_by_role("link", name="Udpeg stedfortræder i RAR Nordjylland").click()
    form.get_by_label("Person:", exact=True).select_option(label="Mogens Christen Gade (V)")
    form.get_by_label("Fra").fill("2020-06-01")  # Line Vanggaard Pedersen still held it then
    form.get_by_role("button", name="Udpeg").click()
    expect(form.get_by_role("alert")).to_contain_text(
        "Der er 1 plads(er) som stedfortræder i RAR Nordjylland"
    )
    assert not Appointment.objects.filter(
        person__name="Mogens Christen Gade", seat__role="substitute"
    ).exists()

    # The register answers for any date.
    page.get_by_label("Vis hvem der sad pr.").fill("2020-12-31")
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("link", name="Karsten Frederiksen", exact=True)).to_have_count(1)


@pytest.mark.parametrize("path", [OVERVIEW, OVERVIEW + "organ/rar-nordjylland/"])
def test_register_pages_have_no_wcag_violations(desktop, demo_site, path):
    desktop.goto(demo_site + path)
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_secretariats_overview_and_form_have_no_wcag_violations(desktop, demo_site):
    log_in_as_secretariat(desktop, demo_site, OVERVIEW)
    desktop.get_by_role("link", name="Udpeg medlem i Praksisplanudvalget").click()
    expect(desktop.locator("#register-form form")).to_be_visible()
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_overview_reads_on_a_phone(phone, demo_site):
    phone.goto(demo_site + OVERVIEW)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
