"""The "Im Programm lesen" view: a programme's text as the reading numbered it (table
document_lines), with one pledge marked where it stands. Pure functions; the page is
dashboard/pages.py `programme_page`."""

from __future__ import annotations

import re

from dashboard.views import esc


def _plain(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def pledge_span(lines: list[tuple[int, str]], start: int, text: str) -> tuple[int, int]:
    """The first and last line that hold the pledge's words, from the line it starts on
    (pledges.source_line): its letters and digits are followed line by line."""
    wanted = _plain(text)
    numbers = [n for n, _ in lines]
    if start not in numbers:
        return start, start
    last = start
    for n, line in lines[numbers.index(start) :]:
        here = _plain(line)
        if n == start:
            if wanted in here:
                break
            cut = next((j for j in range(len(wanted), 0, -1) if here.endswith(wanted[:j])), 0)
            wanted = wanted[cut:]
        else:
            if not wanted:
                break
            if not here:
                continue  # a blank line (a page break) inside the pledge
            taken = next((j for j in range(len(wanted), 0, -1) if here.startswith(wanted[:j])), 0)
            if not taken:
                break
            wanted = wanted[taken:]
        last = n
        if not wanted:
            break
    return start, last


_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"\*{1,3}|_{2,3}")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")


def readable(line: str) -> tuple[str, bool]:
    """A line as a reader wants it: without Markdown or HTML markup (the stored line, and
    its number, stay the source's); and whether it is a heading."""
    heading = _HEADING.match(line)
    text = _HEADING.sub("", line) if heading else line
    text = _EMPHASIS.sub("", _TAG.sub("", text))
    return text, bool(heading)


def text_html(lines: list[tuple[int, str]], span: tuple[int, int], title: str) -> str:
    """The whole text, one numbered row per line, the pledge's lines marked; the frame
    scrolls to them. Every row has an anchor (#z57), so a line can be linked."""
    first, last = span
    rows = []
    for n, line in lines:
        text, heading = readable(line)
        body = esc(text) or "&nbsp;"
        if heading:
            body = f"<b>{body}</b>"
        if first <= n <= last:
            body = f"<mark>{body}</mark>"
        rows.append(f'<div class="l" id="z{n}"><span class="n">{n}</span><span>{body}</span></div>')
    return (
        f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        "<style>body{margin:0;font:15px/1.55 sans-serif;color:#1a1a1a}"
        ".l{display:flex;gap:.8em;padding:0 .5em}.n{color:#555;min-width:3em;"
        "text-align:right;user-select:none;font-variant-numeric:tabular-nums}"
        "mark{background:#ffe27a;color:#111;padding:1px 0}</style></head><body>"
        + "".join(rows)
        + f"<script>const hit = document.getElementById('z{first}');"
        "if (hit) hit.scrollIntoView({block: 'center'});</script></body></html>"
    )
