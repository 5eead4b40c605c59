// The map page: Leaflet over world-atlas country outlines (no tiles, nothing from another
// host), incidents as circles sized by fatalities and coloured by event type, clustered when
// zoomed out. The filters are the page's own query, passed on to the API as they are.
// Report text reaches the page only through textContent: it is shown, never parsed as HTML.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var colours = {};
  document.querySelectorAll("#legend li").forEach(function (li) {
    colours[li.getAttribute("data-type")] = li.getAttribute("data-colour");
  });
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 12 }).setView([20, 10], 2);
  el.setAttribute("data-state", "loading");

  fetch("/static/vendor/world-atlas/countries-110m.json")
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      // Antarctica closes over the pole, which a flat map cannot draw; other rings that
      // cross the antimeridian are unwrapped so they do not streak across the map.
      land.features = land.features.filter(function (f) { return f.id !== "010"; });
      land.features.forEach(function (f) { unwrap(f.geometry); });
      L.geoJSON(land, {
        interactive: false,
        style: { color: "#9aa7b4", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });

  function unwrap(geometry) {
    if (!geometry) { return; }
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    polygons.forEach(function (rings) {
      rings.forEach(function (ring) {
        var shift = 0;
        for (var i = 1; i < ring.length; i++) {
          var step = ring[i][0] + shift - ring[i - 1][0];
          if (step > 180) { shift -= 360; } else if (step < -180) { shift += 360; }
          ring[i][0] += shift;
        }
      });
    });
  }

  function radius(killed) { return 5 + 3 * Math.sqrt(Math.max(killed || 0, 0)); }

  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/incidents/" + encodeURIComponent(p.incident_id);
    link.textContent = (p.sub_event_type || p.event_type || "Incident") + " · " + (p.event_date || "undated");
    box.appendChild(link);
    var where = document.createElement("div");
    where.textContent = [p.location, p.admin1, p.country].filter(Boolean).join(", ");
    box.appendChild(where);
    var counts = document.createElement("div");
    counts.textContent = (p.fatalities || 0) + " killed · " + p.n_sources + " report" + (p.n_sources === 1 ? "" : "s") + " · " + p.status;
    box.appendChild(counts);
    var notes = document.createElement("div");
    notes.className = "notes";
    notes.textContent = p.notes || "";
    box.appendChild(notes);
    return box;
  }

  var query = el.getAttribute("data-query");
  var url = "/api/incidents?format=geojson&limit=10000&sort=-fatalities" + (query ? "&" + query : "");
  fetch(url)
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var clusters = L.markerClusterGroup({ maxClusterRadius: 40, disableClusteringAtZoom: 9 });
      var bounds = [];
      (data.features || []).forEach(function (f) {
        if (!f.geometry) { return; }
        var p = f.properties;
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var marker = L.circleMarker(ll, {
          radius: radius(p.fatalities),
          color: "#1d232a", weight: 1,
          fillColor: colours[p.event_type] || "#95a5a6", fillOpacity: 0.8,
          className: "incident-marker"
        });
        marker.bindPopup(function () { return popup(p); });
        clusters.addLayer(marker);
        bounds.push(ll);
      });
      map.addLayer(clusters);
      if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 }); }
      el.setAttribute("data-markers", String(bounds.length));
      el.setAttribute("data-state", "ready");
    })
    .catch(function (err) {
      el.setAttribute("data-state", "failed");
      var msg = document.createElement("p");
      msg.className = "warning";
      msg.textContent = "The incidents could not be loaded: " + err;
      el.parentNode.insertBefore(msg, el);
    });
})();
