"""The rich-text editor for agenda texts and the unsaved-changes guard, in a real browser.

No Django server: the page is written with set_content() and the scripts are read from static/.
The page lives at a routed address (http://kkr.test/) so htmx can make real requests that the test
answers.
"""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

STATIC = Path(__file__).resolve().parents[2] / "static"
ORIGIN = "http://kkr.test"
SCRIPTS = [
    "vendor/htmx/htmx-2.0.10.min.js",
    "vendor/dompurify/purify-3.4.18.min.js",
    "vendor/squire-rte/squire-rte-2.4.8.min.js",
    "js/richtext.js",
    "js/dirty-guard.js",
]
STYLES = ["css/site.css", "css/editor.css"]
LEAVE_QUESTION = "Du har ændringer, der ikke er gemt. Vil du forlade dem?"

PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Rediger punkt</title>
</head>
<body>
<main id="main" class="wrap">
  <a href="/punkter/" id="before">Alle punkter</a>
  <section id="item">
    <form method="post" action="/gem/" hx-post="/gem/" hx-swap="none" data-dirty-guard>
      <label for="id_background">Baggrund</label>
      <textarea id="id_background" name="background" data-richtext required>{value}</textarea>
      <p data-dirty-indicator hidden>Ikke gemt</p>
      <button type="submit" class="button">Gem</button>
    </form>
  </section>
  <nav><a href="/punkt/2/" hx-get="/punkt/2/" hx-target="#item" id="next">Næste punkt</a></nav>
</main>
</body>
</html>"""

# What Word (Microsoft 365, Windows) puts on the clipboard as text/html, trimmed to one of each
# construct, plus the things an attacker could add.
WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
p.MsoListParagraphCxSpFirst {margin-left:36.0pt;} --></style>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->
</head>
<body lang=DA style='tab-interval:65.2pt;word-wrap:break-word'>
<!--StartFragment-->
<h1><a name="_Toc170"></a><span style='font-family:"Calibri Light",sans-serif;
color:#2F5496'>Baggrund for sagen</span></h1>
<p class=MsoNormal>KKR Nordjylland <b>behandlede</b> sagen <i>på sit
møde</i> i <span style='color:red;font-size:14.0pt'>januar</span>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span
style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]>Første punkt<o:p></o:p></p>
<p class=MsoListParagraphCxSpMiddle style='margin-left:72.0pt;mso-add-space:auto;
text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]>
<span style='font-family:"Courier New";mso-fareast-font-family:"Courier New"'><span
style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]>Underpunkt<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><b>Andet punkt</b><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]>
<span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Godkende planen<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]>
<span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Sende den videre<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l2 level1 lfo3'><![if !supportLists]>
<span style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;
</span></span><![endif]>Første mulighed<o:p></o:p></p>
<p class=MsoNormal>Se <a href="https://www.kl.dk/">KL</a> og <a href="javascript:window.__pwned=1">dette</a>.
<!--[if gte vml 1]><v:shape style='width:100pt;height:50pt'><v:imagedata
src="file:///C:/Users/x/clip_image001.png"/></v:shape><![endif]--><![if !vml]><img width=100 height=50
src="file:///C:/Users/x/clip_image002.png" onerror="window.__pwned=1"><![endif]></p>
<p class=MsoNormal onclick="window.__pwned=1"><span style='mso-spacerun:yes'>&nbsp;</span><font
face=Arial>Slutning</font><script>window.__pwned=1</script><o:p></o:p></p>
<!--EndFragment-->
</body>
</html>"""

WORD_CLEAN = (
    "<h5>Baggrund for sagen</h5>"
    "<p>KKR Nordjylland <strong>behandlede</strong> sagen <em>på sit møde</em> i januar.</p>"
    "<ul><li>Første punkt<ul><li>Underpunkt</li></ul></li><li><strong>Andet punkt</strong></li></ul>"
    "<ol><li>Godkende planen</li><li>Sende den videre</li></ol>"
    "<ol><li>Første mulighed</li></ol>"
    '<p>Se <a href="https://www.kl.dk/">KL</a> og dette.</p>'
    "<p>Slutning</p>"
)


def open_editor(page, value="", routes=None):
    """The test page with the editor's scripts and styles from static/. `routes` maps
    "METHOD /path" to the (status, body) answers for the requests htmx makes, in turn."""
    requests = []
    answers = {key: list(value) for key, value in (routes or {}).items()}

    def answer(route):
        request = route.request
        key = f"{request.method} {request.url.removeprefix(ORIGIN)}"
        requests.append(key)
        status, body = answers[key].pop(0) if answers.get(key) else (404, "Ikke fundet")
        route.fulfill(status=status, body=body, content_type="text/html; charset=utf-8")

    page.route(f"{ORIGIN}/**", answer)
    page.goto(f"{ORIGIN}/")
    requests.clear()
    page.set_content(PAGE.format(value=value))
    for style in STYLES:
        page.add_style_tag(path=STATIC / style)
    for script in SCRIPTS:
        page.add_script_tag(path=STATIC / script)
    return requests


def textarea_value(page, name="background"):
    return page.locator(f"textarea[name={name}]").input_value()


def paste(page, editor, data):
    """Paste as a browser does: a paste event whose DataTransfer holds the clipboard."""
    editor.click()
    editor.evaluate(
        """(area, data) => {
            const clipboard = new DataTransfer();
            for (const [type, value] of Object.entries(data)) clipboard.setData(type, value);
            const init = {clipboardData: clipboard, bubbles: true, cancelable: true};
            area.dispatchEvent(new ClipboardEvent("paste", init));
        }""",
        data,
    )


def is_dirty(form):
    return form.evaluate("form => form.classList.contains('is-dirty')")


def leaving_asks(page):
    return page.evaluate(
        """() => {
            const event = new Event("beforeunload", {cancelable: true});
            window.dispatchEvent(event);
            return event.defaultPrevented;
        }"""
    )


def test_typing_bold_and_a_bullet_list_give_clean_html(desktop):
    open_editor(desktop)
    textarea = desktop.locator("#id_background")
    assert textarea.is_hidden()
    textarea.evaluate("t => { window.inputs = 0; t.addEventListener('input', () => window.inputs++); }")

    # Named by the field's label, which also leads to it.
    editor = desktop.get_by_role("textbox", name="Baggrund")
    assert editor.get_attribute("aria-required") == "true"
    assert textarea.evaluate("t => t.required") is False  # a hidden required field would block the submit
    desktop.get_by_text("Baggrund", exact=True).click()
    assert editor.evaluate("e => e === document.activeElement")
    desktop.keyboard.type("Indledning ")
    desktop.keyboard.press("Control+B")
    desktop.keyboard.type("vigtigt")
    desktop.keyboard.press("Control+B")
    desktop.keyboard.press("Enter")
    bullets = desktop.get_by_role("button", name="Punktopstilling")
    bullets.click()
    desktop.keyboard.type("Første punkt")

    assert (
        textarea_value(desktop) == "<p>Indledning <strong>vigtigt</strong></p><ul><li>Første punkt</li></ul>"
    )
    assert bullets.get_attribute("aria-pressed") == "true"
    assert desktop.get_by_role("button", name="Fed").get_attribute("aria-pressed") == "false"
    assert desktop.evaluate("window.inputs") > 0
    # The bullets print as en-dashes.
    assert "–" in editor.locator("ul").evaluate("ul => getComputedStyle(ul).listStyleType")


def test_existing_text_loads_and_undo_redo_work(desktop):
    open_editor(
        desktop,
        value='<p>Tekst med <b>gammel</b> <a href="https://kl.dk/" rel="noopener noreferrer">link</a></p>',
    )
    editor = desktop.get_by_role("textbox", name="Baggrund")
    assert editor.inner_text().strip() == "Tekst med gammel link"

    editor.click()
    desktop.keyboard.press("Control+A")
    desktop.get_by_role("button", name="Kursiv").click()
    assert textarea_value(desktop) == (
        '<p><em>Tekst med </em><strong><em>gammel</em></strong> <a href="https://kl.dk/"><em>link</em></a></p>'
    )
    desktop.get_by_role("button", name="Fortryd").click()
    assert (
        textarea_value(desktop)
        == '<p>Tekst med <strong>gammel</strong> <a href="https://kl.dk/">link</a></p>'
    )
    desktop.get_by_role("button", name="Gentag").click()
    assert textarea_value(desktop).startswith("<p><em>")
    desktop.keyboard.press("Control+Z")
    assert textarea_value(desktop).startswith("<p>Tekst")
    desktop.keyboard.press("Control+Y")
    assert textarea_value(desktop).startswith("<p><em>")


def test_sub_heading_and_attachment_reference_toggle(desktop):
    open_editor(desktop)
    editor = desktop.get_by_role("textbox", name="Baggrund")
    heading = desktop.get_by_role("button", name="Underoverskrift")
    attachment = desktop.get_by_role("button", name="Bilagshenvisning")

    editor.click()
    desktop.keyboard.type("Økonomi")
    heading.click()
    assert textarea_value(desktop) == "<h5>Økonomi</h5>"
    assert heading.get_attribute("aria-pressed") == "true"
    assert editor.locator("h5").evaluate("h => getComputedStyle(h).fontStyle") == "italic"
    desktop.keyboard.press("End")
    desktop.keyboard.press("Enter")
    desktop.keyboard.type("Notat om budgettet")
    attachment.click()
    assert textarea_value(desktop) == '<h5>Økonomi</h5><p class="attachment-ref">Notat om budgettet</p>'
    assert attachment.get_attribute("aria-pressed") == "true"
    marker = editor.locator("p.attachment-ref").evaluate("p => getComputedStyle(p, '::before').content")
    assert "./." in marker

    attachment.click()
    assert textarea_value(desktop) == "<h5>Økonomi</h5><p>Notat om budgettet</p>"
    desktop.keyboard.press("ArrowUp")
    heading.click()
    assert textarea_value(desktop) == "<p>Økonomi</p><p>Notat om budgettet</p>"

    # In a list, the reference marks the item.
    desktop.keyboard.press("ArrowDown")
    desktop.get_by_role("button", name="Nummereret liste").click()
    attachment.click()
    assert (
        textarea_value(desktop) == '<p>Økonomi</p><ol><li class="attachment-ref">Notat om budgettet</li></ol>'
    )


def test_link_accepts_only_web_and_mail_addresses(desktop):
    open_editor(desktop, value="<p>Læs mere hos KL</p>")
    editor = desktop.get_by_role("textbox", name="Baggrund")
    answers = iter(["javascript:alert(1)", "www.kl.dk"])
    messages = []

    def on_dialog(dialog):
        messages.append((dialog.type, dialog.message))
        dialog.accept(next(answers) if dialog.type == "prompt" else None)

    desktop.on("dialog", on_dialog)
    editor.click()
    desktop.keyboard.press("End")
    desktop.keyboard.press("Shift+Control+ArrowLeft")  # select "KL"
    link = desktop.get_by_role("button", name="Link")
    link.click()
    assert messages[-1] == ("alert", "Et link skal begynde med https://, http:// eller mailto:.")
    assert textarea_value(desktop) == "<p>Læs mere hos KL</p>"  # untouched

    link.click()
    assert textarea_value(desktop) == '<p>Læs mere hos <a href="https://www.kl.dk">KL</a></p>'


def test_pasting_from_word_keeps_the_structure_and_nothing_else(desktop):
    open_editor(desktop)
    editor = desktop.get_by_role("textbox", name="Baggrund")
    paste(desktop, editor, {"text/html": WORD_HTML, "text/plain": "Baggrund for sagen ..."})
    desktop.wait_for_function("document.querySelector('#id_background').value !== ''")

    assert textarea_value(desktop) == WORD_CLEAN
    assert desktop.evaluate("window.__pwned") is None
    # The editor shows the same structure it saves.
    assert editor.locator("ul > li > ul > li").inner_text() == "Underpunkt"
    assert editor.locator("img, script, [style], [onclick]").count() == 0


def test_word_lists_convert_by_marker_and_level(desktop):
    open_editor(desktop)
    item = (
        "<p class=MsoListParagraph style='mso-list:{list} level{level} lfo1'>"
        "<![if !supportLists]><span style='mso-list:Ignore'>{marker}<span>&nbsp; </span></span><![endif]>"
        "{text}<o:p></o:p></p>"
    )
    html = "".join(
        item.format(list=lst, level=level, marker=marker, text=text)
        for lst, level, marker, text in [
            ("l0", 1, "1.", "Et"),
            ("l0", 2, "a)", "Et a"),
            ("l0", 2, "b)", "Et b"),
            ("l0", 3, "§", "Dybt"),
            ("l0", 1, "2.", "To"),
        ]
    )
    html += "<p class=MsoNormal>Mellem</p>"
    # Without the conditional comments (some clipboards drop them) the Ignore span is the marker.
    html += "<p style='mso-list:l1 level1 lfo2'><span style='mso-list:Ignore'>-&nbsp;</span>Streg</p>"
    clean = desktop.evaluate("html => kkrRichtext.clean(html)", html)
    assert clean == (
        "<ol><li>Et<ol><li>Et a</li><li>Et b<ul><li>Dybt</li></ul></li></ol></li><li>To</li></ol>"
        "<p>Mellem</p><ul><li>Streg</li></ul>"
    )


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            "<div>Linje</div><div><b>fed</b> og <i>kursiv</i></div>",
            "<p>Linje</p><p><strong>fed</strong> og <em>kursiv</em></p>",
        ),
        (
            '<p class="attachment-ref Bilag" style="color:red" id="x">Bilag</p>',
            '<p class="attachment-ref">Bilag</p>',
        ),
        ('<h5 class="attachment-ref">Titel</h5>', "<h5>Titel</h5>"),
        ("<p>Tekst</p><p><br></p><p>&nbsp;</p>", "<p>Tekst</p>"),
        ("Løs tekst<br>med linjeskift", "<p>Løs tekst<br>med linjeskift</p>"),
        (
            # Google Docs
            '<b style="font-weight:normal" id="docs-internal-guid-1">'
            '<span style="font-weight:700">Docs</span></b>',
            "<p><strong>Docs</strong></p>",
        ),
        ("<table><tr><td>Celle 1</td><td><p>Celle 2</p></td></tr></table>", "<p>Celle 1</p><p>Celle 2</p>"),
        ("<ul><li><p>Et</p><p>To</p></li></ul>", "<ul><li>Et<br>To</li></ul>"),
        (
            '<a href="/relativ">rel</a> <a href="mailto:kkr@kl.dk">mail</a>',
            '<p>rel <a href="mailto:kkr@kl.dk">mail</a></p>',
        ),
        (
            "<h2>Overskrift</h2><blockquote>Citat</blockquote><pre>kode</pre>",
            "<h5>Overskrift</h5><p>Citat</p><p>kode</p>",
        ),
        (
            '<p onmouseover="x()">a<img src=x onerror="window.__pwned=1"><svg><script>1</script></svg></p>',
            "<p>a</p>",
        ),
    ],
)
def test_cleaning_keeps_only_the_allow_list(desktop, dirty, clean):
    open_editor(desktop)
    assert desktop.evaluate("html => kkrRichtext.clean(html)", dirty) == clean
    assert desktop.evaluate("window.__pwned") is None


def test_pasting_plain_text_gives_paragraphs(desktop):
    open_editor(desktop)
    editor = desktop.get_by_role("textbox", name="Baggrund")
    paste(desktop, editor, {"text/plain": "Første afsnit\r\n\r\nAndet afsnit <b>ikke fed</b>\r\n"})
    desktop.wait_for_function("document.querySelector('#id_background').value !== ''")
    assert textarea_value(desktop) == "<p>Første afsnit</p><p>Andet afsnit &lt;b&gt;ikke fed&lt;/b&gt;</p>"


def test_dirty_guard_marks_unsaved_changes_until_saved(desktop):
    open_editor(desktop, value="<p>Gemt tekst</p>")
    form = desktop.locator("form[data-dirty-guard]")
    indicator = desktop.get_by_text("Ikke gemt")
    editor = desktop.get_by_role("textbox", name="Baggrund")
    assert indicator.is_hidden()

    # Only looking is not a change.
    editor.click()
    desktop.keyboard.press("Tab")
    assert not is_dirty(form)
    assert not leaving_asks(desktop)

    editor.click()
    desktop.keyboard.press("End")
    desktop.keyboard.type(" og en rettelse")
    assert indicator.is_visible()
    assert is_dirty(form)
    assert leaving_asks(desktop)

    # A failed save keeps the changes marked; a successful one clears them.
    fire_after_request = """(form, successful) => form.dispatchEvent(new CustomEvent("htmx:afterRequest",
        {bubbles: true, detail: {elt: form, successful, failed: !successful}}))"""
    form.evaluate(fire_after_request, False)
    assert indicator.is_visible()
    form.evaluate(fire_after_request, True)
    assert indicator.is_hidden()
    assert not is_dirty(form)
    assert not leaving_asks(desktop)


def test_dirty_guard_clears_on_a_normal_submit_but_waits_for_htmx(desktop):
    open_editor(desktop)
    desktop.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
            `<form id="plain" method="post" action="/gem/" data-dirty-guard>
               <label for="id_title">Titel</label> <input id="id_title" name="title">
               <label for="id_search">Søg</label> <input id="id_search" data-dirty-ignore>
             </form>`)"""
    )
    plain = desktop.locator("#plain")
    desktop.get_by_label("Søg").fill("budget")
    assert not is_dirty(plain)
    desktop.get_by_label("Titel").fill("Budget 2026")
    assert is_dirty(plain)
    submit = """form => {
        const event = new SubmitEvent("submit", {bubbles: true, cancelable: true});
        form.dispatchEvent(event);  // htmx would have called preventDefault() here
        return event.defaultPrevented;
    }"""
    assert plain.evaluate(submit) is False
    assert not is_dirty(plain)

    # The htmx form is only clean once its request has succeeded.
    htmx_form = desktop.locator("form[hx-post]")
    desktop.get_by_role("textbox", name="Baggrund").click()
    desktop.keyboard.type("Tekst")
    htmx_form.evaluate("form => form.addEventListener('submit', e => e.preventDefault())")
    assert htmx_form.evaluate(submit) is True
    assert is_dirty(htmx_form)


def test_dirty_guard_with_real_htmx_requests(desktop):
    requests = open_editor(
        desktop,
        value="<p>Gemt tekst</p>",
        routes={
            "POST /gem/": [(500, "Serverfejl"), (204, "")],
            "GET /punkt/2/": [(200, "<h2>Punkt 2</h2>")],
        },
    )
    indicator = desktop.get_by_text("Ikke gemt")
    editor = desktop.get_by_role("textbox", name="Baggrund")
    questions = []

    def on_dialog(dialog):
        questions.append(dialog.message)
        if len(questions) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    desktop.on("dialog", on_dialog)
    editor.click()
    desktop.keyboard.type("Ny indledning. ")
    assert indicator.is_visible()

    # Saving through htmx: the form's own request does not ask; an error keeps the mark, a 2xx
    # clears it.
    save = desktop.get_by_role("button", name="Gem")
    with desktop.expect_event("requestfinished"):
        save.click()
    desktop.wait_for_function("!document.querySelector('.htmx-request')")
    assert indicator.is_visible()
    with desktop.expect_event("requestfinished"):
        save.click()
    desktop.wait_for_function("!document.querySelector('form.is-dirty')")
    assert indicator.is_hidden()
    assert questions == []
    assert requests == ["POST /gem/", "POST /gem/"]

    # Another htmx request that would replace the dirty form asks first.
    editor.click()
    desktop.keyboard.type("Mere. ")
    next_item = desktop.get_by_role("link", name="Næste punkt")
    next_item.click()
    assert questions == [LEAVE_QUESTION]
    assert requests == ["POST /gem/", "POST /gem/"]  # stayed
    assert editor.is_visible()
    with desktop.expect_response(f"{ORIGIN}/punkt/2/"):
        next_item.click()
    assert questions == [LEAVE_QUESTION, LEAVE_QUESTION]
    desktop.get_by_role("heading", name="Punkt 2").wait_for()
    assert not leaving_asks(desktop)


def test_a_textarea_swapped_in_later_is_enhanced_once(desktop):
    open_editor(desktop)
    fragment = """<form data-dirty-guard id="later" hx-post="/gem/">
        <label for="id_proposal">Indstilling</label>
        <textarea id="id_proposal" name="proposal" data-richtext><p>Det <b>indstilles</b>,</p></textarea>
        <span data-dirty-indicator hidden>Ikke gemt</span>
    </form>"""
    desktop.evaluate(
        "html => htmx.swap('#main', html, {swapStyle: 'beforeend'})",
        fragment,
    )
    later = desktop.locator("#later")
    later.locator(".rte").wait_for()
    # Processed again by htmx, or loaded again: still one editor.
    later.evaluate(
        "form => { htmx.process(form); htmx.trigger(form, 'htmx:load'); kkrRichtext.enhance(document); }"
    )
    assert later.locator(".rte").count() == 1
    assert desktop.locator(".rte").count() == 2

    editor = desktop.get_by_role("textbox", name="Indstilling")
    assert editor.inner_text().strip() == "Det indstilles,"
    editor.click()
    desktop.keyboard.press("End")
    desktop.keyboard.type(" at planen godkendes.")
    assert (
        textarea_value(desktop, "proposal") == "<p>Det <strong>indstilles</strong>, at planen godkendes.</p>"
    )
    assert later.get_by_text("Ikke gemt").is_visible()


def test_toolbar_is_usable_with_the_keyboard(desktop):
    open_editor(desktop, value="<p>Indstilling</p>")
    desktop.locator("#before").focus()
    labels = []
    for _ in range(9):
        desktop.keyboard.press("Tab")
        labels.append(desktop.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert labels == [
        "Fed",
        "Kursiv",
        "Punktopstilling",
        "Nummereret liste",
        "Link",
        "Underoverskrift",
        "Bilagshenvisning",
        "Fortryd",
        "Gentag",
    ]
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.getAttribute('role')") == "textbox"

    # Select the text, go back to Fed and press Enter; then to Kursiv with the arrow key and Space.
    desktop.keyboard.press("Control+A")
    for _ in range(9):
        desktop.keyboard.press("Shift+Tab")
    fed = desktop.get_by_role("button", name="Fed")
    assert desktop.evaluate("document.activeElement.getAttribute('aria-label')") == "Fed"
    # The focus is visible.
    assert fed.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    desktop.keyboard.press("Enter")
    assert textarea_value(desktop) == "<p><strong>Indstilling</strong></p>"
    assert fed.get_attribute("aria-pressed") == "true"

    fed.focus()
    desktop.keyboard.press("ArrowRight")
    assert desktop.evaluate("document.activeElement.getAttribute('aria-label')") == "Kursiv"
    desktop.keyboard.press("Space")
    assert re.fullmatch(
        r"<p>(<strong><em>|<em><strong>)Indstilling(</em></strong>|</strong></em>)</p>",
        textarea_value(desktop),
    )


def test_editor_fits_a_phone_and_passes_axe(phone):
    from axe_playwright_python.sync_playwright import Axe

    open_editor(phone, value='<h5>Sagen</h5><p class="attachment-ref">Bilag</p><ul><li>Punkt</li></ul>')
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    toolbar = phone.get_by_role("toolbar", name="Formatering af Baggrund")
    buttons = toolbar.get_by_role("button")
    assert buttons.count() == 9
    # The toolbar wraps onto more rows instead of running off the screen.
    rows = {round(box["y"]) for box in (b.bounding_box() for b in buttons.all())}
    assert len(rows) > 1
    assert all(b.is_visible() for b in buttons.all())

    results = Axe().run(
        phone, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    )
    assert results.violations_count == 0, results.generate_report()


def test_a_form_sent_back_with_errors_stays_unsaved(desktop):
    item = """<section id="punkt-7">
        <form id="punkt-7-form" method="post" action="/punkt/7/gem/" data-dirty-guard
              hx-post="/punkt/7/gem/" hx-target="#punkt-7" hx-swap="outerHTML">
          {error}
          <label for="id_7-recommendation">Indstilling</label>
          <textarea id="id_7-recommendation" name="7-recommendation" data-richtext>{value}</textarea>
          <span data-dirty-indicator hidden>Ikke gemt</span>
          <button type="submit">Gem punktet</button>
        </form>
    </section>"""
    invalid = item.format(
        error='<p role="alert">Punktet er ændret af en anden.</p>', value="&lt;p&gt;Ny indstilling&lt;/p&gt;"
    )
    open_editor(desktop, routes={"POST /punkt/7/gem/": [(422, invalid)]})
    # As base.html configures htmx: a 422 carries the form with its errors and is swapped in.
    desktop.evaluate(
        """html => {
            const handling = htmx.config.responseHandling;
            htmx.config.responseHandling = [{code: "422", swap: true, error: false}, ...handling];
            htmx.swap("#main", html, {swapStyle: "beforeend"});
        }""",
        item.format(error="", value="&lt;p&gt;Gammel&lt;/p&gt;"),
    )
    desktop.locator("#punkt-7 .rte").wait_for()  # htmx runs onLoad once the swap has settled
    editor = desktop.get_by_role("textbox", name="Indstilling")
    editor.click()
    desktop.keyboard.press("Control+A")
    desktop.keyboard.type("Ny indstilling")
    with desktop.expect_event("requestfinished"):
        desktop.get_by_role("button", name="Gem punktet").click()
    desktop.get_by_role("alert").wait_for()
    desktop.locator("#punkt-7 .rte").wait_for()

    form = desktop.locator("#punkt-7 form")
    assert is_dirty(form)
    assert form.get_by_text("Ikke gemt").is_visible()
    assert desktop.get_by_role("textbox", name="Indstilling").inner_text().strip() == "Ny indstilling"
    assert leaving_asks(desktop)
