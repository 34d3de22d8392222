"""`python -m etl check`: what the extraction made of each programme, and what needs a look.

Per document: sections found, pledges per kind and topic, pledges with no topic evidence
(only the section decided), pledges that look like duplicates, and capitalised place-like
words (after "in", "aus", "nach", …) that matched no municipality, site or group, so the
gazetteer and the lexicon can be extended.

Findings come in two levels. Problems (pledges that look like duplicates) mean the
extraction is wrong somewhere: the exit status is 1. Notes (no topic evidence, unmatched
place-like words) are worth a look when extending the data files, but are expected in any
real programme: they set the status only with --strict.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from etl import patterns
from etl.build import Inputs, Resources
from etl.datafiles import read_csv
from etl.errors import BuildError
from etl.kinds import KEINE, ORPHAN
from etl.reading import format_reading, read_report
from etl.registry import read_document
from etl.reviews import apply as apply_reviews
from etl.reviews import apply_to_pairs
from etl.rows import place_rows, pledge_row, topic_rows

_PLACE_CUE = re.compile(r"\b(?:in|aus|nach|zwischen|bei|um)\s+([A-ZÄÖÜ][\wäöüß-]+)")
_WORD = re.compile(r"\w+")
DUPLICATE_OVERLAP = 0.9


@dataclass
class DocumentCheck:
    document_id: str
    sections: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    no_evidence: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    unmatched_places: Counter = field(default_factory=Counter)
    unmatched_features: Counter = field(default_factory=Counter)  # "Wälder (rvr_wald)"
    without_context: list[str] = field(default_factory=list)  # leans on nothing found
    no_commitment: list[str] = field(default_factory=list)  # classed `keine`
    statement_cues: list[tuple[str, str]] = field(default_factory=list)  # (pledge_id, cue)
    reading: object = None  # etl.reading.Reading: structure, furniture, repairs
    orphaned_reviews: list[str] = field(default_factory=list)  # records of words now gone

    @property
    def structure_problems(self) -> list[str]:
        return list(self.reading.problems) if self.reading is not None else []

    @property
    def problems(self) -> bool:
        return bool(self.duplicates or self.structure_problems or self.orphaned_reviews)

    @property
    def notes(self) -> bool:
        return bool(
            self.no_evidence
            or self.unmatched_places
            or self.unmatched_features
            or self.without_context
            or self.no_commitment
        )

    def needs_attention(self, strict: bool = False) -> bool:
        return self.problems or (strict and self.notes)


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if len(w) > 2}


def duplicates(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs (id, id) whose word sets overlap by at least DUPLICATE_OVERLAP (Jaccard)."""
    found = []
    words = [(pid, _words(text)) for pid, text in texts]
    by_word: dict[str, list[int]] = {}
    for i, (_, ws) in enumerate(words):
        for w in ws:
            by_word.setdefault(w, []).append(i)
    for i, (pid, ws) in enumerate(words):
        candidates = {j for w in ws for j in by_word[w] if j > i}
        for j in sorted(candidates):
            other = words[j][1]
            union = ws | other
            if union and len(ws & other) / len(union) >= DUPLICATE_OVERLAP:
                found.append((pid, words[j][0]))
    return found


_ARTICLE_NOUN = re.compile(
    r"\b(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|unsere[mnrs]?)\s+"
    r"(?:\w+\s+)?([A-ZÄÖÜ][\wäöüß-]+)"
)


def common_nouns(text: str) -> set[str]:
    """Words used with an article somewhere in the document: nouns, not place names."""
    return {m.group(1) for m in _ARTICLE_NOUN.finditer(text)}


def load_noun_endings(path) -> tuple[str, ...]:
    """Endings of nouns that follow a place preposition without being places (data file)."""
    return tuple(row["ending"] for _, row in read_csv(path))


def place_like_words(
    text: str, nouns: set[str], lexicon=None, endings: tuple[str, ...] = ()
) -> list[str]:
    """Capitalised words after a place preposition that are not common nouns."""
    found = []
    for m in _PLACE_CUE.finditer(text):
        word = m.group(1)
        low = word.lower()
        if low.endswith(endings) or word.endswith("-") or word in nouns:
            continue
        if lexicon is not None and lexicon.matches(low):
            continue  # a word of the topic lexicon is a subject, not a place
        found.append(word)
    return found


def load_feature_words(path) -> list[tuple[re.Pattern, str]]:
    """Words that may name a kind of feature (geo/feature_words.csv), with the documented
    kind they belong to ('' for none yet)."""
    words = []
    for n, row in read_csv(path):
        try:
            words.append((patterns.compile(row["pattern"]), row["kind"]))
        except re.error as exc:
            raise BuildError(path, f"bad pattern ({exc})", row=n) from None
    return words


def unmatched_feature_words(text: str, words, features) -> list[str]:
    """Feature-kind words that no feature cue covered: "Wälder (rvr_wald)", "Kanal (–)"."""
    covered = [(a, b) for a, b, _ in features.spans(text)]
    found = []
    for pattern, kind in words:
        for m in pattern.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                found.append(f"{m.group(0)} ({kind or '–'})")
    return found


def check(inputs: Inputs | None = None) -> list[DocumentCheck]:
    inputs = inputs or Inputs()
    res = Resources.load(inputs)
    feature_words = load_feature_words(inputs.geo.feature_words)
    endings = load_noun_endings(inputs.check_nouns)
    results = []
    rows: dict[str, list] = {"pledges": [], "topics": [], "places": []}
    for source in res.sources:
        result = DocumentCheck(source.id)
        document = read_document(source)
        text = document.text
        nouns = common_nouns(text)
        parsed = res.parse(source, document)
        pledges = res.pledges(source, parsed)
        result.reading = read_report(source.id, parsed, pledges, text)
        rules = res.role_rules(source)
        for p in pledges:
            result.sections[p.section] += 1
            result.kinds[p.kind] += 1
            c = res.classify(source, p)
            rows["pledges"].append(pledge_row(source, p, c, res.commitment(p)))
            rows["topics"] += topic_rows(p, c)
            rows["places"] += place_rows(p, res.geo.gazetteer, rules, res.geo.features)
            result.topics[c.topic_id] += 1
            if not c.terms:
                result.no_evidence.append(p.pledge_id)
            if p.context is None and res.cues.anaphor.search(p.text):
                result.without_context.append(p.pledge_id)
            if res.commitment(p).commitment == KEINE:
                result.no_commitment.append(p.pledge_id)
            if p.cue:
                result.statement_cues.append((p.pledge_id, p.cue))
            evidence = {
                w for link in res.geo.gazetteer.link(p.text) for w in link.evidence.split("; ")
            }
            for word in place_like_words(p.text, nouns, res.lexicon, endings):
                if not any(word in e or e in word for e in evidence):
                    result.unmatched_places[word] += 1
            for word in unmatched_feature_words(p.text, feature_words, res.geo.features):
                result.unmatched_features[word] += 1
        result.duplicates = duplicates([(p.pledge_id, p.text) for p in pledges])
        results.append(result)
    _add_orphans(results, res.reviews, rows)
    return results


def _add_orphans(results: list[DocumentCheck], records, rows: dict[str, list]) -> None:
    """Review records that no longer apply, listed under their document (or under
    data/reviews when their pledge id names no document)."""
    reviewed = apply_reviews(records, rows["pledges"], rows["topics"], rows["places"])
    apply_to_pairs(records, [], reviewed.pledges, reviewed.records)  # marks pair orphans
    by_document = {r.document_id: r for r in results}
    for row in reviewed.records:
        if row["status"] != ORPHAN:
            continue
        target = f" {row['target']}" if row["target"] else ""
        text = f"{row['file']} row {row['row']}: {row['pledge_id']} {row['field']}{target}"
        owner = next((d for d in by_document if row["pledge_id"].startswith(d + "-")), None)
        if owner is None:
            owner = "data/reviews"
            by_document.setdefault(owner, DocumentCheck(owner))
            if by_document[owner] not in results:
                results.append(by_document[owner])
        by_document[owner].orphaned_reviews.append(text)


def report(
    results: list[DocumentCheck],
    topic_labels: dict[str, str] | None = None,
    strict: bool = False,
    verbose: bool = False,
) -> str:
    lines = []
    for r in results:
        lines += _document_report(r, topic_labels or {}, verbose)
    attention = [r.document_id for r in results if r.needs_attention(strict)]
    noted = [r.document_id for r in results if r.notes and r.document_id not in attention]
    lines.append("needs attention: " + (", ".join(attention) if attention else "nothing"))
    if noted:
        lines.append("notes to look at (exit status only with --strict): " + ", ".join(noted))
    return "\n".join(lines)


def _listed(label: str, items: list, shown: int = 20, sep: str = ", ") -> str:
    return f"  {label} ({len(items)}): " + (sep.join(items[:shown]) or "–")


def _document_report(r: DocumentCheck, topic_labels: dict[str, str], verbose: bool) -> list[str]:
    total = sum(r.kinds.values())
    cues = Counter(cue.split(":")[0] for _, cue in r.statement_cues)
    lines = [
        f"== {r.document_id}: {total} pledges "
        + ", ".join(f"{k} {n}" for k, n in sorted(r.kinds.items())),
        f"  sections ({len(r.sections)}): "
        + "; ".join(f"{s} ({n})" for s, n in r.sections.items()),
        "  topics: "
        + ", ".join(f"{topic_labels.get(t, t)} {n}" for t, n in r.topics.most_common()),
        _listed("note: no topic evidence", r.no_evidence),
        _listed("problem: possible duplicates", [f"{a} ~ {b}" for a, b in r.duplicates]),
        _listed("problem: structure", r.structure_problems, 10, "; "),
        _listed(
            "problem: review records whose words changed (orphans)", r.orphaned_reviews, 50, "; "
        ),
        _listed("note: leans on a sentence before, none found", r.without_context),
        _listed("note: classed 'keine' (no commitment)", r.no_commitment),
        f"  statements by cue ({len(r.statement_cues)}): "
        + (", ".join(f"{c} {n}" for c, n in cues.most_common()) or "–"),
    ]
    if verbose:
        lines += [f"    {pid}: {cue}" for pid, cue in r.statement_cues]
        if r.reading is not None:
            lines += ["  " + ln for ln in format_reading(r.reading, verbose=True).splitlines()]
    places = [f"{w} ({n})" for w, n in r.unmatched_places.most_common(30)]
    features = [f"{w} {n}" for w, n in r.unmatched_features.most_common(30)]
    lines.append(_listed("note: place-like words without a match", places, 30))
    lines.append(_listed("note: feature-kind words matched by no documented kind", features, 30))
    return lines
