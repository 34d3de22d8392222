"""Command line: `python -m etl build|check|preview|embed|geo`, and `run()`, the one way tests and
benchmarks start it in a fresh interpreter."""

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="build the DuckDB database from data/")
    build_cmd.add_argument(
        "--db",
        type=Path,
        default=paths.DEFAULT_DB,
        help="database file to write (default: data/ruhr.duckdb)",
    )
    build_cmd.add_argument(
        "--registry",
        type=Path,
        default=paths.REGISTRY,
        help="source registry (default: data/sources.toml)",
    )
    build_cmd.add_argument("--timings", action="store_true", help="print per-stage times")
    check_cmd = commands.add_parser(
        "check", help="report what the extraction made of each document"
    )
    check_cmd.add_argument("--registry", type=Path, default=paths.REGISTRY)
    check_cmd.add_argument(
        "--strict", action="store_true", help="exit 1 for notes too, not only for problems"
    )
    check_cmd.add_argument(
        "--verbose", action="store_true", help="list the cue that decided each statement"
    )
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
    commands.add_parser(
        "embed",
        help="derive data/embeddings.npz: sentence vectors of the shipped programmes' pledges",
    )
    geo_cmd = commands.add_parser("geo", help="derive geo/rvr_*.geojson from NRW boundaries")
    geo_cmd.add_argument(
        "--source",
        type=Path,
        default=paths.SHARED_BOUNDARIES,
        help="GeoJSON of all NRW municipalities (BKG VG250)",
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BuildError as exc:  # bad input: one line that names the file and the problem
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _run(args) -> int:
    if args.command == "preview":
        from etl.preview import preview

        print(preview(args.file, args.format, tuple(args.self_name), args.verbose))
        return 0
    if args.command == "check":
        from etl.build import Inputs
        from etl.check import check, report

        results = check(Inputs(registry=args.registry))
        print(report(results, strict=args.strict, verbose=args.verbose))
        return 1 if any(r.needs_attention(args.strict) for r in results) else 0
    if args.command == "geo":
        from etl.geo import derive

        for name, n in derive(args.source).items():
            print(f"wrote geo/{name}: {n} features")
        return 0
    if args.command == "embed":
        from etl.embeddings import SHIPPED, ship

        n = ship(SHIPPED)
        print(f"wrote {SHIPPED.relative_to(paths.ROOT)}: {n} pledge texts")
        return 0
    from etl.build import Inputs, build

    start = time.perf_counter()
    report = build(args.db, Inputs(registry=args.registry), progress=_progress())
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
