"""The Content-Security-Policy in a real browser: the secretariat's editor (htmx, the rich-text
editor, SortableJS) works under it, and the browser reports no violation on the way."""

import pytest
from playwright.sync_api import expect

from tests.e2e.test_secretariat import DRAFT_EDIT, SECRETARIAT, item_card, log_in, open_item_editor, save

pytestmark = pytest.mark.e2e

# Reports every violation the page sees, also those of scripts and styles that were refused.
LISTEN = """document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    window.reportViolation(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});"""


@pytest.fixture
def watched(browser):
    """A page, and the CSP violations reported on it: by the securitypolicyviolation event and on
    the console."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    violations = []
    context.expose_function("reportViolation", lambda text: violations.append(text))
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message.text),
    )
    yield page, violations
    context.close()


def test_editing_and_reordering_an_agenda_under_the_policy_reports_no_violation(watched, demo_site):
    page, violations = watched
    log_in(page, demo_site, SECRETARIAT, DRAFT_EDIT)
    response = page.reload()
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy

    # The rich-text editor: type, format, save through htmx.
    title = "Temadrøftelse rekruttering"
    card = item_card(page, title)
    editor = open_item_editor(card)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Ny baggrund skrevet under CSP.")
    page.keyboard.press("Enter")
    card.get_by_role("toolbar", name="Formatering af Baggrund").get_by_role(
        "button", name="Punktopstilling"
    ).click()
    page.keyboard.type("Et punkt")
    save(card)
    expect(card.get_by_role("status")).to_have_text("Gemt.")

    # Reorder: by the buttons (htmx) and by dragging (SortableJS).
    expect(page.get_by_role("heading", name=f"3.3. {title}")).to_be_visible()
    page.get_by_role("button", name=f"Flyt punktet {title} op").click()
    expect(page.get_by_role("heading", name=f"3.2. {title}")).to_be_focused()
    for number in ("3.3.", "4.1."):
        page.get_by_role("button", name=f"Flyt punktet {title} ned").click()
        expect(page.get_by_role("heading", name=f"{number} {title}")).to_be_focused()
    card = item_card(page, title)
    card.get_by_text("Redigér tekst og oplysninger").click()  # folded, the card drags within the screen
    expect(card.get_by_role("textbox", name="Baggrund")).to_be_hidden()
    card.locator(".drag-handle").drag_to(page.get_by_role("list", name="Punkter under 5."))
    expect(page.get_by_role("heading", name=f"5.1. {title}")).to_be_visible()

    # Readers' page of the draft, with the saved text.
    page.get_by_role("link", name="Se siden for læsere").click()
    expect(page.get_by_role("article", name=f"5.1. {title}")).to_contain_text(
        "Ny baggrund skrevet under CSP."
    )
    assert violations == []

    # The watch itself works: an inline style attribute is refused and reported.
    page.evaluate("""document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>')""")
    for _ in range(50):
        if violations:
            break
        page.wait_for_timeout(100)
    assert violations, "a refused inline style should have been reported"
