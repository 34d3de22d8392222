"""`python -m etl preview FILE`: what a programme file becomes, before it is registered."""

from __future__ import annotations

import time
from pathlib import Path

from etl import paths
from etl.errors import BuildError
from etl.parse import parse_document
from etl.parse.cues import load_layout_cues
from etl.pledges import extract_pledges, load_cues
from etl.reading import format_reading, read_report
from etl.registry import Source, read_document

SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown", ".txt": "text"}


def read_programme(
    file: Path,
    file_format: str | None = None,
    self_names: tuple[str, ...] = (),
    source_id: str = "preview",
    **registry,
):
    """(document, parsed, pledges, seconds) of a file read as a registered programme
    would be: for a preview, tests and benchmarks. `registry` takes the reading options
    (skip_pages, furniture, lost_headings, ...)."""
    file = Path(file)
    file_format = file_format or SUFFIXES.get(file.suffix.lower())
    if file_format is None:
        raise BuildError(file, "unknown file type: give --format (pdf, html, text, markdown)")
    source = Source(
        id=source_id,
        party_id=source_id.split("-")[0],
        party_name=self_names[0] if self_names else "Partei",
        party_color="#000000",
        year=2000,
        title=file.name,
        format=file_format,
        path=file.resolve(),
        self_names=self_names,
        **registry,
    )
    cues = load_cues(paths.DATA / "pledge_cues.toml")
    start = time.perf_counter()
    document = read_document(source)
    split = cues.for_document(self_names).split
    parsed = parse_document(document.content, source, split, load_layout_cues())
    pledges = extract_pledges(source.id, parsed.blocks, self_names, cues, parsed.split_items)
    return document, parsed, pledges, time.perf_counter() - start


def preview(
    file: Path, file_format: str | None = None, self_names: tuple[str, ...] = (), verbose=False
) -> str:
    file = Path(file)
    document, parsed, pledges, seconds = read_programme(file, file_format, self_names)
    report = read_report(file.name, parsed, pledges, document.text)
    kinds = {k: sum(1 for p in pledges if p.kind == k) for k in ("bullet", "goal", "statement")}
    head = (
        f"{file} as {parsed_format(file, file_format)}: read in {seconds:.2f} s; "
        f"{len(pledges)} pledges ("
        + ", ".join(f"{k} {n}" for k, n in kinds.items() if n)
        + ")"
        + ("" if self_names else "; no --self-name given: statements naming the party are missed")
    )
    return head + "\n" + format_reading(report, verbose=verbose)


def parsed_format(file: Path, file_format: str | None) -> str:
    return file_format or SUFFIXES[file.suffix.lower()]
