"""Sections and items that drive behaviour carry a role instead of being recognised by their title.
Existing rows, and the published versions' snapshots, get their role from the titles the code used to
look for: the one place titles are read. A meeting gets each section role once (the first such
section), as the new constraint requires."""

from django.db import migrations, models

SECTION_ROLES = {
    "godkendelse af referat": "minutes_approval",
    "udpegninger": "appointments",
    "punkter til næste møde": "next_meeting",
}
APPROVAL_ITEM_TITLE = "godkendelse af referat"


def section_role(title, taken):
    role = SECTION_ROLES.get(title.strip().lower(), "")
    if role in taken:
        return ""
    taken.add(role)
    return role


def item_role(title):
    return "minutes_approval" if title.strip().lower().startswith(APPROVAL_ITEM_TITLE) else ""


def set_roles(apps, schema_editor):
    AgendaSection = apps.get_model("agendas", "AgendaSection")
    AgendaItem = apps.get_model("agendas", "AgendaItem")
    AgendaVersion = apps.get_model("agendas", "AgendaVersion")
    taken = {}
    for section in AgendaSection.objects.order_by("meeting", "position"):
        role = section_role(section.title, taken.setdefault(section.meeting_id, {""}))
        if role:
            AgendaSection.objects.filter(pk=section.pk).update(role=role)
    for item in AgendaItem.objects.filter(title__icontains=APPROVAL_ITEM_TITLE):
        role = item_role(item.title)
        if role:
            AgendaItem.objects.filter(pk=item.pk).update(role=role)
    # What readers see of a version is unchanged; the roles let minutes written on a version published
    # before this migration keep their approval choice and register links.
    for version in AgendaVersion.objects.all():
        content = version.content
        taken = {""}
        for section in content.get("sections", []):
            section.setdefault("role", section_role(section["title"], taken))
            for item in section["items"]:
                item.setdefault("role", item_role(item["title"]))
        AgendaVersion.objects.filter(pk=version.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("agendas", "0010_meeting_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[("", "ingen"), ("minutes_approval", "godkendelse af referat")],
                default="",
                help_text="Beslutningen på punktet for godkendelse af referat kan godkende de udsendte referater.",
                max_length=20,
                verbose_name="funktion",
            ),
        ),
        migrations.AddField(
            model_name="agendasection",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "ingen"),
                    ("minutes_approval", "godkendelse af referat og dagsorden"),
                    ("appointments", "udpegninger"),
                    ("next_meeting", "punkter til næste møde"),
                ],
                default="",
                help_text="Fx viser hovedpunktet for udpegninger vej til registret, uanset overskriften.",
                max_length=20,
                verbose_name="funktion",
            ),
        ),
        migrations.RunPython(set_roles, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="agendasection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", ""), _negated=True),
                fields=("meeting", "role"),
                name="section_unique_role",
                violation_error_message="Mødet har allerede et hovedpunkt med den funktion.",
            ),
        ),
    ]
