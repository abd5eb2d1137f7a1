"""What an agenda shows, in one shape for the web pages and the PDFs, whether it comes from the working
copy (the rows the secretariat edits) or from a published version (an immutable snapshot)."""

import datetime
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property

from django.core.files.storage import default_storage
from django.db.models import Prefetch

from agendas.models import AgendaItem, AgendaVersion, Attachment, Meeting
from kkr.lib.richtext import ATTACHMENT_REF_CLASS
from kkr.models import Audience


@dataclass
class AttachmentEntry:
    pk: int
    position: int
    title: str
    file_name: str
    sha256: str
    page_count: int | None
    is_closed: bool
    item_closed: bool = False

    @property
    def is_restricted(self):
        """Closed for the public, either itself or through its item."""
        return self.is_closed or self.item_closed

    def open(self):
        return default_storage.open(self.file_name, "rb")


@dataclass
class ItemEntry:
    pk: int
    position: int
    title: str
    case_number: str
    case_handler: str
    background: str
    recommendation: str
    presentation: str
    is_closed: bool
    is_supplement: bool = False
    role: str = ""  # AgendaItem.Role; versions published before roles existed have none
    attachments: list[AttachmentEntry] = field(default_factory=list)
    # For the public a closed item is its number and title only; its texts are not even here.
    hidden: bool = False

    @property
    def attachments_to_upload(self) -> int:
        """How many more attachments the texts mark with "./." than the item has: the places an
        imported agenda kept for them, until the secretariat uploads the files."""
        marked = sum(
            text.count(f'class="{ATTACHMENT_REF_CLASS}"')
            for text in (self.background, self.recommendation, self.presentation)
        )
        return max(0, marked - len(self.attachments))


@dataclass
class SectionEntry:
    position: int
    title: str
    items: list[ItemEntry] = field(default_factory=list)
    pk: int | None = None  # the working copy's row; a published version has none
    role: str = ""  # AgendaSection.Role; versions published before roles existed have none

    @property
    def number(self):
        return f"{self.position}."


@dataclass
class Facts:
    """The meeting's facts as the agenda states them."""

    date: datetime.date
    start_time: datetime.time
    end_time: datetime.time | None
    place: str
    kind: str

    @classmethod
    def from_snapshot(cls, facts: dict) -> "Facts":
        return cls(
            date=datetime.date.fromisoformat(facts["date"]),
            start_time=datetime.time.fromisoformat(facts["start_time"]),
            end_time=datetime.time.fromisoformat(facts["end_time"]) if facts["end_time"] else None,
            place=facts["place"],
            kind=facts["kind"],
        )

    @classmethod
    def of_meeting(cls, meeting: Meeting) -> "Facts":
        """The facts as they stand in the working copy."""
        return cls(meeting.date, meeting.start_time, meeting.end_time, meeting.place, meeting.kind)

    @classmethod
    def listed(cls, meeting: Meeting) -> "Facts":
        """A meeting's facts for a list of meetings: as its published version states them, as they
        stand for a draft (MeetingQuerySet.with_listed_facts)."""
        if meeting.listed_facts:
            return cls.from_snapshot(meeting.listed_facts)
        return cls.of_meeting(meeting)

    def to_snapshot(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "start_time": self.start_time.isoformat(),
            "end_time": self.end_time.isoformat() if self.end_time else None,
            "place": self.place,
            "kind": self.kind,
        }

    def get_kind_display(self):
        return Meeting.Kind(self.kind).label


@dataclass
class AgendaContent:
    meeting: Meeting
    facts: Facts
    sections: list[SectionEntry]
    version: AgendaVersion | None = None

    @property
    def is_draft(self):
        return self.version is None

    @classmethod
    def live(cls, meeting: Meeting, *, published=True) -> "AgendaContent":
        """The working copy, in four queries whatever the number of items (three when the caller
        knows the meeting was never published)."""
        items = AgendaItem.objects.order_by("position").prefetch_related(
            Prefetch("attachments", queryset=Attachment.objects.order_by("position"))
        )
        sections = meeting.sections.order_by("position").prefetch_related(Prefetch("items", queryset=items))
        first = meeting.versions.order_by("number").only("content").first() if published else None
        published_items = _item_pks(first.content) if first else None
        return cls(
            meeting=meeting,
            facts=Facts.of_meeting(meeting),
            sections=[
                SectionEntry(
                    pk=section.pk,
                    position=section.position,
                    title=section.title,
                    role=section.role,
                    items=[
                        _item_entry(item, published_items is not None and item.pk not in published_items)
                        for item in section.items.all()
                    ],
                )
                for section in sections
            ],
        )

    @classmethod
    def from_version(cls, version: AgendaVersion) -> "AgendaContent":
        data = version.content
        return cls(
            meeting=version.meeting,
            version=version,
            facts=Facts.from_snapshot(data["facts"]),
            sections=[
                SectionEntry(
                    position=section["position"],
                    title=section["title"],
                    role=section.get("role", ""),
                    items=[
                        ItemEntry(
                            **{**item, "attachments": [AttachmentEntry(**a) for a in item["attachments"]]}
                        )
                        for item in section["items"]
                    ],
                )
                for section in data["sections"]
            ],
        )

    @classmethod
    def for_readers(cls, meeting: Meeting) -> "AgendaContent":
        """What readers see: the published version, never the working copy. A draft has no readers
        (the secretariat sees its working copy through `live`), so asking for one is a mistake."""
        # The newest version is the one publish_agenda made the meeting's published_version; asked
        # for here, it is right even for an instance loaded before the latest publishing.
        version = meeting.versions.order_by("-number").first()
        if version is None:
            raise ValueError(f"{meeting} is not published: it has no readers' content")
        version.meeting = meeting  # known already: no query for it
        return cls.from_version(version)

    def to_snapshot(self) -> dict:
        return {
            "facts": self.facts.to_snapshot(),
            "sections": [
                {
                    "position": section.position,
                    "title": section.title,
                    "role": section.role,
                    "items": [asdict(item) for item in section.items],
                }
                for section in self.sections
            ],
        }

    def to_listing(self) -> dict:
        """What lists, the calendar and the feeds show (AgendaVersion.listing): the facts, and each item's
        number and title as the public reads them, a closed one marked. Members read the same titles."""
        items = self.for_audience(Audience.PUBLIC).items()
        return {
            "facts": self.facts.to_snapshot(),
            "items": [
                {
                    "number": f"{section.position}.{item.position}.",
                    "title": item.title,
                    "is_closed": item.is_closed,
                }
                for section, item in items
            ],
        }

    def for_audience(self, audience: str) -> "AgendaContent":
        """The content the audience may see: for the public, closed items are number and title only,
        and closed attachments are left out."""
        if audience == Audience.MEMBERS:
            return self
        sections = [
            replace(section, items=[_public(item) for item in section.items]) for section in self.sections
        ]
        return replace(self, sections=sections)

    def closing(self, item_pks: set[int]) -> "AgendaContent":
        """The content with these items marked closed as well."""
        sections = [
            replace(
                section, items=[replace(i, is_closed=True) if i.pk in item_pks else i for i in section.items]
            )
            for section in self.sections
        ]
        return replace(self, sections=sections)

    @cached_property
    def first_sent_on(self) -> datetime.date | None:
        """When the agenda was first sent out (a corrected version has its own date): a query only for
        a version after the first."""
        if self.version is None:
            return None
        if self.version.number == 1:
            return self.version.sent_on
        return self.meeting.versions.filter(number=1).values_list("sent_on", flat=True).first()

    def items(self):
        for section in self.sections:
            for item in section.items:
                yield section, item

    def attachments(self):
        """(section, item, attachment) in the order of the agenda."""
        for section, item in self.items():
            for attachment in item.attachments:
                yield section, item, attachment

    def find_attachment(self, pk: int) -> AttachmentEntry | None:
        return next((a for _s, _i, a in self.attachments() if a.pk == pk), None)


def _public(item: ItemEntry) -> ItemEntry:
    if item.is_closed:
        return replace(
            item,
            case_number="",
            case_handler="",
            background="",
            recommendation="",
            presentation="",
            attachments=[],
            hidden=True,
        )
    return replace(item, attachments=[a for a in item.attachments if not a.is_restricted])


def _item_entry(item: AgendaItem, is_supplement: bool) -> ItemEntry:
    return ItemEntry(
        pk=item.pk,
        position=item.position,
        title=item.title,
        case_number=item.case_number,
        case_handler=item.case_handler,
        background=item.background,
        recommendation=item.recommendation,
        presentation=item.presentation,
        is_closed=item.is_closed,
        is_supplement=is_supplement,
        role=item.role,
        attachments=[
            AttachmentEntry(
                pk=a.pk,
                position=a.position,
                title=a.title,
                file_name=a.file.name,
                sha256=a.sha256,
                page_count=a.page_count,
                is_closed=a.is_closed,
                item_closed=item.is_closed,
            )
            for a in item.attachments.all()
        ],
    )


def _item_pks(snapshot: dict) -> set[int]:
    return {item["pk"] for section in snapshot["sections"] for item in section["items"]}
