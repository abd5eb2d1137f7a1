"""The access matrix: every address of the portal, by GET and by POST, as each kind of visitor.

The addresses are walked from the URL resolver, so a new page joins the matrix without being listed
here. Each address is filled with real objects in up to three situations: a council's published
meeting, its draft meeting, and another council's address holding the first council's objects (the
ids a secretary of one council could type into their own council's addresses). What a visitor may do
follows from the kind of address and the visitor's role in the address's council (`expected`), not
from a list per address. A POST sends what the form would accept, so a refusal is a real one.

Each request runs in a savepoint that is rolled back, with the visitor's cookies put back, so every
request meets the same data whatever ran before it. A refused request must leave every table as it
was (compared with one snapshot per visitor, whenever the request wrote a row at all), and no request
may answer 500.

Size when written: 71 URL patterns, filled in 129 addresses, × 2 methods × 5 visitors = 1290 requests
(the test prints it)."""

import datetime
import hashlib
from copy import deepcopy
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.http import Http404
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from agendas import pdf
from agendas.forms import sign_import
from agendas.models import AgendaItem, Attachment, Meeting
from agendas.services import create_item, create_meeting, delete_item_by, publish_agenda
from appointments import services as register
from appointments.models import Body, Seat
from appointments.pdf import REGISTER
from documents.services import request_document
from kkr.lib.simplepdf import text_pdf
from kkr.models import Council, Membership, Person, Subscription
from minutes import services as minutes_services
from proposals import services as proposals_services
from proposals.models import CouncilRole, Proposal
from tests.factories import (
    make_attachment,
    make_handler,
    make_imported_agenda,
    make_member,
    make_secretary,
    publish,
)

pytestmark = pytest.mark.django_db

FEB_5 = datetime.date(2021, 2, 5)
METHODS = ("GET", "POST")

# Roles in the council of an address: its members and secretariat, another council's, or none.
ANONYMOUS, MEMBER, SECRETARIAT = "anonymous", "member", "secretariat"
OTHER_MEMBER, OTHER_SECRETARIAT = "other council's member", "other council's secretariat"
# The intake of item proposals: a case handler and a reviewer (the demo's, in A), and B's handler.
HANDLER, REVIEWER, OTHER_HANDLER = "handler", "reviewer", "other council's handler"
# The visitors, named by their role in council A: (their own council, their role there).
VISITORS = {
    ANONYMOUS: None,
    MEMBER: ("A", MEMBER),
    SECRETARIAT: ("A", SECRETARIAT),
    OTHER_SECRETARIAT: ("B", SECRETARIAT),
    OTHER_MEMBER: ("B", MEMBER),
    HANDLER: ("A", HANDLER),
    REVIEWER: ("A", REVIEWER),
    OTHER_HANDLER: ("B", HANDLER),
}

# The situations an address is filled in.
PUBLISHED = "A's published meeting"
DRAFT = "A's draft meeting"
FOREIGN = "B's address, A's objects"

# Kinds of address.
PUBLIC = "public"  # anyone reads what is published; a draft is the secretariat's
MINUTES = "minutes"  # as public, but the published meeting's minutes are still a draft
MEMBERS = "members"  # a member's own notes on a published meeting
LOGGED_IN = "logged in"  # anyone logged in (their notes across councils)
SECRETARIAT_ONLY = "secretariat"  # the council's secretariat
RETRY = "retry"  # restarting a failed render: each costs a worker, so it is the secretariat's
PROPOSAL = "proposal"  # an item proposal: its handler's, its council's reviewers' and secretariat's
LINK = "link"  # a subscriber's own link from their mail: the token is the permission, whoever holds it
NEW_PROPOSAL = "new proposal"  # a new proposal in a council: its case handlers'

# The secretariat's pages outside the editors' "rediger/" addresses.
SECRETARIAT_PAGES = {
    "agendas:new_meeting",
    "agendas:planned_items",
    "agendas:import_agenda",
    "appointments:history",
    "appointments:appoint",
    "appointments:membership_new",
    "appointments:end",
    "appointments:leave",
    "appointments:party_change",
    "appointments:person_new",
    "appointments:body_new",
    "appointments:seat_new",
    "appointments:terms",
    "proposals:roles",
    "proposals:revoke_role",
    "proposals:intake_settings",
}

# Converters naming a council's own rows: with these, an address of council B is tried with A's rows.
# Bodies are shared by the councils that appoint to them, and people by the councils they sit in, but
# a person's page and forms in a council are about their seats there (A's member has none in B).
OWNED = {"item_id", "section_id", "attachment_id", "entry_id", "absence_id", "document_id"}
OWNED |= {"person_id", "seat_id", "pk", "role_id"}

READ = {200, 302}

# A POST to the demo's draft proposal as (its handler, A's reviewer, A's secretariat): done (302), the
# wrong state for it (422) or not theirs (403).
DRAFT_PROPOSAL = {
    "proposals:save": (302, 422, 422),  # the handler edits a draft; the secretariat an approved one
    "proposals:upload": (302, 422, 422),
    "proposals:remove_attachment": (302, 422, 422),
    "proposals:comment": (302, 302, 302),
    "proposals:submit": (422, 403, 403),  # its meeting, 23 April 2021, is held: the handler is told so
    "proposals:return": (422, 422, 422),  # a draft waits for no review
    "proposals:approve": (422, 422, 422),
    "proposals:accept_late": (403, 403, 422),
    "proposals:place": (403, 403, 422),
}
DONE = {200, 302, 409, 422}  # done, or refused by the form or a conflict: the secretariat's own work


def access_kind(name, route):
    if name in ("agendas:my_notes", "proposals:mine", "security", "log_out_everywhere"):
        return LOGGED_IN
    if name in ("subscription_confirm", "subscription_unsubscribe"):
        return LINK
    if name == "proposals:create":
        return NEW_PROPOSAL
    if name.startswith("proposals:") and "proposal_id" in route:
        return PROPOSAL
    if "rediger/" in route or name in SECRETARIAT_PAGES:
        return SECRETARIAT_ONLY
    if name.endswith("_retry"):
        return RETRY
    if "noter/" in route:
        return MEMBERS
    if name == "minutes:minutes":
        return MINUTES
    return PUBLIC


def expected(address, role, situation, method):
    """The statuses a visitor in `role` may get for a request."""
    kind, methods = address.kind, address.methods
    if kind == LOGGED_IN:
        if role == ANONYMOUS:
            return {302}  # to the login page, whatever the method
        return READ if method in methods else {405}  # (log out on all devices: to the login page)
    if method not in methods:
        return {405}
    if kind == PROPOSAL:
        # The demo's draft of A's handler: its handler, A's reviewer and secretariat see it, nobody else
        # learns it exists. What each of the three may do depends on the state: a change that is not
        # theirs is refused by the services, 403 for the wrong user, 422 for the wrong state.
        if role == ANONYMOUS:
            return {302}
        if role not in (HANDLER, REVIEWER, SECRETARIAT):
            return {404}
        if method == "GET":
            return {403} if address.name == "proposals:remove_attachment" and role != HANDLER else {200}
        return {DRAFT_PROPOSAL[address.name][(HANDLER, REVIEWER, SECRETARIAT).index(role)]}
    if kind == NEW_PROPOSAL:
        if role == ANONYMOUS:
            return {302}
        return DONE if role == HANDLER else {403}
    if kind == LINK:
        return {200}
    if kind == SECRETARIAT_ONLY:
        if role != SECRETARIAT:
            return {403}
        if situation == FOREIGN:
            return {404}
        if situation == DRAFT and address.name.startswith("minutes:"):
            return {302, 404}  # minutes are written to a published agenda: none yet (the editor says so)
        return DONE
    if kind == RETRY:
        if situation == FOREIGN or (situation == DRAFT and address.name.startswith("agendas:")):
            return {404}  # no such document here (a draft has no readers' documents)
        return READ if role == SECRETARIAT else {403}
    if kind == MEMBERS:
        if situation == DRAFT:
            return {404}  # notes are taken on published items; the draft is not known to others
        if role not in (MEMBER, SECRETARIAT):
            return {403}
        return {404} if situation == FOREIGN else DONE
    if situation == FOREIGN:
        return {404}
    if kind == MINUTES:
        # 5 February's minutes are a draft, and a draft meeting has none: only the secretariat reads.
        return READ if role == SECRETARIAT and situation == PUBLISHED else {404}
    if situation == DRAFT:
        return READ if role == SECRETARIAT else {404}
    return READ


def methods_of(view):
    """The methods a view takes, from its require_http_methods decorators or its class."""
    if hasattr(view, "view_class"):
        return {m.upper() for m in view.view_class.http_method_names if hasattr(view.view_class, m)}
    while view is not None:
        names = view.__code__.co_freevars
        for name, cell in zip(names, view.__closure__ or (), strict=True):
            if name == "request_method_list":
                return set(cell.cell_contents)
        view = getattr(view, "__wrapped__", None)
    return set(METHODS)


@dataclass
class Address:
    name: str
    route: str
    converters: list
    methods: set

    @property
    def kind(self):
        return access_kind(self.name, self.route)


def addresses(resolver=None, route="", namespace=""):
    """Every URL pattern of the project, but the admin's and the static and media files'."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        part = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if part == "admin/":
                continue  # Django's own admin: staff only by its own login (test_access tests that)
            if part == "konto/":
                continue  # django-allauth's pages of one's own login (tests/accounts tests them)
            yield from addresses(pattern, route + part, pattern.namespace or namespace)
            continue
        if (route + part).startswith((settings.STATIC_URL.lstrip("/"), settings.MEDIA_URL.lstrip("/"))):
            continue  # files, served without our views' access rules (none in the URLconf today)
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        yield Address(name, route + part, list(pattern.pattern.converters), methods_of(pattern.callback))


# The data: the demo's council A (KKR Nordjylland) and a council B built for this test.


@dataclass
class Situation:
    name: str
    council: str  # "A" or "B": whose address
    values: dict  # converter name -> value
    objects: dict  # what the POST data names
    documents: dict = field(default_factory=dict)  # {(family, audience): document id}


def _documents(values, users):
    """One document of each family and audience the situation's readers can ask for, made as the
    documents app makes them for a reader."""
    documents = {}
    for family in ("appointments:register_pdf", "agendas:document", "agendas:preview_document"):
        names = ["council_slug", "kind_slug"] + (["date"] if family.startswith("agendas:") else [])
        family_values = _kwargs(family, values)
        match = resolve(reverse(family, kwargs={name: family_values[name] for name in names}))
        reader = {k: v for k, v in match.kwargs.items() if k not in ("resolve", "name")}
        for user in users:
            request = RequestFactory().get("/")
            request.user = user
            try:
                reading = match.kwargs["resolve"](request, **reader)
            except (Http404, PermissionDenied):
                continue
            if isinstance(reading, str):
                continue  # a draft's readers' document: its secretariat is sent to the preview
            document = request_document(reading.kind, reading.source, reading.audience)
            documents[family, reading.audience] = document.pk
    return documents


def _meeting_objects(meeting, secretary):
    """An open item with an open attachment, its section, and a deletion the secretariat can undo."""
    attachment = (
        Attachment.objects.filter(item__section__meeting=meeting, is_closed=False, item__is_closed=False)
        .select_related("item__section")
        .order_by("item__section__position", "item__position")
        .first()
    )
    if attachment is None:  # the demo's draft has none yet
        item = AgendaItem.objects.filter(section__meeting=meeting, is_closed=False).order_by("pk").first()
        attachment = make_attachment(item, "Bilag til udkastet")
    item = attachment.item
    doomed = create_item(item.section, title="Slettes", case_number="SAG-2021-00512", case_handler="hast")
    entry = delete_item_by(doomed, by=secretary)
    return {
        "meeting": meeting,
        "item": item,
        "section": item.section,
        "attachment": attachment,
        "entry": entry,
    }


def _values(council, objects, *, person=None, membership=None, seat=None, absence=None, subscription=None):
    """The converters' values: the council's, its meeting's and these rows' (a draft has no versions)."""
    meeting = objects["meeting"]
    values = {"council_slug": council.slug, "date": meeting.date, "year": meeting.date.year}
    values |= {"kind_slug": pdf.AGENDA.slug, "register_slug": REGISTER.slug}
    values |= {"item_id": objects["item"].pk, "section_id": objects["section"].pk}
    values |= {"attachment_id": objects["attachment"].pk, "entry_id": objects["entry"].pk}
    # The demo's proposals are council A's (an address without a council: no foreign situation).
    proposal = Proposal.objects.filter(council__slug="kkr-nordjylland").order_by("pk").first()
    values["proposal_id"] = proposal.pk
    values["proposal_attachment_id"] = proposal.attachments.order_by("pk").first().pk
    values["role_id"] = CouncilRole.objects.filter(council=council).order_by("pk").first().pk
    if meeting.versions.count() >= 2:
        values["number"] = 2
    if absence is not None:
        values["absence_id"] = absence.pk
    if subscription is not None:
        values["token"] = subscription.token
    values["uidb64"] = "MQ"  # a password reset link (with the subscription's token: not a valid one)
    if person is not None:
        values["person_id"] = person.pk
    if membership is not None:
        values |= {"kind": "medlemskab", "pk": membership.pk}
    if seat is not None:
        values |= {"seat_id": seat.pk, "body_slug": seat.body.slug}
    return values


@pytest.fixture
def world():
    """Council A from the demo and council B with the same kinds of rows, and a user for each visitor."""
    call_command("load_demo", stdout=None)
    a = Council.objects.get(slug="kkr-nordjylland")
    secretary_a = a.secretariat.get()
    member_person = Person.objects.get(user__username="medlem")  # A's vice-chair
    published = Meeting.objects.get(council=a, date=FEB_5)  # its minutes are a draft
    publish_agenda(published, change_note="Rettet", notify=False, render=False)  # version 2
    draft = Meeting.objects.get(council=a, published_version__isnull=True)
    handler_a = User.objects.get(username="sagsbehandler")
    proposal = Proposal.objects.filter(council=a).order_by("pk").first()  # the demo's draft
    proposals_services.add_attachment(proposal, "Notat", text_pdf("Notat", ["Et notat."]), by=handler_a)

    b = Council.objects.create(name="KKR Syddanmark", slug="kkr-syddanmark")
    secretary_b = make_secretary(b, username="sekretariat-syd")
    member_b = make_member(b, username="medlem-syd")
    handler_b = make_handler(b, "abc", username="sagsbehandler-syd")
    person_b = member_b.person
    meeting_b = create_meeting(
        b,
        date=FEB_5,
        start_time=datetime.time(9),
        place="Vejle",
        case_number="SAG-2021-00777",
        case_handler="abc",
    )
    item_b = create_item(
        meeting_b.sections.get(position=3), title="Vandløb", case_number="SAG-2021-00777", case_handler="abc"
    )
    make_attachment(item_b, "Bilag om vandløb")
    publish(meeting_b, sent_on=datetime.date(2021, 1, 29))
    publish(meeting_b)  # version 2
    body_b = Body.objects.create(name="Vækstforum Syddanmark", slug="vaekstforum-syddanmark")
    seat_b = Seat.objects.create(body=body_b, council=b, role=Seat.Role.MEMBER, count=2)
    register.appoint(seat_b, person_b, start=datetime.date(2021, 1, 1), by=secretary_b)

    objects_a = _meeting_objects(published, secretary_a)
    objects_b = _meeting_objects(meeting_b, secretary_b)
    absence_a = minutes_services.add_absence(
        minutes_services.minutes_for(published), objects_a["item"], member_person, "left"
    )
    seat_a = Seat.objects.get(body__slug="rar-nordjylland", council=a, role=Seat.Role.SUBSTITUTE)
    membership_a = Membership.objects.current(FEB_5).get(council=a, person=member_person)
    newcomer = Person.objects.create(name="Ny Nabo", party="V")

    # Waiting for its confirmation: its confirmation link confirms it, its unsubscribe link deletes it.
    subscription = Subscription.objects.create(
        council=a, email="borger@example.org", confirmation_sent_at=timezone.now()
    )
    a_values = _values(
        a,
        objects_a,
        person=member_person,
        membership=membership_a,
        seat=seat_a,
        absence=absence_a,
        subscription=subscription,
    )
    draft_objects = _meeting_objects(draft, secretary_a)
    b_values = _values(b, objects_b, seat=seat_b)
    situations = [
        Situation(PUBLISHED, "A", a_values, objects_a),
        Situation(DRAFT, "A", _values(a, draft_objects), draft_objects),
        # B's address and meeting (same date), A's rows: what B's secretariat could type in.
        Situation(FOREIGN, "B", a_values | {k: v for k, v in b_values.items() if k not in OWNED}, objects_a),
    ]
    anonymous = AnonymousUser()
    for situation, secretary in zip(situations, (secretary_a, secretary_a, secretary_b), strict=True):
        situation.documents = _documents(situation.values, [anonymous, secretary])
        situation.objects |= {"newcomer": newcomer, "absent": member_person, "proposal": proposal}
    situations[2].documents = situations[0].documents  # A's documents, in B's addresses
    users = {
        MEMBER: member_person.user,
        SECRETARIAT: secretary_a,
        OTHER_SECRETARIAT: secretary_b,
        OTHER_MEMBER: member_b,
        HANDLER: handler_a,
        REVIEWER: User.objects.get(username="godkender"),
        OTHER_HANDLER: handler_b,
    }
    return {"users": users, "situations": {s.name: s for s in situations}}


def role_in(visitor, situation):
    """The visitor's role in the council of the situation's address."""
    if VISITORS[visitor] is None:
        return ANONYMOUS
    council, role = VISITORS[visitor]
    return role if council == situation.council else f"other council's {role}"


def post_data(name, objects):
    """What the form at this address would accept (empty where it takes nothing)."""
    meeting, item = objects["meeting"], objects["item"]
    day = meeting.date.isoformat()
    data = {
        "login": {"username": "nobody", "password": "wrong"},
        "agendas:item_save": {
            f"item-{item.pk}-{k}": v
            for k, v in {
                "title": "Ny titel",
                "case_number": item.case_number,
                "case_handler": item.case_handler,
                "recommendation": item.recommendation,
                "revision": item.revision,
            }.items()
        },
        "agendas:item_create": {
            "title": "Nyt punkt",
            "case_number": "SAG-2021-00512",
            "case_handler": "hast",
        },
        "agendas:item_move": {"direction": "down"},
        "agendas:attachment_upload": {
            "files": SimpleUploadedFile("bilag.pdf", text_pdf("Bilag", ["Et bilag."]), "application/pdf")
        },
        "agendas:attachment_update": {"title": "Nyt navn", "is_closed": "on"},
        "agendas:attachment_move": {"direction": "down"},
        "agendas:publish": {"sent_on": day, "change_note": "Rettet igen", "confirm_date": "on"},
        "agendas:meeting_facts": {
            "date": day,
            "start_time": "09:00",
            "place": "Et andet sted",
            "kind": meeting.kind,
        },
        "agendas:new_meeting": {
            "date": "2021-06-18",
            "start_time": "09:00",
            "place": "Aalborg",
            "kind": "ordinary",
            "case_number": "SAG-2021-00512",
            "case_handler": "hast",
        },
        # The preview's form: what an upload found, signed for the council, created as a draft.
        "agendas:import_agenda": {
            "date": "2021-06-18",
            "start_time": "09:00",
            "place": "Aalborg",
            "agenda": sign_import(meeting.council, make_imported_agenda(), "dagsorden.pdf"),
        },
        "agendas:planned_items": {
            "meeting_date": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "title": "Planlagt punkt",
        },
        "agendas:save_note": {"text": "Min note"},
        "subscribe": {"email": "borger@example.org", "what": ["agendas", "minutes"]},
        "proposals:roles": {"user": "medlem", "role": "reviewer", "step": "2"},
        "proposals:revoke_role": {"confirmed": "1"},
        "proposals:intake_settings": {"review_steps": "2", "deadline_working_days": "8", "warning_days": "2"},
        "proposals:deadline": {
            "deadline_0": (meeting.date - datetime.timedelta(days=14)).isoformat(),
            "deadline_1": "12:00",
            "warning_days": "3",
        },
        "proposals:create": {"title": "Nyt punktforslag", "case_number": "SAG-2021-00512"},
        "proposals:save": {
            "title": "Ny titel",
            "case_number": "SAG-2021-00512",
            "recommendation": "<p>Det indstilles, at KKR godkender.</p>",
            "revision": objects["proposal"].revision,
        },
        "proposals:upload": {
            "file": SimpleUploadedFile("bilag.pdf", text_pdf("Bilag", ["Et bilag."]), "application/pdf")
        },
        "proposals:remove_attachment": {"confirmed": "1"},
        "proposals:comment": {"text": "En kommentar"},
        "proposals:return": {"comment": "Mangler en dato.", "confirmed": "1"},
        "proposals:approve": {"comment": "Fint."},
        "proposals:place": {"section": item.section_id, "confirmed": "1"},
        "minutes:save_decision": {f"punkt-{item.pk}-text": "Godkendt."},
        "minutes:attendance": {"guests": "Jens Jensen, direktør"},
        "minutes:add_absence": {"item": item.pk, "person": objects["absent"].pk, "reason": "disqualified"},
        "minutes:send": {"sent_on": day},
        "appointments:appoint": {"person": objects["newcomer"].pk, "start": "2021-02-06"},
        "appointments:membership_new": {"person": objects["newcomer"].pk, "role": "substitute", "start": day},
        "appointments:end": {"end": "2021-06-30", "reason": "Fraflyttet"},
        "appointments:leave": {"on": "2021-06-30", "reason": "Udtrådt af byrådet", "confirmed": "True"},
        "appointments:party_change": {"party": "", "on": "2021-03-01"},
        "appointments:person_new": {"name": "Ny Person", "party": "A"},
        "appointments:body_new": {"name": "Nyt organ", "slug": "nyt-organ", "kind": "political"},
        "appointments:seat_new": {"role": "observer", "count": 1},
        "appointments:terms": {
            "term-label": "2030-2033",
            "term-start": "2030-01-01",
            "term-end": "2033-12-31",
        },
    }
    return data.get(name, {})


def snapshot():
    """{model: (rows, hash of all rows)} for every table."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        digest = hashlib.sha256()
        rows = 0
        for row in model._base_manager.order_by("pk").values_list():
            digest.update(repr(row).encode())
            rows += 1
        state[model._meta.label] = (rows, digest.hexdigest())
    return state


def rows_written():
    """How many row writes this connection has made (it never goes down, rolled back or not): when it
    has not moved, no table can have changed, and the snapshot need not be compared."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:  # PostgreSQL: this transaction's writes, its rolled-back savepoints' included
            cursor.execute("SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) FROM pg_stat_xact_all_tables")
        return cursor.fetchone()[0] or 0


def _kwargs(name, values):
    """The values for an address's converters (the register's documents have their own kind)."""
    if name.startswith("appointments:"):
        values = values | {"kind_slug": values["register_slug"]}
    return values


def _url(address, situation, role):
    """The address filled with the situation's rows, or None where it has no such row (a draft has
    no versions, minutes or readers' documents)."""
    values = _kwargs(address.name, situation.values)
    if address.name.startswith("proposals:"):
        values = values | {"attachment_id": values["proposal_attachment_id"]}
    if "document_id" in address.converters:
        # The document of the reader's audience, as the documents app would have made it for them.
        family = address.name.removesuffix("_status").removesuffix("_retry")
        audience = "members" if role in (MEMBER, SECRETARIAT) else "public"
        mine = situation.documents.get((family, audience))
        document = mine or next((d for (f, _a), d in situation.documents.items() if f == family), None)
        if document is not None:
            values = values | {"document_id": document}
    if not set(address.converters) <= values.keys():
        return None
    return reverse(address.name, kwargs={name: values[name] for name in address.converters})


def cases():
    """(address, situation name) for every address in every situation it can be filled in."""
    for address in addresses():
        converters = set(address.converters)
        yield address, PUBLISHED
        if "date" in converters:
            yield address, DRAFT
        if converters & OWNED and "council_slug" in converters:  # a proposal's address names no council
            yield address, FOREIGN


@pytest.mark.parametrize("visitor", VISITORS)
def test_access_matrix(client, world, visitor):
    if visitor != ANONYMOUS:
        client.force_login(world["users"][visitor])
    before = snapshot()
    failures, requests, filled = [], 0, 0
    for address, situation_name in cases():
        situation = world["situations"][situation_name]
        role = role_in(visitor, situation)
        url = _url(address, situation, role)
        if url is None:
            if situation_name == PUBLISHED:  # every address has rows to fill it with here
                failures.append(f"{address.route} ({address.name}): no value for {address.converters}")
            continue
        filled += 1
        for method in METHODS:
            requests += 1
            allowed = expected(address, role, situation_name, method)
            where = f"{method} {url} ({address.name}, {situation_name}, as {role})"
            cookies = deepcopy(client.cookies)
            written = rows_written()
            with transaction.atomic():
                try:
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, post_data(address.name, situation.objects))
                    status = response.status_code
                except Exception as error:  # the test client raises what the view raised
                    failures.append(f"{where}: 500 ({error!r})")
                    transaction.set_rollback(True)
                    client.cookies = cookies
                    continue
                if status not in allowed:
                    failures.append(f"{where}: {status}, expected {sorted(allowed)}")
                refused = status >= 400 or allowed <= {403, 404, 405}
                if refused and rows_written() != written:
                    after = snapshot()
                    changed = sorted(label for label in after if after[label] != before[label])
                    if changed:
                        failures.append(f"{where}: refused ({status}) but changed {', '.join(changed)}")
                transaction.set_rollback(True)
            client.cookies = cookies
            if status < 400:
                cache.clear()  # pages cached from a state that was rolled back
    patterns, total = len(list(addresses())), requests * len(VISITORS)
    print(
        f"\naccess matrix as {visitor}: {patterns} URL patterns filled in {filled} addresses × "
        f"{len(METHODS)} methods = {requests} requests; × {len(VISITORS)} visitors = {total}"
    )
    assert not failures, f"{len(failures)} of {requests} requests:\n" + "\n".join(failures)
