"""Which pledges of different parties say the same thing: an idf-weighted overlap of two
kinds of terms, both shown to users as the reason for a match.

- Words, stemmed, nouns (German capitalises them; they carry a pledge's subject) at full
  weight: the Snowball German stemmer (PyStemmer, a C extension: ~0.4 µs a word, where
  simplemma's German dictionary alone takes ~1.9 s to load here) folds inflections
  ("Radwegen" -> radweg); compounds also count with their parts.
- Concepts from the curated topic lexicon (data/topic_lexicon.csv): its patterns see
  through compounds, so "Radschnellwege", "Radwegenetz" and "Radwegen" meet in
  radweg*/radschnellweg*, "Fernwärmenetz" in fernwärme*.

The score is a weighted Dice overlap: the idf-weighted terms both pledges share over
the weight of both, where a pledge lighter than the median counts as the median (two
short pledges sharing one word are no strong match). Words count with the salience of
topic classification (etl.topics.salience): less in later sentences and in examples.

A pair needs MIN_SHARED different words on both sides, or one long, rare compound both
use ("Wasserstoffwirtschaft", "Lieferverkehr"): one common word ("Mobilität", "Daten")
is not common ground. Candidates come from an inverted index of the specific terms only,
so the work grows with co-occurring pairs, not with the square of the number of pledges.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer

from etl.errors import BuildError
from etl.topics import Lexicon, salience

TOP_PER_PARTY = 3  # counterparts kept per pledge and other party
CANDIDATES = 60  # pledges per pledge scored in full (by shared specific weight)
POSTING_CAP = 100  # a term in more pledges than this proposes no candidates (linear work)
MAX_PER_PLEDGE = 20  # and in all, so a hundred programmes do not store 300 pairs a pledge
# Pairs at or above this score are shown as common ground ("Gemeinsamkeiten"). Measured
# on tests/data/similarity_labels.csv: 11 of the 13 pairs above it are true counterparts,
# the other two near misses (same subject, different measure).
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
_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß*]*(?:-[\wÄÖÜäöüß]+)*")


@dataclass(frozen=True)
class Pair:
    pledge_id: str
    other_pledge_id: str
    score: float
    shared_terms: tuple[str, ...]
    rank: int  # 1 = the best counterpart in the other party
    topic_id: str  # the first topic both share (in the pledge's own order)


def load_stopwords(path: Path) -> frozenset[str]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise BuildError(path, "file not found") from None
    except UnicodeDecodeError as exc:
        raise BuildError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _concept(pattern: str) -> str:
    """One key for spellings of a concept: "open data", "open-data*" -> "c:opendata"."""
    return "c:" + re.sub(r"[\s*-]", "", pattern)


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

    def _add(self, terms, sources, term, weight, name, low):
        self._surface[term][name[:1].upper() + name[1:]] += 1
        terms[term] = max(terms[term], weight)
        sources[term].add(low)

    def of(self, text: str) -> tuple[Counter, dict[str, set[str]]]:
        """Term weights, and for each term the words of the text it came from."""
        terms: Counter = Counter()
        sources: dict[str, set[str]] = defaultdict(set)
        weights = salience(text, LATER_SENTENCE)
        for match in _TOKEN.finditer(text):
            word = match.group(0).replace("*", "")
            low = word.lower()
            if low in self._stopwords or len(low) < _MIN_PART:
                continue
            scale = weights[match.start()]
            noun = word[0].isupper()
            weight = (1.0 if noun else WORD_WEIGHT) * scale
            self._add(terms, sources, self.word_term(low), weight, word, low)
            for part in self._parts(low) if noun else ():
                if part not in self._stopwords:
                    self._add(
                        terms, sources, "w:" + self._stem(part), PART_WEIGHT * scale, part, low
                    )
            for label, _, _ in self._concepts.matches(low) if self._concepts else ():
                self._add(terms, sources, "k:" + label, scale, label, low)
            for _, _, pattern in self._lexicon.matches(low):
                name = pattern.strip("*")
                if len(name) >= _MIN_PART and name not in self._stopwords:
                    self._add(terms, sources, _concept(pattern), scale, name, low)
        lowered = " ".join(text.lower().split())
        folded = salience(lowered, LATER_SENTENCE)
        for regex, label, _ in self._concepts.phrases if self._concepts else ():
            found = regex.search(lowered)
            if found:
                self._add(terms, sources, "k:" + label, folded[found.start()], label, label)
        for regex, _, _ in self._lexicon.phrases:
            found = regex.search(lowered)
            phrase = self._lexicon.phrase_names[regex]
            if found and phrase not in self._stopwords:
                self._add(terms, sources, _concept(phrase), folded[found.start()], phrase, phrase)
        return terms, sources

    def word_term(self, low: str) -> str:
        return "w:" + self._stem(low)

    def name(self, term: str) -> str:
        """Most frequent surface form; fixed once the corpus is read, so computed once."""
        name = self._names.get(term)
        if name is None:
            name = self._names[term] = self._surface[term].most_common(1)[0][0]
        return name

    def key(self, term: str) -> str:
        """What makes two terms the same evidence: their name, case and hyphens ignored."""
        return re.sub(r"[\s*-]", "", self.name(term).lower())


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


def _enough(
    shared: list[str],
    mine: dict[str, set[str]],
    theirs: dict[str, set[str]],
    df: Counter,
    terms: Terms,
    limits: Limits,
) -> bool:
    """Common ground needs MIN_SHARED different words on both sides, or one long, rare
    compound both use ("Wasserstoffwirtschaft"): parts of one word are one piece of
    evidence, not several."""
    if not any(
        df[t] <= (limits.concept if t.startswith("k:") else limits.specific) for t in shared
    ):
        return False  # only generic words in common ("Radwege", "Beteiligung")
    words_mine = set().union(*(mine[t] for t in shared))
    words_theirs = set().union(*(theirs[t] for t in shared))
    if min(len(words_mine), len(words_theirs)) >= MIN_SHARED:
        return True
    long_mine = {terms.word_term(w) for w in words_mine if len(w) >= RARE_COMPOUND}
    common = long_mine & {terms.word_term(w) for w in words_theirs}
    return any(df[term] <= limits.rare for term in common)


def weigh(
    documents: list[Counter], generic: float
) -> tuple[list[dict[str, float]], Counter, float]:
    """Term weights (salience x idf) per document, document frequencies, and the median
    weight mass of a document (the length floor of the score)."""
    df: Counter = Counter()
    for doc in documents:
        df.update(doc.keys())
    n = len(documents)
    vectors = [
        {t: w * math.log((1 + n) / (1 + df[t])) for t, w in doc.items() if df[t] <= generic}
        for doc in documents
    ]
    masses = sorted(sum(v.values()) for v in vectors)
    return vectors, df, masses[len(masses) // 2] if masses else 1.0


def load_concepts(path: Path) -> Lexicon:
    """Curated measure concepts: patterns that name the same measure in different words
    ("Tarifsystem", "Tarifzonen" -> Tarif), in the topic lexicon's glob syntax."""
    from etl.datafiles import read_csv

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
    analysed = [terms.of(t) for t in texts]
    sources = [a[1] for a in analysed]
    limits = Limits.for_programmes(len(set(parties)))
    vectors, df, floor = weigh([a[0] for a in analysed], limits.generic)
    masses = [max(floor, sum(v.values())) for v in vectors]
    # A pair must share a specific term, so only specific terms propose candidates: the
    # postings stay short however many programmes there are.
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for term, weight in vector.items():
            limit = limits.concept if term.startswith("k:") else limits.specific
            if df[term] <= min(limit, POSTING_CAP):
                postings[term].append((i, weight))
    pairs: list[Pair] = []
    for i, vector in enumerate(vectors):
        # the specific weight each other pledge shares with this one; only the strongest
        # CANDIDATES are scored in full, so near-duplicates cannot make this quadratic
        partial: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for j, other in postings.get(term, ()):
                if parties[j] != parties[i]:
                    partial[j] += min(weight, other)
        candidates = heapq.nlargest(CANDIDATES, partial, key=partial.__getitem__)
        best: dict[str, list[tuple[float, int, list[str]]]] = defaultdict(list)
        for j in candidates:
            other = vectors[j]
            shared = [t for t in vector if t in other]
            # weighted Dice: the shared weight over both pledges' weight, where a pledge
            # shorter than the median counts as the median (one shared word between two
            # short pledges is not a strong match)
            score = sum(min(vector[t], other[t]) for t in shared) * 2 / (masses[i] + masses[j])
            if score >= MIN_SCORE and _enough(shared, sources[i], sources[j], df, terms, limits):
                best[parties[j]].append((score, j, shared))

        kept = []
        for found in best.values():
            found.sort(key=lambda c: (-c[0], pledge_ids[c[1]]))
            kept += [(rank, c) for rank, c in enumerate(found[:TOP_PER_PARTY], start=1)]
        kept.sort(key=lambda rc: (-rc[1][0], pledge_ids[rc[1][1]]))
        for rank, (score, j, shared) in kept[:MAX_PER_PLEDGE]:
            shared.sort(key=lambda t: (-min(vector[t], vectors[j][t]), t))
            names = list(dict.fromkeys(terms.name(t) for t in shared))[:SHARED_TERMS]
            topic = next((t for t in topics[i] if t in topics[j]), topics[i][0])
            pairs.append(
                Pair(pledge_ids[i], pledge_ids[j], round(score, 4), tuple(names), rank, topic)
            )
    return pairs
