"""Layout repair shared by all parsers: the source's words in the source's order, nothing else.

Only layout is repaired: line-break hyphenation is joined, suspended hyphens
("Handels- und Dienstleistungsunternehmen") stay, glyph debris and markup go,
whitespace is folded.
"""

from __future__ import annotations

import html
import re

BULLET_GLYPHS = "•\ufffd\uf0b7\u25aa\u25cf\u2023\u2043"
# Words that follow a suspended hyphen: "Wasserstoff-<break>und Elektromobilität".
_SUSPENDED_NEXT = {"und", "oder", "bis", "sowie", "als", "wie", "noch", "bzw.", "u."}
_WS = re.compile(r"\s+")


def fold_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


_HYPHEN_RUN = re.compile("[-\u2010\u2011]\u00ad*[\u2010\u2011]|[\u2010\u2011]")
HYPHEN_MARK = "\ufffe"  # PDFium's mark for a hyphen it found at a line end


def normalise_hyphens(line: str) -> str:
    """One hyphen for the glyph variants a text layer mixes ("Arbeitsmarkt-\u00ad\u2010 und",
    U+2010): a soft hyphen or PDFium's hyphen mark at the line's end is a line-break
    hyphen ("-", joined later), elsewhere it is invisible and goes."""
    line = _HYPHEN_RUN.sub("-", line.rstrip())
    if line.endswith(("\u00ad", HYPHEN_MARK)):
        line = line[:-1].rstrip("\u00ad" + HYPHEN_MARK) + "-"
    return line.replace("\u00ad", "").replace(HYPHEN_MARK, "")


def strip_glyphs(text: str) -> str:
    """Drop bullet glyphs and U+FFFD left behind by PDF extraction."""
    return text.translate({ord(c): " " for c in BULLET_GLYPHS})


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines into one paragraph, undoing line-break hyphenation. Pieces are
    collected in a list and joined once: linear in the paragraph's length."""
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if parts:
            previous, glue = _join(parts[-1], line)
            parts[-1] = previous
            parts.append(glue)
        parts.append(line)
    return fold_ws("".join(parts))


def _join(before: str, after: str) -> tuple[str, str]:
    """How a line ends before the next: (the line, the glue). A hyphen ending a line splits
    a word ("Techno-/logiecampus": the hyphen goes), unless it is suspended ("Wasserstoff-/
    und": a space follows) or part of a compound with a capital ("RVR-/Verbandsversammlung":
    it stays, no space)."""
    if not before.endswith("-") or len(before) < 2 or not before[-2].isalpha():
        return before, " "
    first = after.split(" ", 1)[0]
    if first.lower() in _SUSPENDED_NEXT:
        return before, " "
    if first[:1].islower():
        return before[:-1], ""
    return before, ""


_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# link text and target may not contain their own brackets: every attempt stops at the next
# bracket, so a line of thousands of "[" is read in linear time (it took seconds)
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def strip_markdown(text: str) -> str:
    """Markdown inline markup -> plain text (emphasis, escapes, links, HTML tags, entities)."""
    escaped: list[str] = []

    def hold(match: re.Match) -> str:
        escaped.append(match.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPE.sub(hold, text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    for _ in range(3):  # nested emphasis such as ***x*** or **a *b* c**
        new = _EMPHASIS.sub(r"\2", text)
        if new == text:
            break
        text = new
    text = text.replace("**", "")
    text = re.sub(r"\x00(\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return html.unescape(text)


_LOWER_WORDS = {
    "und",
    "oder",
    "für",
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "im",
    "in",
    "ist",
    "nach",
    "mit",
    "von",
    "vom",
    "zu",
    "zum",
    "zur",
    "ein",
    "eine",
    "einer",
    "eines",
    "auf",
    "an",
    "als",
    "bei",
    "aus",
    "über",
    "unter",
    "gegen",
    "ohne",
    "am",
    "um",
}


def title_from_caps(heading: str) -> str:
    """'TALENTE UND INNOVATIONEN' -> 'Talente und Innovationen' (German title style)."""
    words = heading.split()
    out = []
    for n, word in enumerate(words):
        low = word.lower()
        if n and low in _LOWER_WORDS:
            out.append(low)
        else:
            out.append(_capitalise(low))
    return " ".join(out)


def _capitalise(word: str) -> str:
    for i, ch in enumerate(word):
        if ch.isalpha():
            return word[:i] + ch.upper() + word[i + 1 :]
    return word


def is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() or c == "ß" for c in letters)


_C1 = re.compile("[\u0080-\u009f]")


def windows_controls(text: str) -> tuple[str, dict[str, int]]:
    """C1 control characters (U+0080-U+009F) stand for the Windows-1252 characters of the
    same byte in a text that was decoded as Latin-1 ("\u0093Open Data\u0094" is
    "“Open Data”"); the text with them replaced, and how often each was."""
    counts: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        char = match.group(0)
        counts[char] = counts.get(char, 0) + 1
        return bytes([ord(char)]).decode("cp1252", errors="ignore")

    return _C1.sub(replace, text), counts
