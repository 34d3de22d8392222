/* The live Ruhr map: boundaries fetched once from /app/static/geo, then updated in place.
   ruhrInit(map, options) runs with the base map; ruhrUpdate(data) with every filter change
   (sent by the dashboard as streamlit-folium's feature group) and returns the layer that
   the next update removes. All strings in `data` are HTML-escaped by the server. What
   it needs from library internals goes through window.ruhrBridge (static/bridge.js). */
window.ruhrInit = function (map, options) {
  var S = (window.ruhr = { map: map, options: options, data: null, towns: null, layers: {}, labels: {} });
  var lines = options.lines;

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
    map.invalidateSize(false);
    if (ags && S.layers[ags]) {
      map.fitBounds(S.layers[ags].getBounds(), { padding: [70, 70], maxZoom: 11, animate: false });
    } else {
      map.fitBounds(options.bounds, { animate: false });
    }
  };
  map.on("resize", function () { if (S.towns) S.fit(S.zoomedTo); });

  Promise.all([
    get(options.geo.municipalities), get(options.geo.kreise), get(options.geo.outline),
  ]).then(function (g) {
    S.towns = L.geoJSON(g[0], {
      style: townStyle,
      onEachFeature: function (feature, layer) {
        var ags = feature.properties.ags;
        S.layers[ags] = layer;
        layer.bindTooltip("", { sticky: true });
        var label = (S.labels[ags] = L.tooltip({
          permanent: true, direction: "center", className: "ruhr-label", interactive: false,
        }).setContent(S.data && S.data.names[ags] ? S.data.names[ags] : feature.properties.name)
          .setLatLng(layer.getBounds().getCenter()));
        label.addTo(map);
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
  });
  map.fitBounds(options.bounds, { animate: false });
  map.on("click", function (e) { window.ruhrBridge.sendClick(e.latlng); });
  map.on("zoomend", showLabels);
  showLabels();
  if (window.frameElement && options.frameTitle) window.frameElement.title = options.frameTitle;
  window.ruhrBridge.zoomButtons(map).forEach(function (button, i) {  /* German names */
    var name = i === 0 ? options.zoomIn : options.zoomOut;
    button.title = name;
    button.setAttribute("aria-label", name);
  });
  if (window.innerWidth < 600) {
    var legend = document.getElementById("ruhr-legend");
    if (legend) legend.removeAttribute("open");
  }
};

window.ruhrUpdate = function (d) {
  var S = window.ruhr;
  S.data = d;
  document.getElementById("ruhr-title").innerHTML = d.title;
  document.getElementById("ruhr-legend-body").innerHTML = d.legend;
  var notice = document.getElementById("ruhr-notice");
  notice.innerHTML = d.notice;
  notice.style.display = d.notice ? "block" : "none";
  var points = (d.features || []).map(function (f) {  /* features: a tooltip, no popup */
    var icon = L.divIcon({ html: f.icon, className: "feature-point", iconSize: [14, 14], iconAnchor: [7, 7] });
    return L.marker([f.lat, f.lon], { icon: icon, keyboard: false }).bindTooltip(f.name);
  });
  var markers = L.layerGroup(
    points.concat(d.markers.map(function (m) {
      var icon = L.divIcon({
        html: m.icon, className: "site-marker", iconSize: [22, 22], iconAnchor: [11 - m.dx, 11],
      });
      return L.marker([m.lat, m.lon], { icon: icon, keyboard: false, riseOnHover: true })
        .bindTooltip(m.name)
        .bindPopup(m.popup, { maxWidth: 360 });
    }))
  );
  S.restyle();
  return markers;
};
