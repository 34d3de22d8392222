"""The build: registry -> parse -> pledges -> topics -> DuckDB. I/O happens here, at the edge."""

from __future__ import annotations

import hashlib
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from etl import paths
from etl.errors import BuildError
from etl.gazetteer import GeoInputs, load_gazetteer
from etl.parse import parse_document
from etl.pledges import extract_pledges, load_cues
from etl.registry import load_registry, read_text
from etl.search import search_key
from etl.similarity import load_concepts, load_stopwords, similar_pairs
from etl.store import SCHEMA_VERSION, write_database
from etl.topics import classify, load_lexicon, load_section_priors, load_topics, prior_for


@dataclass
class Inputs:
    """Every data file the build reads, so tests can point a build at their own copies."""

    registry: Path = paths.REGISTRY
    cues: Path = paths.DATA / "pledge_cues.toml"
    topics: Path = paths.DATA / "topics.csv"
    lexicon: Path = paths.DATA / "topic_lexicon.csv"
    section_topics: Path = paths.DATA / "section_topics.csv"
    stopwords: Path = paths.DATA / "stopwords_de.txt"
    concepts: Path = paths.DATA / "similarity_concepts.csv"
    geo: GeoInputs = field(default_factory=GeoInputs)

    def files(self) -> list[Path]:
        return [
            self.registry,
            self.cues,
            self.topics,
            self.lexicon,
            self.section_topics,
            self.stopwords,
            self.concepts,
            *self.geo.files(),
        ]


def inputs_digest(inputs: Inputs) -> str:
    """SHA-256 over every input file's bytes, so a reader can tell a stale database."""
    digest = hashlib.sha256()
    files = list(inputs.files())
    try:
        files += [s.path for s in load_registry(inputs.registry)]
    except BuildError:
        pass  # a broken registry still has a digest; the build reports the problem
    for path in files:
        digest.update(str(Path(path).name).encode())
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
    topics: list
    topic_ids: list[str]
    lexicon: object
    priors: dict
    municipalities: dict
    gazetteer: object
    stopwords: frozenset
    concepts: object

    @classmethod
    def load(cls, inputs: Inputs) -> Resources:
        topics = load_topics(inputs.topics)
        topic_ids = [t.topic_id for t in topics]
        lexicon = load_lexicon(inputs.lexicon, set(topic_ids))
        municipalities, gazetteer = load_gazetteer(inputs.geo)
        return cls(
            sources=load_registry(inputs.registry),
            cues=load_cues(inputs.cues),
            topics=topics,
            topic_ids=topic_ids,
            lexicon=lexicon,
            priors=load_section_priors(inputs.section_topics, set(topic_ids)),
            municipalities=municipalities,
            gazetteer=gazetteer,
            stopwords=load_stopwords(inputs.stopwords),
            concepts=load_concepts(inputs.concepts),
        )

    def pledges(self, source, text: str) -> list:
        blocks = parse_document(text, source, self.cues.split)
        return extract_pledges(source.id, blocks, source.self_names, self.cues)

    def classify(self, source, pledge):
        prior = prior_for(self.priors, source.id, pledge.section, pledge.subsection, self.lexicon)
        return classify(pledge.text, prior, self.lexicon, self.topic_ids)


def build(db: Path = paths.DEFAULT_DB, inputs: Inputs | None = None, progress=None) -> BuildReport:
    """Build the database; `progress(done, total, document_id, pledges)` after each document."""
    inputs = inputs or Inputs()
    report = BuildReport(Path(db))
    with _timed(report, "load"):
        res = Resources.load(inputs)
        sources = res.sources
        texts = {s.id: read_text(s) for s in sources}
    parties: dict[str, tuple] = {}
    documents, pledge_rows, topic_rows, place_rows = [], [], [], []
    for source in sources:
        with _timed(report, "pledges"):
            pledges = res.pledges(source, texts[source.id])
        if not pledges:
            raise BuildError(source.path, "no pledge found (check format and registry entry)")
        with _timed(report, "topics"):
            for p in pledges:
                c = res.classify(source, p)
                pledge_rows.append(
                    (
                        p.pledge_id,
                        source.id,
                        source.party_id,
                        source.year,
                        p.section,
                        p.subsection,
                        p.kind,
                        p.text,
                        c.topic_id,
                        list(c.topic_ids),
                        c.evidence_json(),
                        p.parent_id,
                        p.position,
                        p.line,
                        p.cue,
                        search_key(" ".join([p.text, p.section, p.subsection or ""])),
                    )
                )
                for rank, topic in enumerate(c.topic_ids, start=1):
                    topic_rows.append(
                        (p.pledge_id, topic, rank, c.scores[topic], c.terms.get(topic, []))
                    )
        with _timed(report, "places"):
            for p in pledges:
                for link in res.gazetteer.link(p.text):
                    place_rows.append(
                        (p.pledge_id, link.ags, link.site_id, link.link_type, link.evidence)
                    )
        known = parties.setdefault(
            source.party_id, (source.party_id, source.party_name, source.party_color)
        )
        if known != (source.party_id, source.party_name, source.party_color):
            raise BuildError(
                inputs.registry,
                f"{source.id}: party {source.party_id!r} named or coloured "
                "differently than in an earlier entry",
            )
        file_hash = hashlib.sha256(texts[source.id].encode("utf-8")).hexdigest()
        documents.append(
            (
                source.id,
                source.party_id,
                source.year,
                source.title,
                source.election,
                source.format,
                source.source_file,
                source.url,
                file_hash,
                len(pledges),
            )
        )
        report.documents[source.id] = len(pledges)
        if progress:
            progress(len(report.documents), len(sources), source.id, len(pledges))
    with _timed(report, "similarity"):
        pairs = similar_pairs(
            [r[0] for r in pledge_rows],
            [r[2] for r in pledge_rows],
            [r[7] for r in pledge_rows],
            [tuple(r[9]) for r in pledge_rows],
            res.stopwords,
            res.lexicon,
            res.concepts,
        )
    with _timed(report, "store"):
        write_database(
            report.db,
            {
                "parties": list(parties.values()),
                "documents": documents,
                "topics": [
                    (t.topic_id, t.label, t.description, i) for i, t in enumerate(res.topics, 1)
                ],
                "pledges": pledge_rows,
                "pledge_topics": topic_rows,
                "municipalities": [
                    (m.ags, m.name, m.kreis, m.kind, m.lat, m.lon, m.geometry)
                    for m in res.municipalities.values()
                ],
                "sites": [
                    (s.site_id, s.name, s.kind, s.ags, s.lat, s.lon, list(s.aliases), s.source)
                    for s in res.gazetteer.sites
                ],
                "groups": [
                    (g.group_id, g.label, g.kind, list(g.aliases), g.site_kind, g.source)
                    for g in res.gazetteer.groups
                ],
                "group_members": [(g.group_id, a) for g in res.gazetteer.groups for a in g.members],
                "pledge_places": place_rows,
                "pledge_similarity": [
                    (
                        p.pledge_id,
                        p.other_pledge_id,
                        p.score,
                        list(p.shared_terms),
                        p.rank,
                        p.topic_id,
                    )
                    for p in pairs
                ],
                "build_info": [
                    ("built_at", datetime.now(UTC).isoformat(timespec="seconds")),
                    ("inputs_sha256", inputs_digest(inputs)),
                    ("schema_version", SCHEMA_VERSION),
                ],
            },
        )
    return report
