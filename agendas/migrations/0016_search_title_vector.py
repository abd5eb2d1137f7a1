# The search finds its candidates through the GIN index in a narrow table and ranks title matches first
# from a small vector of the title kept in the row (agendas.search):
# - the texts and the full vector are stored out of line (TOAST), so a common word's matches are a few
#   hundred narrow pages to visit, not the whole table;
# - the GIN index is written at once (no pending list that every search has to scan until a vacuum).

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

NEW_INDEX = django.contrib.postgres.indexes.GinIndex(
    fields=["search_vector"], name="search_entry_vector", fastupdate=False
)


def narrow_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute("ALTER TABLE agendas_searchentry SET (toast_tuple_target = 128)")
    # Never compressed or moved out of line: the ranking reads it in every candidate row.
    execute("ALTER TABLE agendas_searchentry ALTER COLUMN title_vector SET STORAGE PLAIN")
    execute("ALTER INDEX search_entry_vector SET (fastupdate = off)")
    execute("SELECT gin_clean_pending_list('search_entry_vector')")
    execute("UPDATE agendas_searchentry SET title_vector = to_tsvector('danish', title)")
    # The table written again, compact and narrow: the update leaves each row's new version beside the
    # old one, on the same page. Seconds at 12 years of 5 councils, with the table locked meanwhile.
    if not schema_editor.connection.in_atomic_block:
        execute("VACUUM FULL agendas_searchentry")


def widen_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE agendas_searchentry RESET (toast_tuple_target)")
        schema_editor.execute("ALTER INDEX search_entry_vector RESET (fastupdate)")


class Migration(migrations.Migration):
    atomic = False  # VACUUM FULL runs outside a transaction

    dependencies = [
        ("agendas", "0015_version_listing"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="searchentry", name="search_entry_vector"),
                migrations.AddIndex(model_name="searchentry", index=NEW_INDEX),
            ],
            database_operations=[migrations.RunPython(narrow_table, widen_table)],
        ),
    ]
