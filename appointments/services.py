"""The register of who sits where: appointments to external bodies (Appointment) and the council's own
memberships (kkr.Membership), kept by the same rules.

A change never rewrites history: it ends one row (with a date and a reason) and starts another. Every
change is logged in the council's audit trail (kkr.audit). Errors are ValidationErrors with a Danish
message the forms show as they are."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from appointments.models import Appointment, Body, Seat, Term
from kkr import audit
from kkr.models import AuditEntry, Council, Membership, PartyAffiliation, Person

ONE_DAY = datetime.timedelta(days=1)
Role = Seat.Role


def _day(value: datetime.date) -> str:
    return date_format(value, "d-m-Y")


def decision_label(item) -> str:
    """How an appointment cites the item that decided it: "KKR Nordjylland 05-02-2021, punkt 4.1"."""
    meeting = item.section.meeting
    return _("%(council)s %(date)s, punkt %(number)s") % {
        "council": meeting.council.name,
        "date": _day(meeting.date),
        "number": item.number.rstrip("."),
    }


def term_on(day: datetime.date) -> Term | None:
    return Term.objects.filter(start__lte=day, end__gte=day).first()


def _check_period(start, end):
    if end is not None and end < start:
        raise ValidationError(_("Slutdatoen skal ligge efter startdatoen."))


def _most_at_once(periods, start, end) -> int:
    """The largest number of the periods [(start, end or None)] in force on one day of [start, end].
    The number only rises on a day a period starts, so those days are the ones to count."""
    days = {start} | {s for s, _e in periods if s >= start and (end is None or s <= end)}
    return max(sum(1 for s, e in periods if s <= day and (e is None or e >= day)) for day in days)


# Appointments to external bodies


@transaction.atomic
def appoint(
    seat: Seat,
    person: Person,
    *,
    start: datetime.date,
    end: datetime.date | None = None,
    substitute_for: Person | None = None,
    term: Term | None = None,
    decided_by=None,
    note: str = "",
    by=None,
) -> Appointment:
    """Give `person` one of the seat's places from `start`. Refused when every place is taken on some
    day of the period, when the person already holds the seat then, or when a personal substitute is
    for someone who does not sit in the body or already has one."""
    _check_period(start, end)
    # One appointment to a seat at a time, so two secretaries cannot both fill its last place.
    seat = Seat.objects.select_for_update().select_related("body", "council").get(pk=seat.pk)
    if substitute_for is not None:
        _check_personal_substitute(seat, person, substitute_for, start, end)
    held = seat.appointments.overlapping(start, end)
    if held.filter(person=person).exists():
        raise ValidationError(
            _("%(person)s er allerede %(role)s i %(body)s i perioden.")
            % {"person": person.name, "role": seat.get_role_display(), "body": seat.body.name}
        )
    held = list(held.select_related("person"))
    if _most_at_once([(a.start, a.end) for a in held] + [(start, end)], start, end) > seat.count:
        raise ValidationError(
            _(
                "Der er %(count)s plads(er) som %(role)s i %(body)s for %(council)s, og de er besat i "
                "perioden (%(holders)s). Afslut en udpegning først, eller vælg en senere startdato."
            )
            % {
                "count": seat.count,
                "role": seat.get_role_display(),
                "body": seat.body.name,
                "council": seat.council.name,
                "holders": ", ".join(a.person.name for a in held),
            }
        )
    appointment = Appointment.objects.create(
        seat=seat,
        person=person,
        substitute_for=substitute_for,
        term=term or term_on(start),
        start=start,
        end=end,
        decided_by=decided_by,
        decided_by_label=decision_label(decided_by) if decided_by else "",
        note=note,
    )
    summary = _("%(person)s udpeget som %(role)s i %(body)s fra %(start)s") % {
        "person": person.name,
        "role": seat.get_role_display(),
        "body": seat.body.name,
        "start": _day(start),
    }
    if substitute_for:
        summary += _(" (personlig stedfortræder for %(name)s)") % {"name": substitute_for.name}
    audit.record(
        seat.council,
        audit.Area.REGISTER,
        summary,
        action=audit.Action.CREATE,
        person=person,
        by=by,
        changes={"appointment": appointment.pk},
    )
    return appointment


def _check_personal_substitute(seat, person, principal, start, end):
    if seat.role != Role.SUBSTITUTE:
        raise ValidationError(_("Kun en stedfortræder kan være personlig stedfortræder for et medlem."))
    if principal == person:
        raise ValidationError(_("En person kan ikke være sin egen stedfortræder."))
    sits = (
        Appointment.objects.current(start)
        .filter(person=principal, seat__body=seat.body, seat__council=seat.council)
        .exclude(seat__role=Role.SUBSTITUTE)
    )
    if not sits.exists():
        raise ValidationError(
            _("%(name)s sidder ikke i %(body)s for %(council)s den %(date)s.")
            % {"name": principal.name, "body": seat.body.name, "council": seat.council, "date": _day(start)}
        )
    if seat.appointments.overlapping(start, end).filter(substitute_for=principal).exists():
        raise ValidationError(
            _("%(name)s har allerede en personlig stedfortræder i perioden.") % {"name": principal.name}
        )


# The council's own members and substitutes


@transaction.atomic
def add_membership(
    council: Council,
    person: Person,
    *,
    role: str,
    start: datetime.date,
    substitute_for: Person | None = None,
    decided_by=None,
    note: str = "",
    by=None,
) -> Membership:
    """A seat in the council itself, by the same rules as a seat in a body: one row per person at a
    time, one chair and one vice-chair, one personal substitute per member."""
    council = Council.objects.select_for_update().get(pk=council.pk)
    rows = Membership.objects.filter(council=council).overlapping(start)
    if rows.filter(person=person).exists():
        raise ValidationError(
            _("%(person)s sidder allerede i %(council)s fra den dato.")
            % {"person": person.name, "council": council.name}
        )
    if role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR) and rows.filter(role=role).exists():
        raise ValidationError(
            _("%(council)s har allerede en %(role)s i perioden. Afslut den først.")
            % {"council": council.name, "role": Membership.Role(role).label}
        )
    if substitute_for is not None:
        if role != Membership.Role.SUBSTITUTE:
            raise ValidationError(_("Kun en stedfortræder kan være personlig stedfortræder for et medlem."))
        principal = rows.current(start).filter(person=substitute_for).exclude(role=Membership.Role.SUBSTITUTE)
        if not principal.exists():
            raise ValidationError(
                _("%(name)s er ikke medlem af %(council)s den %(date)s.")
                % {"name": substitute_for.name, "council": council.name, "date": _day(start)}
            )
        if rows.filter(substitute_for=substitute_for).exists():
            raise ValidationError(
                _("%(name)s har allerede en personlig stedfortræder i perioden.")
                % {"name": substitute_for.name}
            )
    membership = Membership.objects.create(
        council=council,
        person=person,
        role=role,
        substitute_for=substitute_for,
        start=start,
        decided_by=decided_by,
        decided_by_label=decision_label(decided_by) if decided_by else "",
        note=note,
    )
    summary = _("%(person)s indtræder som %(role)s i %(council)s fra %(start)s") % {
        "person": person.name,
        "role": membership.get_role_display(),
        "council": council.name,
        "start": _day(start),
    }
    if substitute_for:
        summary += _(" (personlig stedfortræder for %(name)s)") % {"name": substitute_for.name}
    audit.record(
        council,
        audit.Area.REGISTER,
        summary,
        action=audit.Action.CREATE,
        person=person,
        by=by,
        changes={"membership": membership.pk},
    )
    return membership


# The council's people


def people_of(council: Council):
    """The people in the council's register: whoever has held a seat in the council or one of its seats
    in a body, or whom its register's history names (someone its secretariat created, not yet
    appointed). People are shared between councils; a council's pages and forms act on these only."""
    person = OuterRef("pk")
    return Person.objects.filter(
        Exists(Membership.objects.filter(council=council, person=person))
        | Exists(Appointment.objects.filter(seat__council=council, person=person))
        | Exists(AuditEntry.objects.filter(council=council, area=AuditEntry.Area.REGISTER, person=person))
    )


def _check_in_register(person: Person, council: Council):
    if not people_of(council).filter(pk=person.pk).exists():
        raise ValidationError(
            _("%(person)s står ikke i registret for %(council)s.")
            % {"person": person.name, "council": council.name}
        )


# Ending, leaving, party changes, terms


def place_label(row) -> str:
    """ "medlem i RAR Nordjylland", "stedfortræder i KKR Nordjylland"."""
    if isinstance(row, Appointment):
        return _("%(role)s i %(body)s") % {"role": row.seat.get_role_display(), "body": row.seat.body.name}
    return _("%(role)s i %(council)s") % {"role": row.get_role_display(), "council": row.council.name}


def _council(row) -> Council:
    return row.seat.council if isinstance(row, Appointment) else row.council


def has_ended(row) -> bool:
    """Whether the row's last day is behind us: what has ended cannot be ended again."""
    return row.end is not None and row.end < timezone.localdate()


def already_ended(row) -> str:
    return _("%(person)s er allerede ophørt som %(place)s den %(end)s.") % {
        "person": row.person.name,
        "place": place_label(row),
        "end": _day(row.end),
    }


def _end(row, end, reason):
    if end < row.start:
        raise ValidationError(
            _("%(person)s var først %(place)s fra %(start)s; vælg en senere slutdato.")
            % {"person": row.person.name, "place": place_label(row), "start": _day(row.start)}
        )
    if row.end is not None and row.end <= end:
        raise ValidationError(already_ended(row))
    row.end, row.end_reason = end, reason
    row.save(update_fields=["end", "end_reason"])


@transaction.atomic
def end_seat(row: Appointment | Membership, *, end: datetime.date, reason: str, by=None):
    """End an appointment or a membership on `end` (the last day), with the reason. A row whose end
    has passed is refused: shortening a finished period would rewrite history."""
    if has_ended(row):
        raise ValidationError(already_ended(row))
    _end(row, end, reason)
    summary = _("%(person)s ophører som %(place)s den %(end)s: %(reason)s") % {
        "person": row.person.name,
        "place": place_label(row),
        "end": _day(end),
        "reason": reason,
    }
    audit.record(
        _council(row), audit.Area.REGISTER, summary, person=row.person, by=by, changes={"ended": row.pk}
    )


@dataclass
class LeavingPlan:
    """What happens when a person leaves a council's seats on a date: the seats that end, the personal
    substitutes who move up from the next day, and the substitute seats that become vacant as a result."""

    person: Person
    on: datetime.date
    council: Council
    ends: list = field(default_factory=list)
    moves: list = field(default_factory=list)  # (the substitute's row, the leaving person's row)

    @property
    def lines(self) -> list[str]:
        lines = [
            _("%(person)s ophører som %(place)s den %(date)s.")
            % {"person": self.person.name, "place": place_label(row), "date": _day(self.on)}
            for row in self.ends
        ]
        for substitute, row in self.moves:
            lines.append(
                _("%(name)s rykker op som %(place)s fra %(date)s, og pladsen som stedfortræder bliver ledig.")
                % {
                    "name": substitute.person.name,
                    "place": place_label(row)
                    if isinstance(row, Appointment)
                    else _("medlem i %(council)s") % {"council": row.council.name},
                    "date": _day(self.on + ONE_DAY),
                }
            )
        return lines


def leaving_plan(person: Person, on: datetime.date, *, council: Council) -> LeavingPlan:
    """The person's seats in the council and in bodies for it; their seats elsewhere are other
    councils' to end."""
    plan = LeavingPlan(person, on, council)
    appointments = Appointment.objects.current(on).filter(person=person, seat__council=council)
    for row in appointments.select_related("seat__body", "seat__council"):
        plan.ends.append(row)
        if row.seat.role != Role.SUBSTITUTE:
            substitutes = Appointment.objects.current(on).filter(
                substitute_for=person, seat__body=row.seat.body, seat__council=row.seat.council
            )
            plan.moves += [(sub, row) for sub in substitutes.select_related("person", "seat__body")]
    for row in (
        Membership.objects.current(on).filter(person=person, council=council).select_related("council")
    ):
        plan.ends.append(row)
        if row.role != Membership.Role.SUBSTITUTE:
            substitutes = Membership.objects.current(on).filter(substitute_for=person, council=row.council)
            plan.moves += [(sub, row) for sub in substitutes.select_related("person", "council")]
    return plan


@transaction.atomic
def person_leaves(
    person: Person, *, council: Council, on: datetime.date, reason: str, by=None
) -> LeavingPlan:
    """The person leaves every seat they hold in or for the council on `on` (their last day). Where
    they had a personal substitute, the substitute moves up from the next day in a new row, and their
    substitute seat ends, so it shows as vacant until someone is appointed."""
    plan = leaving_plan(person, on, council=council)
    if not plan.ends:
        raise ValidationError(
            _("%(person)s har ingen pladser i %(council)s den %(date)s.")
            % {"person": person.name, "council": council.name, "date": _day(on)}
        )
    for row in plan.ends:
        end_seat(row, end=on, reason=reason, by=by)
    for substitute, row in plan.moves:
        moved = _("Indtrådt i stedet for %(name)s") % {"name": person.name}
        end_seat(substitute, end=on, reason=moved, by=by)
        if isinstance(row, Appointment):
            appoint(row.seat, substitute.person, start=on + ONE_DAY, term=row.term, note=moved, by=by)
        else:
            member = Membership.Role.MEMBER
            add_membership(row.council, substitute.person, role=member, start=on + ONE_DAY, note=moved, by=by)
    return plan


@transaction.atomic
def change_party(person: Person, *, party: str, on: datetime.date, council: Council, note="", by=None):
    """Record that the person belongs to `party` ("" for løsgænger) from `on`, keeping the earlier
    party as a period that ends the day before. The person must be in the council's register: the
    secretariat of one council cannot change another council's people."""
    _check_in_register(person, council)
    person = Person.objects.select_for_update().get(pk=person.pk)
    party = party.strip().upper()
    if party == person.party:
        raise ValidationError(_("%(person)s har allerede det partibogstav.") % {"person": person.name})
    current = person.affiliations.filter(end__isnull=True).first()
    if current is None:  # the first change recorded: the party held so far, since a date not known
        current = PartyAffiliation.objects.create(person=person, party=person.party)
    if current.start is not None and on <= current.start:
        raise ValidationError(
            _("Det seneste partiskifte er registreret %(date)s; vælg en senere dato.")
            % {"date": _day(current.start)}
        )
    current.end = on - ONE_DAY
    current.save(update_fields=["end"])
    PartyAffiliation.objects.create(person=person, party=party, start=on, note=note)
    old = person.party
    person.party = party
    person.save(update_fields=["party"])
    summary = _("%(person)s skifter fra %(old)s til %(new)s den %(date)s") % {
        "person": person.name,
        "old": old or _("løsgænger"),
        "new": party or _("løsgænger"),
        "date": _day(on),
    }
    audit.record(council, audit.Area.REGISTER, summary, person=person, by=by, changes={"party": [old, party]})
    return person


@transaction.atomic
def carry_over(council: Council, old: Term, new: Term, *, by=None) -> int:
    """End the council's appointments of the old term on its last day and start the same people in
    the same seats on the new term's first day. Appointments already carried over are left alone."""
    if new.start <= old.end:
        raise ValidationError(_("Den nye valgperiode skal begynde efter den gamle."))
    rows = Appointment.objects.current(old.end).filter(seat__council=council, term=old).select_related("seat")
    carried = 0
    for row in rows:
        if Appointment.objects.filter(seat=row.seat, person=row.person, term=new).exists():
            continue
        if row.end is None:
            _end(row, old.end, _("Valgperioden %(term)s sluttede") % {"term": old.label})
        substitute_for = row.substitute_for
        if substitute_for and not Appointment.objects.filter(person=substitute_for, term=new).exists():
            substitute_for = None  # their principal is not carried over (yet): not personal any more
        Appointment.objects.create(
            seat=row.seat,
            person=row.person,
            substitute_for=substitute_for,
            term=new,
            start=new.start,
            note=_("Videreført fra valgperioden %(term)s") % {"term": old.label},
        )
        carried += 1
    summary = _("%(count)s udpegninger videreført fra %(old)s til %(new)s") % {
        "count": carried,
        "old": old.label,
        "new": new.label,
    }
    audit.record(
        council, audit.Area.REGISTER, summary, action=audit.Action.CREATE, by=by, changes={"carried": carried}
    )
    return carried


# Reading the register


@dataclass
class SeatHolders:
    seat: Seat
    holders: list

    @property
    def vacant(self) -> int:
        return max(self.seat.count - len(self.holders), 0)


@dataclass
class CouncilSeat:
    """A member of the council with their personal substitute, if any."""

    membership: Membership
    substitute: Membership | None = None


@dataclass
class Register:
    council: Council
    on: datetime.date
    bodies: list  # [(Body, [SeatHolders])]
    members: list  # [CouncilSeat]
    other_substitutes: list  # substitutes in the council who stand in for no current member

    @property
    def vacancies(self) -> int:
        seats = sum(s.vacant for _body, seats in self.bodies for s in seats)
        return seats + sum(1 for m in self.members if m.substitute is None)


def register(council: Council, on: datetime.date) -> Register:
    """Who holds the council's seats on a date, body by body, and who sits in the council itself."""
    seats = list(council.seats.select_related("body").order_by("body__name"))
    held = (
        Appointment.objects.current(on)
        .filter(seat__council=council)
        .select_related("person", "substitute_for")
        .prefetch_related("person__affiliations")
        .order_by("start", "person__name")
    )
    by_seat = {}
    for row in held:
        by_seat.setdefault(row.seat_id, []).append(row)
    bodies = {}
    for seat in sorted(seats, key=lambda s: (s.body.name, s.sort_key)):
        bodies.setdefault(seat.body, []).append(SeatHolders(seat, by_seat.get(seat.pk, [])))
    rows = list(
        Membership.objects.current(on)
        .filter(council=council)
        .select_related("person", "substitute_for")
        .prefetch_related("person__affiliations")
    )
    order = list(Membership.Role.values)
    principals = sorted(
        (r for r in rows if r.role != Membership.Role.SUBSTITUTE),
        key=lambda r: (order.index(r.role), r.person.name),
    )
    substitutes = {r.substitute_for_id: r for r in rows if r.role == Membership.Role.SUBSTITUTE}
    members = [CouncilSeat(m, substitutes.pop(m.person_id, None)) for m in principals]
    return Register(council, on, list(bodies.items()), members, list(substitutes.values()))


def body_history(body: Body):
    """Every appointment to the body's seats, newest first within each seat."""
    return (
        Appointment.objects.filter(seat__body=body)
        .select_related("person", "substitute_for", "seat__council", "term")
        .prefetch_related("person__affiliations")
        .order_by("seat__council__name", "seat__role", "-start")
    )
