"""How well real programmes, as parties publish them, are read: the Münster 2014 files in
../shared/real-programmes/ against the hand-made reference structures there and the blind
labels in tests/data/real_units_*.csv (see tests/data/README.md for who made them).

Measures (defined once here, used by tests/test_real_programmes.py and
benchmarks/bench_real.py):

- heading recall: a reference `##` heading is found when, letters and digits compared
  (case and numbering ignored), a chapter or subchapter title, or a chapter title followed
  by its first subchapter ("Wirtschaftsstandort" + "Nicht ausruhen, …" for
  "Wirtschaftsstandort: Nicht ausruhen, …"), is the same up to a slip (similarity ratio
  of at least 0.9: the hand-made reference has "Familie" where the PDF has "Familien"),
  or one begins with the other and the shorter has at least 60 % of the longer's letters
  (the reference cuts some headings short: "… sind eine wich -");
- glued heading: a pledge whose text begins with, or contains after a sentence end, a
  reference heading of four or more words;
- page furniture in a pledge: a running header or footer of the raw text layer (a line
  of two or more words in the top or bottom 8 % of two or more pages), a page reference
  ("Seite 12" before a capital or at the end, not "siehe Seite 12"; "| 12"), a line
  number (in a PDF with numbered lines, a number the raw text has only where line
  numbers stand), or a number the reference (or the labelled unit) has next to neither
  of its neighbours (a cross-reference "s. auch S. 28" aside);
- broken-word candidates: see `broken_candidates`;
- foreign words: a run of words in a pledge that the reference text does not have
  (three-word windows, letters and digits only): page furniture, line numbers and
  broken words show up here; for files without a reference, the labelled units stand in;
- bullet recall: a reference `-` item is found when a bullet pledge shares at least 60 %
  of the shorter text's words with it (tests/pledge_eval.py's matching);
- pledge recall and precision on the blind-labelled chapters, as in tests/pledge_eval.py.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from etl import paths
from etl.preview import read_programme
from tests.pledge_eval import MATCH, overlap

SHARED = paths.ROOT.parent / "shared" / "real-programmes" / "muenster-2014"
LABELS = Path(__file__).parent / "data"

# file -> (format, party name, how the party names itself in its prose)
PROGRAMMES = {
    "cdu.pdf": ("pdf", "CDU Münster", ("CDU", "CDU Münster", "CDU-Fraktion")),
    "fdp.pdf": ("pdf", "FDP Münster", ("FDP", "FDP Münster", "Liberalen", "Liberale")),
    "linke.pdf": (
        "pdf",
        "Die Linke NRW",
        ("DIE LINKE", "Die LINKE", "DIE LINKE.NRW", "DIE LINKE. NRW", "LINKE"),
    ),
    "oedp.pdf": ("pdf", "ÖDP Münster", ("ÖDP", "Ökologisch-Demokratische Partei")),
    "spd.pdf": ("pdf", "SPD Münster", ("SPD", "SPD Münster")),
    "gruene.html": ("html", "Grüne Münster", ("GRÜNE", "Grünen", "Grüne")),
    "piraten.txt": ("text", "Piratenpartei Münster", ("Piraten", "Piratenpartei", "PIRATEN")),
}
PDFS = [name for name, (fmt, _, _) in PROGRAMMES.items() if fmt == "pdf"]
WITH_REFERENCE = ["cdu.pdf", "fdp.pdf", "spd.pdf"]
_WORD = re.compile(r"[0-9a-zäöüß]+")


def available() -> bool:
    return SHARED.is_dir()


@dataclass
class Read:
    """What a reading made of one file, in the plain form every measure takes (a baseline
    checkout's reading, dumped as JSON by benchmarks/bench_real.py, has the same shape)."""

    headings: list  # objects with .title, .level
    pledges: list  # objects with .kind, .text, .section
    text: str
    seconds: float = 0.0
    numbered: dict = field(default_factory=dict)  # line number -> its text (Parsed.numbered)


@functools.cache
def read(name: str) -> Read:
    fmt, _, names = PROGRAMMES[name]
    stem = name.split(".")[0]
    document, parsed, pledges, seconds = read_programme(SHARED / name, fmt, names, f"{stem}-2014")
    return Read(parsed.headings, pledges, document.text, seconds, parsed.numbered)


# -- reference structures ----------------------------------------------------------------


def _reference(name: str) -> str:
    return (SHARED / "reference" / name.replace(".pdf", ".md")).read_text(encoding="utf-8")


def reference_headings(name: str) -> list[str]:
    return [ln[3:].strip() for ln in _reference(name).splitlines() if ln.startswith("## ")]


def reference_items(name: str) -> list[str]:
    """Each `-` item with its continuation lines (until a blank line, heading or item)."""
    items: list[list[str]] = []
    current: list[str] | None = None
    for line in _reference(name).splitlines():
        stripped = line.strip()
        if re.match(r"^\s*-\s+\S", line):
            current = [stripped[1:].strip()]
            items.append(current)
        elif not stripped or stripped.startswith("#"):
            current = None
        elif current is not None:
            current.append(stripped)
    return [_join(lines) for lines in items]


def _join(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}".strip()
    return text


def starts_on(line: str, text: str, size: int = 20) -> bool:
    """Whether `line` holds the first words of `text`: its first `size` letters and
    digits, or the line ends with the sentence's opening (at least its whole last word:
    "… abweichen. Im" or "… Wir för-", the sentence going on in the next line)."""

    def plain(value: str) -> str:
        return "".join(ch.lower() for ch in value if ch.isalnum())

    here, first = plain(line), plain(text)[:size]
    tail = plain(line.split()[-1]) if line.split() else ""
    return first in here or any(
        here.endswith(first[:j]) for j in range(max(1, len(tail)), len(first))
    )


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def normal(text: str) -> str:
    text = re.sub(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.?|[IVX]{1,5}\.)\s+", "", text)
    return "".join(words(text))


def heading_found(reference: str, headings: list) -> bool:
    want = normal(reference)
    titles = []
    for i, h in enumerate(headings):
        titles.append(normal(h.title))
        following = headings[i + 1] if i + 1 < len(headings) else None
        if h.level == 1 and following is not None and following.level == 2:
            titles.append(normal(h.title) + normal(following.title))
    for got in titles:
        if got == want or SequenceMatcher(None, got, want).ratio() >= 0.9:
            return True
        short, long = sorted((got, want), key=len)
        if short and long.startswith(short) and len(short) >= 0.6 * len(long):
            return True
    return False


def heading_recall(name: str, r: Read | None = None) -> tuple[int, int, list[str]]:
    headings = (r or read(name)).headings
    refs = reference_headings(name)
    missing = [r for r in refs if not heading_found(r, headings)]
    return len(refs) - len(missing), len(refs), missing


def glued_headings(name: str, r: Read | None = None) -> list[tuple[str, str]]:
    """(heading, pledge) where a reference heading of four or more words stands inside a
    pledge."""
    found = []
    for heading in reference_headings(name):
        want = " ".join(words(heading))
        if len(want.split()) < 4:
            continue
        for p in (r or read(name)).pledges:
            got = " ".join(words(p.text))
            if got.startswith(want + " ") or f". {heading.strip()} " in p.text:
                found.append((heading, p.text))
    return found


def bullet_recall(name: str, r: Read | None = None) -> tuple[int, int, list[str]]:
    items = reference_items(name)
    bullets = [p for p in (r or read(name)).pledges if p.kind == "bullet"]
    missing = [i for i in items if not any(overlap(i, b.text) >= MATCH for b in bullets)]
    return len(items) - len(missing), len(items), missing


# -- foreign words -----------------------------------------------------------------------


def _windows(tokens: list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


@functools.cache
def _reference_windows(name: str) -> frozenset:
    text = re.sub(r"-\s*\n\s*(?=[a-zäöüß])", "", _reference(name))
    return frozenset(_windows(words(text)))


def foreign_runs(text: str, known: frozenset) -> list[str]:
    """Runs of words in `text` none of whose three-word windows `known` has."""
    tokens = words(text)
    runs: list[str] = []
    bad = [tuple(tokens[i : i + 3]) not in known for i in range(len(tokens) - 2)]
    i = 0
    while i < len(bad):
        if bad[i]:
            j = i
            while j < len(bad) and bad[j]:
                j += 1
            if j - i >= 2:  # one odd window is a typo or a spelling the reference fixed
                runs.append(" ".join(tokens[i : j + 2]))
            i = j
        else:
            i += 1
    return runs


def foreign_in_pledges(name: str, r: Read | None = None) -> list[tuple[str, list[str]]]:
    """(pledge text, foreign runs) for pledges with words the reference does not have."""
    known = _reference_windows(name)
    out = []
    for p in (r or read(name)).pledges:
        runs = foreign_runs(p.text, known)
        if runs:
            out.append((p.text, runs))
    return out


# -- blind-labelled units ----------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    chapter: str
    sealed: bool
    page: int
    kind: str
    text: str
    pledge: bool


def units(name: str, round: int = 1) -> list[Unit]:
    """The blind labels of one PDF: round 1 (three chapters, the third sealed), or round 2
    (one more chapter, sealed; drawn after round 1's sealed part had been measured)."""
    stem = name.split(".")[0]
    path = LABELS / (f"real_units_{stem}.csv" if round == 1 else f"real_units_round2_{stem}.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    chapter_title: dict[str, str] = {}
    out = []
    for r in rows:
        if r["kind"] == "heading":
            chapter_title.setdefault(r["chapter"], r["text"])
        out.append(
            Unit(
                chapter_title.get(r["chapter"], r["chapter"]),
                r["sealed"] == "yes",
                int(r["page"]),
                r["kind"],
                r["text"],
                r["pledge"] == "yes",
            )
        )
    return out


@dataclass
class Scores:
    recall_hits: int = 0
    recall_total: int = 0
    precision_hits: int = 0
    precision_total: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: Scores) -> None:
        self.recall_hits += other.recall_hits
        self.recall_total += other.recall_total
        self.precision_hits += other.precision_hits
        self.precision_total += other.precision_total
        self.misses += other.misses
        self.extras += other.extras


def covered(inner: str, outer: str) -> float:
    """The share of `inner`'s words that `outer` has."""
    a, b = set(words(inner)), set(words(outer))
    return len(a & b) / len(a) if a else 0.0


def _same(a: str, b: str) -> bool:
    """Each text has 60 % or more of the other's words: one pledge, not one that swallowed
    a page (a pledge of 500 words has most words of any sentence near it)."""
    return covered(a, b) >= MATCH and covered(b, a) >= MATCH


def pledge_scores(name: str, sealed: bool | None, r: Read | None = None, round: int = 1) -> Scores:
    """`sealed` None counts both parts. Recall: labelled pledges that an extracted pledge
    matches (each has 60 % or more of the other's words), or that the extracted pledges
    standing inside it cover (a statement is one sentence of a labelled item). Precision:
    extracted pledges that stand inside a labelled unit of this part (60 % of their
    words), or in a labelled chapter without a unit, and that the reader calls a pledge."""
    everything = [u for u in units(name, round) if u.kind != "heading"]
    labelled = [u for u in everything if sealed is None or u.sealed == sealed]
    chapters = {normal(u.chapter) for u in labelled}
    pledges = (r or read(name)).pledges
    scores = Scores()
    for u in labelled:
        if u.pledge:
            scores.recall_total += 1
            inside = " ".join(p.text for p in pledges if covered(p.text, u.text) >= MATCH)
            if any(_same(u.text, p.text) for p in pledges) or (
                inside and covered(u.text, inside) >= MATCH
            ):
                scores.recall_hits += 1
            else:
                scores.misses.append(u.text)
    for p in pledges:
        best = max(everything, key=lambda u: covered(p.text, u.text))
        matched = covered(p.text, best.text) >= MATCH
        if matched and sealed is not None and best.sealed != sealed:
            continue
        if not matched and normal(p.section) not in chapters:
            continue
        scores.precision_total += 1
        if matched and best.pledge:
            scores.precision_hits += 1
        else:
            scores.extras.append((p.text, best.text if matched else None))
    return scores


def unit_windows(name: str) -> frozenset:
    return frozenset(w for u in units(name) for w in _windows(words(u.text)))


# -- page furniture inside pledges -------------------------------------------------------

_PAGE_REFERENCE = re.compile(
    r"(?<!siehe )(?<!s\. )(?<!S\. )(?<!vgl\. )(?<!auf )"
    r"\bSeite\s+\d{1,3}\b(?=\s+(?:\d|[A-ZÄÖÜ])|\s*$)"
    r"|(?:^|\s)\|\s*\d{1,3}\b|\b\d{1,3}\s*\|"
)
EDGE = 0.08  # the top and bottom share of a page where running lines stand


@functools.cache
def raw_edge_lines(name: str) -> frozenset[str]:
    """Lines of two or more words in the top or bottom 8 % of a page of the raw text layer
    (PDFium's lines, before any reading) whose text, numbers aside, stands on two or
    more pages: running headers and footers, found without the reading's own rules."""
    from etl.parse.pdf import read_pdf

    pages: dict[str, set[int]] = {}
    texts: dict[str, set[str]] = {}
    for page in read_pdf(SHARED / name).pages:
        for line in page.lines:
            text = line.text.replace("\ufffe", "-").strip()
            edge = line.top < EDGE * page.height or line.bottom > (1 - EDGE) * page.height
            if edge and len(text.split()) >= 2:
                key = re.sub(r"\d+", "#", text)
                pages.setdefault(key, set()).add(page.number)
                texts.setdefault(key, set()).add(text)
    return frozenset(t for key, p in pages.items() if len(p) >= 2 for t in texts[key])


@functools.cache
def raw_line_numbers(name: str) -> frozenset[str]:
    """For a PDF with numbered lines (three in ten raw lines open with a number): the
    numbers that the raw text layer has only where a line number stands (opening a line,
    or alone), never inside a line."""
    from etl.parse.pdf import read_pdf

    opening, inside, lines = set(), set(), 0
    for page in read_pdf(SHARED / name).pages:
        for line in page.lines:
            tokens = line.text.split()
            lines += 1
            if tokens and tokens[0].isdigit():
                opening.add(tokens[0])
            inside |= {t for t in tokens[1:] if t.isdigit()}
    if len(opening) < 0.3 * lines:
        return frozenset()
    return frozenset(opening - inside)


def furniture_in_pledges(name: str, r: Read | None = None) -> list[tuple[str, str]]:
    """(what, pledge text) for pledges that hold page furniture: a running header or
    footer of the raw text layer, a page reference ("Seite 12", "| 12"), or a number
    that the reference text (or the labelled unit) does not have there (a page or line
    number)."""
    found = []
    edge = raw_edge_lines(name) if PROGRAMMES[name][0] == "pdf" else frozenset()
    known = _reference_windows(name) if name in WITH_REFERENCE else None
    labelled = [u for u in units(name) if u.kind != "heading"] if name in PDFS else []
    numbered = raw_line_numbers(name) if name in PDFS else frozenset()
    for p in (r or read(name)).pledges:
        tokens = p.text.split()
        line_numbers = [t for i, t in enumerate(tokens) if i and t in numbered]
        if line_numbers:
            found.append((f"line number {line_numbers[0]!r}", p.text))
        for line in edge:
            if line in p.text:
                found.append((f"running line {line!r}", p.text))
        if _PAGE_REFERENCE.search(p.text):
            found.append(("page reference", p.text))
        if known is not None:
            found += [
                (f"number not in the reference: {n!r}", p.text)
                for n in _odd_numbers(p.text, _reference_pairs(name))
            ]
        elif labelled:
            unit = max(labelled, key=lambda u: covered(p.text, u.text))
            if covered(p.text, unit.text) >= MATCH:
                extra = set(re.findall(r"\b\d+\b", p.text)) - set(re.findall(r"\d+", unit.text))
                if extra:
                    found.append((f"number not in the labelled unit: {sorted(extra)}", p.text))
    return found


@functools.cache
def _reference_pairs(name: str) -> frozenset:
    text = re.sub(r"-\s*\n\s*(?=[a-zäöüß])", "", _reference(name))
    tokens = words(text)
    return frozenset(zip(tokens, tokens[1:], strict=False))


def _odd_numbers(text: str, pairs: frozenset) -> list[str]:
    """Numbers that the reference has next to neither of their neighbours."""
    tokens = words(text)
    odd = []
    for i, t in enumerate(tokens):
        if t.isdigit() and not (i and tokens[i - 1] in ("s", "seite", "nr")):  # "s. auch S. 28"
            before = (tokens[i - 1], t) if i else None
            after = (t, tokens[i + 1]) if i + 1 < len(tokens) else None
            if before not in pairs and after not in pairs:
                odd.append(t)
    return odd


# -- broken words --------------------------------------------------------------------------

_LETTERS = re.compile(r"[A-Za-zÄÖÜäöüß]+")
_SINGLE_WORDS = set("abcdefghiklmnopqrstuvwxz")  # "z. B.", "d. h.", "a" and the like


def pledge_tokens(name: str, r: Read | None = None) -> int:
    return sum(len(_LETTERS.findall(p.text)) for p in (r or read(name)).pledges)


def broken_candidates(name: str, r: Read | None = None) -> list[tuple[str, str]]:
    """(token, pledge text) for tokens that look like pieces of a word: a lone lower-case
    letter that is no word; letters and digits mixed inside a word; or a token that
    neither the word list nor the rest of the document knows and that, joined with its
    neighbour, makes a word the word list or the document knows."""
    from etl.parse.words import german_words

    r = r or read(name)
    words_list = german_words()
    counts: dict[str, int] = {}
    for w in _LETTERS.findall(r.text):
        counts[w.casefold()] = counts.get(w.casefold(), 0) + 1
    out = []
    for p in r.pledges:
        tokens = re.findall(r"\S+", p.text)
        for i, token in enumerate(tokens):
            core = token.strip(".,;:!?()„“\"»«'")
            if re.search(r"[a-zäöüß]{2,}\d|\d[a-zäöüß]{3,}", core):
                out.append((core, p.text))
            elif len(core) == 1 and core.islower() and core not in _SINGLE_WORDS:
                out.append((core, p.text))
            elif (
                _LETTERS.fullmatch(core)
                and counts.get(core.casefold(), 0) <= 1
                and (core.casefold() not in words_list)
            ):
                for j in (i - 1, i + 1):
                    if 0 <= j < len(tokens):
                        pair = (tokens[j] + core) if j < i else (core + tokens[j])
                        pair = pair.strip(".,;:!?()„“\"»«'").casefold()
                        if pair in words_list or counts.get(pair, 0) >= 1:
                            out.append((core, p.text))
                            break
    return out


def chapters(r: Read) -> int:
    return sum(1 for h in r.headings if h.level == 1)


def figures(name: str, r: Read | None = None, sealed: bool = False) -> dict[str, object]:
    """Every figure of the issue's goals for one file, from one reading."""
    r = r or read(name)
    out: dict[str, object] = {
        "chapters": chapters(r),
        "pledges": len(r.pledges),
        "furniture_pledges": len({t for _, t in furniture_in_pledges(name, r)}),
        "broken_candidates": len(broken_candidates(name, r)),
        "tokens": pledge_tokens(name, r),
        "seconds": round(r.seconds, 2),
    }
    if name in WITH_REFERENCE:
        found, total, _ = heading_recall(name, r)
        out["headings"] = f"{found}/{total}"
        out["glued"] = len(glued_headings(name, r))
        found, total, _ = bullet_recall(name, r)
        out["bullets"] = f"{found}/{total}"
    if name in PDFS:
        s = pledge_scores(name, sealed, r)
        out["recall"] = f"{s.recall_hits}/{s.recall_total}"
        out["precision"] = f"{s.precision_hits}/{s.precision_total}"
    return out
