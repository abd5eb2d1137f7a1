"""A decision's list looks like the agenda's lists, on the page and in the PDF: en-dashes, set off from
the text."""

import re

import pytest

from documents.services import render_pdf
from minutes import services
from tests.factories import make_item, make_secretary, publish
from tests.pdftext import MM, read_pages

pytestmark = pytest.mark.django_db

RECOMMENDATION = (
    "<p>Det indstilles, at KKR:</p><ul><li>anbefaler planen</li><li>tager den til efterretning</li></ul>"
)
DECISION = "KKR:\n– drøfter planen\n– godkender indstillingen"


def _item_with_a_listed_decision():
    item = make_item(recommendation=RECOMMENDATION)
    publish(item.section.meeting)
    services.save_decision(services.minutes_for(item.section.meeting), item, DECISION)
    return item


def _dash_gaps(page, first_words):
    """For each list line starting with one of first_words: (the dash's left, the gap from dash to text)."""
    out = {}
    for word in page.words:
        if word.text in first_words:
            dash = next(
                w for w in page.words if w.text == "–" and abs(w.y0 - word.y0) < 2 and w.x1 <= word.x0
            )
            out[word.text] = (dash.x0, word.x0 - dash.x1)
    return out


def test_a_decisions_list_in_the_minutes_pdf_is_set_like_the_agendas_lists():
    item = _item_with_a_listed_decision()
    data, _pages = render_pdf("minutes", item.section.meeting, "members")
    page = next(page for page in read_pages(data) if "drøfter" in page.text)
    assert "–drøfter" not in page.text and "–godkender" not in page.text
    agenda = _dash_gaps(page, {"anbefaler", "tager"})
    decision = _dash_gaps(page, {"drøfter", "godkender"})
    for _dash_left, gap in [*agenda.values(), *decision.values()]:
        assert gap >= 1 * MM
        assert gap == pytest.approx(agenda["anbefaler"][1], abs=0.3)
    # The decision's list is indented as the agenda's is, from the decision's rule.
    assert decision["drøfter"][0] > agenda["anbefaler"][0]


def test_a_decisions_list_on_the_minutes_page_is_marked_up_like_the_agendas_lists(client):
    item = _item_with_a_listed_decision()
    meeting = item.section.meeting
    client.force_login(make_secretary(meeting.council))
    html = client.get(f"/{meeting.council.slug}/{meeting.date}/referat/").content.decode()
    # The recommendation's list and the decision's list get the same list style (site.css: .richtext ul).
    lists = re.findall(r'<div class="([^"]*)">\s*(?:<h4>[^<]*</h4>\s*)?(?:<p>[^<]*</p>)?<ul>', html)
    assert lists and all("richtext" in classes.split() for classes in lists), lists
    assert "<li>drøfter planen</li>" in html
