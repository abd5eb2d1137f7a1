"""Table statistics for the query planner."""

from django.db import connection


def analyze() -> None:
    """Gather the planner's statistics for every table (PostgreSQL's and SQLite's ANALYZE). Run after
    loading many rows at once (load_demo, reindex_search) and after a restore: until autovacuum gets
    to it, a planner without statistics guesses, and may read a whole table where an index would do."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
