"""How closely an import agrees with the agenda it came from: the figure for the seed and the round
trip (tests/agendas/test_import_reader.py, bench/import_agreement.py)."""

import difflib

from kkr.lib.richtext import to_text

TEXTS = ("title", "background", "recommendation", "presentation")


def _words(item) -> list[str]:
    get = item.get if isinstance(item, dict) else lambda key: getattr(item, key)
    return [word for key in TEXTS for word in to_text(get(key)).split()]


def word_agreement(expected_items, imported_items) -> tuple[int, int]:
    """(words in agreement, words expected): item by item, the words of the title and the three texts
    that the import has in the same order; an item missing from the import agrees in nothing."""
    agreed = total = 0
    for number, item in enumerate(expected_items):
        expected = _words(item)
        found = _words(imported_items[number]) if number < len(imported_items) else []
        matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
        agreed += sum(block.size for block in matcher.get_matching_blocks())
        total += len(expected)
    return agreed, total
