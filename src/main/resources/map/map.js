// The planner's map: district and streets, sites by category (real filled, synthetic hollow), and the residents a
// demand group leaves uncovered, all from this service's own tiles and JSON. No base map, no outside server.
(function () {
  "use strict";
  const CATEGORY_COLORS = ["match", ["get", "category"],
    "childcare", "#bf3989", "school", "#1f6feb", "clinic", "#1a7f37", "elder_care", "#9a6700", "assistance", "#8250df",
    "#57606a"];
  const state = { group: null, coverage: null, areas: {}, selected: null };
  const tiles = (layer, query) => location.origin + "/v1/tiles/" + layer + "/{z}/{x}/{y}.mvt" + (query || "");

  function json(url) {
    return fetch(url).then((r) => {
      if (!r.ok) { throw new Error(url + " → " + r.status); }
      return r.json();
    });
  }

  function bounds(geometry) {
    const b = [[180, 90], [-180, -90]];
    const walk = (c) => {
      if (typeof c[0] === "number") {
        b[0][0] = Math.min(b[0][0], c[0]); b[0][1] = Math.min(b[0][1], c[1]);
        b[1][0] = Math.max(b[1][0], c[0]); b[1][1] = Math.max(b[1][1], c[1]);
      } else { c.forEach(walk); }
    };
    walk(geometry.coordinates);
    return b;
  }

  function fmt(v, digits) { return v == null ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits }); }

  function figuresOf(code) {
    const g = state.coverage && state.coverage.groups[0];
    return g ? g.areas.find((a) => a.areaCode === code) : null;
  }

  function showStreet(code) {
    state.selected = code;
    const a = state.areas[code];
    const f = figuresOf(code);
    document.getElementById("street-panel").hidden = false;
    document.getElementById("street-panel").dataset.code = code;
    document.getElementById("street-name").textContent = (a ? a.nameZh + " " + a.nameEn : code) + " (" + code + ")";
    const rows = [["需求 Demand", fmt(f && f.total.demand, 1)], ["覆盖 Served", fmt(f && f.total.served, 1)],
      ["比例 Share", f ? (100 * f.total.share).toFixed(1) + " %" : "–"]];
    (f ? f.subtypes : []).forEach((s) => rows.push([s.subtype + " ≤ " + s.thresholdMeters + " m",
      (100 * s.share).toFixed(1) + " %"]));
    const table = document.getElementById("street-figures");
    table.innerHTML = "";
    rows.forEach(([k, v]) => {
      const tr = table.insertRow();
      tr.insertCell().textContent = k;
      const td = tr.insertCell(); td.textContent = v; td.className = "num";
    });
    document.querySelectorAll("#streets tbody tr").forEach((tr) =>
      tr.classList.toggle("selected", tr.dataset.code === code));
    if (map.getLayer("areas-selected")) { map.setFilter("areas-selected", ["==", ["get", "code"], code]); }
  }

  function fillTable() {
    const body = document.querySelector("#streets tbody");
    body.innerHTML = "";
    state.coverage.groups[0].areas.forEach((a) => {
      const tr = body.insertRow();
      tr.dataset.code = a.areaCode;
      const area = state.areas[a.areaCode];
      tr.insertCell().textContent = area ? area.nameZh : a.areaCode;
      [fmt(a.total.demand, 0), fmt(a.total.served, 0), (100 * a.total.share).toFixed(1) + " %"].forEach((v) => {
        const td = tr.insertCell(); td.textContent = v; td.className = "num";
      });
      tr.addEventListener("click", () => showStreet(a.areaCode));
    });
    document.getElementById("method").textContent = "方法 Method: " + state.coverage.method
      + " · 快照 index generation " + state.coverage.index.generation;
  }

  function loadGroup(code) {
    state.group = code;
    return json("/v1/coverage?group=" + encodeURIComponent(code)).then((c) => {
      state.coverage = c;
      fillTable();
      const source = map.getSource("coverage");
      if (source) { source.setTiles([tiles("coverage", "?group=" + encodeURIComponent(code))]); }
      if (state.selected) { showStreet(state.selected); }
    });
  }

  maplibregl.setWorkerUrl("/map/vendor/maplibre-gl-csp-worker.js");
  const map = new maplibregl.Map({
    container: "map",
    style: { version: 8, sources: {}, layers: [{ id: "background", type: "background", paint: { "background-color": "#f6f8fa" } }] },
    center: [121.55, 29.87], zoom: 10, attributionControl: false, preserveDrawingBuffer: true
  });
  window.scMap = { map: map, state: state, showStreet: showStreet };

  const areasLoaded = json("/v1/areas").then((list) => {
    list.items.forEach((a) => { state.areas[a.code] = a; });
    const district = list.items.find((a) => !a.parentCode) || list.items[0];
    return json("/v1/areas/" + encodeURIComponent(district.code) + "?geometry=true").then((d) => {
      if (d.geometry) { map.fitBounds(bounds(d.geometry), { padding: 20, duration: 0 }); }
    });
  });
  const groupsLoaded = json("/v1/coverage").then((all) => {
    const select = document.getElementById("group");
    all.groups.forEach((g) => {
      const o = document.createElement("option");
      o.value = g.code; o.textContent = g.nameZh + " / " + g.nameEn + " (" + g.ages + ")";
      select.appendChild(o);
    });
    select.value = all.groups.some((g) => g.code === "preschool") ? "preschool" : all.groups[0].code;
    select.addEventListener("change", () => loadGroup(select.value));
    return select.value;
  });

  const styled = new Promise((resolve) => map.on("load", resolve)).then(() => groupsLoaded).then((group) => {
    map.addSource("areas", { type: "vector", tiles: [tiles("areas")], maxzoom: 14 });
    map.addSource("sites", { type: "vector", tiles: [tiles("sites")], maxzoom: 16 });
    map.addSource("coverage", { type: "vector", tiles: [tiles("coverage", "?group=" + group)], maxzoom: 14 });
    map.addLayer({ id: "areas-fill", type: "fill", source: "areas", "source-layer": "areas",
      filter: ["!=", ["get", "kind"], "district"], paint: { "fill-color": "#d0d7de", "fill-opacity": 0.25 } });
    map.addLayer({ id: "areas-line", type: "line", source: "areas", "source-layer": "areas",
      paint: { "line-color": "#57606a", "line-width": ["match", ["get", "kind"], "district", 2.5, 1] } });
    map.addLayer({ id: "areas-selected", type: "line", source: "areas", "source-layer": "areas",
      filter: ["==", ["get", "code"], ""], paint: { "line-color": "#bf8700", "line-width": 3 } });
    map.addLayer({ id: "gaps", type: "circle", source: "coverage", "source-layer": "coverage",
      filter: ["==", ["get", "served"], false],
      paint: { "circle-color": "#d1242f", "circle-opacity": 0.45,
        "circle-radius": ["interpolate", ["linear"], ["get", "demand"], 0, 2, 200, 6, 2000, 14] } });
    map.addLayer({ id: "sites-real", type: "circle", source: "sites", "source-layer": "sites",
      filter: ["==", ["get", "synthetic"], false],
      paint: { "circle-color": CATEGORY_COLORS, "circle-radius": 4, "circle-stroke-color": "#fff", "circle-stroke-width": 1 } });
    map.addLayer({ id: "sites-synthetic", type: "circle", source: "sites", "source-layer": "sites",
      filter: ["==", ["get", "synthetic"], true],
      paint: { "circle-color": "rgba(0,0,0,0)", "circle-radius": 4, "circle-stroke-color": CATEGORY_COLORS,
        "circle-stroke-width": 2 } });
    map.on("click", "areas-fill", (e) => { if (e.features.length) { showStreet(e.features[0].properties.code); } });
    map.on("mouseenter", "areas-fill", () => { map.getCanvas().style.cursor = "pointer"; });
    map.on("mouseleave", "areas-fill", () => { map.getCanvas().style.cursor = ""; });
    return loadGroup(group);
  });

  Promise.all([areasLoaded, styled]).then(() => new Promise((resolve) => map.once("idle", resolve)))
    .then(() => { document.body.dataset.ready = "true"; })
    .catch((e) => { console.error("map failed: " + e); document.body.dataset.ready = "failed"; });
})();
