"""Minutes name the agenda version they decide on; decisions and absences name their item by its id
(the same in every published version) instead of a foreign key to the working agenda's row, so that
deleting or editing an item of the working agenda no longer touches them. Existing rows keep their item
ids, and existing minutes get their meeting's published version."""

import django.db.models.deletion
from django.db import migrations, models


def copy_item_ids(apps, schema_editor):
    for name in ("Decision", "ItemAbsence"):
        apps.get_model("minutes", name).objects.update(item_ref=models.F("item"))


def set_versions(apps, schema_editor):
    Minutes = apps.get_model("minutes", "Minutes")
    AgendaVersion = apps.get_model("agendas", "AgendaVersion")
    for minutes in Minutes.objects.select_related("meeting"):
        version_id = minutes.meeting.published_version_id or (
            AgendaVersion.objects.filter(meeting=minutes.meeting_id)
            .order_by("-number")
            .values_list("pk", flat=True)
            .first()
        )
        if version_id:
            Minutes.objects.filter(pk=minutes.pk).update(version=version_id)


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0010_meeting_revision"),
        ("minutes", "0002_attendance_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="minutes",
            name="version",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.RESTRICT,
                related_name="minutes",
                to="agendas.agendaversion",
                verbose_name="dagsordenens version",
            ),
        ),
        migrations.RunPython(set_versions, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="itemabsence", name="item_absence_once"),
        migrations.AddField(model_name="decision", name="item_ref", field=models.BigIntegerField(null=True)),
        migrations.AddField(
            model_name="itemabsence", name="item_ref", field=models.BigIntegerField(null=True)
        ),
        migrations.RunPython(copy_item_ids, migrations.RunPython.noop),
        migrations.RemoveField(model_name="decision", name="item"),
        migrations.RemoveField(model_name="itemabsence", name="item"),
        migrations.RenameField(model_name="decision", old_name="item_ref", new_name="item_id"),
        migrations.RenameField(model_name="itemabsence", old_name="item_ref", new_name="item_id"),
        migrations.AlterField(
            model_name="decision",
            name="item_id",
            field=models.BigIntegerField(verbose_name="punkt-id"),
        ),
        migrations.AlterField(
            model_name="itemabsence",
            name="item_id",
            field=models.BigIntegerField(verbose_name="punkt-id"),
        ),
        migrations.AlterModelOptions(
            name="decision",
            options={
                "ordering": ["minutes", "item_id"],
                "verbose_name": "beslutning",
                "verbose_name_plural": "beslutninger",
            },
        ),
        migrations.AlterModelOptions(
            name="itemabsence",
            options={
                "ordering": ["minutes", "item_id", "person__name"],
                "verbose_name": "fravær under punkt",
                "verbose_name_plural": "fravær under punkter",
            },
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(fields=("minutes", "item_id"), name="decision_once_per_item"),
        ),
        migrations.AddConstraint(
            model_name="itemabsence",
            constraint=models.UniqueConstraint(
                fields=("minutes", "item_id", "person"), name="item_absence_once"
            ),
        ),
    ]
