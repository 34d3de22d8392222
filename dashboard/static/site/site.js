/* The static site's map (dashboard/site.py). The boundaries come from assets/boundaries.js
   (window.RUHR_GEO, a script tag: fetch() of a local file fails under file://), the
   shared options from window.RUHR_OPTIONS (written above this code), the page's own
   colours, tooltips and markers from its JSON block #map-data. All HTML in that block is
   escaped by the generator. No tiles: the site makes no request to another host. */
(function () {
  var O = window.RUHR_OPTIONS, G = window.RUHR_GEO, box = document.getElementById("map");
  var node = document.getElementById("map-data");
  if (!box || !node || !window.L || !G || !O) return;
  var d = JSON.parse(node.textContent), lines = O.lines, layers = {};
  var map = L.map(box, { zoomControl: false, zoomSnap: 0.25 });
  L.control.zoom({ zoomInTitle: O.zoomIn, zoomOutTitle: O.zoomOut }).addTo(map);
  map.attributionControl.setPrefix(false);  /* Leaflet's own prefix links another host */
  map.attributionControl.addAttribution(O.attribution);

  function townStyle(feature) {
    var ags = feature.properties.ags, selected = d.selected === ags;
    var dashed = !selected && d.dashed.indexOf(ags) >= 0;
    var line = lines[selected ? "selected" : dashed ? "dashed" : "town"];
    return {
      fillColor: d.fills[ags] || O.noData, fillOpacity: O.fillOpacity, color: line.color,
      weight: line.weight, dashArray: line.dashArray || null,
      className: "town town-" + ags + (selected ? " selected" : ""),
    };
  }

  var towns = L.geoJSON(G.municipalities, {
    style: townStyle,
    onEachFeature: function (feature, layer) {
      var ags = feature.properties.ags;
      layers[ags] = layer;
      layer.bindTooltip(d.tooltips[ags] || "", { sticky: true });
      layer.on("mouseover", function () { if (d.selected !== ags) layer.setStyle(lines.hover); });
      layer.on("mouseout", function () { towns.resetStyle(layer); });
      layer.on("click", function () { window.location.href = d.townLink.replace("AGS", ags); });
    },
  }).addTo(map);
  L.geoJSON(G.kreise, { style: Object.assign({ fill: false }, lines.kreis), interactive: false }).addTo(map);
  L.geoJSON(G.outline, { style: Object.assign({ fill: false }, lines.outline), interactive: false }).addTo(map);

  d.markers.forEach(function (m) {
    var icon = L.divIcon({ html: m.icon, className: "site-marker", iconSize: [22, 22], iconAnchor: [11, 11] });
    L.marker([m.lat, m.lon], { icon: icon, title: m.title, alt: m.title })
      .bindPopup(m.popup, { maxWidth: 300 }).addTo(map);
  });

  function fit() {
    var title = document.getElementById("map-title");
    var top = title ? title.offsetTop + title.offsetHeight + 4 : 0;
    var chosen = d.selected && layers[d.selected];
    if (chosen) {
      map.fitBounds(chosen.getBounds(), {
        paddingTopLeft: [40, top + 20], paddingBottomRight: [40, 40], maxZoom: 11, animate: false,
      });
      chosen.bringToFront();  /* after the first view: only then are the paths drawn */
    } else {
      map.fitBounds(O.bounds, { paddingTopLeft: [0, top], paddingBottomRight: [4, 20], animate: false });
    }
  }
  if (d.selected && layers[d.selected]) {  /* its name, always shown; the hover tooltip stays */
    map.openTooltip(d.selectedName, layers[d.selected].getBounds().getCenter(), {
      permanent: true, direction: "center", className: "town-label", interactive: false,
    });
  }
  fit();
  window.addEventListener("resize", fit);
  window.ruhrSite = { map: map, layers: layers, data: d };
})();
