"""Migrating to listings gives every published version the listing publishing now writes with it."""

import datetime

import pytest

from agendas.content import AgendaContent
from agendas.models import AgendaVersion
from tests.migrations import migrate_back, migrate_forward

BEFORE = ("agendas", "0014_one_audit_trail")


def entry(pk, position, title, *, is_closed=False):
    """An item as a published version's content holds it."""
    texts = dict.fromkeys(["case_number", "case_handler", "background", "recommendation", "presentation"], "")
    texts["background"] = "<p>KODEORD-LUKKET</p>" if is_closed else ""
    fields = {"pk": pk, "position": position, "title": title, "is_closed": is_closed, "role": ""}
    return {**texts, **fields, "is_supplement": False, "attachments": []}


@pytest.mark.django_db(transaction=True)
def test_existing_versions_get_their_listing_from_their_content(client):
    apps = migrate_back(BEFORE)
    council = apps.get_model("kkr", "Council").objects.create(name="KKR Test", slug="kkr-test")
    meeting = apps.get_model("agendas", "Meeting").objects.create(
        council=council, date=datetime.date(2021, 2, 5), start_time=datetime.time(8), place="Aalborg"
    )
    facts = {
        "date": "2021-02-05",
        "start_time": "08:00:00",
        "end_time": None,
        "place": "Aalborg",
        "kind": "ordinary",
    }
    Version = apps.get_model("agendas", "AgendaVersion")
    versions = []
    for number, title in ((1, "Fortrolig sag"), (2, "Fortrolig sag, rettet")):
        sections = [
            {"position": 1, "title": "Sager", "role": "", "items": [entry(1, 1, "Åben sag")]},
            {"position": 2, "title": "Lukket", "role": "", "items": [entry(2, 1, title, is_closed=True)]},
        ]
        versions.append(
            Version.objects.create(
                meeting=meeting,
                number=number,
                sent_on=datetime.date(2021, 1, 29),
                content={"facts": facts, "sections": sections},
            )
        )
    meeting.published_version = versions[-1]
    meeting.save()

    migrate_forward()
    first, second = (AgendaVersion.objects.get(pk=v.pk) for v in versions)
    assert first.listing == {
        "facts": facts,
        "items": [
            {"number": "1.1.", "title": "Åben sag", "is_closed": False},
            {"number": "2.1.", "title": "Fortrolig sag", "is_closed": True},
        ],
    }
    assert second.listing["items"][1]["title"] == "Fortrolig sag, rettet"
    for version in (first, second):  # what publishing writes for a new version
        assert version.listing == AgendaContent.from_version(version).to_listing()
    body = client.get("/kkr-test/dagsordener.atom").content.decode()
    assert "2.1. Fortrolig sag, rettet (Lukket punkt)" in body
    assert "2.1. Fortrolig sag (Lukket punkt)" in body
    assert "KODEORD-LUKKET" not in body
