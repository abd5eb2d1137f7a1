"""Minutes: the page readers see, and the secretariat's pages to write them (attendance, a decision
per item, sending, publishing). The secretariat's views answer 403 to everyone else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agendas.models import AgendaSection
from appointments.models import Appointment
from appointments.services import place_label
from kkr.access import may_read_minutes, meeting_access, secretary_meeting_access
from kkr.models import Membership
from minutes import services
from minutes.content import minutes_context
from minutes.forms import AbsenceForm, DecisionForm, GuestsForm, SendForm
from minutes.models import Attendance, ItemAbsence, Minutes

EDIT_PAGE = "minutes/edit.html"


def _edit_url(meeting):
    return reverse("minutes:edit", args=[meeting.council.slug, meeting.date])


# Reading


@require_GET
def minutes_page(request, council_slug, date):
    access = meeting_access(request.user, council_slug, date)
    meeting = access.meeting
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if not meeting.is_published or not may_read_minutes(access, minutes):
        raise Http404  # minutes are read with the published agenda they decide on
    content = services.content_of(minutes).for_audience(access.audience)
    context = {
        "meeting": meeting,
        "content": content,
        "can_edit": access.is_secretary,
        **minutes_context(minutes, content, access.audience),
    }
    return render(request, "minutes/minutes.html", context)


# Writing


def _minutes(meeting):
    """The meeting's minutes; none (404) for a meeting whose agenda was never published."""
    try:
        return services.minutes_for(meeting)
    except ValidationError as exc:
        raise Http404(exc.messages[0]) from exc


def _item_rows(meeting, minutes):
    """Each item of the agenda version the minutes decide on, with its decision form."""
    decisions = {d.item_id: d for d in minutes.decisions.all()}
    rows = []
    for section, item in services.content_of(minutes).items():
        decision = decisions.get(item.pk)
        rows.append(_item_row(meeting, section, item, decision.text if decision else ""))
    return rows


def _item_row(meeting, section, item, text, **extra):
    approval = services.approval_choice(meeting) if services.is_approval_item(item) else None
    initial = {"text": text, "approves": approval is not None and approval.is_made}
    return {
        "section": section,
        "item": item,
        "form": DecisionForm(initial=initial, prefix=f"punkt-{item.pk}"),
        "approval": approval,
        "is_appointments": section.role == AgendaSection.Role.APPOINTMENTS,
        **extra,
    }


def _edit_context(meeting, minutes, refused_row=None, send_form=None):
    """The whole editor. Without JavaScript a refused save or sending comes back in it, with what
    was sent: `refused_row` for one item's decision, or the `send_form`."""
    rows = _item_rows(meeting, minutes)
    if refused_row is not None:
        rows = [refused_row if row["item"].pk == refused_row["item"].pk else row for row in rows]
    return {
        "meeting": meeting,
        "minutes": minutes,
        "rows": rows,
        "attendance": services.attendance_lists(minutes),
        "send_form": send_form or SendForm(initial={"sent_on": minutes.sent_on or timezone.localdate()}),
        "standard_decisions": services.STANDARD_DECISIONS,
        "editable": minutes.status == Minutes.Status.DRAFT,
        "decided_here": _decided_here(meeting),
    }


def _decided_here(meeting):
    """The register's rows decided under this meeting's items, by item: "Lene Aalestrup:
    stedfortræder i KKR Nordjylland"."""
    rows = {}
    appointments = Appointment.objects.select_related("person", "seat__body")
    memberships = Membership.objects.select_related("person", "council")
    for queryset in (appointments, memberships):
        for row in queryset.filter(decided_by__section__meeting=meeting):
            rows.setdefault(row.decided_by_id, []).append(f"{row.person.name}: {place_label(row)}")
    return rows


@require_GET
def edit(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    try:
        minutes = services.minutes_for(meeting)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("agendas:edit", meeting.council.slug, meeting.date)
    return render(request, EDIT_PAGE, _edit_context(meeting, minutes))


@require_POST
def save_decision(request, council_slug, date, item_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    with transaction.atomic():  # an item not on the agenda leaves no minutes made for it behind
        minutes = _minutes(meeting)
        try:
            section, item = services.find_item(minutes, item_id)
        except ValidationError as exc:
            raise Http404(exc.messages[0]) from exc
    form = DecisionForm(request.POST, prefix=f"punkt-{item.pk}")
    form.is_valid()
    text = form.cleaned_data.get("standard") or form.cleaned_data.get("text", "")
    approves = form.cleaned_data.get("approves", False) if services.is_approval_item(item) else None
    approved, error = [], None
    try:
        approved = services.save_decision(minutes, item, text, approves=approves, by=request.user)
    except ValidationError as exc:
        error = exc.messages[0]
    notes = [
        _("Referatet af mødet %(date)s er nu godkendt.") % {"date": m.meeting.date.strftime("%d-%m-%Y")}
        for m in approved
    ]
    if not error and approves and not approved and not services.approval_choice(meeting).is_made:
        notes.append(_("Der var ingen udsendte referater at godkende; udsend referatet først."))
    saved_at = None if error else timezone.localtime()
    editable = minutes.status == Minutes.Status.DRAFT
    # A refused decision keeps the text as sent, beside the reason, so nothing typed is lost (on
    # minutes that may no longer change too: the saved decision is unchanged on the minutes page).
    row = _item_row(meeting, section, item, text, saved_at=saved_at, error=error, notes=notes)
    if not request.htmx:
        if error:  # the whole page, with the text as sent
            return render(request, EDIT_PAGE, _edit_context(meeting, minutes, refused_row=row), status=422)
        for note in notes:
            messages.success(request, note)
        return redirect(f"{_edit_url(meeting)}#beslutning-{item.pk}")
    context = {
        "meeting": meeting,
        "row": row,
        "standard_decisions": services.STANDARD_DECISIONS,
        "editable": editable,
        "decided_here": _decided_here(meeting) if row["is_appointments"] else {},
    }
    return render(request, f"{EDIT_PAGE}#decision", context, status=422 if error else 200)


@require_http_methods(["GET", "POST"])
def attendance(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    minutes = _minutes(meeting)
    seats = services.council_seats(meeting)
    guests_form = GuestsForm(request.POST or None, initial={"guests": minutes.guests})
    error = None
    if request.method == "POST" and guests_form.is_valid():
        statuses = {}
        for seat in seats:
            member = seat.membership.person
            status = request.POST.get(f"status-{member.pk}", Attendance.Status.PRESENT)
            if status not in Attendance.Status.values:
                status = Attendance.Status.PRESENT
            statuses[member] = (status, seat.substitute.person if seat.substitute else None)
        try:
            services.record_attendance(
                minutes, statuses, guests=guests_form.cleaned_data["guests"], by=request.user
            )
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Fremmødet er gemt."))
            return redirect(_edit_url(meeting))
    return _attendance_page(request, meeting, minutes, seats, guests_form=guests_form, error=error)


def _attendance_page(request, meeting, minutes, seats, *, guests_form=None, error=None):
    current = {row.person_id: row for row in minutes.attendance.all()}
    rows = []
    for seat in seats:
        member = seat.membership.person
        chosen = request.POST.get(f"status-{member.pk}") if request.method == "POST" else None
        if chosen is None:
            row = current.get(member.pk)
            substituted = seat.substitute and seat.substitute.person_id in current
            chosen = (
                Attendance.Status.SUBSTITUTE
                if substituted
                else (row.status if row else Attendance.Status.PRESENT)
            )
        rows.append({"seat": seat, "chosen": chosen})
    items = {entry.pk: (section, entry) for section, entry in services.content_of(minutes).items()}
    absences = [
        {"absence": absence, "number": f"{s.position}.{e.position}.", "title": e.title}
        for absence in minutes.item_absences.select_related("person")
        for s, e in [items.get(absence.item_id)]
        if e is not None
    ]
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "rows": rows,
        "guests_form": guests_form or GuestsForm(initial={"guests": minutes.guests}),
        "error": error,
        "absence_form": AbsenceForm(items=items.values(), people=_people(seats)),
        "absences": absences,
        "editable": minutes.status == Minutes.Status.DRAFT,
    }
    return render(request, "minutes/attendance.html", context, status=422 if error else 200)


def _people(seats):
    """The members and their personal substitutes: who can be absent during an item."""
    return [row.person for seat in seats for row in (seat.membership, seat.substitute) if row]


@require_POST
def add_absence(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    minutes = _minutes(meeting)
    seats = services.council_seats(meeting)
    items = list(services.content_of(minutes).items())
    form = AbsenceForm(request.POST, items=items, people=_people(seats))
    if not form.is_valid():
        messages.error(request, _("Vælg punkt, person og årsag."))
        return redirect(reverse("minutes:attendance", args=[council_slug, meeting.date]))
    data = form.cleaned_data
    try:
        _section, item = services.find_item(minutes, data["item"])
        services.add_absence(minutes, item, data["person"], data["reason"], by=request.user)
    except ValidationError as exc:
        return _attendance_page(request, meeting, minutes, seats, error=exc.messages[0])
    messages.success(request, _("Fraværet under punktet er registreret."))
    return redirect(reverse("minutes:attendance", args=[council_slug, meeting.date]))


@require_POST
def remove_absence(request, council_slug, date, absence_id):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    # Looked up before the minutes, which _minutes() would begin: a refused removal changes nothing.
    absence = get_object_or_404(
        ItemAbsence.objects.select_related("person"), pk=absence_id, minutes__meeting=meeting
    )
    minutes = _minutes(meeting)
    try:
        services.remove_absence(minutes, absence, by=request.user)
    except ValidationError as exc:
        seats = services.council_seats(meeting)
        return _attendance_page(request, meeting, minutes, seats, error=exc.messages[0])
    messages.success(request, _("Fraværet er fjernet."))
    return redirect(reverse("minutes:attendance", args=[council_slug, meeting.date]))


@require_POST
def send(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    minutes = _minutes(meeting)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            services.send_minutes(minutes, sent_on=form.cleaned_data["sent_on"], by=request.user)
        except ValidationError as exc:
            form.add_error("sent_on", exc.messages[0])
        else:
            messages.success(
                request, _("Referatet er markeret som udsendt. Det godkendes under punkt 1.1 på næste møde.")
            )
            return redirect(_edit_url(meeting))
    form.fields["sent_on"].widget.attrs["autofocus"] = True  # the page opens at the refused form
    return render(request, EDIT_PAGE, _edit_context(meeting, minutes, send_form=form), status=422)


@require_POST
def unsend(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    try:
        services.unsend_minutes(_minutes(meeting), by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Referatet er en kladde igen: ret det, og udsend det på ny."))
    return redirect(_edit_url(meeting))


@require_POST
def publish(request, council_slug, date):
    meeting = secretary_meeting_access(request.user, council_slug, date).meeting
    minutes = _minutes(meeting)
    try:
        services.publish_minutes(minutes, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Referatet er offentliggjort."))
    return redirect(_edit_url(meeting))
