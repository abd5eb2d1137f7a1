"""The lines of an agenda document, from a text file or a PDF's text layer, with what the layout says
about each: where a paragraph begins, what is bold, where a word was hyphenated at the line end."""

import ctypes
import dataclasses
import re
import statistics

from agendas.importing.result import ImportRefused

MARKER = "./."
# An agenda has tens of pages; an agenda pack with its attachments is not for import.
MAX_PAGES = 300
NBSP = "\u00a0"


@dataclasses.dataclass
class Line:
    text: str  # stripped, the "./." marker removed
    # A paragraph begins here: an empty line or a wider gap before it, or an indent.
    starts_block: bool = False
    # Set in the margin with "./." (an attachment belongs here).
    marker: bool = False
    # None where the source does not tell (a text file).
    bold: bool | None = None
    # The first line after a page break (running header, page label) .
    after_page_break: bool = False
    # How the line ends: "soft" for "Nordjyl-" (the word goes on), "kept" for "miljø- " (a real
    # hyphen before a space), "" otherwise. A text file tells them apart by the trailing space; a PDF
    # does not, and the repair decides ("unknown").
    hyphen: str = ""
    # The line is shorter than the column by more than the next line's first word: a hard break.
    short: bool = False


_INDENT = re.compile(r"^[ \t]+\S")
_EMPHASIS = re.compile(r"Bold|Italic|Oblique|Semibold|Black|Heavy", re.IGNORECASE)


def _mark(line: Line) -> Line:
    if line.text.startswith(MARKER):
        line.text = line.text[len(MARKER) :].strip()
        line.marker = True
    return line


def lines_from_text(text: str) -> list[Line]:
    """Lines of a plain text file, as text extraction from a printed PDF leaves them.

    Two shapes are read: one text line per line with empty lines between paragraphs, and the "double
    spaced" shape of some extractors (the seed): an empty line after every text line, and a line of
    nothing but spaces between paragraphs.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace(NBSP, " ").replace("\u00ad", "")
    rows = raw.split("\n")
    texts = [n for n, row in enumerate(rows) if row.strip()]
    double_spaced = (
        len(texts) > 5
        and sum(1 for n in texts if n + 2 < len(rows) and rows[n + 1] == "" and rows[n + 2].strip())
        > len(texts) * 0.3
    )
    lines, blank = [], True
    for row in rows:
        if not row.strip():
            # In the double-spaced shape only a line of spaces separates paragraphs.
            if not double_spaced or row:
                blank = True
            continue
        stripped = row.rstrip()
        hyphen = ""
        if stripped.endswith("-") and not stripped.endswith(" -"):
            hyphen = "kept" if row != stripped else "soft"
        elif stripped.endswith(" -"):
            hyphen = "soft"
            stripped = stripped[:-2] + "-"
        indented = bool(_INDENT.match(row)) and row.strip()[:1].isupper()
        words = " ".join(stripped.split())
        lines.append(_mark(Line(text=words, starts_block=blank or indented, hyphen=hyphen)))
        blank = False
    _mark_short(lines, [len(line.text) for line in lines])
    return lines


def _mark_short(lines: list[Line], widths: list[float], unit: float = 1.0) -> None:
    """Mark the lines that end before the column does: the next line's first word would have fit.

    widths are the lines' widths (characters for a text file, points for a PDF); the column is what
    the long lines reach. unit is the width of one character.
    """
    if not widths:
        return
    longest = sorted(widths)[int(len(widths) * 0.9)]
    for line, width, following in zip(lines, widths, [*lines[1:], None], strict=True):
        if following is None:
            line.short = True
            continue
        first_word = (following.text.split() or [""])[0]
        room = longest - width - unit * (len(first_word) + 1)
        # A proportional font fits more or fewer characters: only a clear gap counts, or a smaller
        # one after the end of a sentence.
        ends_sentence = line.text[-1:] in ".:!?"
        line.short = not line.hyphen and room > longest * (0.03 if ends_sentence else 0.15)


@dataclasses.dataclass
class _Char:
    text: str
    x0: float
    x1: float
    baseline: float  # from the page's top
    size: float
    emphasis: bool
    space_before: bool


def _page_chars(page) -> list[_Char]:
    """The page's characters with their horizontal extent, baseline and font, through PDFium."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    height = page.get_height()
    font = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    left, right, bottom, top, origin_x, origin_y = (ctypes.c_double() for _ in range(6))
    chars, space = [], False
    try:
        high = None
        for index in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
            # UTF-16 code units: a character beyond the first plane comes as a surrogate pair.
            if 0xD800 <= code < 0xDC00:
                high = code
                continue
            if 0xDC00 <= code < 0xE000:
                if high is None:
                    continue
                code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), None
            char = "-" if code == 2 else chr(code)  # 2: PDFium's mark for a hyphen at a line end
            if (
                pdfium_c.FPDFText_IsGenerated(textpage.raw, index)
                or not char.isprintable()
                or not char.strip()
            ):
                space = space or char == " "  # PDFium's word break
                continue
            pdfium_c.FPDFText_GetCharBox(textpage.raw, index, left, right, bottom, top)
            pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, origin_x, origin_y)
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, font, len(font), ctypes.byref(flags))
            chars.append(
                _Char(
                    text=char,
                    x0=left.value,
                    x1=right.value,
                    baseline=height - origin_y.value,
                    size=pdfium_c.FPDFText_GetFontSize(textpage.raw, index) or 10.0,
                    emphasis=_EMPHASIS.search(font.value.decode("latin-1")) is not None,
                    space_before=space,
                )
            )
            space = False
    finally:
        textpage.close()
    return chars


@dataclasses.dataclass
class _Row:
    chars: list[_Char]

    @property
    def baseline(self):
        return self.chars[0].baseline

    def text(self) -> str:
        out, previous = [], None
        for char in self.chars:
            if previous is not None and (char.space_before or char.x0 - previous.x1 > char.size * 0.2):
                out.append(" ")
            out.append(char.text)
            previous = char
        return " ".join("".join(out).replace(NBSP, " ").split())


def _page_rows(chars: list[_Char]) -> list[_Row]:
    """Characters into lines: those on one baseline (within a fraction of the type size), left to right."""
    rows: list[_Row] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        if rows and abs(char.baseline - rows[-1].baseline) <= char.size * 0.3:
            rows[-1].chars.append(char)
        else:
            rows.append(_Row([char]))
    for row in rows:
        row.chars.sort(key=lambda c: c.x0)
    return rows


def lines_from_pdf(data: bytes) -> list[Line]:
    """Lines of a PDF's text layer (PDFium), in reading order, page by page: one column, as agendas
    are set."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ImportRefused(
                "PDF'en er beskyttet med en adgangskode. Gem den uden adgangskode først."
            ) from error
        raise ImportRefused("Filen kan ikke læses som PDF (den er beskadiget eller ufuldstændig).") from error
    lines, widths, sizes = [], [], []
    try:
        if len(document) > MAX_PAGES:
            raise ImportRefused(
                f"PDF'en har {len(document)} sider; en dagsorden til import må højst have {MAX_PAGES}."
            )
        for number in range(len(document)):
            page = document[number]
            try:
                rows = _page_rows(_page_chars(page))
            finally:
                page.close()
            # A paragraph begins where the line spacing is wider than the page's usual one.
            pitches = [b.baseline - a.baseline for a, b in zip(rows, rows[1:], strict=False)]
            usual_pitch = statistics.median(pitches) if pitches else 0
            # The text column's left edge: where most lines start (the "./." marker sits left of it).
            starts = [round(row.chars[0].x0) for row in rows]
            left = max(set(starts), key=starts.count) if starts else 0
            for n, row in enumerate(rows):
                text = row.text()
                size = statistics.median(c.size for c in row.chars)
                pitch = pitches[n - 1] if n else None
                line = _mark(
                    Line(
                        text=text,
                        starts_block=pitch is None or pitch > usual_pitch + size * 0.5,
                        # Bold or italic throughout: a heading in the portal's own print and most others.
                        bold=sum(c.emphasis for c in row.chars) > len(row.chars) / 2,
                        after_page_break=n == 0 and number > 0,
                        hyphen="unknown" if text.endswith("-") and not text.endswith(" -") else "",
                    )
                )
                x0 = row.chars[3].x0 if line.marker and len(row.chars) > 3 else row.chars[0].x0
                if not line.marker and line.text[:1] not in "–-•" and x0 > left + size * 4:
                    line.starts_block = True  # an indented first line
                lines.append(line)
                widths.append(max(c.x1 for c in row.chars) - left)
                sizes.append(size * 0.5)
    except pdfium.PdfiumError as error:
        raise ImportRefused("Filen kan ikke læses som PDF (den er beskadiget eller ufuldstændig).") from error
    finally:
        document.close()
    _mark_short(lines, widths, unit=statistics.median(sizes) if sizes else 1.0)
    return lines
