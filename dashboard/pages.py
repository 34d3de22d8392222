"""The app's pages, one per view: the map with the pledges below it, and the party
comparison. Each takes the run's Context and reads the filters from the session."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import streamlit as st

from dashboard import corrections, data, map_spec, page_script, reading, review, session, views
from dashboard import map as ruhr_map
from dashboard.compare import compare_map, compare_view
from dashboard.downloads import downloads
from dashboard.filters import Filters
from dashboard.map_spec import MapSpec
from dashboard.session import Context, current_filters
from dashboard.strings import t
from dashboard.town import municipality_view, pledge_list

SCREENSHOT_HEIGHT = 820  # the map alone fills a report's page
MAP_HEIGHT = 560


def show_map(f: Filters, ctx: Context, height: int) -> MapSpec:
    """The live map of the filters; returns its spec, for the exports to draw the same."""
    plain = f.without_notes()
    counts = data.query(ctx.db, ctx.digest, "municipality_counts", plain)
    ref = ctx.ref
    towns = list(ref["municipalities"]["ags"])
    if f.fulfilment:  # what became of the ended terms' pledges, not how many there are
        statuses = data.query(ctx.db, ctx.digest, "town_statuses", plain)
        colouring, texts = map_spec.fulfilment_colouring(statuses, towns)
    else:
        colouring, texts = map_spec.place_colouring(counts, towns, f.groups, f.themes), None
    spec = map_spec.map_spec(
        counts,
        ref["parties"],
        data.query(ctx.db, ctx.digest, "site_pledges", plain),
        data.map_base(ctx.db, ctx.digest),
        colouring,
        map_spec.map_titles(f, ref),
        selected=f.ags,
        layers=map_spec.Layers(groups=f.groups, themes=f.themes, points=f.features),
        ringed=f.site,
        town_texts=texts,
    )
    # its clicks: session.apply_map_click
    ruhr_map.live_map(spec, f.basemap, height, screenshot=f.screenshot)
    return spec


def wide_only(text: str) -> None:
    """A caption left out on a phone, where the map must come first."""
    st.markdown(
        f'<p class="ruhr-wide-only" style="color:#4a4a4a;font-size:0.875rem">{views.esc(text)}</p>',
        unsafe_allow_html=True,
    )


def back_button() -> None:
    """Out of the screenshot mode, on a phone too (Esc works wherever focus is): above
    the map, outside the picture."""
    st.button(t("screenshot_back"), on_click=session.leave_screenshot, key="leave_screenshot")


def map_page(ctx: Context) -> None:
    f = current_filters()
    if f.screenshot:
        back_button()
        show_map(f, ctx, height=SCREENSHOT_HEIGHT)
        return
    years = sorted({y for ys in ctx.ref["parties"]["years"] for y in ys})
    if len(years) > 1:
        wide_only(t("years_differ", years=", ".join(map(str, years))))
    shown = show_map(f, ctx, height=MAP_HEIGHT)
    st.caption(t("map_hint"))
    downloads_box = st.container()  # right under the map, filled once the pledges are known
    pledges = pledges_below(f, ctx)
    st.subheader(t("counts"))
    if f.ags or f.site:
        bars = views.topic_bars(pledges, ctx.topic_labels)
    else:
        bars = data.topic_counts(ctx.db, ctx.digest, "all_pledges", f.without_notes())
    if bars is not None:
        st.markdown(bars, unsafe_allow_html=True)
    with downloads_box:
        downloads(f, shown, pledges, ctx.ref)


def pledges_below(f: Filters, ctx: Context):
    """The pledges under the map: a town's view, a site's pledges, or all of them."""
    if f.ags:
        return municipality_view(f, ctx)
    name, key = ("place_pledges", "page_site") if f.site else ("all_pledges", "page_all")
    pledges = data.query(ctx.db, ctx.digest, name, f.without_notes())
    st.subheader(t("all_pledges", n=len(pledges)))
    pledge_list(pledges, ctx.ref, key=key)
    return pledges


def compare_page(ctx: Context) -> None:
    f = current_filters()
    if f.screenshot:
        back_button()
        compare_map(f, ctx.ref, ctx.db, ctx.digest, height=SCREENSHOT_HEIGHT)
    else:
        compare_view(f, ctx.ref, ctx.db, ctx.digest, ctx.topic_labels)


def programme_page(ctx: Context) -> None:
    """The "Im Programm lesen" view: the programme's text at the pledge, marked, with its
    chapter path and the original (at the page, for a PDF). The address names the
    pledge, so the view can be shared."""
    f = current_filters()
    st.iframe(page_script.page_helper(screenshot=False), height=44)  # "Link kopieren", German
    source = data.pledge_source(ctx.db, ctx.digest, f.pledge) if f.pledge else None
    if source is None:
        st.info(t("programme_none"))
        return
    title = source["document"]
    if str(source["year"]) not in title:
        title = t("programme_heading", document=title, year=source["year"])
    st.subheader(views.md_escape(title))  # the registry's title
    path = " › ".join(
        x for x in (source["section"], source["subsection"]) if isinstance(x, str) and x
    )
    st.markdown(
        f"**{views.esc(t('programme_chapter'))}:** {views.esc(path)} · "
        f"{views.esc(views.source_location(pd.Series(source)))}",
        unsafe_allow_html=True,
    )
    original = views.source_url(pd.Series(source))
    if original:
        st.link_button(t("programme_original"), original)
    lines = data.document_lines(ctx.db, ctx.digest, source["document_id"])
    span = reading.pledge_span(lines, int(source["source_line"]), source["text"])
    st.iframe(reading.text_html(lines, span, source["document"]), height=560)
    st.caption(t("programme_copy_note"))


# The view's URL value -> its page; the first is the default view. No icons: Streamlit's
# ":material/…:" icons are fetched from fonts.gstatic.com, a request to Google for every
# visitor (tests/test_browser_hostile.py), and emoji need a font not every system has.
PAGES = {
    "karte": map_page,
    "vergleich": compare_page,
    "programm": programme_page,
    "korrekturen": corrections.corrections_page,
}


def navigation(ctx: Context, f: Filters):
    """The page to run. The map is the root page, the other views have their own paths
    (/vergleich, /programm); the root runs the view the URL's `view` names, so links from
    before the pages still open it. The view is written back into the session, where
    the URL and the exports read it."""
    first = next(iter(PAGES))

    def page(view: str) -> st.Page:
        run = PAGES.get(view, review.review_page)  # "redaktion": only with a password
        return st.Page(
            lambda: run(ctx),
            title=t(f"view_{view}"),
            url_path=view,
            default=view == first,  # fixed: a default that moved would lose its path
        )

    views_shown = [*PAGES, *(["redaktion"] if review.password() else [])]
    by_view = {view: page(view) for view in views_shown}
    chosen = st.navigation(list(by_view.values()), position="hidden" if f.screenshot else "sidebar")
    view = chosen.url_path or first
    opened = not st.session_state.get("navigated")  # the session's first run: its URL
    st.session_state["navigated"] = True
    if opened and view == first and f.view in by_view and f.view != first:
        view = f.view  # an old link, /?view=vergleich: that view, at the root
        chosen = SimpleNamespace(run=lambda: PAGES[view](ctx))
    st.session_state["w_view"] = view
    return chosen
