"""The view's filters and their URL form: parsing is strict, pure and never raises.

URL keys (st.query_params): party, topic, commitment, ags, site, link, groups, themen,
orte, q, basemap, mode, view
(karte|vergleich), a and b (the two parties of the comparison map); several values are
comma-separated ("party=spd,volt"). Unknown ids, hostile text and
malformed values are dropped and reported as notes (the note names the key, never
echoes the value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.kinds import (
    ALLGEMEIN,
    COMMITMENTS,
    EXPLICIT,
    GROUP,
    LINK_TYPES,
    PRUEFBAR,
    SITE,
    THEMATIC,
)
from etl.search import search_key

BASEMAPS = ("light", "none")
# Slogans and definitions that stand in a list are hidden unless asked for.
DEFAULT_COMMITMENTS = (PRUEFBAR, ALLGEMEIN)
VIEWS = ("karte", "vergleich")
MAX_QUERY = 80
# letters (with umlauts and accents), digits, space and harmless punctuation
_SAFE_QUERY = re.compile(r"^[\w\s.,;:!?'\"()/&+\-–]*$")
_ID = re.compile(r"^[a-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Valid:
    """The ids a URL may use, from the database."""

    parties: frozenset[str]
    topics: frozenset[str]
    ags: frozenset[str]
    sites: frozenset[str]


@dataclass(frozen=True)
class Filters:
    parties: tuple[str, ...] = ()  # empty: all
    topics: tuple[str, ...] = ()
    commitments: tuple[str, ...] = DEFAULT_COMMITMENTS  # all three: no filter
    ags: str | None = None
    site: str | None = None
    links: tuple[str, ...] = ()  # empty: named town or site, plus groups if `groups`
    groups: bool = False  # count pledges that reach a town only through a group
    themes: bool = False  # count pledges that reach a town only through its features
    features: bool = False  # show the named features (RVR forests, Halden, …) as points
    q: str = ""
    basemap: str = "light"
    screenshot: bool = False
    view: str = "karte"
    party_a: str | None = None
    party_b: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def search(self) -> str:
        return search_key(self.q)

    @property
    def counted_links(self) -> tuple[str, ...]:
        """The link types a town's count is made of."""
        if self.links:
            return self.links
        return (
            (EXPLICIT, SITE)
            + ((GROUP,) if self.groups else ())
            + ((THEMATIC,) if self.themes else ())
        )

    def without_notes(self) -> Filters:
        return replace(self, notes=())


# On/off filters: URL key -> Filters field
SWITCHES = {"groups": "groups", "themen": "themes", "orte": "features"}


def _values(raw) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        raw = ",".join(str(r) for r in raw)
    return [v.strip() for v in str(raw).split(",") if v.strip()]


def parse(params, valid: Valid) -> Filters:
    """Filters from query parameters (a mapping of key -> str or list of str; a list of
    several is a parameter given more than once: its values are kept where a key takes
    several, the first where it takes one, and either way the visitor gets the note)."""
    notes: list[str] = [k for k, v in params.items() if isinstance(v, list | tuple) and len(v) > 1]
    single = ("ags", "site", "q", "basemap", "mode", "view", "a", "b", *SWITCHES)
    params = {
        k: (v[0] if k in single and isinstance(v, list | tuple) and v else v)
        for k, v in params.items()
    }

    def ids(key: str, allowed: frozenset[str] | tuple[str, ...]) -> tuple[str, ...]:
        values = _values(params.get(key))
        good = [v for v in values if _ID.match(v) and v in allowed]
        if len(good) != len(values):
            notes.append(key)
        return tuple(dict.fromkeys(good))

    parties = ids("party", valid.parties)
    topics = ids("topic", valid.topics)
    links = ids("link", LINK_TYPES)
    commitments = ids("commitment", COMMITMENTS) if params.get("commitment") else ()
    ags_values = ids("ags", valid.ags)
    site_values = ids("site", valid.sites)
    if len(ags_values) > 1 or len(site_values) > 1:
        notes.append("ags" if len(ags_values) > 1 else "site")
    switches = {}
    for key in SWITCHES:  # on with "1", off when absent; anything else is a note
        values = _values(params.get(key))
        if values and values != ["1"]:
            notes.append(key)
        switches[SWITCHES[key]] = values == ["1"]
    q = " ".join(_values(params.get("q")))
    if q and (len(q) > MAX_QUERY or not _SAFE_QUERY.match(q)):
        notes.append("q")
        q = ""
    basemap = (_values(params.get("basemap")) or ["light"])[0]
    if basemap not in BASEMAPS:
        notes.append("basemap")
        basemap = "light"
    mode = _values(params.get("mode"))
    if mode and mode != ["screenshot"]:
        notes.append("mode")
    view = (_values(params.get("view")) or ["karte"])[0]
    if view not in VIEWS:
        notes.append("view")
        view = "karte"
    pair = [ids(key, valid.parties) for key in ("a", "b")]
    return Filters(
        parties=parties,
        topics=topics,
        commitments=_in_order(commitments, COMMITMENTS) or DEFAULT_COMMITMENTS,
        ags=ags_values[0] if ags_values else None,
        site=site_values[0] if site_values else None,
        links=links,
        **switches,
        q=q,
        basemap=basemap,
        screenshot=mode == ["screenshot"],
        view=view,
        party_a=pair[0][0] if pair[0] else None,
        party_b=pair[1][0] if pair[1] else None,
        notes=tuple(dict.fromkeys(notes)),
    )


def _in_order(values: tuple[str, ...], order: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v for v in order if v in values)


def to_params(filters: Filters) -> dict[str, str]:
    """The URL form of the filters; defaults are left out so links stay short."""
    params = {
        "party": ",".join(filters.parties),
        "topic": ",".join(filters.topics),
        "commitment": ""
        if filters.commitments == DEFAULT_COMMITMENTS
        else ",".join(filters.commitments),
        "ags": filters.ags or "",
        "site": filters.site or "",
        "link": ",".join(filters.links),
        **{key: "1" if getattr(filters, field) else "" for key, field in SWITCHES.items()},
        "q": filters.q,
        "basemap": "" if filters.basemap == "light" else filters.basemap,
        "mode": "screenshot" if filters.screenshot else "",
        "view": "" if filters.view == "karte" else filters.view,
        "a": filters.party_a or "",
        "b": filters.party_b or "",
    }
    return {k: v for k, v in params.items() if v}
