/* World map (d3-geo + topojson world-atlas): placed entities, plus an "unplaced" list. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var PLACE_TYPES = { GPE: 1, LOC: 1, FAC: 1 };

  function validGeo(g) {
    if (!g || typeof g !== "object") return null;
    var lat = Number(g.lat), lon = Number(g.lon);
    if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
    return [lon, lat];
  }

  EM.GeoMap = function (root, data, world) {
    var d3 = global.d3, self = this;
    this.data = data;
    this.root = root;
    var legend = EM.el("div", "legend");
    var s = EM.el("span", "lg-item");
    s.appendChild(EM.el("span", "lg-swatch sw-place"));
    s.appendChild(EM.el("span", null, "place (size = events)"));
    legend.appendChild(s);
    var s2 = EM.el("span", "lg-item");
    s2.appendChild(EM.el("span", "lg-swatch sw-place-sel"));
    s2.appendChild(EM.el("span", null, "selected event"));
    legend.appendChild(s2);
    this.viewBtn = EM.el("button", "btn small geo-view", "World");
    this.viewBtn.title = "Show the whole world / zoom to the story's places";
    this.world = false;
    this.viewBtn.addEventListener("click", function () {
      self.world = !self.world;
      self.viewBtn.textContent = self.world ? "Places" : "World";
      self.layout(); self.drawPoints();
    });
    legend.appendChild(this.viewBtn);
    root.appendChild(legend);
    this.wrap = EM.el("div", "geo-canvas");
    root.appendChild(this.wrap);
    this.unplaced = EM.el("div", "geo-unplaced");
    root.appendChild(this.unplaced);
    this.svg = d3.select(this.wrap).append("svg").attr("class", "geo-svg");
    this.g = this.svg.append("g");
    this.landG = this.g.append("g").attr("class", "geo-land");
    this.ptsG = this.g.append("g").attr("class", "geo-points");
    this.labelsG = this.g.append("g").attr("class", "geo-labels");
    this.k = 1;
    this.zoom = d3.zoom().scaleExtent([1, 40]).on("zoom", function (ev) {
      self.k = ev.transform.k;
      self.g.attr("transform", ev.transform);
      self.ptsG.selectAll("circle").attr("r", function (d) { return d.r / self.k; })
        .attr("stroke-width", 1 / self.k);
      self.drawLabels();
    });
    this.svg.call(this.zoom);
    this.countries = null;
    try {
      if (world && world.objects && global.topojson) {
        var obj = world.objects.countries || world.objects.land;
        this.countries = global.topojson.feature(world, obj);
        this.borders = world.objects.countries
          ? global.topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; }) : null;
      }
    } catch (err) { this.countries = null; }
    EM.on("select", function () { self.drawPoints(); });
    global.addEventListener("resize", function () { self.layout(); self.drawPoints(); });
  };

  EM.GeoMap.prototype.layout = function () {
    var d3 = global.d3;
    var w = Math.max(this.wrap.clientWidth, 200), h = Math.max(this.wrap.clientHeight, 120);
    this.svg.attr("width", w).attr("height", h);
    this.w = w; this.h = h;
    this.projection = d3.geoNaturalEarth1().fitExtent([[6, 6], [w - 6, h - 6]], this.extentFeature());
    this.svg.call(this.zoom.transform, d3.zoomIdentity);
    var path = d3.geoPath(this.projection);
    this.landG.selectAll("path.sphere").data([{ type: "Sphere" }]).join("path").attr("class", "sphere").attr("d", path);
    this.landG.selectAll("path.graticule").data([d3.geoGraticule10()]).join("path").attr("class", "graticule").attr("d", path);
    var feats = this.countries ? (this.countries.features || [this.countries]) : [];
    this.landG.selectAll("path.country").data(feats).join("path").attr("class", "country").attr("d", path);
    this.landG.selectAll("path.border").data(this.borders ? [this.borders] : []).join("path").attr("class", "border").attr("d", path);
  };

  // What the projection fits: the story's places (padded, never closer than ~country scale), or the world.
  EM.GeoMap.prototype.extentFeature = function () {
    var pts = (this.placed || []).filter(function (p) { return p.count > 0; });
    if (this.world || !pts.length) return { type: "Sphere" };
    var lons = pts.map(function (p) { return p.ll[0]; }), lats = pts.map(function (p) { return p.ll[1]; });
    var x0 = Math.min.apply(null, lons), x1 = Math.max.apply(null, lons);
    var y0 = Math.min.apply(null, lats), y1 = Math.max.apply(null, lats);
    var padX = Math.max((x1 - x0) * 0.15, (14 - (x1 - x0)) / 2, 2);
    var padY = Math.max((y1 - y0) * 0.15, (9 - (y1 - y0)) / 2, 2);
    x0 = Math.max(x0 - padX, -180); x1 = Math.min(x1 + padX, 180);
    y0 = Math.max(y0 - padY, -85); y1 = Math.min(y1 + padY, 85);
    if (x1 - x0 > 250) return { type: "Sphere" };
    return { type: "MultiPoint", coordinates: [[x0, y0], [x1, y0], [x0, y1], [x1, y1], [(x0 + x1) / 2, y0], [(x0 + x1) / 2, y1]] };
  };

  EM.GeoMap.prototype.setEvents = function (events) {
    var data = this.data;
    var counts = new Map(), places = new Set();
    events.forEach(function (ev) {
      ev._entities.forEach(function (id) { counts.set(id, (counts.get(id) || 0) + 1); });
      if (ev.place) places.add(String(ev.place));
    });
    this.counts = counts;
    var placed = [], unplaced = [];
    data.entities.forEach(function (e) {
      var id = String(e.id), c = counts.get(id) || 0;
      var ll = validGeo(e.geo);
      var isPlace = PLACE_TYPES[e.type] || places.has(id); // a set: entities x events was quadratic
      if (ll) placed.push({ id: id, name: String(e.name || id), ll: ll, count: c });
      else if (isPlace && c > 0) unplaced.push({ id: id, name: String(e.name || id), count: c });
    });
    this.placed = placed;
    this.root.setAttribute("data-placed", String(placed.filter(function (p) { return p.count > 0; }).length));
    var box = this.unplaced;
    EM.clear(box);
    box.appendChild(EM.el("span", "geo-unplaced-title",
      unplaced.length ? "Unplaced (" + unplaced.length + "):" : "All places located."));
    unplaced.sort(function (a, b) { return b.count - a.count; }).forEach(function (u) {
      var b = EM.el("button", "chip", u.name + " \u00b7 " + u.count);
      b.title = "Filter by " + u.name;
      b.addEventListener("click", function () { EM.emit("entity", u.id); });
      box.appendChild(b);
    });
    // measure the canvas only now: the unplaced list above changes its height
    this.layout();
    this.drawPoints();
  };

  EM.GeoMap.prototype.drawPoints = function () {
    var self = this, d3 = global.d3;
    if (!this.projection || !this.placed) return;
    var selEv = EM.selected ? this.data.eventById.get(EM.selected) : null;
    var selSet = selEv ? selEv._entities : new Set();
    var pts = this.placed.filter(function (p) { return p.count > 0 || selSet.has(p.id); });
    var maxC = d3.max(pts, function (p) { return p.count; }) || 1;
    var rs = d3.scaleSqrt().domain([0, maxC]).range([3, 14]);
    pts.forEach(function (p) {
      var xy = self.projection(p.ll);
      p.x = xy ? xy[0] : -999; p.y = xy ? xy[1] : -999; p.r = rs(p.count);
    });
    pts.sort(function (a, b) { return b.count - a.count; });
    var c = this.ptsG.selectAll("circle").data(pts, function (d) { return d.id; })
      .join(function (enter) {
        var cc = enter.append("circle");
        cc.append("title");
        cc.on("click", function (event, d) { event.stopPropagation(); EM.emit("entity", d.id); });
        return cc;
      });
    c.attr("cx", function (d) { return d.x; }).attr("cy", function (d) { return d.y; })
      .attr("r", function (d) { return d.r / self.k; }).attr("stroke-width", 1 / self.k)
      .attr("data-entity-id", function (d) { return d.id; })
      .classed("sel", function (d) { return selSet.has(d.id); });
    c.select("title").text(function (d) { return d.name + " \u2014 " + d.count + " event(s)"; });
    this.pts = pts;
    this.selSet = selSet;
    this.drawLabels();
  };

  // Names for the selected event's places and the busiest others, skipping any that would overlap.
  EM.GeoMap.prototype.drawLabels = function () {
    var self = this, k = this.k || 1;
    if (!this.pts) return;
    var selSet = this.selSet || new Set();
    var order = this.pts.slice().sort(function (a, b) {
      return (selSet.has(b.id) - selSet.has(a.id)) || (b.count - a.count);
    });
    var boxes = [], shown = [];
    var t = this.g.attr("transform"), tx = 0, ty = 0;
    var m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t || "");
    if (m) { tx = +m[1]; ty = +m[2]; }
    order.forEach(function (p) {
      if (shown.length >= 14) return;
      var sx = p.x * k + tx, sy = p.y * k + ty;
      if (sx < 0 || sy < 0 || sx > self.w || sy > self.h) return;
      var wd = p.name.length * 6.2 + 4, x0 = sx + p.r + 2, y0 = sy - 7;
      p.left = x0 + wd > self.w; // near the right edge: write the name to the left of the point
      if (p.left) x0 = sx - p.r - 2 - wd;
      for (var i = 0; i < boxes.length; i++) {
        var b = boxes[i];
        if (x0 < b[2] && x0 + wd > b[0] && y0 < b[3] && y0 + 14 > b[1]) return;
      }
      boxes.push([x0, y0, x0 + wd, y0 + 14]);
      shown.push(p);
    });
    var lb = this.labelsG.selectAll("text").data(shown, function (d) { return d.id; })
      .join("text");
    lb.attr("x", function (d) { return d.x + (d.left ? -1 : 1) * (d.r + 2) / k; })
      .attr("text-anchor", function (d) { return d.left ? "end" : "start"; }).attr("y", function (d) { return d.y + 4 / k; })
      .attr("font-size", 11 / k).attr("stroke-width", 3 / k)
      .classed("sel", function (d) { return selSet.has(d.id); })
      .attr("data-entity-id", function (d) { return d.id; })
      .text(function (d) { return d.name; });
  };
})(window);
