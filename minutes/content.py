"""What the minutes add to an agenda, for the minutes page and the minutes PDF: the attendance, and per
item the decision and who took no part. The agenda itself is what the readers saw (AgendaContent), so a
closed item keeps its decision hidden wherever the item is (`item.hidden`). A decision is closed by the
stricter of the two flags: an item closed in the working agenda since the version was published keeps its
decision from the public too (`closed_decisions`)."""

from kkr.models import Audience
from minutes.models import Minutes
from minutes.services import attendance_lists, closed_to_public


def minutes_context(minutes: Minutes, content, audience) -> dict:
    """content: the agenda the minutes decide on (minutes.services.content_of), for the audience."""
    closed = set() if audience == Audience.MEMBERS else closed_to_public(content)
    absences = {}
    for row in minutes.item_absences.select_related("person"):
        if row.item_id not in closed:
            absences.setdefault(row.item_id, []).append(row)
    return {
        "minutes": minutes,
        "decisions": {d.item_id: d.text for d in minutes.decisions.all() if d.item_id not in closed},
        "absences": absences,
        "attendance": attendance_lists(minutes),
        "closed_decisions": closed,
    }
