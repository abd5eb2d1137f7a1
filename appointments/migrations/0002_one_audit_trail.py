# Its entries now live in kkr.AuditEntry (kkr 0005 copies them).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("kkr", "0005_one_audit_trail"),
    ]

    operations = [
        migrations.DeleteModel(
            name="AuditEntry",
        ),
    ]
