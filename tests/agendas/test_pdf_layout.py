"""Where things land on the printed page: empty sections, and the stamp on the pack's attachment pages.

Positions are read from the finished PDF with poppler's `pdftotext -bbox`, which gives every word's box
in points from the page's top left corner, as a reader sees the page.
"""

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape

import pytest

from agendas import pdf
from tests.factories import make_item, make_meeting, make_section

pytestmark = pytest.mark.django_db

MM = 72 / 25.4


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    width: float
    height: float
    words: list[Word]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    def lines(self) -> list[str]:
        """The page's lines, top to bottom (words whose tops are within 2 pt make a line)."""
        lines: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (round(w.y0), w.x0)):
            if lines and abs(lines[-1][0].y0 - word.y0) < 2:
                lines[-1].append(word)
            else:
                lines.append([word])
        return [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines]


def read_pages(data: bytes) -> list[Page]:
    assert shutil.which("pdftotext"), "the PDF tests read PDFs with pdftotext: install poppler-utils"
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    pages = []
    for attrs, body in re.findall(r"<page ([^>]*)>(.*?)</page>", html, re.S):
        size = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
        words = [
            Word(unescape(text), *(float(v) for v in box))
            for *box, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body
            )
        ]
        pages.append(Page(float(size["width"]), float(size["height"]), words))
    return pages


# Empty sections


def _meeting_with_an_empty_section_between_others():
    meeting = make_meeting()
    make_item(section=make_section(meeting=meeting, title="Godkendelse af referat"), title="Referatet")
    make_section(meeting=meeting, title="KKR")  # empty
    make_item(section=make_section(meeting=meeting, title="Punkter til næste møde"), title="Næste møde")
    make_section(meeting=meeting, title="Eventuelt")  # empty, the last
    return meeting


def _page_of_line(pages: list[Page], line: str) -> int:
    return next(n for n, page in enumerate(pages, 1) if line in page.lines())


@pytest.mark.parametrize("kind", ["agenda", "minutes"])
def test_an_empty_section_follows_on_the_page_before_it_and_says_it_has_no_items(kind):
    meeting = _meeting_with_an_empty_section_between_others()
    data, page_count = pdf.render_pdf(meeting, kind, "public")
    pages = read_pages(data)
    body = pages[_page_of_line(pages, "1. Godkendelse af referat") - 1 :]
    # A section with items starts a page; an empty one runs on after the section before it.
    assert [_page_of_line(body, line) for line in ("1. Godkendelse af referat", "2. KKR")] == [1, 1]
    assert [_page_of_line(body, line) for line in ("3. Punkter til næste møde", "4. Eventuelt")] == [2, 2]
    assert len(body) == 2
    for heading in ("2. KKR", "4. Eventuelt"):
        lines = body[_page_of_line(body, heading) - 1].lines()
        assert lines[lines.index(heading) + 1] == "Ingen punkter.", heading
    assert page_count == len(pages)
