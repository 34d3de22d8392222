"""Which pledges of different parties say the same thing: an idf-weighted overlap of
terms, shown to users as the reason for a match.

- Words, stemmed, nouns (German capitalises them; they carry a pledge's subject) at full
  weight: the Snowball German stemmer (PyStemmer, a C extension: ~0.4 µs a word, where
  simplemma's German dictionary alone takes ~1.9 s to load here) folds inflections
  ("Radwegen" -> radweg); compounds also count with their parts.
- Concepts from the curated topic lexicon (data/topic_lexicon.csv): its patterns see
  through compounds, so "Radschnellwege", "Radwegenetz" and "Radwegen" meet in
  radweg*/radschnellweg*, "Fernwärmenetz" in fernwärme*.
- Measure concepts (data/similarity_concepts.csv): one measure in different words
  ("Tarifsystem", "Tarifzonen", "Ticketpreise" -> Tarif).

Words count with the salience of topic classification (etl.topics.salience): less in
later sentences and in examples. How pairs are scored and when they count as common
ground: see match(). Candidates come from an inverted index of the specific terms only,
the rarest first and within a fixed budget per pledge, so the work grows linearly with
the number of pledges, not with its square.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import Stemmer

from etl.datafiles import read_csv, read_utf8
from etl.errors import BuildError
from etl.topics import Lexicon, phrase_text, salience

TOP_PER_PARTY = 3  # counterparts kept per pledge and other party
CANDIDATES = 20  # pledges per pledge scored in full (by shared specific weight)
POSTING_BUDGET = 200  # postings read per pledge to find candidates (linear work)
MAX_PER_PLEDGE = 20  # and in all, so a hundred programmes do not store 300 pairs a pledge
# Pairs at or above this score are shown as common ground ("Gemeinsamkeiten"). Measured
# on tests/data/similarity_labels.csv: 13 of the 14 pairs above it are true counterparts,
# the other a near miss (same subject, different measure); none is unrelated.
COMMON_GROUND = 0.22
MIN_SCORE = 0.10  # below this a pair is noise, not stored
MIN_SHARED = 2
# Document-frequency limits per programme (the corpus grows with every programme, and so
# does the frequency of every word): with two programmes a term in more than 12 pledges
# is generic, one in at most 4 specific, one in at most 3 rare.
RARE_COMPOUND = 13  # one shared word suffices if this long and rare
RARE_DF, GENERIC_DF, SPECIFIC_DF = 1.5, 6, 2
CONCEPT_DF = 5  # a curated measure concept (data/similarity_concepts.csv) is specific up to here
LATER_SENTENCE = 0.3  # a pledge's later sentences explain; the demand is in the first
WORD_WEIGHT = 0.6  # a word that is not a noun
PART_WEIGHT = 0.5  # a compound part
_MIN_PART = 4
_LINKS = ("", "s", "es", "n", "en", "e")  # Fugenelemente between compound parts

SHARED_TERMS = 6
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


@dataclass(frozen=True)
class Pair:
    pledge_id: str
    other_pledge_id: str
    score: float
    shared_terms: tuple[str, ...]
    rank: int  # 1 = the best counterpart in the other party
    topic_id: str  # the first topic both share (in the pledge's own order)


def load_stopwords(path: Path) -> frozenset[str]:
    lines = read_utf8(path).splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
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

    def of(self, text: str) -> Analysis:
        """The terms of a text, each with the word (or phrase) it came from."""
        found: list[tuple[str, str, float]] = []
        long: set[str] = set()
        own: set[str] = set()
        weights = salience(text, LATER_SENTENCE)
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
        folded = salience(lowered, LATER_SENTENCE)
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


@dataclass(frozen=True)
class Limits:
    """Document-frequency limits for a corpus of `count` programmes."""

    rare: float
    generic: float
    specific: float
    concept: float

    @classmethod
    def for_programmes(cls, count: int) -> Limits:
        n = max(1, count)
        return cls(RARE_DF * n, GENERIC_DF * n, SPECIFIC_DF * n, CONCEPT_DF * n)

    def of(self, term: str) -> float:
        """Up to which document frequency a term is specific."""
        return self.concept if term.startswith("k:") else self.specific


@dataclass(frozen=True)
class Profile:
    """A pledge as the similarity sees it: idf-weighted terms, and which of its words carry
    each term (to tell several pieces of evidence from parts of one word)."""

    values: dict[str, float]  # term -> its best weight in this pledge
    words: dict[str, tuple[str, ...]]  # term -> the words (lower case) carrying it
    mass: float  # the weight of all terms, at least the median pledge's
    specific: frozenset[str]  # terms rare enough to make a pair common ground
    rare: frozenset[str]  # own terms of its long nouns that are rare (one suffices)
    own: frozenset[str]  # own terms of its words


def profiles(analysed: list[Analysis], limits: Limits) -> list[Profile]:
    """Profiles with idf weights. Terms in more pledges than the generic limit are dropped:
    they say nothing about a pledge."""
    df: Counter = Counter()
    for analysis in analysed:
        df.update({term for _, term, _ in analysis.found})
    n = len(analysed)
    idf = {t: math.log((1 + n) / (1 + d)) for t, d in df.items() if d <= limits.generic}
    drafts = []
    for analysis in analysed:
        values: dict[str, float] = {}
        carriers: dict[str, dict[str, None]] = defaultdict(dict)  # ordered sets
        for word, term, weight in analysis.found:
            if term in idf:
                values[term] = max(values.get(term, 0.0), weight * idf[term])
                carriers[term][word] = None
        words = {t: tuple(w) for t, w in carriers.items()}
        drafts.append((values, words, sum(values.values()), analysis))
    masses = sorted(mass for _, _, mass, _ in drafts)
    floor = masses[len(masses) // 2] if masses else 1.0
    return [
        Profile(
            values,
            words,
            max(floor, mass),
            frozenset(t for t in values if df[t] <= limits.of(t)),
            frozenset(t for t in a.long if df[t] <= limits.rare),
            a.own,
        )
        for values, words, mass, a in drafts
    ]


def match(p: Profile, q: Profile) -> float | None:
    """The score of two pledges, if they are common ground.

    The score is a weighted Dice overlap: the weight of the terms both share over the
    weight of both, where a pledge lighter than the median counts as the median (two short
    pledges sharing one word are no strong match). A word counts once per term it
    carries, so a compound that names a known measure ("Wasserstoffwirtschaft": itself,
    its part "Wasserstoff", two concepts) weighs more than a plain word.

    Common ground needs a specific shared term, and MIN_SHARED different words on both
    sides or one long, rare compound noun both use: one common word ("Mobilität",
    "umweltfreundlich") is no common ground, and parts of one word are one piece of
    evidence, not several."""
    if p.specific.isdisjoint(q.values):
        return None  # only generic words in common ("Radwege", "Beteiligung")
    shared = p.values.keys() & q.values.keys()
    score = 2 * sum(min(p.values[t], q.values[t]) for t in shared) / (p.mass + q.mass)
    if score < MIN_SCORE:
        return None
    if p.rare.isdisjoint(q.values) and q.rare.isdisjoint(p.values):
        mine = {w for t in shared for w in p.words[t]}
        theirs = {w for t in shared for w in q.words[t]}
        if min(len(mine), len(theirs)) < MIN_SHARED:
            return None
    return score


def reasons(p: Profile, q: Profile) -> list[str]:
    """The shared terms, best first. Terms carried by the same words are one reason, named
    by the word itself where both use it ("Wasserstoffwirtschaft", not its concept
    "Wasserstoff"), else by the best term."""
    weight = {t: min(p.values[t], q.values[t]) for t in p.values.keys() & q.values.keys()}
    named: dict[tuple, str] = {}
    for term in sorted(weight, key=lambda t: (-weight[t], t)):
        words = (p.words[term], q.words[term])
        if words not in named or (term in p.own and term in q.own):
            named[words] = term
    return list(named.values())


def load_concepts(path: Path) -> Lexicon:
    """Curated measure concepts: patterns that name the same measure in different words
    ("Tarifsystem", "Tarifzonen" -> Tarif), in the topic lexicon's glob syntax."""
    entries = []
    for n, row in read_csv(path, ("concept", "patterns", "note")):
        if not row["concept"] or not row["patterns"]:
            raise BuildError(path, "concept and patterns are required", row=n)
        for pattern in row["patterns"].split("|"):
            if pattern.strip("* "):
                entries.append((row["concept"], pattern.strip().lower(), 1.0))
    return Lexicon(entries)


def similar_pairs(
    pledge_ids: list[str],
    parties: list[str],
    texts: list[str],
    topics: list[tuple[str, ...]],
    stopwords: frozenset[str],
    lexicon: Lexicon,
    concepts: Lexicon | None = None,
) -> list[Pair]:
    """For every pledge, its best counterparts (up to TOP_PER_PARTY) in each other party,
    each with the first topic both share (or the pledge's own primary topic) to group by."""
    terms = Terms(texts, stopwords, lexicon, concepts)
    found = profiles([terms.of(t) for t in texts], Limits.for_programmes(len(set(parties))))
    # A pair must share a specific term, so only specific terms propose candidates, the
    # rarest first and at most POSTING_BUDGET postings a pledge: the work per pledge is
    # bounded, so it grows linearly with the number of programmes.
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, profile in enumerate(found):
        for term in profile.specific:
            postings[term].append((i, profile.values[term]))
    for posting in postings.values():
        posting.sort()
    scored: dict[tuple[int, int], float | None] = {}  # each pair once, whichever side asks
    shared_terms: dict[tuple[int, int], tuple[str, ...]] = {}
    pairs: list[Pair] = []
    for i, profile in enumerate(found):
        partial: dict[int, float] = defaultdict(float)
        party = parties[i]
        budget = POSTING_BUDGET
        for term in sorted(profile.specific, key=lambda t: (len(postings[t]), t)):
            budget -= len(postings[term])
            if budget < 0:
                break
            mine = profile.values[term]
            for j, value in postings[term]:
                if parties[j] != party:
                    partial[j] += value if value < mine else mine
        best: dict[str, list[tuple[float, str, int]]] = defaultdict(list)
        for j in heapq.nlargest(CANDIDATES, partial, key=partial.__getitem__):
            key = (i, j) if i < j else (j, i)
            if key not in scored:
                scored[key] = match(found[i], found[j])
            if scored[key] is not None:
                best[parties[j]].append((scored[key], pledge_ids[j], j))
        kept = []
        for candidates in best.values():
            candidates.sort(key=lambda c: (-c[0], c[1]))
            kept += [(c, rank) for rank, c in enumerate(candidates[:TOP_PER_PARTY], start=1)]
        kept.sort(key=lambda c: (-c[0][0], c[0][1]))
        for (score, other, j), rank in kept[:MAX_PER_PLEDGE]:
            key = (i, j) if i < j else (j, i)
            if key not in shared_terms:
                names = (terms.name(t) for t in reasons(found[i], found[j]))
                shared_terms[key] = _distinct(names)[:SHARED_TERMS]
            topic = next((t for t in topics[i] if t in topics[j]), topics[i][0])
            pairs.append(
                Pair(pledge_ids[i], other, round(score, 4), shared_terms[key], rank, topic)
            )
    return pairs
