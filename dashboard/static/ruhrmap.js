/* The live Ruhr map: boundaries fetched once from /app/static/geo, then updated in place.
   ruhrInit(map, options) runs with the base map; ruhrUpdate(data) with every filter change
   (sent by the dashboard as streamlit-folium's feature group) and returns the layer that
   the next update removes. All strings in `data` are HTML-escaped by the server. What
   it needs from library internals goes through window.ruhrBridge (static/bridge.js). */
window.ruhrInit = function (map, options) {
  var S = (window.ruhr = { map: map, options: options, data: null, towns: null, layers: {}, labels: {}, markers: [] });
  var lines = options.lines;
  map.createPane("ruhrLabels").style.zIndex = 450;  /* town names under the markers */
  /* the sources' line is the app's own box (dashboard/map.py attribution), in German */
  if (map.attributionControl) map.removeControl(map.attributionControl);

  function townStyle(feature) {
    var d = S.data, ags = feature.properties.ags, selected = d && d.selected === ags;
    var dashed = !selected && d && d.dashed && d.dashed.indexOf(ags) >= 0;  /* only thematic */
    var line = lines[selected ? "selected" : dashed ? "dashed" : "town"];
    return {
      fillColor: d && d.fills[ags] ? d.fills[ags] : options.noData,
      fillOpacity: options.fillOpacity,
      color: line.color,
      weight: line.weight,
      dashArray: line.dashArray || null,
    };
  }

  function showLabels() {
    var zoomed = map.getZoom() >= options.labelZoom;
    map.getContainer().classList.toggle("ruhr-labels", zoomed);
  }

  function get(url) {
    return fetch(url).then(function (r) { return r.json(); });
  }

  S.restyle = function () {
    if (!S.towns || !S.data) return;
    var d = S.data;
    S.towns.setStyle(townStyle);
    Object.keys(S.layers).forEach(function (ags) {
      var layer = S.layers[ags];
      layer.setTooltipContent(d.tooltips[ags] || "");
      var label = S.labels[ags];
      label.getElement() && label.getElement().classList.toggle("ruhr-selected", d.selected === ags);
    });
    if (d.selected && S.layers[d.selected]) S.layers[d.selected].bringToFront();
    if ((d.selected || null) !== S.zoomedTo) S.fit(d.selected);
  };

  /* The selected town, or the whole region; again when the frame changes size (the
     frame gets its height only after the first update). */
  S.fit = function (ags) {
    S.zoomedTo = ags || null;
    if (window.ruhrBridge.animating(map)) {
      map.once("zoomend", function () { S.fit(S.zoomedTo); });
      return;
    }
    var frame = window.innerHeight;  /* the map fills its frame, also when the frame grows */
    if (frame && map.getContainer().clientHeight !== frame) {
      map.getContainer().style.height = frame + "px";
    }
    map.invalidateSize(false);
    var pad = S.padding();
    if (ags && S.layers[ags]) {
      map.fitBounds(S.layers[ags].getBounds(), {
        paddingTopLeft: [pad.left + 60, pad.top + 30], paddingBottomRight: [70, 70],
        maxZoom: 11, animate: false,
      });
    } else {
      map.fitBounds(options.bounds, {
        paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [8, 24], animate: false,
      });
    }
  };

  /* Room for the boxes over the map: the title on top, the legend on the left when it
     is open (a screenshot shows it; the region is fitted beside it, never under it). */
  S.padding = function () {
    var title = document.getElementById("ruhr-title");
    var legend = document.getElementById("ruhr-legend");
    var open = legend && legend.open;
    return {
      top: title ? title.offsetTop + title.offsetHeight + 4 : 0,
      left: open ? legend.offsetLeft + legend.offsetWidth + 8 : 0,
    };
  };

  /* A label's place depends on its size, which changes when it is shown or selected;
     a label that markers would cover moves just below them, and one that would collide
     with a label placed before it (the selected town's first, then the larger towns)
     is left out, so every name shown can be read. */
  S.placeLabels = function () {
    var half = 12, taken = [];
    var spots = S.markers.map(function (m) { return map.latLngToContainerPoint(m.getLatLng()); });
    var selected = S.data && S.data.selected;
    var order = Object.keys(S.labels).sort(function (a, b) {
      var rank = function (ags) {
        var box = S.layers[ags] ? S.layers[ags].getBounds() : null;
        var area = box ? (box.getEast() - box.getWest()) * (box.getNorth() - box.getSouth()) : 0;
        return (ags === selected ? 1e6 : 0) + area;
      };
      return rank(b) - rank(a);
    });
    order.forEach(function (ags) {
      var label = S.labels[ags], el = label.getElement(), text = el && el.firstChild;
      if (!text) return;
      el.classList.remove("ruhr-crowded");
      text.style.transform = "";
      if (text.offsetWidth) {
        var p = map.latLngToContainerPoint(label.getLatLng()), dy = 0;
        var w = text.offsetWidth / 2 + half, h = text.offsetHeight / 2 + half;
        for (var round = 0; round < 4; round++) {
          var below = spots.filter(function (q) {
            return Math.abs(q.x - p.x) < w && Math.abs(q.y - (p.y + dy)) < h;
          }).map(function (q) { return q.y; });
          if (!below.length) break;
          dy = Math.max.apply(null, below) - p.y + h;
        }
        text.style.transform = "translate(-50%, calc(-50% + " + Math.round(dy) + "px))";
        var box = {
          x0: p.x - text.offsetWidth / 2 - 2, x1: p.x + text.offsetWidth / 2 + 2,
          y0: p.y + dy - text.offsetHeight / 2 - 1, y1: p.y + dy + text.offsetHeight / 2 + 1,
        };
        var clash = taken.some(function (t) {
          return box.x0 < t.x1 && t.x0 < box.x1 && box.y0 < t.y1 && t.y0 < box.y1;
        });
        if (clash) el.classList.add("ruhr-crowded"); else taken.push(box);
      }
    });
  };
  map.on("resize", function () { if (S.towns) S.fit(S.zoomedTo); });
  window.addEventListener("resize", function () { if (S.towns) S.fit(S.zoomedTo); });

  Promise.all([
    get(options.geo.municipalities), get(options.geo.kreise), get(options.geo.outline),
  ]).then(function (g) {
    S.towns = L.geoJSON(g[0], {
      style: townStyle,
      onEachFeature: function (feature, layer) {
        var ags = feature.properties.ags;
        S.layers[ags] = layer;
        layer.bindTooltip("", { sticky: true });
        var major = feature.properties.kind === "kreisfreie Stadt";  /* named at every zoom */
        var label = (S.labels[ags] = L.marker(layer.getBounds().getCenter(), {
          pane: "ruhrLabels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "ruhr-label" + (major ? " ruhr-major" : ""), html: "<span></span>", iconSize: null }),
        }));
        label.addTo(map);
        label.getElement().firstChild.textContent = feature.properties.name;
        layer.on("mouseover", function () {
          if (!S.data || S.data.selected !== ags) layer.setStyle(lines.hover);
        });
        layer.on("mouseout", function () { layer.setStyle(townStyle(feature)); });
      },
    }).addTo(map);
    [[g[1], lines.kreis], [g[2], lines.outline]].forEach(function (x) {
      L.geoJSON(x[0], { interactive: false, style: Object.assign({ fill: false }, x[1]) }).addTo(map);
    });
    S.restyle();
    S.layout();
  });
  map.fitBounds(options.bounds, { animate: false });
  map.on("click", function (e) { window.ruhrBridge.sendClick(e.latlng); });
  map.on("zoomend", showLabels);
  map.on("zoomend", function () { S.layout(); });

  /* Markers and names are laid out in the frame's pixels: again when the zoom, the
     markers or the labels' sizes change (an update), never on a pan, which moves them
     all alike. */
  S.layout = function () {
    S.spread();
    S.placeLabels();
  };

  /* Markers that would overlap at this zoom are set around their common centre, as far
     apart as they are wide; their place in the data (and the tooltip) stays. Groups
     that would still touch after that are joined and set again. */
  S.spread = function () {
    var size = 24;
    var groups = S.markers.map(function (m) {
      return { members: [m], at: map.latLngToContainerPoint(m.options.home) };
    });
    function place(g) {
      var n = g.members.length, r = n === 1 ? 0 : size / (2 * Math.sin(Math.PI / n));
      g.spots = g.members.map(function (m, i) {
        var a = (2 * Math.PI * i) / n - Math.PI / 2;
        return g.at.add([r * Math.cos(a), r * Math.sin(a)]);
      });
    }
    function touch(a, b) {
      return a.spots.some(function (p) { return b.spots.some(function (q) { return p.distanceTo(q) < size; }); });
    }
    groups.forEach(place);
    for (var merged = true, round = 0; merged && round < 20; round++) {
      merged = false;
      for (var i = 0; i < groups.length && !merged; i++) {
        for (var j = i + 1; j < groups.length && !merged; j++) {
          if (touch(groups[i], groups[j])) {
            var a = groups[i], b = groups.splice(j, 1)[0], n = a.members.length + b.members.length;
            a.at = a.at.multiplyBy(a.members.length).add(b.at.multiplyBy(b.members.length)).divideBy(n);
            a.members = a.members.concat(b.members);
            place(a);
            merged = true;
          }
        }
      }
    }
    groups.forEach(function (g) {
      g.members.forEach(function (m, i) { m.setLatLng(map.containerPointToLatLng(g.spots[i])); });
    });
  };
  showLabels();
  if (window.frameElement && options.frameTitle) window.frameElement.title = options.frameTitle;
  window.ruhrBridge.zoomButtons(map).forEach(function (button, i) {  /* German names */
    var name = i === 0 ? options.zoomIn : options.zoomOut;
    button.title = name;
    button.setAttribute("aria-label", name);
  });
  var legend = document.getElementById("ruhr-legend");
  if (legend) legend.addEventListener("toggle", function () { if (S.data && S.data.screenshot) S.fit(S.zoomedTo); });
  /* Esc leaves the screenshot mode with the focus in the map too: the page around
     listens (dashboard/views.py page_helper); a sandboxed frame may not navigate it */
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && S.data && S.data.screenshot) window.parent.postMessage("ruhr-leave-screenshot", "*");
  });
};

window.ruhrUpdate = function (d) {
  var S = window.ruhr;
  var was = S.data && S.data.screenshot;
  S.data = d;
  var legend = document.getElementById("ruhr-legend");
  if (legend && !!d.screenshot !== !!was) {  /* open in a screenshot, folded otherwise */
    if (d.screenshot) legend.setAttribute("open", ""); else legend.removeAttribute("open");
    S.zoomedTo = undefined;  /* fit again, beside the legend */
  }
  document.getElementById("ruhr-title").innerHTML = d.title;
  document.getElementById("ruhr-legend-body").innerHTML = d.legend;
  var notice = document.getElementById("ruhr-notice");
  notice.innerHTML = d.notice;
  notice.style.display = d.notice ? "block" : "none";
  var points = (d.features || []).map(function (f) {  /* features: a tooltip, no popup */
    var icon = L.divIcon({ html: f.icon, className: "feature-point", iconSize: [14, 14], iconAnchor: [7, 7] });
    return L.marker([f.lat, f.lon], { icon: icon, keyboard: false }).bindTooltip(f.name);
  });
  var sites = d.markers.map(function (m) {
      var icon = L.divIcon({
        html: m.icon, className: "site-marker", iconSize: [22, 22], iconAnchor: [11, 11],  /* overlaps: S.spread */
      });
      return L.marker([m.lat, m.lon], { icon: icon, keyboard: false, riseOnHover: true, home: L.latLng(m.lat, m.lon) })
        .bindTooltip(m.name)
        .bindPopup(m.popup, { maxWidth: 360, autoPanPaddingTopLeft: [10, S.padding().top + 6] });
  });
  S.markers = sites;
  S.restyle();
  S.layout();
  return L.layerGroup(points.concat(sites));
};
