"""Recall and precision of the pledge extraction, and agreement of the commitment class,
against the blind reading of both programmes in tests/data/pledge_units_*.csv.

Every labelled unit (bullet, goal item, prose sentence) is matched to the extracted
pledge with the most similar words; a prose unit labelled `pruefbar` or `allgemein` is a
commitment the extraction should find as a statement. A quarter of the units, chosen by a
hash of their text, is sealed: tuning looks only at the other three quarters.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).parent / "data"
FILES = {"spd-2020": DATA / "pledge_units_spd.csv", "volt-2025": DATA / "pledge_units_volt.csv"}
COMMITTING = ("pruefbar", "allgemein")
_WORD = re.compile(r"\w+")
MATCH = 0.6  # share of the shorter text's words the other must contain


@dataclass(frozen=True)
class Unit:
    document_id: str
    line: int
    kind: str
    text: str
    commitment: str
    needs_context: bool

    @property
    def sealed(self) -> bool:
        return int(hashlib.sha1(self.text.encode()).hexdigest(), 16) % 4 == 0


def load_units(document_id: str) -> list[Unit]:
    with FILES[document_id].open(encoding="utf-8", newline="") as f:
        return [
            Unit(
                document_id,
                int(r["line"]),
                r["kind"],
                r["text"],
                r["commitment"],
                r["needs_context"] == "yes",
            )
            for r in csv.DictReader(f)
        ]


def words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def overlap(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def best_match(text: str, candidates: list) -> tuple[object | None, float]:
    """The candidate (with a .text) sharing most words with `text`, and that share."""
    best, score = None, 0.0
    for c in candidates:
        s = overlap(text, c.text)
        if s > score:
            best, score = c, s
    return (best, score) if score >= MATCH else (None, score)


@dataclass
class Result:
    document_id: str
    part: str
    recall_hits: int = 0
    recall_total: int = 0
    precision_hits: int = 0
    precision_total: int = 0
    misses: list = field(default_factory=list)  # labelled commitments not extracted
    extras: list = field(default_factory=list)  # extracted statements a reader rejects

    @property
    def recall(self) -> float:
        return self.recall_hits / self.recall_total if self.recall_total else 1.0

    @property
    def precision(self) -> float:
        return self.precision_hits / self.precision_total if self.precision_total else 1.0


def evaluate_prose(document_id: str, pledges: list, sealed: bool) -> Result:
    """Prose only: statements against the units labelled `prose`."""
    units = [u for u in load_units(document_id) if u.kind == "prose" and u.sealed == sealed]
    statements = [p for p in pledges if p.kind == "statement"]
    result = Result(document_id, "sealed" if sealed else "tuning")
    for unit in units:
        if unit.commitment in COMMITTING:
            result.recall_total += 1
            match, _ = best_match(unit.text, statements)
            if match is not None:
                result.recall_hits += 1
            else:
                result.misses.append(unit)
    for p in statements:
        unit, _ = best_match(p.text, [u for u in load_units(document_id) if u.kind == "prose"])
        if unit is None or unit.sealed != sealed:
            continue  # a statement whose unit is in the other part counts there
        result.precision_total += 1
        if unit.commitment in COMMITTING:
            result.precision_hits += 1
        else:
            result.extras.append((p, unit))
    return result


def evaluate_items(document_id: str, pledges: list) -> tuple[int, int, list]:
    """Bullets and goal items: how many labelled items have their pledge."""
    units = [u for u in load_units(document_id) if u.kind in ("bullet", "goal")]
    items = [p for p in pledges if p.kind in ("bullet", "goal")]
    missing = [u for u in units if best_match(u.text, items)[0] is None]
    return len(units) - len(missing), len(units), missing


def commitment_confusion(pledges_by_document: dict, classify, sealed: bool | None = None):
    """(reader's class, rules' class) -> count over every pledge matched to a labelled unit;
    `sealed` None counts both parts."""
    confusion: dict[tuple[str, str], int] = {}
    for document_id, pledges in pledges_by_document.items():
        units = load_units(document_id)
        for p in pledges:
            unit, _ = best_match(p.text, units)
            if unit is None or (sealed is not None and unit.sealed != sealed):
                continue
            key = (unit.commitment, classify(p))
            confusion[key] = confusion.get(key, 0) + 1
    return confusion
