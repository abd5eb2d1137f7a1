"""Demo minutes, written through minutes.services as the secretariat would: the 13 November 2020 and
15 January 2021 minutes are sent, approved by the 5 February 2021 meeting's item 1.1 and published; the
5 February minutes are a draft. The decisions and the attendance are invented for the demo, and the
minutes say so."""

from agendas.models import AgendaItem
from kkr.demo.meetings import FEB_5, MEETINGS
from minutes import services
from minutes.models import Attendance, Minutes

INVENTED = "Demo: fremmøde og beslutninger er opdigtede til portalens demodata."
PRESENT, SUBSTITUTE = Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTE


def _decision(item) -> str:
    """A plausible decision from the item's recommendation."""
    text = f"{item.recommendation} {item.title}".lower()
    if services.is_approval_item(item) or "godkend" in text or "udpeg" in text:
        return "Godkendt."
    if "drøft" in text:
        return "Drøftet."
    return "Taget til efterretning."


def _write(meeting, *, substitute_for=None):
    """Attendance (everyone present; optionally one member replaced by their substitute) and a decision
    for every item."""
    minutes = services.minutes_for(meeting)
    minutes.note = INVENTED
    minutes.save(update_fields=["note"])
    statuses = {}
    for seat in services.council_seats(meeting):
        person = seat.membership.person
        replaced = substitute_for == person.name and seat.substitute
        statuses[person] = (
            SUBSTITUTE if replaced else PRESENT,
            seat.substitute.person if seat.substitute else None,
        )
    services.record_attendance(minutes, statuses, guests="Demo: Direktør for KKR-sekretariatet")
    for item in AgendaItem.objects.filter(section__meeting=meeting).order_by("section__position", "position"):
        approves = True if services.is_approval_item(item) else None
        services.save_decision(minutes, item, _decision(item), approves=approves)
    return minutes


def load_minutes(council):
    if Minutes.objects.filter(meeting__council=council).exists():
        return
    meetings = {m.date: m for m in council.meetings.all()}
    earlier = [spec for spec in MEETINGS if spec.get("minutes")]
    written = []
    for spec in earlier:
        meeting = meetings[spec["date"]]
        # On 13 November Karsten Frederiksen sent his apologies and his substitute came (invented).
        minutes = _write(meeting, substitute_for="Karsten Frederiksen" if spec["date"].month == 11 else None)
        services.send_minutes(minutes, sent_on=spec["minutes"]["sent_on"])
        written.append(minutes)
    # The 5 February draft: its item 1.1, "Godkendt." with the approval chosen, approves the two sent
    # minutes above.
    _write(meetings[FEB_5])
    for minutes in written:
        minutes.refresh_from_db()
        services.publish_minutes(minutes, render=False)
