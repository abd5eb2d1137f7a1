"""An item's way from the case handler to the decision, in a real browser, with the demo's users: the
handler drafts a proposal with an attachment and submits it before the deadline; the reviewer returns it
with a comment; the handler fixes it and submits again; the reviewer approves; the secretariat places it
on the 23 April 2021 meeting and publishes the agenda; a member reads it; the minutes record the decision
through the minutes pages and are published; the handler sees the decision in "Mine punkter". Axe checks
every page of the proposals on the way.

The clock is moved (time-machine), in the live server too, which runs in this process: to 15 March 2021
for the drafting, later to the meeting and after it. The browser keeps its own clock, so the session and
CSRF cookies are given lifetimes that reach from 2021 past today."""

import datetime
import re
import zoneinfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from kkr.lib.simplepdf import text_pdf
from proposals.models import Proposal
from tests.e2e.login import give_demo_code_if_asked

pytestmark = pytest.mark.e2e

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SLOW = 90_000  # publishing renders PDFs; with eager tasks inside the request
TITLE = "Klimatilpasning langs Limfjorden"
APR_23 = "/kkr-nordjylland/2021-04-23/"
TWENTY_YEARS = 20 * 365 * 24 * 3600


@pytest.fixture
def spring_2021(demo_site, time_machine, settings):
    settings.SESSION_COOKIE_AGE = TWENTY_YEARS
    settings.CSRF_COOKIE_AGE = TWENTY_YEARS
    settings.SESSION_IDLE_MINUTES = TWENTY_YEARS // 60  # the weeks between the steps are not idleness
    time_machine.move_to(datetime.datetime(2021, 3, 15, 10, 0, tzinfo=CPH), tick=True)
    return time_machine


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(**options):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK", **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, site, username):
    page.goto(f"{site}/log-ind/?next=/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(f"demo-{username}")
    page.get_by_role("button", name="Log ind").click()
    give_demo_code_if_asked(page, username)
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()


def assert_accessible(page, where):
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, (where, results.generate_report())


def rich_text(page, label):
    """The rich-text editor that replaces the textarea labelled so."""
    editor = page.get_by_role("textbox", name=label).and_(page.locator("[contenteditable]"))
    expect(editor).to_be_visible()
    return editor


def test_from_the_handlers_draft_to_the_decision_in_mine_punkter(new_page, demo_site, spring_2021, tmp_path):
    site = demo_site
    accept_dialogs = []

    # The handler drafts the proposal from "Mine punkter", for the 23 April meeting.
    handler = new_page()
    handler.on("dialog", lambda dialog: dialog.accept())
    log_in(handler, site, "sagsbehandler")
    handler.get_by_role("link", name="Mine punkter").click()
    expect(handler.get_by_role("heading", name="Mine punkter", level=1)).to_be_visible()
    assert_accessible(handler, "Mine punkter")
    handler.get_by_role("link", name="Nyt punktforslag til KKR Nordjylland").click()
    assert_accessible(handler, "Nyt punktforslag")
    handler.get_by_label("Titel").fill(TITLE)
    handler.get_by_label("Sagsnummer").fill("SAG-2021-00612")
    handler.get_by_label("Ønsket møde").select_option(label="Fredag 23. april 2021")
    rich_text(handler, "Indstilling").click()
    handler.keyboard.type("Det indstilles, at KKR Nordjylland godkender planen for klimatilpasning.")
    handler.get_by_role("button", name="Opret kladde").click()
    expect(handler.get_by_text("Punktforslaget er oprettet som kladde.")).to_be_visible()
    expect(handler.get_by_text("Fredag 9. april 2021 kl. 12.00")).to_be_visible()  # the deadline
    assert_accessible(handler, "the handler's draft")

    pdf = tmp_path / "Tidsplan_for_klimatilpasning.pdf"
    pdf.write_bytes(text_pdf("Tidsplan", ["Tidsplan for klimatilpasningen langs Limfjorden."]))
    handler.get_by_label("Tilføj bilag (PDF)").set_input_files(pdf)
    handler.get_by_role("button", name="Tilføj bilaget").click()
    expect(handler.get_by_text("Bilaget er tilføjet.")).to_be_visible()
    expect(handler.get_by_role("link", name="Tidsplan for klimatilpasning")).to_be_visible()
    handler.get_by_role("button", name="Indsend punktforslaget").click()
    expect(handler.get_by_text("Punktforslaget er indsendt.")).to_be_visible()
    proposal = Proposal.objects.get(title=TITLE)
    assert (proposal.state, proposal.is_late) == ("submitted", False)

    # The reviewer finds it waiting and returns it with a comment (confirmed).
    reviewer = new_page()
    reviewer.on("dialog", lambda dialog: accept_dialogs.append(dialog.message) or dialog.accept())
    log_in(reviewer, site, "godkender")
    reviewer.get_by_role("link", name="Mine punkter").click()
    waiting = reviewer.locator(
        "section", has=reviewer.get_by_role("heading", name="Venter på din godkendelse")
    )
    waiting.get_by_role("link", name=TITLE).click()
    assert_accessible(reviewer, "the reviewer's proposal page")
    reviewer.get_by_label("Hvorfor sendes punktforslaget retur?").fill(
        "Tilføj tidsplanen i sagsfremstillingen."
    )
    reviewer.get_by_role("button", name="Returnér til sagsbehandleren").click()
    expect(reviewer.get_by_text("Punktforslaget er sendt retur til sagsbehandleren.")).to_be_visible()
    assert accept_dialogs == ["Send punktforslaget retur til sagsbehandleren med din kommentar?"]

    # The handler reads the comment, fixes the text and submits again.
    handler.reload()
    expect(handler.get_by_text("Tilføj tidsplanen i sagsfremstillingen.")).to_be_visible()
    rich_text(handler, "Sagsfremstilling").click()
    handler.keyboard.type("Tidsplanen står i bilaget: arbejdet begynder i august 2021.")
    handler.get_by_role("button", name="Gem punktforslaget").click()
    expect(handler.get_by_text("Punktforslaget er gemt.")).to_be_visible()
    handler.get_by_role("button", name="Indsend igen").click()
    expect(handler.get_by_text("Punktforslaget er indsendt.")).to_be_visible()

    # The reviewer approves.
    reviewer.reload()
    reviewer.get_by_label("Kommentar til sagsbehandleren (valgfri)").fill("Fint, tak.")
    reviewer.get_by_role("button", name="Godkend").click()
    expect(reviewer.get_by_text("Punktforslaget er godkendt.")).to_be_visible()

    # The secretariat places it on 23 April's agenda and publishes the agenda.
    spring_2021.move_to(datetime.datetime(2021, 4, 14, 9, 0, tzinfo=CPH), tick=True)
    secretary = new_page()
    secretary.on("dialog", lambda dialog: dialog.accept())
    log_in(secretary, site, "sekretariat")
    secretary.get_by_role("link", name="Mine punkter").click()
    council = secretary.locator("section", has=secretary.get_by_role("heading", name="Rådets punktforslag"))
    council.get_by_role("link", name=TITLE).click()
    # The secretariat may still edit an approved proposal: the edited text is in its editor.
    expect(rich_text(secretary, "Sagsfremstilling")).to_contain_text("Tidsplanen står i bilaget")
    assert_accessible(secretary, "the secretariat's proposal page")
    secretary.get_by_label("Møde og hovedpunkt").select_option(label="3. Regionalpolitiske sager")
    secretary.get_by_role("button", name="Sæt på dagsordenen").click()
    expect(
        secretary.get_by_text(re.compile(r"Punktforslaget er sat på dagsordenen som punkt 3\.\d+\."))
    ).to_be_visible()
    secretary.get_by_role("link", name="Gå til mødets dagsorden").click()
    publish = secretary.locator("#publish")
    publish.get_by_label("Udsendt den").fill("2021-04-16")
    publish.get_by_role("button", name="Offentliggør").click()
    expect(secretary.get_by_text("Dagsordenen er offentliggjort som version 1.")).to_be_visible(timeout=SLOW)

    # A member reads it, with its attachment.
    member = new_page()
    log_in(member, site, "medlem")
    member.goto(site + APR_23)
    expect(member.get_by_role("heading", name=re.compile(TITLE))).to_be_visible()
    main = member.locator("main")
    expect(main).to_contain_text("Det indstilles, at KKR Nordjylland godkender planen for klimatilpasning.")
    expect(main).to_contain_text("Tidsplan for klimatilpasning")

    # After the meeting the minutes record the decision, through the minutes pages.
    spring_2021.move_to(datetime.datetime(2021, 4, 23, 15, 0, tzinfo=CPH), tick=True)
    secretary.goto(f"{site}{APR_23}referat/rediger/deltagere/")
    secretary.get_by_role("button", name="Gem fremmøde").click()
    expect(secretary.get_by_text("Fremmødet er gemt.")).to_be_visible()
    areas = secretary.locator("[data-decision-text]")
    cards = secretary.locator(".decision-card")
    ours = cards.filter(has_text=TITLE)
    for n in range(areas.count()):
        areas.nth(n).focus()
        if cards.nth(n).filter(has_text=TITLE).count():
            secretary.keyboard.type("Godkendt med tidsplanen i bilaget.")
            secretary.keyboard.press("Control+Enter")
        else:
            secretary.keyboard.press("Alt+2")  # "Taget til efterretning."
        # The save runs beside the rest of the suite: give it the time a loaded machine takes.
        expect(cards.nth(n).get_by_role("status")).to_contain_text("Gemt kl.", timeout=SLOW)
    expect(ours.locator("[data-decision-text]")).to_have_value("Godkendt med tidsplanen i bilaget.")
    secretary.get_by_label("Udsendt den").fill("2021-04-28")
    secretary.keyboard.press("Enter")
    expect(secretary.get_by_text("Referatet er markeret som udsendt.")).to_be_visible()

    # The next meeting approves them under its item 1.1; then they are published.
    spring_2021.move_to(datetime.datetime(2021, 5, 7, 11, 0, tzinfo=CPH), tick=True)
    secretary.goto(f"{site}/kkr-nordjylland/nyt-moede/")
    secretary.get_by_label("Dato").fill("2021-05-07")
    secretary.get_by_label("Starttidspunkt").fill("09:00")
    secretary.get_by_label("Sted").fill("Aalborg Rådhus")
    secretary.get_by_label("Sagsnummer for mødets faste punkter").fill("SAG-2021-00512")
    secretary.get_by_label("Sagsbehandler (initialer)").fill("hast")
    secretary.get_by_role("button", name="Opret møde").click()
    expect(secretary.get_by_text("Mødet er oprettet med standarddagsordenen.")).to_be_visible()
    publish = secretary.locator("#publish")
    publish.get_by_label("Udsendt den").fill("2021-04-30")
    publish.get_by_role("button", name="Offentliggør").click()
    expect(secretary.get_by_text("Dagsordenen er offentliggjort som version 1.")).to_be_visible(timeout=SLOW)
    secretary.goto(f"{site}/kkr-nordjylland/2021-05-07/referat/rediger/")
    approval = secretary.locator(".decision-card").filter(has_text="1.1. Godkendelse af referat")
    approval.locator("[data-decision-text]").focus()
    secretary.keyboard.press("Alt+1")  # "Godkendt." ticks the approval of 23 April's minutes too
    expect(approval).to_contain_text("Referatet af mødet 23-04-2021 er nu godkendt.")
    secretary.goto(f"{site}{APR_23}referat/rediger/")
    secretary.get_by_role("button", name="Offentliggør referatet").click()
    expect(secretary.get_by_text("Referatet er offentliggjort.")).to_be_visible(timeout=SLOW)

    # The handler follows the item to its decision in "Mine punkter".
    handler.goto(site + "/punktforslag/")
    decided = handler.locator("li.proposal-row", has_text=TITLE)
    expect(handler.get_by_role("heading", name="Behandlet (1)")).to_be_visible()
    expect(decided).to_contain_text("Beslutning: Godkendt med tidsplanen i bilaget.")
    decided.get_by_role("link", name=re.compile(r"^punkt 3\.\d+\. " + TITLE)).click()
    expect(handler).to_have_url(re.compile(re.escape(APR_23) + r"#punkt-3-\d+$"))
    handler.goto(site + "/punktforslag/")
    assert_accessible(handler, "Mine punkter with the decision")
    assert Proposal.objects.get(title=TITLE).state == "decided"


def test_the_confirmation_pages_without_javascript_pass_axe(new_page, demo_site, spring_2021):
    """Without JavaScript, returning asks on a page of its own before anything happens."""
    proposal = Proposal.objects.get(state="submitted")  # the demo's, waiting for the reviewer
    page = new_page(java_script_enabled=False)
    log_in(page, demo_site, "godkender")
    page.goto(f"{demo_site}{proposal.get_absolute_url()}")
    page.get_by_label("Hvorfor sendes punktforslaget retur?").fill("Mangler en tidsplan.")
    page.get_by_role("button", name="Returnér til sagsbehandleren").click()
    expect(page.get_by_role("heading", name="Send punktforslaget retur til sagsbehandleren")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"
    html = page.content()
    axe_page = new_page()
    axe_page.goto(demo_site + "/")  # the same origin, so the page's style sheet loads
    axe_page.set_content(html)
    assert_accessible(axe_page, "the confirmation page")
    page.get_by_role("button", name="Ja, send retur").click()
    expect(page.get_by_text("Punktforslaget er sendt retur til sagsbehandleren.")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).state == "returned"


def test_the_roles_page_and_the_meetings_intake_block_pass_axe(new_page, demo_site):
    page = new_page()
    log_in(page, demo_site, "sekretariat")
    page.goto(demo_site + "/punktforslag/")
    page.get_by_role("link", name="Roller og frister for punktforslag i KKR Nordjylland").click()
    expect(page.get_by_role("heading", name=re.compile("^Roller og frister"))).to_be_visible()
    assert_accessible(page, "the roles page")
    page.get_by_label("Brugernavn eller e-mail").fill("medlem")
    page.get_by_label("Rolle:").select_option(label="godkender")
    page.get_by_role("button", name="Giv rollen").click()
    expect(page.get_by_text("Rollen er givet.")).to_be_visible()
    page.get_by_role("button", name="Fjern medlem som godkender").click()
    expect(page.get_by_role("heading", name=re.compile("^Fjern rollen"))).to_be_visible()
    assert_accessible(page, "the confirmation of revoking a role")
    page.get_by_role("button", name="Ja, fjern rollen").click()
    expect(page.get_by_text("Rollen er fjernet.")).to_be_visible()

    page.goto(demo_site + APR_23 + "rediger/")
    block = page.locator("#punktforslag")
    expect(block).to_contain_text("Frist for punkter: fredag 9. april 2021 kl. 12.00.")
    block.get_by_text("Flyt fristen").click()
    block.get_by_label("Klokkeslæt").fill("10:00")
    block.get_by_role("button", name="Gem fristen").click()
    expect(block.get_by_role("status")).to_have_text("Fristen er gemt.")
    expect(block).to_contain_text("Frist for punkter: fredag 9. april 2021 kl. 10.00.")
    assert_accessible(page, "the meeting's edit page with its block Punktforslag")
