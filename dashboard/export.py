"""Downloads rendered on the server: the map as PNG/PDF (matplotlib + geopandas, no
browser), and the filtered pledges as CSV and Excel."""

from __future__ import annotations

import io

import pandas as pd

from dashboard import style, views
from dashboard.strings import t
from etl.kinds import PLEDGE_KINDS

A4_LANDSCAPE = (11.69, 8.27)
PNG_DPI = 150


def static_map(
    geo: dict,
    colouring: style.Colouring,
    sites: pd.DataFrame,
    title: str,
    subtitle: str,
    fmt: str = "png",
    selected: str | None = None,
    site: str | None = None,
) -> bytes:
    """The map as PNG or PDF bytes (see static_figure); title, filters and the selected
    town are also in the file's metadata."""
    import matplotlib.pyplot as plt

    fig = static_figure(geo, colouring, sites, title, subtitle, selected, site)
    try:
        buffer = io.BytesIO()
        metadata = _metadata(fmt, title, subtitle, _town_name(geo, selected))
        fig.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata)
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _town_name(geo: dict, ags: str | None) -> str:
    for feature in geo["municipalities"]["features"]:
        if feature["properties"]["ags"] == ags:
            return feature["properties"]["name"]
    return ""


ZOOM_MARGIN = 6000  # metres around a selected town
NEAR_MARKER = 2500  # a town name closer than this to a marker moves below it


def static_figure(
    geo: dict,
    colouring: style.Colouring,
    sites: pd.DataFrame,
    title: str,
    subtitle: str,
    selected: str | None = None,
    site: str | None = None,
):
    """A print-ready A4 map: choropleth, names, Kreis borders, outline, sites, legend,
    title with the active filters and the data attribution. A selected town is outlined,
    named in bold and zoomed to, with the whole region in an inset; a selected site is
    ringed."""
    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.patheffects as effects
    import matplotlib.pyplot as plt
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    crs = "EPSG:25832"  # UTM 32N: true proportions for NRW
    towns = gpd.GeoDataFrame.from_features(geo["municipalities"]["features"], crs=4326).to_crs(crs)
    kreise = gpd.GeoDataFrame.from_features(geo["kreise"]["features"], crs=4326).to_crs(crs)
    outline = gpd.GeoDataFrame.from_features(geo["outline"]["features"], crs=4326).to_crs(crs)
    towns["fill"] = [colouring.fills.get(a, style.NO_DATA) for a in towns["ags"]]

    points = None
    if len(sites):
        points = gpd.GeoDataFrame(
            sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326
        ).to_crs(crs)
    fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
    towns.plot(ax=ax, color=towns["fill"], edgecolor=style.MUNICIPALITY_LINE, linewidth=0.5)
    kreise.boundary.plot(ax=ax, color=style.KREIS_LINE, linewidth=1.4)
    outline.boundary.plot(ax=ax, color=style.OUTLINE_LINE, linewidth=2.4)
    dashed = towns[towns["ags"].isin(colouring.dashed) & (towns["ags"] != selected)]
    if len(dashed):  # counted only through their features (thematic), as on the live map
        dashed.boundary.plot(
            ax=ax, color=style.THEMATIC_LINE, linewidth=1.3, linestyle=(0, (4, 3)), zorder=3
        )
    chosen = towns[towns["ags"] == selected] if selected else towns.iloc[0:0]
    if len(chosen):
        chosen.boundary.plot(ax=ax, color=style.SELECTED_LINE, linewidth=3, zorder=4)
    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    for row in towns.itertuples():
        point = row.geometry.representative_point()
        near = points is not None and points.distance(point).min() < NEAR_MARKER
        is_chosen = row.ags == selected
        ax.annotate(
            row.name,
            (point.x, point.y),
            xytext=(0, -11 if near else 0),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=9 if is_chosen else 6.3,
            weight="bold" if is_chosen else "normal",
            color="#111111",
            path_effects=halo,
            zorder=7 if is_chosen else 3,
            annotation_clip=True,
        )
    labels_extra: list[str] = []
    handles = [
        Patch(facecolor=colour, edgecolor="#999999", label=label)
        for colour, label in colouring.legend
    ]
    handles += [
        Line2D([], [], color=style.KREIS_LINE, linewidth=1.4, label=t("legend_kreis")),
        Line2D([], [], color=style.OUTLINE_LINE, linewidth=2.4, label=t("legend_outline")),
    ]
    if colouring.dashed:
        handles.append(
            Line2D(
                [],
                [],
                color=style.THEMATIC_LINE,
                linewidth=1.3,
                linestyle=(0, (4, 3)),
                label=t("legend_dashed"),
            )
        )
    if points is not None:
        if site and (points["site_id"] == site).any():
            ring = points[points["site_id"] == site]
            ax.scatter(
                ring.geometry.x,
                ring.geometry.y,
                s=260,
                facecolor="none",
                edgecolor=style.SELECTED_LINE,
                linewidth=2.2,
                zorder=6,
            )
        for _kind, group in points.groupby("kind"):
            letter, colour, label = group.iloc[0][["letter", "color", "kind_label"]]
            ax.scatter(
                group.geometry.x,
                group.geometry.y,
                s=70,
                color=colour,
                edgecolor="white",
                linewidth=1.2,
                zorder=5,
            )
            for geom in group.geometry:
                ax.annotate(
                    letter,
                    (geom.x, geom.y),
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    color="white",
                    weight="bold",
                    zorder=6,
                )
            dot = Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor="white",
            )
            glyph = Line2D(
                [],
                [],
                marker=f"${letter}$",
                linestyle="",
                markersize=5,
                markerfacecolor="white",
                markeredgecolor="white",
            )
            handles.append((dot, glyph))  # the marker as on the map: letter in the dot
            labels_extra.append(label)
    labels = [h.get_label() for h in handles if not isinstance(h, tuple)] + labels_extra
    ax.legend(
        handles=handles,
        labels=labels,
        handler_map={tuple: HandlerTuple(ndivide=1)},
        title=colouring.title,
        loc="lower left",
        fontsize=7.5,
        title_fontsize=8.5,
        frameon=True,
        framealpha=0.95,
    )
    ax.set_title(f"{title}\n{subtitle}", fontsize=12, loc="left")
    ax.set_axis_off()
    if not any(c != style.ZERO for c in colouring.fills.values()):
        ax.text(
            0.5,
            0.55,
            t("map_empty"),
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            wrap=True,
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "#999999"},
        )
    fig.tight_layout()
    if len(chosen):  # after the layout: the zoom keeps the axes' proportions
        _zoom_with_inset(ax, fig, chosen, towns, outline)
    fig.text(
        0.99, 0.01, t("attribution_bkg"), ha="right", va="bottom", fontsize=6.5, color="#444444"
    )
    return fig


def _zoom_with_inset(ax, fig, chosen, towns, outline) -> None:
    """Zoom to the selected town (keeping the page's proportions) and show the whole
    region in a small map at the top right, the town filled in red."""
    minx, miny, maxx, maxy = chosen.total_bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    width = max(maxx - minx, maxy - miny) + 2 * ZOOM_MARGIN
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    aspect = (y1 - y0) / (x1 - x0)
    half_w = max(width, width / aspect) / 2
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_w * aspect, cy + half_w * aspect)
    inset = fig.add_axes([0.76, 0.68, 0.22, 0.2])
    towns.plot(ax=inset, color="#f2f2f2", edgecolor="#bbbbbb", linewidth=0.3)
    outline.boundary.plot(ax=inset, color=style.OUTLINE_LINE, linewidth=1)
    chosen.plot(ax=inset, color=style.SELECTED_LINE)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_facecolor("white")
    for spine in inset.spines.values():
        spine.set_edgecolor("#777777")
    inset.set_title(t("inset_title"), fontsize=7)


def _metadata(fmt: str, title: str, subtitle: str = "", town: str = "") -> dict:
    """Title and filters in the file, so a report can say what it shows."""
    if fmt == "pdf":
        return {"Title": title, "Subject": subtitle, "Creator": "Ruhr pledge map"}
    meta = {"Title": title, "Description": subtitle}
    if town:
        meta["Kommune"] = town
    return meta


TOPIC_SEPARATOR = " | "  # never in a topic label ("Wohnen & Quartiere", "Bildung, …")


def pledge_table(pledges: pd.DataFrame, topic_labels: dict[str, str]) -> pd.DataFrame:
    """The filtered pledges with German column names, as exported."""
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
            t("x_context"): pledges["context"],
            t("x_text"): pledges["text"],
            t("x_source_line"): pledges["source_line"],
            t("x_source_page"): pledges["source_page"].astype("Int64"),
            t("x_url"): [views.source_url(row) for row in pledges.itertuples()],
        }
    )
    if "evidence" in pledges:
        table[t("x_places")] = pledges["evidence"]
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
