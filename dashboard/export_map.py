"""The map as PNG or PDF, rendered on the server (matplotlib + geopandas, no browser)
from the same map spec as the live map: choropleth, names, boundaries, sites, features'
points, legend, title with the active filters and the data attribution. A selected town
is outlined, named in bold and zoomed to, with the whole region in an inset; a chosen
site is ringed."""

from __future__ import annotations

import io
import os

from dashboard import style
from dashboard.map_spec import LegendEntry, MapSpec
from dashboard.strings import t
from etl import paths

A4_LANDSCAPE = (11.69, 8.27)
PNG_DPI = 150
CRS = "EPSG:25832"  # UTM 32N: true proportions for NRW
POINTS_PER_PIXEL = 0.7  # the screen's line widths on paper
ZOOM_MARGIN = 6000  # metres around a selected town
NEAR_MARKER = 2500  # a town name closer than this to a marker moves below it
DASHES = (0, (4, 3))


def _pyplot():
    """matplotlib's pyplot on the Agg backend, its font cache in data/.cache/matplotlib
    (listed in .gitignore) instead of the home folder: the app writes only inside the
    project. Set before matplotlib's first import, which reads MPLCONFIGDIR once."""
    os.environ.setdefault("MPLCONFIGDIR", str(paths.DATA / ".cache" / "matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def static_map(spec: MapSpec, geo: dict, fmt: str = "png") -> bytes:
    """PNG or PDF bytes; title, filters and the selected town are in the file's metadata."""
    plt = _pyplot()

    fig = static_figure(spec, geo)
    try:
        buffer = io.BytesIO()
        town = next((x.name for x in spec.towns if x.selected), "")
        fig.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=_metadata(fmt, spec, town))
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _metadata(fmt: str, spec: MapSpec, town: str = "") -> dict:
    """Title and filters in the file, so a report can say what it shows."""
    if fmt == "pdf":
        return {"Title": spec.title, "Subject": spec.subtitle, "Creator": "Ruhr pledge map"}
    meta = {"Title": spec.title, "Description": spec.subtitle}
    if town:
        meta["Kommune"] = town
    return meta


def _width(name: str) -> float:
    return style.LINES[name]["weight"] * POINTS_PER_PIXEL


def _frames(spec: MapSpec, geo: dict) -> dict:
    """The layers as GeoDataFrames in metres."""
    import geopandas as gpd

    def frame(name):
        return gpd.GeoDataFrame.from_features(geo[name]["features"], crs=4326).to_crs(CRS)

    towns = frame("municipalities")
    by_ags = {town.ags: town for town in spec.towns}
    towns["fill"] = [by_ags[a].fill if a in by_ags else style.NO_DATA for a in towns["ags"]]
    towns["dashed"] = [by_ags[a].dashed if a in by_ags else False for a in towns["ags"]]

    def points(rows, **columns):
        return gpd.GeoDataFrame(
            {k: [getattr(r, v) for r in rows] for k, v in columns.items()},
            geometry=gpd.points_from_xy([r.lon for r in rows], [r.lat for r in rows]),
            crs=4326,
        ).to_crs(CRS)

    return {
        "towns": towns,
        "kreise": frame("kreise"),
        "outline": frame("outline"),
        "sites": points(spec.markers, site_id="site_id", letter="letter", colour="colour"),
        "points": points(spec.points, letter="letter", colour="colour"),
    }


def _boundaries(ax, layers: dict, selected: str | None) -> None:
    towns = layers["towns"]
    towns.plot(
        ax=ax, color=towns["fill"], edgecolor=style.LINES["town"]["color"], linewidth=_width("town")
    )
    for name, key in (("kreise", "kreis"), ("outline", "outline")):
        layers[name].boundary.plot(ax=ax, color=style.LINES[key]["color"], linewidth=_width(key))
    dashed = towns[towns["dashed"] & (towns["ags"] != selected)]
    if len(dashed):  # counted only through their features (thematic), as on the live map
        line = style.LINES["dashed"]
        dashed.boundary.plot(
            ax=ax, color=line["color"], linewidth=_width("dashed"), linestyle=DASHES, zorder=3
        )
    chosen = towns[towns["ags"] == selected]
    if len(chosen):
        chosen.boundary.plot(
            ax=ax, color=style.SELECTED_LINE, linewidth=_width("selected"), zorder=4
        )


def _names(ax, layers: dict, selected: str | None) -> None:
    import matplotlib.patheffects as effects

    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    sites = layers["sites"]
    for row in layers["towns"].itertuples():
        point = row.geometry.representative_point()
        near = len(sites) and sites.distance(point).min() < NEAR_MARKER
        chosen = row.ags == selected
        ax.annotate(
            row.name,
            (point.x, point.y),
            xytext=(0, -11 if near else 0),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=9 if chosen else 6.3,
            weight="bold" if chosen else "normal",
            color="#111111",
            path_effects=halo,
            zorder=7 if chosen else 3,
            annotation_clip=True,
        )


SYMBOL = {"site": ("o", 70, 9, 5.5), "feature": ("s", 30, 6, 4)}  # marker, area, legend size, font


def _symbols(ax, frame, shape: str, ringed: str | None = None) -> None:
    marker, area, _, font = SYMBOL[shape]
    if ringed and len(frame) and (frame["site_id"] == ringed).any():
        ring = frame[frame["site_id"] == ringed]
        ax.scatter(
            ring.geometry.x,
            ring.geometry.y,
            s=260,
            facecolor="none",
            edgecolor=style.SELECTED_LINE,
            linewidth=2.2,
            zorder=6,
        )
    if not len(frame):
        return
    ax.scatter(
        frame.geometry.x,
        frame.geometry.y,
        s=area,
        marker=marker,
        color=list(frame["colour"]),
        edgecolor="white",
        linewidth=1.2 if shape == "site" else 0.8,
        zorder=5,
    )
    for row in frame.itertuples():
        ax.annotate(
            row.letter,
            (row.geometry.x, row.geometry.y),
            ha="center",
            va="center",
            fontsize=font,
            color="white",
            weight="bold",
            zorder=6,
        )


def _handle(entry: LegendEntry):
    """The legend's symbol for an entry, as the map draws it."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if entry.shape == "fill":
        return Patch(facecolor=entry.colour, edgecolor="#999999")
    if entry.shape in ("kreis", "outline", "dashed"):
        dashes = DASHES if entry.shape == "dashed" else "-"
        return Line2D([], [], color=entry.colour, linewidth=_width(entry.shape), linestyle=dashes)
    marker, _, size, _ = SYMBOL[entry.shape]
    dot = Line2D(
        [],
        [],
        marker=marker,
        linestyle="",
        markersize=size,
        markerfacecolor=entry.colour,
        markeredgecolor="white",
    )
    glyph = Line2D(
        [],
        [],
        marker=f"${entry.letter}$",
        linestyle="",
        markersize=size * 0.55,
        markerfacecolor="white",
        markeredgecolor="white",
    )
    return (dot, glyph)  # the marker as on the map: its letter in it


def _legend(ax, spec: MapSpec) -> None:
    from matplotlib.legend_handler import HandlerTuple

    ax.legend(
        handles=[_handle(e) for e in spec.legend],
        labels=[e.label for e in spec.legend],
        handler_map={tuple: HandlerTuple(ndivide=1)},
        title=spec.legend_title,
        loc="lower left",
        fontsize=7.5 if len(spec.legend) < 16 else 6,
        title_fontsize=8.5,
        frameon=True,
        framealpha=0.95,
        ncols=1 if len(spec.legend) < 16 else 2,
    )


def static_figure(spec: MapSpec, geo: dict):
    """A print-ready A4 figure of the spec."""
    import matplotlib

    plt = _pyplot()

    layers = _frames(spec, geo)
    # text from programmes and the registry is shown as written: "$\\foo$" in a party's
    # name is no formula (matplotlib's mathtext would fail the whole export)
    with matplotlib.rc_context({"text.parse_math": False}):
        return _draw(spec, layers, plt)


def _draw(spec: MapSpec, layers: dict, plt):
    fig, ax = plt.subplots(figsize=A4_LANDSCAPE)
    _boundaries(ax, layers, spec.selected)
    _names(ax, layers, spec.selected)
    _symbols(ax, layers["points"], "feature")
    _symbols(ax, layers["sites"], "site", spec.ringed)
    _legend(ax, spec)
    ax.set_title(f"{spec.title}\n{spec.subtitle}", fontsize=12, loc="left")
    ax.set_axis_off()
    if spec.notice:
        ax.text(
            0.5,
            0.55,
            spec.notice,
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=10,
            wrap=True,
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "#999999"},
        )
    fig.tight_layout()
    towns = layers["towns"]
    chosen = towns[towns["ags"] == spec.selected]
    if len(chosen):  # after the layout: the zoom keeps the axes' proportions
        _zoom_with_inset(ax, fig, chosen, towns, layers["outline"])
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
    inset = fig.add_axes([0.76, 0.66, 0.22, 0.22], zorder=10)
    towns.plot(ax=inset, color="#f2f2f2", edgecolor="#bbbbbb", linewidth=0.3)
    outline.boundary.plot(ax=inset, color=style.OUTLINE_LINE, linewidth=1)
    chosen.plot(ax=inset, color=style.SELECTED_LINE)
    inset.set_xticks([])  # no axes: geopandas would name them in English ("Easting [metre]")
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_facecolor("white")
    inset.patch.set_alpha(1)
    for spine in inset.spines.values():
        spine.set_edgecolor("#777777")
    # the title inside the box, on white: no boundary line can strike through it
    inset.text(
        0.5,
        0.97,
        t("inset_title"),
        transform=inset.transAxes,
        ha="center",
        va="top",
        fontsize=7,
        zorder=20,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5},
    )
    _clear_names_under(ax, fig, inset)


def _clear_names_under(ax, fig, inset) -> None:
    """A town name the inset would cut is left out rather than shown in part."""
    renderer = fig.canvas.get_renderer()
    box = inset.get_window_extent(renderer).expanded(1.02, 1.04)
    for text in ax.texts:
        if text.get_visible() and text.get_window_extent(renderer).overlaps(box):
            text.set_visible(False)


def warm() -> None:
    """Draw a small map once, so the first export a visitor asks for does not pay for
    loading matplotlib, its fonts and the PDF backend (run at server start)."""
    plt = _pyplot()
    import geopandas as gpd
    from shapely.geometry import box

    fig, ax = plt.subplots(figsize=(2, 2))
    gpd.GeoSeries([box(0, 0, 1, 1)], crs=CRS).plot(ax=ax)
    ax.annotate("Ruhr", (0.5, 0.5), path_effects=[])
    ax.set_title("Ruhr")
    try:
        for fmt in ("png", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt, dpi=40)
    finally:
        plt.close(fig)
