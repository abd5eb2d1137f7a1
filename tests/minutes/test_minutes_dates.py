"""Each date in the header of the agenda and the minutes, on the page and on the PDF's cover, named for what
it is: when the agenda was sent, when a corrected agenda was sent, when the minutes were sent, when they
were approved."""

import datetime
import re
from html import unescape

import pytest
from django.core.management import call_command

from agendas.models import Meeting
from agendas.services import publish_agenda
from documents.services import render_pdf
from minutes.models import Minutes
from tests.factories import make_member
from tests.pdftext import read_pages

pytestmark = pytest.mark.django_db

# The demo's extraordinary meeting: agenda sent 11 January, minutes sent 21 January, approved 5 February.
JAN_15 = "2021-01-15"
MINUTES = f"/kkr-nordjylland/{JAN_15}/referat/"
AGENDA = f"/kkr-nordjylland/{JAN_15}/"


@pytest.fixture
def jan15():
    call_command("load_demo", stdout=None)
    return Meeting.objects.select_related("council").get(date=JAN_15)


def header_facts(client, url) -> list[tuple[str, str]]:
    """The (label, value) pairs of the page's agenda header."""
    html = client.get(url).content.decode()
    header = re.search(r'<header class="agenda-header">(.*?)</header>', html, re.S).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", header, re.S)
    return [
        (" ".join(unescape(dt).split()), " ".join(unescape(re.sub("<[^>]+>", "", dd)).split()))
        for dt, dd in pairs
    ]


def cover_lines(meeting, kind) -> list[str]:
    data, _pages = render_pdf(kind, meeting, "public")
    return read_pages(data)[0].lines()


def test_the_minutes_name_the_agendas_date_the_minutes_date_and_the_approval(client, jan15):
    facts = header_facts(client, MINUTES)
    assert ("Dagsorden udsendt", "11-01-2021") in facts
    assert ("Referat udsendt", "21-01-2021") in facts
    assert ("Godkendt", "på mødet den 05-02-2021") in facts
    assert "Udsendt" not in [label for label, _value in facts]

    cover = cover_lines(jan15, "minutes")
    assert "Dagsorden udsendt: 11-01-2021" in cover
    assert "Referat udsendt: 21-01-2021" in cover
    assert "Godkendt: på mødet den 05-02-2021" in cover


def test_a_corrected_agenda_names_both_sendings_and_the_minutes_their_own(client, jan15):
    # The correction went out on 13 January, while the minutes were still a draft: sent minutes lock
    # the agenda. The demo's minutes are set back to that moment, and forward again after it.
    minutes = Minutes.objects.filter(meeting=jan15)
    status = minutes.get().status
    minutes.update(status=Minutes.Status.DRAFT)
    publish_agenda(
        jan15,
        sent_on=datetime.date(2021, 1, 13),
        change_note="Nyt bilag til punkt 2.1.",
        notify=False,
        render=False,
    )
    minutes.update(status=status)
    for url in (AGENDA, MINUTES):
        facts = header_facts(client, url)
        assert ("Dagsorden udsendt", "11-01-2021") in facts, url
        assert ("Rettet dagsorden udsendt", "13-01-2021 (version 2)") in facts, url
        assert "Udsendt" not in [label for label, _value in facts], url
    assert ("Referat udsendt", "21-01-2021") in header_facts(client, MINUTES)

    for kind in ("agenda", "minutes"):
        cover = cover_lines(jan15, kind)
        assert "Dagsorden udsendt: 11-01-2021" in cover, kind
        assert "Rettet dagsorden udsendt: 13-01-2021 (version 2)" in cover, kind
        assert "Rettet dagsorden: Nyt bilag til punkt 2.1." in cover, kind
        assert ("Referat udsendt: 21-01-2021" in cover) == (kind == "minutes")


def test_minutes_sent_but_not_yet_approved_say_so(client, jan15):
    Minutes.objects.filter(meeting=jan15).update(status="sent", approved_on=None, approved_at=None)
    client.force_login(make_member(jan15.council))  # sent minutes are for the members
    facts = header_facts(client, MINUTES)
    assert ("Referat udsendt", "21-01-2021") in facts
    assert "Godkendt" not in [label for label, _value in facts]
    assert "Referatet er endnu ikke godkendt." in client.get(MINUTES).content.decode()
    cover = cover_lines(jan15, "minutes")
    assert "Referat udsendt: 21-01-2021" in cover
    assert "Referatet er endnu ikke godkendt." in cover
