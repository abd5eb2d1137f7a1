"""Migration tests: take the database back to a migration, fill it as the code then did, and migrate
forward to see what the migration made of it."""

import contextlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_back(*targets):
    """Unapply every migration after the targets (and whatever depends on them, in any app): one
    backwards plan. Returns the apps (historical models) as the database now has them."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))
    executor.loader.build_graph()
    applied = [node for node in executor.loader.applied_migrations if node in executor.loader.graph.nodes]
    return executor.loader.project_state(applied).apps


def migrate_forward():
    """Every app at its latest migration; the historical models as they are then."""
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@contextlib.contextmanager
def back_at(*targets):
    """The apps at the targets; afterwards, whatever happened, the database at its latest migration
    again (the tests after need it so)."""
    try:
        yield migrate_back(*targets)
    finally:
        migrate_forward()
