"""Small functions that make test data; each takes the fields a test cares about."""

import datetime
import io
import itertools
import random
import struct
import zlib

import pikepdf
from django.contrib.auth import get_user_model

from agendas.models import AgendaItem, AgendaSection, Meeting
from agendas.services import add_attachment, create_item, publish_agenda
from kkr.lib.simplepdf import text_pdf
from kkr.models import AuditEntry, Council, Membership, Person
from proposals.models import CouncilRole
from proposals.services import create_proposal

_counter = itertools.count(1)
MB = 1024 * 1024


def make_council(**kwargs):
    n = next(_counter)
    kwargs.setdefault("name", f"KKR Test {n}")
    kwargs.setdefault("slug", f"kkr-test-{n}")
    return Council.objects.create(**kwargs)


def make_meeting(**kwargs):
    """A draft meeting: fill its agenda, then `publish` it."""
    if "council" not in kwargs:
        kwargs["council"] = make_council()
    kwargs.setdefault("date", datetime.date(2021, 2, 5))
    kwargs.setdefault("start_time", datetime.time(8, 30))
    kwargs.setdefault("place", "Aalborg Rådhus")
    return Meeting.objects.create(**kwargs)


def publish(meeting, **kwargs):
    """Publish the meeting's agenda as the secretariat does, without mail or PDFs (an empty agenda gets
    a section first). The meeting is refreshed, so it is published for the caller too."""
    if not meeting.sections.exists():
        make_section(meeting=meeting)
    kwargs.setdefault("change_note", "Rettet." if meeting.versions.exists() else "")
    kwargs.setdefault("notify", False)
    kwargs.setdefault("render", False)
    publish_agenda(meeting, **kwargs)
    meeting.refresh_from_db(fields=["published_version", "agenda_sent_on", "revision"])
    return meeting


def make_section(**kwargs):
    if "meeting" not in kwargs:
        kwargs["meeting"] = make_meeting()
    if "position" not in kwargs:
        kwargs["position"] = kwargs["meeting"].sections.count() + 1
    kwargs.setdefault("title", "Regionalpolitiske sager")
    return AgendaSection.objects.create(**kwargs)


def make_item(**kwargs):
    if "section" not in kwargs:
        kwargs["section"] = make_section()
    if "position" not in kwargs:
        kwargs["position"] = kwargs["section"].items.count() + 1
    kwargs.setdefault("title", f"Punkt {kwargs['position']}")
    kwargs.setdefault("case_number", "SAG-2021-00512")
    kwargs.setdefault("case_handler", "hast")
    kwargs.setdefault("recommendation", "<p>Det indstilles, at KKR tager orienteringen til efterretning.</p>")
    return AgendaItem.objects.create(**kwargs)


def item_data(item, **changes):
    """What the edit page's item form posts for an item, with some fields changed."""
    data = {
        "title": item.title,
        "case_number": item.case_number,
        "case_handler": item.case_handler,
        "background": item.background,
        "recommendation": item.recommendation,
        "presentation": item.presentation,
        "revision": item.revision,
        **changes,
    }
    return {f"item-{item.pk}-{name}": value for name, value in data.items()}


def make_attachment(item, title="Bilag", **kwargs):
    return add_attachment(item, title, text_pdf(title, ["Testbilag."], pages=2), **kwargs)


def make_audit_entry(**kwargs):
    """An entry in a council's audit trail: a change to the meeting's agenda when a meeting is given."""
    if meeting := kwargs.pop("meeting", None):
        kwargs.setdefault("council", meeting.council)
        kwargs["meeting_id"] = meeting.pk
    if "council" not in kwargs:
        kwargs["council"] = make_council()
    kwargs.setdefault("area", AuditEntry.Area.AGENDA)
    kwargs.setdefault("summary", "Ændret")
    return AuditEntry.objects.create(**kwargs)


def make_user(**kwargs):
    kwargs.setdefault("username", f"user{next(_counter)}")
    return get_user_model().objects.create_user(password="test-password", **kwargs)


def make_member(council, **kwargs):
    """A user whose person is a current member of the council."""
    user = make_user(**kwargs)
    person = Person.objects.create(name=f"Medlem {user.username}", party="A", user=user)
    Membership.objects.create(person=person, council=council, start=datetime.date(2018, 1, 1))
    return user


def make_secretary(council, **kwargs):
    user = make_user(**kwargs)
    council.secretariat.add(user)
    return user


def make_handler(council, initials="hast", **kwargs):
    """A user who is a case handler in the council (proposals.CouncilRole)."""
    kwargs.setdefault("email", f"{initials}{next(_counter)}@example.org")
    user = make_user(**kwargs)
    CouncilRole.objects.create(council=council, user=user, role=CouncilRole.Role.HANDLER, initials=initials)
    return user


def make_reviewer(council, step=1, **kwargs):
    """A user who approves the council's proposals at this review step."""
    kwargs.setdefault("email", f"godkender{next(_counter)}@example.org")
    user = make_user(**kwargs)
    CouncilRole.objects.create(council=council, user=user, role=CouncilRole.Role.REVIEWER, step=step)
    return user


def make_proposal(handler, council=None, **kwargs):
    """A draft proposal by the handler (in their council), ready to submit."""
    if council is None:
        council = CouncilRole.objects.filter(user=handler, role=CouncilRole.Role.HANDLER).first().council
    kwargs.setdefault("title", f"Punktforslag {next(_counter)}")
    kwargs.setdefault("case_number", "SAG-2021-00512")
    kwargs.setdefault("recommendation", "<p>Det indstilles, at KKR tager orienteringen til efterretning.</p>")
    return create_proposal(council, handler, **kwargs)


def republish_with_changes(meeting):
    """Publish the demo's 5 February agenda again: 3.2's background changed and a new attachment on it,
    and a new item 3.12."""
    item = AgendaItem.objects.get(section__meeting=meeting, section__position=3, position=2)
    item.background = item.background.replace("18 nord- og midtjyske", "19 nord- og midtjyske")
    item.save()
    make_attachment(item, "Tidsplan for masterplanen")
    create_item(
        meeting.sections.get(position=3),
        title="Ekstra punkt om vandløb",
        case_number="SAG-2021-00512",
        case_handler="hast",
    )
    publish_agenda(meeting, change_note="Punkt 3.12 tilføjet", notify=False, render=False)


def make_published_meeting(item_count, **kwargs):
    """A published meeting of five sections and `item_count` items, every seventh closed, each with
    an attachment."""
    meeting = make_meeting(**kwargs)
    sections = [make_section(meeting=meeting) for _ in range(5)]
    for n in range(item_count):
        item = make_item(section=sections[n % 5], is_closed=n % 7 == 0)
        make_attachment(item, f"Bilag {n}")
    return publish(meeting)


# Hostile PDFs


def flate_zeros(size: int) -> bytes:
    """A Flate stream of `size` zero bytes (a multiple of 1 MB), made from one compressed megabyte
    repeated: 2 GB take 2 MB and no time to build."""
    compressor = zlib.compressobj(9)
    head = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(bytes(MB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()[:-4] + struct.pack(">I", (size % 65521) << 16 | 1)  # Adler-32 of the zeros
    return head + block * (size // MB - 1) + tail


def pdf_with_stream(encoded: bytes, filters, *, content=False) -> bytes:
    """A PDF with a stream holding `encoded`, already encoded by `filters`: its first page's content
    (which the pack decodes, and compresses again), or else an image on that page."""
    pdf = pikepdf.open(io.BytesIO(text_pdf("Bilag", ["Tekst"])))
    stream = pdf.make_stream(b"")
    stream.write(encoded, filter=[pikepdf.Name(f"/{name}") for name in filters])
    if content:
        pdf.pages[0].Contents = stream
    else:
        stream.Type, stream.Subtype, stream.Width, stream.Height = (
            pikepdf.Name.XObject,
            pikepdf.Name.Image,
            1,
            1,
        )
        pdf.pages[0].Resources.XObject = pikepdf.Dictionary(Im1=stream)
    out = io.BytesIO()
    pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False)
    return out.getvalue()


# Imported agendas (agendas.importing)


def make_imported_agenda(**kwargs):
    """What an import could find: three sections of the standard agenda, four items, one "./."."""
    from agendas.importing import ImportedAgenda, ImportedItem, ImportedSection

    case = {"case_number": "SAG-2021-00512", "case_handler": "hast"}
    kwargs.setdefault("date", datetime.date(2021, 6, 18))
    kwargs.setdefault("start_time", datetime.time(9, 30))
    kwargs.setdefault("place", "Aalborg Rådhus")
    kwargs.setdefault(
        "sections",
        [
            ImportedSection(
                1,
                "Godkendelse af referat",
                [
                    ImportedItem("1.1", "Godkendelse af referat", **case, recommendation="<p>Godkendes.</p>"),
                    ImportedItem("1.2", "Godkendelse af dagsorden", **case),
                ],
            ),
            ImportedSection(
                2,
                "Regionalpolitiske sager",
                [
                    ImportedItem(
                        "2.1",
                        "Limfjordsrådet - Masterplan",
                        **case,
                        background="<p>Limfjordsrådet har vedtaget en masterplan.</p>",
                        recommendation="<p>Det indstilles, at KKR:</p><ul><li>tager orienteringen til "
                        "efterretning.</li></ul>",
                        presentation='<h5>Videnspakken</h5><p class="attachment-ref">Masterplanen er '
                        "vedlagt.</p>",
                        attachment_markers=["Masterplanen er vedlagt."],
                    ),
                    ImportedItem("2.2", "Praksisplanudvalget", **case),
                ],
            ),
            ImportedSection(3, "Udpegninger", []),
        ],
    )
    kwargs.setdefault("warnings", [])
    return ImportedAgenda(**kwargs)


def pdf_without_text() -> bytes:
    """A PDF whose one page holds a drawn rectangle and no text: a scan without a text layer."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.pages[0].Contents = pdf.make_stream(b"0.2 0.2 0.8 rg 72 400 450 300 re f")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def unreadable_agendas() -> list[tuple[str, str, bytes, str]]:
    """(what it is, file name, bytes, what the user is told) of files that hold no agenda to import."""
    pdf = text_pdf("Dagsorden", ["1. Godkendelse af referat", "1.1. Godkendelse af referat"], pages=3)
    return [
        ("random bytes", "dagsorden.pdf", random.Random(16).randbytes(4096), "er ikke en PDF"),
        ("truncated PDF", "dagsorden.pdf", pdf[: len(pdf) // 2], "beskadiget eller ufuldstændig"),
        ("empty text", "dagsorden.txt", b"", "Filen er tom."),
        ("PDF without a text layer", "skannet.pdf", pdf_without_text(), "intet tekstlag"),
        (
            "not an agenda",
            "indkoeb.txt",
            "Indkøbsliste\n\nMælk\n\nRugbrød\n\nKaffe\n".encode(),
            "ikke fundet nogen dagsorden",
        ),
    ]
