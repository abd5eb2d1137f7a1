"""Repairs of extracted text: words hyphenated at a line end, and words split by a stray space."""

import functools
import re

# After "miljø-" these words show a real hyphen: "miljø- og klimaområdet".
_CONJUNCTIONS = {"og", "eller", "samt", "til", "som", "&", "/"}
_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]+")


@functools.cache
def _dictionary_frequency(word: str) -> float:
    import wordfreq

    return wordfreq.zipf_frequency(word, "da")


class Vocabulary:
    """Danish words: a frequency list (wordfreq) and the words of the document itself, which knows
    its own compounds ("kommunalbestyrelser") better than any list."""

    def __init__(self, texts):
        self.seen = {}
        for text in texts:
            for word in _WORD.findall(text):
                key = word.lower()
                self.seen[key] = self.seen.get(key, 0) + 1

    def knows(self, word: str) -> bool:
        return self._known(word, seen_at_least=1)

    def knows_well(self, word: str) -> bool:
        """Known from the dictionary, or seen at least twice in the document (once is the split
        word itself, when the document is the only source)."""
        return self._known(word, seen_at_least=2)

    def _known(self, word: str, *, seen_at_least: int) -> bool:
        key = word.lower().strip(".,:;()”\"'’")
        if not key:
            return True
        return self.seen.get(key, 0) >= seen_at_least or _dictionary_frequency(key) > 0


def join_lines(lines, vocabulary: Vocabulary) -> str:
    """One paragraph's lines as one string: hyphenation undone where the word was split, kept where
    the hyphen is real ("KKR-sekretariatet", "2021-2022", "miljø- og")."""
    text, previous = "", None
    for line in lines:
        if previous is None:
            text = line.text
        elif previous.hyphen and text.endswith("-"):
            text = _join_hyphenated(text, line.text, previous.hyphen, vocabulary)
        else:
            text = f"{text} {line.text}"
        previous = line
    return text


def _join_hyphenated(text: str, following: str, kind: str, vocabulary: Vocabulary) -> str:
    head = text.rsplit(" ", 1)[-1][:-1]  # the word before the hyphen, without it
    first = (following.split() or [""])[0]
    if kind == "kept" or first.lower() in _CONJUNCTIONS or first[:1] in ",":
        return f"{text} {following}"
    if not head or head[-1].isupper() or head[-1].isdigit() or first[:1].isdigit():
        return text + following  # "KKR-sekretariatet", "2021-2022"
    if kind == "unknown":
        # A PDF does not show whether the hyphen is part of the word: keep it when the joined word is
        # unknown but both halves are known ("dør-til-dør-rejser").
        joined = head + first
        if (
            not vocabulary.knows(joined)
            and vocabulary.knows(head)
            and vocabulary.knows(first)
            and (len(head) > 3 and first[:1].isupper())
        ):
            return text + following
    return text[:-1] + following


_LETTERS = re.compile(r"^[a-zæøåéü]+$", re.IGNORECASE)


def join_split_words(text: str, vocabulary: Vocabulary) -> str:
    """Rejoin words that extraction split with a stray space ("udviklingsprojek ter"): the first part
    is no word, and the joined word is a known one."""
    words = text.split(" ")
    out = []
    for word in words:
        if out and _LETTERS.match(word) and len(word) >= 2:
            head = out[-1]
            if (
                _LETTERS.match(head)
                and len(head) >= 3
                and not vocabulary.knows_well(head)
                and vocabulary.knows_well(head + word)
            ):
                out[-1] = head + word
                continue
        out.append(word)
    return " ".join(out)
