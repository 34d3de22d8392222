"""The source registry (data/sources.toml): which programmes exist and how to read them."""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from etl import patterns
from etl.datafiles import read_toml
from etl.errors import BuildError

REQUIRED = ("id", "party_id", "party_name", "party_color", "year", "title", "format", "file")
OPTIONAL = (
    "url",
    "election",
    "self_names",
    "skip_sections",
    "back_matter",
    "lost_headings",
    "goal_heading",
    "skip_pages",
    "furniture",
    "term_start",
    "term_end",
)
FORMATS = ("pdf-text", "markdown", "pdf", "html", "text")
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class LostHeading:
    title: str
    starts_with: str


@dataclass(frozen=True)
class Source:
    id: str
    party_id: str
    party_name: str
    party_color: str
    year: int
    title: str
    format: str
    path: Path
    url: str | None = None
    election: str | None = None
    self_names: tuple[str, ...] = ()
    skip_sections: tuple[str, ...] = ()
    back_matter: str | None = None
    lost_headings: tuple[LostHeading, ...] = ()
    goal_heading: str | None = None
    skip_pages: tuple[int, ...] = ()  # PDF pages that are not programme text (1-based)
    furniture: tuple[str, ...] = ()  # patterns of lines that are page furniture
    term_end: datetime.date | None = None  # the term the programme was for ended then
    term_start: datetime.date | None = None  # and began then: council papers from then on

    @property
    def source_file(self) -> str:
        return self.path.name

    @property
    def furniture_patterns(self) -> tuple[re.Pattern, ...]:
        return tuple(patterns.compile(p) for p in self.furniture)


REGISTRY_KEYS = ("document",)  # the registry's top level: one [[document]] per programme


def load_registry(path: Path) -> list[Source]:
    """Read and validate the registry; every problem names the file and the entry."""
    path = Path(path)
    raw = read_toml(path, "registry file")
    for key in raw:
        if key not in REGISTRY_KEYS:  # a typo would silently leave a programme out
            close = difflib.get_close_matches(key, REGISTRY_KEYS, n=1)
            hint = f" (did you mean [[{close[0]}]]?)" if close else ""
            raise BuildError(path, f"unknown top-level key or table {key!r}{hint}")
    entries = raw.get("document")
    if not isinstance(entries, list) or not entries:
        raise BuildError(path, "no [[document]] entries")
    sources: list[Source] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        sources.append(_source(path, n, entry, seen))
    return sources


def _source(path: Path, n: int, entry: dict, seen: set[str]) -> Source:
    label = f"document #{n}" + (f" ({entry['id']})" if "id" in entry else "")

    def fail(problem: str) -> BuildError:
        return BuildError(path, f"{label}: {problem}")

    _check_identity(entry, seen, fail)
    _check_types(entry, fail)
    pages = entry.get("skip_pages", [])
    furniture = entry.get("furniture", [])
    _check_reading_options(pages, furniture, fail)
    root = path.parent.resolve()
    try:
        file = (path.parent / entry["file"]).resolve()  # symlinks followed
        file.is_file()  # a name the system refuses (too long) fails here, not later
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop; a NUL byte
        raise fail(f"file {entry['file'][:80]!r} cannot be opened ({_reason(exc)})") from None
    if not file.is_relative_to(root):
        raise fail(f"file must lie inside {root} (the registry's data folder)")
    return Source(
        id=entry["id"],
        party_id=entry["party_id"],
        party_name=entry["party_name"],
        party_color=entry["party_color"].upper(),
        year=entry["year"],
        title=entry["title"],
        format=entry["format"],
        path=file,
        url=entry.get("url"),
        election=entry.get("election"),
        self_names=tuple(entry.get("self_names", ())),
        skip_sections=tuple(entry.get("skip_sections", ())),
        back_matter=entry.get("back_matter"),
        lost_headings=_lost_headings(entry, fail),
        goal_heading=entry.get("goal_heading"),
        skip_pages=tuple(pages),
        furniture=tuple(furniture),
        term_end=entry.get("term_end"),
        term_start=entry.get("term_start"),
    )


def _check_identity(entry: dict, seen: set[str], fail) -> None:
    unknown = [key for key in entry if key not in REQUIRED + OPTIONAL]
    if unknown:
        raise fail(
            "unknown key "
            + ", ".join(repr(k) for k in unknown)
            + " (a typo? known: "
            + ", ".join(REQUIRED + OPTIONAL)
            + ")"
        )
    missing = [key for key in REQUIRED if entry.get(key) in (None, "")]
    if missing:
        raise fail("missing required field " + ", ".join(repr(m) for m in missing))
    for key in ("id", "party_id"):
        if not isinstance(entry[key], str) or not _ID.fullmatch(entry[key]):
            raise fail(f"{key} must be lower-case letters, digits, '-' or '_'")
    if entry["id"] in seen:
        raise fail("duplicate id")
    seen.add(entry["id"])


def _check_types(entry: dict, fail) -> None:
    year = entry["year"]
    if not isinstance(year, int) or isinstance(year, bool) or not 1946 <= year <= 2100:
        raise fail("year must be a year between 1946 and 2100")
    if not isinstance(entry["party_color"], str) or not _COLOR.fullmatch(entry["party_color"]):
        raise fail("party_color must look like #RRGGBB")
    for key in ("party_name", "title", "format", "url", "election", "back_matter", "goal_heading"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"{key} must be text")
    for key in ("self_names", "skip_sections"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key} must be a list of text")
    if entry["format"] not in FORMATS:
        raise fail(f"unknown format {entry['format']!r} (known: {', '.join(FORMATS)})")
    if not isinstance(entry["file"], str):
        raise fail("file must be text (a path below the registry's folder)")
    for key in ("term_start", "term_end"):
        day = entry.get(key)
        if day is not None and (type(day) is not datetime.date or not 1946 <= day.year <= 2100):
            raise fail(f"{key} must be a date like 2025-11-28 (no quotes, no time)")
    start, end = entry.get("term_start"), entry.get("term_end")
    if start is not None and (end is None or start >= end):
        raise fail("term_start needs a later term_end (the term the programme was for)")


def _reason(exc: Exception) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _check_reading_options(pages, furniture, fail) -> None:
    if not isinstance(pages, list) or not all(
        isinstance(p, int) and not isinstance(p, bool) and p >= 1 for p in pages
    ):
        raise fail("skip_pages must be a list of page numbers (1, 2, ...)")
    if not isinstance(furniture, list) or not all(isinstance(p, str) for p in furniture):
        raise fail("furniture must be a list of regular expressions")
    for pattern in furniture:
        try:
            patterns.compile(pattern)
        except patterns.PatternError as exc:
            raise fail(f"furniture pattern {pattern!r} is refused: {exc}") from None
        except re.error as exc:
            problem = f"furniture pattern {pattern!r} is not a regular expression ({exc})"
            raise fail(problem) from None


def _lost_headings(entry: dict, fail) -> tuple[LostHeading, ...]:
    items = entry.get("lost_headings", [])
    if not isinstance(items, list):
        items = [items]
    lost = []
    for item in items:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("title", "starts_with")
        ):
            raise fail("lost_headings must be a list of tables with title and starts_with")
        lost.append(LostHeading(item["title"], item["starts_with"]))
    return tuple(lost)


@dataclass(frozen=True)
class Document:
    """A programme as read from its file: what its parser takes (the text, or for a PDF
    its lines with their layout) and its text, for the digest and the reading reports."""

    content: object
    text: str


def read_text(source: Source) -> str:
    """The document's text; missing, non-UTF-8 and empty files are build errors."""
    return read_document(source).text


def read_document(source: Source) -> Document:
    if not source.path.is_file():
        raise BuildError(source.path, f"file not found (registry entry {source.id})")
    if source.format == "pdf":
        from etl.parse.pdf import read_pdf
        from etl.parse.pdfdoc import document_text

        pdf = read_pdf(source.path)
        text = document_text(pdf)
        check_text(source.path, text)
        return Document(pdf, text)
    data = source.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildError(
            source.path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
        ) from None
    if not text.strip():
        raise BuildError(source.path, "empty document")
    if source.format == "html":
        text = _html_without_head_nul(text)
    check_text(source.path, text)
    return Document(text, text)


def _html_without_head_nul(text: str) -> str:
    """Word-processor exports leave NUL bytes in empty <title> and <meta> fields; before
    <body> they are dropped (HTML parsers drop them too). In the body a NUL stays an error."""
    body = text.lower().find("<body")
    if body < 0:
        return text
    return text[:body].replace("\x00", "") + text[body:]


MAX_LINE = 20_000  # characters; a programme's longest line is a few hundred


def check_text(path: Path, text: str) -> None:
    """Text the parsers can take in linear time: no NUL bytes, no line of runaway length."""
    nul = text.find("\x00")
    if nul >= 0:
        raise BuildError(path, f"NUL byte at offset {nul} (not a text file?)")
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise BuildError(path, f"line {number} is longer than {MAX_LINE} characters")
