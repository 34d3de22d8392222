"""How real programmes are read, today and by another checkout, in the same run.

For each file of ../shared/real-programmes/muenster-2014 (tests/real_eval.py defines the
measures): chapters, pledges, pledges with page furniture, broken-word candidates,
reference headings and bullets found, headings glued into pledges, pledge recall and
precision on the blind-labelled chapters (tuning part; `--sealed` for the sealed part),
and seconds to read. Then the time to read a 100-page designed PDF (the FDP and Linke
programmes' pages put together), median of three runs each.

Every checkout is run in its own interpreter; with --baseline DIR (e.g. a git worktree of
an earlier commit: `git worktree add /tmp/base a29b54d`) its figures stand beside this
checkout's. A checkout that cannot read a format says so.

Usage: python benchmarks/bench_real.py [--baseline DIR] [--sealed]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import real_eval  # noqa: E402

# Runs inside a checkout: reads each file with that checkout's code (old or new API)
DUMP = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from etl import paths
    from etl.parse import parse_document
    from etl.pledges import extract_pledges, load_cues
    from etl.registry import Source, read_document

    cues = load_cues(paths.DATA / "pledge_cues.toml")
    out = {}
    for name, fmt, names, path in json.loads(sys.argv[1]):
        src = Source(id=name.split(".")[0], party_id="x", party_name=name,
                     party_color="#000000", year=2014, title=name, format=fmt,
                     path=Path(path), self_names=tuple(names))
        try:
            start = time.perf_counter()
            doc = read_document(src)
            content = doc[0] if isinstance(doc, tuple) else doc.content
            parsed = parse_document(content, src, cues.split)
            blocks = getattr(parsed, "blocks", parsed)
            if hasattr(parsed, "split_items"):
                pledges = extract_pledges(src.id, blocks, src.self_names, cues,
                                          parsed.split_items)
            else:
                pledges = extract_pledges(src.id, blocks, src.self_names, cues)
            seconds = time.perf_counter() - start
        except Exception as exc:
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            continue
        if hasattr(parsed, "headings"):
            headings = [[h.title, h.level] for h in parsed.headings]
        else:
            headings, seen = [], set()
            for b in blocks:
                for title, level in ((b.section, 1), (b.subsection, 2)):
                    if title and (title, level) not in seen:
                        seen.add((title, level))
                        headings.append([title, level])
        text = doc[0] if isinstance(doc, tuple) else doc.text
        out[name] = {
            "headings": headings,
            "pledges": [[p.kind, p.text, p.section] for p in pledges],
            "text": text if isinstance(text, str) else "",
            "seconds": seconds,
        }
    print(json.dumps(out))
    """
)

TIME_100 = textwrap.dedent(
    """
    import sys, time, statistics
    from pathlib import Path
    from etl import paths
    from etl.parse import parse_document
    from etl.pledges import load_cues
    from etl.registry import Source, read_document
    cues = load_cues(paths.DATA / "pledge_cues.toml")
    src = Source(id="x", party_id="x", party_name="x", party_color="#000000", year=2014,
                 title="x", format="pdf", path=Path(sys.argv[1]))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        doc = read_document(src)
        content = doc[0] if isinstance(doc, tuple) else doc.content
        parse_document(content, src, cues.split)
        times.append(time.perf_counter() - start)
    print(statistics.median(times))
    """
)


def run_in(checkout: Path, code: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{checkout}: {result.stderr.strip().splitlines()[-1]}")
    return result.stdout


def readings(checkout: Path) -> dict[str, object]:
    files = [
        [name, fmt, list(names), str(real_eval.SHARED / name)]
        for name, (fmt, _, names) in real_eval.PROGRAMMES.items()
    ]
    dumped = json.loads(run_in(checkout, DUMP, json.dumps(files)))
    out: dict[str, object] = {}
    for name, d in dumped.items():
        if "error" in d:
            out[name] = d["error"]
            continue
        out[name] = real_eval.Read(
            [SimpleNamespace(title=t, level=lv) for t, lv in d["headings"]],
            [SimpleNamespace(kind=k, text=t, section=s) for k, t, s in d["pledges"]],
            d["text"],
            d["seconds"],
        )
    return out


def hundred_pages(folder: Path) -> Path:
    """A 100-page designed PDF: the FDP programme's 60 pages and 40 of the Linke's."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for name, pages in (("fdp.pdf", range(60)), ("linke.pdf", range(40))):
        src = pdfium.PdfDocument(str(real_eval.SHARED / name))
        out.import_pages(src, list(pages))
    path = folder / "hundred.pdf"
    out.save(str(path))
    return path


def main(baseline: Path | None, sealed: bool) -> None:
    checkouts = [("this checkout", ROOT)] + ([("baseline", baseline)] if baseline else [])
    results = {label: readings(path) for label, path in checkouts}
    part = "sealed" if sealed else "tuning"
    print(f"Real programmes (../shared/real-programmes/muenster-2014), labelled part: {part}")
    for name in real_eval.PROGRAMMES:
        print(f"\n{name}")
        for label, _ in checkouts:
            r = results[label][name]
            if isinstance(r, str):
                print(f"  {label:<14} cannot read it: {r}")
                continue
            figures = real_eval.figures(name, r, sealed=sealed)
            print(f"  {label:<14} " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    with tempfile.TemporaryDirectory() as tmp:
        path = hundred_pages(Path(tmp))
        print("\nReading a 100-page designed PDF (median of 3 runs):")
        for label, checkout in checkouts:
            seconds = float(run_in(checkout, TIME_100, str(path)))
            print(f"  {label:<14} {seconds:.2f} s ({seconds / 100 * 1000:.0f} ms a page)")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(
        Path(args[args.index("--baseline") + 1]) if "--baseline" in args else None,
        "--sealed" in args,
    )
