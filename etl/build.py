"""The build: registry -> parse -> pledges -> topics -> DuckDB. I/O happens here, at the edge."""

from __future__ import annotations

import hashlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from etl import paths
from etl.commitment import Rules, classify_commitment, load_rules
from etl.embeddings import SHIPPED as SHIPPED_EMBEDDINGS
from etl.embeddings import embed
from etl.errors import BuildError
from etl.evidence import candidate_rows, pledges_to_rate, read_council
from etl.gazetteer import Geo, GeoInputs, load_geo
from etl.kinds import (
    COMMITMENTS,
    FOUND_BY,
    PLEDGE_KINDS,
    REACHES,
    REVIEW_FIELDS,
    REVIEW_STATUSES,
    ROLES,
    SIMILARITY_LEVELS,
)
from etl.parse import parse_document
from etl.parse.blocks import Parsed
from etl.parse.cues import LAYOUT_CUES, load_layout_cues
from etl.pledges import commitment, demand_sentences, extract_pledges, load_cues
from etl.registry import load_registry, read_document
from etl.reviews import apply as apply_reviews
from etl.reviews import apply_to_pairs, load_reviews, load_statuses
from etl.rows import document_row, line_rows, place_rows, pledge_row, section_rows, topic_rows
from etl.similarity import similar_pairs
from etl.store import SCHEMA, schema_version, write_database
from etl.terms import load_concepts, load_stopwords
from etl.topics import (
    classify,
    fallback_topic,
    load_lexicon,
    load_section_priors,
    load_topics,
    prior_for,
)


@dataclass
class Inputs:
    """Every data file the build reads, so tests can point a build at their own copies."""

    registry: Path = paths.REGISTRY
    cues: Path = paths.DATA / "pledge_cues.toml"
    commitment_rules: Path = paths.DATA / "commitment_rules.toml"
    topics: Path = paths.DATA / "topics.csv"
    lexicon: Path = paths.DATA / "topic_lexicon.csv"
    section_topics: Path = paths.DATA / "section_topics.csv"
    stopwords: Path = paths.DATA / "stopwords_de.txt"
    concepts: Path = paths.DATA / "similarity_concepts.csv"
    check_nouns: Path = paths.DATA / "check_nouns.csv"  # read by `etl check` only
    layout_cues: Path = LAYOUT_CUES
    geo: GeoInputs = field(default_factory=GeoInputs)
    schema: Path = SCHEMA
    code: Path = paths.ROOT / "etl"  # the build's own code: a change to it is a new build
    # Vectors of the shipped programmes (a memo of the encoder, not an input: not hashed)
    embeddings: Path = SHIPPED_EMBEDDINGS
    reviews: Path = paths.DATA / "reviews"  # a person's decisions (etl/reviews.py), *.csv
    statuses: Path = paths.DATA / "statuses.csv"  # what became of a pledge: the vocabulary
    council: Path = paths.DATA / "council.duckdb"  # `python -m etl council`; absent: no papers

    def files(self) -> list[Path]:
        return [
            self.registry,
            self.cues,
            self.commitment_rules,
            self.topics,
            self.lexicon,
            self.section_topics,
            self.stopwords,
            self.concepts,
            self.check_nouns,
            self.layout_cues,
            *self.geo.files(),
            *sorted(Path(self.reviews).glob("*.csv")),
            self.statuses,
            self.council,
            self.schema,
            *sorted(Path(self.code).rglob("*.py")),
            *sorted(Path(self.code).rglob("*.toml")),  # the data files' specs
        ]


def input_files(inputs: Inputs) -> list[Path]:
    """Every file a build reads: data, geodata, code, and the registry's programmes."""
    files = list(inputs.files())
    try:
        files += [s.path for s in load_registry(inputs.registry)]
    except BuildError:
        pass  # a broken registry still has a digest; the build reports the problem
    return files


def inputs_digest(inputs: Inputs) -> str:
    """SHA-256 over every input file's bytes and the ETL code and schema, so a reader
    (`make run`, the app) can tell a database that its data or its code has outdated."""
    return files_digest(Path(inputs.code), input_files(inputs))


def files_digest(root: Path, files: list[Path]) -> str:
    """SHA-256 over the files' names (relative to the code's folder) and bytes."""
    digest = hashlib.sha256()
    for path in files:
        path = Path(path)
        name = path.relative_to(root) if path.is_relative_to(root) else path.name
        digest.update(str(name).encode())
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


@dataclass
class BuildReport:
    db: Path
    documents: dict[str, int] = field(default_factory=dict)  # document_id -> pledges
    timings: dict[str, float] = field(default_factory=dict)
    encoded: int = 0  # pledge texts the encoder saw (not in an embeddings cache)

    @property
    def pledges(self) -> int:
        return sum(self.documents.values())


@contextmanager
def _timed(report: BuildReport, stage: str):
    start = time.perf_counter()
    yield
    report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


@dataclass
class Resources:
    """Everything a document is read with: registry and data files, loaded once."""

    sources: list
    cues: object
    commitment_rules: Rules
    topics: list
    topic_ids: list[str]
    fallback: str  # the topic of a pledge without evidence
    lexicon: object
    priors: dict
    geo: Geo
    stopwords: frozenset
    concepts: object
    layout: object
    reviews: list
    statuses: list

    @classmethod
    def load(cls, inputs: Inputs) -> Resources:
        topics = load_topics(inputs.topics)
        topic_ids = [t.topic_id for t in topics]
        lexicon = load_lexicon(inputs.lexicon, set(topic_ids))
        sources = load_registry(inputs.registry)
        term_ends = {s.id: s.term_end for s in sources if s.term_end}
        return cls(
            sources=sources,
            cues=load_cues(inputs.cues),
            commitment_rules=load_rules(inputs.commitment_rules),
            topics=topics,
            topic_ids=topic_ids,
            fallback=fallback_topic(topics),
            lexicon=lexicon,
            priors=load_section_priors(inputs.section_topics, set(topic_ids)),
            geo=load_geo(inputs.geo),
            stopwords=load_stopwords(inputs.stopwords),
            concepts=load_concepts(inputs.concepts),
            layout=load_layout_cues(inputs.layout_cues),
            reviews=load_reviews(inputs.reviews, frozenset(topic_ids), term_ends),
            statuses=load_statuses(inputs.statuses),
        )

    def parse(self, source, document) -> Parsed:
        """What the parser made of a document read by etl.registry.read_document."""
        split = self.cues.for_document(source.self_names).split
        return parse_document(document.content, source, split, self.layout)

    def pledges(self, source, parsed: Parsed) -> list:
        return extract_pledges(
            source.id, parsed.blocks, source.self_names, self.cues, parsed.split_items
        )

    def role_rules(self, source):
        """The role cues with this document's sentence splitter and commitment test."""
        patterns = self.cues.for_party(source.self_names)
        return replace(
            self.geo.role_cues,
            split=self.cues.split,
            commits=lambda sentence: commitment(sentence, patterns, self.cues) is not None,
        )

    def commitment(self, pledge):
        return classify_commitment(pledge.text, pledge.cue is not None, self.commitment_rules)

    def classify(self, source, pledge):
        prior = prior_for(self.priors, source.id, pledge.section, pledge.subsection, self.lexicon)
        return classify(pledge.text, prior, self.lexicon, self.topic_ids, self.fallback)


def _rows(items, *columns: str, **renamed: str) -> list[dict]:
    """Rows by column name from objects' attributes (tuples become lists);
    `renamed` maps a column to the attribute that fills it."""
    out = []
    for item in items:
        row = {}
        for column in (*columns, *renamed):
            value = getattr(item, renamed.get(column, column))
            row[column] = list(value) if isinstance(value, tuple) else value
        out.append(row)
    return out


def reference_tables(res: Resources) -> dict[str, list[dict]]:
    """The tables that come from the data files alone: enumerations, topics, geodata."""
    geo = res.geo
    return {
        "pledge_kinds": [{"kind": k} for k in PLEDGE_KINDS],
        "commitments": [{"commitment": k} for k in COMMITMENTS],
        "roles": [{"role": r} for r in ROLES],
        "similarity_levels": [{"level": v} for v in SIMILARITY_LEVELS],
        "review_fields": [{"field": v} for v in REVIEW_FIELDS],
        "review_statuses": [{"status": v} for v in REVIEW_STATUSES],
        "statuses": res.statuses,
        "found_by": [{"found_by": v} for v in FOUND_BY],
        "reaches": [{"reach": r} for r in REACHES],
        "link_types": _rows(geo.link_types.values(), "link_type", "label", "reach", "description"),
        "site_kinds": _rows(geo.site_kinds.values(), "kind", "label", "letter", "color"),
        "topics": [
            {"topic_id": t.topic_id, "label": t.label, "description": t.description, "position": i}
            for i, t in enumerate(res.topics, 1)
        ],
        "municipalities": _rows(
            geo.municipalities.values(), "ags", "name", "kreis", "kind", "lat", "lon", "geometry"
        ),
        "sites": _rows(
            geo.gazetteer.sites, "site_id", "name", "kind", "ags", "lat", "lon", "aliases", "source"
        ),
        "groups": _rows(
            geo.gazetteer.groups, "group_id", "label", "kind", "aliases", "site_kind", "source"
        ),
        "group_members": [
            {"group_id": g.group_id, "ags": a} for g in geo.gazetteer.groups for a in g.members
        ],
        "feature_kinds": _rows(
            geo.features.kinds.values(),
            "kind",
            "label",
            "letter",
            "color",
            "completeness",
            "as_of",
        ),
        "features": _rows(
            geo.features.features, "feature_id", "kind", "name", "ags", "lat", "lon", "source"
        ),
    }


def similarity_rows(pairs) -> list[dict]:
    return [
        {
            "pledge_id": p.pledge_id,
            "other_pledge_id": p.other_pledge_id,
            "score": p.score,
            "shared_terms": list(p.shared_terms),
            "rank": p.rank,
            "topic_id": p.topic_id,
            "level": p.level,
        }
        for p in pairs
    ]


@dataclass
class Rows:
    """The rows of the document tables, gathered document by document."""

    parties: dict[str, dict] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    pledges: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    demands: list[tuple[str, ...]] = field(default_factory=list)  # later sentences that commit


def build(db: Path = paths.DEFAULT_DB, inputs: Inputs | None = None, progress=None) -> BuildReport:
    """Build the database; `progress(done, total, document_id, pledges)` after each document."""
    inputs = inputs or Inputs()
    report = BuildReport(Path(db))
    with _timed(report, "load"):
        res = Resources.load(inputs)
        documents_read = {s.id: read_document(s) for s in res.sources}
    rows = Rows()
    for source in res.sources:
        n = _add_document(res, source, documents_read[source.id], rows, report, inputs)
        report.documents[source.id] = n
        if progress:
            progress(len(report.documents), len(res.sources), source.id, n)
    with _timed(report, "reviews"):  # before the similarity: a hidden text has no pairs
        reviewed = apply_reviews(res.reviews, rows.pledges, rows.topics, rows.places)
        rows.pledges, rows.topics, rows.places = reviewed.pledges, reviewed.topics, reviewed.places
        rows.demands = [rows.demands[i] for i in reviewed.kept]
    with _timed(report, "embeddings"):
        vectors, report.encoded = embed([r["text"] for r in rows.pledges], inputs.embeddings)
    with _timed(report, "similarity"):
        pairs = similar_pairs(
            [r["pledge_id"] for r in rows.pledges],
            [r["party_id"] for r in rows.pledges],
            [r["text"] for r in rows.pledges],
            [tuple(r["topic_ids"]) for r in rows.pledges],
            res.stopwords,
            res.lexicon,
            res.concepts,
            rows.demands,
            vectors,
        )
    with _timed(report, "evidence"):
        council = read_council(inputs.council)
        rated = pledges_to_rate(res.sources, rows.pledges, rows.places)
        council.tables["paper_candidates"] = candidate_rows(
            res, rated, council.papers, inputs.embeddings
        )
    with _timed(report, "store"):
        similarity = apply_to_pairs(
            res.reviews, similarity_rows(pairs), rows.pledges, reviewed.records
        )
        _store(report.db, inputs, res, rows, similarity, reviewed.records, council.tables)
    return report


def _add_document(res, source, document, rows: Rows, report: BuildReport, inputs) -> int:
    """One programme's rows: its sections, pledges with topics, classes and places."""
    with _timed(report, "pledges"):
        parsed = res.parse(source, document)
        pledges = res.pledges(source, parsed)
    if not pledges:
        raise BuildError(source.path, "no pledge found (check format and registry entry)")
    rows.sections += section_rows(source, parsed)
    rows.lines += line_rows(source, parsed)
    with _timed(report, "topics"):
        patterns = res.cues.for_party(source.self_names)
        for p in pledges:
            rows.demands.append(demand_sentences(p.text, patterns, res.cues))
            c = res.classify(source, p)
            rows.pledges.append(pledge_row(source, p, c, res.commitment(p)))
            rows.topics += topic_rows(p, c)
    with _timed(report, "places"):
        rules = res.role_rules(source)
        for p in pledges:
            rows.places += place_rows(p, res.geo.gazetteer, rules, res.geo.features)
    party = {"party_id": source.party_id, "name": source.party_name, "color": source.party_color}
    if rows.parties.setdefault(source.party_id, party) != party:
        raise BuildError(
            inputs.registry,
            f"{source.id}: party {source.party_id!r} named or coloured "
            "differently than in an earlier entry",
        )
    rows.documents.append(document_row(source, document.text, len(pledges)))
    return len(pledges)


def _store(db: Path, inputs: Inputs, res, rows: Rows, similarity, reviews, council) -> None:
    tables = {
        **reference_tables(res),
        "parties": list(rows.parties.values()),
        "documents": rows.documents,
        "sections": rows.sections,
        "document_lines": rows.lines,
        "pledges": rows.pledges,
        "pledge_topics": rows.topics,
        "pledge_places": rows.places,
        "pledge_similarity": similarity,
        "reviews": reviews,
        **council,  # after the pledges its candidates refer to
    }
    row_counts = json.dumps({name: len(r) for name, r in tables.items()})
    info = [
        {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        {"key": "inputs_sha256", "value": inputs_digest(inputs)},
        {"key": "schema_version", "value": schema_version(inputs.schema)},
        {"key": "row_counts", "value": row_counts},  # read back to spot damage
    ]
    write_database(db, {**tables, "build_info": info}, schema=inputs.schema)
