"""HTML fragments of the pledge list and the party x topic chart. Every value is escaped."""

from __future__ import annotations

import html
import json

import altair as alt
import pandas as pd

from dashboard.strings import t

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


def pledge_cards(pledges: pd.DataFrame, topic_labels: dict[str, str]) -> str:
    """One HTML block for a page of pledges: party colour, topic chips, kind, section,
    document and year, and (for place-specific pledges) the reason of the link."""
    kinds = {k: t(f"kind_{k}") for k in ("bullet", "goal", "statement")}
    links = {k: t(f"link_{k}") for k in ("explicit", "site", "group")}
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
            reason = (
                f'<div class="reason"><b>{esc(t("reason"))}:</b> {esc(kinds_text)} – '
                f"„{esc(row.evidence)}“</div>"
            )
        cards.append(
            f'<div class="pledge" style="border-left-color:{esc(row.color)}">'
            f'<div class="meta"><b>{esc(row.party)} {esc(row.year)}</b> · '
            f"{esc(kinds.get(row.kind, row.kind))} · {section} · <i>{esc(row.document)}</i></div>"
            f'<div class="text">{esc(row.text)}</div>'
            f"<div>{''.join(chips)}</div>{reason}</div>"
        )
    return "".join(cards)


def counts_table(pledges: pd.DataFrame, topic_labels: dict[str, str]) -> pd.DataFrame:
    """Pledges per topic (rows) and party (columns), primary topic."""
    if pledges.empty:
        return pd.DataFrame()
    table = pledges.assign(topic=pledges["topic_id"].map(topic_labels)).pivot_table(
        index="topic", columns="party", values="pledge_id", aggfunc="count", fill_value=0
    )
    order = [label for label in topic_labels.values() if label in table.index]
    table = table.loc[order]
    table.index.name = t("col_topic")
    table.columns.name = None
    return table


def party_topic_chart(
    pledges: pd.DataFrame, topic_labels: dict[str, str], parties: pd.DataFrame
) -> alt.Chart | None:
    if pledges.empty:
        return None
    data = (
        pledges.assign(
            topic=pledges["topic_id"].map(topic_labels),
            party_year=pledges["party"] + " " + pledges["year"].astype(str),
        )
        .groupby(["topic", "party_year", "color"], as_index=False)["pledge_id"]
        .count()
        .rename(columns={"pledge_id": "n"})
    )
    colours = data.drop_duplicates("party_year")
    return (
        alt.Chart(data, title=t("chart_title"))
        .mark_bar()
        .encode(
            y=alt.Y("topic:N", title=None, sort=list(topic_labels.values())),
            x=alt.X("n:Q", title=t("col_count")),
            yOffset="party_year:N",
            color=alt.Color(
                "party_year:N",
                title=t("col_party"),
                scale=alt.Scale(domain=list(colours["party_year"]), range=list(colours["color"])),
            ),
            tooltip=[
                alt.Tooltip("party_year:N", title=t("col_party")),
                alt.Tooltip("topic:N", title=t("col_topic")),
                alt.Tooltip("n:Q", title=t("col_count")),
            ],
        )
        .properties(height=alt.Step(9))
    )
