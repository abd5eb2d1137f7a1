"""RenderedDocument now belongs to the documents app (documents 0001 renames its table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0012_meeting_published_is_a_version"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RenderedDocument")]
        ),
    ]
