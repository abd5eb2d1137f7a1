"""Demo content of the appointments register: the bodies named in the 5 February 2021 agenda, and the
events of its item 4.1 played through appointments.services as the secretariat would record them.

The seed names the bodies but not their seats or who holds them, except that Line Vanggaard Pedersen
is a substitute in RAR Nordjylland. Seat counts, term dates and the other appointments are invented for
the demo, and their notes say so."""

import datetime

from appointments import services
from appointments.models import Body, Seat, Term
from kkr.demo.meetings import MEMBERSHIPS
from kkr.models import Membership

D = datetime.date
INVENTED = "Demo: opdigtet udpegning."

TERMS = [
    # KKR terms run from one constituent meeting to the next; the dates are demo values.
    ("2018-2022", D(2018, 1, 1), D(2022, 1, 31)),
    ("2022-2026", D(2022, 2, 1), D(2026, 1, 31)),
]

Role = Seat.Role
POLITICAL, ADMINISTRATIVE = Body.Kind.POLITICAL, Body.Kind.ADMINISTRATIVE
# (name, slug, kind, description, [(role, count)])
BODIES = [
    (
        "RAR Nordjylland",
        "rar-nordjylland",
        POLITICAL,
        "Det Regionale Arbejdsmarkedsråd for Nordjylland.",
        [(Role.MEMBER, 1), (Role.SUBSTITUTE, 1)],
    ),
    (
        "Erhvervshus Nordjylland, bestyrelsen",
        "erhvervshus-nordjylland",
        POLITICAL,
        "",
        [(Role.MEMBER, 2)],
    ),
    ("Business Region North Denmark (BRN)", "brn", POLITICAL, "", [(Role.MEMBER, 1)]),
    ("Praksisplanudvalget", "praksisplanudvalget", POLITICAL, "", [(Role.MEMBER, 1), (Role.SUBSTITUTE, 1)]),
    ("Limfjordsrådet", "limfjordsraadet", POLITICAL, "", [(Role.OBSERVER, 1)]),
    (
        "Følgegruppe for Passagerrådet",
        "foelgegruppe-passagerraadet",
        ADMINISTRATIVE,
        "Administrativ følgegruppe om opfølgningen på Passagerrådets anbefalinger.",
        [(Role.MEMBER, 1)],
    ),
    ("Sundhedskoordinationsudvalget", "sundhedskoordinationsudvalget", POLITICAL, "", [(Role.MEMBER, 2)]),
]

# (body slug, role, person, note) from the start of the first term
APPOINTMENTS = [
    ("rar-nordjylland", Role.MEMBER, "Mogens Christen Gade", INVENTED),
    ("rar-nordjylland", Role.SUBSTITUTE, "Line Vanggaard Pedersen", ""),
    ("erhvervshus-nordjylland", Role.MEMBER, "Arne Boelt", INVENTED),
    ("brn", Role.MEMBER, "Arne Boelt", INVENTED),
]


def load_register(council, people):
    """Bodies, seats, the council's members and the events of item 4.1; once per database."""
    if council.seats.exists():
        return
    for label, term_start, term_end in TERMS:
        Term.objects.get_or_create(label=label, defaults={"start": term_start, "end": term_end})
    start = TERMS[0][1]
    seats = {}
    for name, slug, kind, description, roles in BODIES:
        body, _ = Body.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "description": description}
        )
        for role, count in roles:
            seats[slug, role] = Seat.objects.create(body=body, council=council, role=role, count=count)
    for slug, role, name, note in APPOINTMENTS:
        services.appoint(seats[slug, role], people[name], start=start, note=note)
    if not council.memberships.exists():
        for name, role, substitute_for in MEMBERSHIPS:
            services.add_membership(
                council, people[name], role=role, start=start, substitute_for=people.get(substitute_for)
            )

    # Item 4.1 of 5 February 2021. Karsten Frederiksen left the city council on 31 December 2020, so his
    # personal substitute Vibeke Merete Gamst became a member and a new substitute is needed for her (the
    # agenda proposes Lene Aalestrup; the minutes decide it).
    karsten = people["Karsten Frederiksen"]
    if Membership.objects.current(D(2020, 12, 31)).filter(person=karsten, end__isnull=True).exists():
        services.person_leaves(
            karsten, council=council, on=D(2020, 12, 31), reason="Udtrådt af byrådet i Brønderslev Kommune"
        )
    # Line Vanggaard Pedersen left the Conservatives on 15 January 2021; the blue bloc is to find a new
    # substitute for RAR Nordjylland, so her seat there awaits a new appointment.
    line = people["Line Vanggaard Pedersen"]
    left = "Udtrådt af Det Konservative Folkeparti"
    services.change_party(line, party="", on=D(2021, 1, 15), council=council, note=left)
    services.end_seat(
        line.appointments.get(seat=seats["rar-nordjylland", Role.SUBSTITUTE]),
        end=D(2021, 1, 15),
        reason=f"{left}; blå blok finder en ny stedfortræder",
    )
