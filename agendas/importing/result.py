"""What an agenda import found: plain data, kept apart from the models until the secretariat creates
the meeting, and serialisable to JSON (the command's --json, the import page's preview)."""

import dataclasses
import datetime


class ImportRefused(Exception):
    """The file cannot be imported; the message (Danish) says why, for the user who gave it."""


@dataclasses.dataclass
class ImportedItem:
    number: str  # "3.2"
    title: str
    case_number: str = ""
    case_handler: str = ""
    # Sanitised HTML as the agenda item stores it: p, ul/ol/li, h5, class="attachment-ref" for "./.".
    background: str = ""
    recommendation: str = ""
    presentation: str = ""
    # Printed as "Lukket punkt": for the council's members only.
    is_closed: bool = False
    # The text of each paragraph or list item marked "./." in the margin, in order: where an
    # attachment belongs.
    attachment_markers: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ImportedSection:
    number: int
    title: str
    items: list[ImportedItem] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class ImportedAgenda:
    date: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    place: str = ""
    sections: list[ImportedSection] = dataclasses.field(default_factory=list)
    # What could not be placed or read, in Danish, for the user to check.
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def items(self) -> list[ImportedItem]:
        return [item for section in self.sections for item in section.items]

    def as_json(self) -> dict:
        """The structure the command prints with --json and the import page keeps between its steps."""
        return {
            "meeting": {
                "date": self.date.isoformat() if self.date else None,
                "start_time": self.start_time.strftime("%H:%M") if self.start_time else None,
                "end_time": self.end_time.strftime("%H:%M") if self.end_time else None,
                "place": self.place,
            },
            "sections": [{"number": s.number, "title": s.title} for s in self.sections],
            "items": [
                {"section": section.number, **dataclasses.asdict(item)}
                for section in self.sections
                for item in section.items
            ],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict) -> "ImportedAgenda":
        meeting = data["meeting"]
        sections = [ImportedSection(number=s["number"], title=s["title"]) for s in data["sections"]]
        by_number = {section.number: section for section in sections}
        for item in data["items"]:
            fields = {f.name: item[f.name] for f in dataclasses.fields(ImportedItem)}
            by_number[item["section"]].items.append(ImportedItem(**fields))
        return cls(
            date=datetime.date.fromisoformat(meeting["date"]) if meeting["date"] else None,
            start_time=datetime.time.fromisoformat(meeting["start_time"]) if meeting["start_time"] else None,
            end_time=datetime.time.fromisoformat(meeting["end_time"]) if meeting["end_time"] else None,
            place=meeting["place"],
            sections=sections,
            warnings=list(data["warnings"]),
        )
