"""German sentence splitting for prose paragraphs, tolerant of abbreviations and dates."""

from __future__ import annotations

import re
from collections.abc import Iterable

# A candidate boundary: end punctuation (optionally closing quote/bracket), space,
# then something that can start a sentence.
# A boundary without the space that PDF extraction sometimes loses ("Fauna.Die"): three
# lower-case letters, the stop, then a capitalised word (not "Geonetzwerk.MetropoleRuhr").
# Zero width; the topic weighting (etl/topics.py) ends a sentence there too.
GLUED = r"(?<=[a-zäöüß]{3}[.!?])(?=[A-ZÄÖÜ][a-zäöüß]+\b)"
_BOUNDARY = re.compile(r"(?<=[.!?])([\"“”»)]?)(?:\s+(?=[\"„“»(]?[A-ZÄÖÜ0-9])|" + GLUED + ")")
_ORDINAL = re.compile(r"(^|\s)\d{1,2}\.$")


def split_sentences(text: str, abbreviations: Iterable[str]) -> list[str]:
    """Split at . ! ? followed by a capital, except after abbreviations and day ordinals."""
    abbrevs = tuple(sorted(set(abbreviations), key=len, reverse=True))
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group(1))
        head = text[start:end]
        if _is_abbreviation(head, abbrevs) or _ORDINAL.search(head):
            continue
        sentences.append(head.strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if s]


def _is_abbreviation(head: str, abbrevs: tuple[str, ...]) -> bool:
    for abbr in abbrevs:
        if head.endswith(abbr):
            before = head[: -len(abbr)]
            if not before or not before[-1].isalnum():
                return True
    return False
