"""The map spec's HTML, shared by the live map and the HTML export: tooltips, popups,
marker icons, the title box and the legend. Every text is escaped here."""

from __future__ import annotations

from dashboard.map_spec import LegendEntry, MapSpec, Marker, Town
from dashboard.strings import t
from dashboard.views import esc

POPUP_MAX_PLEDGES = 8
POPUP_MAX_CHARS = 240
BOX = (  # a box over the map: title, legend, attribution, notice
    "position:absolute;z-index:1000;background:rgba(255,255,255,0.92);padding:6px 10px;"
    "border-radius:4px;box-shadow:0 0 4px rgba(0,0,0,0.3);font:12px/1.35 sans-serif;"
)
ATTRIBUTION_AT = "bottom:4px;right:4px;font-size:10px;padding:2px 6px;"
TITLE_AT = "top:10px;left:50px;right:50px;text-align:center;"
LEGEND_AT = "bottom:24px;left:10px;"


def marker_svg(letter: str, colour: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="22" height="22" viewBox="0 0 22 22">'
        f'<circle cx="11" cy="11" r="9.5" fill="{esc(colour)}" stroke="#fff" stroke-width="2"/>'
        f'<text x="11" y="15" font-size="11" font-family="sans-serif" font-weight="bold" '
        f'text-anchor="middle" fill="#fff">{esc(letter)}</text></svg>'
    )


def point_svg(letter: str, colour: str) -> str:
    """A feature's point: smaller than a site's marker and square, so the two never look
    alike (a site has pledges; a feature only explains a thematic link)."""
    return (
        '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">'
        f'<rect x="1" y="1" width="12" height="12" rx="2" fill="{esc(colour)}" '
        'stroke="#fff" stroke-width="1.2"/>'
        '<text x="7" y="10" font-size="8" font-family="sans-serif" text-anchor="middle" '
        f'fill="#fff">{esc(letter)}</text></svg>'
    )


def tooltip(town: Town) -> str:
    return (
        f"<b>{esc(town.name)}</b> · {esc(town.kind)}<br>"
        f"{esc(t('tooltip_total'))}: {town.total}<br>{esc(town.parties)}"
    )


def popup(marker: Marker) -> str:
    lines = [f"<b>{esc(marker.name)}</b>"]
    if not marker.pledges:
        lines.append(f"<i>{esc(t('popup_none'))}</i>")
    for row in marker.pledges[:POPUP_MAX_PLEDGES]:
        text = row["text"]
        if len(text) > POPUP_MAX_CHARS:
            text = text[: POPUP_MAX_CHARS - 3] + "…"
        role = row.get("role", "target")
        note = f" <i>({esc(t('role_note_' + role))})</i>" if role != "target" else ""
        lines.append(
            f'<div style="margin-top:4px;border-left:4px solid {esc(row["color"])};'
            f'padding-left:4px"><b>{esc(row["party"])} {esc(row["year"])}</b>{note}: '
            f"{esc(text)}</div>"
        )
    if len(marker.pledges) > POPUP_MAX_PLEDGES:
        lines.append(f"<i>… +{len(marker.pledges) - POPUP_MAX_PLEDGES}</i>")
    return "".join(lines)


def title(spec: MapSpec) -> str:
    return f"<b style='font-size:15px'>{esc(spec.title)}</b><br>{esc(spec.subtitle)}"


_LINE = '<span style="display:inline-block;width:14px;border-top:{};margin:0 5px 3px 0"></span>'
_SYMBOLS = {
    "fill": '<span style="display:inline-block;width:14px;height:10px;margin-right:5px;'
    'border:1px solid #999;background:{colour}"></span>',
    "kreis": _LINE.format("2px solid {colour}"),
    "outline": _LINE.format("3px solid {colour}"),
    "dashed": _LINE.format("2px dashed {colour}"),
    "site": '<span style="display:inline-block;width:14px;height:14px;border-radius:7px;'
    "background:{colour};color:#fff;font-size:9px;text-align:center;line-height:14px;"
    'margin-right:5px">{letter}</span>',
    "feature": '<span style="display:inline-block;width:12px;height:12px;border-radius:2px;'
    "background:{colour};color:#fff;font-size:8px;text-align:center;line-height:12px;"
    'margin-right:3px">{letter}</span>',
}


def symbol(entry: LegendEntry) -> str:
    return _SYMBOLS[entry.shape].format(colour=esc(entry.colour), letter=esc(entry.letter))


def legend(spec: MapSpec) -> str:
    """One row per entry; the features share one wrapped line of chips, so the legend
    does not cover the region."""
    rows = [f"<b>{esc(spec.legend_title)}</b>"]
    rows += [symbol(e) + esc(e.label) for e in spec.legend if e.shape != "feature"]
    chips = [
        f'<span style="white-space:nowrap;margin-right:6px">{symbol(e)}{esc(e.label)}</span>'
        for e in spec.legend
        if e.shape == "feature"
    ]
    if chips:
        rows.append(f"{esc(t('legend_features'))} {' '.join(chips)}")
    return "<br>".join(rows)
