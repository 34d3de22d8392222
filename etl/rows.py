"""The rows one programme gives the database, by column name: its pledges with their
topics and places, its chapters, its lines as read, its document row. Pure functions;
etl/build.py gathers them and etl/store.py writes them (schema: etl/schema.sql)."""

from __future__ import annotations

import hashlib

from etl.kinds import NOT_RATED
from etl.parse.blocks import Parsed
from etl.search import search_key


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
        "reviewed": False,  # until a record of etl/reviews.py applies
        # what became of it: rated only by a review record with evidence, once the term ended
        "status": NOT_RATED if source.term_end else None,
        "status_url": None,
        "status_title": None,
        "status_date": None,
        "status_quote": None,
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
        "term_end": source.term_end,
        "term_start": source.term_start,
    }


def line_rows(source, parsed: Parsed) -> list[dict]:
    """The document as the reading numbered it (pledges.source_line points into it)."""
    return [
        {"document_id": source.id, "line": n, "text": text}
        for n, text in sorted(parsed.numbered.items())
    ]
