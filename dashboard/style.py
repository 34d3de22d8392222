"""Colours and classes shared by the interactive map and the static exports."""

from __future__ import annotations

import math

# ColorBrewer YlGnBu (colour-blind safe, sequential), without its palest step so that
# "0" (light grey) stays distinct from the first class.
PALETTE = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]
ZERO = "#ececec"
NO_DATA = "#ffffff"
KREIS_LINE = "#444444"
OUTLINE_LINE = "#111111"
MUNICIPALITY_LINE = "#8a8a8a"
SELECTED_LINE = "#d7301f"

# Site kinds: letter on the marker and marker colour (colour-blind safe Okabe-Ito).
SITE_STYLE = {
    "revierpark": ("P", "#009E73"),
    "iga_zukunftsgarten": ("G", "#E69F00"),
    "modellstadt": ("I", "#0072B2"),
    "wissenschaft": ("W", "#CC79A7"),
    "kreativwirtschaft": ("K", "#D55E00"),
}
SITE_DEFAULT = ("•", "#555555")


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
