"""Migrating minutes to versions and item ids keeps every decision and absence on its item, and gives
existing minutes their meeting's published version."""

import datetime

import pytest

from tests.migrations import migrate_back, migrate_forward

BEFORE = ("minutes", "0002_attendance_decisions")
AGENDAS = ("agendas", "0014_one_audit_trail")  # its versions as they were then, without a listing


@pytest.mark.django_db(transaction=True)
def test_existing_decisions_and_absences_keep_their_items():
    apps = migrate_back(BEFORE, AGENDAS)
    council = apps.get_model("kkr", "Council").objects.create(name="KKR Test", slug="kkr-test")
    person = apps.get_model("kkr", "Person").objects.create(name="Arne Boelt")
    meeting = apps.get_model("agendas", "Meeting").objects.create(
        council=council, date=datetime.date(2021, 1, 15), start_time=datetime.time(8), place="Aalborg"
    )
    section = apps.get_model("agendas", "AgendaSection").objects.create(
        meeting=meeting, position=1, title="Sager"
    )
    AgendaItem = apps.get_model("agendas", "AgendaItem")
    first, second = (
        AgendaItem.objects.create(
            section=section, position=n, title=f"Punkt {n}", case_number="SAG-2021-00512"
        )
        for n in (1, 2)
    )
    version = apps.get_model("agendas", "AgendaVersion").objects.create(
        meeting=meeting, number=1, sent_on=datetime.date(2021, 1, 11), content={"facts": {}, "sections": []}
    )
    meeting.published_version = version
    meeting.save()
    minutes = apps.get_model("minutes", "Minutes").objects.create(meeting=meeting, status="published")
    minutes.decisions.create(item=first, text="Godkendt.")
    minutes.decisions.create(item=second, text="Drøftet.")
    minutes.item_absences.create(item=second, person=person, reason="left")

    apps = migrate_forward()
    Minutes = apps.get_model("minutes", "Minutes")
    minutes = Minutes.objects.get(pk=minutes.pk)
    assert minutes.version_id == version.pk
    assert dict(minutes.decisions.values_list("item_id", "text")) == {
        first.pk: "Godkendt.",
        second.pk: "Drøftet.",
    }
    assert list(minutes.item_absences.values_list("item_id", "person_id")) == [(second.pk, person.pk)]
    # Nothing done to the working agenda touches them now.
    apps.get_model("agendas", "AgendaItem").objects.filter(pk__in=[first.pk, second.pk]).delete()
    assert minutes.decisions.count() == 2 and minutes.item_absences.count() == 1
