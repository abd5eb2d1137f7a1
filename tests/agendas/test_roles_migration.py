"""Migrating to roles gives existing sections, items and published versions their roles by the titles
the code used to look for, and a meeting each section role once."""

import datetime

import pytest

from agendas.content import AgendaContent
from agendas.models import AgendaVersion
from tests.migrations import migrate_back, migrate_forward

BEFORE = ("agendas", "0010_meeting_revision")


def entry(item):
    """The item as a version published before roles has it."""
    texts = dict.fromkeys(["case_number", "case_handler", "background", "recommendation", "presentation"], "")
    fields = {"pk": item.pk, "position": item.position, "title": item.title, "is_closed": False}
    return {**texts, **fields, "attachments": []}


@pytest.mark.django_db(transaction=True)
def test_existing_rows_and_versions_get_their_roles_by_title():
    apps = migrate_back(BEFORE)
    council = apps.get_model("kkr", "Council").objects.create(name="KKR Test", slug="kkr-test")
    meeting = apps.get_model("agendas", "Meeting").objects.create(
        council=council, date=datetime.date(2021, 2, 5), start_time=datetime.time(8), place="Aalborg"
    )
    AgendaSection = apps.get_model("agendas", "AgendaSection")
    titles = ["Godkendelse af referat", "Sager", "Udpegninger", "udpegninger ", "Punkter til næste møde"]
    sections = [
        AgendaSection.objects.create(meeting=meeting, position=n, title=title)
        for n, title in enumerate(titles, start=1)
    ]
    AgendaItem = apps.get_model("agendas", "AgendaItem")
    approval, agenda = (
        AgendaItem.objects.create(section=sections[0], position=n, title=title, case_number="SAG-2021-00512")
        for n, title in enumerate(["Godkendelse af referat", "Godkendelse af dagsorden"], start=1)
    )
    facts = {"date": "2021-02-05", "start_time": "08:00:00", "end_time": None, "place": "", "kind": ""}
    snapshot = {
        "facts": facts,
        "sections": [
            {"position": 1, "title": "Godkendelse af referat", "items": [entry(approval), entry(agenda)]},
            {"position": 2, "title": "Udpegninger", "items": []},
        ],
    }
    version = apps.get_model("agendas", "AgendaVersion").objects.create(
        meeting=meeting, number=1, sent_on=datetime.date(2021, 1, 29), content=snapshot
    )

    apps = migrate_forward()
    roles = dict(apps.get_model("agendas", "AgendaSection").objects.values_list("position", "role"))
    assert roles == {1: "minutes_approval", 2: "", 3: "appointments", 4: "", 5: "next_meeting"}
    items = dict(apps.get_model("agendas", "AgendaItem").objects.values_list("title", "role"))
    assert items == {"Godkendelse af referat": "minutes_approval", "Godkendelse af dagsorden": ""}
    content = AgendaContent.from_version(AgendaVersion.objects.get(pk=version.pk))
    assert [s.role for s in content.sections] == ["minutes_approval", "appointments"]
    assert [i.role for _s, i in content.items()] == ["minutes_approval", ""]
