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


def preview(
    file: Path, file_format: str | None = None, self_names: tuple[str, ...] = (), verbose=False
) -> str:
    file = Path(file)
    file_format = file_format or SUFFIXES.get(file.suffix.lower())
    if file_format is None:
        raise BuildError(file, "unknown file type: give --format (pdf, html, text, markdown)")
    source = Source(
        id="preview",
        party_id="preview",
        party_name=self_names[0] if self_names else "Partei",
        party_color="#000000",
        year=2000,
        title=file.name,
        format=file_format,
        path=file.resolve(),
        self_names=self_names,
    )
    cues = load_cues(paths.DATA / "pledge_cues.toml")
    start = time.perf_counter()
    document = read_document(source)
    parsed = parse_document(
        document.content, source, cues.for_document(self_names).split, load_layout_cues()
    )
    pledges = extract_pledges(source.id, parsed.blocks, self_names, cues, parsed.split_items)
    seconds = time.perf_counter() - start
    report = read_report(file.name, parsed, pledges, document.text)
    kinds = {k: sum(1 for p in pledges if p.kind == k) for k in ("bullet", "goal", "statement")}
    head = (
        f"{file} as {file_format}: read in {seconds:.2f} s; {len(pledges)} pledges ("
        + ", ".join(f"{k} {n}" for k, n in kinds.items() if n)
        + ")"
        + ("" if self_names else "; no --self-name given: statements naming the party are missed")
    )
    return head + "\n" + format_reading(report, verbose=verbose)
