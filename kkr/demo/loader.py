"""Create the demo data: KKR Nordjylland, its people, and its meetings around 5 February 2021.

Idempotent: it only creates what is missing, so a second run, or a run after the secretariat has
edited the demo agenda, changes nothing.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction

from agendas.models import AgendaSection, Meeting
from agendas.services import add_attachment, add_item, publish_agenda
from documents.services import request_document
from kkr.demo import agenda_2021_02_05
from kkr.demo import meetings as demo
from kkr.demo.minutes import load_minutes
from kkr.demo.proposals import load_proposals
from kkr.demo.register import load_register
from kkr.lib.simplepdf import text_pdf
from kkr.models import Audience, Council, Municipality, Person
from minutes.models import Minutes


def stand_in_pdf(title: str, item_number: str) -> bytes:
    """A short PDF that says it stands in for the real attachment."""
    return text_pdf(
        title,
        [
            f"Bilag til punkt {item_number}",
            "DEMO: Dette dokument står i stedet for det rigtige bilag, som ikke er en del af "
            "portalens demodata. Titlen er bilagets titel fra dagsordenen.",
        ],
        pages=2 + len(title) % 3,
    )


def _sections_for(spec):
    if spec == "seed":
        return [(s["title"], s["items"], s.get("role", "")) for s in agenda_2021_02_05.SECTIONS]
    if spec == "next":
        planned = [
            {
                "title": title,
                "case_handler": "hast",
                "background": "<p>Punktet blev sat på sagslisten til dette møde på mødet den 5. februar 2021 "
                "(punkt 6.1).</p>",
            }
            for title in agenda_2021_02_05.NEXT_MEETING_ITEMS
        ]
        return [
            (title, planned if title == "Regionalpolitiske sager" else [], role)
            for title, role in demo.STANDARD_SECTIONS
        ]
    # A meeting's own sections: (title, items), and the role third where the section has one.
    return [(*section, "")[:3] for section in spec]


def _fill_agenda(meeting, sections):
    for position, (title, items, role) in enumerate(sections, start=1):
        section = AgendaSection.objects.create(meeting=meeting, position=position, title=title, role=role)
        for spec in items:
            spec = dict(spec)
            attachments = spec.pop("attachments", [])
            spec.setdefault("case_number", demo.CASE_NUMBER)
            item = add_item(section, **spec)
            for attachment in attachments:
                title, is_closed = (attachment, False) if isinstance(attachment, str) else attachment
                pdf = stand_in_pdf(title, f"{section.position}.{item.position}")
                add_attachment(item, title, pdf, is_closed=is_closed)


def _ensure_user(username, password, email, **fields):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=username, defaults={"email": email, **fields})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif not user.email:  # a demo loaded before the demo users had addresses
        user.email = email
        user.save(update_fields=["email"])
    return user


@transaction.atomic
def load_demo() -> dict:
    council, _ = Council.objects.get_or_create(slug=demo.COUNCIL["slug"], defaults=demo.COUNCIL)
    municipalities = {
        name: Municipality.objects.get_or_create(name=name, defaults={"council": council})[0]
        for name in demo.MUNICIPALITIES
    }
    people = {
        name: Person.objects.get_or_create(
            name=name, defaults={"party": party, "municipality": municipalities[municipality]}
        )[0]
        for name, party, municipality in demo.PEOPLE
    }
    secretary = _ensure_user(**demo.SECRETARIAT_USER)
    council.secretariat.add(secretary)
    if not Authenticator.objects.filter(user=secretary, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(secretary, demo.SECRETARIAT_TOTP_SECRET)
    member_person = people[demo.MEMBER_USER["person"]]
    member = _ensure_user(
        demo.MEMBER_USER["username"],
        demo.MEMBER_USER["password"],
        demo.MEMBER_USER["email"],
        first_name=member_person.name,
    )
    if member_person.user_id is None:
        member_person.user = member
        member_person.save(update_fields=["user"])

    for spec in demo.MEETINGS:
        spec = dict(spec)
        sections = _sections_for(spec.pop("sections"))
        publish = spec.pop("published")
        spec.pop("minutes", None)  # written by kkr.demo.minutes
        date = spec.pop("date")
        meeting, created = Meeting.objects.get_or_create(council=council, date=date, defaults=spec)
        if created:
            _fill_agenda(meeting, sections)
            if publish:
                # Published as the secretariat would, without mailing anyone or rendering PDFs now.
                publish_agenda(meeting, sent_on=spec["agenda_sent_on"], notify=False, render=False)

    load_register(council, people)
    load_minutes(council)
    handler = _ensure_user(**{k: v for k, v in demo.HANDLER_USER.items() if k != "initials"})
    reviewer = _ensure_user(**demo.REVIEWER_USER)
    load_proposals(council, handler, reviewer)

    return {
        "accounts": [
            (demo.SECRETARIAT_USER["username"], demo.SECRETARIAT_USER["password"], "sekretariat"),
            (demo.MEMBER_USER["username"], demo.MEMBER_USER["password"], "rådsmedlem"),
            (demo.HANDLER_USER["username"], demo.HANDLER_USER["password"], "sagsbehandler"),
            (demo.REVIEWER_USER["username"], demo.REVIEWER_USER["password"], "godkender"),
        ]
    }


def render_published_documents():
    """Yield (meeting, document) for every PDF a reader of the demo can download,
    requesting each: with eager tasks it is rendered here and now, with a broker it is queued for the
    worker. Stored documents are found by their content hash, so a second run renders nothing."""
    meetings = Meeting.objects.filter(published_version__isnull=False).select_related("council")
    for meeting in meetings.order_by("date"):
        sources = [("agenda", meeting), ("pack", meeting)]
        minutes = Minutes.objects.filter(meeting=meeting, status=Minutes.Status.PUBLISHED).first()
        if minutes:
            sources.append(("minutes", minutes))
        for kind, source in sources:
            for audience in Audience.values:
                yield meeting, request_document(kind, source, audience)
