# Its entries now live in kkr.AuditEntry (kkr 0005 copies them).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0013_rendered_documents_move"),
        ("kkr", "0005_one_audit_trail"),
    ]

    operations = [
        migrations.DeleteModel(
            name="AuditEntry",
        ),
    ]
