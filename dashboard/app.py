"""Streamlit entry point (placeholder until the dashboard issue): counts from the database."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # Streamlit puts dashboard/, not the repo root, on sys.path
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard.strings import t  # noqa: E402
from etl import paths  # noqa: E402

st.set_page_config(page_title=t("page_title"), layout="wide")
st.title(t("title"))
st.write(t("intro"))

if not paths.DEFAULT_DB.exists():
    from etl.build import build

    with st.spinner(t("building")):
        build(paths.DEFAULT_DB)

con = duckdb.connect(str(paths.DEFAULT_DB), read_only=True)
st.subheader(t("pledges_per_party"))
st.dataframe(
    con.execute(
        "SELECT pa.name, d.year, count(*) FROM pledges p JOIN parties pa USING (party_id) "
        "JOIN documents d USING (document_id) GROUP BY ALL ORDER BY 1"
    )
    .df()
    .set_axis([t("col_party"), t("col_year"), t("col_count")], axis=1),
    hide_index=True,
)
st.subheader(t("pledges_per_topic"))
st.dataframe(
    con.execute(
        "SELECT tp.label, count(*) FROM pledges p JOIN topics tp USING (topic_id) "
        "GROUP BY ALL ORDER BY 2 DESC"
    )
    .df()
    .set_axis([t("col_topic"), t("col_count")], axis=1),
    hide_index=True,
)
con.close()
