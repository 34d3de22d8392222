"""HTML fragments of the pledge list and the party x topic chart. Every value is escaped."""

from __future__ import annotations

import html
import json

import pandas as pd

from dashboard.strings import t
from etl.kinds import PLEDGE_KINDS

PAGE_SIZE = 50

CSS = """
<style>
.pledge{border-left:6px solid #999;padding:6px 10px;margin:0 0 10px 0;background:#fafafa;
        border-radius:3px}
.pledge .meta{font-size:0.82rem;color:#444;margin-bottom:3px}
.pledge .text{font-size:0.98rem;line-height:1.4}
.pledge .chip{display:inline-block;font-size:0.75rem;background:#e8eef6;color:#123;
              border-radius:9px;padding:1px 8px;margin:4px 4px 0 0}
.pledge .chip.primary{background:#0B5394;color:#fff}
.pledge .reason{font-size:0.8rem;color:#333;margin-top:4px}
.pledge .why{font-size:0.75rem;color:#666}
.pledge .context{font-size:0.85rem;color:#5f5f5f;margin-bottom:2px}
.pledge .chip.c-pruefbar{background:#1b7837;color:#fff}
.pledge .chip.c-allgemein{background:#e7e1ef;color:#3f007d}
.pledge .chip.c-keine{background:#eee;color:#444;border:1px dashed #888}
.pledge .source{font-size:0.78rem;color:#444;margin-top:3px}
</style>
"""

SCREENSHOT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], header, footer {display:none !important}
.block-container {padding:0.5rem 0.8rem !important; max-width:100% !important}
</style>
"""


def esc(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _evidence_words(evidence_json: str, topic_id: str) -> list[str]:
    try:
        return json.loads(evidence_json).get("terms", {}).get(topic_id, [])
    except (TypeError, ValueError):
        return []


def pledge_cards(
    pledges: pd.DataFrame, topic_labels: dict[str, str], link_labels: dict[str, str] | None = None
) -> str:
    """One HTML block for a page of pledges: party colour, topic chips, kind, section,
    document and year, and (for place-specific pledges) the reason of the link."""
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
            f"<div>{commitment_chip(row)}{''.join(chips)}</div>{reason}"
            f'<div class="source">{source_html(row)}</div></div>'
        )
    return "".join(cards)


def commitment_chip(row) -> str:
    """The pledge's commitment class, with the words that decided as its tooltip."""
    value = getattr(row, "commitment", None)
    if not isinstance(value, str):
        return ""
    evidence = getattr(row, "commitment_evidence", "") or ""
    why = t("commitment_why", evidence=evidence) if evidence else t("commitment_why_default")
    return (
        f'<span class="chip c-{esc(value)}" title="{esc(why)}">'
        f"{esc(t('commitment_' + value))}</span>"
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


def source_html(row) -> str:
    label = f"{t('source')}: {row.document}, {source_location(row)}"
    url = source_url(row)
    if url:
        return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(label)}</a>'
    return esc(label)


def topic_party_counts(pledges: pd.DataFrame, topic_labels: dict[str, str]) -> pd.DataFrame:
    """Pledges per primary topic and party (with year and colour): one aggregation shared by
    the table and the chart."""
    if pledges.empty:
        return pd.DataFrame(columns=["topic", "party_year", "color", "n"])
    counts = pledges.groupby(["topic_id", "party", "year", "color"], sort=False).size()
    counts = counts.reset_index(name="n")
    counts["topic"] = counts["topic_id"].map(topic_labels)
    counts["party_year"] = counts["party"] + " " + counts["year"].astype(str)
    return counts


def counts_table(counts: pd.DataFrame, topic_labels: dict[str, str]) -> pd.DataFrame:
    """Topics (rows) by party (columns)."""
    if counts.empty:
        return pd.DataFrame()
    table = counts.set_index(["topic", "party_year"])["n"].unstack(fill_value=0)
    table = table.reindex([label for label in topic_labels.values() if label in table.index])
    table.index.name = t("col_topic")
    table.columns.name = None
    return table


def grouped_bars(
    data: pd.DataFrame, value: str, value_title: str, title: str, topic_labels: dict[str, str]
) -> dict:
    """Horizontal bars per topic, one per party in its colour: a plain Vega-Lite spec
    (building it through altair costs a schema validation on every rerun). `data` has
    columns topic, party_year, color and `value`."""
    colours = data.drop_duplicates("party_year")
    spec = {
        "title": title,
        "mark": "bar",
        "height": {"step": 9},
        "encoding": {
            "y": {
                "field": "topic",
                "type": "nominal",
                "title": None,
                "sort": list(topic_labels.values()),
            },
            "yOffset": {"field": "party_year", "type": "nominal"},
            "x": {"field": value, "type": "quantitative", "title": value_title},
            "color": {
                "field": "party_year",
                "type": "nominal",
                "title": t("col_party"),
                "scale": {"domain": list(colours["party_year"]), "range": list(colours["color"])},
            },
            "tooltip": [
                {"field": "party_year", "type": "nominal", "title": t("col_party")},
                {"field": "topic", "type": "nominal", "title": t("col_topic")},
                {"field": value, "type": "quantitative", "title": value_title},
            ],
        },
    }
    return {"data": data, "spec": spec}


def party_topic_chart(counts: pd.DataFrame, topic_labels: dict[str, str]) -> dict | None:
    """Pledges per party and topic."""
    if counts.empty:
        return None
    return grouped_bars(
        counts[["topic", "party_year", "color", "n"]],
        "n",
        t("col_count"),
        t("chart_title"),
        topic_labels,
    )
