"""A person's decisions on pledges (data/reviews/*.csv), applied after the rules.

A rule that is wrong for one pledge can only be fixed for all; a record fixes one
pledge, with a reason, a reviewer and a date, and stays in the open (table `reviews`,
the "Korrekturen" page). Each record carries the fingerprint of the words it was made
for: when the pledge's words change, the record is an *orphan*, never applied to other
words and never dropped silently (`etl check` lists it and exits 1).

Records of one pledge, field and target apply in date order, so the latest decides;
earlier ones stay in the table as history.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from etl.datafiles import read_csv
from etl.errors import BuildError
from etl.kinds import (
    APPLIED,
    COMMITMENT_FIELD,
    COMMITMENTS,
    CONFIRMED,
    CONTEXT_FIELD,
    NO_LINK,
    NOT_A_PLEDGE,
    NOT_RATED,
    ORPHAN,
    PAIR_FIELD,
    PAIR_VERDICTS,
    PLACE_FIELD,
    ROLES,
    STATUS,
    STATUSES,
    TOPIC_FIELD,
)

MAX_TOPICS = 3  # as pledges.topic_ids


def fingerprint(text: str) -> str:
    """The words a record was made for, as 12 hex digits of their SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Review:
    file: str
    row: int
    pledge_id: str
    text_sha: str
    field: str
    target: str
    value: str
    reason: str
    reviewer: str
    date: str
    source_url: str
    evidence_title: str = ""
    evidence_date: str = ""
    evidence_quote: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.pledge_id, self.field, self.target)


def load_reviews(
    folder: Path, topic_ids: frozenset[str], term_ends: dict | None = None
) -> list[Review]:
    """Every record of the folder's CSV files, checked by the data-file spec and by
    field (a class, a topic, a role, a verdict, a status with evidence for an ended
    term: `term_ends` maps a document id to its registry's term_end), oldest first."""
    records = []
    for path in sorted(Path(folder).glob("*.csv")):
        for n, row in read_csv(path):
            review = Review(path.name, n, **{k: row[k] for k in COLUMNS})
            problem = _value_problem(review, topic_ids) or _status_problem(review, term_ends or {})
            if problem:
                raise BuildError(path, problem, row=n)
            records.append(review)
    return sorted(records, key=lambda r: (r.date, r.file, r.row))


COLUMNS = (  # of a record file, in this order (the "Redaktion" page writes them)
    "pledge_id",
    "text_sha",
    "field",
    "target",
    "value",
    "reason",
    "reviewer",
    "date",
    "source_url",
    "evidence_title",  # a status record's evidence: a council paper, its date, a quote
    "evidence_date",
    "evidence_quote",
)


def _status_problem(r: Review, term_ends: dict) -> str | None:
    """A status needs an ended term and, unless it is the default, its evidence."""
    if r.field != STATUS:
        return None
    document = next((d for d in term_ends if r.pledge_id.startswith(f"{d}-")), None)
    ended = term_ends.get(document)
    if ended is None:
        return "a status is only for a programme whose term has ended (term_end in the registry)"
    if r.date < ended.isoformat():
        return f"column date: the term ended on {ended.isoformat()}, after {r.date}"
    if r.value != NOT_RATED:
        missing = [
            c
            for c in ("source_url", "evidence_title", "evidence_date", "evidence_quote")
            if not getattr(r, c)
        ]
        if missing:
            return f"a status needs its evidence: column(s) {', '.join(missing)} empty"
    return None


def _value_problem(r: Review, topic_ids: frozenset[str]) -> str | None:
    allowed = {
        NOT_A_PLEDGE: ("", "yes", "no"),
        COMMITMENT_FIELD: COMMITMENTS,
        "topic": tuple(sorted(topic_ids)),
        PLACE_FIELD: (*ROLES, NO_LINK),
        PAIR_FIELD: PAIR_VERDICTS,
        STATUS: STATUSES,
    }.get(r.field)
    if allowed is not None and r.value not in allowed:
        return f"column value: {r.value!r} is not one of {', '.join(allowed) or '(empty)'}"
    if r.field in (PLACE_FIELD, PAIR_FIELD) and not r.target:
        return f"column target: a {r.field} record names its {r.field} (AGS, site or pledge id)"
    if r.field not in (PLACE_FIELD, PAIR_FIELD) and r.target:
        return f"column target: only place and pair records have a target, not {r.field}"
    return None


@dataclass
class Reviewed:
    """The rows after the records: what is shown, and the records with their status."""

    pledges: list[dict]
    topics: list[dict]
    places: list[dict]
    kept: list[int]  # indexes of the pledges still shown (others are no pledge)
    records: list[dict]  # rows of table `reviews`


def apply(records: list[Review], pledges: list[dict], topics: list[dict], places: list[dict]):
    """Apply every record but the pair verdicts (see `apply_to_pairs`) to the rules' rows;
    rows are copied where a record changes them."""
    by_id = {p["pledge_id"]: i for i, p in enumerate(pledges)}
    pledges = [dict(p) for p in pledges]
    topics_of: dict[str, list[dict]] = defaultdict(list)
    for t in topics:
        topics_of[t["pledge_id"]].append(dict(t))
    places = [dict(p) for p in places]
    hidden: set[str] = set()
    out = []
    for r in records:
        i = by_id.get(r.pledge_id)
        pledge = pledges[i] if i is not None else None
        orphan = pledge is None or fingerprint(pledge["text"]) != r.text_sha
        before = None
        if not orphan and r.field != PAIR_FIELD:
            before, orphan = _apply_one(r, pledge, topics_of[r.pledge_id], places, hidden)
        if not orphan and r.field != PAIR_FIELD:
            pledge["reviewed"] = True
        out.append(_record_row(r, before, ORPHAN if orphan else APPLIED))
    kept = [i for i, p in enumerate(pledges) if p["pledge_id"] not in hidden]
    return Reviewed(
        [pledges[i] for i in kept],
        [t for i in kept for t in topics_of[pledges[i]["pledge_id"]]],
        [
            {k: v for k, v in p.items() if k != "_removed"}
            for p in places
            if p["pledge_id"] not in hidden and not p.get("_removed")
        ],
        kept,
        out,
    )


def _apply_one(r: Review, pledge: dict, topics: list[dict], places: list[dict], hidden: set):
    """(what the rules made of it, whether the record found nothing to apply to)."""
    if r.field == NOT_A_PLEDGE:
        (hidden.add if r.value != "no" else hidden.discard)(r.pledge_id)
        return pledge["text"], False
    if r.field == COMMITMENT_FIELD:
        before, pledge["commitment"] = pledge["commitment"], r.value
        return before, False
    if r.field == CONTEXT_FIELD:
        before, pledge["context"] = pledge["context"], r.value or None
        return before, False
    if r.field == STATUS:
        before = pledge["status"]
        pledge.update(
            status=r.value,
            status_url=r.source_url or None,
            status_title=r.evidence_title or None,
            status_date=r.evidence_date or None,
            status_quote=r.evidence_quote or None,
        )
        return before, False
    if r.field == TOPIC_FIELD:
        before = pledge["topic_id"]
        _make_primary(pledge, topics, r.value)
        return before, False
    links = [
        p for p in places if p["pledge_id"] == r.pledge_id and r.target in (p["ags"], p["site_id"])
    ]
    if not links:
        return None, True  # the rules no longer make this link: nothing to decide on
    before = links[0]["role"]
    for link in links:
        if r.value == NO_LINK:
            link["_removed"] = True
        else:
            link["_removed"] = False
            link["role"] = r.value
            link["role_evidence"] = f"Redaktion: {r.reason}"
    return before, False


def _make_primary(pledge: dict, topics: list[dict], topic_id: str) -> None:
    order = [topic_id] + [t for t in pledge["topic_ids"] if t != topic_id]
    pledge["topic_id"], pledge["topic_ids"] = topic_id, order[:MAX_TOPICS]
    rows = {t["topic_id"]: t for t in topics}
    if topic_id not in rows:
        rows[topic_id] = {
            "pledge_id": pledge["pledge_id"],
            "topic_id": topic_id,
            "rank": 0,
            "score": 0.0,
            "terms": [],
        }
    topics[:] = [rows[t] for t in order[:MAX_TOPICS] if t in rows]
    for rank, row in enumerate(topics, start=1):
        row["rank"] = rank


def apply_to_pairs(records: list[Review], pairs: list[dict], pledges: list[dict], reviewed: list):
    """Pair verdicts on the similarity rows, both ways, in column `review` beside the
    machine's `level`: the comparison shows a confirmed pair as common ground (added,
    with rank 0 and no level, where the machine did not propose it) and leaves a rejected
    one out. `reviewed` are the record rows of `apply`, updated here."""
    shown = {p["pledge_id"]: p for p in pledges}
    by_pair = {(p["pledge_id"], p["other_pledge_id"]): dict(p) for p in pairs}
    rows = {(x["file"], x["row"]): x for x in reviewed}
    for r in (r for r in records if r.field == PAIR_FIELD):
        row = rows[(r.file, r.row)]
        one, other = shown.get(r.pledge_id), shown.get(r.target)
        if row["status"] == ORPHAN or None in (one, other) or other["party_id"] == one["party_id"]:
            row["status"] = ORPHAN
            continue
        before = by_pair.get((r.pledge_id, r.target))
        row["before"] = before["level"] if before else None
        for a, b in ((one, other), (other, one)):
            pair = by_pair.get((a["pledge_id"], b["pledge_id"]))
            if pair is None:
                if r.value != CONFIRMED:
                    continue
                pair = {  # the machine did not propose it: no rank, no level
                    "pledge_id": a["pledge_id"],
                    "other_pledge_id": b["pledge_id"],
                    "score": 0.0,
                    "shared_terms": [],
                    "rank": 0,
                    "topic_id": a["topic_id"],
                    "level": None,
                }
                by_pair[(a["pledge_id"], b["pledge_id"])] = pair
            pair["review"] = r.value  # beside the machine's level, which stays
        for p in (one, other):
            p["reviewed"] = True
    return [{"review": None, **p} for p in by_pair.values()]


def _record_row(r: Review, before, status: str) -> dict:
    return {
        "file": r.file,
        "row": r.row,
        "pledge_id": r.pledge_id,
        "text_sha": r.text_sha,
        "field": r.field,
        "target": r.target or None,
        "value": r.value,
        "before": before,
        "reason": r.reason,
        "reviewer": r.reviewer,
        "date": r.date,
        "source_url": r.source_url or None,
        "evidence_title": r.evidence_title or None,
        "evidence_date": r.evidence_date or None,
        "evidence_quote": r.evidence_quote or None,
        "status": status,
    }


def load_statuses(path: Path) -> list[dict]:
    """The status vocabulary (data/statuses.csv) in its order, as rows of `statuses`."""
    rows = [row for _, row in read_csv(path)]
    missing = sorted(set(STATUSES) - {r["status"] for r in rows})
    if missing:
        raise BuildError(path, "missing status(es) " + ", ".join(missing))
    return [{**row, "position": n} for n, row in enumerate(rows, start=1)]
