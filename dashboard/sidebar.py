"""The filter widgets in the sidebar, one per row of dashboard/filters.py FIELDS, made by
the row's kind (several ids: a multiselect; one id: a selectbox; a switch: a toggle;
text: a text input; a choice: radio buttons). What differs per filter (its options, how
they read, help text) is in `presentation`; a new filter needs an entry there only if it
shows more than its ids."""

from __future__ import annotations

import streamlit as st

from dashboard import views
from dashboard.filters import BY_NAME, MAX_QUERY, Field
from dashboard.strings import t

# the sidebar's widgets in their order; the comparison's pair (a, b) sits on its page
ORDER = (
    "parties",
    "topics",
    "commitments",
    "statuses",
    "fulfilment",
    "ags",
    "site",
    "links",
    "groups",
    "themes",
    "features",
    "q",
    "basemap",
    "screenshot",
)


_SHOWN: dict[str, dict] = {}  # per database version: the options do not change


def presentation(ref: dict) -> dict[str, dict]:
    """Per filter: options and how they read, widget label, help, placeholder; made once
    per database version (the 53 towns' labels take a few ms, and every rerun asks)."""
    if ref["digest"] not in _SHOWN:
        _SHOWN.clear()
        _SHOWN[ref["digest"]] = _presentation(ref)
    return _SHOWN[ref["digest"]]


def _presentation(ref: dict) -> dict[str, dict]:
    parties, sites = ref["parties"], ref["sites"]
    party_names = {r.party_id: views.party_name(r) for r in parties.itertuples()}
    site_label = dict(zip(sites["site_id"], sites["name"], strict=True))
    towns = town_labels(ref)
    return {
        "parties": {"options": party_names, "placeholder": "all_parties"},
        "topics": {"options": views.topic_labels(ref), "placeholder": "all_topics"},
        "commitments": {
            "options": {c: t(f"commitment_{c}") for c in BY_NAME["commitments"].allowed},
            "help": "commitment_help",
            "placeholder": "commitment",
        },
        "statuses": {
            "options": {s: t(f"status_{s}") for s in BY_NAME["statuses"].allowed},
            "help": "status_filter_help",
            "placeholder": "status_all",
        },
        "fulfilment": {"help": "fulfilment_help"},
        "ags": {"options": towns, "placeholder": "municipality_all"},
        "site": {"options": site_label, "placeholder": "site_all"},
        "links": {"options": views.link_labels(ref), "placeholder": "all_links"},
        "groups": {"label": "groups_toggle", "help": "groups_help"},
        "themes": {"help": "themes_help"},
        "features": {"help": "features_help"},
        "q": {"help": "search_help"},
        "basemap": {"options": {b: t(f"basemap_{b}") for b in BY_NAME["basemap"].allowed}},
        "screenshot": {"help": "screenshot_help"},
    }


def town_labels(ref: dict) -> dict[str, str]:
    """The towns grouped by Kreis (kreisfreie Städte first), each findable by its plain
    spelling too ("Mulheim", "Muelheim")."""
    towns = ref["municipalities"]
    kreis_order = sorted(towns["kreis"].unique(), key=lambda k: (k != "kreisfrei", k))
    ordered = towns.assign(rank=towns["kreis"].map({k: i for i, k in enumerate(kreis_order)}))
    ordered = ordered.sort_values(["rank", "name"])
    return {
        r.ags: f"{t('kreisfrei') if r.kreis == 'kreisfrei' else r.kreis} › "
        + views.with_plain_spelling(r.name)
        for r in ordered.itertuples()
    }


def sidebar(ref: dict) -> None:
    shown = presentation(ref)
    with st.sidebar:
        st.header(t("filters"))
        for name in ORDER:
            widget(BY_NAME[name], shown.get(name, {}))


def widget(field: Field, show: dict, container=st) -> None:
    """The widget of one filter, by its kind."""
    label = t(show.get("label", field.label))
    options = show.get("options", {})
    help_text = t(show["help"]) if "help" in show else None
    placeholder = t(show["placeholder"]) if "placeholder" in show else None
    if field.kind in ("ids", "ordered"):
        container.multiselect(
            label,
            list(options),
            format_func=options.get,
            key=field.widget,
            select_all=False,  # its option label is English
            help=help_text,
            placeholder=placeholder,
        )
    elif field.kind == "id":
        container.selectbox(
            label,
            [None, *options],
            key=field.widget,
            placeholder=placeholder,
            format_func=lambda v: placeholder if v is None else options[v],
        )
    elif field.kind in ("switch", "flag"):
        container.toggle(label, key=field.widget, help=help_text)
    elif field.kind == "text":
        container.text_input(label, key=field.widget, help=help_text, max_chars=MAX_QUERY)
    else:
        container.radio(label, list(options), key=field.widget, format_func=options.get)
