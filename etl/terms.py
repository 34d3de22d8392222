"""What a pledge's terms are, for the similarity (etl/similarity.py): stemmed words,
compound parts, concepts of the topic lexicon and curated measure concepts, each with
its weight and a readable name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

from etl.datafiles import read_csv, read_utf8
from etl.topics import Lexicon, phrase_text, salience

RARE_COMPOUND = 13  # one shared word suffices if this long and rare
LATER_SENTENCE = 0.3  # a pledge's later sentences explain; the demand is in the first
WORD_WEIGHT = 0.6  # a word that is not a noun
PART_WEIGHT = 0.5  # a compound part
_MIN_PART = 4
_LINKS = ("", "s", "es", "n", "en", "e")  # Fugenelemente between compound parts
# A curated measure concept (data/similarity_concepts.csv) is what the concepts are
# curated for: the same measure in different words. It weighs as much as two words.
CONCEPT_WEIGHT = 2.0
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß*]*(?:-[\wÄÖÜäöüß]+)*")


@dataclass(frozen=True)
class Analysis:
    """What Terms.of finds in a text."""

    found: list[tuple[str, str, float]]  # (word or phrase, term, weight before idf)
    long: frozenset[str]  # own terms of its long nouns (candidate rare compounds)
    own: frozenset[str]  # own terms of its words (their stems), as opposed to parts, concepts


def load_stopwords(path: Path) -> frozenset[str]:
    lines = read_utf8(path).splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def distinct(names: Iterable[str]) -> tuple[str, ...]:
    """The first of each name, where "Open-data" and "Open Data" are one (case, spaces and
    hyphens aside)."""
    first: dict[str, str] = {}
    for name in names:
        first.setdefault(_fold(name), name)
    return tuple(first.values())


@cache
def _fold(name: str) -> str:
    return re.sub(r"[\s-]", "", name.lower())


def _concept(pattern: str) -> str:
    """One key for spellings of a concept: "open data", "open-data*" -> "c:opendata"."""
    return "c:" + _fold(pattern.replace("*", ""))


class Terms:
    """Terms of a text with a readable name for each (the most frequent surface form)."""

    def __init__(
        self,
        texts: list[str],
        stopwords: frozenset[str],
        lexicon: Lexicon,
        concepts: Lexicon | None = None,
    ):
        self._stem = Stemmer.Stemmer("german").stemWord
        self._stopwords = stopwords
        self._lexicon = lexicon
        self._concepts = concepts
        self._surface: dict[str, Counter] = defaultdict(Counter)
        self._names: dict[str, str] = {}
        self._nouns = {
            self._stem(m.group(0).lower())
            for t in texts
            for m in _TOKEN.finditer(t)
            if m.group(0)[0].isupper() and len(m.group(0)) >= _MIN_PART
        }
        self._parts = lru_cache(maxsize=None)(self._split)

    def _split(self, low: str) -> tuple[str, ...]:
        """Compound parts: hyphenated words split at their hyphens; others where both
        parts occur as nouns of their own in the corpus: "wasserstoffwirtschaft" ->
        "wasserstoff", "wirtschaft"; the longest known head wins."""
        if "-" in low:
            return tuple(p for p in low.split("-") if len(p) >= _MIN_PART)
        for i in range(_MIN_PART, len(low) - _MIN_PART + 1):
            if self._stem(low[i:]) not in self._nouns:
                continue
            for link in _LINKS:
                if not low[:i].endswith(link):
                    continue
                modifier = low[: i - len(link)] if link else low[:i]
                if len(modifier) >= _MIN_PART and self._stem(modifier) in self._nouns:
                    return (modifier, low[i:])
        return ()

    def _add(self, found, term, weight, word, name):
        self._surface[term][name[:1].upper() + name[1:]] += 1
        found.append((word, term, weight))

    def of(self, text: str, demands: tuple[str, ...] = ()) -> Analysis:
        """The terms of a text, each with the word (or phrase) it came from. Later
        sentences that carry a demand (`demands`) weigh like the first."""
        found: list[tuple[str, str, float]] = []
        long: set[str] = set()
        own: set[str] = set()
        weights = _lift(salience(text, LATER_SENTENCE), text, demands)
        for match in _TOKEN.finditer(text):
            word = match.group(0).replace("*", "")
            low = word.lower()
            if low in self._stopwords or len(low) < _MIN_PART:
                continue
            scale = weights[match.start()]
            noun = word[0].isupper()
            term = self.word_term(low)
            own.add(term)
            if noun and len(low) >= RARE_COMPOUND:
                long.add(term)
            self._add(found, term, (1.0 if noun else WORD_WEIGHT) * scale, low, word)
            for part in self._parts(low) if noun else ():
                if part not in self._stopwords:
                    self._add(found, self.word_term(part), PART_WEIGHT * scale, low, part)
            for label, _, _ in self._concepts.matches(low) if self._concepts else ():
                self._add(found, "k:" + label, scale * CONCEPT_WEIGHT, low, label)
            for _, _, pattern in self._lexicon.matches(low):
                name = pattern.strip("*")
                if len(name) >= _MIN_PART and name not in self._stopwords:
                    surface = word if low == name else name  # "ÖPNV", not "Öpnv"
                    self._add(found, _concept(pattern), scale, low, surface)
        lowered = phrase_text(text)
        folded = _lift(salience(lowered, LATER_SENTENCE), lowered, tuple(map(phrase_text, demands)))
        for hit, label, _, _ in self._concepts.phrase_hits(lowered) if self._concepts else ():
            weight = folded[hit.start()] * CONCEPT_WEIGHT
            self._add(found, "k:" + label, weight, label.lower(), label)
        for hit, _, _, phrase in self._lexicon.phrase_hits(lowered):
            if phrase not in self._stopwords:
                self._add(found, _concept(phrase), folded[hit.start()], phrase, phrase)
        return Analysis(found, frozenset(long), frozenset(own))

    def word_term(self, low: str) -> str:
        return "w:" + self._stem(low)

    def name(self, term: str) -> str:
        """Most frequent surface form; fixed once the corpus is read, so computed once."""
        name = self._names.get(term)
        if name is None:
            name = self._names[term] = self._surface[term].most_common(1)[0][0]
        return name


def _lift(weights: list[float], text: str, demands: tuple[str, ...]) -> list[float]:
    """Undo the later-sentence discount inside the demand sentences (examples stay damped)."""
    for demand in demands:
        start = text.find(demand)
        if start > 0:
            for i in range(start, start + len(demand)):
                weights[i] = min(1.0, weights[i] / LATER_SENTENCE)
    return weights


def load_concepts(path: Path) -> Lexicon:
    """Curated measure concepts: patterns that name the same measure in different words
    ("Tarifsystem", "Tarifzonen" -> Tarif), in the topic lexicon's glob syntax."""
    entries = []
    for _n, row in read_csv(path):
        for pattern in row["patterns"].split("|"):
            if pattern.strip("* "):
                entries.append((row["concept"], pattern.strip().lower(), 1.0))
    return Lexicon(entries)
