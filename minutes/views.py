"""Minutes: the page readers see, and the secretariat's pages to write them (attendance, a decision
per item, sending, publishing). The secretariat's views answer 403 to everyone else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agendas.content import AgendaContent
from agendas.edit_views import _get_meeting_for_secretary
from agendas.models import AgendaItem, RenderedDocument
from agendas.views import get_meeting_for_user
from appointments.models import Appointment
from appointments.services import place_label
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
    meeting, show_closed = get_meeting_for_user(request, council_slug, date)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if not meeting.is_published or not services.can_read(
        minutes, secretary=meeting.viewer_is_secretary, member=show_closed
    ):
        raise Http404  # minutes are read with the published agenda they decide on
    audience = RenderedDocument.Audience.MEMBERS if show_closed else RenderedDocument.Audience.PUBLIC
    content = AgendaContent.for_readers(meeting).for_audience(audience)
    context = {
        "meeting": meeting,
        "content": content,
        "can_edit": meeting.viewer_is_secretary,
        **minutes_context(content),
    }
    response = render(request, "minutes/minutes.html", context)
    if show_closed:
        response["Cache-Control"] = "private, no-store"
    return response


# Writing


def _item_rows(meeting, minutes):
    """Each item of the working agenda with its decision form."""
    decisions = {d.item_id: d for d in minutes.decisions.all()}
    rows = []
    for section, item in AgendaContent.live(meeting, published=False).items():
        decision = decisions.get(item.pk)
        rows.append(_item_row(section, item, decision.text if decision else ""))
    return rows


def _item_row(section, item, text, **extra):
    return {
        "section": section,
        "item": item,
        "form": DecisionForm(initial={"text": text}, prefix=f"punkt-{item.pk}"),
        "is_appointments": section.title.lower() == "udpegninger",
        **extra,
    }


def _edit_context(meeting, minutes):
    return {
        "meeting": meeting,
        "minutes": minutes,
        "rows": _item_rows(meeting, minutes),
        "attendance": services.attendance_lists(minutes),
        "send_form": SendForm(initial={"sent_on": minutes.sent_on or timezone.localdate()}),
        "standard_decisions": services.STANDARD_DECISIONS,
        "editable": minutes.status in (Minutes.Status.DRAFT, Minutes.Status.SENT),
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
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    return render(request, EDIT_PAGE, _edit_context(meeting, minutes))


@require_POST
def save_decision(request, council_slug, date, item_id):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    item = get_object_or_404(
        AgendaItem.objects.select_related("section"), pk=item_id, section__meeting=meeting
    )
    form = DecisionForm(request.POST, prefix=f"punkt-{item.pk}")
    form.is_valid()
    text = form.cleaned_data.get("standard") or form.cleaned_data.get("text", "")
    approved, error = [], None
    try:
        approved = services.save_decision(minutes, item, text, by=request.user)
    except ValidationError as exc:
        error = exc.messages[0]
    notes = [
        _("Referatet af mødet %(date)s er nu godkendt.") % {"date": m.meeting.date.strftime("%d-%m-%Y")}
        for m in approved
    ]
    if not error and not approved and services.is_approval_item(item) and text.lower().startswith("godkendt"):
        notes.append(_("Der var ingen udsendte referater at godkende; udsend referatet først."))
    if not request.htmx:
        for note in notes:
            messages.success(request, note)
        if error:
            messages.error(request, error)
        return redirect(f"{_edit_url(meeting)}#beslutning-{item.pk}")
    saved_at = None if error else timezone.localtime()
    row = _item_row(item.section, item, text, saved_at=saved_at, error=error, notes=notes)
    context = {
        "meeting": meeting,
        "row": row,
        "standard_decisions": services.STANDARD_DECISIONS,
        "editable": True,
        "decided_here": _decided_here(meeting) if row["is_appointments"] else {},
    }
    return render(request, f"{EDIT_PAGE}#decision", context, status=422 if error else 200)


@require_http_methods(["GET", "POST"])
def attendance(request, council_slug, date):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    seats = services.council_seats(meeting)
    current = {row.person_id: row for row in minutes.attendance.all()}
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
    people = _people(seats)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "rows": rows,
        "guests_form": guests_form,
        "error": error,
        "absence_form": AbsenceForm(meeting=meeting, people=people),
        "absences": minutes.item_absences.select_related("item__section", "person"),
        "editable": minutes.status in (Minutes.Status.DRAFT, Minutes.Status.SENT),
    }
    return render(request, "minutes/attendance.html", context, status=422 if error else 200)


def _people(seats):
    """The members and their personal substitutes: who can be absent during an item."""
    return [row.person for seat in seats for row in (seat.membership, seat.substitute) if row]


@require_POST
def add_absence(request, council_slug, date):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    people = _people(services.council_seats(meeting))
    form = AbsenceForm(request.POST, meeting=meeting, people=people)
    if form.is_valid():
        data = form.cleaned_data
        ItemAbsence.objects.update_or_create(
            minutes=minutes, item=data["item"], person=data["person"], defaults={"reason": data["reason"]}
        )
        messages.success(request, _("Fraværet under punktet er registreret."))
    else:
        messages.error(request, _("Vælg punkt, person og årsag."))
    return redirect(reverse("minutes:attendance", args=[council_slug, meeting.date]))


@require_POST
def remove_absence(request, council_slug, date, absence_id):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    get_object_or_404(ItemAbsence, pk=absence_id, minutes__meeting=meeting).delete()
    messages.success(request, _("Fraværet er fjernet."))
    return redirect(reverse("minutes:attendance", args=[council_slug, meeting.date]))


@require_POST
def send(request, council_slug, date):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Angiv datoen, referatet udsendes."))
    else:
        try:
            services.send_minutes(minutes, sent_on=form.cleaned_data["sent_on"], by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Referatet er markeret som udsendt. Det godkendes under punkt 1.1 på næste møde.")
            )
    return redirect(_edit_url(meeting))


@require_POST
def publish(request, council_slug, date):
    meeting = _get_meeting_for_secretary(request, council_slug, date)
    minutes = services.minutes_for(meeting)
    try:
        services.publish_minutes(minutes, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Referatet er offentliggjort."))
    return redirect(_edit_url(meeting))
