"""What changed in a meeting's agenda between two published versions ("Nyt siden sidst")."""

import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from agendas.content import AgendaContent
from kkr.lib.richtext import to_text

TEXTS = [
    ("title", _("Titel")),
    ("background", _("Baggrund")),
    ("recommendation", _("Indstilling")),
    ("presentation", _("Sagsfremstilling")),
]


@dataclass
class ItemChange:
    anchor: str  # the item's anchor on the meeting page: "punkt-3-2"
    number: str
    title: str
    is_new: bool = False
    diffs: list = field(default_factory=list)  # (label, safe HTML with <ins>/<del>)
    new_attachments: list = field(default_factory=list)


def word_diff(old: str, new: str) -> str:
    """The words of two plain texts, removed ones in <del> and added ones in <ins>, a line break as
    <br>; everything escaped."""
    a, b = _words(old), _words(new)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append(f"<del>{_html(a[i1:i2])}</del>")
        if op in ("replace", "insert"):
            out.append(f"<ins>{_html(b[j1:j2])}</ins>")
        if op == "equal":
            out.append(_html(a[i1:i2]))
    # A break that ends a run sits right before the next one, not a space away from it.
    return mark_safe(" ".join(out).replace("<br> ", "<br>"))


def _words(text: str) -> list[str]:
    """The words of the text, with "\n" for each line break."""
    words = []
    for line in text.splitlines():
        if words:
            words.append("\n")
        words += line.split()
    return words


def _html(words: list[str]) -> str:
    return " ".join("<br>" if word == "\n" else escape(word) for word in words).replace(" <br>", "<br>")


def changes_between(old: AgendaContent, new: AgendaContent) -> list[ItemChange]:
    """The items of `new` that are new or changed since `old`, in agenda order (both for one audience)."""
    before = {item.pk: item for _section, item in old.items()}
    changes = []
    for section, item in new.items():
        change = ItemChange(
            anchor=f"punkt-{section.position}-{item.position}",
            number=f"{section.position}.{item.position}.",
            title=item.title,
        )
        previous = before.get(item.pk)
        if previous is None:
            change.is_new = True
        else:
            for name, label in TEXTS:
                old_text, new_text = getattr(previous, name), getattr(item, name)
                if old_text != new_text:
                    if name != "title":  # the title is plain text; the others are HTML
                        old_text, new_text = to_text(old_text), to_text(new_text)
                    change.diffs.append((label, word_diff(old_text, new_text)))
            known = {a.pk for a in previous.attachments}
            change.new_attachments = [a.title for a in item.attachments if a.pk not in known]
        if change.is_new or change.diffs or change.new_attachments:
            changes.append(change)
    return changes
