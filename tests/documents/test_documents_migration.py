"""Moving rendered documents from agendas to the documents app keeps every stored document, now with
its council."""

import datetime

import pytest
from django.db import connection

from tests.migrations import back_at, migrate_forward


@pytest.mark.django_db(transaction=True)
def test_stored_documents_move_to_the_documents_app_with_their_council():
    with back_at(("documents", None), ("agendas", "0012_meeting_published_is_a_version")) as apps:
        check_the_move(apps)


def check_the_move(apps):
    council = apps.get_model("kkr", "Council").objects.create(name="KKR Test", slug="kkr-test")
    meeting = apps.get_model("agendas", "Meeting").objects.create(
        council=council, date=datetime.date(2021, 1, 15), start_time=datetime.time(8), place="Aalborg"
    )
    old = apps.get_model("agendas", "RenderedDocument").objects.create(
        meeting=meeting,
        kind="agenda",
        audience="public",
        content_hash="a" * 64,
        status="ready",
        file="documents/aa/" + "a" * 64 + ".pdf",
        page_count=22,
    )

    apps = migrate_forward()
    document = apps.get_model("documents", "RenderedDocument").objects.get(pk=old.pk)
    assert (document.council_id, document.meeting_id, document.kind) == (council.pk, meeting.pk, "agenda")
    assert (document.status, document.file.name, document.page_count) == ("ready", old.file.name, 22)
    assert "agendas_rendereddocument" not in connection.introspection.table_names()
