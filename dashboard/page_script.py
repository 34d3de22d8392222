"""The small frame each view puts on the page: it sets the page up for German readers
(static/page.js, loaded once into the page itself: labels, language, Esc out of the
screenshot mode), closes the filters on a phone once a town is chosen, and holds the
"Link kopieren" button that copies the current address (the filters are in it)."""

from __future__ import annotations

import json

from dashboard.strings import FRAMEWORK_LABELS, FRAMEWORK_PREFIXES, t
from dashboard.views import esc

PAGE_JS = "/app/static/page.js"
CLOSE_SIDEBAR = '[data-testid="stSidebarCollapseButton"] button'


def _labels_json() -> str:
    exact = {
        **FRAMEWORK_LABELS,
        "Collapse sidebar": t("filters_close"),
        "Expand sidebar": t("filters_open"),
    }
    data = {"exact": exact, "prefixes": FRAMEWORK_PREFIXES}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _copy_button() -> str:
    return (
        f'<button id="copy" style="font:14px sans-serif;padding:6px 12px;border:1px solid '
        f'#bbb;border-radius:6px;background:#fff;cursor:pointer">{esc(t("copy_link"))}</button>'
        '<span id="ok" role="status" style="font:13px sans-serif;margin-left:8px"></span>'
    )


def page_helper(screenshot: bool, close_sidebar: bool = False) -> str:
    """The frame's HTML; in the screenshot mode without the button (nothing to see)."""
    done = esc(t("copy_link_done"))
    return (
        ("" if screenshot else _copy_button())
        + f"""<script>
const top_ = window.parent, doc = top_.document;
doc.documentElement.lang = "de";
top_.__ruhrLabels = {_labels_json()};
if (!doc.getElementById("ruhr-page-js")) {{
  const s = doc.createElement("script");
  s.id = "ruhr-page-js"; s.src = "{PAGE_JS}";
  doc.head.appendChild(s);
}}
const fresh = !top_.__ruhrLoaded;
top_.__ruhrLoaded = true;
if ((fresh || {"true" if close_sidebar else "false"}) && top_.innerWidth < 768) {{
  /* on a phone the map comes first: the filters close on a fresh load (even if
     Streamlit remembers them open) and once a town was chosen */
  let tries = 0;
  const fold = () => {{
    const bar = doc.querySelector('[data-testid="stSidebar"]');
    const open = bar && bar.getBoundingClientRect().right > 40;  /* shown, not slid away */
    if (open) {{
      const close = doc.querySelector('{CLOSE_SIDEBAR}');
      if (close) close.click();
    }} else if (!bar && tries++ < 40) setTimeout(fold, 50);
  }};
  fold();
}}
const copy = document.getElementById("copy");
if (copy) copy.addEventListener("click", () => {{
  const url = top_.location.href, ok = document.getElementById("ok");
  const fallback = () => {{
    const area = document.createElement("textarea");
    area.value = url; document.body.appendChild(area); area.select();
    document.execCommand("copy"); area.remove();
  }};
  (navigator.clipboard ? navigator.clipboard.writeText(url) : Promise.reject())
    .catch(fallback).finally(() => {{ ok.textContent = "{done}"; top_.__ruhrCopied = url; }});
}});
</script>"""
    )
