"""Colours and classes shared by the interactive map and the static exports."""

from __future__ import annotations

import math
from dataclasses import dataclass

# ColorBrewer YlGnBu (colour-blind safe, sequential), without its palest step so that
# "0" (light grey) stays distinct from the first class.
PALETTE = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]
ZERO = "#ececec"
# The "Umsetzung" map: ColorBrewer Greens (sequential) for the share fully or partly
# implemented among the rated; a mid grey where a town's pledges are not rated yet.
FULFILMENT = ["#c7e9c0", "#74c476", "#31a354", "#006d2c"]
UNRATED = "#bdbdbd"
NO_DATA = "#ffffff"
KREIS_LINE = "#444444"
OUTLINE_LINE = "#111111"
MUNICIPALITY_LINE = "#8a8a8a"
SELECTED_LINE = "#d7301f"
HOVER_LINE = "#1f1f7a"  # hover must not look like the selection
THEMATIC_LINE = "#1b5e20"  # dashed outline: a town counted only through its features
FILL_OPACITY = 0.8

# Every line the maps draw, in screen pixels: the live map and the HTML export use them
# as they are, the print export scaled to points (dashboard/export_map.py).
LINES = {
    "town": {"color": MUNICIPALITY_LINE, "weight": 0.8},
    "selected": {"color": SELECTED_LINE, "weight": 4},
    "dashed": {"color": THEMATIC_LINE, "weight": 2, "dashArray": "6 4"},
    "hover": {"color": HOVER_LINE, "weight": 2.5},
    "kreis": {"color": KREIS_LINE, "weight": 2},
    "outline": {"color": OUTLINE_LINE, "weight": 3.5},
}

# Site kinds' letters and colours are data: geo/site_kinds.csv (table site_kinds).


def classes(values, count: int = len(PALETTE)) -> list[tuple[int, int]]:
    """Up to `count` classes (low, high) of the non-zero counts, split at their quantiles,
    so a few large values do not flatten the rest of the map."""
    nonzero = sorted(int(v) for v in values if v and v > 0)
    if not nonzero:
        return []
    uppers = sorted(
        {
            nonzero[min(len(nonzero) - 1, math.ceil(len(nonzero) * k / count) - 1)]
            for k in range(1, count + 1)
        }
    )
    result, low = [], 1
    for high in uppers:
        result.append((low, high))
        low = high + 1
    return result


def colour(n: int | None, bins: list[tuple[int, int]]) -> str:
    if n is None:
        return NO_DATA
    if n == 0:
        return ZERO
    for i, (low, high) in enumerate(bins):
        if low <= n <= high:
            return PALETTE[i]
    return PALETTE[len(bins) - 1] if bins else ZERO


def class_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class Colouring:
    """What the choropleth shows: a fill per municipality and the legend that explains it."""

    title: str
    fills: dict[str, str]
    legend: tuple[tuple[str, str], ...]  # (colour, label), zero/no-data included
    dashed: frozenset[str] = frozenset()  # towns counted only through their features


def count_colouring(
    totals: dict[str, int], ags: list[str], title: str, zero_label: str
) -> Colouring:
    """Sequential classes of place-specific pledges; zero stays distinct."""
    bins = classes(totals.values())
    fills = {a: colour(int(totals.get(a, 0)), bins) for a in ags}
    legend = ((ZERO, zero_label),) + tuple(
        (PALETTE[i], class_label(lo, hi)) for i, (lo, hi) in enumerate(bins)
    )
    return Colouring(title, fills, legend)


# ColorBrewer PuOr (colour-blind safe, diverging): party A purple, party B orange.
# "as many" must not look like "none" (ZERO): a sand tone between the two parties.
EQUAL = "#d9c48f"
DIVERGING = ["#5e3c99", "#b2abd2", EQUAL, "#fdb863", "#e66101"]
STRONG_LEAD = 3


def blend(colour: str, share: float) -> str:
    """`colour` mixed with white: share 1 is the colour, 0 is white."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def _distance(a: str, b: str) -> float:
    return sum((int(a[i : i + 2], 16) - int(b[i : i + 2], 16)) ** 2 for i in (1, 3, 5)) ** 0.5


def compare_palette(a_colour: str | None, b_colour: str | None) -> list[str]:
    """Five steps from party A to party B in the parties' own colours (as the chart above
    the map uses them); the colour-blind safe purple-orange scale when the two colours are
    too alike to tell apart."""
    if a_colour and b_colour and _distance(a_colour, b_colour) > 120:
        return [a_colour, blend(a_colour, 0.4), EQUAL, blend(b_colour, 0.4), b_colour]
    return DIVERGING


def compare_colouring(
    a_counts: dict[str, int],
    b_counts: dict[str, int],
    ags: list[str],
    title: str,
    labels: dict[str, str],
    palette: list[str] | None = None,
) -> Colouring:
    """Which of two parties has more place-specific pledges in each municipality.

    labels: 'a_strong', 'a', 'equal', 'b', 'b_strong', 'none' (already worded)."""
    steps = palette or DIVERGING
    fills = {}
    for a in ags:
        x, y = int(a_counts.get(a, 0)), int(b_counts.get(a, 0))
        diff = x - y
        if x == y == 0:
            fills[a] = ZERO
        elif diff >= STRONG_LEAD:
            fills[a] = steps[0]
        elif diff > 0:
            fills[a] = steps[1]
        elif diff == 0:
            fills[a] = steps[2]
        elif diff > -STRONG_LEAD:
            fills[a] = steps[3]
        else:
            fills[a] = steps[4]
    legend = (
        (steps[0], labels["a_strong"]),
        (steps[1], labels["a"]),
        (steps[2], labels["equal"]),
        (steps[3], labels["b"]),
        (steps[4], labels["b_strong"]),
        (ZERO, labels["none"]),
    )
    return Colouring(title, fills, legend)
