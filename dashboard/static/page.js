/* The page around the app, loaded once into the page's own realm by
   dashboard/page_script.py (a script in a sandboxed frame could neither outlive a rerun
   nor navigate the page):
   - Streamlit's and Vega's own English labels in German, as they appear
     (window.__ruhrLabels: dashboard/strings.py FRAMEWORK_LABELS and FRAMEWORK_PREFIXES);
   - German as the page's language;
   - Esc leaves the screenshot mode, in the page and (by a message) from the map's frame. */
(function () {
  if (window.__ruhrPage) return;
  window.__ruhrPage = true;
  var labels = window.__ruhrLabels || { exact: {}, prefixes: {} };
  var names = ["aria-label", "aria-roledescription", "title", "placeholder"];
  var selector = names.map(function (n) { return "[" + n + "]"; }).join(",");

  function fix(el) {
    if (!el.getAttribute) return;
    names.forEach(function (name) {
      var v = el.getAttribute(name);
      if (!v) return;
      var out = labels.exact[v];
      Object.keys(labels.prefixes).forEach(function (p) {
        if (!out && v.indexOf(p) === 0) out = labels.prefixes[p] + v.slice(p.length);
      });
      if (out && out !== v) el.setAttribute(name, out);
    });
  }
  function sweep(root) {
    if (root.nodeType !== 1) return;
    fix(root);
    root.querySelectorAll(selector).forEach(fix);
  }
  document.documentElement.lang = "de";
  sweep(document.body);
  new MutationObserver(function (changes) {
    document.documentElement.lang = "de";
    changes.forEach(function (c) {
      if (c.type === "attributes") fix(c.target);
      else c.addedNodes.forEach(sweep);
    });
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: names });

  function leaveScreenshot() {
    var url = new URL(window.location.href);
    if (url.searchParams.get("mode") !== "screenshot") return;
    url.searchParams.delete("mode");
    window.location.href = url.toString();
  }
  window.__ruhrEsc = true;
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") leaveScreenshot(); });
  window.addEventListener("message", function (e) {
    if (e.origin === window.location.origin && e.data === "ruhr-leave-screenshot") leaveScreenshot();
  });
})();
