"""The review queue: the rules' least certain decisions first, for a person to confirm or
correct (the "Redaktion" page, `python -m etl review`). What marks doubt, and how much,
is data (data/review_queue.toml); a decision a record has already settled leaves the
queue. Pure: it reads rows a caller took from a built database."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from etl import paths, patterns
from etl.datafiles import read_toml
from etl.errors import BuildError
from etl.kinds import (
    ALLGEMEIN,
    COMMITMENT_FIELD,
    CONTEXT_FIELD,
    GROUP,
    KEINE,
    PAIR_FIELD,
    PLACE_FIELD,
    POSSIBLE,
    PRUEFBAR,
    STATEMENT,
    TARGET,
    THEMATIC,
)

QUEUE_CUES = paths.DATA / "review_queue.toml"
SIGNALS = {
    COMMITMENT_FIELD: ("single_rule", "default_beside_specifics", "keine", "statement"),
    PLACE_FIELD: ("thematic_target", "thematic_generic", "thematic_other", "group_target"),
    PAIR_FIELD: ("possible",),
    CONTEXT_FIELD: ("present",),
}


@dataclass(frozen=True)
class Signal:
    weight: float
    note: str
    pattern: object = None  # re.Pattern: default_beside_specifics, thematic_generic
    min_score: float = 0.0  # for possible


@dataclass(frozen=True)
class Item:
    """One decision to check: a pledge's field (and target: a town, site or other pledge)."""

    score: float
    pledge_id: str
    field: str
    target: str
    current: str  # what the rules decided
    why: tuple[str, ...]  # the signals' notes


def load_queue_cues(path: Path = QUEUE_CUES) -> dict[str, Signal]:
    raw = read_toml(path, "review queue")
    found = {}
    for field, names in SIGNALS.items():
        for name in names:
            entry = raw.get(field, {}).get(name)
            where = f"[{field}.{name}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("note"), str):
                raise BuildError(path, f"{where}: needs weight and note")
            weight = entry.get("weight")
            if not isinstance(weight, int | float) or isinstance(weight, bool) or weight < 0:
                raise BuildError(path, f"{where}: weight must be a number ≥ 0")
            try:
                pattern = patterns.compile(entry["pattern"]) if "pattern" in entry else None
            except re.error as exc:
                raise BuildError(path, f"{where}: bad pattern ({exc})") from None
            found[name] = Signal(float(weight), entry["note"], pattern, entry.get("min_score", 0.0))
    return found


def queue(pledges, places, pairs, settled, cues: dict[str, Signal]) -> list[Item]:
    """Items by score, highest first. `pledges`, `places`, `pairs`: rows (dicts) of the
    tables of the same names; `settled`: (pledge_id, field, target) a record decides."""
    scores: dict[tuple[str, str, str], list] = defaultdict(lambda: [0.0, [], ""])

    def add(key, signal: str, current: str) -> None:
        if key in settled or (key[0], key[1], "") in settled:
            return
        entry = scores[key]
        entry[0] += cues[signal].weight
        entry[1].append(cues[signal].note)
        entry[2] = current

    for p in pledges:
        key = (p["pledge_id"], COMMITMENT_FIELD, "")
        evidence = p["commitment_evidence"] or ""
        if p["commitment"] == PRUEFBAR and evidence and ";" not in evidence:
            add(key, "single_rule", p["commitment"])
        specifics = cues["default_beside_specifics"].pattern
        if p["commitment"] == ALLGEMEIN and specifics is not None and specifics.search(p["text"]):
            add(key, "default_beside_specifics", p["commitment"])
        if p["commitment"] == KEINE:
            add(key, "keine", p["commitment"])
        if p["kind"] == STATEMENT and key in scores:
            add(key, "statement", p["commitment"])
        if p["context"]:
            add((p["pledge_id"], CONTEXT_FIELD, ""), "present", p["context"])
    for link in places:
        for signal in _place_signals(link, cues):
            add(
                (link["pledge_id"], PLACE_FIELD, link["site_id"] or link["ags"]),
                signal,
                link["role"],
            )
    possible = cues["possible"]
    similarity = {}
    for pair in pairs:
        a, b = sorted((pair["pledge_id"], pair["other_pledge_id"]))
        similarity[(a, b)] = max(similarity.get((a, b), 0.0), pair["score"])
    for pair in pairs:
        if pair["level"] == POSSIBLE and pair["score"] >= possible.min_score:
            a, b = sorted((pair["pledge_id"], pair["other_pledge_id"]))
            if (a, PAIR_FIELD, b) not in scores:
                add((a, PAIR_FIELD, b), "possible", pair["level"])
    items = [
        Item(round(score, 2), pid, field, target, current, tuple(why))
        for (pid, field, target), (score, why, current) in scores.items()
    ]
    # ties: the least similar pair first (the likeliest to be unrelated), then by id
    return sorted(
        items,
        key=lambda i: (
            -i.score,
            similarity.get((i.pledge_id, i.target), 0.0),
            i.pledge_id,
            i.field,
            i.target,
        ),
    )


def _place_signals(link: dict, cues: dict[str, Signal]) -> list[str]:
    """What marks doubt about one place link: its route to the town and its evidence."""
    if link["link_type"] == THEMATIC:
        if link["role"] != TARGET:
            return ["thematic_other"]
        generic = cues["thematic_generic"].pattern
        if generic and generic.search(link.get("evidence") or ""):
            return ["thematic_target", "thematic_generic"]
        return ["thematic_target"]
    if link["link_type"] == GROUP and link["role"] == TARGET:
        return ["group_target"]
    return []


def from_database(con, cues: dict[str, Signal]) -> list[Item]:
    """The queue of a built database (a DuckDB connection)."""

    def rows(sql: str) -> list[dict]:
        cursor = con.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    settled = {
        (r["pledge_id"], r["field"], r["target"] or "")
        for r in rows("SELECT pledge_id, field, target FROM reviews WHERE status = 'applied'")
    }
    settled |= {(b, f, a) for a, f, b in settled if f == PAIR_FIELD}
    return queue(
        rows("SELECT * FROM pledges"),
        rows("SELECT * FROM pledge_places"),
        rows("SELECT * FROM pledge_similarity"),
        settled,
        cues,
    )
