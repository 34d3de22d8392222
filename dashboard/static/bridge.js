/* The only place the live map touches private parts of streamlit-folium's frontend and
   of Leaflet (dashboard/component.py reads this file; tests/test_component.py pins the
   names it relies on in the installed versions). */
window.ruhrBridge = {
  /* A click reaches the app at once: streamlit-folium sends its value 250 ms debounced
     (for panning). The same value it would send, marked as sent, so it does not repeat it. */
  sendClick: function (latlng) {
    var g = window.__GLOBAL_DATA__;
    if (!g || !window.parent) return;
    var value = { last_clicked: latlng };
    g.lat_lng_clicked = latlng;
    g.previous_data = value;
    window.parent.postMessage(
      { isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value, dataType: "json" }, "*"
    );
  },
  /* A zoom still running would end where it was headed, not where we fit the map. */
  animating: function (map) { return !!map._animatingZoom; },
  /* The zoom buttons, to give them German names (the only controls a keyboard reaches). */
  zoomButtons: function (map) {
    var z = map.zoomControl;
    return z ? [z._zoomInButton, z._zoomOutButton] : [];
  },
};
