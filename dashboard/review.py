"""The "Redaktion" page: a reviewer works through the review queue (etl/review_queue.py)
and confirms or corrects what the rules decided, with a reason. It exists only when a
reviewer password is configured in Streamlit's secrets (`[review] password = "…"`);
without it visitors never see it. Each decision becomes one record in data/reviews/
(etl/reviews.py), which the next build applies; on a read-only deployment the page
offers the new records as a CSV to add to the repository instead."""

from __future__ import annotations

import csv
import datetime
import hmac
import io
import urllib.parse
from pathlib import Path

import streamlit as st

from dashboard import data, views
from dashboard.strings import t
from etl.kinds import (
    COMMITMENT_FIELD,
    COMMITMENTS,
    NO_LINK,
    NOT_A_PLEDGE,
    NOT_RATED,
    PAIR_FIELD,
    PAIR_VERDICTS,
    PLACE_FIELD,
    ROLES,
    STATUS,
    STATUSES,
    TOPIC_FIELD,
)
from etl.reviews import COLUMNS, fingerprint

RECORD_FILE = "redaktion.csv"  # the page's own records, beside the others
PAGE_SIZE = 10


def password() -> str | None:
    """The reviewer password from Streamlit's secrets, or None: then there is no page."""
    try:
        section = st.secrets.get("review", {})
        value = section.get("password") if hasattr(section, "get") else None
    except (FileNotFoundError, KeyError, OSError, ValueError):
        return None
    return value if isinstance(value, str) and value else None


def review_page(ctx) -> None:
    st.header(t("review_title"))
    if not _signed_in():
        return
    reviewer = st.text_input(t("review_reviewer"), key="review_reviewer")
    items = data.review_queue(ctx.db, ctx.digest)
    st.caption(t("review_queue_size", n=len(items)))
    pending = st.session_state.setdefault("review_pending", [])
    if pending:
        st.warning(t("review_read_only", n=len(pending)))
        st.download_button(
            t("review_download"),
            data=_csv(pending),
            file_name="redaktion.csv",
            mime="text/csv",
            on_click="ignore",
        )
    tab_queue, tab_status = st.tabs([t("review_tab_queue"), t("review_tab_status")])
    texts = data.pledge_texts(ctx.db, ctx.digest)
    with tab_queue:
        last = max(1, -(-len(items) // PAGE_SIZE))
        page = st.number_input(t("review_page"), min_value=1, max_value=last, value=1)
        for n, item in enumerate(items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], start=1):
            _item(ctx, item, texts, reviewer, (page - 1) * PAGE_SIZE + n)
    with tab_status:
        _status_form(ctx, texts, reviewer)


def _signed_in() -> bool:
    if st.session_state.get("review_signed_in"):
        return True
    with st.form("review_sign_in"):
        given = st.text_input(t("review_password"), type="password")
        if st.form_submit_button(t("review_sign_in")):
            expected = password() or ""
            if expected and hmac.compare_digest(given.encode(), expected.encode()):
                st.session_state["review_signed_in"] = True
                st.rerun()
            st.error(t("review_wrong_password"))
    return False


def _item(ctx, item, texts: dict[str, str], reviewer: str, number: int) -> None:
    text = texts.get(item.pledge_id, "")
    field = t(f"review_field_{item.field}")
    target = f" · {_place_name(ctx.ref, item.target)}" if item.field == PLACE_FIELD else ""
    with st.expander(f"{number}. {field}{target}: {text[:90]}", expanded=number == 1):
        source = data.pledge_source(ctx.db, ctx.digest, item.pledge_id)
        if source is not None:
            st.markdown(views.CSS + _source_html(ctx, source), unsafe_allow_html=True)
        if item.field == PAIR_FIELD:
            st.markdown(f"**{t('review_other')}:** {views.esc(texts.get(item.target, ''))}")
        st.markdown(f"**{t('review_rules_say')}:** {views.esc(_label(item.field, item.current))}")
        for why in item.why:
            st.caption(why)
        with st.form(f"review_{item.pledge_id}_{item.field}_{item.target}"):
            value = _value_widget(item, ctx)
            hide = st.checkbox(t("review_not_a_pledge"))
            reason = st.text_area(t("review_reason"))
            url = st.text_input(t("review_source_url"))
            if st.form_submit_button(t("review_save")):
                if not reason.strip() or not reviewer.strip():
                    st.error(t("review_needs_reason"))
                    return
                field, value = (NOT_A_PLEDGE, "yes") if hide else (item.field, value)
                _record(
                    {
                        "pledge_id": item.pledge_id,
                        "text_sha": fingerprint(text),
                        "field": field,
                        "target": "" if hide else item.target,
                        "value": value,
                        "reason": reason.strip(),
                        "reviewer": reviewer.strip(),
                        "date": datetime.date.today().isoformat(),
                        "source_url": url.strip(),
                    }
                )


def _place_name(ref: dict, target: str) -> str:
    """A place record's target (an AGS or a site id) by its name."""
    for table, key in (("municipalities", "ags"), ("sites", "site_id")):
        found = ref[table][ref[table][key] == target]
        if not found.empty:
            return str(found["name"].iloc[0])
    return target


def _status_form(ctx, texts: dict[str, str], reviewer: str) -> None:
    """What became of a pledge of an ended term, with the evidence a status needs."""
    rated = data.status_candidates(ctx.db, ctx.digest)
    if not rated:
        st.info(t("review_status_none"))
        return
    st.caption(t("review_status_help"))
    pledge_id = st.selectbox(
        t("review_status_pledge"), list(rated), format_func=lambda p: texts.get(p, p)[:120]
    )
    st.markdown(f"**{t('review_status_now')}:** {views.esc(rated[pledge_id])}")
    paper = _paper_pick(ctx, pledge_id)
    key = f"{pledge_id}|{paper.get('paper_id', '')}"  # another paper: the fields start anew
    with st.form("review_status"):
        value = st.selectbox(
            t("status_heading"),
            [s for s in STATUSES if s != NOT_RATED],
            format_func=lambda s: t(f"status_{s}"),
        )
        url = st.text_input(t("review_source_url"), paper.get("url", ""), key=f"u{key}")
        title = st.text_input(t("review_evidence_title"), paper.get("title", ""), key=f"t{key}")
        day = st.date_input(
            t("review_evidence_date"),
            paper.get("date") or "today",
            format="DD.MM.YYYY",
            key=f"d{key}",
        )
        quote = st.text_area(t("review_evidence_quote"), paper.get("quote", ""), key=f"q{key}")
        reason = st.text_area(t("review_reason"))
        if st.form_submit_button(t("review_save")):
            fields = (url, title, quote, reason, reviewer)
            if not all(x.strip() for x in fields) or not url.startswith(("http://", "https://")):
                st.error(t("review_status_needs"))
                return
            _record(
                {
                    "pledge_id": pledge_id,
                    "text_sha": fingerprint(texts.get(pledge_id, "")),
                    "field": STATUS,
                    "target": "",
                    "value": value,
                    "reason": reason.strip(),
                    "reviewer": reviewer.strip(),
                    "date": datetime.date.today().isoformat(),
                    "source_url": url.strip(),
                    "evidence_title": title.strip(),
                    "evidence_date": day.isoformat(),
                    "evidence_quote": quote.strip(),
                }
            )


def _paper_pick(ctx, pledge_id: str) -> dict:
    """The council papers proposed for the pledge; the one picked fills the evidence
    fields, so that a status is one decision with the paper as its evidence."""
    papers = data.paper_candidates(ctx.db, ctx.digest, pledge_id)
    st.markdown(f"**{t('review_papers')}**")
    if not papers:
        st.caption(t("review_papers_none"))
        return {}
    for paper in papers:
        day = paper["date"].strftime("%d.%m.%Y") if paper["date"] is not None else ""
        where = ", ".join(x for x in (paper["reference"], paper["paper_type"], day) if x)
        words = t("review_paper_shared", words=", ".join(paper["shared_terms"]))
        towns = t("review_paper_towns", towns=", ".join(paper["towns"])) if paper["towns"] else ""
        name, url = views.md_escape(paper["name"]), _safe_url(paper["url"])
        link = f"[{name}]({url})" if url else name
        st.markdown(
            f"{paper['rank']}. {link} ({views.md_escape(where)})  \n"
            f"{views.md_escape(words)} {views.md_escape(towns)}"
        )
    own = t("review_paper_own")
    picked = st.radio(
        t("review_paper_pick"),
        [own] + [p["paper_id"] for p in papers],
        format_func=lambda p: p if p == own else _paper_label(papers, p),
        key=f"paper_{pledge_id}",
    )
    paper = next((p for p in papers if p["paper_id"] == picked), None)
    if paper is None:
        return {}
    title = " ".join(x for x in (paper["reference"], paper["name"]) if x)
    quote = (paper["text"] or "").split(". ")[0][:300]
    return {**paper, "title": title, "quote": quote}


def _safe_url(url: str | None) -> str:
    """A council system's address as a Markdown link target: http(s) only, and nothing in
    it that could end the link."""
    if not url or not url.startswith(("http://", "https://")):
        return ""
    return urllib.parse.quote(url, safe=":/?#[]@!$&'*+,;=%~")


def _paper_label(papers: list[dict], paper_id: str) -> str:
    paper = next(p for p in papers if p["paper_id"] == paper_id)
    return f"{paper['rank']}. {paper['name'][:100]}"


def _record(record: dict) -> None:
    """Save a decision, or keep it for the download where the folder is read-only."""
    if save(data.app_inputs().reviews, record):
        st.success(t("review_saved"))
    else:
        st.session_state.setdefault("review_pending", []).append(record)
        st.rerun()


def _value_widget(item, ctx) -> str:
    """The reviewer's value for the item's field, starting at what the rules decided."""
    if item.field == COMMITMENT_FIELD:
        options = list(COMMITMENTS)
        labels = {c: t(f"commitment_{c}") for c in options}
    elif item.field == PLACE_FIELD:
        options = [*ROLES, NO_LINK]
        labels = {r: t(f"x_role_{r}") for r in ROLES} | {NO_LINK: t("review_link_removed")}
    elif item.field == PAIR_FIELD:
        options = list(PAIR_VERDICTS)
        labels = {v: t(f"review_pair_{v}") for v in options}
    elif item.field == TOPIC_FIELD:
        labels = dict(ctx.topic_labels)
        options = list(labels)
    else:  # context: the sentence before, or nothing
        return st.text_area(t("review_context"), value=item.current or "")
    start = options.index(item.current) if item.current in options else 0
    return st.selectbox(t("review_decision"), options, index=start, format_func=labels.get)


def _label(field: str, value: str) -> str:
    if field == COMMITMENT_FIELD:
        return t(f"commitment_{value}")
    if field == PLACE_FIELD and value in ROLES:
        return t(f"x_role_{value}")
    if field == PAIR_FIELD:
        return t("review_pair_possible")
    return value or "–"


def _source_html(ctx, source: dict) -> str:
    """The programme's lines around the pledge, as "Im Programm lesen" shows them."""
    lines = data.document_lines(ctx.db, ctx.digest, source["document_id"])
    line = int(source["source_line"])
    near = [(n, text) for n, text in lines if line - 3 <= n <= line + 3]
    body = "<br>".join(
        f"<b>{views.esc(text)}</b>" if n == line else views.esc(text) for n, text in near
    )
    where = f"{source['document']} · {t('programme_chapter')}: {source['section']}"
    return (
        f'<div class="pledge"><div class="meta">{views.esc(where)}</div>'
        f'<div class="text">{body}</div></div>'
    )


def save(folder: Path, record: dict) -> bool:
    """Append the record to the page's file in the records folder; False when the folder
    cannot be written (a read-only deployment), so the page offers it as a download."""
    path = Path(folder) / RECORD_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        new = not path.exists()
        with path.open("a", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            if new:
                writer.writeheader()
            writer.writerow(record)
    except OSError:
        return False
    return True


def _csv(records: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue().encode("utf-8")
