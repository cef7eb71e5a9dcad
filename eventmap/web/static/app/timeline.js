/* Zoomable SVG timeline (d3): exact days as dots, vague dates as spans, undated events in one
 * collapsed control. The most salient events carry labels (view.labels, 30 by default); the others
 * are small marks (their headline on hover), and a large view draws its MAX_DRAWN most salient.
 *
 * Real corpora mix a few old events (the 1850s) with dozens from one month, so the default axis is
 * "by events": piecewise linear, giving each period room in proportion to how many events it holds
 * (blended with plain time so order and gaps still read). "Linear" is plain calendar time. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var AXIS_H = 26, LANE_H = 24, PAD_TOP = 8, TICK_GAP = 84, LABEL_MAX = 48;
  var LINEAR_SHARE = 0.3; // share of the axis laid out by calendar time in "by events" mode
  var MAX_DRAWN = 2500; // dated events drawn at once (the most salient); the list has them all

  // Piecewise-linear map from time (ms) to [r0, r1] through sorted knots; monotonic, invertible.
  function makeScale(dated, r0, r1, byEvents) {
    var pts = [];
    dated.forEach(function (e) { pts.push(e._interval.start.getTime(), e._interval.end.getTime()); });
    pts.sort(function (a, b) { return a - b; });
    var lo = pts.length ? pts[0] : Date.UTC(2000, 0, 1);
    var hi = pts.length ? pts[pts.length - 1] : Date.UTC(2026, 0, 1);
    var pad = Math.max((hi - lo) * 0.01, 86400000 * 3);
    lo -= pad; hi += pad;
    var knots = [lo], us = [0];
    if (byEvents && pts.length > 1) {
      var n = pts.length, i = 0;
      while (i < n) {
        var t = pts[i], first = i;
        while (i < n && pts[i] === t) i++;
        // rank: share of points before t plus half of those at t
        var rank = (first + (i - first) / 2) / n;
        if (t > knots[knots.length - 1]) { knots.push(t); us.push(rank); }
      }
    }
    knots.push(hi); us.push(1);
    var span = hi - lo;
    var pos = knots.map(function (k, j) {
      var u = byEvents ? LINEAR_SHARE * (k - lo) / span + (1 - LINEAR_SHARE) * us[j] : (k - lo) / span;
      return r0 + u * (r1 - r0);
    });
    function seg(arr, v) { // index j with arr[j] <= v < arr[j+1], clamped
      var a = 0, b = arr.length - 2;
      if (v <= arr[0]) return 0;
      if (v >= arr[arr.length - 1]) return b;
      while (a < b) { var m = (a + b + 1) >> 1; if (arr[m] <= v) a = m; else b = m - 1; }
      return a;
    }
    function f(t) {
      t = +t;
      var j = seg(knots, t), k0 = knots[j], k1 = knots[j + 1];
      return pos[j] + (k1 > k0 ? (t - k0) / (k1 - k0) : 0) * (pos[j + 1] - pos[j]);
    }
    f.invert = function (p) {
      var j = seg(pos, p), p0 = pos[j], p1 = pos[j + 1];
      return new Date(knots[j] + (p1 > p0 ? (p - p0) / (p1 - p0) : 0) * (knots[j + 1] - knots[j]));
    };
    f.lo = lo; f.hi = hi;
    return f;
  }

  // Tick candidates, coarse to fine; a finer one is kept only where it does not crowd a coarser one.
  function tickLevels(d3) {
    var y = d3.utcFormat("%Y"), m = d3.utcFormat("%b %Y"), d = d3.utcFormat("%-d %b %Y");
    return [
      [d3.utcYear.every(100), 365.25 * 100, y], [d3.utcYear.every(50), 365.25 * 50, y],
      [d3.utcYear.every(10), 3652.5, y], [d3.utcYear.every(5), 1826, y], [d3.utcYear.every(1), 365.25, y],
      [d3.utcMonth.every(3), 91, m], [d3.utcMonth.every(1), 30.4, m],
      [d3.utcDay.filter(function (t) { return t.getUTCDate() % 7 === 1 && t.getUTCDate() < 29; }), 7, d],
      [d3.utcDay.every(1), 1, d]
    ];
  }

  EM.Timeline = function (root, data) {
    var self = this;
    var d3 = global.d3;
    this.data = data;
    this.root = root;
    this.byEvents = true;
    root.classList.add("tl");
    var toolbar = EM.el("div", "tl-toolbar");
    var bIn = EM.el("button", "btn small", "+");
    var bOut = EM.el("button", "btn small", "\u2212");
    var bFit = EM.el("button", "btn small", "Fit");
    var bScale = EM.el("button", "btn small tl-scale");
    bIn.title = "Zoom in"; bOut.title = "Zoom out"; bFit.title = "Fit all events";
    function scaleLabel() {
      bScale.textContent = self.byEvents ? "Axis: by events" : "Axis: linear";
      bScale.title = self.byEvents
        ? "Busy periods get more room (the axis is not to scale). Click for calendar time."
        : "Calendar time, to scale. Click to give busy periods more room.";
    }
    scaleLabel();
    var legend = EM.el("span", "tl-legend");
    legend.appendChild(EM.el("span", "lg-dot"));
    legend.appendChild(EM.el("span", null, "exact day"));
    legend.appendChild(EM.el("span", "lg-span"));
    legend.appendChild(EM.el("span", null, "month / year / decade"));
    legend.appendChild(EM.el("span", "lg-approx"));
    legend.appendChild(EM.el("span", null, "approximate"));
    toolbar.append(bIn, bOut, bFit, bScale, legend);
    root.appendChild(toolbar);
    this.axisSvg = d3.select(root).append("svg").attr("class", "tl-axis").attr("height", AXIS_H);
    this.axisG = this.axisSvg.append("g").attr("class", "axis");
    this.body = EM.el("div", "tl-body");
    root.appendChild(this.body);
    this.svg = d3.select(this.body).append("svg").attr("class", "tl-svg");
    this.gridG = this.svg.append("g").attr("class", "tl-grid");
    this.itemsG = this.svg.append("g").attr("class", "tl-items");
    this.empty = EM.el("div", "tl-empty", "No dated events match the filters.");
    this.body.appendChild(this.empty);
    this.note = EM.el("div", "graph-note tl-note");
    this.note.hidden = true;
    root.appendChild(this.note);
    this.undated = EM.el("details", "tl-undated");
    root.appendChild(this.undated);

    this.transform = d3.zoomIdentity;
    this.zoom = d3.zoom().scaleExtent([1, 200000]).on("zoom", function (ev) {
      self.transform = ev.transform;
      // the axis and the body share one zoom state (d3 keeps it per element, in __zoom)
      self.svg.property("__zoom", ev.transform);
      self.axisSvg.property("__zoom", ev.transform);
      self.draw();
    });
    this.svg.call(this.zoom).on("dblclick.zoom", null);
    this.axisSvg.call(this.zoom).on("dblclick.zoom", null);
    bIn.addEventListener("click", function () { self.svg.transition().duration(200).call(self.zoom.scaleBy, 2); });
    bOut.addEventListener("click", function () { self.svg.transition().duration(200).call(self.zoom.scaleBy, 0.5); });
    bFit.addEventListener("click", function () { self.fit(); });
    bScale.addEventListener("click", function () { self.byEvents = !self.byEvents; scaleLabel(); self.fit(); });
    global.addEventListener("resize", function () { self.fit(); });
    EM.on("select", function (id) { self.draw(); self.reveal(id); });
  };

  EM.Timeline.prototype.setEvents = function (events) {
    this.events = events;
    var dated = events.filter(function (e) { return e._interval; });
    var n = dated.length;
    if (n > MAX_DRAWN) dated = dated.slice().sort(EM.bySalience).slice(0, MAX_DRAWN);
    this.note.hidden = n <= MAX_DRAWN;
    this.note.textContent = n > MAX_DRAWN ? "The " + MAX_DRAWN + " most important of " +
      n.toLocaleString("en-US") + " dated events are drawn; narrow the filters to see others here." : "";
    var labels = Math.max(0, Number(this.data.view && this.data.view.labels) || 30);
    this.labelled = new Set(dated.slice().sort(EM.bySalience).slice(0, labels).map(function (e) { return e.id; }));
    this.root.setAttribute("data-labels", String(this.labelled.size));
    this.dated = dated;
    this.dated.sort(function (a, b) { return a._interval.start - b._interval.start; });
    this.renderUndated(events.filter(function (e) { return !e._interval; }));
    this.fit();
  };

  EM.Timeline.prototype.fit = function () {
    var w = Math.max(this.body.clientWidth, 200);
    this.width = w;
    this.axisSvg.attr("width", w);
    // leave room on the right for the last labels
    this.x0 = makeScale(this.dated || [], 12, Math.max(w - Math.min(240, w * 0.28), 60), this.byEvents);
    if (this.dated && this.dated.length) {
      this.root.setAttribute("data-first", new Date(this.x0.lo).toISOString().slice(0, 10));
      this.root.setAttribute("data-last", new Date(this.x0.hi).toISOString().slice(0, 10));
    }
    this.zoom.translateExtent([[0, -1e7], [w, 1e7]]).extent([[0, 0], [w, 1]]);
    this.svg.call(this.zoom.transform, global.d3.zoomIdentity);
  };

  EM.Timeline.prototype.x = function () {
    var x0 = this.x0, tr = this.transform;
    var x = function (t) { return tr.applyX(x0(t)); };
    x.invert = function (p) { return x0.invert(tr.invertX(p)); };
    return x;
  };

  EM.Timeline.prototype.drawAxis = function (x, w, h) {
    var d3 = global.d3, lo = this.x0.lo, hi = this.x0.hi;
    var chosen = [];
    // the axis is not linear, so choose ticks per slice of screen: a coarse level first, then finer
    // ones wherever they do not crowd it (months inside a busy year, days inside a busy month)
    tickLevels(d3).forEach(function (lv) {
      var dur = lv[1] * 86400000;
      for (var p = 0; p < w; p += TICK_GAP) {
        var a = Math.max(x.invert(p).getTime(), lo), b = Math.min(x.invert(p + TICK_GAP).getTime(), hi);
        if (b <= a || (b - a) / dur > 60) continue;
        lv[0].range(new Date(a), new Date(b)).forEach(function (t) {
          var px = x(t);
          if (px < 0 || px > w) return;
          for (var i = 0; i < chosen.length; i++) if (Math.abs(chosen[i].px - px) < TICK_GAP) return;
          chosen.push({ px: px, label: lv[2](t) });
        });
      }
    });
    chosen.sort(function (p, q) { return p.px - q.px; });
    var tk = this.axisG.selectAll("g.tick").data(chosen).join(function (enter) {
      var g = enter.append("g").attr("class", "tick");
      g.append("line").attr("y1", AXIS_H - 6).attr("y2", AXIS_H);
      g.append("text").attr("y", AXIS_H - 9).attr("text-anchor", "middle");
      return g;
    });
    tk.attr("transform", function (d) { return "translate(" + d.px + ",0)"; });
    tk.select("text").text(function (d) { return d.label; });
    this.axisG.selectAll("path.domain").data([0]).join("path").attr("class", "domain")
      .attr("d", "M0," + (AXIS_H - 0.5) + "H" + w);
    this.gridG.selectAll("line").data(chosen).join("line")
      .attr("x1", function (d) { return d.px; }).attr("x2", function (d) { return d.px; })
      .attr("y1", 0).attr("y2", h);
  };

  EM.Timeline.prototype.draw = function () {
    var data = this.data;
    if (!this.dated || !this.x0) return;
    var x = this.x();
    var w = this.width || 400;
    // lanes: greedy packing in pixel space (label included) at the current zoom
    var laneEnds = [], labelled = this.labelled || new Set();
    var items = this.dated.map(function (ev) {
      var a = x(ev._interval.start), b = x(ev._interval.end);
      var span = ev._interval.span;
      var x1 = span ? Math.max(b, a + 4) : a;
      // labels on the most salient; the others are small marks, their headline on hover
      var label = !labelled.has(ev.id) && ev.id !== EM.selected ? "" : ev.summary.length > LABEL_MAX ?
        ev.summary.slice(0, LABEL_MAX - 1) + "\u2026" : ev.summary;
      var right = label ? x1 + 8 + label.length * 6.3 : x1 + 5;
      var left = span ? a : a - (label ? 6 : 4);
      var lane = 0;
      while (lane < laneEnds.length && laneEnds[lane] > left) lane++;
      laneEnds[lane] = right;
      return { ev: ev, a: a, b: x1, span: span, lane: lane, label: label, mark: !label };
    });
    this.items = items;
    var lanes = Math.max(laneEnds.length, 1);
    var h = Math.max(this.body.clientHeight - 4, PAD_TOP + lanes * LANE_H + 8);
    this.svg.attr("width", w).attr("height", h);
    this.empty.hidden = this.dated.length > 0;
    this.drawAxis(x, w, h);

    var sel = EM.selected;
    var g = this.itemsG.selectAll("g.tl-item").data(items, function (d) { return d.ev.id; })
      .join(function (enter) {
        var gg = enter.append("g").attr("class", "tl-item");
        gg.append("rect").attr("class", "tl-span");
        gg.append("circle").attr("class", "tl-dot").attr("r", 5);
        gg.append("text").attr("class", "tl-label");
        gg.append("title");
        gg.on("click", function (event, d) { event.stopPropagation(); EM.select(d.ev.id); });
        return gg;
      });
    g.attr("transform", function (d) { return "translate(0," + (PAD_TOP + d.lane * LANE_H) + ")"; })
      .classed("selected", function (d) { return d.ev.id === sel; })
      .classed("approx", function (d) { return !!(d.ev.time && d.ev.time.approximate); })
      .classed("mark", function (d) { return d.mark; })
      .attr("data-event-id", function (d) { return d.ev.id; })
      .attr("data-start", function (d) { return d.ev._interval.start.toISOString().slice(0, 10); })
      .attr("data-x", function (d) { return Math.round(d.a); });
    g.select("rect").attr("display", function (d) { return d.span ? null : "none"; })
      .attr("x", function (d) { return d.a; })
      .attr("width", function (d) { return Math.max(d.b - d.a, 4); })
      .attr("y", function (d) { return d.mark ? 6 : 3; }).attr("height", function (d) { return d.mark ? 8 : 14; })
      .attr("rx", 3).attr("fill", function (d) { return EM.colorOf(data, d.ev); })
      .attr("stroke", function (d) { return EM.colorOf(data, d.ev); });
    g.select("circle").attr("display", function (d) { return d.span ? "none" : null; })
      .attr("cx", function (d) { return d.a; }).attr("cy", 10).attr("r", function (d) { return d.mark ? 3.5 : 5; })
      .attr("fill", function (d) { return EM.colorOf(data, d.ev); });
    g.select("text").attr("x", function (d) { return d.b + 8; }).attr("y", 14)
      .text(function (d) { return d.label; });
    g.select("title").text(function (d) { return d.ev.summary + "\n" + EM.fmtTime(d.ev.time); });
  };

  // Bring the selected event into view: pan it on screen if needed, scroll its lane into the body.
  EM.Timeline.prototype.reveal = function (id) {
    if (!id || !this.items) return;
    var it = null;
    for (var i = 0; i < this.items.length; i++) if (this.items[i].ev.id === id) { it = this.items[i]; break; }
    if (!it) return;
    var w = this.width || 400;
    if (it.a < 0 || it.a > w - 200) {
      this.svg.call(this.zoom.translateBy, (w * 0.35 - it.a) / this.transform.k, 0);
      for (i = 0; i < this.items.length; i++) if (this.items[i].ev.id === id) { it = this.items[i]; break; }
    }
    var top = PAD_TOP + it.lane * LANE_H, body = this.body;
    if (top < body.scrollTop || top + LANE_H > body.scrollTop + body.clientHeight) {
      body.scrollTop = Math.max(top - body.clientHeight / 3, 0);
    }
  };

  EM.Timeline.prototype.renderUndated = function (list) {
    var box = this.undated;
    EM.clear(box);
    box.hidden = list.length === 0;
    if (!list.length) return;
    // one control, collapsed: a map's undated events would otherwise fill the panel
    box.appendChild(EM.el("summary", "tl-undated-title", "Undated events (" + list.length.toLocaleString("en-US") +
      ") \u2014 show"));
    list.slice().sort(EM.bySalience).slice(0, 500).forEach(function (ev) {
      var b = EM.el("button", "chip event-chip", ev.summary);
      b.setAttribute("data-event-id", ev.id);
      b.title = ev.summary;
      b.addEventListener("click", function () { EM.select(ev.id); });
      box.appendChild(b);
    });
  };
})(window);
