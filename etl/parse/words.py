"""Words that a PDF's text layer split ("berücksichti gt", "Weit erentwicklung"), joined
again, checked so that two real words are never joined.

Two neighbouring pieces are joined when the second starts in lower case, at least one of
them is not a word (neither in the word list nor used elsewhere in the document), and
together they are one (in the word list, or used as one word elsewhere in the same
document). The word list is the German dictionary that ships inside the pyspellchecker
wheel (MIT; word frequencies from OpenSubtitles, 339,101 forms), read from the installed
package: nothing is downloaded. Every join is reported (etl check --verbose).
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass

_PIECE = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_TOKEN = re.compile(r"\S+")
_CORE = re.compile(r"^([A-Za-zÄÖÜäöüß]+)(.*)$")


@dataclass(frozen=True)
class Repair:
    page: int | None
    before: str
    after: str


@functools.cache
def german_words() -> frozenset[str]:
    """The lower-cased German word forms of pyspellchecker's dictionary."""
    from importlib import resources

    data = (resources.files("spellchecker") / "resources" / "de.json.gz").read_bytes()
    return frozenset(json.loads(gzip.decompress(data)))


class Vocabulary:
    """What counts as a word for one document: the word list and the document's own words."""

    def __init__(self, text: str, words: frozenset[str] | None = None):
        self.counts = Counter(w.casefold() for w in _PIECE.findall(text))
        self._words = words

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = german_words()
        return self._words

    def is_word(self, piece: str) -> bool:
        low = piece.casefold()
        return self.counts[low] >= 2 or low in self.words

    def is_joined_word(self, joined: str) -> bool:
        low = joined.casefold()
        return self.counts[low] >= 1 or low in self.words


def join_split_words(
    text: str, vocabulary: Vocabulary, page: int | None = None
) -> tuple[str, list[Repair]]:
    """The text with split words joined, and the joins made."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if len(tokens) < 2:
        return text, []
    out: list[str] = []
    repairs: list[Repair] = []
    last = 0
    i = 0
    while i < len(tokens):
        start, end = tokens[i]
        if i + 1 < len(tokens):
            joined = _join(text[start:end], text[tokens[i + 1][0] : tokens[i + 1][1]], vocabulary)
            if joined is not None and text[end : tokens[i + 1][0]] == " ":
                out.append(text[last:start])
                out.append(joined)
                before = text[start : tokens[i + 1][1]]
                repairs.append(Repair(page, before, joined))
                last = tokens[i + 1][1]
                i += 2
                continue
        i += 1
    out.append(text[last:])
    return "".join(out), repairs


def _join(first: str, second: str, vocabulary: Vocabulary) -> str | None:
    if not _PIECE.fullmatch(first):
        return None
    match = _CORE.match(second)
    if not match or not match.group(1)[:1].islower():
        return None
    core, tail = match.group(1), match.group(2)
    if tail and not re.fullmatch(r"[.,;:!?)“\"»]*", tail):
        return None
    if vocabulary.is_word(first) and vocabulary.is_word(core):
        return None
    joined = first + core
    if not vocabulary.is_joined_word(joined):
        return None
    return joined + tail


def repair_split_words(parsed, text: str) -> None:
    """Join split words in every block of a parsed document (etl.parse.blocks.Parsed),
    with the document's own words as the vocabulary, and record each join."""
    from dataclasses import replace

    vocabulary = Vocabulary(text)
    blocks = []
    for block in parsed.blocks:
        repaired, repairs = join_split_words(block.text, vocabulary, block.page)
        parsed.repairs += repairs
        blocks.append(replace(block, text=repaired) if repairs else block)
    parsed.blocks = blocks


def control_repairs(counts: dict[str, int]) -> list[Repair]:
    """One report line per control character replaced (etl.parse.textclean)."""
    return [
        Repair(None, f"U+{ord(char):04X} ({n}×)", bytes([ord(char)]).decode("cp1252", "ignore"))
        for char, n in sorted(counts.items())
    ]
