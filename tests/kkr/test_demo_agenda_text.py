"""The demo agenda of 5 February 2021 is a faithful transcription of the printed agenda (the seed text).

The seed is the text extracted from the printed PDF; a copy lives in tests/data/, so these tests run
on any clone.
"""

import difflib
import itertools
import os
import re
from html.parser import HTMLParser

import nh3
import pytest

from agendas.services import STANDARD_SECTIONS
from kkr.demo.agenda_2021_02_05 import NEXT_MEETING_ITEMS, SECTIONS
from tests.data import SEED

SECTION_TITLES = [
    "Godkendelse af referat",
    "Siden sidst",
    "Regionalpolitiske sager",
    "Udpegninger",
    "KKR",
    "Punkter til næste møde",
    "Eventuelt",
]
FIELDS = [("background", "Baggrund"), ("recommendation", "Indstilling"), ("presentation", "Sagsfremstilling")]
MARKER = "./."

# Page furniture of the printed agenda: the running header and the page label.
FURNITURE = (
    re.compile(r"^KKR Nordjylland\s+\|\s+\d\d-\d\d-\d{4}\s*$"),
    re.compile(r"^\s*SIDE\s+\|\s+\d+\s*$"),
)

# Words that the extraction split with a stray space inside a line, and their repair in the data.
STRAY_SPACE_REPAIRS = {
    "udviklingsprojek ter": "udviklingsprojekter",
    "kommunalbestyre lser": "kommunalbestyrelser",
}

# The short lines that the print sets apart as headings inside an item's text.
SUB_HEADINGS = {
    "2.1": [
        "Orientering fra Business Region North (BRN)",
        "Orientering fra Erhvervshus Nordjyllands bestyrelse",
        "Orientering fra møde i Danmarks Erhvervsfremmebestyrelse",
        "Orientering fra møde mellem KL’s og KKR’s formandskaber",
        "Skriftlig orientering om henvendelser sendt til ministre vedr. frikommuneforsøg m.v.",
    ],
    "3.3": [
        "Forslag til Den Fælles Nordjyske Klimaambition",
        "Videnspakken",
        "Eksempler på mål og handlinger",
        "Den politiske behandling af Klimaambitionen",
    ],
    "3.5": ["Ekstrapladser – pga. COVID-19 situationen"],
    "3.6": ["Praksisplanens indhold"],
    "3.7": ["Det fælleskommunale Sundhedssekretariat", "Sekretariatet for Nordjysk Socialaftale"],
    "3.9": ["Passagerrådets formål", "Medlemmer i Passagerrådet", "Følgegruppe", "Samarbejdsaftale"],
    "3.10": ["Proces for udarbejdelse af rammeaftalen"],
    "4.1": ["KKR Nordjylland", "RAR Nordjylland"],
}

ALLOWED_TAGS = {"p", "strong", "em", "ul", "ol", "li", "a", "h5", "br"}


def _items():
    """(number, item) for every item, numbered from the positions: "3.2"."""
    for s, section in enumerate(SECTIONS, 1):
        for i, item in enumerate(section["items"], 1):
            yield f"{s}.{i}", item


def _html_fields(item):
    return [item[key] for key, _ in FIELDS]


class _PrintedText(HTMLParser):
    """HTML to text as printed: a line per block, with the "./." markers, list dashes and list numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = []
        self.current = None
        self.lists = []  # stack of [tag, counter]

    def _flush(self):
        if self.current is not None and self.current.strip():
            self.lines.append(" ".join(self.current.split()))
        self.current = None

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag in ("p", "li", "h5"):
            self._flush()
            prefix = ""
            if ("class", "attachment-ref") in attrs:
                prefix += MARKER + " "
            if tag == "li" and self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                prefix += f"{self.lists[-1][1]}. "
            elif tag == "li":
                prefix += "– "
            self.current = prefix
        elif tag == "br":
            self.current = (self.current or "") + "\n"

    def handle_endtag(self, tag):
        if tag in ("p", "li", "h5"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.pop()

    def handle_data(self, data):
        self.current = (self.current or "") + data


def _html_to_text(html):
    parser = _PrintedText()
    parser.feed(html)
    parser.close()
    parser._flush()
    return "\n".join(parser.lines)


def _expected_stream():
    """The agenda text rebuilt from the data, in the order the printed agenda shows it."""
    out = []
    for s, section in enumerate(SECTIONS, 1):
        out.append(f"{s}. {section['title']}")
        for i, item in enumerate(section["items"], 1):
            out.append(f"{s}.{i}. {item['title']}")
            out.append(f"{item['case_number']} {item['case_handler']}")
            for key, heading in FIELDS:
                if item[key]:
                    out.append(heading)
                    out.append(_html_to_text(item[key]))
    return "\n".join(out)


def _seed_lines():
    """Content lines of the seed: cover fragment, page furniture and empty lines removed."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == "1. Godkendelse af referat")
    return [
        line
        for line in lines[start:]
        if line.strip() and not any(pattern.match(line) for pattern in FURNITURE)
    ]


def _squash(text):
    """Drop all whitespace and hyphens; keep, for each kept character, its position in text."""
    kept, where = [], []
    for pos, char in enumerate(text):
        if not char.isspace() and char != "-":
            kept.append(char)
            where.append(pos)
    return "".join(kept), where


def _context(text, where, index, before=200, after=300):
    if not where:
        return text
    pos = where[min(index, len(where) - 1)]
    return text[max(0, pos - before) : pos] + "⟦HERE⟧" + text[pos : pos + after]


def test_seed_structure():
    assert [section["title"] for section in SECTIONS] == SECTION_TITLES
    numbers = [number for number, _ in _items()]
    assert len(numbers) == 16
    assert numbers == ["1.1", "1.2", "2.1", *[f"3.{n}" for n in range(1, 12)], "4.1", "6.1"]
    assert SECTIONS[4]["items"] == []
    assert SECTIONS[6]["items"] == []
    # The standard agenda's roles, as a new meeting gets them (agendas.services.STANDARD_SECTIONS)
    assert [s.get("role", "") for s in SECTIONS] == [role for _title, role in STANDARD_SECTIONS]
    assert [number for number, item in _items() if item.get("role")] == ["1.1"]
    for number, item in _items():
        assert set(item) - {"role"} == {
            "title",
            "case_number",
            "case_handler",
            "background",
            "recommendation",
            "presentation",
            "attachments",
        }, number
        assert re.fullmatch(r"SAG-\d{4}-\d{5}", item["case_number"]), number
        assert item["case_handler"] in ("hast", "hlth"), number
        assert item["title"] and not re.match(r"\d", item["title"]), number
        assert item["recommendation"] and item["presentation"], number
        assert all(isinstance(title, str) and title.strip() for title in item["attachments"]), number
    headings = {
        number: re.findall(r"<h5>(.*?)</h5>", "".join(_html_fields(item)))
        for number, item in _items()
        if "<h5>" in "".join(_html_fields(item))
    }
    assert headings == SUB_HEADINGS
    without_background = [number for number, item in _items() if not item["background"]]
    assert without_background == ["2.1", "3.11", "4.1"]
    assert NEXT_MEETING_ITEMS == [
        "SOSU-dimmensionering",
        "Rammeaftale om Danskuddannelse",
        "Temadrøftelse rekruttering",
    ]


def test_html_uses_only_the_allowed_markup():
    class Check(HTMLParser):
        def handle_starttag(self, tag, attrs):
            assert tag in ALLOWED_TAGS, tag
            for name, value in attrs:
                if name == "class":
                    assert tag in ("p", "li") and value == "attachment-ref", (tag, name, value)
                else:
                    assert tag == "a" and name == "href", (tag, name)

    for number, item in _items():
        for html in _html_fields(item):
            assert "./." not in html, number
            assert not re.search(r"&(?!(amp|lt|gt|quot|#\d+);)", html), number
            Check().feed(html)


def test_html_survives_the_sanitiser_unchanged():
    for number, item in _items():
        for html in _html_fields(item):
            cleaned = nh3.clean(
                html,
                tags=ALLOWED_TAGS,
                attributes={"a": {"href"}, "p": {"class"}, "li": {"class"}},
                link_rel=None,
            )
            assert cleaned == html, number


def test_demo_agenda_matches_printed_seed_word_for_word():
    """Same words in the same order as printed; whitespace and hyphens are ignored (hyphenation)."""
    actual_text = "\n".join(_seed_lines())
    expected_text = _expected_stream()
    actual, actual_where = _squash(actual_text)
    expected, expected_where = _squash(expected_text)
    if actual != expected:
        start = len(os.path.commonprefix([expected, actual]))
        window = slice(start, start + 2000)
        matcher = difflib.SequenceMatcher(None, expected[window], actual[window], autojunk=False)
        tag, e1, e2, a1, a2 = next(op for op in matcher.get_opcodes() if op[0] != "equal")
        e1, e2, a1, a2 = (start + n for n in (e1, e2, a1, a2))
        pytest.fail(
            f"the data differs from the printed agenda ({tag}: data {expected[e1:e2]!r} "
            f"vs print {actual[a1:a2]!r})\n\n"
            f"--- data (rebuilt text) ---\n{_context(expected_text, expected_where, e1)}\n\n"
            f"--- printed agenda (seed) ---\n{_context(actual_text, actual_where, a1)}\n"
        )


def test_every_data_word_is_printed_or_a_repair():
    """Each word of the data without a hyphen is a printed word, or a printed word joined as repaired.

    Allowed repairs: a word hyphenated at a line end (the print line ends with "-" and no space)
    joined without the hyphen; a line-end "word -" with a stray space; the stray-space splits above.
    """
    lines = _seed_lines()
    printed = set()
    for line in lines:
        printed.update(line.split())
    for line, following in itertools.pairwise(lines):
        if line.endswith("-"):  # no trailing whitespace: the word goes on on the next line
            words = line.split()
            head = words[-2] if words[-1] == "-" else words[-1][:-1]
            if not (head[-1].isupper() or head[-1].isdigit()):  # "KKR-", "2021-" keep their hyphen
                printed.add(head + following.split()[0])
    seed_text = " ".join(" ".join(lines).split())
    for split, repaired in STRAY_SPACE_REPAIRS.items():
        assert split in seed_text
        printed.update(word for word in repaired.split())
        printed.update(
            before + repaired + after
            for before, after in re.findall(rf"(\S*){re.escape(split)}(\S*)", seed_text)
        )

    data_words = []
    for section in SECTIONS:
        data_words += section["title"].split()
    for _, item in _items():
        data_words += item["title"].split()
        for html in _html_fields(item):
            data_words += _html_to_text(html).replace(MARKER, " ").split()
    unknown = sorted({word for word in data_words if "-" not in word and word not in printed})
    assert unknown == []
    data_text = " ".join(data_words)
    for split in STRAY_SPACE_REPAIRS:
        assert split not in data_text


def _seed_markers_per_item():
    numbers = [number for number, _ in _items()]
    counts = dict.fromkeys(numbers, 0)
    current = None
    for line in _seed_lines():
        text = line.strip()
        match = re.match(r"^(\d+\.\d+)\. ", text)
        if (
            match
            and match.group(1) in counts
            and (current is None or numbers.index(match.group(1)) > numbers.index(current))
        ):
            current = match.group(1)
        elif text.startswith(MARKER):
            assert current is not None, line
            counts[current] += 1
    return counts


def test_attachment_markers_match_attachments():
    for number, item in _items():
        html = "".join(_html_fields(item))
        refs = html.count('class="attachment-ref"')
        # Every marked paragraph or list item has its attachment; a paragraph may mark more than one.
        assert (refs > 0) == bool(item["attachments"]), number
        assert refs <= len(item["attachments"]), number
        assert len(set(item["attachments"])) == len(item["attachments"]), number

    markers = _seed_markers_per_item()
    assert sum(markers.values()) == sum(len(item["attachments"]) for _, item in _items()) == 15
    assert {number: len(item["attachments"]) for number, item in _items()} == markers
