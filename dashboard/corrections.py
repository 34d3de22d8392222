"""The "Korrekturen" page: every change a person made to what the rules decided (table
`reviews`), newest first, with what it was before, the reason, the reviewer and the
source, as a fact checker's corrections page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, views
from dashboard.session import Context, current_filters
from dashboard.strings import t
from etl.kinds import (
    COMMITMENT_FIELD,
    PAIR_FIELD,
    PAIR_VERDICTS,
    PLACE_FIELD,
    ROLES,
    TOPIC_FIELD,
)

PAIR_LEVELS = {"common": "level_common", "possible": "review_pair_possible", "weak": "level_weak"}


def corrections_page(ctx: Context) -> None:
    st.header(t("corrections_title"))
    st.caption(t("corrections_intro"))
    changes = data.query(ctx.db, ctx.digest, "corrections", current_filters().without_notes())
    if changes.empty:
        st.info(t("corrections_none"))
        return
    st.markdown(views.CSS + correction_cards(changes, ctx.topic_labels), unsafe_allow_html=True)


def shown(field: str, value, topic_labels: dict[str, str]) -> str:
    """A record's value (or what the rules had said) in the words of the page."""
    if field == PAIR_FIELD:
        if value in PAIR_VERDICTS:
            return t(f"review_pair_{value}")
        return t(PAIR_LEVELS[value]) if value in PAIR_LEVELS else t("level_none")
    if not isinstance(value, str) or not value:
        return "–"
    if field == COMMITMENT_FIELD:
        return t(f"commitment_{value}")
    if field == TOPIC_FIELD:
        return topic_labels.get(value, value)
    if field == PLACE_FIELD:
        return t(f"x_role_{value}") if value in ROLES else t("review_link_removed")
    return value


def correction_cards(changes: pd.DataFrame, topic_labels: dict[str, str]) -> str:
    """One card per applied record: date, party, the pledge's words (a pair's other
    pledge too), before and now, reason, reviewer and source."""
    esc = views.esc
    cards = []
    for row in changes.itertuples():
        day = row.date.strftime("%d.%m.%Y") if hasattr(row.date, "strftime") else str(row.date)
        meta = f"<b>{esc(day)}</b> · {esc(row.party)} · {esc(t(f'review_field_{row.field}'))}"
        other = ""
        if row.field == PAIR_FIELD and isinstance(row.target_text, str):
            other = f'<div class="context">{esc(t("review_other"))}: „{esc(row.target_text)}“</div>'
        change = ""
        if row.field != "not_a_pledge":
            before = esc(shown(row.field, row.before, topic_labels))
            after = esc(shown(row.field, row.value, topic_labels))
            change = (
                f"<div><b>{esc(t('corrections_before'))}:</b> {before} · "
                f"<b>{esc(t('corrections_after'))}:</b> {after}</div>"
            )
        source = ""
        if isinstance(row.source_url, str) and row.source_url.startswith(("http://", "https://")):
            source = (
                f' · <a href="{esc(row.source_url)}" target="_blank" rel="noopener">'
                f"{esc(t('corrections_source'))}</a>"
            )
        cards.append(
            f'<div class="pledge" style="border-left-color:{esc(row.color)}">'
            f'<div class="meta">{meta}</div><div class="text">{esc(row.text)}</div>{other}'
            f'{change}<div class="reason"><b>{esc(t("corrections_by"))}:</b> '
            f"{esc(row.reason)} ({esc(row.reviewer)}){source}</div></div>"
        )
    return "".join(cards)
