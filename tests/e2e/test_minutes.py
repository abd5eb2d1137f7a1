"""The 5 February 2021 meeting from agenda to published minutes, in a real browser, by keyboard:
attendance, every decision, sending, approval under item 1.1 of the next meeting, publishing, and the
public downloading the minutes PDF."""

import re
import shutil
import subprocess
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from documents.models import RenderedDocument
from minutes.models import Minutes
from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

FEB_5 = "/kkr-nordjylland/2021-02-05/"
EDIT = FEB_5 + "referat/rediger/"


def log_in_as_secretariat(page, site, next_path):
    page.goto(f"{site}/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill("sekretariat")
    page.get_by_label("Adgangskode").fill("demo-sekretariat")
    page.get_by_role("button", name="Log ind").press("Enter")
    give_demo_code_if_asked(page, "sekretariat")
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def wait_until_rendered(seconds=90, **document):
    deadline = time.monotonic() + seconds
    while not RenderedDocument.objects.filter(status="ready", **document).exists():
        assert time.monotonic() < deadline, "the PDF was not rendered in time"
        time.sleep(0.5)


def test_from_agenda_to_published_minutes_by_keyboard(desktop, browser, demo_site, pdf_jobs, tmp_path):
    page = desktop
    log_in_as_secretariat(page, demo_site, FEB_5)
    page.get_by_role("link", name="Skriv referat").click()

    # Attendance: Mogens Christen Gade sent his apologies; a guest came.
    page.get_by_role("link", name="Fremmøde og fravær").click()
    group = page.get_by_role("group", name=re.compile("^Mogens Christen Gade"))
    group.get_by_role("radio", name="Til stede").focus()
    page.keyboard.press("ArrowRight")  # radio buttons move with the arrow keys
    expect(group.get_by_role("radio", name="Afbud")).to_be_checked()
    page.get_by_label("Gæster").focus()
    page.keyboard.type("Jens Jensen, direktør, Demo Kommune")
    page.get_by_role("button", name="Gem fremmøde").press("Enter")
    expect(page.get_by_text("Fremmødet er gemt.")).to_be_visible()

    # Every decision: type, Ctrl+Enter saves and moves on; Alt+2 saves "Taget til efterretning.".
    areas = page.locator("[data-decision-text]")
    count = areas.count()
    assert count == 16
    areas.first.focus()
    for n in range(count):
        expect(areas.nth(n)).to_be_focused()
        if n % 3 == 1:
            page.keyboard.press("Alt+2")
        else:
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(f"Godkendt som beslutning nr. {n + 1}.\n– med en tilføjelse")
            page.keyboard.press("Control+Enter")
        card = page.locator(".decision-card").nth(n)
        expect(card.get_by_role("status")).to_contain_text("Gemt kl.")
    expect(page.get_by_label("Udsendt den")).to_be_focused()
    page.get_by_label("Udsendt den").fill("2021-02-12")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Referatet er markeret som udsendt.")).to_be_visible()

    # The next meeting's item 1.1 lists the sent minutes; its approval choice approves them.
    page.goto(f"{demo_site}/kkr-nordjylland/nyt-moede/")
    page.get_by_label("Dato").fill("2021-03-12")
    page.get_by_label("Starttidspunkt").fill("09:00")
    page.get_by_label("Sted").fill("Aalborg Rådhus")
    page.get_by_label("Sagsnummer for mødets faste punkter").fill("SAG-2021-00512")
    page.get_by_label("Sagsbehandler (initialer)").fill("hast")
    page.get_by_role("button", name="Opret møde").press("Enter")
    expect(page.get_by_text("Mødet er oprettet med standarddagsordenen.")).to_be_visible()
    # Minutes are written on the published agenda, so the new meeting's agenda is published first.
    publish = page.locator("#publish")
    publish.get_by_label("Udsendt den").fill("2021-03-05")
    page.once("dialog", lambda dialog: dialog.accept())
    publish.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_text("Dagsordenen er offentliggjort som version 1.")).to_be_visible(timeout=90_000)
    page.goto(f"{demo_site}/kkr-nordjylland/2021-03-12/referat/rediger/")
    approval = page.locator(".decision-card").filter(has_text="1.1. Godkendelse af referat")
    approval.get_by_text("Indstilling", exact=True).click()
    expect(approval).to_contain_text("Fra mødet i KKR Nordjylland den 5. februar 2021 godkendes.")
    approval.locator("[data-decision-text]").focus()
    choice = approval.get_by_role("checkbox", name="Referatet af mødet den 05-02-2021 godkendes")
    expect(choice).not_to_be_checked()
    page.keyboard.press("Alt+1")  # "Godkendt." ticks the approval choice too
    expect(approval).to_contain_text("Referatet af mødet 05-02-2021 er nu godkendt.")
    expect(choice).to_be_checked()

    page.goto(demo_site + EDIT)
    expect(page.get_by_text("Status: Godkendt")).to_be_visible()
    page.get_by_role("button", name="Offentliggør referatet").press("Enter")
    expect(page.get_by_text("Referatet er offentliggjort.")).to_be_visible(timeout=90_000)
    assert Minutes.objects.get(meeting__date="2021-02-05").status == "published"

    # The public reads the minutes and downloads their PDF.
    public = browser.new_context(locale="da-DK").new_page()
    public.goto(demo_site + FEB_5)
    public.get_by_role("link", name="Læs referatet af mødet med beslutningerne").click()
    expect(public.locator("#punkt-3-2")).to_contain_text("Taget til efterretning.")
    # Publishing queued the PDFs; a worker (when there is one) renders them in the background.
    wait_until_rendered(kind="minutes", audience="public")
    link = public.get_by_role("link", name="Hent referat (PDF)")

    def is_minutes_pdf(response):
        return "/pdf/referat/" in response.url and response.headers.get("content-type") == "application/pdf"

    with public.expect_response(is_minutes_pdf, timeout=30_000) as response:
        link.click()
    data = public.request.get(response.value.url).body()
    assert data.startswith(b"%PDF-")
    assert shutil.which("pdftotext"), "reading the PDF needs pdftotext: install poppler-utils"
    path = tmp_path / "referat.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(result.stdout.split())
    assert text.startswith("REFERAT KKR Nordjylland")
    assert "Godkendt: på mødet den 12-03-2021" in text
    assert "Afbud Mogens Christen Gade (V)" in text
    assert "Jens Jensen, direktør, Demo Kommune" in text
    assert re.search(r"Beslutning Godkendt som beslutning nr\. 1\. – ?med en tilføjelse", text)
    assert "Beslutning Taget til efterretning." in text
    public.context.close()


WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_minutes_pages_have_no_wcag_violations(desktop, demo_site):
    desktop.goto(f"{demo_site}/kkr-nordjylland/2020-11-13/referat/")
    results = Axe().run(desktop, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    log_in_as_secretariat(desktop, demo_site, EDIT)
    for path in (EDIT, EDIT + "deltagere/"):
        desktop.goto(demo_site + path)
        results = Axe().run(desktop, options=WCAG)
        assert results.violations_count == 0, (path, results.generate_report())
