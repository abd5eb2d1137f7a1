"""Migrating to one audit trail brings every entry of the agenda's log and the register's log into
kkr.AuditEntry, in its area, with its time and user, and a restored deletion stays restored; going
back brings them back."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from agendas import services
from kkr.models import AuditEntry

BEFORE = ("kkr", "0004_register_history")


def migrate(target=None):
    """Back to the target (with whatever depends on it, as `manage.py migrate kkr 0004` goes), or every
    app to its latest migration; the models as they are then."""
    executor = MigrationExecutor(connection)
    executor.migrate([target] if target else executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    return executor.loader.project_state(list(executor.loader.applied_migrations)).apps


@pytest.fixture(autouse=True)
def latest_afterwards():
    """Every app at its latest migration again after each test, passed or failed."""
    yield
    migrate()


def at(hour):
    return timezone.make_aware(datetime.datetime(2021, 2, 5, hour))


def old_logs():
    """Both old logs filled: the register's first entry is the oldest, so no new id is the old one."""
    apps = migrate(BEFORE)
    council = apps.get_model("kkr", "Council").objects.create(name="KKR Test", slug="kkr-test")
    person = apps.get_model("kkr", "Person").objects.create(name="Lene Aalestrup", party="C")
    user = apps.get_model("auth", "User").objects.create(username="sekretaer")
    meeting = apps.get_model("agendas", "Meeting").objects.create(
        council=council, date=datetime.date(2021, 2, 5), start_time=datetime.time(8), place="Aalborg"
    )
    AgendaEntry = apps.get_model("agendas", "AuditEntry")
    RegisterEntry = apps.get_model("appointments", "AuditEntry")

    def entry(model, hour, **fields):
        entry = model.objects.create(user=user, **fields)
        model.objects.filter(pk=entry.pk).update(at=at(hour))  # `at` was auto_now_add
        return entry

    entry(RegisterEntry, 8, council=council, person=person, summary="Lene udpeget", changes={"membership": 7})
    entry(AgendaEntry, 9, meeting=meeting, item_id=31, action="create", summary="Punkt 3.1. A oprettet")
    snapshot = {"title": "B", "section_position": 3, "position": 2, "attachments": []}
    deletion = entry(
        AgendaEntry,
        10,
        meeting=meeting,
        item_id=32,
        action="delete",
        summary="Punkt 3.2. B slettet",
        snapshot=snapshot,
    )
    restored = {"restored_from": deletion.pk}
    entry(
        AgendaEntry,
        12,
        meeting=meeting,
        item_id=33,
        action="restore",
        summary="Punkt 3.2. B gendannet",
        changes=restored,
    )
    decision = {"decision": ["", "Godkendt."]}
    entry(
        AgendaEntry,
        13,
        meeting=meeting,
        item_id=31,
        action="update",
        summary="Beslutning for punkt 3.1. A",
        changes=decision,
    )
    entry(AgendaEntry, 14, meeting=meeting, action="update", summary="Fremmøde registreret i referatet")
    entry(RegisterEntry, 15, council=council, summary="Organet RAR Nordjylland oprettet")
    return council, person, user, meeting, deletion.pk


@pytest.mark.django_db(transaction=True)
def test_both_old_logs_arrive_in_the_one_trail():
    council, person, user, meeting, old_deletion = old_logs()

    migrate()
    entries = list(AuditEntry.objects.order_by("at"))
    assert [(e.area, e.action, e.summary, e.at) for e in entries] == [
        ("register", "update", "Lene udpeget", at(8)),
        ("agenda", "create", "Punkt 3.1. A oprettet", at(9)),
        ("agenda", "delete", "Punkt 3.2. B slettet", at(10)),
        ("agenda", "restore", "Punkt 3.2. B gendannet", at(12)),
        ("minutes", "update", "Beslutning for punkt 3.1. A", at(13)),
        ("minutes", "update", "Fremmøde registreret i referatet", at(14)),
        ("register", "update", "Organet RAR Nordjylland oprettet", at(15)),
    ]
    assert {(e.council_id, e.user_id) for e in entries} == {(council.pk, user.pk)}
    assert [e.meeting_id for e in entries] == [None, *[meeting.pk] * 5, None]
    assert [e.item_id for e in entries] == [None, 31, 32, 33, 31, None, None]
    assert (entries[0].person_id, entries[0].changes) == (person.pk, {"membership": 7})
    assert entries[4].changed_fields() == [("Beslutning", "–", "Godkendt.")]

    deletion, restore = entries[2], entries[3]
    assert deletion.snapshot["title"] == "B"
    assert restore.changes["restored_from"] == deletion.pk != old_deletion
    with pytest.raises(ValidationError, match="allerede gendannet"):
        services.restore_item(deletion)


@pytest.mark.django_db(transaction=True)
def test_going_back_brings_both_old_logs_back():
    old_logs()
    migrate()

    apps = migrate(BEFORE)
    AgendaEntry = apps.get_model("agendas", "AuditEntry")
    RegisterEntry = apps.get_model("appointments", "AuditEntry")
    assert [(e.summary, e.at) for e in RegisterEntry.objects.order_by("at")] == [
        ("Lene udpeget", at(8)),
        ("Organet RAR Nordjylland oprettet", at(15)),
    ]
    agenda = list(AgendaEntry.objects.order_by("at"))
    assert [(e.action, e.at) for e in agenda] == [
        ("create", at(9)),
        ("delete", at(10)),
        ("restore", at(12)),
        ("update", at(13)),
        ("update", at(14)),
    ]
    assert agenda[2].changes == {"restored_from": agenda[1].pk}
