"""SQL for the comparison of parties: pairs of pledges of different parties, and per
town how many of its pledges stand in each tier ("Gemeinsamkeiten", "Ähnliche
Versprechen", "Nur bei …"). A pair's tier is defined once (PAIRS), so the lists and the
comparison's map count the same pledges. Pure, like dashboard/queries.py."""

from __future__ import annotations

import pandas as pd

from dashboard.filters import Filters
from dashboard.queries import counted_per_pledge, in_list, pledges_where
from etl.kinds import ALONE, COMMON, CONFIRMED, POSSIBLE, REJECTED, SIMILAR

# One row per unordered pair (a pair may be stored in one direction only: each pledge
# keeps its top counterparts) with its tier: common ground when the machine's level is
# `common` or a person confirmed it, else similar when the level is `possible` (a
# person's `similar` verdict keeps it there), none when a person rejected it.
PAIRS = f"""
    SELECT least(pledge_id, other_pledge_id) AS x,
           greatest(pledge_id, other_pledge_id) AS y,
           max(score) AS score,
           arg_max(shared_terms, score) AS shared_terms,
           arg_max(topic_id, score) AS topic_id,
           coalesce(bool_or(review = '{CONFIRMED}'), FALSE) AS confirmed,
           coalesce(bool_or(review = '{SIMILAR}'), FALSE) AS checked,
           CASE WHEN coalesce(bool_or(review = '{REJECTED}'), FALSE) THEN NULL
                WHEN coalesce(bool_or(level = '{COMMON}' OR review = '{CONFIRMED}'), FALSE)
                    THEN '{COMMON}'
                WHEN bool_or(level = '{POSSIBLE}') THEN '{SIMILAR}'
           END AS tier
    FROM pledge_similarity
    GROUP BY 1, 2
"""


def _compared(f: Filters, params: list, alias: str) -> str:
    """The parties compared: those of the party filter when it names two or more, else
    all (one party alone is compared with every other)."""
    if len(f.parties) < 2:
        return "TRUE"
    return in_list(f"{alias}.party_id", f.parties, params)


def _tiers(f: Filters, params: list) -> str:
    """One row per pledge that has a pair with a pledge of another party compared, with
    the pair's best tier (a pledge without one is `alone`)."""
    others = _compared(f, params, "o")
    return f"""
        WITH pairs AS ({PAIRS}),
        ends AS (SELECT x AS pledge_id, y AS other, tier FROM pairs WHERE tier IS NOT NULL
                 UNION ALL
                 SELECT y, x, tier FROM pairs WHERE tier IS NOT NULL)
        SELECT e.pledge_id,
               CASE WHEN bool_or(e.tier = '{COMMON}') THEN '{COMMON}' ELSE '{SIMILAR}' END
                   AS tier
        FROM ends e
        JOIN pledges p ON p.pledge_id = e.pledge_id
        JOIN pledges o ON o.pledge_id = e.other AND o.party_id <> p.party_id
        WHERE {others}
        GROUP BY e.pledge_id
    """


def common_ground(con, f: Filters) -> pd.DataFrame:
    """Pairs shown as common ground ("Gemeinsamkeiten"): level `common`, or confirmed by a
    person (`confirmed`); one row per pair, a rejected pair left out."""
    return _pairs(con, f, COMMON)


def similar_candidates(con, f: Filters) -> pd.DataFrame:
    """The tier below ("Ähnliche Versprechen"): the machine's possible counterparts that
    no person has decided on, or that a person found related but not the same commitment
    (`similar`, column `checked`), one row per pair, best first within each topic."""
    return _pairs(con, f, SIMILAR)


def _pairs(con, f: Filters, tier: str) -> pd.DataFrame:
    params: list = []
    conditions = [f"s.tier = '{tier}'"]
    if f.topics:
        conditions.append(in_list("s.topic_id", f.topics, params))
    conditions += [_compared(f, params, "a"), _compared(f, params, "b")]
    if len(f.parties) == 1:
        params.append(f.parties[0])
        conditions.append("? IN (a.party_id, b.party_id)")
    sql = f"""
        WITH pairs AS ({PAIRS})
        SELECT s.topic_id, t.position, s.score, s.shared_terms, s.confirmed, s.checked,
               a.pledge_id AS a_id, a.text AS a_text, pa.name AS a_party, pa.color AS a_color,
               da.year AS a_year, b.pledge_id AS b_id, b.text AS b_text, pb.name AS b_party,
               pb.color AS b_color, db.year AS b_year
        FROM pairs s
        JOIN topics t ON t.topic_id = s.topic_id
        JOIN pledges a ON a.pledge_id = s.x
        JOIN pledges b ON b.pledge_id = s.y
        JOIN parties pa ON pa.party_id = a.party_id
        JOIN parties pb ON pb.party_id = b.party_id
        JOIN documents da ON da.document_id = a.document_id
        JOIN documents db ON db.document_id = b.document_id
        WHERE {" AND ".join(conditions)}
        ORDER BY t.position, s.confirmed DESC, s.checked DESC, s.score DESC, s.x, s.y
    """
    return con.execute(sql, params).df()


def without_counterpart(con, f: Filters) -> pd.DataFrame:
    """ "Nur bei …": pledges with no pair in either tier above with a pledge of another
    party compared (a pair a person rejected is none)."""
    params: list = []
    tiers = _tiers(f, params)
    return pledges_where(
        con,
        f,
        f"p.pledge_id NOT IN (SELECT pledge_id FROM ({tiers}))",
        tuple(params),
    )


def town_tiers(con, f: Filters) -> pd.DataFrame:
    """The comparison's map: per municipality, party and tier, the pledges that count for
    the town (as on the main map: dashboard/queries.py municipality_counts), so a town's
    tiers add up to its count there."""
    params: list = []
    per_pledge = counted_per_pledge(f, params)
    tiers = _tiers(f, params)
    sql = f"""
        WITH per_pledge AS ({per_pledge}), tiers AS ({tiers})
        SELECT c.ags, c.party_id, coalesce(t.tier, '{ALONE}') AS tier,
               count(*)::INTEGER AS n
        FROM per_pledge c
        LEFT JOIN tiers t ON t.pledge_id = c.pledge_id
        WHERE c.counted
        GROUP BY ALL
        ORDER BY c.ags, c.party_id, tier
    """
    return con.execute(sql, params).df()
