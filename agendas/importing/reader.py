"""Read an agenda from the text of a printed agenda: the meeting's date, place and time, the numbered
sections and items, each item's case line and its three texts as the portal's HTML."""

import datetime
import re
from html import escape

from django.conf import settings

from agendas.importing.lines import Line, lines_from_pdf, lines_from_text
from agendas.importing.repair import Vocabulary, join_lines, join_split_words
from agendas.importing.result import ImportedAgenda, ImportedItem, ImportedSection, ImportRefused
from kkr.lib.richtext import ATTACHMENT_REF_CLASS, sanitize

SECTION = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
ITEM = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(\S.*)$")
CASE = re.compile(r"^(?:Sagsnr\.?:?\s*)?(SAG-\d{4}-\d{5})(?:\s+([A-Za-zÆØÅæøå]{2,10}))?$")
# Printed between an item's title and its case line: a closed item, a supplementary item.
CLOSED_NOTE = re.compile(r"^Lukket punkt\b", re.IGNORECASE)
ITEM_NOTE = re.compile(r"^(?:Lukket punkt\b|Tillægspunkt$)", re.IGNORECASE)
FIELDS = {"baggrund": "background", "indstilling": "recommendation", "sagsfremstilling": "presentation"}
# Page furniture: the running header "KKR Nordjylland | 05-02-2021" and the page label "SIDE | 5".
HEADER = re.compile(
    r"^(?P<body>\D.*?)\s*\|\s*(?P<date>\d{1,2}-\d{1,2}-\d{4})(?:\s+SIDE\s*\|\s*\d+)?$", re.IGNORECASE
)
PAGE_LABEL = re.compile(r"^(?:SIDE\s*\|\s*\d+|Side\s+\d+(?:\s+af\s+\d+)?|\d{1,3})$", re.IGNORECASE)
# A table of contents line: "3.2. Limfjordsrådet - Masterplan . . . . . 5".
CONTENTS = re.compile(r"(?:\.\s?){4,}\s*\d+$")
BULLET = re.compile(r"^[–•▪·-]\s+(\S.*)$")
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+(\S.*)$")
MONTH_NAMES = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september"]
MONTH_NAMES += ["oktober", "november", "december"]
MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
DATE_NUMERIC = re.compile(r"\b(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b")
DATE_LONG = re.compile(r"\b(\d{1,2})\.\s*(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
TIME = re.compile(r"\bkl\.?\s*(\d{1,2})[.:](\d{2})(?:\s*[-–]\s*(\d{1,2})[.:](\d{2}))?", re.IGNORECASE)
# What ends a sentence; "m.v." ends a heading just as well.
SENTENCE_END = re.compile(r"[.:;,!?]$")
ABBREVIATION_END = re.compile(r"\b(?:m\.v|m\.m|mv|o\.l)\.$")


def read_agenda(data: bytes, filename: str) -> ImportedAgenda:
    if not data:
        raise ImportRefused("Filen er tom.")
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(f"Filen er for stor (højst {settings.IMPORT_MAX_BYTES // 2**20} MB).")
    name = filename.lower()
    if data.startswith(b"%PDF-"):
        lines = lines_from_pdf(data)
        if not lines:
            raise ImportRefused(
                "PDF'en har intet tekstlag (den er fx scannet). Kør tekstgenkendelse (OCR) på den først, "
                "eller importér teksten som en .txt-fil."
            )
    elif name.endswith(".pdf"):
        raise ImportRefused("Filen hedder .pdf, men er ikke en PDF.")
    else:
        text = _decode(data)
        agenda = parse(lines_from_text(text))
        _check_complete(text, agenda)
        return agenda
    return parse(lines)


TRUNCATED = "Filen ser ud til at være afkortet ({where}). Importér hele filen."
TERMINATED = re.compile(r"[.!?:)”\"]$")


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ImportRefused("Filen er hverken en PDF eller en tekstfil.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            raise ImportRefused(TRUNCATED.format(where="den slutter midt i et tegn")) from error
        text = data.decode("cp1252", errors="replace")  # older Windows exports
    printable = sum(ch.isprintable() or ch.isspace() for ch in text)
    if printable < len(text) * 0.98 or "\ufffd" in text:
        raise ImportRefused("Filen er hverken en PDF eller en tekstfil.")
    return text


def _check_complete(text: str, agenda: ImportedAgenda) -> None:
    """A text file cut off in the middle of an item's text (no final line break, no sentence end)."""
    if text.endswith(("\n", "\r")):
        return
    last = text.rsplit("\n", 1)[-1].strip()
    if last and not TERMINATED.search(last) and agenda.items and not SECTION.match(last):
        where = f"den slutter midt i punkt {agenda.items[-1].number}: “…{last[-40:]}”"
        raise ImportRefused(TRUNCATED.format(where=where))


def parse(lines: list[Line]) -> ImportedAgenda:
    agenda = ImportedAgenda()
    lines = _without_furniture(lines, agenda)
    start = _find_meeting_facts(lines, agenda)
    body = lines[start:]
    vocabulary = Vocabulary(line.text for line in body)
    _read_sections(body, agenda, vocabulary)
    if not agenda.items:
        raise ImportRefused(
            "Der blev ikke fundet nogen dagsorden i filen: ingen nummererede punkter med sagsnummer "
            "(fx “3.2. Titel” og “SAG-2021-00512 hast”)."
        )
    if agenda.date is None:
        agenda.warnings.append("Mødets dato blev ikke fundet; angiv den.")
    if not agenda.place:
        agenda.warnings.append("Mødets sted blev ikke fundet; angiv det.")
    if agenda.start_time is None:
        agenda.warnings.append("Mødets starttidspunkt blev ikke fundet; angiv det.")
    return agenda


def _without_furniture(lines: list[Line], agenda: ImportedAgenda) -> list[Line]:
    """Drop running headers, page labels and tables of contents; the header's date is the meeting's."""
    kept, dates, after_break = [], {}, False
    for line in lines:
        header = HEADER.match(line.text)
        if header:
            dates[header["date"]] = dates.get(header["date"], 0) + 1
            after_break = True
            continue
        if PAGE_LABEL.match(line.text) or CONTENTS.search(line.text):
            after_break = True
            continue
        if after_break:
            # The page ended, not the paragraph: whether it goes on is told by the line before.
            line.after_page_break, line.starts_block = True, False
            after_break = False
        kept.append(line)
    if dates:
        day, month, year = (int(part) for part in max(dates, key=dates.get).split("-"))
        agenda.date = _date(year, month, day)
    return kept


def _date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _find_meeting_facts(lines: list[Line], agenda: ImportedAgenda) -> int:
    """Read date, time and place from the cover (the lines before the first section); return where
    the agenda itself begins."""
    start = next((n for n in range(len(lines)) if _is_section(lines, n, 0)), len(lines))
    for line in lines[:start]:
        text = line.text
        label, _, value = text.partition(":")
        label = label.strip().lower()
        if label == "sted" and value.strip() and not agenda.place:
            agenda.place = value.strip()[:200]
        if label in ("dato", "tid", "tidspunkt", "mødedato") or agenda.date is None:
            numeric, long = DATE_NUMERIC.search(text), DATE_LONG.search(text)
            if numeric and label in ("dato", "mødedato"):
                agenda.date = _date(int(numeric[3]), int(numeric[2]), int(numeric[1])) or agenda.date
            elif long and (label in ("dato", "mødedato") or agenda.date is None):
                agenda.date = _date(int(long[3]), MONTHS[long[2].lower()], int(long[1])) or agenda.date
        time = TIME.search(text) if label in ("dato", "tid", "tidspunkt") else None
        if time and agenda.start_time is None:
            agenda.start_time = _time(time[1], time[2])
            if time[3]:
                agenda.end_time = _time(time[3], time[4])
    return start


def _time(hours, minutes):
    try:
        return datetime.time(int(hours), int(minutes))
    except ValueError:
        return None


# Structure: sections and items, told from numbered lists by what follows them.


def _is_item(lines, n, section, last_item):
    """An item heading "3.2. Title", numbered next in its section, with its case line or a field
    heading within the next lines (a wrapped title takes a line or two)."""
    match = ITEM.match(lines[n].text)
    if not match or int(match[1]) != section or int(match[2]) != last_item + 1:
        return False
    for line in lines[n + 1 : n + 5]:
        if CASE.match(line.text) or line.text.lower() in FIELDS or ITEM_NOTE.match(line.text):
            return True
        if ITEM.match(line.text) or SECTION.match(line.text):
            return False
    return False


def _is_section(lines, n, last_section, depth=0):
    """A section heading "3. Regionalpolitiske sager", numbered next, followed by its first item or,
    for an empty section, perhaps a short line ("Ingen punkter."), then the next section or the end;
    a numbered list inside an item ("3. Udvikle og fastholde …") is neither."""
    match = SECTION.match(lines[n].text)
    if not match or int(match[1]) != last_section + 1 or ITEM.match(lines[n].text):
        return False
    number, m = last_section + 1, n + 1
    if m < len(lines) and _is_filler(lines[m]):
        m += 1
    if m >= len(lines):
        return True
    if _is_item(lines, m, number, 0):
        return True
    return depth < 3 and _is_section(lines, m, number, depth + 1)


def _is_filler(line):
    text = line.text
    return (
        len(text.split()) <= 4
        and not SECTION.match(text)
        and not ITEM.match(text)
        and not CASE.match(text)
        and text.lower() not in FIELDS
    )


def _read_sections(lines, agenda, vocabulary):
    section = item = None
    item_lines: list[Line] = []
    n = 0
    while n < len(lines):
        last_section = section.number if section else 0
        if _is_section(lines, n, last_section):
            if item is not None:
                _fill_item(item, item_lines, agenda, vocabulary)
                item = None
            title = SECTION.match(lines[n].text)[2]
            section = ImportedSection(number=last_section + 1, title=_clean_title(title))
            agenda.sections.append(section)
            n += 1
            continue
        if section and _is_item(lines, n, section.number, len(section.items)):
            if item is not None:
                _fill_item(item, item_lines, agenda, vocabulary)
            n, item = _item_heading(lines, n, section, vocabulary)
            section.items.append(item)
            item_lines = []
            continue
        if item is not None:
            item_lines.append(lines[n])
        elif section is not None and not section.items and _is_filler(lines[n]):
            pass  # "Ingen punkter." under an empty section
        elif section is not None:
            agenda.warnings.append(
                f"Tekst under hovedpunkt {section.number} uden for et punkt: “{lines[n].text}”"
            )
        n += 1
    if item is not None:
        _fill_item(item, item_lines, agenda, vocabulary)


def _clean_title(title):
    return " ".join(title.split()).rstrip(" .")[:300]


def _item_heading(lines, n, section, vocabulary):
    """The item's title (wrapped onto the next lines up to the case line) and its case line."""
    match = ITEM.match(lines[n].text)
    title_lines = [Line(text=match[3], hyphen=lines[n].hyphen)]
    n += 1
    while (
        n < len(lines)
        and not CASE.match(lines[n].text)
        and lines[n].text.lower() not in FIELDS
        and not ITEM_NOTE.match(lines[n].text)
    ):
        title_lines.append(lines[n])
        n += 1
    item = ImportedItem(
        number=f"{section.number}.{len(section.items) + 1}",
        title=_clean_title(join_split_words(join_lines(title_lines, vocabulary), vocabulary)),
    )
    while n < len(lines) and ITEM_NOTE.match(lines[n].text):
        item.is_closed = item.is_closed or bool(CLOSED_NOTE.match(lines[n].text))
        n += 1
    if n < len(lines) and CASE.match(lines[n].text):
        case = CASE.match(lines[n].text)
        item.case_number, item.case_handler = case[1], (case[2] or "")
        n += 1
    return n, item


# An item's texts: paragraphs, lists, sub-headings and "./." markers.


def _fill_item(item, lines, agenda, vocabulary):
    fields, current, attachment_list = {}, None, False
    for line in lines:
        key = FIELDS.get(line.text.lower())
        # The list of attachments that a print may set after the item's texts ("Bilag:" – title …)
        # names them again: their places are the "./." markers.
        if line.text.lower() in ("bilag:", "bilag"):
            attachment_list = True
            continue
        if attachment_list and not key:
            continue
        attachment_list = False
        if key:
            current = key
            fields.setdefault(key, [])
            continue
        if current is None:
            agenda.warnings.append(
                f"Punkt {item.number}: tekst før Baggrund/Indstilling/Sagsfremstilling lagt i Baggrund."
            )
            current = "background"
            fields.setdefault(current, [])
        fields[current].append(line)
    if item.is_closed and not fields:
        agenda.warnings.append(
            f"Punkt {item.number} er et lukket punkt, og filen har kun dets titel (offentlighedens udgave)."
        )
    elif not item.case_number:
        agenda.warnings.append(f"Punkt {item.number}: intet sagsnummer fundet.")
    for key, field_lines in fields.items():
        blocks = _blocks(field_lines)
        setattr(item, key, sanitize(_html(blocks, vocabulary, item)))


class Block:
    def __init__(self, kind, line):
        self.kind = kind  # "p", "ul", "ol", "h5"
        self.lines = [line]
        self.marker = line.marker
        self.starts_with_gap = line.starts_block


def _blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    for line in lines:
        bullet, numbered = BULLET.match(line.text), NUMBERED.match(line.text)
        previous = blocks[-1] if blocks else None
        if bullet and (
            line.text[0] != "-" or previous is None or previous.lines[-1].short or line.starts_block
        ):
            # A plain hyphen starts a list item only on a line of its own, not where a sentence's
            # dash ("Nordjylland - inkl.") happened to wrap to the line start.
            line.text = bullet[1]
            blocks.append(Block("ul", line))
        elif numbered and _continues_numbering(blocks, int(numbered[1])):
            line.text = numbered[2]
            blocks.append(Block("ol", line))
        elif (
            previous is None
            or line.marker
            or line.starts_block
            or (previous.lines[-1].short and not previous.marker)
            or (line.after_page_break and previous.lines[-1].short)
        ):
            blocks.append(Block("p", line))
        else:
            previous.lines.append(line)
    _find_headings(blocks)
    return blocks


def _continues_numbering(blocks, number):
    """A numbered line starts a list item when it is 1., or the next number of the list just before."""
    if number == 1:
        return True
    run = 0
    for block in reversed(blocks):
        if block.kind != "ol":
            break
        run += 1
    return run == number - 1


def _find_headings(blocks):
    """A short paragraph of its own, not ending a sentence, that runs straight into the next
    paragraph (no gap: they are one block in print) is a sub-heading; bold says so in a PDF."""
    for block, following in zip(blocks, [*blocks[1:], None], strict=False):
        if block.kind != "p" or block.marker or len(block.lines) > 2:
            continue
        text = " ".join(line.text for line in block.lines)
        bold = block.lines[0].bold
        if bold is not None:
            if bold and len(text) < 150:
                block.kind = "h5"
            continue
        if (
            following is not None
            and following.kind == "p"
            and (not following.starts_with_gap or following.marker)
            and len(text) <= 120
            and text[:1].isupper()
            and (not SENTENCE_END.search(text) or ABBREVIATION_END.search(text))
        ):
            block.kind = "h5"


def _html(blocks, vocabulary, item) -> str:
    out, open_list = [], None
    for block in blocks:
        plain = join_split_words(join_lines(block.lines, vocabulary), vocabulary)
        text = escape(plain, quote=False)
        attrs = f' class="{ATTACHMENT_REF_CLASS}"' if block.marker else ""
        if block.marker:
            item.attachment_markers.append(plain)
        if block.kind in ("ul", "ol"):
            if open_list != block.kind:
                if open_list:
                    out.append(f"</{open_list}>")
                out.append(f"<{block.kind}>")
                open_list = block.kind
            out.append(f"<li{attrs}>{text}</li>")
            continue
        if open_list:
            out.append(f"</{open_list}>")
            open_list = None
        out.append(f"<{block.kind}{attrs}>{text}</{block.kind}>")
    if open_list:
        out.append(f"</{open_list}>")
    return "".join(out)
