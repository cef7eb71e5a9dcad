/* Zoomable SVG timeline (d3): exact days as dots, vague dates as spans, undated list. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var AXIS_H = 26, LANE_H = 24, PAD_TOP = 8;

  EM.Timeline = function (root, data) {
    var self = this;
    var d3 = global.d3;
    this.data = data;
    root.classList.add("tl");
    var toolbar = EM.el("div", "tl-toolbar");
    var bIn = EM.el("button", "btn small", "+");
    var bOut = EM.el("button", "btn small", "\u2212");
    var bFit = EM.el("button", "btn small", "Fit");
    bIn.title = "Zoom in"; bOut.title = "Zoom out"; bFit.title = "Fit all events";
    var legend = EM.el("span", "tl-legend");
    legend.appendChild(EM.el("span", "lg-dot"));
    legend.appendChild(EM.el("span", null, "exact day"));
    legend.appendChild(EM.el("span", "lg-span"));
    legend.appendChild(EM.el("span", null, "month / year / decade"));
    legend.appendChild(EM.el("span", "lg-approx"));
    legend.appendChild(EM.el("span", null, "approximate"));
    toolbar.append(bIn, bOut, bFit, legend);
    root.appendChild(toolbar);
    this.axisSvg = d3.select(root).append("svg").attr("class", "tl-axis").attr("height", AXIS_H);
    this.body = EM.el("div", "tl-body");
    root.appendChild(this.body);
    this.svg = d3.select(this.body).append("svg").attr("class", "tl-svg");
    this.gridG = this.svg.append("g").attr("class", "tl-grid");
    this.itemsG = this.svg.append("g").attr("class", "tl-items");
    this.empty = EM.el("div", "tl-empty", "No dated events match the filters.");
    this.body.appendChild(this.empty);
    this.undated = EM.el("div", "tl-undated");
    root.appendChild(this.undated);

    this.x0 = d3.scaleUtc();
    this.transform = d3.zoomIdentity;
    this.zoom = d3.zoom().scaleExtent([0.3, 500000]).on("zoom", function (ev) {
      self.transform = ev.transform;
      self.draw();
    });
    this.svg.call(this.zoom).on("dblclick.zoom", null);
    this.axisSvg.call(this.zoom).on("dblclick.zoom", null);
    bIn.addEventListener("click", function () { self.svg.transition().duration(200).call(self.zoom.scaleBy, 2); });
    bOut.addEventListener("click", function () { self.svg.transition().duration(200).call(self.zoom.scaleBy, 0.5); });
    bFit.addEventListener("click", function () { self.fit(); });
    global.addEventListener("resize", function () { self.fit(); });
    EM.on("select", function () { self.draw(); });
  };

  EM.Timeline.prototype.setEvents = function (events) {
    this.events = events;
    this.dated = events.filter(function (e) { return e._interval; });
    this.dated.sort(function (a, b) { return a._interval.start - b._interval.start; });
    this.renderUndated(events.filter(function (e) { return !e._interval; }));
    this.fit();
  };

  EM.Timeline.prototype.fit = function () {
    var d3 = global.d3;
    var w = Math.max(this.body.clientWidth, 200);
    this.width = w;
    this.axisSvg.attr("width", w);
    var lo = d3.min(this.dated, function (e) { return e._interval.start; });
    var hi = d3.max(this.dated, function (e) { return e._interval.end; });
    if (!lo) { lo = new Date(Date.UTC(2000, 0, 1)); hi = new Date(Date.UTC(2026, 0, 1)); }
    var pad = Math.max((hi - lo) * 0.02, 86400000 * 15);
    // leave room on the right for the last labels
    this.x0.domain([new Date(lo.getTime() - pad), new Date(hi.getTime() + pad)])
      .range([12, Math.max(w - Math.min(260, w * 0.3), 60)]);
    this.svg.call(this.zoom.transform, global.d3.zoomIdentity);
  };

  EM.Timeline.prototype.draw = function () {
    var d3 = global.d3, data = this.data;
    if (!this.dated) return;
    var x = this.transform.rescaleX(this.x0);
    var w = this.width || 400;
    // lanes: greedy packing in pixel space (label included) at the current zoom
    var laneEnds = [];
    var items = this.dated.map(function (ev) {
      var a = x(ev._interval.start), b = x(ev._interval.end);
      var span = ev._interval.span;
      var x1 = span ? Math.max(b, a + 4) : a;
      var label = ev.summary.length > 48 ? ev.summary.slice(0, 47) + "\u2026" : ev.summary;
      var right = x1 + 8 + label.length * 6.3;
      var left = span ? a : a - 6;
      var lane = 0;
      while (lane < laneEnds.length && laneEnds[lane] > left) lane++;
      laneEnds[lane] = right;
      return { ev: ev, a: a, b: x1, span: span, lane: lane, label: label };
    });
    var lanes = Math.max(laneEnds.length, 1);
    var h = Math.max(this.body.clientHeight - 4, PAD_TOP + lanes * LANE_H + 8);
    this.svg.attr("width", w).attr("height", h);
    this.empty.hidden = this.dated.length > 0;

    var axis = d3.axisTop(x).ticks(Math.max(Math.floor(w / 110), 2)).tickSizeOuter(0);
    this.axisSvg.selectAll("g.axis").data([0]).join("g").attr("class", "axis")
      .attr("transform", "translate(0," + (AXIS_H - 1) + ")").call(axis);
    var ticks = x.ticks(Math.max(Math.floor(w / 110), 2));
    this.gridG.selectAll("line").data(ticks).join("line")
      .attr("x1", function (t) { return x(t); }).attr("x2", function (t) { return x(t); })
      .attr("y1", 0).attr("y2", h);

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
      .attr("data-event-id", function (d) { return d.ev.id; });
    g.select("rect").attr("display", function (d) { return d.span ? null : "none"; })
      .attr("x", function (d) { return d.a; }).attr("y", 3)
      .attr("width", function (d) { return Math.max(d.b - d.a, 4); }).attr("height", 14)
      .attr("rx", 3).attr("fill", function (d) { return EM.colorOf(data, d.ev); })
      .attr("stroke", function (d) { return EM.colorOf(data, d.ev); });
    g.select("circle").attr("display", function (d) { return d.span ? "none" : null; })
      .attr("cx", function (d) { return d.a; }).attr("cy", 10)
      .attr("fill", function (d) { return EM.colorOf(data, d.ev); });
    g.select("text").attr("x", function (d) { return d.b + 8; }).attr("y", 14)
      .text(function (d) { return d.label; });
    g.select("title").text(function (d) { return d.ev.summary + "\n" + EM.fmtTime(d.ev.time); });
  };

  EM.Timeline.prototype.renderUndated = function (list) {
    var box = this.undated;
    EM.clear(box);
    box.hidden = list.length === 0;
    if (!list.length) return;
    box.appendChild(EM.el("span", "tl-undated-title", "Undated (" + list.length + "):"));
    list.forEach(function (ev) {
      var b = EM.el("button", "chip event-chip", ev.summary);
      b.setAttribute("data-event-id", ev.id);
      b.addEventListener("click", function () { EM.select(ev.id); });
      box.appendChild(b);
    });
  };
})(window);
