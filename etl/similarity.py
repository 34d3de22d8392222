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

- Meaning: the cosine of the pledges' sentence embeddings (etl.embeddings, computed in
  the build only) scales the overlap and proposes candidates that share few words.

Words count with the salience of topic classification (etl.topics.salience): less in
later sentences and in examples, except the sentence that carries the demand. How pairs
are scored and which level they reach (common ground, possible counterpart): see
match(). Candidates come from an inverted index of the terms, the rarest first and
within a fixed budget per pledge, and from the nearest pledges by meaning, so the work
grows linearly with the number of pledges, not with its square.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from etl.kinds import COMMON, WEAK
from etl.kinds import POSSIBLE as POSSIBLE_LEVEL
from etl.terms import Analysis, Terms, distinct
from etl.topics import Lexicon

TOP_PER_PARTY = 3  # counterparts kept per pledge and other party
CANDIDATES = 20  # pledges per pledge scored in full (by shared specific weight)
POSTING_BUDGET = 200  # postings read per pledge to find candidates (linear work)
MAX_PER_PLEDGE = 20  # and in all, so a hundred programmes do not store 300 pairs a pledge
# Pairs with lexical evidence at or above this score are shown as common ground
# ("Gemeinsamkeiten"). Calibrated on the tuning part of tests/data/similarity_labels.csv
# for precision: 8 of the 9 pairs above it are counterparts, one is near (same subject,
# another measure), none unrelated; 0.30 would show 13 with 3 near.
COMMON_GROUND = 0.34
# At or above: a possible counterpart, so the pledge is not listed as one party's alone
# ("Nur bei ..."). Calibrated so that no pledge of a tuning reference pair is listed.
POSSIBLE = 0.06
MIN_SCORE = 0.03  # below this a pair is noise, not stored
MIN_SHARED = 2
# Document-frequency limits per programme (the corpus grows with every programme, and so
# does the frequency of every word): with two programmes a term in more than 12 pledges
# is generic, one in at most 4 specific, one in at most 3 rare.
RARE_DF, GENERIC_DF, SPECIFIC_DF = 1.5, 6, 2
CONCEPT_DF = 5  # a curated measure concept (data/similarity_concepts.csv) is specific up to here

SHARED_TERMS = 6


@dataclass(frozen=True)
class Pair:
    pledge_id: str
    other_pledge_id: str
    score: float
    shared_terms: tuple[str, ...]
    rank: int  # 1 = the best counterpart in the other party
    topic_id: str  # the first topic both share (in the pledge's own order)
    level: str  # etl.kinds.SIMILARITY_LEVELS: common, possible, weak


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


def overlap(p: Profile, q: Profile) -> float:
    """A weighted Dice overlap: the weight of the terms both share over the weight of both,
    where a pledge lighter than the median counts as the median (two short pledges sharing
    one word are no strong match). A word counts once per term it carries, so a compound
    that names a known measure ("Wasserstoffwirtschaft": itself, its part "Wasserstoff",
    two concepts) weighs more than a plain word."""
    shared = p.values.keys() & q.values.keys()
    return 2 * sum(min(p.values[t], q.values[t]) for t in shared) / (p.mass + q.mass)


def lexical_evidence(p: Profile, q: Profile) -> bool:
    """A specific shared term, and MIN_SHARED different words on both sides or one long,
    rare compound noun both use: one common word ("Mobilität", "umweltfreundlich") is no
    evidence, and parts of one word are one piece of evidence, not several."""
    if p.specific.isdisjoint(q.values):
        return False  # only generic words in common ("Radwege", "Beteiligung")
    if p.rare.isdisjoint(q.values) and q.rare.isdisjoint(p.values):
        shared = p.values.keys() & q.values.keys()
        mine = {w for t in shared for w in p.words[t]}
        theirs = {w for t in shared for w in q.words[t]}
        return min(len(mine), len(theirs)) >= MIN_SHARED
    return True


@dataclass(frozen=True)
class Blend:
    """How the meaning of two pledges (the cosine of their sentence embeddings) joins the
    shared words. Calibrated on the tuning part of the labelled pairs (see
    tests/data/README.md); the sealed part was measured once, at the end."""

    base: float = 0.5  # overlap x (base + cosine): meaning scales the words' overlap
    extra: float = 0.4  # + extra x (cosine - floor): meaning alone, for other words
    floor: float = 0.2
    possible: float = 0.45  # a cosine at which a counterpart is possible whatever the words
    neighbours: int = 8  # nearest pledges by meaning scored per pledge, besides the lexical

    def score(self, lexical: float, cosine: float | None) -> float:
        if cosine is None:
            return lexical
        return lexical * (self.base + cosine) + self.extra * max(0.0, cosine - self.floor)


BLEND = Blend()


def match(
    p: Profile, q: Profile, cosine: float | None = None, blend: Blend = BLEND
) -> tuple[float, str] | None:
    """The score of two pledges and its level (etl.kinds.SIMILARITY_LEVELS), or None.

    - common: shown as common ground; lexical evidence (so it names what both share) and
      a score of COMMON_GROUND;
    - possible: a counterpart a reader may see (score POSSIBLE, or a close meaning), so
      neither pledge is listed as one party's alone;
    - weak: kept for ranking only."""
    score = blend.score(overlap(p, q), cosine)
    if score >= COMMON_GROUND and lexical_evidence(p, q):
        return score, COMMON
    if score >= POSSIBLE or (cosine is not None and cosine >= blend.possible):
        return score, POSSIBLE_LEVEL
    if score < MIN_SCORE:
        return None
    return score, WEAK


def nearest(vectors, parties: list[str], k: int, chunk: int = 512) -> list[list[int]]:
    """For each pledge, its k nearest pledges of other parties by cosine (unit vectors), in
    blocks of rows so that memory stays bounded for a hundred programmes.

    Pledges with the same vector and party (the same words) share one row: the cosines
    of every row with every other are the one part of the build that grows with the
    square of its size, and a programme that repeats a sentence 59,000 times (one odd
    paragraph, benchmarks/bench_linear.py) would otherwise square that count. A
    neighbour stands for all pledges with its words."""
    import numpy as np

    rows: dict[tuple[str, bytes], int] = {}
    of_row = [
        rows.setdefault((p, v.tobytes()), i)
        for i, (p, v) in enumerate(zip(parties, vectors, strict=True))
    ]
    unique = sorted(set(of_row))
    at = {i: n for n, i in enumerate(unique)}
    codes = {p: n for n, p in enumerate(dict.fromkeys(parties))}
    party = np.array([codes[parties[i]] for i in unique])
    block = vectors[unique]
    found: list[list[int]] = []
    k = min(k, len(unique))
    for start in range(0, len(unique), chunk):
        sims = block[start : start + chunk] @ block.T
        sims[party[start : start + chunk, None] == party[None, :]] = -2.0
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k else np.zeros((len(sims), 0))
        for row, cols in enumerate(top):
            found.append([unique[int(j)] for j in cols if sims[row, j] > -2.0])
    return [found[at[i]] for i in of_row]


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


def similar_pairs(
    pledge_ids: list[str],
    parties: list[str],
    texts: list[str],
    topics: list[tuple[str, ...]],
    stopwords: frozenset[str],
    lexicon: Lexicon,
    concepts: Lexicon | None = None,
    demands: list[tuple[str, ...]] | None = None,
    vectors=None,
    blend: Blend = BLEND,
) -> list[Pair]:
    """For every pledge, its best counterparts (up to TOP_PER_PARTY) in each other party,
    each with the first topic both share (or the pledge's own primary topic) to group by.

    `demands` are the pledges' committing later sentences (etl.pledges.demand_sentences);
    `vectors` their unit sentence embeddings (etl.embeddings), one row per pledge: with
    them the score blends meaning and words, and each pledge's nearest pledges by meaning
    are scored besides the lexical candidates."""
    terms = Terms(texts, stopwords, lexicon, concepts)
    demands = demands or [()] * len(texts)
    analysed = [terms.of(t, d) for t, d in zip(texts, demands, strict=True)]
    found = profiles(analysed, Limits.for_programmes(len(set(parties))))
    near = nearest(vectors, parties, blend.neighbours) if vectors is not None else None
    postings = _postings(found)
    scored: dict[tuple[int, int], tuple[float, str] | None] = {}  # each pair once
    shared_terms: dict[tuple[int, int], tuple[str, ...]] = {}
    pairs: list[Pair] = []
    for i, profile in enumerate(found):
        proposed = _candidates(i, profile, parties, postings)
        if near is not None:
            proposed = list(dict.fromkeys([*proposed, *near[i]]))
        best: dict[str, list[tuple[float, str, int, str]]] = defaultdict(list)
        for j in proposed:
            key = (i, j) if i < j else (j, i)
            if key not in scored:
                cosine = None if vectors is None else float(vectors[i] @ vectors[j])
                scored[key] = match(found[i], found[j], cosine, blend)
            if scored[key] is not None:
                score, level = scored[key]
                best[parties[j]].append((score, pledge_ids[j], j, level))
        for (score, other, j, level), rank in _kept(best):
            key = (i, j) if i < j else (j, i)
            if key not in shared_terms:
                names = (terms.name(t) for t in reasons(found[i], found[j]))
                shared_terms[key] = distinct(names)[:SHARED_TERMS]
            topic = next((t for t in topics[i] if t in topics[j]), topics[i][0])
            pairs.append(
                Pair(pledge_ids[i], other, round(score, 4), shared_terms[key], rank, topic, level)
            )
    return pairs


def _postings(found: list[Profile]) -> dict[str, list[tuple[int, float]]]:
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, profile in enumerate(found):
        for term in profile.values:
            postings[term].append((i, profile.values[term]))
    for posting in postings.values():
        posting.sort()
    return postings


def _candidates(i: int, profile: Profile, parties: list[str], postings) -> list[int]:
    """Every term below the generic limit proposes candidates, the rarest first and at
    most POSTING_BUDGET postings a pledge: the work per pledge is bounded, so it grows
    linearly with the number of programmes."""
    partial: dict[int, float] = defaultdict(float)
    party = parties[i]
    budget = POSTING_BUDGET
    for term in sorted(profile.values, key=lambda t: (len(postings[t]), t)):
        budget -= len(postings[term])
        if budget < 0:
            break
        mine = profile.values[term]
        for j, value in postings[term]:
            if parties[j] != party:
                partial[j] += value if value < mine else mine
    return heapq.nlargest(CANDIDATES, partial, key=partial.__getitem__)


def _kept(best: dict[str, list[tuple[float, str, int, str]]]):
    """The best TOP_PER_PARTY of each other party, with their rank, and at most
    MAX_PER_PLEDGE in all, best first."""
    kept = []
    for candidates in best.values():
        candidates.sort(key=lambda c: (-c[0], c[1]))
        kept += [(c, rank) for rank, c in enumerate(candidates[:TOP_PER_PARTY], start=1)]
    kept.sort(key=lambda c: (-c[0][0], c[0][1]))
    return kept[:MAX_PER_PLEDGE]
