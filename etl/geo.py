"""`python -m etl geo`: derive the RVR boundary files in geo/ from the NRW municipalities.

Selects the 53 members (geo/rvr_members.toml), keeps AGS, name, Kreis and kind,
rounds coordinates to 5 decimals (about a metre) and dissolves the Kreise and the
RVR outline. Run once per new boundary source; the build and the app read only
the committed output.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from etl import paths
from etl.errors import BuildError

KREISFREI = "kreisfrei"
PRECISION = 5  # decimal degrees: 1e-5 deg is 1.1 m north-south, 0.7 m east-west here
CLOSING = 0.0005
ATTRIBUTION = "© GeoBasis-DE / BKG 2013 (Daten verändert), dl-de/by-2-0"


@dataclass(frozen=True)
class Membership:
    kreisfreie: tuple[str, ...]
    kreise: dict[str, tuple[str, int]]  # AGS prefix -> (name, expected members)

    def kreis_of(self, ags: str) -> str | None:
        if ags in self.kreisfreie:
            return KREISFREI
        for prefix, (name, _) in self.kreise.items():
            if ags.startswith(prefix):
                return name
        return None


def load_membership(path: Path = paths.GEO / "rvr_members.toml") -> Membership:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        kreise = {k["prefix"]: (k["name"], int(k["members"])) for k in raw["kreis"]}
        return Membership(tuple(raw["kreisfreie_staedte"]), kreise)
    except FileNotFoundError:
        raise BuildError(path, "file not found") from None
    except (KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise BuildError(path, f"invalid membership file ({exc})") from None


def select_members(features: list[dict], membership: Membership) -> list[dict]:
    """The RVR members as features with properties ags, name, kreis, kind, in AGS order."""
    members = []
    for feature in features:
        props = feature["properties"]
        kreis = membership.kreis_of(props["AGS"])
        if kreis is None:
            continue
        if kreis == KREISFREI:
            kind = "kreisfreie Stadt"
        else:
            kind = "Stadt" if props.get("BEZ") == "Stadt" else "Gemeinde"
        members.append(
            {
                "type": "Feature",
                "properties": {
                    "ags": props["AGS"],
                    "name": props["GEN"],
                    "kreis": kreis,
                    "kind": kind,
                },
                "geometry": feature["geometry"],
            }
        )
    return sorted(members, key=lambda f: f["properties"]["ags"])


def check_members(members: list[dict], membership: Membership, source: Path) -> None:
    counts: dict[str, int] = {}
    for m in members:
        counts[m["properties"]["kreis"]] = counts.get(m["properties"]["kreis"], 0) + 1
    expected = {KREISFREI: len(membership.kreisfreie)}
    expected.update({name: n for name, n in membership.kreise.values()})
    if counts != expected:
        raise BuildError(source, f"expected members per Kreis {expected}, found {counts}")


def rounded(geometry: dict) -> dict:
    geom = shapely.set_precision(shape(geometry), 10**-PRECISION)
    return mapping(shapely.transform(geom, lambda xy: xy.round(PRECISION)))


def dissolve(members: list[dict], key) -> list[tuple[str, object]]:
    groups: dict[str, list] = {}
    for m in members:
        groups.setdefault(key(m), []).append(shape(m["geometry"]))
    return [(k, outline_of(geoms)) for k, geoms in groups.items()]


def outline_of(geoms: list) -> object:
    """The union of neighbouring polygons, without the gaps between them.

    The simplified source does not keep shared borders identical: neighbours overlap
    and leave gaps of up to 0.3 km2, which a plain union turns into holes and
    splinters, and some touch only at a point. A closing by CLOSING degrees (about
    40 m) joins what touches; no Kreis and not the RVR has a real enclave, so holes
    are dropped, and only parts of at least 1 % of the largest part are kept.
    """
    union = shapely.union_all(geoms).buffer(CLOSING, join_style="mitre")
    union = union.buffer(-CLOSING, join_style="mitre")
    parts = sorted(getattr(union, "geoms", [union]), key=lambda g: -g.area)
    kept = [shapely.Polygon(p.exterior) for p in parts if p.area >= 0.01 * parts[0].area]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


def feature_collection(features: list[dict], name: str) -> dict:
    return {
        "type": "FeatureCollection",
        "name": name,
        "attribution": ATTRIBUTION,
        "features": features,
    }


def derive(
    source: Path, out_dir: Path = paths.GEO, static_dir: Path | None = paths.STATIC_GEO
) -> dict[str, int]:
    """Write rvr_municipalities, rvr_kreise and rvr_outline GeoJSON files into out_dir."""
    source = Path(source)
    if not source.is_file():
        raise BuildError(source, "boundary file not found")
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        features = data["features"]
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError) as exc:
        raise BuildError(source, f"not a GeoJSON FeatureCollection ({exc})") from None
    membership = load_membership()
    members = select_members(features, membership)
    check_members(members, membership, source)
    for m in members:
        m["geometry"] = rounded(m["geometry"])
    kreise = [
        {
            "type": "Feature",
            "properties": {"kreis": name, "ags_prefix": prefix},
            "geometry": rounded(mapping(geom)),
        }
        for prefix, (name, _) in membership.kreise.items()
        for kreis, geom in dissolve(members, lambda m: m["properties"]["kreis"])
        if kreis == name
    ]
    outline = [
        {
            "type": "Feature",
            "properties": {"name": "Regionalverband Ruhr"},
            "geometry": rounded(mapping(outline_of([shape(m["geometry"]) for m in members]))),
        }
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "rvr_municipalities.geojson": feature_collection(members, "rvr_municipalities"),
        "rvr_kreise.geojson": feature_collection(kreise, "rvr_kreise"),
        "rvr_outline.geojson": feature_collection(outline, "rvr_outline"),
    }
    for name, collection in outputs.items():
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
        (out_dir / name).write_text(text, encoding="utf-8")
        if static_dir is not None:  # the live map fetches the same files from /app/static
            static_dir.mkdir(parents=True, exist_ok=True)
            (static_dir / name).write_text(text, encoding="utf-8")
    return {name: len(c["features"]) for name, c in outputs.items()}
