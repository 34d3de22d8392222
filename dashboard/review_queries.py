"""SQL of the pages where people decide and see decisions: the "Redaktion" (pledge texts,
pledges to rate, council papers proposed as evidence) and the "Korrekturen" (applied
review records). Pure like dashboard/queries.py; caching lives in dashboard/data.py."""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters
from etl.kinds import APPLIED, NOT_RATED, PRUEFBAR


def pledge_texts(con) -> dict[str, str]:
    return dict(con.execute("SELECT pledge_id, text FROM pledges").fetchall())


def status_candidates(con) -> dict[str, str]:
    """Checkable pledges of ended terms (pledge id -> the label of its status), for the
    "Redaktion" page's status form: the not rated first."""
    rows = con.execute(
        "SELECT p.pledge_id, s.label FROM pledges p JOIN statuses s ON s.status = p.status "
        "WHERE p.commitment = ? ORDER BY p.status <> ?, p.position",
        [PRUEFBAR, NOT_RATED],
    ).fetchall()
    return dict(rows)


def paper_candidates(con, pledge_id: str) -> list[dict]:
    """Council papers proposed as evidence for a pledge (etl/candidates.py), best first,
    with what a status record needs of them: address, title, date and the text to quote."""
    return (
        con.execute(
            """SELECT c.paper_id, c.rank, c.shared_terms, p.name, p.reference, p.date,
                  p.paper_type, coalesce(p.web, f.access_url, p.id) AS url, f.text,
                  list(m.name ORDER BY m.name) FILTER (WHERE m.name IS NOT NULL) AS towns
           FROM paper_candidates c JOIN council_papers p ON p.id = c.paper_id
           LEFT JOIN council_files f ON f.paper_id = p.id AND f.id = p.main_file_id
           LEFT JOIN municipalities m ON list_contains(c.shared_towns, m.ags)
           WHERE c.pledge_id = ? GROUP BY ALL ORDER BY c.rank""",
            [pledge_id],
        )
        .df()
        .to_dict("records")
    )


def corrections(con, f: Filters) -> pd.DataFrame:
    """Every applied review record, newest first: what the rules had made of a pledge and
    what a person decided, with reason, reviewer, date and source (the "Korrekturen"
    page). A hidden pledge is no longer in `pledges`: its party comes from its id."""
    return con.execute(
        """
        SELECT r.date, r.field, r.target, r.value, r.before, r.reason, r.reviewer,
               r.source_url, r.pledge_id, coalesce(p.text, r.before) AS text,
               coalesce(pa.name, d.party_id) AS party, coalesce(pa.color, '#999999') AS color,
               o.text AS target_text
        FROM reviews r
        LEFT JOIN pledges p ON p.pledge_id = r.pledge_id
        LEFT JOIN pledges o ON o.pledge_id = r.target
        LEFT JOIN documents d ON r.pledge_id LIKE d.document_id || '-%'
        LEFT JOIN parties pa ON pa.party_id = d.party_id
        WHERE r.status = ?
        ORDER BY r.date DESC, r.file, r.row
        """,
        [APPLIED],
    ).df()
