"""Loading and validating the committed geodata in geo/: boundaries, names, sites, groups,
named features and the cues that name their kinds, and the labels, letters and colours of
site kinds, feature kinds and link types (data, not code).

Every problem names the file and row: an unknown AGS, a site outside the municipality
it is filed under, a duplicate id, a malformed coordinate.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from shapely.errors import ShapelyError
from shapely.geometry import Point, shape

from etl import paths, patterns
from etl.datafiles import read_csv, read_toml, tables
from etl.errors import BuildError
from etl.features import Feature, FeatureCue, FeatureKind, Features
from etl.kinds import LINK_TYPES
from etl.places import Gazetteer, Group, NameForm, RoleCue, RoleRules, Site


@dataclass(frozen=True)
class Municipality:
    ags: str
    name: str
    kreis: str
    kind: str
    lat: float
    lon: float
    geometry: str  # GeoJSON
    shape: object  # shapely geometry, for checks


@dataclass(frozen=True)
class SiteKind:
    kind: str
    label: str  # German, shown in legends
    letter: str  # on the marker
    color: str  # '#RRGGBB'


@dataclass(frozen=True)
class LinkType:
    link_type: str
    label: str  # German, shown in filters and cards
    reach: str  # etl/kinds.py REACHES: how the map counts it
    description: str


@dataclass
class GeoInputs:
    municipalities: Path = paths.GEO / "rvr_municipalities.geojson"
    names: Path = paths.GEO / "place_names.csv"
    place_words: Path = paths.GEO / "place_words.csv"
    site_kinds: Path = paths.GEO / "site_kinds.csv"
    sites: Path = paths.GEO / "sites.csv"
    groups: Path = paths.GEO / "groups.csv"
    link_types: Path = paths.GEO / "link_types.csv"
    role_cues: Path = paths.GEO / "role_cues.toml"
    feature_kinds: Path = paths.GEO / "feature_kinds.csv"
    features: Path = paths.GEO / "features.csv"
    feature_cues: Path = paths.GEO / "feature_cues.csv"
    feature_words: Path = paths.GEO / "feature_words.csv"  # read by `etl check` only

    def files(self) -> list[Path]:
        return [
            self.feature_kinds,
            self.features,
            self.feature_cues,
            self.feature_words,
            self.role_cues,
            self.municipalities,
            self.names,
            self.place_words,
            self.site_kinds,
            self.sites,
            self.groups,
            self.link_types,
        ]


@dataclass(frozen=True)
class Geo:
    """The validated geodata: what the build stores and the linker reads."""

    municipalities: dict[str, Municipality]
    gazetteer: Gazetteer
    site_kinds: dict[str, SiteKind]
    link_types: dict[str, LinkType]
    role_cues: RoleRules  # without a document's sentence splitter and commitment test
    features: Features  # named features by kind, and the cues that name a kind


def load_municipalities(path: Path) -> dict[str, Municipality]:
    path = Path(path)
    if not path.is_file():
        raise BuildError(path, "file not found (run `python -m etl geo` to derive it)")
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise BuildError(path, f"not a GeoJSON FeatureCollection ({exc})") from None
    if not isinstance(features, list):
        raise BuildError(path, f"'features' must be a list, not {type(features).__name__}")
    result = {}
    for n, feature in enumerate(features, start=1):
        try:
            props = feature["properties"]
            geom = shape(feature["geometry"])
            point = geom.representative_point()
            municipality = Municipality(
                props["ags"],
                props["name"],
                props["kreis"],
                props["kind"],
                round(point.y, 5),
                round(point.x, 5),
                json.dumps(feature["geometry"], separators=(",", ":")),
                geom,
            )
        except (KeyError, TypeError, ValueError, AttributeError, ShapelyError) as exc:
            raise BuildError(path, f"feature {n}: {type(exc).__name__}: {exc}") from None
        if municipality.ags in result:
            raise BuildError(path, f"feature {n}: duplicate ags {municipality.ags}")
        result[municipality.ags] = municipality
    return result


def load_names(path: Path, municipalities: dict[str, Municipality]) -> list[NameForm]:
    names: dict[str, NameForm] = {}
    for n, row in read_csv(path):
        _known_ags(path, n, row["ags"], municipalities)
        names[row["form"]] = NameForm(row["form"], row["ags"], row["needs_context"] == "yes")
    return list(names.values())


def load_place_words(path: Path) -> frozenset[str]:
    """Words that make an ambiguous town name a place when they stand right before it."""
    return frozenset(row["word"] for _, row in read_csv(path))


def load_site_kinds(path: Path) -> dict[str, SiteKind]:
    kinds: dict[str, SiteKind] = {}
    for _n, row in read_csv(path):
        kinds[row["kind"]] = SiteKind(
            row["kind"], row["label"], row["letter"], row["color"].upper()
        )
    return kinds


def load_feature_kinds(path: Path) -> dict[str, FeatureKind]:
    kinds: dict[str, FeatureKind] = {}
    for _n, row in read_csv(path):
        kinds[row["kind"]] = FeatureKind(
            row["kind"],
            row["label"],
            row["letter"],
            row["color"].upper(),
            row["completeness"],
            row["as_of"],
        )
    return kinds


def load_features(
    path: Path, municipalities: dict[str, Municipality], kinds: dict[str, FeatureKind]
) -> list[Feature]:
    """One row per feature and municipality; a point, where given, must lie in it."""
    features: dict[str, Feature] = {}
    for n, row in read_csv(path):
        lat, lon = _located(path, n, row, "feature_id", kinds, municipalities, False)
        features[row["feature_id"]] = Feature(
            row["feature_id"], row["kind"], row["name"], row["ags"], lat, lon, row["source"]
        )
    return list(features.values())


def load_feature_cues(path: Path, features: list[Feature]) -> list[FeatureCue]:
    """Words that name a kind of feature, in the order they are tried; `features` is
    `all` (every feature of the kind) or feature ids of that kind separated by |."""
    by_kind: dict[str, list[str]] = {}
    for feature in features:
        by_kind.setdefault(feature.kind, []).append(feature.feature_id)
    kind_of = {f.feature_id: f.kind for f in features}
    cues: dict[str, FeatureCue] = {}
    for n, row in read_csv(path):
        if row["kind"] not in by_kind:
            raise BuildError(path, f"no feature of kind {row['kind']!r} in features.csv", row=n)
        pattern = patterns.compile(row["pattern"])  # checked by the spec
        if row["features"] == "all":
            named = tuple(by_kind[row["kind"]])
        else:
            named = tuple(f.strip() for f in row["features"].split("|") if f.strip())
            wrong = [f for f in named if kind_of.get(f) != row["kind"]]
            if wrong:
                raise BuildError(
                    path, f"not a feature of kind {row['kind']!r}: {', '.join(wrong)}", row=n
                )
        cues[row["cue_id"]] = FeatureCue(row["cue_id"], row["kind"], pattern, named)
    return list(cues.values())


def load_link_types(path: Path) -> dict[str, LinkType]:
    """The link types: label and reach of each, a row for every type the linkers make
    (etl/kinds.py LINK_TYPES) and any a new linker adds."""
    types: dict[str, LinkType] = {}
    for _n, row in read_csv(path):
        types[row["link_type"]] = LinkType(
            row["link_type"], row["label"], row["reach"], row["description"]
        )
    missing = [t for t in LINK_TYPES if t not in types]
    if missing:
        raise BuildError(path, "no row for link type(s) " + ", ".join(missing))
    return types


def load_sites(
    path: Path, municipalities: dict[str, Municipality], site_kinds: dict[str, SiteKind]
) -> list[Site]:
    sites: dict[str, Site] = {}
    for n, row in read_csv(path):
        lat, lon = _located(path, n, row, "site_id", site_kinds, municipalities, True)
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        sites[row["site_id"]] = Site(
            row["site_id"],
            row["name"],
            row["kind"],
            row["ags"],
            lat,
            lon,
            aliases or (row["name"],),
            row["source"],
        )
    return list(sites.values())


def load_groups(
    path: Path, municipalities: dict[str, Municipality], sites: list[Site]
) -> list[Group]:
    groups: dict[str, Group] = {}
    kinds = {s.kind for s in sites}
    for n, row in read_csv(path):
        if bool(row["members"]) == bool(row["site_kind"]):
            raise BuildError(path, "give either members or site_kind", row=n)
        if row["site_kind"] and row["site_kind"] not in kinds:
            raise BuildError(path, f"no site of kind {row['site_kind']!r}", row=n)
        members: list[str] = []
        for token in row["members"].split():
            if token.endswith("*"):
                matching = sorted(a for a in municipalities if a.startswith(token[:-1]))
                if not matching:
                    raise BuildError(path, f"no member municipality matches {token!r}", row=n)
                members += matching
            else:
                members.append(_known_ags(path, n, token, municipalities).ags)
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        groups[row["group_id"]] = Group(
            row["group_id"],
            row["label"],
            row["kind"],
            aliases,
            tuple(dict.fromkeys(members)),
            row["site_kind"] or None,
            row["source"],
        )
    return list(groups.values())


def load_geo(inputs: GeoInputs) -> Geo:
    municipalities = load_municipalities(inputs.municipalities)
    names = load_names(inputs.names, municipalities)
    site_kinds = load_site_kinds(inputs.site_kinds)
    sites = load_sites(inputs.sites, municipalities, site_kinds)
    groups = load_groups(inputs.groups, municipalities, sites)
    feature_kinds = load_feature_kinds(inputs.feature_kinds)
    features = load_features(inputs.features, municipalities, feature_kinds)
    return Geo(
        municipalities,
        Gazetteer(names, sites, groups, load_place_words(inputs.place_words)),
        site_kinds,
        load_link_types(inputs.link_types),
        load_role_cues(inputs.role_cues),
        Features(feature_kinds, features, load_feature_cues(inputs.feature_cues, features)),
    )


def load_role_cues(path: Path) -> RoleRules:
    raw = read_toml(path, "role cues")
    sections = ("example", "context", "attribute", "premise")
    unknown = sorted(set(raw) - set(sections))
    if unknown:
        raise BuildError(path, "unknown section(s) " + ", ".join(unknown))
    found = {}
    for section in sections:
        cues = []
        for n, entry in enumerate(tables(path, raw, section), start=1):
            where = f"[[{section}]] #{n}"
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("note"):
                raise BuildError(path, f"{where}: needs id, note and pattern")
            try:
                pattern = patterns.compile(entry["pattern"])
            except (KeyError, re.error) as exc:
                raise BuildError(path, f"{where} ({entry['id']}): bad pattern ({exc})") from None
            if section != "context" and "scope" not in pattern.groupindex:
                raise BuildError(path, f"{where} ({entry['id']}): pattern needs a group 'scope'")
            cues.append(RoleCue(entry["id"], pattern))
        found[section] = tuple(cues)
    return RoleRules(**found)


def _known_ags(path, n, ags, municipalities) -> Municipality:
    if ags not in municipalities:
        raise BuildError(path, f"unknown AGS {ags!r} (not an RVR member)", row=n)
    return municipalities[ags]


def _located(path, n, row, key, kinds, municipalities, point: bool):
    """The cross-file checks every gazetteer row (site, feature) passes (its columns are
    checked by the spec): a known kind, an RVR member, and a point inside it (optional
    for a feature); returns the point or (None, None)."""
    what = key.removesuffix("_id")
    if row["kind"] not in kinds:
        raise BuildError(
            path, f"unknown {what} kind {row['kind']!r} (add it to {what}_kinds.csv)", row=n
        )
    municipality = _known_ags(path, n, row["ags"], municipalities)
    if not point and not (row["lat"] or row["lon"]):
        return None, None
    lat = _coordinate(path, n, "lat", row["lat"], 47.0, 56.0)
    lon = _coordinate(path, n, "lon", row["lon"], 5.0, 16.0)
    if not municipality.shape.contains(Point(lon, lat)):
        raise BuildError(
            path,
            f"{what} {row[key]!r} at ({lat}, {lon}) lies outside {municipality.name} "
            f"({municipality.ags})",
            row=n,
        )
    return lat, lon


def _coordinate(path, n, name, value, low, high) -> float:
    try:
        number = float(value)
    except ValueError:
        raise BuildError(path, f"{name} {value!r} is not a number", row=n) from None
    if not math.isfinite(number) or not low <= number <= high:
        raise BuildError(path, f"{name} {value} is outside {low}..{high}", row=n)
    return number
