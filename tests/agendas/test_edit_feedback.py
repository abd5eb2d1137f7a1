"""What the edit page tells the secretariat when something is wrong or was just done: bad input kept
and shown at its field, an undo where the deleted item was, a warning before publishing with an
odd date. Each with htmx and as a plain form post (no JavaScript)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agendas.models import AgendaItem, AgendaVersion, Meeting
from kkr.lib.simplepdf import text_pdf
from kkr.models import AuditEntry
from tests.factories import item_data, make_attachment, make_audit_entry

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
EDIT = "/kkr-nordjylland/2021-04-23/rediger/"
PUBLISHED_EDIT = "/kkr-nordjylland/2021-02-05/rediger/"  # version 1 sent 29-01-2021
FORMAT = "SAG-ÅÅÅÅ-NNNNN"
BAD_CASE_NUMBER = "Sagsnummeret skal have formen SAG-ÅÅÅÅ-NNNNN, fx SAG-2021-00512."


def new_item_form(html, section):
    """The "Tilføj punkt" form of one section, as HTML."""
    match = re.search(rf'<details class="new-item"[^>]*id="nyt-punkt-{section.pk}".*?</details>', html, re.S)
    assert match, f"no new-item form for section {section.pk}"
    return match.group(0)


def test_the_case_number_format_is_shown_before_the_first_submit(secretary_client, demo):
    html = secretary_client.get(EDIT).content.decode()
    form = new_item_form(html, demo.sections.get(position=3))
    assert FORMAT in form
    assert FORMAT in secretary_client.get("/kkr-nordjylland/nyt-moede/").content.decode()


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_an_invalid_case_number_keeps_what_was_typed_and_says_so_at_the_field(secretary_client, demo, htmx):
    section = demo.sections.get(position=3)
    data = {"title": "Mit nye punkt", "case_number": "SAG-2021-512", "case_handler": "ABC"}
    response = secretary_client.post(
        f"{EDIT}hovedpunkt/{section.pk}/nyt-punkt/", data, headers=HTMX if htmx else {}
    )
    assert response.status_code == 422
    form = new_item_form(response.content.decode(), section)
    assert " open" in form.split(">", 1)[0]
    for value in data.values():
        assert f'value="{value}"' in form
    case_number = re.search(r"<input[^>]*name=\"case_number\"[^>]*>", form).group(0)
    assert 'aria-invalid="true"' in case_number
    assert "autofocus" in case_number  # the first invalid field gets the focus
    error_id = re.search(r'aria-describedby="([^"]*)"', case_number).group(1).split()
    assert any(f'id="{i}"' in form and BAD_CASE_NUMBER in form for i in error_id)
    if not htmx:
        assert "<html" in response.content.decode()  # the whole page, with the form's errors
    assert not AgendaItem.objects.filter(title="Mit nye punkt").exists()


def test_a_valid_new_item_without_javascript_lands_on_the_item(secretary_client, demo):
    section = demo.sections.get(position=3)
    data = {"title": "Mit nye punkt", "case_number": "SAG-2021-00512", "case_handler": "ABC"}
    response = secretary_client.post(f"{EDIT}hovedpunkt/{section.pk}/nyt-punkt/", data)
    item = AgendaItem.objects.get(title="Mit nye punkt")
    assert response["Location"] == f"{EDIT}#punkt-{item.pk}"


def section_items(html, section):
    match = re.search(rf'<ol class="edit-items" data-section-id="{section.pk}".*?</ol>', html, re.S)
    return match.group(0)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_the_undo_stands_where_the_deleted_item_was(secretary_client, demo, htmx):
    section = demo.sections.get(position=3)
    first, second, third = section.items.order_by("position")
    response = secretary_client.post(f"{EDIT}punkt/{second.pk}/slet/", headers=HTMX if htmx else {})
    entry = AuditEntry.objects.get(action="delete", item_id=second.pk)
    if not htmx:
        assert response.status_code == 302
        assert response["Location"] == f"{EDIT}?slettet={entry.pk}"
        response = secretary_client.get(response["Location"])
    html = section_items(response.content.decode(), section)
    # Between the items that were before and after it.
    assert html.index(first.title) < html.index(f"{second.title} slettet") < html.index(third.title)
    undo = re.search(r'<li[^>]*id="slettet-\d+".*?</li>', html, re.S).group(0)
    assert f"gendan/{entry.pk}/" in undo
    assert re.search(r"<button[^>]*autofocus[^>]*>Fortryd</button>", undo)
    assert not AgendaItem.objects.filter(pk=second.pk).exists()


def test_an_undo_link_for_a_restored_item_shows_nothing(secretary_client, demo):
    item = demo.sections.get(position=3).items.get(position=2)
    undo_url = secretary_client.post(f"{EDIT}punkt/{item.pk}/slet/")["Location"]
    entry_id = undo_url.rpartition("=")[2]
    assert "Fortryd" in secretary_client.get(undo_url).content.decode()
    secretary_client.post(f"{EDIT}gendan/{entry_id}/")
    assert "Fortryd" not in secretary_client.get(undo_url).content.decode()
    response = secretary_client.post(f"{EDIT}gendan/{entry_id}/", follow=True)
    assert "Punktet er allerede gendannet." in response.content.decode()


def test_an_undo_link_for_something_else_shows_nothing(secretary_client, demo):
    other = make_audit_entry(
        meeting=Meeting.objects.get(date="2021-02-05"), action="delete", summary="Fremmed"
    )
    for value in (other.pk, "x", 999999):
        response = secretary_client.get(f"{EDIT}?slettet={value}")
        assert response.status_code == 200
        assert "Fortryd" not in response.content.decode()


def publish(client, data, htmx, path=PUBLISHED_EDIT):
    return client.post(f"{path}offentliggoer/", data, headers=HTMX if htmx else {})


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
@pytest.mark.parametrize(
    ("sent_on", "warning"),
    [
        ("2021-02-06", "Datoen ligger efter mødet den 05-02-2021."),
        ("2021-01-28", "Datoen ligger før udsendelsen af version 1 den 29-01-2021."),
    ],
    ids=["after-meeting", "before-previous"],
)
def test_an_odd_sending_date_asks_for_confirmation_before_publishing(
    secretary_client, htmx, sent_on, warning
):
    data = {"sent_on": sent_on, "change_note": "Bilag tilføjet"}
    response = publish(secretary_client, data, htmx)
    html = response.content.decode()
    assert response.status_code == 422
    assert warning in html
    assert re.search(r'<input type="checkbox" name="confirm_date"', html)
    assert "Bilag tilføjet</textarea>" in html  # the note is kept
    assert AgendaVersion.objects.filter(meeting__date="2021-02-05").count() == 1

    response = publish(secretary_client, {**data, "confirm_date": "on"}, htmx)
    assert response.status_code == 200 if htmx else 302
    latest = AgendaVersion.objects.filter(meeting__date="2021-02-05").latest("number")
    assert (latest.number, str(latest.sent_on)) == (2, sent_on)


def test_an_ordinary_sending_date_needs_no_confirmation(secretary_client):
    response = publish(secretary_client, {"sent_on": "2021-02-01", "change_note": "Bilag tilføjet"}, False)
    assert response.status_code == 302
    assert AgendaVersion.objects.filter(meeting__date="2021-02-05").count() == 2


def test_the_publish_form_tells_the_browser_what_to_check(secretary_client):
    html = secretary_client.get(PUBLISHED_EDIT).content.decode()
    form = re.search(r"<form[^>]*data-publish[^>]*>", html).group(0)
    assert 'data-meeting-date="2021-02-05"' in form
    assert 'data-previous-sent-on="2021-01-29"' in form


def test_buttons_of_an_item_are_named_for_the_item(secretary_client, demo):
    html = secretary_client.get(EDIT).content.decode()
    assert 'aria-label="Slet punktet SOSU-dimmensionering"' in html
    assert 'aria-label="Historik for punktet SOSU-dimmensionering"' in html


def test_no_error_list_carries_a_role(secretary_client, demo):
    """An <ul> may not be an alert (axe: aria-allowed-role); the alert wraps the list."""
    section = demo.sections.get(position=3)
    pages = [
        secretary_client.post(
            f"{EDIT}hovedpunkt/{section.pk}/nyt-punkt/", {"title": "", "case_number": "x"}, headers=HTMX
        ),
        secretary_client.post(
            f"{EDIT}punkt/{section.items.first().pk}/bilag/",
            {"files": [SimpleUploadedFile("virus.pdf", b"MZ not a pdf", "application/pdf")]},
            headers=HTMX,
        ),
        secretary_client.post("/kkr-nordjylland/nyt-moede/", {"case_number": "x"}),
    ]
    for response in pages:
        html = response.content.decode()
        assert 'class="errorlist"' in html
        assert not re.search(r"<ul[^>]*role=", html)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_uploading_without_choosing_a_file_says_so(secretary_client, demo, htmx):
    item = AgendaItem.objects.filter(section__meeting=demo).first()
    response = secretary_client.post(
        f"{EDIT}punkt/{item.pk}/bilag/", {}, headers=HTMX if htmx else {}, follow=True
    )
    assert "Vælg en eller flere PDF-filer." in response.content.decode()
    assert not item.attachments.exists()


def item_card(html, item):
    """One item's card on the edit page (or the card htmx swaps in), as HTML."""
    match = re.search(rf'<article class="edit-card[^"]*" id="punkt-{item.pk}".*?</article>', html, re.S)
    assert match, f"no card for item {item.pk}"
    return match.group(0)


def save_item(client, item, data, htmx):
    return client.post(f"{EDIT}punkt/{item.pk}/", data, headers=HTMX if htmx else {})


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_an_invalid_item_save_keeps_the_text_and_says_so_at_the_field(secretary_client, demo, htmx):
    item = AgendaItem.objects.filter(section__meeting=demo).first()
    data = item_data(
        item, title="Min nye titel", case_number="SAG-2021-512", background="<p>Min nye baggrund</p>"
    )
    response = save_item(secretary_client, item, data, htmx)
    assert response.status_code == 422
    html = response.content.decode()
    card = item_card(html, item)
    assert re.search(r'<details class="edit-card__body"[^>]* open', card)
    assert 'value="Min nye titel"' in card
    assert 'value="SAG-2021-512"' in card
    assert "&lt;p&gt;Min nye baggrund&lt;/p&gt;</textarea>" in card  # the plain textarea keeps it
    case_number = re.search(r'<input[^>]*name="item-\d+-case_number"[^>]*>', card).group(0)
    assert 'aria-invalid="true"' in case_number
    assert "autofocus" in case_number
    error_ids = re.search(r'aria-describedby="([^"]*)"', case_number).group(1).split()
    assert any(re.search(rf'id="{i}"[^>]*>.*?{re.escape(BAD_CASE_NUMBER)}', card, re.S) for i in error_ids)
    if not htmx:
        assert "<html" in html
        assert html.count("autofocus") == 1  # no other item's form competes for the focus
    item.refresh_from_db()
    assert (item.title, item.case_number) != ("Min nye titel", "SAG-2021-512")


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_conflicting_item_save_shows_both_texts_and_keeps_mine(secretary_client, demo, htmx):
    item = AgendaItem.objects.filter(section__meeting=demo).first()
    stale = item_data(item, background="<p>Min version</p>")
    theirs = save_item(secretary_client, item, item_data(item, background="<p>Den anden version</p>"), htmx)
    assert theirs.status_code == (200 if htmx else 302)

    response = save_item(secretary_client, item, stale, htmx)
    assert response.status_code == 409
    html = response.content.decode()
    card = item_card(html, item)
    conflict = re.search(r'<div class="conflict".*?</table>', card, re.S).group(0)
    assert "Din tekst er ikke gået tabt" in conflict
    assert re.search(r"<td[^>]*><p>Min version</p></td>\s*<td[^>]*><p>Den anden version</p></td>", conflict)
    assert re.search(r'<details class="edit-card__body"[^>]* open', card)
    assert "&lt;p&gt;Min version&lt;/p&gt;</textarea>" in card  # mine, in the form
    item.refresh_from_db()
    assert item.background == "<p>Den anden version</p>"
    revision = re.search(r'<input[^>]*name="item-\d+-revision"[^>]*>', card).group(0)
    assert f'value="{item.revision}"' in revision  # saving again is based on their text
    if not htmx:
        assert "<html" in html
        assert re.search(r'<div class="conflict"[^>]*autofocus', card)  # the page opens at the conflict

    again = save_item(secretary_client, item, {**stale, f"item-{item.pk}-revision": item.revision}, htmx)
    assert again.status_code == (200 if htmx else 302)
    item.refresh_from_db()
    assert item.background == "<p>Min version</p>"


def attachments_part(html, item):
    match = re.search(rf'<div class="edit-attachments" id="bilag-{item.pk}">.*?</form>\s*</div>', html, re.S)
    assert match, f"no attachments for item {item.pk}"
    return match.group(0)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_refused_upload_is_named_at_the_item_s_upload_form(secretary_client, demo, htmx):
    item = AgendaItem.objects.filter(section__meeting=demo).first()
    files = [
        SimpleUploadedFile("Notat_om_SOSU.pdf", text_pdf("Notat", ["x"], pages=2), "application/pdf"),
        SimpleUploadedFile("virus.pdf", b"MZ not a pdf", "application/pdf"),
    ]
    response = secretary_client.post(
        f"{EDIT}punkt/{item.pk}/bilag/", {"files": files}, headers=HTMX if htmx else {}
    )
    assert response.status_code == 422
    html = response.content.decode()
    part = attachments_part(html, item)
    assert "virus.pdf: Filen er ikke en PDF-fil" in part
    assert "Notat om SOSU" in part  # the good file is kept
    assert re.search(r'<input type="file"[^>]*autofocus', part)
    if not htmx:
        assert "<html" in html
        assert html.count("virus.pdf") == 1  # at the item only, not also as a message
    assert list(item.attachments.values_list("title", flat=True)) == ["Notat om SOSU"]


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_refused_attachment_title_keeps_what_was_typed_and_says_so_at_the_field(
    secretary_client, demo, htmx
):
    item = AgendaItem.objects.filter(section__meeting=demo).first()
    attachment = make_attachment(item, "Budget")
    too_long = "Budget " + "x" * 300
    response = secretary_client.post(
        f"{EDIT}bilag/{attachment.pk}/", {"title": too_long, "is_closed": "on"}, headers=HTMX if htmx else {}
    )
    assert response.status_code == 422
    html = response.content.decode()
    part = attachments_part(html, item)
    title = re.search(rf'<input[^>]*id="bilag-titel-{attachment.pk}"[^>]*>', part).group(0)
    assert f'value="{too_long}"' in title
    assert 'aria-invalid="true"' in title
    assert "autofocus" in title
    error_id = re.search(r'aria-describedby="([^"]*)"', title).group(1)
    assert re.search(rf'id="{error_id}"[^>]*>.*?højst have 300 tegn', part, re.S)
    assert re.search(
        rf'<input type="checkbox" name="is_closed" id="bilag-lukket-{attachment.pk}" checked', part
    )
    if not htmx:
        assert "<html" in html
    attachment.refresh_from_db()
    assert (attachment.title, attachment.is_closed) == ("Budget", False)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_refused_meeting_facts_keep_what_was_typed_and_say_so_at_the_field(secretary_client, demo, htmx):
    data = {"date": "2021-04-30", "start_time": "10:00", "end_time": "15:30", "place": "", "kind": "ordinary"}
    response = secretary_client.post(f"{EDIT}moede/", data, headers=HTMX if htmx else {})
    assert response.status_code == 422
    html = response.content.decode()
    facts = re.search(r'<details class="panel"[^>]*>.*?</details>', html, re.S).group(0)
    assert " open" in facts.split(">", 1)[0]
    assert all(f'value="{data[name]}"' in facts for name in ("date", "start_time", "end_time"))
    # The page is still the meeting's as saved: its forms post to its address, not the typed date's.
    assert f'action="{EDIT}moede/"' in facts
    assert f"(23-04-2021, kl. {demo.start_time:%H.%M}, {demo.place})" in facts  # the summary line
    place = re.search(r'<input[^>]*name="place"[^>]*>', facts).group(0)
    assert 'aria-invalid="true"' in place
    assert "autofocus" in place
    assert "Dette felt er påkrævet." in facts
    demo.refresh_from_db()
    assert demo.place != ""
