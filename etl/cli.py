"""Command line: `python -m etl build|check|preview|embed|geo|council`, and `run()`, the one
way tests and benchmarks start it in a fresh interpreter."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from etl import paths
from etl.errors import BuildError


def _progress():
    """Per-document progress on a terminal; quiet in CI and when output is piped."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return None

    def show(done: int, total: int, document_id: str, pledges: int) -> None:
        end = "\n" if done == total else ""
        print(
            f"\r[{done}/{total}] {document_id}: {pledges} pledges\033[K",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def _inputs(registry: Path):
    """The build's inputs for a registry: its review records are the ones beside it
    (`reviews/` in the registry's folder), since they name its documents' pledges."""
    from etl.build import Inputs

    return Inputs(registry=registry, reviews=Path(registry).parent / "reviews")


def _review(db: Path, limit: int) -> int:
    """The queue as text: score, pledge, field and target, what the rules decided, why it
    is in doubt, and the pledge's words."""
    import duckdb

    from etl.review_queue import from_database, load_queue_cues

    if not db.is_file():
        raise BuildError(db, "no database here (python -m etl build)")
    con = duckdb.connect(str(db), read_only=True)
    try:
        items = from_database(con, load_queue_cues())[:limit]
        texts = dict(con.execute("SELECT pledge_id, text FROM pledges").fetchall())
    finally:
        con.close()
    for n, item in enumerate(items, start=1):
        target = f" {item.target}" if item.target else ""
        print(f"{n:>3}. {item.score:4.1f}  {item.pledge_id} {item.field}{target} = {item.current}")
        print(f"       {texts.get(item.pledge_id, '')[:160]}")
        for why in item.why:
            print(f"       - {why}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except BuildError as exc:  # bad input: one line that names the file and the problem
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the DuckDB database from data/")
    build_cmd.add_argument(
        "--db", type=Path, default=paths.DEFAULT_DB, help="database file (data/ruhr.duckdb)"
    )
    build_cmd.add_argument(
        "--registry", type=Path, default=paths.REGISTRY, help="registry (data/sources.toml)"
    )
    build_cmd.add_argument("--timings", action="store_true", help="print per-stage times")
    check_cmd = commands.add_parser("check", help="what the extraction made of each document")
    check_cmd.add_argument("--registry", type=Path, default=paths.REGISTRY)
    check_cmd.add_argument("--strict", action="store_true", help="exit 1 for notes too")
    check_cmd.add_argument(
        "--verbose", action="store_true", help="the cue of each statement, the whole reading"
    )
    _preview_parser(commands)
    commands.add_parser(
        "embed",
        help="derive data/embeddings.npz: sentence vectors of the shipped programmes' pledges",
    )
    commands.add_parser(
        "files", help="the README's table of the CSV data files, from etl/data_files.toml"
    )
    review_cmd = commands.add_parser(
        "review", help="the review queue: the rules' least certain decisions first"
    )
    review_cmd.add_argument("--db", type=Path, default=paths.DEFAULT_DB, help="a built database")
    review_cmd.add_argument("--limit", type=int, default=50, help="items to list (50)")
    geo_cmd = commands.add_parser("geo", help="derive geo/rvr_*.geojson from NRW boundaries")
    geo_cmd.add_argument(
        "--source",
        type=Path,
        default=paths.SHARED_BOUNDARIES,
        help="GeoJSON of all NRW municipalities (BKG VG250)",
    )
    council_cmd = commands.add_parser(
        "council", help="import council records from an OParl endpoint into data/council.duckdb"
    )
    council_cmd.add_argument("url", help="the OParl System URL, e.g. https://…/oparl")
    council_cmd.add_argument("--db", type=Path, help="database file (data/council.duckdb)")
    council_cmd.add_argument("--rate", type=float, default=5.0, help="requests/s (5; 0: no limit)")
    council_cmd.add_argument("--full", action="store_true", help="read everything, not changes")
    publish_cmd = commands.add_parser(
        "publish",
        help="a data release (Frictionless Data Package, CITATION.cff, DCAT-AP.de) and the "
        "static site, from a built database",
    )
    publish_cmd.add_argument("out", type=Path, help="the release's folder (created)")
    publish_cmd.add_argument("--db", type=Path, default=paths.DEFAULT_DB, help="a built database")
    publish_cmd.add_argument(
        "--previous", type=Path, help="the last release's folder: version and changelog"
    )
    publish_cmd.add_argument("--no-site", action="store_true", help="the data release only")
    return parser


def _preview_parser(commands) -> None:
    preview_cmd = commands.add_parser(
        "preview",
        help="show what a programme file becomes before adding it: chapters, pledges, "
        "furniture removed, suspicious tokens",
    )
    preview_cmd.add_argument("file", type=Path, help="a PDF, HTML, Markdown or text file")
    preview_cmd.add_argument(
        "--format",
        choices=["pdf", "html", "text", "markdown", "pdf-text"],
        help="the registry format (default: from the file name: .pdf, .html, .md, .txt)",
    )
    preview_cmd.add_argument(
        "--self-name",
        action="append",
        default=[],
        help="how the party names itself in its prose (repeatable), e.g. --self-name CDU",
    )
    preview_cmd.add_argument(
        "--verbose", action="store_true", help="list all furniture and every joined word"
    )


def _run(args) -> int:
    if args.command == "preview":
        from etl.preview import preview

        print(preview(args.file, args.format, tuple(args.self_name), args.verbose))
        return 0
    if args.command == "check":
        from etl.check import check, report

        results = check(_inputs(args.registry))
        print(report(results, strict=args.strict, verbose=args.verbose))
        return 1 if any(r.needs_attention(args.strict) for r in results) else 0
    if args.command == "publish":
        return _publish(args)
    if args.command == "council":
        from etl.council.importer import DEFAULT_DB, main

        return main(args.url, args.db or DEFAULT_DB, args.rate, args.full)
    if args.command == "review":
        return _review(args.db, args.limit)
    if args.command == "files":
        from etl.datafiles import readme_table

        print(readme_table())
        return 0
    if args.command == "geo":
        from etl.geo import derive

        for name, n in derive(args.source).items():
            print(f"wrote geo/{name}: {n} features")
        return 0
    if args.command == "embed":
        from etl.embeddings import SHIPPED

        n = ship_embeddings(SHIPPED)
        print(f"wrote {SHIPPED.relative_to(paths.ROOT)}: {n} pledge texts")
        return 0
    from etl.build import build

    start = time.perf_counter()
    report = build(args.db, _inputs(args.registry), progress=_progress())
    total = time.perf_counter() - start
    parts = ", ".join(f"{doc} {n}" for doc, n in report.documents.items())
    print(
        f"built {report.db}: {len(report.documents)} documents, {report.pledges} pledges ({parts})"
    )
    if args.timings:
        for stage, seconds in report.timings.items():
            print(f"  {stage:<8} {seconds * 1000:8.1f} ms")
        print(f"  {'total':<8} {total * 1000:8.1f} ms (build work, after imports)")
    return 0


def ship_embeddings(path: Path) -> int:
    """Write the vectors of exactly the shipped programmes' pledge texts to `path` (the
    committed cache, data/embeddings.npz); returns their number. It builds, so it lives
    here, above both the build and the embeddings."""
    import tempfile

    import duckdb

    from etl.build import Inputs, build
    from etl.embeddings import embed, text_key, write_cache

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ruhr.duckdb"
        build(db, Inputs(embeddings=path))
        con = duckdb.connect(str(db), read_only=True)
        try:
            texts = [row[0] for row in con.execute("SELECT DISTINCT text FROM pledges").fetchall()]
        finally:
            con.close()
    vectors, _ = embed(texts, path)
    write_cache(path, {text_key(t): v for t, v in zip(texts, vectors, strict=True)})
    return len(texts)


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` in a fresh interpreter from the project root, output captured.
    `env` is added to the current environment (e.g. PYTHONHASHSEED)."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        env={**os.environ, **(env or {})},
        check=False,
        **kwargs,
    )


def _publish(args) -> int:
    from etl.publish import load_config, publish

    def site(folder: Path) -> None:
        from dashboard.site import write_site  # the static site renders the app's views

        files = write_site(args.db, folder / "site", load_config()["app_url"], "../")
        print(f"static site: {len(files)} files in {Path(args.out) / 'site'}")

    done = publish(args.db, args.out, args.previous, also=None if args.no_site else site)
    state = "changed" if done.changed else "unchanged since the previous release"
    print(f"published {done.out}: version {done.version} ({state}), {done.resources} resources")
    return 0
