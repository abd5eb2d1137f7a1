"""Each published version keeps what lists, the calendar and the feeds show of it (AgendaVersion.listing),
so they no longer read its full content. Existing versions get it from their content, as
agendas.content.AgendaContent.to_listing writes it for new ones."""

from django.db import migrations, models

BATCH = 500


def listing(content):
    return {
        "facts": content["facts"],
        "items": [
            {
                "number": f"{section['position']}.{item['position']}.",
                "title": item["title"],
                "is_closed": item["is_closed"],
            }
            for section in content["sections"]
            for item in section["items"]
        ],
    }


def fill_listings(apps, schema_editor):
    AgendaVersion = apps.get_model("agendas", "AgendaVersion")
    batch = []
    for version in AgendaVersion.objects.only("content").order_by("pk").iterator(chunk_size=BATCH):
        version.listing = listing(version.content)
        batch.append(version)
        if len(batch) == BATCH:
            AgendaVersion.objects.bulk_update(batch, ["listing"])
            batch = []
    AgendaVersion.objects.bulk_update(batch, ["listing"])


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0014_one_audit_trail"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaversion",
            name="listing",
            field=models.JSONField(default=dict, editable=False, verbose_name="oversigt"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_listings, migrations.RunPython.noop),
    ]
