"""What the minutes add to an agenda, for the minutes page and the minutes PDF: the attendance, and per
item the decision and who took no part. The agenda itself is what the readers saw (AgendaContent), so a
closed item keeps its decision hidden wherever the item is (`item.hidden`)."""

from minutes.models import Minutes
from minutes.services import attendance_lists


def minutes_context(content) -> dict:
    minutes = Minutes.objects.filter(meeting=content.meeting).first()
    if minutes is None:
        return {"is_minutes": True, "minutes": None, "decisions": {}, "absences": {}, "attendance": None}
    absences = {}
    for row in minutes.item_absences.select_related("person"):
        absences.setdefault(row.item_id, []).append(row)
    return {
        "is_minutes": True,
        "minutes": minutes,
        "decisions": {d.item_id: d.text for d in minutes.decisions.all()},
        "absences": absences,
        "attendance": attendance_lists(minutes),
    }
