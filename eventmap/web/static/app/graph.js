/* Event/entity graph (cytoscape): link kinds styled differently. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var TYPE_COLOR = { PERSON: "#0f766e", ORG: "#9333ea", NORP: "#b45309", GPE: "#1d4ed8", LOC: "#0369a1", FAC: "#475569" };
  EM.LINK_STYLE = {
    before: { color: "#475569", line: "solid", arrow: "triangle", width: 1.6, label: "before" },
    cause: { color: "#dc2626", line: "solid", arrow: "triangle", width: 3, label: "cause" },
    same_actors: { color: "#7c3aed", line: "dashed", arrow: "none", width: 1.6, label: "same actors" }
  };

  function short(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "\u2026" : s; }

  EM.Graph = function (root, data) {
    this.data = data;
    this.root = root;
    var legend = EM.el("div", "legend graph-legend");
    function item(cls, text) {
      var s = EM.el("span", "lg-item");
      s.appendChild(EM.el("span", "lg-swatch " + cls));
      s.appendChild(EM.el("span", null, text));
      legend.appendChild(s);
    }
    item("sw-event", "event");
    item("sw-entity", "entity");
    item("sw-before", "before");
    item("sw-cause", "cause");
    item("sw-same", "same actors");
    item("sw-role", "actor / place");
    root.appendChild(legend);
    this.container = EM.el("div", "graph-canvas");
    root.appendChild(this.container);
    this.empty = EM.el("div", "view-empty", "No events to draw.");
    root.appendChild(this.empty);
    this.note = EM.el("div", "graph-note");
    root.appendChild(this.note);
    this.cy = null;
    var self = this;
    EM.on("select", function (id) { self.highlight(id); });
  };

  EM.Graph.prototype.ensure = function () {
    if (this.cy || typeof global.cytoscape !== "function") return this.cy;
    this.cy = global.cytoscape({
      container: this.container,
      minZoom: 0.05,
      maxZoom: 4,
      style: [
        // labels appear only once zoomed in far enough to read them (crowded graphs stay legible)
        { selector: "node", style: { "font-size": 9, "color": "#1e293b", "text-wrap": "wrap",
          "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 3, "label": "data(label)",
          "min-zoomed-font-size": 7 } },
        { selector: "node.event", style: { "shape": "round-rectangle", "width": 18, "height": 12,
          "background-color": "data(color)", "border-width": 1, "border-color": "#0f172a" } },
        { selector: "node.entity", style: { "shape": "ellipse", "width": 10, "height": 10,
          "background-color": "data(color)", "font-size": 8, "color": "#475569" } },
        { selector: "node.sel", style: { "border-width": 3, "border-color": "#f59e0b", "width": 24, "height": 16,
          "font-weight": "bold", "z-index": 10 } },
        { selector: "node.near", style: { "min-zoomed-font-size": 0, "text-background-color": "#fff",
          "text-background-opacity": 0.8, "text-background-padding": 1 } },
        { selector: "edge", style: { "curve-style": "bezier", "width": 1, "line-color": "#cbd5e1",
          "target-arrow-shape": "none", "arrow-scale": 0.8 } },
        { selector: "edge.role-place", style: { "line-style": "dotted" } },
        { selector: "edge.link", style: { "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "data(arrow)", "line-style": "data(line)", "width": "data(width)" } },
        { selector: ".faded", style: { "opacity": 0.25, "text-opacity": 0 } }
      ],
      elements: []
    });
    this.cy.on("tap", "node.event", function (evt) { EM.select(evt.target.data("eid")); });
    this.cy.on("tap", "node.entity", function (evt) { EM.emit("entity", evt.target.data("eid")); });
    return this.cy;
  };

  EM.Graph.prototype.setEvents = function (events) {
    var data = this.data, els = [], seenEnt = new Set(), ids = new Set();
    this.empty.hidden = events.length > 0;
    events.forEach(function (ev) {
      ids.add(ev.id);
      els.push({ group: "nodes", classes: "event",
        data: { id: "ev:" + ev.id, eid: ev.id, label: short(ev.summary, 40), color: EM.colorOf(data, ev) } });
    });
    // large views: keep only entities shared by two or more visible events
    var degree = new Map();
    events.forEach(function (ev) {
      ev._entities.forEach(function (id) { degree.set(id, (degree.get(id) || 0) + 1); });
    });
    var minDeg = events.length > 120 ? 2 : 1;
    function addEnt(id) {
      if (seenEnt.has(id)) return true;
      if ((degree.get(id) || 0) < minDeg) return false;
      seenEnt.add(id);
      var e = data.entityById.get(id) || {};
      els.push({ group: "nodes", classes: "entity",
        data: { id: "en:" + id, eid: id, label: short(EM.entityName(data, id), 28),
          color: TYPE_COLOR[e.type] || "#94a3b8" } });
      return true;
    }
    events.forEach(function (ev) {
      ev.actors.forEach(function (a, i) {
        if (!addEnt(a)) return;
        els.push({ group: "edges", classes: "role", data: { id: "r:" + ev.id + ":" + i, source: "ev:" + ev.id, target: "en:" + a } });
      });
      if (ev.place) {
        var p = String(ev.place);
        if (addEnt(p) && ev.actors.indexOf(p) < 0) {
          els.push({ group: "edges", classes: "role role-place", data: { id: "p:" + ev.id, source: "ev:" + ev.id, target: "en:" + p } });
        }
      }
    });
    var linked = new Set();
    data.links.forEach(function (l, i) {
      var s = String(l.source), t = String(l.target);
      if (!ids.has(s) || !ids.has(t)) return;
      linked.add("ev:" + s); linked.add("ev:" + t);
      var st = EM.LINK_STYLE[l.kind] || EM.LINK_STYLE.before;
      els.push({ group: "edges", classes: "link link-" + l.kind,
        data: { id: "l:" + i, source: "ev:" + s, target: "ev:" + t, color: st.color, line: st.line,
          arrow: st.arrow, width: st.width } });
    });
    // big views: events that share no drawn entity and no link would only add a grid of dots
    var hidden = 0;
    if (events.length > 40) {
      els.forEach(function (e) { if (e.group === "edges" && e.classes.indexOf("role") === 0) linked.add(e.data.source); });
      els = els.filter(function (e) {
        var drop = e.group === "nodes" && e.classes === "event" && !linked.has(e.data.id);
        if (drop) hidden++;
        return !drop;
      });
    }
    this.note.textContent = hidden ? hidden + " events with no shared actor or link are only in the list" : "";
    this.note.hidden = !hidden;
    var cy = this.ensure();
    if (!cy) return;
    cy.elements().remove();
    cy.add(els);
    var n = cy.nodes().length;
    var layout = n > 700
      ? { name: "concentric", concentric: function (node) { return node.hasClass("event") ? 2 : 1; }, animate: false }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 20000; },
        idealEdgeLength: function () { return 80; }, numIter: n > 250 ? 120 : n > 120 ? 400 : 1000, padding: 20 };
    cy.resize();
    cy.layout(layout).run();
    cy.fit(undefined, 20);
    this.highlight(EM.selected);
  };

  EM.Graph.prototype.highlight = function (id) {
    if (!this.cy) return;
    var cy = this.cy;
    cy.elements().removeClass("sel faded near");
    if (!id) return;
    var node = cy.getElementById("ev:" + id);
    if (!node.length) return;
    node.addClass("sel");
    var hood = node.closedNeighborhood();
    hood.nodes().addClass("near");
    cy.elements().not(hood).addClass("faded");
    // zoom to the neighbourhood, but not so far that a lone node fills the panel
    cy.stop();
    cy.animate({ fit: { eles: hood, padding: 40 }, duration: 250, complete: function () {
      if (cy.zoom() > 1.6) cy.zoom({ level: 1.6, renderedPosition: node.renderedPosition() });
    } });
  };

  EM.Graph.prototype.resize = function () {
    if (this.cy) { this.cy.resize(); this.cy.fit(undefined, 20); }
  };
})(window);
