"""HTML fragments of the pledge list and the party x topic chart. Every value is escaped."""

from __future__ import annotations

import html
import json
import re
import threading
from collections import Counter, OrderedDict
from string import Template
from urllib.parse import quote

import pandas as pd

from dashboard.strings import t
from etl.kinds import PLEDGE_KINDS

PAGE_SIZE = 20

CSS = """
<style>
.pledge{border-left:6px solid #999;padding:6px 10px;margin:0 0 10px 0;background:#fafafa;
        border-radius:3px;box-sizing:border-box;max-width:100%;overflow-wrap:anywhere}
.pledge .meta{font-size:0.82rem;color:#444;margin-bottom:3px}
.pledge .text{font-size:0.98rem;line-height:1.4}
.pledge .chip{display:inline-block;font-size:0.75rem;background:#e8eef6;color:#123;
              border-radius:9px;padding:1px 8px;margin:4px 4px 0 0}
.pledge .chip.primary{background:#0B5394;color:#fff}
.pledge .reason{font-size:0.8rem;color:#333;margin-top:4px}
.pledge .why{font-size:0.75rem;color:#666}
.pledge .context{font-size:0.85rem;color:#5f5f5f;margin-bottom:2px}
.pledge .chip.c-pruefbar{background:#1b7837;color:#fff}
.pledge details.why{display:inline}
.pledge details.why summary{display:inline-block;list-style:none;cursor:pointer}
.pledge details.why summary::-webkit-details-marker{display:none}
.pledge details.why > span{display:block;margin:2px 0 4px;font-size:0.8rem;color:#333}
.pledge .chip.c-allgemein{background:#e7e1ef;color:#3f007d}
.pledge .chip.c-keine{background:#eee;color:#444;border:1px dashed #888}
.pledge .source{font-size:0.78rem;color:#444;margin-top:3px}
.pledge .chip.checked, .pledge .reason .checked{background:#fff3cd;color:#5c4400;
              border:1px solid #b38600;border-radius:9px;padding:0 7px}
.pledge .auto{font-size:0.72rem;color:#555;margin-left:2px}
.pledge .chip.s-nicht_bewertet{background:#fff;color:#444;border:1px dashed #888}
</style>
"""

# Once per page: no English toolbars on tables and charts, a title that leaves room for the
# map, and captions at 7:1 contrast (Streamlit's grey is about 3.8:1 on white).
_PAGE_CSS = """
<style>
[data-testid="stElementToolbar"] {display:none !important}
.block-container {padding-top:2.2rem !important}
h1 {font-size:1.75rem !important; padding-top:0 !important}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {color:#4a4a4a !important;
  opacity:1 !important}
/* the pickers' empty state says "No results": shown in German instead */
[data-testid="stTable"] {overflow-x:auto}
/* the collapsed sidebar's control says what it opens */
[data-testid="stExpandSidebarButton"]::after {content:"$sidebar_button"; margin-left:4px;
  font-size:14px}
/* phone: the map in the first screen, nothing wider than the screen */
@media (max-width: 640px) {
  .block-container {padding:2.6rem 0.6rem 1rem !important}
  h1 {font-size:1.2rem !important; margin-bottom:0 !important}
  .ruhr-wide-only {display:none !important}
  [data-testid="stElementContainer"]:has(.ruhr-wide-only) {display:none !important}
}
div[role="option"][style*="contents"] > span {display:none !important}
div[role="option"][style*="contents"]::after {content:"$picker_empty"; padding:8px 12px;
  font-size:14px; color:#4a4a4a}
</style>
"""


def page_css() -> str:
    """The page's style, with the words it shows (CSS `content`) from strings.py."""
    words = {"sidebar_button": t("sidebar_button"), "picker_empty": t("picker_empty")}
    return Template(_PAGE_CSS).substitute({k: v.replace('"', "") for k, v in words.items()})


SCREENSHOT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], header, footer {display:none !important}
.block-container {padding:0.5rem 0.8rem !important; max-width:100% !important}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap:0.25rem !important}
[data-testid="stElementContainer"]:has(iframe[height="1"]),
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style:only-child) {display:none}
</style>
"""


# Brackets and "!" as entities: the HTML a page shows through st.markdown can then never
# become a Markdown link or image, whatever a programme or a party's name contains.
_NO_MARKDOWN = str.maketrans({"[": "&#91;", "]": "&#93;", "!": "&#33;", "`": "&#96;"})


def esc(value) -> str:
    """Text for HTML (and for Markdown that carries HTML): escaped, shown as written."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True).translate(_NO_MARKDOWN)


def _evidence_words(evidence_json: str, topic_id: str) -> list[str]:
    try:
        return json.loads(evidence_json).get("terms", {}).get(topic_id, [])
    except (TypeError, ValueError):
        return []


_CARDS: OrderedDict[tuple, str] = OrderedDict()  # rendered pages, shared by all sessions
_CARDS_MAX = 256
_CARDS_LOCK = threading.Lock()


def pledge_cards(
    pledges: pd.DataFrame,
    topic_labels: dict[str, str],
    link_labels: dict[str, str] | None = None,
    version: str = "",
) -> str:
    """One HTML block for a page of pledges, rendered once per page of pledges (and reason
    of the link) and kept in a small bounded cache: a rerun mostly shows the same page.
    `version` is the database's digest: a rebuild keeps pledge ids, not their topics."""
    key = (
        version,
        tuple(pledges["pledge_id"]),
        tuple(pledges["link_types"]) if "link_types" in pledges else (),
        tuple(pledges["evidence"]) if "evidence" in pledges else (),
        tuple(pledges["role"]) if "role" in pledges else (),
        tuple(sorted(topic_labels.items())),
        tuple(sorted((link_labels or {}).items())),
    )
    with _CARDS_LOCK:
        html_text = _CARDS.get(key)
    if html_text is None:
        html_text = _render_cards(pledges, topic_labels, link_labels)
        with _CARDS_LOCK:
            _CARDS[key] = html_text
            while len(_CARDS) > _CARDS_MAX:
                _CARDS.popitem(last=False)
    return html_text


def _render_cards(
    pledges: pd.DataFrame, topic_labels: dict[str, str], link_labels: dict[str, str] | None
) -> str:
    """Party colour, topic chips, kind, section, document and year, commitment class,
    context, source and (for place-specific pledges) the reason of the link."""
    kinds = {k: t(f"kind_{k}") for k in PLEDGE_KINDS}
    links = link_labels or {}
    cards = []
    for row in pledges.itertuples():
        section = esc(row.section) + (f" › {esc(row.subsection)}" if esc(row.subsection) else "")
        chips = []
        for i, topic in enumerate(row.topic_ids):
            words = _evidence_words(row.topic_evidence, topic)
            title = esc(", ".join(words)) if words else ""
            cls = "chip primary" if i == 0 else "chip"
            chips.append(
                f'<span class="{cls}" title="{title}">{esc(topic_labels.get(topic, topic))}</span>'
            )
        reason = ""
        if "link_types" in pledges.columns and isinstance(row.link_types, str):
            kinds_text = ", ".join(links.get(k, k) for k in row.link_types.split(","))
            role = getattr(row, "role", "target")
            why = ""
            if isinstance(role, str) and role != "target":
                detail = getattr(row, "role_evidence", None)
                detail = f": {detail}" if isinstance(detail, str) and detail else ""
                why = f" <i>({esc(t('role_note_' + role) + detail)})</i>"
            reason = (
                f'<div class="reason"><b>{esc(t("reason"))}:</b> {esc(kinds_text)} – '
                f"„{esc(row.evidence)}“{why}</div>"
            )
        context = ""
        if isinstance(getattr(row, "context", None), str) and row.context:
            context = f'<div class="context">{esc(t("context_before"))} „{esc(row.context)}“</div>'
        cards.append(
            f'<div class="pledge" style="border-left-color:{esc(row.color)}">'
            f'<div class="meta"><b>{esc(row.party)} {esc(row.year)}</b> · '
            f"{esc(kinds.get(row.kind, row.kind))} · {section}</div>"
            f'{context}<div class="text">{esc(row.text)}</div>'
            f"<div>{commitment_chip(row)}{''.join(chips)}{provenance_chip(row)}</div>"
            f"{status_line(row)}{reason}"
            f'<div class="source">{source_html(row)}</div></div>'
        )
    return "".join(cards)


def status_line(row) -> str:
    """What became of a pledge of an ended term: its status and, where a person rated it,
    the evidence (title, date, link); nothing for a running term."""
    status = getattr(row, "status", None)
    label = getattr(row, "status_label", None)
    if not isinstance(status, str) or not isinstance(label, str):
        return ""
    evidence = ""
    url = getattr(row, "status_url", None)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        title = getattr(row, "status_title", None) or t("status_evidence")
        day = getattr(row, "status_date", None)
        day = f" ({day.strftime('%d.%m.%Y')})" if hasattr(day, "strftime") else ""
        evidence = (
            f' · <a href="{esc(url)}" target="_blank" rel="noopener">{esc(title)}</a>{esc(day)}'
        )
    history = getattr(row, "status_history", None)  # the status records, newest first
    earlier = ""
    # a list (of the records' structs) where a person rated it; else None, NaN or pd.NA
    history = list(history) if hasattr(history, "__len__") and not isinstance(history, str) else []
    if len(history) > 1:  # append-only: the earlier records stay, with their dates
        items = ", ".join(
            f"{t('status_' + h['status'])} ({h['date'].strftime('%d.%m.%Y')})" for h in history[1:]
        )
        earlier = f' <span class="earlier">· {esc(t("status_earlier", items=items))}</span>'
    return (
        f'<div class="reason"><b>{esc(t("status_heading"))}:</b> '
        f'<span class="chip s-{esc(status)}">{esc(label)}</span>{evidence}{earlier}</div>'
    )


def provenance_chip(row) -> str:
    """Whether a person checked what the card shows ("geprüft", with each decision, what
    the rules had said and why) or the rules alone decided."""
    if not getattr(row, "reviewed", False):
        return f'<span class="auto">{esc(t("found_automatically"))}</span>'
    note = getattr(row, "review_note", None)
    note = note if isinstance(note, str) and note else t("pair_confirmed")
    return (
        f'<details class="why"><summary class="chip checked" title="{esc(note)}">'
        f"{esc(t('reviewed_badge'))}</summary><span>{esc(note)}</span></details>"
    )


def commitment_chip(row) -> str:
    """The pledge's commitment class, with the words that decided as its tooltip."""
    value = getattr(row, "commitment", None)
    if not isinstance(value, str):
        return ""
    evidence = getattr(row, "commitment_evidence", "") or ""
    why = t("commitment_why", evidence=evidence) if evidence else t("commitment_why_default")
    review = getattr(row, "commitment_review", None)
    if isinstance(review, str) and review:  # a person decided: say so, and what the rules said
        before = getattr(row, "commitment_before", None)
        before = t(f"commitment_{before}") if isinstance(before, str) else "–"
        why = t("commitment_why_reviewed", reason=review, before=before, rules=why.rstrip("."))
    # a tap or click opens why (a tooltip alone never shows on touch)
    return (
        f'<details class="why"><summary class="chip c-{esc(value)}" title="{esc(why)}">'
        f"{esc(t('commitment_' + value))}</summary><span>{esc(why)}</span></details>"
    )


def source_location(row) -> str:
    """'S. 4' for a PDF, 'Zeile 120' for text and Markdown."""
    page = getattr(row, "source_page", None)
    if page is not None and not pd.isna(page):
        return t("source_page", n=int(page))
    return t("source_line", n=int(row.source_line))


def source_url(row) -> str | None:
    """The original, at the page for a PDF; only http(s) addresses are linked."""
    url = getattr(row, "url", None)
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        return None
    page = getattr(row, "source_page", None)
    if page is not None and not pd.isna(page) and getattr(row, "format", "") == "pdf":
        return f"{url}#page={int(page)}"
    return url


def reading_link(pledge_id: str) -> str:
    """The app's own view of the programme at the pledge (dashboard/pages.py
    programme_page); relative, so it works on any host."""
    return f"programm?pledge={quote(str(pledge_id), safe='')}"


def source_html(row) -> str:
    """The two source links: "Im Programm lesen" (the text inside the app, the pledge
    marked) and the original where the registry gives its address (a PDF at the page)."""
    label = f"{t('source')}: {row.document}, {source_location(row)}"
    read = (
        f'<a href="{esc(reading_link(row.pledge_id))}" target="_self">'
        f"{esc(t('read_in_programme'))}</a>"
    )
    url = source_url(row)
    if url:
        original = (
            f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
            f"{esc(t('programme_original'))}</a>"
        )
        return f"{esc(label)} · {read} · {original}"
    return f"{esc(label)} · {read}"


# German number format in every chart (decimal comma, thousands point).
GERMAN = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " €"]}


def grouped_bars(
    data: pd.DataFrame,
    value: str,
    value_title: str,
    title: str,
    topic_labels: dict[str, str],
    count: bool = True,
) -> dict:
    """Horizontal bars per topic, one per party in its colour: a plain Vega-Lite spec
    (building it through altair costs a schema validation on every rerun). `data` has
    columns topic, party_year, color and `value`; a count gets whole-number ticks."""
    colours = data.drop_duplicates("party_year")
    axis = {"format": "d", "tickMinStep": 1} if count else {"format": ",.1~f"}
    spec = {
        # no generated ARIA texts (Vega writes them in English: "X-axis titled …"); the
        # chart is described in German, and the same figures are in the table below it
        "config": {"locale": {"number": GERMAN}, "aria": False},
        "description": t("chart_description", title=title),
        "title": title,
        "mark": "bar",
        "height": {"step": 9},
        "encoding": {
            "y": {
                "field": "topic",
                "type": "nominal",
                "title": None,
                "axis": {"labelLimit": 220},
                "sort": list(topic_labels.values()),
            },
            "yOffset": {"field": "party_year", "type": "nominal"},
            "x": {"field": value, "type": "quantitative", "title": value_title, "axis": axis},
            "color": {
                "field": "party_year",
                "type": "nominal",
                "title": t("col_party"),
                "scale": {"domain": list(colours["party_year"]), "range": list(colours["color"])},
            },
            "tooltip": [
                {"field": "party_year", "type": "nominal", "title": t("col_party")},
                {"field": "topic", "type": "nominal", "title": t("col_topic")},
                {
                    "field": value,
                    "type": "quantitative",
                    "title": value_title,
                    "format": axis["format"],
                },
            ],
        },
    }
    return {"data": data, "spec": spec}


BAR_CSS = """
<style>
table.ruhr-bars {border-collapse:collapse;width:100%;max-width:46rem;font-size:0.9rem}
table.ruhr-bars caption {text-align:left;font-weight:600;padding:0 0 6px 0;color:#262730}
table.ruhr-bars th, table.ruhr-bars td {padding:3px 6px;border-bottom:1px solid #e6e6e6;
  text-align:left;vertical-align:middle}
table.ruhr-bars th[scope=col] {font-weight:600;color:#262730}
table.ruhr-bars td .n {display:inline-block;min-width:1.6em;text-align:right;margin-right:6px}
table.ruhr-bars td .bar {display:inline-block;height:0.7em;vertical-align:middle;
  border-radius:2px;max-width:calc(100% - 2.4em)}
@media (max-width: 640px) {table.ruhr-bars {font-size:0.82rem}
  table.ruhr-bars th, table.ruhr-bars td {padding:3px 3px}}
</style>
"""


def topic_bars(pledges: pd.DataFrame, topic_labels: dict[str, str]) -> str | None:
    """Pledges per primary topic and party as an HTML table with a bar in each cell: the
    numbers are the text (screen readers, copy and paste), the bars the picture. Counted
    in plain Python: a few hundred rows, on every filter change (pandas took ~13 ms)."""
    if pledges.empty:
        return None
    columns = ("topic_id", "party", "year", "color")
    rows = list(zip(*(pledges[c] for c in columns), strict=True))
    counts = Counter((topic, f"{party} {year}") for topic, party, year, _ in rows)
    colours = {f"{party} {year}": colour for _, party, year, colour in rows}
    parties = sorted(colours)
    topics = [x for x in topic_labels if any(counts[(x, p)] for p in parties)]
    top = max(1, *counts.values())
    head = "".join(f'<th scope="col">{esc(p)}</th>' for p in parties)
    body = []
    for topic in topics:
        cells = []
        for party in parties:
            n = counts[(topic, party)]
            bar = (
                f'<span class="bar" style="width:{100 * n / top:.0f}%;'
                f'background:{esc(colours[party])}" aria-hidden="true"></span>'
                if n
                else ""
            )
            cells.append(f'<td><span class="n">{n}</span>{bar}</td>')
        label = esc(topic_labels[topic])
        body.append(f'<tr><th scope="row">{label}</th>{"".join(cells)}</tr>')
    return (
        f'{BAR_CSS}<table class="ruhr-bars"><caption>{esc(t("chart_title"))}</caption>'
        f'<thead><tr><th scope="col">{esc(t("col_topic"))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def link_labels(ref: dict) -> dict[str, str]:
    """German labels of the link types, from the data (geo/link_types.csv)."""
    return dict(zip(ref["link_types"]["link_type"], ref["link_types"]["label"], strict=True))


def topic_labels(ref: dict) -> dict[str, str]:
    """German labels of the topics, in their order (data/topics.csv)."""
    return dict(zip(ref["topics"]["topic_id"], ref["topics"]["label"], strict=True))


def party_name(party) -> str:
    """'RuhrSPD (2020)': a party with the years of its programmes, as every view names it."""
    return f"{party.name} ({', '.join(map(str, party.years))})"


_PLAIN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def with_plain_spelling(name: str) -> str:
    """'Mülheim an der Ruhr (Muelheim an der Ruhr)': the picker's search then finds
    'Mulheim' and 'Muelheim' too (it matches letters in order, not umlaut spellings)."""
    plain = name.translate(_PLAIN)
    return name if plain == name else f"{name} ({plain})"


_MARKDOWN = re.compile(r"([\\`*_\[\]!<>#|~$])")  # enough that no link, image or emphasis forms
# A bare address (http://…, www.…, name@host) becomes a link after the Markdown is read
# (GFM's autolink literals, which no escape stops): an invisible word joiner where the
# address starts keeps it text.
_BARE_ADDRESS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"


def md_escape(value) -> str:
    """Text (a party's name, a title, an address's key) in a place Streamlit reads as
    Markdown (metric and expander labels, headings, table headers, notices): shown as
    written, never run as Markdown and never linked."""
    return _MARKDOWN.sub(r"\\\1", _BARE_ADDRESS.sub(WORD_JOINER, str(value)))


def decimal(value: float, places: int = 2) -> str:
    """German decimal comma: 0,35."""
    return f"{value:.{places}f}".replace(".", ",")
