"""One truth for "published": a meeting is published when it has a published version, which only
agendas.services.publish_agenda makes; readers see that version and never the working copy."""

import datetime
import json

import pytest
from django.utils import timezone

from agendas.models import AgendaItem, AgendaSection, Meeting
from agendas.services import publish_agenda
from kkr.celery import app
from tests.factories import make_attachment, make_council, make_item, make_meeting, make_member, make_section
from tests.pdftext import read_pages

pytestmark = pytest.mark.django_db

RESULT = 'class="search-result__title"'


def urls(meeting, attachment_id=None):
    slug, date = meeting.council.slug, meeting.date.isoformat()
    return {
        "page": f"/{slug}/{date}/",
        "pdf": f"/{slug}/{date}/pdf/dagsorden/",
        "pack": f"/{slug}/{date}/pdf/samlet/",
        "api": f"/api/v1/moeder/{slug}/{date}/",
        "attachment": f"/{slug}/{date}/bilag/{attachment_id}/",
        "feed": f"/{slug}/dagsordener.atom",
        "calendar": f"/{slug}/moeder.ics",
        "council": f"/{slug}/",
        "list": f"/api/v1/moeder/?council={slug}",
    }


def admin_form(meeting, **changes):
    """The admin's change form of the meeting, as its page fills it, with changes."""
    sections = list(meeting.sections.all())
    data = {
        "council": meeting.council_id,
        "date": meeting.date.isoformat(),
        "start_time": "08:30",
        "place": meeting.place,
        "kind": meeting.kind,
        "sections-TOTAL_FORMS": len(sections),
        "sections-INITIAL_FORMS": len(sections),
        "sections-MIN_NUM_FORMS": 0,
        "sections-MAX_NUM_FORMS": 1000,
    }
    for n, section in enumerate(sections):
        data |= {
            f"sections-{n}-id": section.pk,
            f"sections-{n}-meeting": meeting.pk,
            f"sections-{n}-position": section.position,
            f"sections-{n}-title": section.title,
        }
    return data | changes


def test_a_draft_cannot_be_published_through_the_admin(client, admin_client):
    meeting = Meeting.objects.create(
        council=make_council(),
        date=datetime.date(2021, 2, 5),
        start_time=datetime.time(8, 30),
        place="Aalborg",
    )
    item = make_item(section=make_section(meeting=meeting), recommendation="<p>KLADDETEKST</p>")

    response = admin_client.post(
        f"/admin/agendas/meeting/{meeting.pk}/change/", admin_form(meeting, status="published")
    )
    assert response.status_code == 403
    assert not Meeting.objects.get(pk=meeting.pk).is_published
    assert client.get(urls(meeting)["page"]).status_code == 404
    assert "KLADDETEKST" not in client.get(urls(meeting)["council"]).content.decode()
    assert AgendaItem.objects.get(pk=item.pk).recommendation == "<p>KLADDETEKST</p>"


def test_the_admin_shows_agenda_content_but_cannot_change_it(admin_client):
    meeting = make_meeting()
    item = make_item(section=make_section(meeting=meeting), title="Masterplan")
    publish_agenda(meeting, notify=False, render=False)
    section = item.section
    for model, obj in ((Meeting, meeting), (AgendaSection, section), (AgendaItem, item)):
        name = model._meta.model_name
        assert admin_client.get(f"/admin/agendas/{name}/{obj.pk}/change/").status_code == 200
        assert admin_client.get(f"/admin/agendas/{name}/add/").status_code == 403
        assert (
            admin_client.post(f"/admin/agendas/{name}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
        )
    response = admin_client.post(
        f"/admin/agendas/agendaitem/{item.pk}/change/",
        {
            "section": section.pk,
            "position": 1,
            "title": "Rettet i admin",
            "case_number": item.case_number,
            "case_handler": item.case_handler,
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
            "attachments-MIN_NUM_FORMS": 0,
            "attachments-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 403
    assert AgendaItem.objects.get(pk=item.pk).title == "Masterplan"
    assert Meeting.objects.filter(pk=meeting.pk).exists()


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_readers_of_a_meeting_never_published_get_404(client, role):
    meeting = make_meeting()  # not published through the service: a draft
    item = make_item(section=make_section(meeting=meeting), title="Kladdepunkt")
    attachment = make_attachment(item, "Kladdebilag")
    if role == "member":
        client.force_login(make_member(meeting.council))
    addresses = urls(meeting, attachment.pk)
    for name in ("page", "pdf", "pack", "api", "attachment"):
        assert client.get(addresses[name]).status_code == 404, name
    for name in ("feed", "calendar", "council", "list"):
        response = client.get(addresses[name])
        assert response.status_code == 200, name
        assert "Kladdepunkt" not in response.content.decode(), name
        assert meeting.date.isoformat() not in response.content.decode(), name
    assert RESULT not in client.get("/soeg/", {"q": "Kladdepunkt"}).content.decode()


def reader_pdf_text(client, url, capture):
    with capture(execute=True):  # the job renders after commit, here and now (eager tasks)
        client.get(url)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    return " ".join(page.text for page in read_pages(b"".join(response.streaming_content)))


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_readers_see_the_published_version_never_the_working_copy(
    client, role, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setitem(app.conf, "task_always_eager", True)  # whatever broker is configured
    coming = timezone.localdate() + datetime.timedelta(days=30)  # in the calendar's window
    meeting = make_meeting(date=coming, place="Aalborg Rådhus", start_time=datetime.time(8, 30))
    item = make_item(
        section=make_section(meeting=meeting, title="Regionalpolitiske sager"),
        title="Masterplan for Limfjorden",
        recommendation="<p>Offentliggjort indstilling.</p>",
    )
    publish_agenda(meeting, notify=False, render=False)
    # The secretariat works on: the working copy now differs in everything readers see.
    Meeting.objects.filter(pk=meeting.pk).update(place="Hjørring Rådhus", start_time=datetime.time(10, 15))
    AgendaSection.objects.filter(pk=item.section_id).update(title="Omdøbt hovedpunkt")
    AgendaItem.objects.filter(pk=item.pk).update(title="Kladdetitel", recommendation="<p>Kladdetekst.</p>")
    make_item(section=item.section, title="Kladdepunkt")
    if role == "member":
        client.force_login(make_member(meeting.council))
    addresses = urls(meeting)
    draft_words = ["Kladdetitel", "Kladdetekst", "Kladdepunkt", "Omdøbt", "Hjørring", "10.15", "10:15"]

    def shows_the_version(text, name):
        assert "Masterplan for Limfjorden" in text, name
        for word in draft_words:
            assert word not in text, (name, word)

    page = client.get(addresses["page"]).content.decode()
    shows_the_version(page, "page")
    assert "Offentliggjort indstilling." in page
    assert "Aalborg Rådhus" in page
    for kind in ("pdf", "pack"):
        shows_the_version(reader_pdf_text(client, addresses[kind], django_capture_on_commit_callbacks), kind)
    shows_the_version(client.get(addresses["feed"]).content.decode(), "feed")
    calendar = client.get(addresses["calendar"]).content.decode().replace("\r\n ", "")
    shows_the_version(calendar, "calendar")
    assert "LOCATION:Aalborg Rådhus" in calendar
    detail = client.get(addresses["api"]).content.decode()
    shows_the_version(detail, "api")
    [listed] = json.loads(client.get(addresses["list"]).content)["meetings"]
    assert (listed["place"], listed["start"], listed["status"]) == ("Aalborg Rådhus", "08:30", "published")
    found = client.get("/soeg/", {"q": "Masterplan"}).content.decode()
    assert RESULT in found
    assert "Limfjorden" in found
    for word in ("Kladdetitel", "Kladdepunkt", "Kladdetekst"):
        assert RESULT not in client.get("/soeg/", {"q": word}).content.decode(), word
