"""The filtered pledges as CSV and Excel, with German column names. The map's exports:
dashboard/export_map.py (PNG, PDF) and dashboard/export_html.py (HTML)."""

from __future__ import annotations

import io

import pandas as pd

from dashboard import views
from dashboard.strings import t
from etl.kinds import PLEDGE_KINDS

TOPIC_SEPARATOR = " | "  # never in a topic label ("Wohnen & Quartiere", "Bildung, …")


def pledge_table(
    pledges: pd.DataFrame,
    topic_labels: dict[str, str],
    link_labels: dict[str, str] | None = None,
    app_url: str = "",
) -> pd.DataFrame:
    """The filtered pledges with German column names, as exported. `app_url`: the app's
    address, for each pledge's "Im Programm lesen" link (absolute, so it works from a
    spreadsheet)."""
    link_labels = link_labels or {}
    kinds = {k: t(f"kind_{k}") for k in PLEDGE_KINDS}
    table = pd.DataFrame(
        {
            t("x_pledge_id"): pledges["pledge_id"],
            t("x_party"): pledges["party"],
            t("x_year"): pledges["year"],
            t("x_document"): pledges["document"],
            t("x_section"): pledges["section"],
            t("x_subsection"): pledges["subsection"],
            t("x_kind"): pledges["kind"].map(kinds),
            t("x_topic"): pledges["topic_id"].map(topic_labels),
            t("x_topics"): [
                TOPIC_SEPARATOR.join(topic_labels.get(x, x) for x in ids)
                for ids in pledges["topic_ids"]
            ],
            t("x_commitment"): pledges["commitment"].map(lambda c: t(f"commitment_{c}")),
            t("x_commitment_evidence"): pledges["commitment_evidence"],
            t("x_reviewed"): [
                t("yes") if bool(x) else t("no")
                for x in pledges.get("reviewed", pd.Series(False, index=pledges.index))
            ],
            t("x_review_note"): pledges.get("review_note", pd.Series(None, index=pledges.index)),
            t("x_status"): pledges.get("status_label", pd.Series(None, index=pledges.index)),
            t("x_status_url"): pledges.get("status_url", pd.Series(None, index=pledges.index)),
            t("x_status_date"): pledges.get("status_date", pd.Series(None, index=pledges.index)),
            t("x_context"): pledges["context"],
            t("x_text"): pledges["text"],
            t("x_source_line"): pledges["source_line"],
            t("x_source_page"): pledges["source_page"].astype("Int64"),
            t("x_read"): [app_url + views.reading_link(pid) for pid in pledges["pledge_id"]],
            t("x_url"): [views.source_url(row) for row in pledges.itertuples()],
        }
    )
    if "evidence" in pledges:
        table[t("x_places")] = pledges["evidence"]
    if "link_types" in pledges:
        table[t("x_link_types")] = [
            TOPIC_SEPARATOR.join(link_labels.get(k, k) for k in kinds.split(","))
            if isinstance(kinds, str)
            else ""
            for kinds in pledges["link_types"]
        ]
    if "role" in pledges:
        table[t("x_role")] = [
            t(f"x_role_{r}") if isinstance(r, str) else t("x_role_region") for r in pledges["role"]
        ]
    return table


def to_csv(table: pd.DataFrame) -> bytes:
    """As German Excel opens it: semicolons, decimal commas, UTF-8 with BOM (umlauts)."""
    return defused(table).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_excel(table: pd.DataFrame) -> bytes:
    """Text cells are written as text, never as formulas (and carry the CSV's guard)."""
    buffer = io.BytesIO()
    safe = defused(table)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name="Versprechen")
        for row in writer.sheets["Versprechen"].iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    return buffer.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: CSV injection


def defused(table: pd.DataFrame) -> pd.DataFrame:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    table = table.copy()
    for column in table.columns:
        if pd.api.types.is_object_dtype(table[column]) or pd.api.types.is_string_dtype(
            table[column]
        ):
            table[column] = [
                f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_START) else v
                for v in table[column]
            ]
    return table


def notice_file(fmt: str) -> bytes:
    """A file of the format asked for that carries one German sentence: what a download
    button delivers when making its file failed (Streamlit would show its own English
    message, and the visitor would not know what to do)."""
    sentence = t("export_failed")
    if fmt in ("png", "pdf"):
        from PIL import Image, ImageDraw, ImageFont

        image = Image.new("RGB", (1400, 240), "white")
        font = ImageFont.load_default(size=30)
        lines = sentence.replace(". ", ".\n")  # one sentence a line
        ImageDraw.Draw(image).multiline_text((40, 70), lines, fill="black", font=font, spacing=16)
        buffer = io.BytesIO()
        image.save(buffer, format=fmt.upper())
        return buffer.getvalue()
    if fmt == "xlsx":
        return to_excel(pd.DataFrame({t("x_notice"): [sentence]}))
    if fmt == "html":
        page = f'<!doctype html><html lang="de"><meta charset="utf-8"><p>{sentence}</p></html>'
        return page.encode()
    return (sentence + "\n").encode("utf-8-sig")  # csv
