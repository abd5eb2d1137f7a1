"""Every page of the portal as each kind of visitor meets it: what is public is open, drafts and closed
content are not, and nothing of the secretariat's is reachable by anyone else."""

import pytest
from django.core.management import call_command
from django.urls import get_resolver, reverse

from agendas.models import AgendaItem, Attachment, Meeting
from agendas.services import publish_agenda
from documents.models import RenderedDocument
from kkr.models import AuditEntry
from tests.factories import make_member, make_user
from tests.template_syntax import assert_no_template_syntax

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=None)
    # A corrected version, so the walk reaches the page of a version's changes too (5 February's
    # minutes are a draft, so its agenda can still be corrected).
    publish_agenda(Meeting.objects.get(date="2021-02-05"), change_note="Rettet", notify=False, render=False)


def reading_urls(audience):
    """(url, published) for every reading page of a published and of a draft meeting."""
    urls = [("/", True), ("/kkr-nordjylland/", True), ("/kkr-nordjylland/2021/", True)]
    urls += [("/log-ind/", True), ("/health/", True)]
    register = "/kkr-nordjylland/udpegninger/"
    urls += [(register + page, True) for page in ("", "organ/rar-nordjylland/", "udpegninger.csv")]
    for date, published in (("2021-01-15", True), ("2021-02-05", True), ("2021-04-23", False)):
        meeting = Meeting.objects.get(date=date)
        item = AgendaItem.objects.filter(section__meeting=meeting).first()
        attachment = Attachment.objects.filter(item__section__meeting=meeting, is_closed=False).first()
        document = RenderedDocument.objects.create(
            council=meeting.council,
            meeting=meeting,
            kind="agenda",
            audience=audience,
            content_hash=f"{meeting.pk:064d}",
            status="failed",
        )
        values = {
            "council_slug": "kkr-nordjylland",
            "date": meeting.date,
            "kind_slug": "dagsorden",
            "document_id": document.pk,
            "attachment_id": attachment.pk if attachment else 0,
            "item_id": item.pk,
            "number": meeting.versions.count(),
        }
        agendas = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "agendas")
        for pattern in agendas.url_patterns:
            names = set(pattern.pattern.converters)
            if pattern.callback.__module__ != "agendas.views" or "date" not in names:
                continue
            if "attachment_id" in names and not attachment or "number" in names and values["number"] < 2:
                continue
            url = reverse(f"agendas:{pattern.name}", kwargs={n: values[n] for n in names})
            urls.append((url, published))
        assert item is not None
    return urls


@pytest.mark.parametrize("role", ["anonymous", "member", "other user", "secretariat"])
def test_reading_pages_as_each_role(client, demo, role):
    if role == "member":
        client.force_login(make_member(Meeting.objects.first().council))
    elif role == "other user":
        client.force_login(make_user())
    elif role == "secretariat":
        assert client.login(username="sekretariat", password="demo-sekretariat")
    audience = "public" if role in ("anonymous", "other user") else "members"
    for url, published in reading_urls(audience):
        posts = url.endswith("forsoeg-igen/") or "/noter/" in url and not url.endswith("/noter/")
        response = (client.post if posts else client.get)(url)
        status = response.status_code
        if not getattr(response, "streaming", False):
            assert_no_template_syntax(url, response)
        if not published and (role != "secretariat" or "/noter/" in url):
            assert status == 404, (role, url, status)  # notes are taken on published items only
        elif "/noter/" in url and audience == "public":
            assert status == 403, (role, url, status)  # personal notes are for members
        elif url.endswith("forsoeg-igen/") and role != "secretariat":
            assert status == 403, (role, url, status)  # only the secretariat starts renders again
        else:
            assert status in (200, 286, 302), (role, url, status)


def test_admin_is_for_staff_only(client, demo):
    assert client.get("/admin/").status_code == 302
    client.force_login(make_member(Meeting.objects.first().council))
    assert client.get("/admin/").status_code == 302
    assert AuditEntry.objects.exists()  # load_demo's publishing left a history
