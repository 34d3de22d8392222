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
from etl.commitment import classify_commitment, load_rules
from etl.embeddings import SHIPPED as SHIPPED_EMBEDDINGS
from etl.embeddings import embed
from etl.errors import BuildError
from etl.gazetteer import Geo, GeoInputs, load_geo
from etl.kinds import COMMITMENTS, FOUND_BY, PLEDGE_KINDS, ROLES, SIMILARITY_LEVELS
from etl.parse import parse_document
from etl.parse.blocks import Parsed
from etl.parse.cues import LAYOUT_CUES, load_layout_cues
from etl.pledges import commitment, demand_sentences, extract_pledges, load_cues
from etl.registry import load_registry, read_document
from etl.search import search_key
from etl.similarity import load_concepts, load_stopwords, similar_pairs
from etl.store import SCHEMA, schema_version, write_database
from etl.topics import classify, load_lexicon, load_section_priors, load_topics, prior_for


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
    layout_cues: Path = LAYOUT_CUES
    geo: GeoInputs = field(default_factory=GeoInputs)
    schema: Path = SCHEMA
    code: Path = paths.ROOT / "etl"  # the build's own code: a change to it is a new build
    # Vectors of the shipped programmes (a memo of the encoder, not an input: not hashed)
    embeddings: Path = SHIPPED_EMBEDDINGS

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
            self.layout_cues,
            *self.geo.files(),
            self.schema,
            *sorted(Path(self.code).rglob("*.py")),
        ]


def inputs_digest(inputs: Inputs) -> str:
    """SHA-256 over every input file's bytes and the ETL code and schema, so a reader
    (`make run`, the app) can tell a database that its data or its code has outdated."""
    digest = hashlib.sha256()
    files = list(inputs.files())
    try:
        files += [s.path for s in load_registry(inputs.registry)]
    except BuildError:
        pass  # a broken registry still has a digest; the build reports the problem
    root = Path(inputs.code)
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
    commitment_rules: tuple
    topics: list
    topic_ids: list[str]
    lexicon: object
    priors: dict
    geo: Geo
    stopwords: frozenset
    concepts: object
    layout: object

    @classmethod
    def load(cls, inputs: Inputs) -> Resources:
        topics = load_topics(inputs.topics)
        topic_ids = [t.topic_id for t in topics]
        lexicon = load_lexicon(inputs.lexicon, set(topic_ids))
        return cls(
            sources=load_registry(inputs.registry),
            cues=load_cues(inputs.cues),
            commitment_rules=load_rules(inputs.commitment_rules),
            topics=topics,
            topic_ids=topic_ids,
            lexicon=lexicon,
            priors=load_section_priors(inputs.section_topics, set(topic_ids)),
            geo=load_geo(inputs.geo),
            stopwords=load_stopwords(inputs.stopwords),
            concepts=load_concepts(inputs.concepts),
            layout=load_layout_cues(inputs.layout_cues),
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
        return classify(pledge.text, prior, self.lexicon, self.topic_ids)


def pledge_row(source, pledge, c, commitment) -> dict:
    """One row of `pledges`, by column name: a new column is one entry here and one line
    in etl/schema.sql (tests/test_store.py adds one to a copy of the schema)."""
    return {
        "pledge_id": pledge.pledge_id,
        "document_id": source.id,
        "party_id": source.party_id,
        "year": source.year,
        "section": pledge.section,
        "subsection": pledge.subsection,
        "kind": pledge.kind,
        "text": pledge.text,
        "topic_id": c.topic_id,
        "topic_ids": list(c.topic_ids),
        "topic_evidence": c.evidence_json(),
        "parent_id": pledge.parent_id,
        "position": pledge.position,
        "source_line": pledge.line,
        "cue": pledge.cue,
        "commitment": commitment.commitment,
        "commitment_evidence": commitment.evidence,
        "context": pledge.context,
        "source_page": pledge.page,
        "search_text": search_key(" ".join([pledge.text, pledge.section, pledge.subsection or ""])),
    }


def topic_rows(pledge, c) -> list[dict]:
    # The fallback topic of a pledge without evidence has no score of its own.
    return [
        {
            "pledge_id": pledge.pledge_id,
            "topic_id": topic,
            "rank": rank,
            "score": c.scores.get(topic, 0.0),
            "terms": c.terms.get(topic, []),
        }
        for rank, topic in enumerate(c.topic_ids, start=1)
    ]


def place_rows(pledge, gazetteer, rules, features=None) -> list[dict]:
    """Links by name (municipality, site, group) and, with `features`, thematic links."""
    links = gazetteer.link(pledge.text, rules)
    if features is not None:
        links += features.link(pledge.text, rules)
    return [
        {
            "pledge_id": pledge.pledge_id,
            "ags": link.ags,
            "site_id": link.site_id,
            "link_type": link.link_type,
            "role": link.role,
            "evidence": link.evidence,
            "role_evidence": link.role_evidence,
        }
        for link in links
    ]


def section_rows(source, parsed: Parsed) -> list[dict]:
    """The document's chapters and subchapters, in order, with how each was found."""
    return [
        {
            "document_id": source.id,
            "position": n,
            "level": h.level,
            "title": h.title,
            "page": h.page,
            "found_by": h.found_by,
        }
        for n, h in enumerate(parsed.headings, start=1)
    ]


def document_row(source, text: str, pledge_count: int) -> dict:
    return {
        "document_id": source.id,
        "party_id": source.party_id,
        "year": source.year,
        "title": source.title,
        "election": source.election,
        "format": source.format,
        "source_file": source.source_file,
        "url": source.url,
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "pledge_count": pledge_count,
    }


def reference_tables(res: Resources) -> dict[str, list[dict]]:
    """The tables that come from the data files alone: enumerations, topics, geodata."""
    geo = res.geo
    return {
        "pledge_kinds": [{"kind": k} for k in PLEDGE_KINDS],
        "commitments": [{"commitment": k} for k in COMMITMENTS],
        "roles": [{"role": r} for r in ROLES],
        "similarity_levels": [{"level": v} for v in SIMILARITY_LEVELS],
        "found_by": [{"found_by": v} for v in FOUND_BY],
        "link_types": [
            {"link_type": t.link_type, "label": t.label, "description": t.description}
            for t in geo.link_types.values()
        ],
        "site_kinds": [
            {"kind": k.kind, "label": k.label, "letter": k.letter, "color": k.color}
            for k in geo.site_kinds.values()
        ],
        "topics": [
            {"topic_id": t.topic_id, "label": t.label, "description": t.description, "position": i}
            for i, t in enumerate(res.topics, 1)
        ],
        "municipalities": [
            {
                "ags": m.ags,
                "name": m.name,
                "kreis": m.kreis,
                "kind": m.kind,
                "lat": m.lat,
                "lon": m.lon,
                "geometry": m.geometry,
            }
            for m in geo.municipalities.values()
        ],
        "sites": [
            {
                "site_id": s.site_id,
                "name": s.name,
                "kind": s.kind,
                "ags": s.ags,
                "lat": s.lat,
                "lon": s.lon,
                "aliases": list(s.aliases),
                "source": s.source,
            }
            for s in geo.gazetteer.sites
        ],
        "groups": [
            {
                "group_id": g.group_id,
                "label": g.label,
                "kind": g.kind,
                "aliases": list(g.aliases),
                "site_kind": g.site_kind,
                "source": g.source,
            }
            for g in geo.gazetteer.groups
        ],
        "group_members": [
            {"group_id": g.group_id, "ags": a} for g in geo.gazetteer.groups for a in g.members
        ],
        "feature_kinds": [
            {
                "kind": k.kind,
                "label": k.label,
                "letter": k.letter,
                "color": k.color,
                "completeness": k.completeness,
                "as_of": k.as_of,
            }
            for k in geo.features.kinds.values()
        ],
        "features": [
            {
                "feature_id": f.feature_id,
                "kind": f.kind,
                "name": f.name,
                "ags": f.ags,
                "lat": f.lat,
                "lon": f.lon,
                "source": f.source,
            }
            for f in geo.features.features
        ],
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


def build(db: Path = paths.DEFAULT_DB, inputs: Inputs | None = None, progress=None) -> BuildReport:
    """Build the database; `progress(done, total, document_id, pledges)` after each document."""
    inputs = inputs or Inputs()
    report = BuildReport(Path(db))
    with _timed(report, "load"):
        res = Resources.load(inputs)
        sources = res.sources
        documents_read = {s.id: read_document(s) for s in sources}
    parties: dict[str, dict] = {}
    documents, pledges_out, topics_out, places_out, sections_out = [], [], [], [], []
    demands: list[tuple[str, ...]] = []  # per pledge: its later sentences that commit
    for source in sources:
        with _timed(report, "pledges"):
            parsed = res.parse(source, documents_read[source.id])
            pledges = res.pledges(source, parsed)
        if not pledges:
            raise BuildError(source.path, "no pledge found (check format and registry entry)")
        sections_out += section_rows(source, parsed)
        with _timed(report, "topics"):
            patterns = res.cues.for_party(source.self_names)
            for p in pledges:
                demands.append(demand_sentences(p.text, patterns, res.cues))
                c = res.classify(source, p)
                pledges_out.append(pledge_row(source, p, c, res.commitment(p)))
                topics_out += topic_rows(p, c)
        with _timed(report, "places"):
            rules = res.role_rules(source)
            for p in pledges:
                places_out += place_rows(p, res.geo.gazetteer, rules, res.geo.features)
        party = {
            "party_id": source.party_id,
            "name": source.party_name,
            "color": source.party_color,
        }
        if parties.setdefault(source.party_id, party) != party:
            raise BuildError(
                inputs.registry,
                f"{source.id}: party {source.party_id!r} named or coloured "
                "differently than in an earlier entry",
            )
        documents.append(document_row(source, documents_read[source.id].text, len(pledges)))
        report.documents[source.id] = len(pledges)
        if progress:
            progress(len(report.documents), len(sources), source.id, len(pledges))
    with _timed(report, "embeddings"):
        vectors, report.encoded = embed([r["text"] for r in pledges_out], inputs.embeddings)
    with _timed(report, "similarity"):
        pairs = similar_pairs(
            [r["pledge_id"] for r in pledges_out],
            [r["party_id"] for r in pledges_out],
            [r["text"] for r in pledges_out],
            [tuple(r["topic_ids"]) for r in pledges_out],
            res.stopwords,
            res.lexicon,
            res.concepts,
            demands,
            vectors,
        )
    with _timed(report, "store"):
        tables = {
            **reference_tables(res),
            "parties": list(parties.values()),
            "documents": documents,
            "sections": sections_out,
            "pledges": pledges_out,
            "pledge_topics": topics_out,
            "pledge_places": places_out,
            "pledge_similarity": similarity_rows(pairs),
        }
        row_counts = json.dumps({name: len(rows) for name, rows in tables.items()})
        write_database(
            report.db,
            {
                **tables,
                "build_info": [
                    {"key": "built_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
                    {"key": "inputs_sha256", "value": inputs_digest(inputs)},
                    {"key": "schema_version", "value": schema_version(inputs.schema)},
                    {"key": "row_counts", "value": row_counts},  # read back to spot damage
                ],
            },
            schema=inputs.schema,
        )
    return report
