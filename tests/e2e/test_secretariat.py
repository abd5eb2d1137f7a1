"""The secretariat's work on an agenda, in a real browser against the live server with the demo data:
build and publish a meeting, edit conflicts, pasted HTML, unsaved changes, who may edit, and the
edit page's accessibility."""

import re
import shutil
import subprocess
import time

import pytest
from playwright.sync_api import expect

from agendas.models import AgendaItem, Meeting
from kkr.lib.simplepdf import text_pdf
from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

COUNCIL = "/kkr-nordjylland/"
DRAFT_EDIT = "/kkr-nordjylland/2021-04-23/rediger/"
SECRETARIAT = ("sekretariat", "demo-sekretariat")
MEMBER = ("medlem", "demo-medlem")
# Publishing renders the PDFs; with eager tasks that happens inside the request.
SLOW = 90_000


@pytest.fixture
def new_page(browser):
    """Pages in fresh browser contexts (own cookies), as many as a test needs."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, site, user, next_path="/"):
    username, password = user
    page.goto(f"{site}/log-ind/?next={next_path}")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, username)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    expect(page).to_have_url(f"{site}{next_path}")


def item_card(page, title):
    """An item on the edit page, found by its title whatever its number."""
    return page.locator("article.edit-card").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^\d+\.\d+\. {re.escape(title)}$"))
    )


def open_item_editor(card):
    card.get_by_text("Redigér tekst og oplysninger").click()
    # The rich-text editor, not the textarea it replaces (visible until the script has run: on a
    # loaded machine a locator taken then resolves to the textarea, which is hidden a moment later).
    editor = card.get_by_role("textbox", name="Baggrund").and_(card.locator("[contenteditable]"))
    expect(editor).to_be_visible()
    return editor


def replace_text(page, editor, text):
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def paste(editor, data):
    """Paste as a browser does, where the caret is: a paste event whose DataTransfer holds the
    clipboard."""
    editor.evaluate(
        """(area, data) => {
            const clipboard = new DataTransfer();
            for (const [type, value] of Object.entries(data)) clipboard.setData(type, value);
            const init = {clipboardData: clipboard, bubbles: true, cancelable: true};
            area.dispatchEvent(new ClipboardEvent("paste", init));
        }""",
        data,
    )


def save(card):
    card.get_by_role("button", name="Gem punktet").click()


def pdf_text(data: bytes) -> str:
    assert shutil.which("pdftotext"), "reading the PDF needs pdftotext: install poppler-utils"
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


def download_pdf(page, kind_slug, name):
    """Click a download button on the meeting page and return the PDF's bytes. The file comes at
    once when it is ready; while a worker renders it the page says so, and the message then
    becomes the link."""

    def is_pdf(response):
        return (
            f"/pdf/{kind_slug}/" in response.url and response.headers.get("content-type") == "application/pdf"
        )

    with page.expect_response(is_pdf, timeout=SLOW) as pdf_response:
        with page.expect_response(lambda r: f"/pdf/{kind_slug}/forbered/" in r.url) as prepared:
            page.get_by_role("link", name=name).click()
        if "hx-redirect" not in prepared.value.headers:
            assert "gøres klar som PDF" in prepared.value.text()
            ready = page.locator(f"#pdf-{kind_slug}").get_by_role("link", name=name)
            expect(ready).to_be_visible(timeout=SLOW)
            ready.click()
    assert pdf_response.value.status == 200
    # Chromium shows the file in its viewer; fetch it once more with the same cookies.
    pdf = page.request.get(pdf_response.value.url)
    assert pdf.body().startswith(b"%PDF-")
    return pdf.body()


TITLE = "Kollektiv trafik i Nordjylland"


def test_the_secretariat_builds_and_publishes_a_meeting(new_page, demo_site, pdf_jobs):
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, COUNCIL)
    page.get_by_role("link", name="Nyt møde").click()
    page.get_by_label("Dato").fill("2021-06-18")
    page.get_by_label("Starttidspunkt").fill("09:00")
    page.get_by_label("Sluttidspunkt").fill("11:30")
    page.get_by_label("Sted").fill("Aalborg Rådhus")
    page.get_by_label("Mødetype").select_option(label="ordinært møde")
    page.get_by_label("Sagsnummer for mødets faste punkter").fill("SAG-2021-00777")
    page.get_by_label("Sagsbehandler (initialer)").fill("MHA")
    page.get_by_role("button", name="Opret møde").click()

    # The edit page, with the standard agenda.
    expect(page).to_have_url(f"{demo_site}/kkr-nordjylland/2021-06-18/rediger/")
    expect(page.get_by_text("Mødet er oprettet med standarddagsordenen.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("KKR Nordjylland – Fredag 18-06-2021")
    headings = page.locator("article.edit-card h3")
    expect(headings).to_have_text(
        [
            "1.1. Godkendelse af referat",
            "1.2. Godkendelse af dagsorden",
            "2.1. Siden sidst",
            "6.1. Punkter til næste møde",
        ]
    )

    # A new item under 3., with the meeting's case number and handler filled in.
    page.get_by_text("Tilføj punkt under 3.").click()
    new_item = page.locator("details.new-item[open]")
    new_item.get_by_label("Titel").fill(TITLE)
    expect(new_item.get_by_label("Sagsnummer")).to_have_value("SAG-2021-00777")
    expect(new_item.get_by_label("Sagsbehandler")).to_have_value("MHA")
    new_item.get_by_role("button", name="Tilføj punkt").click()
    heading = page.get_by_role("heading", name=f"3.1. {TITLE}")
    expect(heading).to_be_focused()

    # Its editor opens by itself; write the background with a bullet list from the toolbar.
    card = item_card(page, TITLE)
    editor = card.get_by_role("textbox", name="Baggrund")
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.type("Busdriften skal styrkes i hele regionen.")
    page.keyboard.press("Enter")
    bullets = card.get_by_role("toolbar", name="Formatering af Baggrund").get_by_role(
        "button", name="Punktopstilling"
    )
    bullets.click()
    page.keyboard.type("Flere afgange i yderområderne")
    page.keyboard.press("Enter")
    page.keyboard.type("Bedre skift mellem tog og bus")
    expect(card.get_by_text("Ikke gemt")).to_be_visible()
    save(card)
    expect(card.get_by_role("status")).to_have_text("Gemt.")
    expect(card.get_by_text("Ikke gemt")).to_be_hidden()
    expect(card.get_by_role("textbox", name="Baggrund").locator("li")).to_have_text(
        ["Flere afgange i yderområderne", "Bedre skift mellem tog og bus"]
    )

    # Attachments: the PDF is taken, the other file refused with a reason.
    notat = text_pdf("Notat om den kollektive trafik", ["Busdriften i Nordjylland 2021."])
    card.get_by_label("Tilføj bilag (PDF)").set_input_files(
        [
            {"name": "Notat_om_trafik.pdf", "mimeType": "application/pdf", "buffer": notat},
            {"name": "Referat.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 Word"},
        ]
    )
    card.get_by_role("button", name="Upload").click()
    expect(card.get_by_role("alert")).to_have_text(
        "Referat.docx: Filen er ikke en PDF-fil. Bilag skal uploades som PDF."
    )
    expect(card.get_by_label("Bilagets titel")).to_have_value("Notat om trafik")
    expect(card.locator(".attachment-list")).to_contain_text("(1 side)")
    # A PDF dropped on the upload form goes up at once (static/js/file-drop.js).
    card.locator("form[data-file-drop]").evaluate(
        """(form, bytes) => {
            const data = new DataTransfer();
            const pdf = new Uint8Array(bytes);
            data.items.add(new File([pdf], "Budget_for_trafik.pdf", {type: "application/pdf"}));
            form.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        list(text_pdf("Budget for trafik", ["Budget 2021."])),
    )
    expect(card.locator(".attachment-list > li")).to_have_count(2)
    expect(card.get_by_label("Bilagets titel").nth(1)).to_have_value("Budget for trafik")

    # Down past the end of section 3 is 4.1; a drag takes it on to 5.; up again is 4.1.
    page.get_by_role("button", name=f"Flyt punktet {TITLE} ned").click()
    expect(page.get_by_role("heading", name=f"4.1. {TITLE}")).to_be_focused()
    # Folded, the card is small enough to drag within the screen.
    card.get_by_text("Redigér tekst og oplysninger").click()
    expect(card.get_by_role("textbox", name="Baggrund")).to_be_hidden()
    card.locator(".drag-handle").drag_to(page.get_by_role("list", name="Punkter under 5."))
    expect(page.get_by_role("heading", name=f"5.1. {TITLE}")).to_be_visible()
    expect(page.get_by_role("list", name="Punkter under 4.")).to_have_text("Ingen punkter endnu.")
    page.get_by_role("button", name=f"Flyt punktet {TITLE} op").click()
    expect(page.get_by_role("heading", name=f"4.1. {TITLE}")).to_be_focused()
    expect(headings).to_have_count(5)

    # Publish: a question first, then the public meeting page.
    publish = page.locator("#publish")
    publish.get_by_label("Udsendt den").fill("2021-06-11")
    page.once("dialog", lambda dialog: dialog.accept())
    publish.get_by_role("button", name="Offentliggør").click()
    expect(page).to_have_url(f"{demo_site}/kkr-nordjylland/2021-06-18/", timeout=SLOW)
    expect(page.get_by_text("Dagsordenen er offentliggjort som version 1.")).to_be_visible()

    # Anyone sees it now.
    reader = new_page()
    reader.goto(f"{demo_site}/kkr-nordjylland/2021-06-18/")
    expect(reader.get_by_role("button", name="Log ud")).to_have_count(0)
    expect(reader.locator(".agenda-facts")).to_contain_text("Fredag 18-06-2021, kl. 09.00–11.30")
    expect(reader.locator(".agenda-facts")).to_contain_text("11-06-2021")
    item = reader.get_by_role("article", name=f"4.1. {TITLE}")
    expect(item).to_contain_text("SAG-2021-00777 MHA")
    expect(item.locator(".richtext p")).to_have_text("Busdriften skal styrkes i hele regionen.")
    expect(item.locator(".richtext ul > li")).to_have_text(
        ["Flere afgange i yderområderne", "Bedre skift mellem tog og bus"]
    )
    expect(item.get_by_role("link", name="Notat om trafik")).to_be_visible()

    text = pdf_text(download_pdf(reader, "dagsorden", "Hent dagsorden (PDF)"))
    assert TITLE in text
    assert "Busdriften skal styrkes i hele regionen." in text
    assert "Flere afgange i yderområderne" in text
    assert "Bedre skift mellem tog og bus" in text


def test_a_conflicting_save_shows_both_texts_and_keeps_mine(new_page, demo_site):
    title = "SOSU-dimmensionering"
    first, second = new_page(), new_page()
    for page in (first, second):
        log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    editors = [open_item_editor(item_card(page, title)) for page in (first, second)]

    replace_text(first, editors[0], "Teksten fra den første sekretær.")
    save(item_card(first, title))
    expect(item_card(first, title).get_by_role("status")).to_have_text("Gemt.")

    # The second page still holds the revision it was opened with.
    card = item_card(second, title)
    replace_text(second, editors[1], "Teksten fra den anden sekretær.")
    save(card)
    conflict = card.get_by_role("alert")
    expect(conflict).to_contain_text("Punktet er blevet gemt af en anden, mens du redigerede.")
    row = conflict.get_by_role("row", name="Baggrund")
    expect(row.get_by_role("cell")).to_have_text(
        ["Teksten fra den anden sekretær.", "Teksten fra den første sekretær."]
    )
    expect(conflict.get_by_role("columnheader")).to_have_text(["Felt", "Din tekst", "Den gemte tekst"])
    expect(card.get_by_role("textbox", name="Baggrund")).to_have_text("Teksten fra den anden sekretær.")
    expect(card.get_by_text("Ikke gemt")).to_be_visible()
    assert "første" in AgendaItem.objects.get(title=title).background

    # Saving again is a conscious choice, and it works.
    save(card)
    expect(card.get_by_role("status")).to_have_text("Gemt.")
    expect(card.get_by_role("alert")).to_have_count(0)
    expect(card.get_by_text("Ikke gemt")).to_be_hidden()
    item = AgendaItem.objects.get(title=title)
    assert item.background == "<p>Teksten fra den anden sekretær.</p>"
    assert item.revision == 3

    # The first secretary sees it after a reload.
    first.reload()
    editor = open_item_editor(item_card(first, title))
    expect(editor).to_have_text("Teksten fra den anden sekretær.")


MALICIOUS_HTML = """<meta charset="utf-8">
<p onclick="window.__pwned=1">Tekst fra <b>nettet</b>
<img src="x" onerror="window.__pwned=1"></p>
<script>window.__pwned=1</script>
<p><a href="javascript:window.__pwned=1">Læs mere</a> og
<a href="https://www.kl.dk/" onmouseover="window.__pwned=1">KL</a></p>
<iframe src="javascript:window.parent.__pwned=1"></iframe>
<svg><script>window.__pwned=1</script></svg>"""


def test_pasted_html_is_cleaned_before_it_is_stored(new_page, demo_site):
    title = "Rammeaftale om Danskuddannelse"
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    card = item_card(page, title)
    editor = open_item_editor(card)
    editor.click()
    page.keyboard.press("Control+A")
    paste(editor, {"text/html": MALICIOUS_HTML, "text/plain": "Tekst fra nettet"})
    expect(editor).to_contain_text("Tekst fra nettet")
    expect(card.get_by_text("Ikke gemt")).to_be_visible()
    save(card)
    expect(card.get_by_role("status")).to_have_text("Gemt.")
    assert page.evaluate("typeof window.__pwned") == "undefined"

    stored = AgendaItem.objects.get(title=title)
    assert stored.background == (
        "<p>Tekst fra <strong>nettet</strong></p>"
        '<p>Læs mere og <a href="https://www.kl.dk/" rel="noopener noreferrer">KL</a></p>'
    )
    for field in ("background", "recommendation", "presentation"):
        value = getattr(stored, field).lower()
        for bad in ("<script", "<img", "<iframe", "<svg", "onerror", "onclick", "onmouseover", "javascript:"):
            assert bad not in value, (field, bad, value)

    page.reload()
    editor = open_item_editor(item_card(page, title))
    expect(editor).to_contain_text("Tekst fra nettet")
    expect(editor.locator("img, script, iframe, svg, [onclick], [onerror]")).to_have_count(0)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    # What readers see is the same clean text.
    page.get_by_role("link", name="Se siden for læsere").click()
    expect(page.get_by_role("article", name=f"3.2. {title}")).to_contain_text("Tekst fra nettet")
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_leaving_with_unsaved_changes_asks_first(new_page, demo_site):
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    card = item_card(page, "Temadrøftelse rekruttering")
    editor = open_item_editor(card)
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Et tilføjet afsnit.")
    indicator = card.get_by_text("Ikke gemt")
    expect(indicator).to_be_visible()

    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Se siden for læsere").click()
    assert asked == ["beforeunload"]
    expect(page).to_have_url(f"{demo_site}{DRAFT_EDIT}")
    expect(editor).to_contain_text("Et tilføjet afsnit.")
    expect(indicator).to_be_visible()


def test_publishing_with_unsaved_changes_says_they_will_not_be_included(new_page, demo_site):
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    card = item_card(page, "Temadrøftelse rekruttering")
    editor = open_item_editor(card)
    editor.click()
    page.keyboard.type("Et udkast til en ny sætning. ")
    expect(card.get_by_text("Ikke gemt")).to_be_visible()

    questions = []

    def refuse(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", refuse)
    with page.expect_event("dialog"):
        page.get_by_role("button", name="Offentliggør", exact=True).click()
    assert "ikke er gemt" in questions[0]
    expect(page).to_have_url(f"{demo_site}{DRAFT_EDIT}")
    assert not Meeting.objects.get(date="2021-04-23").versions.exists()


def test_only_the_secretariat_may_edit(new_page, demo_site):
    member = new_page()
    log_in(member, demo_site, MEMBER)
    response = member.goto(f"{demo_site}{DRAFT_EDIT}")
    assert response.status == 403
    expect(member.get_by_role("heading", level=1)).to_have_text("Ingen adgang")
    expect(member.get_by_text("Siden er kun for rådets sekretariat.")).to_be_visible()

    member.goto(f"{demo_site}/kkr-nordjylland/2021-02-05/")
    expect(member.get_by_role("heading", level=1)).to_have_text("KKR Nordjylland")
    expect(member.get_by_role("link", name="Redigér dagsordenen")).to_have_count(0)

    secretary = new_page()
    log_in(secretary, demo_site, SECRETARIAT, "/kkr-nordjylland/2021-02-05/")
    secretary.get_by_role("link", name="Redigér dagsordenen").click()
    expect(secretary).to_have_url(f"{demo_site}/kkr-nordjylland/2021-02-05/rediger/")
    expect(secretary.get_by_role("heading", name="Offentliggør rettet dagsorden")).to_be_visible()


def test_the_edit_page_passes_axe(new_page, demo_site):
    from axe_playwright_python.sync_playwright import Axe

    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    # Everything folded out, so the forms and the editors are checked too.
    for summary in page.locator("details > summary").all():
        summary.click()
    expect(page.locator("details:not([open])")).to_have_count(0)
    expect(page.locator(".rte")).to_have_count(9)

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()


def in_viewport(page, locator):
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def focused(page):
    """What has the keyboard focus: its tag, name and text."""
    return page.evaluate(
        "() => { const e = document.activeElement; return [e.tagName, e.name || '', e.textContent.trim()] }"
    )


def test_an_invalid_case_number_keeps_the_input_in_view_and_focuses_the_field(new_page, demo_site):
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    page.get_by_text("Tilføj punkt under 3.").click()
    new_item = page.locator("details.new-item[open]")
    case_number = new_item.get_by_label("Sagsnummer")
    expect(new_item).to_contain_text("SAG-ÅÅÅÅ-NNNNN")  # the format, before anything is sent
    new_item.get_by_label("Titel").fill("Mit nye punkt")
    case_number.fill("SAG-2021-512")
    new_item.get_by_label("Sagsbehandler").fill("ABC")
    new_item.get_by_role("button", name="Tilføj punkt").scroll_into_view_if_needed()
    before = page.evaluate("window.scrollY")
    new_item.get_by_role("button", name="Tilføj punkt").click()

    new_item = page.locator("details.new-item[open]")
    expect(new_item).to_contain_text("Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512.")
    expect(new_item.get_by_label("Titel")).to_have_value("Mit nye punkt")
    expect(new_item.get_by_label("Sagsnummer")).to_have_value("SAG-2021-512")
    expect(new_item.get_by_label("Sagsbehandler")).to_have_value("ABC")
    expect(new_item.get_by_label("Sagsnummer")).to_be_focused()
    assert in_viewport(page, new_item.get_by_label("Sagsnummer"))
    assert abs(page.evaluate("window.scrollY") - before) < 300
    assert not AgendaItem.objects.filter(title="Mit nye punkt").exists()


def test_without_javascript_an_invalid_case_number_comes_back_at_the_form(browser, demo_site):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="da-DK", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
        page.get_by_text("Tilføj punkt under 3.").click()
        new_item = page.locator("details.new-item[open]")
        new_item.get_by_label("Titel").fill("Mit nye punkt")
        new_item.get_by_label("Sagsnummer").fill("SAG-2021-512")
        new_item.get_by_role("button", name="Tilføj punkt").click()
        new_item = page.locator("details.new-item[open]")
        expect(new_item).to_contain_text("Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN")
        expect(new_item.get_by_label("Titel")).to_have_value("Mit nye punkt")
        expect(new_item.get_by_label("Sagsnummer")).to_have_value("SAG-2021-512")
        expect(new_item.get_by_label("Sagsnummer")).to_be_focused()
        assert in_viewport(page, new_item.get_by_label("Sagsnummer"))
    finally:
        context.close()


@pytest.fixture
def no_js_page(browser):
    """Pages in fresh browser contexts with JavaScript turned off."""
    contexts = []

    def make():
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="da-DK", java_script_enabled=False
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_without_javascript_an_invalid_item_save_keeps_the_text_and_shows_the_error(no_js_page, demo_site):
    title = "SOSU-dimmensionering"
    page = no_js_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    card = item_card(page, title)
    card.get_by_text("Redigér tekst og oplysninger").click()
    background = card.get_by_label("Baggrund")  # the plain textarea: its HTML is the text
    background.fill("<p>Min tekst, skrevet uden JavaScript.</p>")
    card.get_by_label("Sagsnummer").fill("SAG-2021-512")
    save(card)

    card = item_card(page, title)
    expect(card).to_contain_text("Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512.")
    expect(card.get_by_label("Baggrund")).to_have_value("<p>Min tekst, skrevet uden JavaScript.</p>")
    case_number = card.get_by_label("Sagsnummer")
    expect(case_number).to_have_value("SAG-2021-512")
    expect(case_number).to_be_focused()
    assert in_viewport(page, case_number)
    assert "Min tekst" not in AgendaItem.objects.get(title=title).background

    case_number.fill("SAG-2021-00512")
    save(card)
    expect(page.get_by_text("Punktet er gemt.")).to_be_visible()
    assert AgendaItem.objects.get(title=title).background == "<p>Min tekst, skrevet uden JavaScript.</p>"


def test_without_javascript_a_conflicting_save_shows_both_texts_and_keeps_mine(no_js_page, demo_site):
    title = "SOSU-dimmensionering"
    first, second = no_js_page(), no_js_page()
    for page in (first, second):
        log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
        item_card(page, title).get_by_text("Redigér tekst og oplysninger").click()
    item_card(first, title).get_by_label("Baggrund").fill("<p>Teksten fra den første sekretær.</p>")
    save(item_card(first, title))
    expect(first.get_by_text("Punktet er gemt.")).to_be_visible()

    item_card(second, title).get_by_label("Baggrund").fill("<p>Teksten fra den anden sekretær.</p>")
    save(item_card(second, title))
    card = item_card(second, title)
    conflict = card.get_by_role("alert")
    expect(conflict).to_contain_text("Din tekst er ikke gået tabt")
    expect(conflict).to_be_focused()
    expect(conflict.get_by_role("row", name="Baggrund").get_by_role("cell")).to_have_text(
        ["Teksten fra den anden sekretær.", "Teksten fra den første sekretær."]
    )
    expect(card.get_by_label("Baggrund")).to_have_value("<p>Teksten fra den anden sekretær.</p>")
    assert "første" in AgendaItem.objects.get(title=title).background

    save(card)
    expect(second.get_by_text("Punktet er gemt.")).to_be_visible()
    assert AgendaItem.objects.get(title=title).background == "<p>Teksten fra den anden sekretær.</p>"


def test_deleting_an_item_shows_the_undo_where_it_was(new_page, demo_site):
    title = "Rammeaftale om Danskuddannelse"
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    card = item_card(page, title)
    card.scroll_into_view_if_needed()
    top = card.bounding_box()["y"]
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name=f"Slet punktet {title}").click()

    undo = page.locator(".edit-deleted")
    expect(undo).to_contain_text(f"Punkt 3.2. {title} slettet.")
    expect(undo.get_by_role("button", name="Fortryd")).to_be_focused()
    assert in_viewport(page, undo)
    assert abs(undo.bounding_box()["y"] - top) < 100
    undo.get_by_role("button", name="Fortryd").click()
    expect(page.get_by_role("heading", name=f"3.2. {title}")).to_be_focused()


PUBLISHED_EDIT = "/kkr-nordjylland/2021-02-05/rediger/"


def test_republishing_checks_the_note_and_the_date_before_it_asks(new_page, demo_site):
    page = new_page()
    log_in(page, demo_site, SECRETARIAT, PUBLISHED_EDIT)
    publish = page.locator("#publish")
    dialogs = []

    def refuse(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    # No note: said at the field, before any question.
    publish.get_by_role("button", name="Offentliggør rettelsen").click()
    expect(publish).to_contain_text("Skriv kort, hvad der er rettet.")
    expect(publish.get_by_label("Hvad er rettet?")).to_be_focused()
    assert dialogs == []

    # A date after the meeting: asked first, and nothing happens when refused.
    publish.get_by_label("Hvad er rettet?").fill("Bilag tilføjet")
    publish.get_by_label("Udsendt den").fill("2021-02-08")
    with page.expect_event("dialog"):
        publish.get_by_role("button", name="Offentliggør rettelsen").click()
    assert "efter mødet" in dialogs[-1]
    # And a date before the previous version's.
    publish.get_by_label("Udsendt den").fill("2021-01-20")
    with page.expect_event("dialog"):
        publish.get_by_role("button", name="Offentliggør rettelsen").click()
    assert "før udsendelsen af version 1" in dialogs[-1]
    expect(page).to_have_url(f"{demo_site}{PUBLISHED_EDIT}")
    assert Meeting.objects.get(date="2021-02-05").versions.count() == 1

    # Accepted, it is published with that date.
    page.remove_listener("dialog", refuse)
    page.on("dialog", lambda dialog: dialog.accept())
    publish.get_by_role("button", name="Offentliggør rettelsen").click()
    expect(page).to_have_url(f"{demo_site}/kkr-nordjylland/2021-02-05/", timeout=SLOW)
    # The site's process may still be committing on SQLite when the browser is already there (seen
    # once in CI: the version was not yet readable here): read it once it is.
    versions = Meeting.objects.get(date="2021-02-05").versions
    deadline = time.monotonic() + 10
    while versions.count() < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    latest = versions.latest("number")
    assert (latest.number, str(latest.sent_on)) == (2, "2021-01-20")
