"""What the reading made of one document, for `python -m etl preview` and `etl check`:
chapters and how each was found, items and statements per chapter, the page furniture
removed, the words joined, suspicious tokens, and the structure problems.

Problems (etl check exits 1 on them) are what a reader of the dashboard would see as
wrong: a long document read as fewer than three chapters; digits or page furniture inside
pledges; a line that recurs on many pages (a header the reading missed) inside more than
two pledges.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from etl.kinds import BULLET, GOAL, STATEMENT
from etl.parse.furniture import RUNNING_FOOTER, RUNNING_HEADER
from etl.parse.words import german_words

LONG_DOCUMENT = 10  # pages; a longer document needs at least MIN_CHAPTERS chapters
MIN_CHAPTERS = 3
WORDS_PER_PAGE = 400  # for documents without pages: text files, HTML
RECURRING = 3  # a line on this many pages (or this often) recurs
_TOKEN = re.compile(r"\S+")
_LETTERS = re.compile(r"[A-Za-zÄÖÜäöüß]+")
# digits inside a word ("Ganz573tags", "Schuttle-574"), not "U3", "CO2", "4.0", "1a"
_DIGIT_IN_WORD = re.compile(r"[a-zäöüß]{3,}\d|\d{2,}[a-zäöüß]{3,}|[a-zäöüß]-\d{2,4}\b(?!-)")
_PAGE_MARK = re.compile(r"(?:^|\s)\|\s*\d{1,3}\b|\b\d{1,3}\s*\|(?:\s|$)")
# single letters that are words or abbreviations in German text ("z. B.", "d. h.", "a")
_LETTER_WORDS = set("abcdefghiklmnopqrstuvwxz")


@dataclass
class ChapterStats:
    title: str
    level: int
    page: int | None
    found_by: str
    bullets: int = 0
    statements: int = 0


@dataclass
class Reading:
    document: str
    pages: int | None
    chapters: list[ChapterStats] = field(default_factory=list)
    furniture: dict[str, list[str]] = field(default_factory=dict)  # kind -> texts
    repairs: list[tuple[str, str]] = field(default_factory=list)  # (before, after)
    suspicious: dict[str, list[str]] = field(default_factory=dict)  # kind -> tokens
    problems: list[str] = field(default_factory=list)

    @property
    def chapter_count(self) -> int:
        return sum(1 for c in self.chapters if c.level == 1)


def read_report(document: str, parsed, pledges, text: str) -> Reading:
    """The report for a parsed document and the pledges taken from it."""
    pages = parsed.pages
    reading = Reading(document, pages)
    by_title: dict[str, ChapterStats] = {}
    for h in parsed.headings:
        stats = ChapterStats(h.title, h.level, h.page, h.found_by)
        reading.chapters.append(stats)
        if h.level == 1:
            by_title.setdefault(h.title, stats)
    for p in pledges:
        stats = by_title.get(p.section)
        if stats is None:
            continue
        if p.kind in (BULLET, GOAL):
            stats.bullets += 1
        elif p.kind == STATEMENT:
            stats.statements += 1
    for removed in parsed.furniture:
        reading.furniture.setdefault(removed.kind, []).append(removed.text)
    reading.repairs = [(r.before, r.after) for r in parsed.repairs]
    reading.suspicious = suspicious_tokens([p.text for p in pledges], text)
    reading.problems = problems(parsed, pledges, text)
    return reading


def suspicious_tokens(texts: list[str], document: str) -> dict[str, list[str]]:
    """Tokens of pledge texts worth a look: digits inside words, single letters that are
    no word, and words that neither the word list nor the rest of the document knows."""
    counts = Counter(w.casefold() for w in _LETTERS.findall(document))
    words = german_words()
    found: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        for token in _TOKEN.findall(text):
            if _DIGIT_IN_WORD.search(token):
                found["digits inside a word"].append(token)
        for word in _LETTERS.findall(text):
            low = word.casefold()
            if len(word) == 1 and low not in _LETTER_WORDS:
                found["one-letter fragment"].append(word)
            elif len(word) > 1 and counts[low] <= 1 and low not in words:
                found["word seen nowhere else"].append(word)
    return dict(found)


def problems(parsed, pledges, text: str) -> list[str]:
    out = []
    pages = parsed.pages or max(1, len(text.split()) // WORDS_PER_PAGE)
    chapters = sum(1 for h in parsed.headings if h.level == 1)
    if pages > LONG_DOCUMENT and chapters < MIN_CHAPTERS:
        out.append(f"{pages} pages but {chapters} chapter(s): chapters were not found")
    for p in pledges:
        digits = _DIGIT_IN_WORD.findall(p.text) or _PAGE_MARK.findall(p.text)
        if digits:
            found = ", ".join(d.strip() for d in digits)
            out.append(f"digits inside a pledge ({found}): " + _short(p.text))
    running = {
        r.text.strip()
        for r in parsed.furniture
        if r.kind in (RUNNING_HEADER, RUNNING_FOOTER) and len(r.text.split()) >= 2
    }
    for line in sorted(running):
        inside = [p for p in pledges if line in p.text]
        if inside:
            out.append(
                f"a running header or footer inside {len(inside)} pledge(s) ({line!r}): "
                + _short(inside[0].text)
            )
    for line, n in recurring_lines(parsed).items():
        inside = [p for p in pledges if line in p.text]
        if len(inside) > 2:
            out.append(
                f"a line on {n} pages is inside {len(inside)} pledges ({line!r}): "
                "a running header the reading missed?"
            )
    return out


def recurring_lines(parsed) -> dict[str, int]:
    """Lines of three or more words that stand on RECURRING or more pages (or, without
    pages, recur that often)."""
    where: dict[str, set] = defaultdict(set)
    for n, (page, line) in enumerate(parsed.lines):
        if len(line.split()) >= 3:
            where[line.strip()].add(page if page is not None else n)
    return {line: len(p) for line, p in where.items() if len(p) >= RECURRING}


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def format_reading(reading: Reading, verbose: bool = False, examples: int = 3) -> str:
    lines = [
        f"== {reading.document}"
        + (f": {reading.pages} pages" if reading.pages else "")
        + f", {reading.chapter_count} chapters"
    ]
    for c in reading.chapters:
        indent = "  " if c.level == 1 else "      "
        where = f"p. {c.page}, " if c.page else ""
        counts = f": {c.bullets} bullets, {c.statements} statements" if c.level == 1 else ""
        lines.append(f"{indent}{c.title} ({where}{c.found_by}){counts}")
    total = sum(len(v) for v in reading.furniture.values())
    lines.append(f"  furniture removed ({total}):")
    for kind, texts in sorted(reading.furniture.items(), key=lambda kv: -len(kv[1])):
        shown = texts if verbose else _distinct(texts)[:examples]
        shown_text = "; ".join(repr(_short(t, 50)) for t in shown)
        lines.append(f"    {kind} ({len(texts)}): {shown_text}")
    repairs = reading.repairs if verbose else reading.repairs[:examples]
    joined = "; ".join(f"{a!r} -> {b!r}" for a, b in repairs) or "–"
    lines.append(f"  words joined ({len(reading.repairs)}): {joined}")
    for kind, tokens in reading.suspicious.items():
        counted = Counter(tokens).most_common(None if verbose else 12)
        listed = ", ".join(f"{t} ({n})" if n > 1 else t for t, n in counted)
        lines.append(f"  suspicious: {kind} ({len(tokens)}): {listed}")
    for problem in reading.problems:
        lines.append(f"  problem: {problem}")
    return "\n".join(lines)


def _distinct(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
