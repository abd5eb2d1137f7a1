"""The appointments register: public pages (overview per council, per body, per person, as of any
date), exports, and the secretariat's forms. Every form view answers 403 to anyone outside the
council's secretariat; a form sent by htmx gets its own part of the page back, re-rendered with
errors (422) or a redirect when it is done."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from appointments import forms, pdf, services
from appointments.models import Appointment, Body, Seat, Term
from documents import registry
from documents.views import Reading
from kkr import audit
from kkr.access import council_access, secretary_council_access
from kkr.models import Audience, AuditEntry, Membership

FORM_PAGE = "appointments/form.html"


def _as_of(request):
    """The date the register is shown for (?dato=), today by default; a bad date is said and ignored."""
    form = forms.AsOfForm(request.GET)
    if form.is_valid() and form.cleaned_data["dato"]:
        return form.cleaned_data["dato"], form
    return timezone.localdate(), form


def _overview_url(council):
    return reverse("appointments:overview", args=[council.slug])


def _person(council, person_id):
    """A person in the council's register, or 404: people are shared between councils, and a
    council's pages and forms are about its own seats."""
    return get_object_or_404(services.people_of(council).select_related("municipality"), pk=person_id)


# Reading


@require_GET
def overview(request, council_slug):
    access = council_access(request.user, council_slug)
    council = access.council
    on, as_of_form = _as_of(request)
    context = {
        "council": council,
        "can_edit": access.is_secretary,
        "register": services.register(council, on),
        "on": on,
        "is_today": on == timezone.localdate(),
        "as_of_form": as_of_form,
    }
    if access.is_secretary and request.GET.get("punkt", "").isdigit():
        # Came from a decision in the minutes: the forms cite that item and start on the meeting day.
        item = forms.decision_items(council).filter(pk=request.GET["punkt"]).first()
        if item:
            start = item.section.meeting.date.isoformat()
            reason = _("Besluttet på mødet %(date)s, punkt %(number)s") % {
                "date": item.section.meeting.date.strftime("%d-%m-%Y"),
                "number": item.number.rstrip("."),
            }
            context.update(
                deciding_item=item,
                prefill=urlencode({"decided_by": item.pk, "start": start}),
                end_prefill=urlencode({"end": start, "reason": reason}),
            )
    return render(request, "appointments/overview.html", context)


@require_GET
def body(request, council_slug, body_slug):
    access = council_access(request.user, council_slug)
    council = access.council
    body = get_object_or_404(Body, slug=body_slug)
    on, as_of_form = _as_of(request)
    history = services.body_history(body)
    current = {row.pk for row in Appointment.objects.current(on).filter(seat__body=body)}
    seats = [
        services.SeatHolders(seat, [row for row in history if row.seat_id == seat.pk and row.pk in current])
        for seat in body.seats.select_related("council").order_by("council__name", "role")
    ]
    context = {
        "council": council,
        "can_edit": access.is_secretary,
        "body": body,
        "on": on,
        "as_of_form": as_of_form,
        "seats": seats,
        "history": history,
    }
    return render(request, "appointments/body.html", context)


@require_GET
def person(request, council_slug, person_id):
    access = council_access(request.user, council_slug)
    council = access.council
    person = _person(council, person_id)
    context = {
        "council": council,
        "can_edit": access.is_secretary,
        "person": person,
        "today": timezone.localdate(),
        "affiliations": person.affiliations.order_by("-start"),
        "memberships": person.memberships.select_related("council", "substitute_for").order_by("-start"),
        "appointments": person.appointments.select_related(
            "seat__body", "seat__council", "substitute_for", "term"
        ).order_by("-start"),
    }
    return render(request, "appointments/person.html", context)


def _export_rows(register):
    """One row per seat held or vacant: the register as a table (see _export_header)."""
    on = register.on
    vacant = _("LEDIG")

    def held(place, kind, role, row):
        person = row.person
        municipality = person.municipality.name if person.municipality_id else ""
        principal = row.substitute_for.name if row.substitute_for else ""
        period = [_date(row.start), _date(row.end)]
        return [
            place,
            kind,
            role,
            person.name,
            person.party_on(on),
            municipality,
            principal,
            *period,
            row.decided_by_label,
        ]

    name = register.council.name
    for seat in register.members:
        for row in filter(None, [seat.membership, seat.substitute]):
            yield held(name, "", row.get_role_display(), row)
        if seat.substitute is None:
            yield [name, "", _("stedfortræder"), vacant, "", "", seat.membership.person.name, "", "", ""]
    for body, seats in register.bodies:
        for seat in seats:
            role = seat.seat.get_role_display()
            for row in seat.holders:
                yield held(body.name, body.get_kind_display(), role, row)
            for _n in range(seat.vacant):
                yield [body.name, body.get_kind_display(), role, vacant, "", "", "", "", "", ""]


def _date(value):
    return value.strftime("%d-%m-%Y") if value else ""


# A spreadsheet reads a cell that begins with one of these as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """The value as a spreadsheet shows it, never as a formula it would run."""
    value = str(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _export_header():
    names = [  # marked here, translated when a request writes them
        gettext_noop("Organ"),
        gettext_noop("Type"),
        gettext_noop("Rolle"),
        gettext_noop("Navn"),
        gettext_noop("Parti"),
        gettext_noop("Kommune"),
        gettext_noop("Personlig stedfortræder for"),
        gettext_noop("Fra"),
        gettext_noop("Til"),
        gettext_noop("Besluttet"),
    ]
    return [_(name) for name in names]


@require_GET
def export_csv(request, council_slug):
    council = council_access(request.user, council_slug).council
    on, _form = _as_of(request)
    register = services.register(council, on)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="udpegninger-{council.slug}-{on.isoformat()}.csv"'
    )
    response.write("\ufeff")  # so Excel reads the Danish letters as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(_export_header())
    writer.writerows([_cell(value) for value in row] for row in _export_rows(register))
    return response


@require_GET
def export_pdf(request, council_slug):
    """The register's old address: the PDF is now a document like the meeting's (register_reading)."""
    council = council_access(request.user, council_slug).council
    url = reverse("appointments:register_pdf", args=[council.slug, pdf.REGISTER.slug])
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


def register_reading(request, kind_slug, council_slug) -> Reading:
    """The register as PDF on the chosen date (?dato=), for anyone (documents.views serves it)."""
    access = council_access(request.user, council_slug)
    council = access.council
    kind = registry.by_slug(kind_slug, "register")
    on, _form = _as_of(request)
    return Reading(
        kind=kind,
        source=kind.for_reader(services.register(council, on)),
        audience=Audience.PUBLIC,
        subject=f"{council.name} {on:%d-%m-%Y}",
        back_url=f"{_overview_url(council)}?dato={on.isoformat()}",
        back_label=_("Udpegninger – %(council)s") % {"council": council.name},
        may_retry=access.is_secretary,
    )


@require_GET
def history(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    entries = council.audit_entries.filter(area=AuditEntry.Area.REGISTER).select_related("user")
    return render(request, "appointments/history.html", {"council": council, "entries": entries[:300]})


# The secretariat's forms


def _form_response(request, council, form, *, title, submit, intro="", extra=None, status=200):
    context = {"council": council, "form": form, "title": title, "submit": submit, "intro": intro}
    context.update(extra or {})
    template = f"{FORM_PAGE}#form" if request.htmx else FORM_PAGE
    return render(request, template, context, status=status)


def _done(request, council, message, url=None):
    messages.success(request, message)
    url = url or _overview_url(council)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _handle(request, council, form, action, *, title, submit, intro="", extra=None):
    """Show the form; on a valid POST run `action(data)` (a service call) and go back to the
    overview with its message. A service's ValidationError is shown in the form; nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            message = action(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, council, message)
    status = 422 if request.method == "POST" else 200
    return _form_response(
        request, council, form, title=title, submit=submit, intro=intro, extra=extra, status=status
    )


@require_http_methods(["GET", "POST"])
def appoint(request, council_slug, seat_id):
    council = secretary_council_access(request.user, council_slug).council
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=seat_id, council=council)
    form = forms.AppointForm(request.POST or None, seat=seat, initial=request.GET.dict())

    def action(data):
        appointment = services.appoint(
            seat,
            data["person"],
            start=data["start"],
            end=data.get("end"),
            substitute_for=data.get("substitute_for"),
            decided_by=data["decided_by"],
            note=data["note"],
            by=request.user,
        )
        return _("%(person)s er udpeget som %(role)s i %(body)s.") % {
            "person": appointment.person.name,
            "role": seat.get_role_display(),
            "body": seat.body.name,
        }

    title = _("Udpeg %(role)s i %(body)s") % {"role": seat.get_role_display(), "body": seat.body.name}
    return _handle(request, council, form, action, title=title, submit=_("Udpeg"))


@require_http_methods(["GET", "POST"])
def membership_new(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = forms.MembershipForm(request.POST or None, council=council, initial=request.GET.dict())

    def action(data):
        membership = services.add_membership(
            council,
            data["person"],
            role=data["role"],
            start=data["start"],
            substitute_for=data.get("substitute_for"),
            decided_by=data["decided_by"],
            note=data["note"],
            by=request.user,
        )
        return _("%(person)s er registreret som %(role)s i %(council)s.") % {
            "person": membership.person.name,
            "role": membership.get_role_display(),
            "council": council.name,
        }

    title = _("Ny plads i %(council)s") % {"council": council.name}
    return _handle(request, council, form, action, title=title, submit=_("Registrér"))


@require_http_methods(["GET", "POST"])
def end(request, council_slug, kind, pk):
    council = secretary_council_access(request.user, council_slug).council
    if kind not in ("udpegning", "medlemskab"):
        raise Http404
    if kind == "udpegning":
        row = get_object_or_404(
            Appointment.objects.select_related("seat__body", "person"), pk=pk, seat__council=council
        )
    else:
        row = get_object_or_404(Membership.objects.select_related("person"), pk=pk, council=council)
    form = forms.EndForm(request.POST or None, initial=request.GET.dict())

    def action(data):
        services.end_seat(row, end=data["end"], reason=data["reason"], by=request.user)
        return _("%(person)s er registreret som ophørt den %(date)s.") % {
            "person": row.person.name,
            "date": data["end"].strftime("%d-%m-%Y"),
        }

    title = _("Afslut: %(row)s") % {"row": capfirst(services.place_label(row)) + " – " + row.person.name}
    if services.has_ended(row):
        status = 422 if request.method == "POST" else 200
        refusal = {"refusal": services.already_ended(row)}
        return _form_response(request, council, form, title=title, submit="", extra=refusal, status=status)
    intro = _("Udpegningen afsluttes på den sidste dag, du angiver. Historikken bevares.")
    return _handle(request, council, form, action, title=title, submit=_("Afslut"), intro=intro)


@require_http_methods(["GET", "POST"])
def leave(request, council_slug, person_id):
    """A person leaves every seat in and for the council: first the consequences are shown, then
    confirmed."""
    council = secretary_council_access(request.user, council_slug).council
    person = _person(council, person_id)
    form = forms.LeaveForm(request.POST or None)
    title = _("%(person)s udtræder") % {"person": person.name}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["confirmed"]:
            try:
                services.person_leaves(
                    person, council=council, on=data["on"], reason=data["reason"], by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = _("Udtrædelsen er registreret for %(person)s.") % {"person": person.name}
                return _done(request, council, message)
        else:
            plan = services.leaving_plan(person, data["on"], council=council)
            if plan.ends:
                confirm = forms.LeaveForm(initial={**data, "confirmed": True})
                intro = _("Kontrollér hvad der sker, og bekræft:")
                submit = _("Bekræft udtrædelsen")
                return _form_response(
                    request, council, confirm, title=title, submit=submit, intro=intro, extra={"plan": plan}
                )
            form.add_error(
                "on",
                _("%(person)s har ingen pladser i %(council)s den dag.")
                % {"person": person.name, "council": council.name},
            )
    status = 422 if request.method == "POST" else 200
    intro = _(
        "Alle pladser i og for %(council)s ophører på den sidste dag. En personlig stedfortræder rykker op "
        "dagen efter."
    ) % {"council": council.name}
    return _form_response(
        request, council, form, title=title, submit=_("Vis konsekvenser"), intro=intro, status=status
    )


@require_http_methods(["GET", "POST"])
def party_change(request, council_slug, person_id):
    council = secretary_council_access(request.user, council_slug).council
    person = _person(council, person_id)
    form = forms.PartyForm(request.POST or None)

    def action(data):
        services.change_party(
            person, party=data["party"], on=data["on"], council=council, note=data["note"], by=request.user
        )
        return _("Partiskiftet er registreret for %(person)s.") % {"person": person.name}

    title = _("Partiskifte: %(person)s") % {"person": person}
    intro = _("Det tidligere parti bevares i historikken.")
    return _handle(request, council, form, action, title=title, submit=_("Registrér"), intro=intro)


@require_http_methods(["GET", "POST"])
def person_new(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = forms.PersonForm(request.POST or None)

    def action(data):
        person = form.save()
        summary = _("%(person)s oprettet") % {"person": person}
        audit.record(
            council, audit.Area.REGISTER, summary, action=audit.Action.CREATE, person=person, by=request.user
        )
        return _("%(person)s er oprettet og kan nu udpeges.") % {"person": person.name}

    return _handle(request, council, form, action, title=_("Ny person"), submit=_("Opret"))


@require_http_methods(["GET", "POST"])
def body_new(request, council_slug):
    council = secretary_council_access(request.user, council_slug).council
    form = forms.BodyForm(request.POST or None)

    def action(data):
        body = form.save()
        summary = _("Organet %(body)s oprettet") % {"body": body.name}
        audit.record(council, audit.Area.REGISTER, summary, action=audit.Action.CREATE, by=request.user)
        return _("%(body)s er oprettet. Tilføj nu rådets pladser i organet.") % {"body": body.name}

    return _handle(request, council, form, action, title=_("Nyt organ"), submit=_("Opret"))


@require_http_methods(["GET", "POST"])
def seat_new(request, council_slug, body_slug):
    council = secretary_council_access(request.user, council_slug).council
    body = get_object_or_404(Body, slug=body_slug)
    form = forms.SeatForm(request.POST or None, body=body, council=council)

    def action(data):
        seat = form.save()
        summary = _("%(count)s plads(er) som %(role)s i %(body)s") % {
            "count": seat.count,
            "role": seat.get_role_display(),
            "body": body.name,
        }
        audit.record(council, audit.Area.REGISTER, summary, action=audit.Action.CREATE, by=request.user)
        return summary

    title = _("Nye pladser for %(council)s i %(body)s") % {"council": council.name, "body": body.name}
    return _handle(request, council, form, action, title=title, submit=_("Tilføj"))


@require_http_methods(["GET", "POST"])
def terms(request, council_slug):
    """The terms, a form for a new one and the carry-over of seats from one term to the next."""
    council = secretary_council_access(request.user, council_slug).council
    term_form = forms.TermForm(request.POST if "term-label" in request.POST else None, prefix="term")
    carry_form = forms.CarryOverForm(request.POST if "carry-old" in request.POST else None, prefix="carry")
    if request.method == "POST":
        if term_form.is_bound and term_form.is_valid():
            term = term_form.save()
            summary = _("Valgperioden %(term)s oprettet") % {"term": term}
            audit.record(council, audit.Area.REGISTER, summary, action=audit.Action.CREATE, by=request.user)
            return _done(
                request, council, _("Valgperioden %(term)s er oprettet.") % {"term": term}, request.path
            )
        if carry_form.is_bound and carry_form.is_valid():
            data = carry_form.cleaned_data
            try:
                count = services.carry_over(council, data["old"], data["new"], by=request.user)
            except ValidationError as error:
                carry_form.add_error(None, error)
            else:
                message = _("%(count)s udpegninger er videreført til %(term)s.") % {
                    "count": count,
                    "term": data["new"],
                }
                return _done(request, council, message)
    context = {
        "council": council,
        "terms": Term.objects.all(),
        "term_form": term_form,
        "carry_form": carry_form,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/terms.html", context, status=status)
