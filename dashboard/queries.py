"""SQL for the dashboard: every query parameterised, aggregation done in DuckDB.

Pure: functions take a DuckDB connection (or cursor) and Filters and return
DataFrames. Caching lives in dashboard/data.py.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.filters import Filters
from etl.kinds import (
    APPLIED,
    BY_FEATURE,
    BY_GROUP,
    COMMITMENT_FIELD,
    COMMITMENTS,
    DIRECT,
    PAIR_FIELD,
    PRUEFBAR,
    STATUS,
    TARGET,
)


def in_list(column: str, values: tuple[str, ...], params: list) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


def _link_filter(f: Filters, params: list, alias: str = "pp") -> str:
    """Conditions on pledge_places rows: link types, site, municipality."""
    conditions = ["TRUE"]
    if f.links:
        conditions.append(in_list(f"{alias}.link_type", f.links, params))
    if f.site:
        conditions.append(f"{alias}.site_id = ?")
        params.append(f.site)
    if f.ags:
        conditions.append(f"{alias}.ags = ?")
        params.append(f.ags)
    return " AND ".join(conditions)


def pledge_filter(f: Filters, params: list, alias: str = "p") -> str:
    """Conditions on pledges themselves: party, commitment class, status (what became of
    it), topic (any of its topics), search text."""
    conditions = ["TRUE"]
    if f.parties:
        conditions.append(in_list(f"{alias}.party_id", f.parties, params))
    if set(f.commitments) != set(COMMITMENTS):
        conditions.append(in_list(f"{alias}.commitment", f.commitments or ("-",), params))
    if f.statuses:
        conditions.append(in_list(f"{alias}.status", f.statuses, params))
    if f.topics:
        params.append(list(f.topics))
        conditions.append(f"list_has_any({alias}.topic_ids, ?::VARCHAR[])")
    if f.search:
        params.append(f.search)
        conditions.append(f"contains({alias}.search_text, ?)")
    return " AND ".join(conditions)


PLEDGE_COLUMNS = """
    p.pledge_id, p.party_id, pa.name AS party, pa.color, d.year, d.title AS document,
    p.section, p.subsection, p.kind, p.text, p.topic_id, p.topic_ids, p.topic_evidence,
    p.position, p.document_id, p.commitment, p.commitment_evidence, p.context,
    p.source_line, p.source_page, d.url, d.format, p.reviewed,
    p.status, p.status_url, p.status_title, p.status_date, st.label AS status_label,
    rv.review_note, rv.commitment_review, rv.commitment_before, rv.status_history
"""

# The tables a card's columns come from: its party, its programme, its status's label and
# a person's decisions on it, aggregated once per pledge in one join (three subqueries
# per pledge row had doubled the time of every pledge query).
PLEDGE_JOINS = f"""
    JOIN parties pa ON pa.party_id = p.party_id
    JOIN documents d ON d.document_id = p.document_id
    LEFT JOIN statuses st ON st.status = p.status
    LEFT JOIN (
        SELECT pledge_id,
               string_agg(field || ': ' || coalesce(before, '–') || ' → '
                          || coalesce(nullif(value, ''), '–') || ' (' || reason || ', '
                          || reviewer || ', ' || strftime(date, '%d.%m.%Y') || ')', '; '
                          ORDER BY date, file, row) FILTER (WHERE field <> '{PAIR_FIELD}')
                   AS review_note,
               arg_max(reason || ' (' || reviewer || ')', date)
                   FILTER (WHERE field = '{COMMITMENT_FIELD}') AS commitment_review,
               arg_max(before, date) FILTER (WHERE field = '{COMMITMENT_FIELD}')
                   AS commitment_before,
               list(struct_pack(status := value, date := date) ORDER BY date DESC, file DESC,
                    row DESC) FILTER (WHERE field = '{STATUS}') AS status_history
        FROM reviews WHERE status = '{APPLIED}'
        GROUP BY pledge_id
    ) rv ON rv.pledge_id = p.pledge_id
"""


# How a pledge reaches a town, per pledge and town, by its links' reach (table
# link_types): it names the town or a place in it (`direct`), else a group the town
# belongs to (`via_group`), else a kind of feature the town has (thematic). One
# definition for the town view and the map's counts; no link type is named here.
LINKS = "pledge_places pp JOIN link_types lt ON lt.link_type = pp.link_type"
ROUTE = f"""bool_or(lt.reach = '{DIRECT}') AS direct,
       bool_or(lt.reach = '{BY_GROUP}') AS via_group"""


def _counted(f: Filters, params: list) -> str:
    """Whether a link counts for the map: its type is chosen, or else its reach is."""
    if f.links:
        params.append(list(f.links))
        return "list_contains(?::VARCHAR[], pp.link_type)"
    params.append(list(f.counted_reaches))
    return "list_contains(?::VARCHAR[], lt.reach)"


def place_pledges(con, f: Filters, by_town: bool = False) -> pd.DataFrame:
    """Pledges linked to a place (municipality/site) under the filters, one row per pledge
    and role, with the reasons; `direct` when the pledge names the town or a site in it,
    else `via_group` when it names a group the town belongs to (else it reaches the town
    only through a feature: a thematic link). `by_town`: one row per town too, with its
    `ags` (the static site's 53 town pages in one query)."""
    params: list = []
    links = _link_filter(f, params)
    where = pledge_filter(f, params)
    town = "pp.ags, " if by_town else ""
    sql = f"""
        SELECT {town}{PLEDGE_COLUMNS}, pp.role,
               string_agg(DISTINCT pp.link_type, ',' ORDER BY pp.link_type) AS link_types,
               {ROUTE},
               string_agg(DISTINCT pp.evidence, '; ' ORDER BY pp.evidence) AS evidence,
               string_agg(DISTINCT nullif(pp.role_evidence, ''), '; '
                          ORDER BY nullif(pp.role_evidence, '')) AS role_evidence
        FROM pledges p
        JOIN {LINKS} ON pp.pledge_id = p.pledge_id AND {links}
        {PLEDGE_JOINS}
        WHERE {where}
        GROUP BY ALL
        ORDER BY {town}p.party_id, p.document_id, p.position, pp.role
    """
    return con.execute(sql, params).df()


def pledges_where(con, f: Filters, condition: str = "TRUE", extra: tuple = ()) -> pd.DataFrame:
    params: list = []
    where = pledge_filter(f, params)
    params.extend(extra)
    sql = f"""
        SELECT {PLEDGE_COLUMNS}
        FROM pledges p
        {PLEDGE_JOINS}
        WHERE {where} AND {condition}
        ORDER BY p.party_id, p.document_id, p.position
    """
    return con.execute(sql, params).df()


def region_pledges(con, f: Filters) -> pd.DataFrame:
    """Pledges that name no place: they apply to the whole region. One that reaches towns
    only through their features (thematic) stays a regional pledge for every other town."""
    return pledges_where(
        con,
        f,
        f"NOT EXISTS (SELECT 1 FROM {LINKS} WHERE pp.pledge_id = p.pledge_id "
        f"AND (lt.reach <> '{BY_FEATURE}' OR pp.ags = ?))",
        (f.ags or "",),
    )


def all_pledges(con, f: Filters) -> pd.DataFrame:
    """Every pledge under party, topic and search filters (no place restriction)."""
    return pledges_where(con, f)


def counted_per_pledge(f: Filters, params: list) -> str:
    """One row per municipality and pledge that targets it under the filters, with how it
    reaches the town and whether the map counts it: the one definition of what counts for
    a town, for the count map and the "Umsetzung" map alike. The map's own selection (ags)
    does not narrow it."""
    counted = _counted(f, params)  # the first placeholder, in the SELECT
    links = _link_filter(Filters(site=f.site), params)
    where = pledge_filter(f, params)
    return f"""
        SELECT pp.ags, p.party_id, p.pledge_id, p.status,
               {ROUTE},
               bool_or({counted}) AS counted
        FROM {LINKS}
        JOIN pledges p ON p.pledge_id = pp.pledge_id
        WHERE pp.role = '{TARGET}' AND {links} AND {where}
        GROUP BY ALL
    """


def municipality_counts(con, f: Filters) -> pd.DataFrame:
    """Pledges for each municipality and party under the filters (the choropleth): only
    `target` links count, never a town named as a model or in a describing sentence.

    `n` is what the map counts (the pledge names the town or a site in it, with `groups`
    also a group it belongs to, with `themes` also a kind of feature it has); `n_direct`,
    `n_group` and `n_thematic` split it for the tooltip (`n_group`: reaches the town only
    through a group; `n_thematic`: only through a feature). The map's own selection (ags)
    does not narrow the counts: every municipality keeps its colour.
    """
    params: list = []
    sql = f"""
        WITH per_pledge AS ({counted_per_pledge(f, params)})
        SELECT ags, party_id,
               count(*) FILTER (WHERE counted)::INTEGER AS n,
               count(*) FILTER (WHERE direct)::INTEGER AS n_direct,
               count(*) FILTER (WHERE NOT direct AND via_group)::INTEGER AS n_group,
               count(*) FILTER (WHERE NOT direct AND NOT via_group)::INTEGER AS n_thematic
        FROM per_pledge
        GROUP BY ALL
        ORDER BY ags, party_id
    """
    return con.execute(sql, params).df()


def town_statuses(con, f: Filters) -> pd.DataFrame:
    """The map's "Umsetzung" mode: per municipality, the checkable pledges of ended terms
    that count for it (as in municipality_counts) with their status, one row each."""
    params: list = []
    checkable = replace(f, commitments=(PRUEFBAR,), statuses=())
    sql = f"""
        WITH per_pledge AS ({counted_per_pledge(checkable, params)})
        SELECT ags, pledge_id, status FROM per_pledge
        WHERE counted AND status IS NOT NULL
        ORDER BY ags, pledge_id
    """
    return con.execute(sql, params).df()


def site_pledges(con, f: Filters) -> pd.DataFrame:
    """Pledges per site under party/topic/search filters (the marker popups)."""
    params: list = []
    where = pledge_filter(f, params)
    sql = f"""
        SELECT pp.site_id, p.party_id, pa.name AS party, pa.color, d.year, p.text, pp.role
        FROM pledge_places pp
        JOIN pledges p ON p.pledge_id = pp.pledge_id
        JOIN parties pa ON pa.party_id = p.party_id
        JOIN documents d ON d.document_id = p.document_id
        WHERE pp.site_id IS NOT NULL AND {where}
        GROUP BY ALL
        ORDER BY pp.site_id, p.party_id, p.text
    """
    return con.execute(sql, params).df()


def reference(con) -> dict[str, pd.DataFrame]:
    """Small lookup tables the UI needs on every run."""
    return {
        "parties": con.execute(
            "SELECT pa.party_id, pa.name, pa.color, list(d.year ORDER BY d.year) AS years "
            "FROM parties pa JOIN documents d USING (party_id) GROUP BY ALL ORDER BY pa.name"
        ).df(),
        "topics": con.execute("SELECT topic_id, label FROM topics ORDER BY position").df(),
        "municipalities": con.execute(
            "SELECT ags, name, kreis, kind, lat, lon FROM municipalities ORDER BY name"
        ).df(),
        "sites": con.execute(
            "SELECT s.site_id, s.name, s.kind, s.ags, s.lat, s.lon, "
            "k.label AS kind_label, k.letter, k.color "
            "FROM sites s JOIN site_kinds k USING (kind) ORDER BY s.name"
        ).df(),
        "features": con.execute(
            "SELECT f.feature_id, f.name, f.kind, f.ags, f.lat, f.lon, m.name AS town, "
            "k.label AS kind_label, k.letter, k.color "
            "FROM features f JOIN feature_kinds k USING (kind) "
            "JOIN municipalities m USING (ags) ORDER BY k.label, f.name"
        ).df(),
        "link_types": con.execute("SELECT link_type, label FROM link_types").df(),
        "documents": con.execute(
            "SELECT document_id, party_id, year, title FROM documents ORDER BY document_id"
        ).df(),
    }


def topic_shares(con, f: Filters) -> pd.DataFrame:
    """Per party and topic: pledges and their share of the party's pledges (primary topic),
    so programmes of different length compare fairly."""
    params: list = []
    parties = in_list("p.party_id", f.parties, params) if f.parties else "TRUE"
    sql = f"""
        WITH counted AS (
            SELECT p.party_id, pa.name AS party, pa.color, d.year, p.topic_id, count(*) AS n
            FROM pledges p
            JOIN parties pa ON pa.party_id = p.party_id
            JOIN documents d ON d.document_id = p.document_id
            WHERE {parties}
            GROUP BY p.party_id, pa.name, pa.color, d.year, p.topic_id
        )
        SELECT *, n / sum(n) OVER (PARTITION BY party_id, year) AS share
        FROM counted
        ORDER BY party_id, year, topic_id
    """
    return con.execute(sql, params).df()


def commitment_counts(con, f: Filters) -> pd.DataFrame:
    """Per party and programme: pledges per commitment class under the party and topic
    filters (every class, whatever the commitment filter)."""
    params: list = []
    where = pledge_filter(replace(f, commitments=COMMITMENTS, q="", ags=None), params)
    sql = f"""
        SELECT pa.name AS party, d.year, p.commitment, count(*) AS n
        FROM pledges p
        JOIN parties pa ON pa.party_id = p.party_id
        JOIN documents d ON d.document_id = p.document_id
        WHERE {where}
        GROUP BY ALL
        ORDER BY pa.name, d.year
    """
    return con.execute(sql, params).df()


def status_counts(con, f: Filters) -> pd.DataFrame:
    """Per party, programme and topic of an ended term: its checkable pledges per status
    (table `statuses`, in its order), under the party and topic filters."""
    params: list = []
    where = pledge_filter(replace(f, commitments=(PRUEFBAR,), statuses=(), q="", ags=None), params)
    sql = f"""
        SELECT pa.name AS party, d.year, p.topic_id, p.status AS status_id, s.label AS status,
               s.position, count(*) AS n
        FROM pledges p
        JOIN parties pa ON pa.party_id = p.party_id
        JOIN documents d ON d.document_id = p.document_id
        JOIN statuses s ON s.status = p.status
        WHERE {where}
        GROUP BY ALL
        ORDER BY pa.name, d.year, s.position
    """
    return con.execute(sql, params).df()


def pledge_ids(con) -> list[str]:
    return [row[0] for row in con.execute("SELECT pledge_id FROM pledges").fetchall()]


def pledge_source(con, pledge_id: str) -> dict | None:
    """A pledge with where it stands: document, chapter path, line and page, and the
    registry's address of the original."""
    row = con.execute(
        f"""SELECT {PLEDGE_COLUMNS} FROM pledges p {PLEDGE_JOINS}
            WHERE p.pledge_id = ?""",
        [pledge_id],
    ).df()
    return None if row.empty else row.iloc[0].to_dict()


def document_lines(con, document_id: str) -> list[tuple[int, str]]:
    return con.execute(
        "SELECT line, text FROM document_lines WHERE document_id = ? ORDER BY line",
        [document_id],
    ).fetchall()
