"""The search index is written once per entry, rebuilt in batches, and its queries reach their indexes
on PostgreSQL even before the planner has statistics."""

import datetime
import io

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.management import call_command
from django.db import connection

from agendas.models import SearchEntry
from agendas.search import reindex_all
from agendas.services import publish_agenda
from tests.factories import make_council, make_item, make_meeting, make_section

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(not POSTGRESQL, reason="PostgreSQL's own statistics and plans")


def published_meeting(council, day, titles):
    meeting = make_meeting(council=council, date=datetime.date(2022, 1, 1) + datetime.timedelta(days=day))
    section = make_section(meeting=meeting)
    for title in titles:
        make_item(section=section, title=title)
    publish_agenda(meeting, notify=False, render=False, change_note="")
    return meeting


def table_writes():
    """Rows inserted and updated in the search index by this transaction (a test runs in one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname = %s",
            [SearchEntry._meta.db_table],
        )
        return cursor.fetchone() or (0, 0)


@needs_postgresql
def test_publishing_writes_each_entry_once():
    council = make_council()
    inserted, updated = table_writes()
    published_meeting(council, 0, ["Vandplan for Limfjorden", "Kystsikring ved Løkken"])
    inserted_after, updated_after = table_writes()
    # two items, each for the public and for the members: four rows, written once, never updated
    assert (inserted_after - inserted, updated_after - updated) == (4, 0)
    query = SearchQuery("Limfjorden", config="danish")
    matching = SearchEntry.objects.filter(search_vector=query, audience="public")
    assert [entry.title for entry in matching] == ["Vandplan for Limfjorden"]


def test_reindex_works_through_the_meetings_in_batches():
    council = make_council()
    meetings = [published_meeting(council, day, [f"Punkt om Skagen {day}"]) for day in range(5)]
    before = sorted(SearchEntry.objects.values_list("meeting_id", "audience", "title"))
    out = io.StringIO()
    call_command("reindex_search", batch_size=2, stdout=out)
    # five meetings in batches of two: three batches, each committed on its own
    assert out.getvalue().count("møder indekseret") == 3, out.getvalue()
    assert sorted(SearchEntry.objects.values_list("meeting_id", "audience", "title")) == before
    assert len({entry.version_id for entry in SearchEntry.objects.all()}) == len(meetings)


def test_reindex_drops_the_entries_of_a_meeting_that_is_no_longer_published():
    council = make_council()
    kept, withdrawn = (published_meeting(council, day, ["Punkt om Hirtshals"]) for day in range(2))
    withdrawn.published_version = None
    withdrawn.save(update_fields=["published_version"])
    assert reindex_all(batch_size=1) == 2  # the kept meeting's item, for the public and the members
    assert set(SearchEntry.objects.values_list("meeting_id", flat=True)) == {kept.pk}
