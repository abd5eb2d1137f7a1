"""Without table statistics (right after an import or a restore) the search still finds its matches
through the GIN index and the edit page reads one meeting's items through their indexes; the commands
that load many rows at once gather statistics themselves."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from agendas.models import AgendaItem, AgendaSection, AgendaVersion, Meeting
from agendas.services import publish_agenda
from tests.factories import make_council, make_item, make_meeting, make_secretary, make_section

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(not POSTGRESQL, reason="PostgreSQL's planner and statistics")
TABLES = ["agendas_searchentry", "agendas_agendaitem", "agendas_agendasection", "agendas_meeting"]


def forget_statistics(tables=TABLES):
    """The state of freshly restored tables: never analyzed, no statistics (undone with the test's
    transaction)."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("DELETE FROM pg_statistic WHERE starelid = %s::regclass", [table])
            cursor.execute(
                "UPDATE pg_class SET reltuples = -1, relpages = 0 WHERE oid = %s::regclass", [table]
            )


class Plans:
    """The planner's plan of every query that reads `table` while the block runs, asked on the same
    connection right before the query itself runs, so with the same settings."""

    def __init__(self, table):
        self.table, self.plans = table, []

    def __call__(self, execute, sql, params, many, context):
        # A query may come after the settings it is planned with, in the same message ("SET LOCAL …;
        # SELECT …"): its plan is asked after the same settings.
        settings, _, query = sql.partition("; ") if sql.startswith("SET LOCAL ") else ("", "", sql)
        if query.startswith("SELECT") and f'FROM "{self.table}"' in query:
            cursor = context["cursor"]
            if settings:
                cursor.execute(f"{settings}; EXPLAIN {query}", params)
                cursor.nextset()
            else:
                cursor.execute("EXPLAIN " + query, params)
            self.plans.append("\n".join(row[0] for row in cursor.fetchall()))
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


def archive(council, meetings, items, publish=True):
    """Many meetings (published unless told) with one common word in every item, written in bulk:
    enough rows that reading all of them costs more than an index would."""
    sections = []
    for n in range(meetings):
        meeting = make_meeting(council=council, date=datetime.date(2010, 1, 1) + datetime.timedelta(days=n))
        sections.append(AgendaSection(meeting=meeting, position=1, title="Regionalpolitiske sager"))
    AgendaSection.objects.bulk_create(sections)
    AgendaItem.objects.bulk_create(
        AgendaItem(
            section=section,
            position=k + 1,
            title=f"Kommunernes samarbejde om punkt {k + 1}",
            case_number="SAG-2021-00512",
            background="<p>Kommunerne i regionen drøfter samarbejdet om de regionale opgaver.</p>" * 5,
        )
        for section in sections
        for k in range(items)
    )
    for meeting in Meeting.objects.filter(council=council) if publish else []:
        publish_agenda(meeting, notify=False, render=False, change_note="")


@needs_postgresql
@pytest.mark.parametrize("word", ["Kommunerne", "Hedelyngen"])
def test_search_uses_its_gin_index_without_statistics(client, word):
    council = make_council()
    archive(council, meetings=20, items=20)  # 800 entries; every one has "Kommunerne"
    rare = make_meeting(council=council, date=datetime.date(2021, 2, 5))
    make_item(section=make_section(meeting=rare), title="Punkt om Hedelyngen")
    publish_agenda(rare, notify=False, render=False, change_note="")
    forget_statistics()
    with Plans("agendas_searchentry") as plans:
        response = client.get("/soeg/", {"q": word})
    assert response.status_code == 200
    assert plans.plans, "the search asked nothing of the index"
    for plan in plans.plans:
        assert "Seq Scan on agendas_searchentry" not in plan, plan
    assert any("Bitmap Index Scan on search_entry_vector" in plan for plan in plans.plans), plans.plans


def rows_read(table):
    """Rows of the table this transaction (the test's) has read, by sequential and index scans."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT seq_tup_read + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables "
            "WHERE relname = %s",
            [table],
        )
        return cursor.fetchone()[0]


@needs_postgresql
@pytest.mark.parametrize("statistics", [True, False])
def test_the_edit_page_of_an_old_meeting_reads_only_its_own_items(client, statistics):
    council = make_council()
    old = make_meeting(council=council, date=datetime.date(2009, 6, 5))
    for n in range(3):
        make_item(section=make_section(meeting=old), title=f"Gammelt punkt {n}")
    archive(council, meetings=200, items=20, publish=False)  # 4,000 newer items
    client.force_login(make_secretary(council))
    if statistics:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        forget_statistics()
    before = rows_read("agendas_agendaitem")
    with Plans("agendas_agendaitem") as plans:
        response = client.get(f"/{council.slug}/2009-06-05/rediger/")
    assert response.status_code == 200
    # the page reads the meeting's three items a few times over, never the archive's
    assert rows_read("agendas_agendaitem") - before < 50
    for plan in plans.plans:
        assert "Seq Scan on agendas_agendaitem" not in plan, plan


def planner_has_statistics(table):
    with connection.cursor() as cursor:
        if POSTGRESQL:
            cursor.execute("SELECT reltuples >= 0 FROM pg_class WHERE oid = %s::regclass", [table])
            return cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
        return cursor.fetchone()[0] > 0


@pytest.mark.parametrize("command", ["load_demo", "reindex_search"])
def test_loading_commands_leave_statistics_for_the_planner(command):
    call_command("load_demo", stdout=None)
    if POSTGRESQL:
        forget_statistics()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert not planner_has_statistics("agendas_searchentry")
    call_command(command, stdout=None)
    for table in TABLES:
        assert planner_has_statistics(table), table


def published_in_bulk(councils, meetings):
    """Many published meetings of each council, on the same days, written in bulk: each a copy of
    one meeting published through the services, its version's content and listing included."""
    model = make_meeting(council=councils[0], date=datetime.date(2009, 1, 1))
    make_item(section=make_section(meeting=model), title="Kommunernes samarbejde")
    version = publish_agenda(model, notify=False, render=False, change_note="")
    days = [datetime.date(2010, 1, 1) + datetime.timedelta(days=n) for n in range(meetings)]
    rows = Meeting.objects.bulk_create(
        Meeting(council=council, date=day, start_time=model.start_time, place=model.place)
        for council in councils
        for day in days
    )
    versions = AgendaVersion.objects.bulk_create(
        AgendaVersion(
            meeting=row,
            number=1,
            sent_on=row.date,
            content=version.content,
            listing=version.listing,
        )
        for row in rows
    )
    for row, published in zip(rows, versions, strict=True):
        row.published_version = published
    Meeting.objects.bulk_update(rows, ["published_version"])


@needs_postgresql
@pytest.mark.parametrize("position", ["first", "after", "before"])
def test_an_api_page_reads_its_own_meetings_and_versions_only(client, position):
    """/api/v1/moeder/ answers in constant time per page: it reads the meetings of the page (through
    the index on their date) and the published versions of those alone, not every meeting's version
    (each holds a listing of the meeting's items)."""
    councils = [make_council(slug=f"kkr-{n}") for n in range(3)]
    published_in_bulk(councils, meetings=300)  # the same days for each council
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    params = {"page_size": 10}
    if position != "first":
        params[position] = "2010-06-30.kkr-1"  # halfway
    before = {table: rows_read(table) for table in ("agendas_meeting", "agendas_agendaversion")}
    response = client.get("/api/v1/moeder/", params)
    assert response.status_code == 200
    listed = [(m["date"], m["council"]["slug"]) for m in response.json()["meetings"]]
    assert len(listed) == 10 and listed == sorted(listed)
    if position == "after":
        assert listed[0] == ("2010-06-30", "kkr-2")
    elif position == "before":
        assert listed[-1] == ("2010-06-30", "kkr-0")
    # the page's meetings twice (found, then read) and a few more (the next one, a day's other
    # councils), never the 900
    assert rows_read("agendas_agendaversion") - before["agendas_agendaversion"] <= 20
    assert rows_read("agendas_meeting") - before["agendas_meeting"] <= 40
