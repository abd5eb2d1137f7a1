"""The rendered documents move from agendas to this app: the table is renamed, not copied, and each row
gets the council it belongs to (the register's documents have no meeting)."""

import django.db.models.deletion
from django.db import migrations, models

import documents.models


def set_council(apps, schema_editor):
    RenderedDocument = apps.get_model("documents", "RenderedDocument")
    Meeting = apps.get_model("agendas", "Meeting")
    for meeting_id, council_id in Meeting.objects.values_list("pk", "council_id"):
        RenderedDocument.objects.filter(meeting_id=meeting_id).update(council_id=council_id)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agendas", "0012_meeting_published_is_a_version"),
        ("kkr", "0004_register_history"),
    ]

    operations = [
        # The model as agendas had it, on agendas' table: only the state moves here.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RenderedDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=20, verbose_name="dokument")),
                        (
                            "audience",
                            models.CharField(
                                choices=[("public", "offentligheden"), ("members", "rådets medlemmer")],
                                max_length=20,
                                verbose_name="målgruppe",
                            ),
                        ),
                        ("content_hash", models.CharField(max_length=64, verbose_name="indholdets SHA-256")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "i kø"),
                                    ("rendering", "dannes"),
                                    ("ready", "klar"),
                                    ("failed", "fejlet"),
                                ],
                                default="queued",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "file",
                            models.FileField(
                                blank=True,
                                max_length=200,
                                upload_to=documents.models.document_upload_to,
                                verbose_name="fil",
                            ),
                        ),
                        (
                            "page_count",
                            models.PositiveIntegerField(blank=True, null=True, verbose_name="sider"),
                        ),
                        ("error", models.TextField(blank=True, verbose_name="fejl")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="forsøg")),
                        (
                            "claimed_by",
                            models.CharField(
                                blank=True, help_text="Celery-opgavens id.", max_length=64, verbose_name="job"
                            ),
                        ),
                        ("queued_at", models.DateTimeField(auto_now_add=True, verbose_name="sat i kø")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="påbegyndt")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="færdig")),
                        (
                            "render_seconds",
                            models.FloatField(blank=True, null=True, verbose_name="dannelsestid (sekunder)"),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="agendas.meeting",
                                verbose_name="møde",
                            ),
                        ),
                        (
                            "version",
                            models.ForeignKey(
                                blank=True,
                                help_text="Tom for et udkast af arbejdskopien.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="documents",
                                to="agendas.agendaversion",
                                verbose_name="version",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "dannet dokument",
                        "verbose_name_plural": "dannede dokumenter",
                        "ordering": ["-queued_at"],
                        "db_table": "agendas_rendereddocument",
                        "indexes": [
                            models.Index(fields=["status", "queued_at"], name="document_status_queued")
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("meeting", "kind", "audience", "content_hash"),
                                name="document_unique_content",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name="rendereddocument", table=None),
        migrations.AddField(
            model_name="rendereddocument",
            name="council",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="kkr.council",
                verbose_name="råd",
            ),
        ),
        migrations.AddField(
            model_name="rendereddocument",
            name="key",
            field=models.CharField(
                blank=True,
                help_text="Hvad dokumentet ellers gælder, fx en dato.",
                max_length=40,
                verbose_name="nøgle",
            ),
        ),
        migrations.RunPython(set_council, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="rendereddocument",
            name="council",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="kkr.council",
                verbose_name="råd",
            ),
        ),
        migrations.AlterField(
            model_name="rendereddocument",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="documents",
                to="agendas.meeting",
                verbose_name="møde",
            ),
        ),
        migrations.RemoveConstraint(model_name="rendereddocument", name="document_unique_content"),
        migrations.AddConstraint(
            model_name="rendereddocument",
            constraint=models.UniqueConstraint(
                fields=("kind", "audience", "content_hash"), name="document_unique_content"
            ),
        ),
    ]
