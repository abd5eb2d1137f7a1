"""How 'Nyt siden sidst' and the secretariat's history show a changed text: paragraph and list breaks
kept (no "KKR Nordjylland:Tager …" run together), and fields named as the edit form names them."""

import pytest
from django.core.management import call_command

from agendas.models import AgendaItem, Meeting
from agendas.services import publish_agenda, update_item

pytestmark = pytest.mark.django_db

MEETING = "/kkr-nordjylland/2021-02-05/"
RECOMMENDATION = (
    "<p>Det indstilles, at KKR Nordjylland:</p>"
    "<ul><li>Drøfter udkastet</li><li>Anbefaler, at masterplanen godkendes i kommunerne.</li></ul>"
)


@pytest.fixture
def item():
    call_command("load_demo", stdout=None)
    return AgendaItem.objects.get(section__meeting__date="2021-02-05", section__position=3, position=2)


def change(item):
    data = {
        "title": "Limfjordsrådet - Masterplan for fjorden",
        "recommendation": RECOMMENDATION,
        "case_handler": "hlth",
        "is_closed": True,
    }
    update_item(item, data, revision=item.revision)
    meeting = Meeting.objects.get(date="2021-02-05")
    publish_agenda(meeting, change_note="3.2 rettet", notify=False, render=False)


def test_news_keeps_paragraph_and_list_breaks(client, item):
    assert client.login(username="medlem", password="demo-medlem")
    client.get(MEETING)
    change(item)
    html = client.get(MEETING).content.decode()
    news = html[html.index('class="notice news"') : html.index("</section>", html.index("news__list"))]
    assert "Nordjylland:<br>" in news and "Nordjylland:Tager" not in news
    assert "<br>– <del>Tager orientering om Limfjordsrådets arbejde til efterretning</del>" in news
    assert "<strong>Indstilling:</strong>" in news and "<strong>Titel:</strong>" in news


@pytest.mark.parametrize("htmx", [False, True])
def test_the_history_names_fields_as_the_form_and_keeps_breaks(client, item, htmx):
    change(item)
    assert client.login(username="sekretariat", password="demo-sekretariat")
    headers = {"HX-Request": "true"} if htmx else {}
    html = client.get(f"{MEETING}rediger/punkt/{item.pk}/historik/", headers=headers).content.decode()
    for label in ("Titel", "Indstilling", "Sagsbehandler (initialer)", "Lukket punkt"):
        assert f"<li>{label}: <del>" in html, label
    for english in ("title:", "recommendation:", "case_handler:", "is_closed:"):
        assert english not in html
    assert "KKR Nordjylland:<br>– Tager orientering" in html
    assert "Nordjylland:Tager" not in html
    assert "<del>nej</del> → <ins>ja</ins>" in html  # closed: no → yes
