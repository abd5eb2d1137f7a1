"""The secretariat imports the seed agenda in a real browser, with JavaScript and without: upload, the
preview with its sixteen items, a refused date, and the draft meeting's edit page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from agendas.models import Meeting
from tests.data import SEED
from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_secretariat_imports_the_seed_agenda_as_a_draft(browser, demo_site, javascript):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="da-DK", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo-sekretariat")
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, "sekretariat")

    page.get_by_role("link", name="Importér dagsorden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importér dagsorden – KKR Nordjylland")
    if javascript:
        assert_no_violations(page)
    page.get_by_label("Dagsorden (PDF eller tekstfil)").set_input_files(SEED)
    page.get_by_role("button", name="Læs dagsordenen").click()

    expect(page.get_by_text("Fundet i kkr-nordjylland-2021-02-05-dagsorden.txt: 16 punkter.")).to_be_visible()
    preview = page.locator(".import-preview")
    expect(preview.locator("article h3")).to_have_count(16)
    expect(preview.get_by_role("heading", name="3.2. Limfjordsrådet - Masterplan")).to_be_visible()
    expect(page.get_by_label("Dato", exact=True)).to_have_value("2021-02-05")
    # The demo holds a meeting that day: the preview says so, and creating is refused at the date.
    page.get_by_role("button", name="Opret mødet som kladde").click()
    expect(page.get_by_text("KKR Nordjylland har allerede et møde den 05-02-2021.").last).to_be_visible()
    expect(page.get_by_label("Dato", exact=True)).to_be_focused()
    if javascript:
        assert_no_violations(page)
    assert not Meeting.objects.filter(date="2021-06-18").exists()

    page.get_by_label("Dato", exact=True).fill("2021-06-18")
    page.get_by_label("Sted", exact=True).fill("Aalborg Rådhus")
    page.get_by_role("button", name="Opret mødet som kladde").click()

    expect(page).to_have_url(f"{demo_site}/kkr-nordjylland/2021-06-18/rediger/")
    expect(
        page.get_by_text(re.compile(r"Dagsordenen er importeret som kladde med 16 punkter\."))
    ).to_be_visible()
    expect(page.get_by_role("heading", name="3.2. Limfjordsrådet - Masterplan")).to_be_visible()
    meeting = Meeting.objects.get(council__slug="kkr-nordjylland", date="2021-06-18")
    assert not meeting.is_published
    context.close()


def test_a_file_dropped_on_the_upload_form_is_read(desktop, demo_site):
    page = desktop
    page.goto(f"{demo_site}/log-ind/?next=/kkr-nordjylland/importer-dagsorden/")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo-sekretariat")
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, "sekretariat")
    expect(page.get_by_role("button", name="Læs dagsordenen")).to_be_visible()
    # A drop as the browser delivers it: a drop event whose DataTransfer holds the file.
    page.locator("form[data-file-drop]").evaluate(
        """(form, [name, text]) => {
            const data = new DataTransfer();
            data.items.add(new File([text], name, {type: "text/plain"}));
            form.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        [SEED.name, SEED.read_text()],
    )
    expect(page.get_by_text(f"Fundet i {SEED.name}: 16 punkter.")).to_be_visible()
