"""What the minutes editor tells the secretariat when a save or the sending is refused: what was
typed is kept and the reason stands at the form, with htmx and as a plain form post (no JavaScript)."""

import re

import pytest

from agendas.models import AgendaItem
from minutes.models import Minutes

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
EDIT = "/kkr-nordjylland/2021-02-05/referat/rediger/"


def decision_card(html, item):
    match = re.search(rf'<article class="decision-card" id="beslutning-{item.pk}".*?</article>', html, re.S)
    assert match, f"no decision card for item {item.pk}"
    return match.group(0)


@pytest.mark.parametrize("htmx", [True, False], ids=["htmx", "no-js"])
def test_a_refused_decision_keeps_the_text_and_says_why_at_the_form(secretary, demo, htmx):
    # Approved meanwhile, in another window: the decision can no longer be changed.
    Minutes.objects.filter(meeting=demo).update(status=Minutes.Status.APPROVED)
    item = AgendaItem.objects.get(section__meeting=demo, section__position=3, position=2)
    data = {f"punkt-{item.pk}-text": "Min beslutning, skrevet før godkendelsen."}
    response = secretary.post(f"{EDIT}beslutning/{item.pk}/", data, headers=HTMX if htmx else {})
    assert response.status_code == 422
    html = response.content.decode()
    card = decision_card(html, item)
    textarea = re.search(r"<textarea[^>]*>[^<]*</textarea>", card).group(0)
    assert "Min beslutning, skrevet før godkendelsen.</textarea>" in textarea
    assert 'aria-invalid="true"' in textarea
    assert "autofocus" in textarea
    error_id = re.search(r'aria-describedby="[^"]*?(\S+_error)', textarea).group(1)
    assert re.search(rf'id="{error_id}"[^>]*>Referatet er godkendt og kan ikke længere ændres.', card)
    if not htmx:
        assert "<html" in html
        assert html.count("autofocus") == 1
    assert "Min beslutning" not in secretary.get("/kkr-nordjylland/2021-02-05/referat/").content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"sent_on": "2021-02-31"}, "Indtast en gyldig dato."),
        ({"sent_on": "2021-02-12"}, "Disse punkter mangler en beslutning: 3.2."),
    ],
    ids=["bad-date", "missing-decision"],
)
def test_refused_sending_keeps_the_date_and_says_why_at_the_form(secretary, demo, data, error):
    item = AgendaItem.objects.get(section__meeting=demo, section__position=3, position=2)
    cleared = secretary.post(f"{EDIT}beslutning/{item.pk}/", {f"punkt-{item.pk}-text": ""}, headers=HTMX)
    assert cleared.status_code == 200
    response = secretary.post(f"{EDIT}udsend/", data)
    assert response.status_code == 422
    html = response.content.decode()
    form = re.search(r'<form[^>]*action="[^"]*/udsend/".*?</form>', html, re.S).group(0)
    assert f'value="{data["sent_on"]}"' in form
    assert error in form
    sent_on = re.search(r'<input[^>]*name="sent_on"[^>]*>', form).group(0)
    assert "autofocus" in sent_on
    assert "<html" in html
    assert Minutes.objects.get(meeting=demo).status == Minutes.Status.DRAFT
