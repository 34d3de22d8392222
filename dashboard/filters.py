"""The view's filters, in one spec: every filter is one row of FIELDS, and its URL form,
its widget state, the cache key of the queries and the title are made from that row.

URL keys (st.query_params): party, topic, commitment, status, umsetzung, ags, site, link,
groups, themen, orte, q, basemap, mode, view (karte|vergleich), a and b (the two parties of
the comparison map), zaehlt (what that map counts: all, common, similar, alone); several
values are comma-separated ("party=spd,volt"). Parsing is strict, pure and never raises:
unknown ids, hostile text and malformed values are dropped and reported as notes (the
note names the key, never echoes the value). Adding a filter is one row here (and its
field in Filters) plus the query that reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from etl.kinds import (
    ALLGEMEIN,
    BY_FEATURE,
    BY_GROUP,
    COMMITMENTS,
    DIRECT,
    LINK_TYPES,
    PRUEFBAR,
    STATUSES,
    TIERS,
)
from etl.search import search_key

BASEMAPS = ("light", "none")
# Slogans and definitions that stand in a list are hidden unless asked for.
DEFAULT_COMMITMENTS = (PRUEFBAR, ALLGEMEIN)
VIEWS = ("karte", "vergleich", "programm", "korrekturen", "redaktion")
# What the comparison's map counts: every pledge, or only those of one tier
ALL_TIERS = "all"
COMPARE_COUNTS = (ALL_TIERS, *TIERS)
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
    links: frozenset[str] = frozenset(LINK_TYPES)  # the database's: table link_types
    pledges: frozenset[str] = frozenset()  # "Im Programm lesen": the pledge to show


@dataclass(frozen=True)
class Filters:
    parties: tuple[str, ...] = ()  # empty: all
    topics: tuple[str, ...] = ()
    commitments: tuple[str, ...] = DEFAULT_COMMITMENTS  # all three: no filter
    statuses: tuple[str, ...] = ()  # what became of it (ended terms); empty: no filter
    fulfilment: bool = False  # the map colours what became of the ended terms' pledges
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
    compare_counts: str = ALL_TIERS  # the comparison's map: every pledge, or one tier
    pledge: str | None = None  # the pledge "Im Programm lesen" shows in its programme
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def search(self) -> str:
        return search_key(self.q)

    @property
    def counted_reaches(self) -> tuple[str, ...]:
        """How a link must reach a town to count for it (etl/kinds.py REACHES), unless
        `links` names the link types."""
        return (
            (DIRECT,)
            + ((BY_GROUP,) if self.groups else ())
            + ((BY_FEATURE,) if self.themes else ())
        )

    def without_notes(self) -> Filters:
        return replace(self, notes=())


# How a field's URL value is read and written:
#   ids     several ids from `allowed` ("party=spd,volt"), in the URL's order
#   ordered several ids from `allowed`, in `allowed`'s order; none given: the default
#   id      one id from `allowed` (several: the first, with a note)
#   switch  "1" or absent
#   text    free text, safe characters only, at most MAX_QUERY
#   choice  one of `allowed`
#   flag    the value `allowed[0]` or absent ("mode=screenshot")
# `allowed`: a Valid attribute (ids from the database) or a tuple of the code's own.
# `queries`: whether the queries read the field (their cache key): "all", or "" when only
# the view uses it (dashboard/data.py also leaves the town out where a query ignores it).


@dataclass(frozen=True)
class Field:
    name: str  # the Filters attribute
    url: str  # the URL key
    widget: str  # the session-state key of its widget
    kind: str
    allowed: str | tuple[str, ...] = ()
    label: str = ""  # dashboard/strings.py key of its widget and of its part of the title
    title: bool = False  # the map's title names it (when it is not its default)
    queries: str = "all"

    def default(self):
        return Filters.__dataclass_fields__[self.name].default


FIELDS = (
    Field("parties", "party", "w_party", "ids", "parties", "party", title=True),
    Field("topics", "topic", "w_topic", "ids", "topics", "topic", title=True),
    Field("commitments", "commitment", "w_commitment", "ordered", COMMITMENTS, "commitment", True),
    Field("statuses", "status", "w_status", "ids", STATUSES, "status_filter", title=True),
    Field("fulfilment", "umsetzung", "w_fulfilment", "switch", label="fulfilment_map", title=True),
    Field("ags", "ags", "w_ags", "id", "ags", "municipality"),
    Field("site", "site", "w_site", "id", "sites", "site", title=True),
    Field("links", "link", "w_link", "ids", "links", "link", title=True),
    Field("groups", "groups", "w_groups", "switch", label="groups_counted", title=True),
    Field("themes", "themen", "w_themes", "switch", label="themes_toggle"),
    Field("features", "orte", "w_features", "switch", label="features_toggle", queries=""),
    Field("q", "q", "w_q", "text", label="search", title=True),
    Field("basemap", "basemap", "w_basemap", "choice", BASEMAPS, "basemap", queries=""),
    Field(
        "screenshot", "mode", "w_screenshot", "flag", ("screenshot",), "screenshot_mode", queries=""
    ),
    Field("view", "view", "w_view", "choice", VIEWS, "view", queries=""),
    Field("party_a", "a", "w_a", "id", "parties", "party_a", queries=""),
    Field("party_b", "b", "w_b", "id", "parties", "party_b", queries=""),
    Field(
        "compare_counts", "zaehlt", "w_counts", "choice", COMPARE_COUNTS, "map_counts", queries=""
    ),
    Field("pledge", "pledge", "w_pledge", "id", "pledges", "pledge", queries=""),
)
BY_NAME = {f.name: f for f in FIELDS}
SWITCHES = {f.url: f.name for f in FIELDS if f.kind == "switch"}  # URL key -> field
_SINGLE = ("id", "switch", "text", "choice", "flag")


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
    single = {f.url for f in FIELDS if f.kind in _SINGLE}
    params = {
        k: (v[0] if k in single and isinstance(v, list | tuple) and v else v)
        for k, v in params.items()
    }
    values = {f.name: _parse_field(f, _values(params.get(f.url)), valid, notes) for f in FIELDS}
    return Filters(**values, notes=tuple(dict.fromkeys(notes)))


def _parse_field(f: Field, values: list[str], valid: Valid, notes: list[str]):
    allowed = getattr(valid, f.allowed) if isinstance(f.allowed, str) else f.allowed
    if f.kind in ("ids", "ordered", "id"):
        good = [v for v in values if _ID.match(v) and v in allowed]
        if len(good) != len(values) or (f.kind == "id" and len(good) > 1):
            notes.append(f.url)
        good = list(dict.fromkeys(good))
        if f.kind == "id":
            return good[0] if good else None
        if f.kind == "ordered":
            return tuple(v for v in allowed if v in good) or f.default()
        return tuple(good)
    if f.kind == "switch":  # on with "1", off when absent; anything else is a note
        if values and values != ["1"]:
            notes.append(f.url)
        return values == ["1"]
    if f.kind == "text":
        text = " ".join(values)
        if text and (len(text) > MAX_QUERY or not _SAFE_QUERY.match(text)):
            notes.append(f.url)
            return f.default()
        return text
    if f.kind == "flag":
        if values and values != list(allowed[:1]):
            notes.append(f.url)
        return values == list(allowed[:1])
    value = (values or [f.default()])[0]  # choice
    if value not in allowed:
        notes.append(f.url)
        return f.default()
    return value


def to_params(filters: Filters) -> dict[str, str]:
    """The URL form of the filters; defaults are left out so links stay short."""
    params = {}
    for f in FIELDS:
        value = getattr(filters, f.name)
        if value == f.default():
            continue
        if f.kind in ("ids", "ordered"):
            params[f.url] = ",".join(value)
        elif f.kind in ("switch", "flag"):
            params[f.url] = "1" if f.kind == "switch" else f.allowed[0]
        else:
            params[f.url] = value or ""
    return {k: v for k, v in params.items() if v}


def widget_state(filters: Filters) -> dict:
    """The widgets' starting values (session state) for the filters."""
    return {
        f.widget: list(getattr(filters, f.name))
        if f.kind in ("ids", "ordered")
        else getattr(filters, f.name)
        for f in FIELDS
    }


def from_widgets(state) -> Filters:
    """The filters the widgets show (a session state, or any mapping)."""
    values = {}
    for f in FIELDS:
        value = state.get(f.widget, f.default())
        if f.kind == "ordered":
            value = tuple(v for v in f.allowed if v in value)
        elif f.kind == "ids":
            value = tuple(value)
        elif f.kind in ("switch", "flag"):
            value = bool(value)
        elif f.kind == "text":
            value = (value or "").strip()
        values[f.name] = value
    return Filters(**values)


def read_by_queries(f: Filters) -> Filters:
    """The filters as the queries read them (their cache key): the fields only the view
    uses are reset."""
    return replace(f, **{x.name: x.default() for x in FIELDS if not x.queries}, notes=())
