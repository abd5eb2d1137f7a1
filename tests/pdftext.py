"""Reading a PDF as its reader sees it: poppler's `pdftotext -bbox` gives every word's box in points from
the page's top left corner."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape

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


def bookmarks(pdf) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark of an open pikepdf.Pdf, depth first."""
    page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
    entries = []

    def walk(items, level):
        for item in items:
            entries.append((level, item.title, page_numbers[item.destination[0].objgen]))
            walk(item.children, level + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return entries
