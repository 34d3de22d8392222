"""Explainable topic classification from a curated German lexicon plus a section prior.

The lexicon (data/topic_lexicon.csv) holds glob patterns over lower-cased words:
``radweg*`` (prefix: Radwege, Radwegenetz), ``*wärme`` (compound head:
Fernwärme), ``*biotop*`` (anywhere in a compound: Biotopschutz), ``kita``
(the word itself) and phrases with spaces (``open data``). Hyphenated words
are also matched part by part. Each matched word adds its weight to its topic
once per pledge; the section's prior (data/section_topics.csv) is added on
top. The words that matched are the evidence shown to users.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.datafiles import read_csv
from etl.errors import BuildError
from etl.parse.sentences import GLUED

MAX_TOPICS = 3
SECONDARY_SHARE = 0.5  # a secondary topic needs half the primary's score ...
SECONDARY_MIN_LEXICAL = 1.0  # ... and at least one full-weight word of its own

_WORD = re.compile(r"[0-9A-Za-zÄÖÜäöüßÀ-ÿ]+(?:[-*][0-9A-Za-zÄÖÜäöüßÀ-ÿ]*)*")


@dataclass(frozen=True)
class Topic:
    topic_id: str
    label: str
    description: str
    fallback: bool = False  # a pledge with no evidence at all is of this topic (topics.csv)


@dataclass(frozen=True)
class Classification:
    topic_id: str
    topic_ids: tuple[str, ...]
    scores: dict[str, float]
    terms: dict[str, list[str]]
    prior: dict[str, float]

    def evidence_json(self) -> str:
        return json.dumps(
            {"terms": self.terms, "section_prior": self.prior}, ensure_ascii=False, sort_keys=True
        )


def load_topics(path: Path) -> list[Topic]:
    rows = read_csv(path)
    fallback = [n for n, row in rows if row["fallback"] == "yes"]
    if len(fallback) != 1:
        raise BuildError(path, f"one topic must be the fallback, not {len(fallback)}")
    return [
        Topic(row["topic_id"], row["label"], row["description"], row["fallback"] == "yes")
        for _, row in rows
    ]


def fallback_topic(topics: list[Topic]) -> str:
    """The topic of a pledge with no evidence at all (the one topics.csv marks)."""
    return next(t.topic_id for t in topics if t.fallback)


def phrase_text(text: str) -> str:
    """A text as phrases are matched in: lower case, single spaces (phrases span lines)."""
    return " ".join(text.lower().split())


class Lexicon:
    """Patterns by kind, indexed so that classifying a word is a few dict look-ups."""

    def __init__(self, entries: list[tuple[str, str, float]]):
        self.exact: dict[str, list[tuple[str, float, str]]] = {}
        self.prefix: dict[str, list[tuple[str, float, str]]] = {}
        self.suffix: dict[str, list[tuple[str, float, str]]] = {}
        self.infix: list[tuple[str, str, float, str]] = []
        self.phrases: list[tuple[str, re.Pattern, str, float]] = []
        for topic, pattern, weight in entries:
            entry = (topic, weight, pattern)
            if " " in pattern:
                regex = re.compile(r"(?<!\w)" + re.escape(pattern) + r"(?!\w)")
                self.phrases.append((pattern, regex, topic, weight))
            elif pattern.startswith("*") and pattern.endswith("*"):
                self.infix.append((pattern[1:-1], *entry))
            elif pattern.endswith("*"):
                self.prefix.setdefault(pattern[:-1], []).append(entry)
            elif pattern.startswith("*"):
                self.suffix.setdefault(pattern[1:], []).append(entry)
            else:
                self.exact.setdefault(pattern, []).append(entry)
        # infix stems by their first three letters: a word is checked against the few
        # stems that can start at each of its positions, not against all of them
        self.infix_index: dict[str, list[tuple[str, str, float, str]]] = {}
        for entry in self.infix:
            self.infix_index.setdefault(entry[0][:3], []).append(entry)
        self.matches = lru_cache(maxsize=65536)(self._matches)

    def _matches(self, word: str) -> tuple[tuple[str, float, str], ...]:
        """(topic, weight, pattern) for one lower-cased word (and its hyphen parts).

        Where several patterns of a topic match, the most specific (longest) one
        decides: ``umweltfreundlich*`` (0.5) overrides ``umwelt*`` (1).
        """
        best: dict[str, tuple[int, float, str]] = {}
        # the word, then its hyphen parts: in a fixed order, so ties resolve the same way
        # in every run
        candidates = dict.fromkeys([word, *(p for p in word.split("-") if p)])
        for w in candidates:
            hits = [(len(w) + 1, *e) for e in self.exact.get(w, ())]
            for i in range(1, len(w) + 1):
                hits += [(i, *e) for e in self.prefix.get(w[:i], ())]
                hits += [(i, *e) for e in self.suffix.get(w[-i:], ())]
            for i in range(len(w) - 2):
                for stem, *e in self.infix_index.get(w[i : i + 3], ()):
                    if w.startswith(stem, i):
                        hits.append((len(stem), *e))
            for length, topic, weight, pattern in hits:
                if (length, weight) > best.get(topic, (0, 0.0, ""))[:2]:
                    best[topic] = (length, weight, pattern)
        return tuple(sorted((t, wt, p) for t, (_, wt, p) in best.items()))

    def phrase_hits(self, lowered: str) -> Iterator[tuple[re.Match, str, float, str]]:
        """(first match, topic, weight, pattern) of each phrase in a text as phrase_text()
        gives it; a substring test first, as most phrases are in no text."""
        for pattern, regex, topic, weight in self.phrases:
            if pattern in lowered:
                found = regex.search(lowered)
                if found:
                    yield found, topic, weight, pattern

    def word_topics(self, word: str) -> tuple[tuple[str, float], ...]:
        return tuple((t, wt) for t, wt, _ in self.matches(word))

    def concepts(self, text: str) -> set[str]:
        """The lexicon patterns a text matches: curated concepts that see through German
        compounds ("Radwegenetz" and "Radwege" both match radweg*)."""
        found = {p for m in _WORD.finditer(text) for _, _, p in self.matches(m.group(0).lower())}
        lowered = phrase_text(text)
        found |= {pattern for *_, pattern in self.phrase_hits(lowered)}
        return found


def load_lexicon(path: Path, topic_ids: set[str]) -> Lexicon:
    entries = []
    seen = set()
    for n, row in read_csv(path):
        topic, pattern = row["topic_id"], row["pattern"].strip().lower()
        if topic not in topic_ids:
            raise BuildError(path, f"unknown topic_id {topic!r}", row=n)
        weight = float(row["weight"])  # a positive number: checked by the spec
        if (topic, pattern) in seen:  # the spec's key, again after lower-casing
            raise BuildError(path, f"duplicate entry {topic},{pattern}", row=n)
        seen.add((topic, pattern))
        entries.append((topic, pattern, weight))
    return Lexicon(entries)


def load_section_priors(path: Path, topic_ids: set[str]) -> dict[tuple[str, str], dict[str, float]]:
    """(document_id, heading) -> {topic_id: weight}; a heading is a section or subsection."""
    priors: dict[tuple[str, str], dict[str, float]] = {}
    for n, row in read_csv(path):
        if row["topic_id"] not in topic_ids:
            raise BuildError(path, f"unknown topic_id {row['topic_id']!r}", row=n)
        weight = float(row["weight"])
        priors.setdefault((row["document_id"], row["heading"]), {})[row["topic_id"]] = weight
    return priors


LATER_SENTENCE = 0.6  # the first sentence carries the pledge; later ones explain it
EXAMPLE = 0.5  # words in parentheses or after "etwa", "z. B.", "wie" are examples
# a sentence ends at . ! ? before a space, or glued to the next by PDF extraction ("Fauna.Die")
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|" + GLUED)
_EXAMPLE_START = re.compile(
    r"\((?!\s*\))"
    r"|\b(?:etwa|z\.\s?B\.|zum Beispiel|beispielsweise|bspw\.|wie|insbesondere|u\.\s?a\.)\s"
)
_EXAMPLE_END = re.compile(r"[.;)]|\s[–-]\s")


def salience(text: str, later: float = LATER_SENTENCE) -> list[float]:
    """A weight per character: how much a word there says about the pledge's topic."""
    weights = [1.0] * len(text)
    first_end = _SENTENCE_END.search(text)
    if first_end and text[first_end.end() :].strip():
        for i in range(first_end.end(), len(text)):
            weights[i] = later
    for start in _EXAMPLE_START.finditer(text):
        stop = _EXAMPLE_END.search(text, start.end())
        for i in range(start.start(), stop.start() if stop else len(text)):
            weights[i] *= EXAMPLE
    return weights


def lexical_scores(text: str, lexicon: Lexicon) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Lexicon weight per topic and the words that earned it (each word once, at its most
    salient occurrence)."""
    weights = salience(text)
    best: dict[tuple[str, str], tuple[float, str]] = {}  # (topic, word) -> (score, surface)
    for match in _WORD.finditer(text):
        surface = match.group(0).rstrip("*")
        factor = weights[match.start()]
        for topic, weight in lexicon.word_topics(surface.lower()):
            key = (topic, surface.lower())
            if key not in best or weight * factor > best[key][0]:
                best[key] = (weight * factor, surface)
    lowered = phrase_text(text)
    folded = salience(lowered)
    for found, topic, weight, _ in lexicon.phrase_hits(lowered):
        best[(topic, found.group(0))] = (weight * folded[found.start()], found.group(0))
    lexical: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    for (topic, _), (score, surface) in best.items():
        lexical[topic] = lexical.get(topic, 0.0) + score
        terms.setdefault(topic, []).append(surface)
    return lexical, terms


def classify(
    text: str, prior: dict[str, float], lexicon: Lexicon, topic_order: list[str], fallback: str
) -> Classification:
    lexical, terms = lexical_scores(text, lexicon)
    scores = {t: lexical.get(t, 0.0) + prior.get(t, 0.0) for t in set(lexical) | set(prior)}
    rank = {t: i for i, t in enumerate(topic_order)}
    ordered = sorted(
        scores,
        key=lambda t: (-scores[t], -prior.get(t, 0.0), -lexical.get(t, 0.0), rank.get(t, 99)),
    )
    if not ordered:
        ordered = [fallback]
    primary = ordered[0]
    top = scores.get(primary, 0.0)
    secondary = [
        t
        for t in ordered[1:]
        if lexical.get(t, 0.0) >= SECONDARY_MIN_LEXICAL and scores[t] >= SECONDARY_SHARE * top
    ][: MAX_TOPICS - 1]
    return Classification(
        topic_id=primary,
        topic_ids=(primary, *secondary),
        scores={t: round(s, 3) for t, s in sorted(scores.items())},
        terms={t: v for t, v in sorted(terms.items())},
        prior=dict(sorted(prior.items())),
    )


def prior_for(
    priors: dict[tuple[str, str], dict[str, float]],
    document_id: str,
    section: str,
    subsection: str | None,
    lexicon: Lexicon | None = None,
) -> dict[str, float]:
    """The section prior: from data/section_topics.csv where the heading is listed there,
    else (with a lexicon) from the heading's own words, so a new programme gets a prior
    without any data entry."""
    combined: dict[str, float] = {}
    for heading in (section, subsection):
        if not heading:
            continue
        listed = priors.get((document_id, heading))
        if listed is None and lexicon is not None:
            listed = heading_prior(heading, lexicon)
        for topic, weight in (listed or {}).items():
            combined[topic] = combined.get(topic, 0.0) + weight
    return combined


HEADING_PRIOR = 0.75


def heading_prior(heading: str, lexicon: Lexicon) -> dict[str, float]:
    """Topics a heading names ("Wohnen im Revier" -> wohnen), at a prior's weight."""
    scores = lexical_scores(heading, lexicon)[0]
    if not scores:
        return {}
    top = max(scores.values())
    return {t: HEADING_PRIOR for t, s in scores.items() if s == top}
