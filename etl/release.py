"""The metadata of a data release (etl/publish.py writes the tables): the Data Package
descriptor, CITATION.cff, DCAT-AP.de as JSON-LD, the version and the changelog against
the previous release. Pure except for reading the previous release's files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl.errors import BuildError

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
BOUNDARY_SOURCE = {
    "title": "Verwaltungsgebiete 1:250 000 (VG250), © GeoBasis-DE / BKG 2013 (Daten verändert)",
    "path": "https://gdz.bkg.bund.de/index.php/default/digitale-geodaten/verwaltungsgebiete.html",
}
# what a changed pledge is: the columns a reader sees
COMPARED = ("text", "commitment", "topic_id", "context", "status")


def write_json(path: Path, value) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_package(folder: Path) -> dict:
    path = Path(folder) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(path, f"not a previous release ({exc})") from None


def next_version(base: str, before: dict | None, digest: str) -> str:
    """MAJOR.MINOR from data/publish.toml; the patch rises when the data changed."""
    if before is None:
        return f"{base}.0"
    old = str(before.get("version", ""))
    if not old.startswith(base + ".") or not old.rsplit(".", 1)[1].isdigit():
        return f"{base}.0"
    if before.get("dataSha256") == digest:
        return old
    return f"{base}.{int(old.rsplit('.', 1)[1]) + 1}"


def sources(con) -> list[dict]:
    """Each programme with its address (where the registry knows it), and the boundaries."""
    rows = con.execute(
        "SELECT d.title, d.url, p.name, d.year FROM documents d "
        "JOIN parties p USING (party_id) ORDER BY d.document_id"
    ).fetchall()
    found = []
    for title, url, party, year in rows:
        source = {"title": f"{party}: {title} ({year})"}
        if url:
            source["path"] = url
        found.append(source)
    return found + [BOUNDARY_SOURCE]


def package(con, config: dict, found: list[dict], version: str, digest: str) -> dict:
    licence = config["licenses"]["annotations"]
    return {
        "$schema": PROFILE,
        "name": config["name"],
        "title": config["title"],
        "description": config["description"],
        "version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "homepage": config["homepage"],
        "keywords": config["keywords"],
        "contributors": config["contributors"],
        "licenses": [{k: licence[k] for k in ("name", "title", "path")}],
        "sources": sources(con),
        "dataSha256": digest,
        "resources": found,
    }


def citation(config: dict, pkg: dict) -> str:
    """CITATION.cff (Citation File Format 1.2.0) of the release."""
    lines = [
        "cff-version: 1.2.0",
        'message: "Wenn Sie diese Daten verwenden, zitieren Sie sie bitte so."',
        "type: dataset",
        f"title: {json.dumps(config['title'], ensure_ascii=False)}",
        f'version: "{pkg["version"]}"',
        f"date-released: {pkg['created'][:10]}",
        f"license: {config['licenses']['annotations']['name']}",
        f"url: {json.dumps(config['homepage'])}",
        f"repository-code: {json.dumps(config['homepage'])}",
        "authors:",
        *(
            f"  - name: {json.dumps(c['title'], ensure_ascii=False)}"
            for c in config["contributors"]
        ),
        "keywords:",
        *(f"  - {json.dumps(k, ensure_ascii=False)}" for k in config["keywords"]),
        f"abstract: {json.dumps(' '.join(config['description'].split()), ensure_ascii=False)}",
    ]
    return "\n".join(lines) + "\n"


def geocoding(con) -> list[str]:
    """The region as DCAT-AP.de geocoding URIs: its Kreise and kreisfreie Städte
    (districtKey, the AGS's first five digits) and its 53 municipalities."""
    towns = [r[0] for r in con.execute("SELECT ags FROM municipalities ORDER BY ags").fetchall()]
    districts = sorted({ags[:5] for ags in towns})
    return [f"{GEOCODING}districtKey/{d}" for d in districts] + [
        f"{GEOCODING}municipalityKey/{ags}" for ags in towns
    ]


def dcat(con, config: dict, pkg: dict) -> dict:
    """DCAT-AP.de metadata of the release as JSON-LD: the dataset and one distribution
    per resource."""
    publisher = config["publisher"]
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "dcatde": "http://dcat-ap.de/def/dcatde/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "owl": "http://www.w3.org/2002/07/owl#",
        },
        "@type": "dcat:Dataset",
        "@id": f"{config['site_url'] or config['homepage']}#dataset",
        "dct:title": {"@value": config["title"], "@language": "de"},
        "dct:description": {"@value": " ".join(config["description"].split()), "@language": "de"},
        "dct:identifier": f"{config['name']}-{pkg['version']}",
        "owl:versionInfo": pkg["version"],
        "dct:issued": pkg["created"],
        "dct:publisher": {
            "@type": "foaf:Organization",
            "foaf:name": publisher["name"],
            "foaf:homepage": publisher["url"],
        },
        "dct:license": {"@id": config["licenses"]["annotations"]["dcat"]},
        "dcat:keyword": [{"@value": k, "@language": "de"} for k in config["keywords"]],
        "dcat:landingPage": {"@id": config["site_url"] or config["homepage"]},
        "dcatde:politicalGeocodingLevelURI": {"@id": f"{GEOCODING}Level/municipality"},
        "dcatde:politicalGeocodingURI": [{"@id": uri} for uri in geocoding(con)],
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": r["name"],
                "dcat:downloadURL": {"@id": r["path"]},
                "dcat:mediaType": r["mediatype"],
                "dct:format": r["format"].upper(),
                **({"dcat:byteSize": r["bytes"]} if "bytes" in r else {}),
                "dct:license": {"@id": r["licenses"][-1]["path"]},
            }
            for r in pkg["resources"]
        ],
    }


def changes(con, previous: Path) -> dict[str, list]:
    """Pledges added, removed and changed, and review records added, against the CSVs of
    the previous release."""
    old = Path(previous) / "data"
    columns = ", ".join(COMPARED)
    try:
        con.execute(
            f"CREATE TEMP TABLE old_pledges AS SELECT pledge_id, {columns} FROM "
            "read_csv(?, header = true, all_varchar = true)",
            [str(old / "pledges.csv")],
        )
        con.execute(
            "CREATE TEMP TABLE old_reviews AS SELECT file, row, pledge_id, field, value "
            "FROM read_csv(?, header = true, all_varchar = true)",
            [str(old / "reviews.csv")],
        )
    except duckdb.Error as exc:
        raise BuildError(old, f"previous release unreadable ({str(exc).splitlines()[0]})") from None
    differs = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}::VARCHAR" for c in COMPARED)
    found = {
        "added": "SELECT n.pledge_id, n.text FROM pledges n ANTI JOIN old_pledges o USING "
        "(pledge_id) ORDER BY 1",
        "removed": "SELECT o.pledge_id, o.text FROM old_pledges o ANTI JOIN pledges n USING "
        "(pledge_id) ORDER BY 1",
        "changed": f"SELECT n.pledge_id, n.text FROM pledges n JOIN old_pledges o USING "
        f"(pledge_id) WHERE {differs} ORDER BY 1",
        "reviews": "SELECT n.pledge_id, n.field || ': ' || n.value FROM reviews n ANTI JOIN "
        "old_reviews o ON o.file = n.file AND o.row::INTEGER = n.row ORDER BY n.file, n.row",
    }
    result = {key: con.execute(sql).fetchall() for key, sql in found.items()}
    con.execute("DROP TABLE old_pledges; DROP TABLE old_reviews")
    return result


def changelog(version: str, before: dict | None, found: dict[str, list] | None) -> str:
    lines = [f"# Änderungen in Version {version}", ""]
    if before is None or found is None:
        return "\n".join(lines + ["Erste Veröffentlichung: kein Vergleich.", ""])
    lines.append(f"Verglichen mit Version {before.get('version', '?')}.")
    headings = {
        "added": "Neue Versprechen",
        "removed": "Entfernte Versprechen",
        "changed": "Geänderte Versprechen (Text, Verbindlichkeit, Thema, Kontext oder Umsetzung)",
        "reviews": "Neue Entscheidungen der Redaktion",
    }
    for key, heading in headings.items():
        rows = found[key]
        lines += ["", f"## {heading}: {len(rows)}", ""]
        lines += [f"- `{pid}`: {' '.join(str(text).split())[:160]}" for pid, text in rows]
        lines += [] if rows else ["keine"]
    return "\n".join(lines) + "\n"
