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
) -> bytes:
    """The map as PNG or PDF bytes (see static_figure)."""
    import matplotlib.pyplot as plt

    fig = static_figure(geo, colouring, sites, title, subtitle)
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=_metadata(fmt, title))
        return buffer.getvalue()
    finally:
        plt.close(fig)


def static_figure(
    geo: dict, colouring: style.Colouring, sites: pd.DataFrame, title: str, subtitle: str
):
    """A print-ready A4 map: choropleth, names, Kreis borders, outline, sites, legend,
    title with the active filters and the data attribution."""
    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.patheffects as effects
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    crs = "EPSG:25832"  # UTM 32N: true proportions for NRW
    towns = gpd.GeoDataFrame.from_features(geo["municipalities"]["features"], crs=4326).to_crs(crs)
    kreise = gpd.GeoDataFrame.from_features(geo["kreise"]["features"], crs=4326).to_crs(crs)
    outline = gpd.GeoDataFrame.from_features(geo["outline"]["features"], crs=4326).to_crs(crs)
    towns["fill"] = [colouring.fills.get(a, style.NO_DATA) for a in towns["ags"]]

    fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
    towns.plot(ax=ax, color=towns["fill"], edgecolor=style.MUNICIPALITY_LINE, linewidth=0.5)
    kreise.boundary.plot(ax=ax, color=style.KREIS_LINE, linewidth=1.4)
    outline.boundary.plot(ax=ax, color=style.OUTLINE_LINE, linewidth=2.4)
    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    for row in towns.itertuples():
        point = row.geometry.representative_point()
        ax.annotate(
            row.name,
            (point.x, point.y),
            ha="center",
            va="center",
            fontsize=6.3,
            color="#111111",
            path_effects=halo,
        )
    handles = [
        Patch(facecolor=colour, edgecolor="#999999", label=label)
        for colour, label in colouring.legend
    ]
    handles += [
        Line2D([], [], color=style.KREIS_LINE, linewidth=1.4, label=t("legend_kreis")),
        Line2D([], [], color=style.OUTLINE_LINE, linewidth=2.4, label=t("legend_outline")),
    ]
    if len(sites):
        points = gpd.GeoDataFrame(
            sites, geometry=gpd.points_from_xy(sites["lon"], sites["lat"]), crs=4326
        ).to_crs(crs)
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
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=7,
                    markerfacecolor=colour,
                    markeredgecolor="white",
                    label=f"{letter} {label}",
                )
            )
    ax.legend(
        handles=handles,
        title=colouring.title,
        loc="lower left",
        fontsize=7.5,
        title_fontsize=8.5,
        frameon=True,
        framealpha=0.95,
    )
    ax.set_title(f"{title}\n{subtitle}", fontsize=12, loc="left")
    ax.set_axis_off()
    fig.text(
        0.99, 0.01, t("attribution_bkg"), ha="right", va="bottom", fontsize=6.5, color="#444444"
    )
    fig.tight_layout()
    return fig


def _metadata(fmt: str, title: str) -> dict:
    if fmt == "pdf":
        return {"Title": title, "Creator": "Ruhr pledge map"}
    return {"Title": title}


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
                ", ".join(topic_labels.get(x, x) for x in ids) for ids in pledges["topic_ids"]
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
    return table.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel reads umlauts right


def to_excel(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, index=False, sheet_name="Versprechen")
    return buffer.getvalue()
