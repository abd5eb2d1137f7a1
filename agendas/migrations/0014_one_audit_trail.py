# Its entries now live in kkr.AuditEntry (kkr 0005 copies them).
# Numbered 0014: another branch adds 0013, and this one is chained after it when the two are merged.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0012_meeting_published_is_a_version"),
        ("kkr", "0005_one_audit_trail"),
    ]

    operations = [
        migrations.DeleteModel(
            name="AuditEntry",
        ),
    ]
