"""The lines of an agenda document, from a text file or a PDF's text layer, with what the layout says
about each: where a paragraph begins, what is bold, where a word was hyphenated at the line end."""

import dataclasses
import io
import re
import statistics

from agendas.importing.result import ImportRefused

MARKER = "./."
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


def lines_from_pdf(data: bytes) -> list[Line]:
    """Lines of a PDF's text layer with pdfplumber, in reading order, page by page."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PDFSyntaxError, PdfminerException, ValueError, TypeError, KeyError) as error:
        raise ImportRefused("Filen kan ikke læses som PDF (den er beskadiget eller ufuldstændig).") from error
    lines, widths, sizes = [], [], []
    try:
        for number, page in enumerate(pages):
            rows = page.extract_text_lines(return_chars=True, strip=True)
            previous_bottom = None
            gaps = [b["top"] - a["bottom"] for a, b in zip(rows, rows[1:], strict=False)]
            usual_gap = statistics.median(gaps) if gaps else 0
            # The text column's left edge: where most lines start (the "./." marker sits left of it).
            starts = [round(row["x0"]) for row in rows]
            left = max(set(starts), key=starts.count) if starts else 0
            for n, row in enumerate(rows):
                chars = [c for c in row["chars"] if c["text"].strip()]
                if not chars:
                    continue
                text = " ".join(row["text"].replace(NBSP, " ").split())
                gap = row["top"] - previous_bottom if previous_bottom is not None else None
                previous_bottom = row["bottom"]
                # Bold or italic throughout: a heading in the portal's own print and in most others.
                bold = sum(_EMPHASIS.search(c["fontname"]) is not None for c in chars) > len(chars) / 2
                size = statistics.median(c["size"] for c in chars)
                line = _mark(
                    Line(
                        text=text,
                        starts_block=gap is None or gap > usual_gap + size * 0.5,
                        bold=bold,
                        after_page_break=n == 0 and number > 0,
                        hyphen="unknown" if text.endswith("-") and not text.endswith(" -") else "",
                    )
                )
                # The "./." marker sits in the margin: the line's text starts after it.
                x0 = next((c["x0"] for c in chars if not line.marker or c["text"] not in "./"), row["x0"])
                if x0 > left + size * 2 and not line.marker and line.text[:1] not in "–-•":
                    line.starts_block = line.starts_block or x0 > left + size * 4
                lines.append(line)
                widths.append(row["x1"] - left)
                sizes.append(size * 0.5)
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        if isinstance(error, ImportRefused):
            raise
        raise ImportRefused("Filen kan ikke læses som PDF (den er beskadiget eller ufuldstændig).") from error
    finally:
        pdf.close()
    _mark_short(lines, widths, unit=statistics.median(sizes) if sizes else 1.0)
    return lines
