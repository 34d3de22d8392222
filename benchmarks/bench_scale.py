"""Scale benchmark: build 1, 10 and 100 programmes; print time and peak memory of each build.

Synthetic programmes are Markdown recombined from the real pledges: every chapter has a
goal list and prose; each goal joins the first half of one real pledge with the second
half of another, each statement keeps a real commitment opening ("Wir fordern …") and
continues with another pledge's second half. Each build runs in its own process
(`python -m etl build --registry … --timings`), so peak memory is that build's.

Sentence vectors (etl/embeddings.py) are cached by text: for each size the build runs
cold (an empty cache: every synthetic pledge is encoded) and warm (the same build again).
With --baseline DIR the same corpora are built by another checkout (e.g. a git worktree
of an earlier commit) in the same run, so today's figure stands beside the new one.

Usage: python benchmarks/bench_scale.py [max_programmes] [--keep DIR] [--baseline DIR]
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from etl import paths  # noqa: E402
from etl.build import build  # noqa: E402

CHAPTERS = [
    "Mobilität und Verkehr",
    "Wohnen und Quartiere",
    "Klima und Energie",
    "Bildung und Wissenschaft",
    "Wirtschaft und Arbeit",
    "Kultur und Freizeit",
]
OPENINGS = [
    "Wir fordern",
    "Wir setzen uns dafür ein, dass",
    "Die {name} will",
    "Der RVR soll",
    "Wir wollen",
]


def halves(text: str) -> tuple[str, str]:
    words = text.rstrip(".!").split()
    return " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])


def programme(name: str, rows: list[str], rng: random.Random) -> str:
    lines = [f"# Wahlprogramm {name}", ""]
    for n, chapter in enumerate(CHAPTERS, start=1):
        lines += [f"# {n:02d} {chapter}", "", "## Unsere Ziele auf einem Blick", ""]
        for _ in range(6):
            first, _ = halves(rng.choice(rows))
            _, second = halves(rng.choice(rows))
            lines.append(f"- {first} {second}")
        lines.append("")
        for _ in range(25):
            _, second = halves(rng.choice(rows))
            opening = rng.choice(OPENINGS).format(name=name)
            lines += [f"{opening} {second}.", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, rows: list[str]) -> Path:
    rng = random.Random(count)
    (folder / "manifestos").mkdir(parents=True, exist_ok=True)
    registry = []
    for i in range(count):
        name = f"Partei{i:03d}"
        file = folder / "manifestos" / f"p{i:03d}.md"
        file.write_text(programme(name, rows, rng), encoding="utf-8")
        registry.append(
            f'[[document]]\nid = "p{i:03d}-2030"\nparty_id = "p{i:03d}"\nparty_name = "{name}"\n'
            f'party_color = "#{(i * 2654435761) % 0xFFFFFF:06X}"\nyear = 2030\n'
            f'title = "Wahlprogramm {name}"\nformat = "markdown"\nfile = "manifestos/p{i:03d}.md"\n'
            f'self_names = ["{name}"]\ngoal_heading = "Unsere Ziele auf einem Blick"\n'
        )
    path = folder / "sources.toml"
    path.write_text("\n".join(registry), encoding="utf-8")
    return path


def timed_build(checkout: Path, registry: Path, out: Path, cache: Path) -> str:
    """One build in its own process; a line with its wall time, its own peak memory (from
    wait4, not the maximum over all children so far) and its stages."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "etl",
                "build",
                "--db",
                str(out),
                "--registry",
                str(registry),
                "--timings",
            ],
            cwd=checkout,
            stdout=output,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "RUHR_EMBED_CACHE": str(cache)},
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if process.returncode:
            raise SystemExit(f"build in {checkout} failed ({process.returncode})")
        output.seek(0)
        lines = output.read().splitlines()
    summary = lines[0].split(": ", 1)[1].split(" (")[0]
    stages = ", ".join(line.split()[0] + " " + line.split()[1] for line in lines[1:-1])
    memory = usage.ru_maxrss / 1024
    return f"{summary}; {seconds:6.1f} s wall, peak RSS {memory:6.0f} MiB; ms: {stages}"


def main(maximum: int = 100, keep: Path | None = None, baseline: Path | None = None) -> None:
    db = paths.DEFAULT_DB
    if not db.exists():
        build(db)
    con = duckdb.connect(str(db), read_only=True)
    rows = [r[0] for r in con.execute("SELECT text FROM pledges").fetchall()]
    con.close()
    checkouts = [("this checkout", ROOT)] + ([("baseline", baseline)] if baseline else [])
    with tempfile.TemporaryDirectory() as tmp:
        for count in (1, 10, 100):
            if count > maximum:
                break
            folder = (keep or Path(tmp)) / f"corpus{count}"
            registry = write_corpus(folder, count, rows)
            for label, checkout in checkouts:
                cache = folder / f"embeddings-{label.split()[0]}.npz"
                cache.unlink(missing_ok=True)
                for state in ("cold", "warm"):
                    out = folder / f"{label.split()[0]}-{state}.duckdb"
                    line = timed_build(checkout, registry, out, cache)
                    print(f"{count:3d} programmes, {label}, {state}: {line}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    keep = Path(args[args.index("--keep") + 1]) if "--keep" in args else None
    baseline = Path(args[args.index("--baseline") + 1]) if "--baseline" in args else None
    numbers = [a for a in args if a.isdigit()]
    main(int(numbers[0]) if numbers else 100, keep, baseline)
