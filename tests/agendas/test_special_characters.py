"""A title or text with "&", "<" and ">" reads as typed wherever the portal shows it: on the pages, in
'Nyt siden sidst' and the history, in the PDF, the feeds, the API, search results and e-mails (escaped
exactly once where the format needs escaping, never twice)."""

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from agendas.models import AgendaItem, Meeting
from agendas.services import publish_agenda, update_item
from documents.services import render_pdf
from tests.factories import make_member

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"
TITLE = "Vand & kloak <2021> før/efter"
SHOWN_TITLE = "Vand &amp; kloak &lt;2021&gt; før/efter"  # in HTML: escaped once
BACKGROUND = "<p>Aalborg &amp; Rebild: 3 &lt; 4</p>"  # as the sanitiser stores rich text
TWICE = re.compile(r"&amp;(amp|lt|gt|quot|#\d+);")


@pytest.fixture
def item():
    call_command("load_demo", stdout=None)
    return AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=2)


def republish(item, **fields):
    data = {"title": TITLE, "background": BACKGROUND} | fields
    update_item(item, data, revision=item.revision)
    meeting = Meeting.objects.get(pk=item.section.meeting_id)
    return publish_agenda(meeting, change_note="Punkt 3.2: & og <rettet>", notify=False, render=False)


def page(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    text = response.content.decode()
    assert not TWICE.search(text), (url, TWICE.search(text).group())
    return text


def test_the_meeting_page_shows_the_title_and_text_as_typed(client, item):
    republish(item)
    text = page(client, MEETING)
    assert f"3.2. {SHOWN_TITLE}</h3>" in text
    assert client.login(username="medlem", password="demo-medlem")
    text = page(client, MEETING)
    assert f"3.2. {SHOWN_TITLE}</h3>" in text
    assert "Aalborg &amp; Rebild: 3 &lt; 4" in text


def test_news_since_last_visit_shows_the_title_and_text_as_typed(client, item):
    assert client.login(username="medlem", password="demo-medlem")
    client.get(MEETING)
    republish(item)
    text = page(client, MEETING)
    news = text[text.index('class="notice news"') : text.index("</section>", text.index("news__list"))]
    assert f'<a href="#punkt-3-2">3.2. {SHOWN_TITLE}</a>' in news
    assert "<ins>Vand &amp; kloak &lt;2021&gt; før/efter</ins>" in news
    assert "<ins>Aalborg &amp; Rebild: 3 &lt; 4</ins>" in news


def test_the_history_shows_the_title_and_text_as_typed(client, item):
    republish(item)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    for url in (f"{MEETING}rediger/historik/", f"{MEETING}rediger/punkt/{item.pk}/historik/"):
        text = page(client, url)
        assert SHOWN_TITLE in text
        assert "Aalborg &amp; Rebild: 3 &lt; 4" in text
    text = page(client, f"{MEETING}rediger/punkt/{item.pk}/historik/", headers={"HX-Request": "true"})
    assert SHOWN_TITLE in text


def test_mine_noter_shows_the_title_as_typed(client, item):
    republish(item)
    assert client.login(username="medlem", password="demo-medlem")
    client.post(f"{MEETING}noter/{item.pk}/", {"text": "Spørg om A & B <snart>"})
    text = page(client, "/mine-noter/")
    assert f"3.2. {SHOWN_TITLE}</a>" in text
    assert "Spørg om A &amp; B &lt;snart&gt;" in text


def test_the_pdf_shows_the_title_and_text_as_typed(item):
    assert shutil.which("pdftotext"), "install poppler-utils"
    version = republish(item)
    data, _pages = render_pdf("agenda", version.meeting, "public")
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    assert f"3.2. {TITLE}" in text
    assert "Aalborg & Rebild: 3 < 4" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_the_feeds_show_the_title_as_typed(client, item):
    republish(item)
    atom = ET.fromstring(client.get("/kkr-nordjylland/dagsordener.atom").content)
    summary = atom.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary").text
    assert f"<li>3.2. {SHOWN_TITLE}</li>" in summary  # HTML inside XML: one escaping each
    assert "Punkt 3.2: &amp; og &lt;rettet&gt;" in summary
    # The calendar holds the last twelve months and what is to come: the meeting moves into it.
    Meeting.objects.filter(pk=item.section.meeting_id).update(date=timezone.localdate())
    calendar = client.get("/kkr-nordjylland/moeder.ics").content.decode()
    assert TITLE in calendar.replace("\r\n ", "")


def test_the_api_gives_the_title_and_text_as_typed(client, item):
    republish(item)
    data = json.loads(client.get(f"/api/v1/moeder{MEETING}").content)
    entry = data["sections"][2]["items"][1]
    assert entry["title"] == TITLE
    assert entry["background"] == BACKGROUND
    assert data["version"]["change_note"] == "Punkt 3.2: & og <rettet>"


def test_search_results_show_the_title_and_text_as_typed(client, item):
    republish(item)
    text = page(client, "/soeg/?q=kloak")
    assert "Vand &amp; <mark>kloak</mark> &lt;2021&gt; før/efter" in text
    text = page(client, "/soeg/?q=Rebild")
    assert "Aalborg &amp; <mark>Rebild</mark>: 3 &lt; 4" in text


def test_the_e_mail_shows_the_change_note_and_council_as_typed(
    item, django_capture_on_commit_callbacks, eager_tasks
):
    council = item.section.meeting.council
    council.name = "KKR Nord & Vest"
    council.save()
    make_member(council, email="medlem@example.org")
    update_item(item, {"title": TITLE}, revision=item.revision)
    with django_capture_on_commit_callbacks(execute=True):
        publish_agenda(item.section.meeting, change_note="Punkt 3.2: & og <rettet>", render=False)
    message = mail.outbox[-1]
    assert message.subject == "Rettet dagsorden: KKR Nord & Vest 05-02-2021"
    assert "Rettelse: Punkt 3.2: & og <rettet>" in message.body
    assert "KKR Nord & Vests møde" in message.body
