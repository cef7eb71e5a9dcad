/* Event/entity graph (cytoscape): link kinds styled differently.
 *
 * It draws one storyline at a time, labelled: the story's main storyline to start with (the
 * overview's first), switched by its picker (a storyline, a story, or the most important of all
 * shown events), by the storyline filter, or from the overview's list of storylines. */
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
  var GRAPH_MAX = 150; // event nodes drawn at once (the most salient of the pick)
  var LABELLED = 60; // up to this many event nodes, every label shows at any zoom

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
    var self = this;
    this.picker = EM.el("select", "inp graph-pick");
    this.picker.id = "g-pick";
    this.picker.title = "What the graph shows";
    this.picker.addEventListener("change", function () { self.choice = self.picker.value; self.render(); });
    legend.insertBefore(this.picker, legend.firstChild);
    root.appendChild(legend);
    this.container = EM.el("div", "graph-canvas");
    root.appendChild(this.container);
    this.empty = EM.el("div", "view-empty", "No events to draw.");
    root.appendChild(this.empty);
    this.note = EM.el("div", "graph-note");
    root.appendChild(this.note);
    this.cy = null;
    this.choice = "";
    this.events = [];
    EM.on("select", function (id) { self.highlight(id); });
    EM.on("rest", function () { self.fillPicker(); });
    this.fillPicker();
  };

  // Picker values: "sl:<storyline id>", "st:<story id>", "all".
  EM.Graph.prototype.fillPicker = function () {
    var data = this.data, sel = this.picker, ov = data.overview || {};
    var keep = this.choice;
    EM.clear(sel);
    function add(value, text) { var o = EM.el("option", null, text); o.value = value; sel.appendChild(o); }
    var seen = new Set();
    (Array.isArray(ov.storylines) ? ov.storylines : []).forEach(function (s) {
      if (!s || seen.has(String(s.id))) return;
      seen.add(String(s.id));
      add("sl:" + s.id, "Storyline: " + short(s.heading || s.label || s.id, 70));
    });
    data.storylines.forEach(function (s) {
      if (seen.has(String(s.id))) return;
      seen.add(String(s.id));
      add("sl:" + s.id, "Storyline: " + short(s.label || s.id, 70));
    });
    if (data.stories.length > 1) {
      data.stories.forEach(function (s) { add("st:" + s.id, "Story: " + short(s.label || s.id, 70)); });
    }
    add("all", "The most important shown events");
    var first = ov.graph_storyline ? "sl:" + ov.graph_storyline : sel.options.length ? sel.options[0].value : "all";
    this.choice = keep && Array.prototype.some.call(sel.options, function (o) { return o.value === keep; }) ? keep : first;
    sel.value = this.choice;
  };

  EM.Graph.prototype.pick = function (storylineId) {
    this.choice = "sl:" + storylineId;
    if (!Array.prototype.some.call(this.picker.options, function (o) { return o.value === "sl:" + storylineId; })) {
      var o = EM.el("option", null, "Storyline: " + storylineId);
      o.value = "sl:" + storylineId;
      this.picker.appendChild(o);
    }
    this.picker.value = this.choice;
    this.render();
  };

  EM.Graph.prototype.setEvents = function (events) {
    this.events = events;
    // the storyline filter is a pick too
    if (EM.filters.storyline && this.choice !== "sl:" + EM.filters.storyline) this.pick(EM.filters.storyline);
    else this.render();
  };

  // The events of the pick among those shown, most salient first, at most GRAPH_MAX.
  EM.Graph.prototype.picked = function () {
    var c = this.choice || "all", data = this.data, evs = this.events;
    if (c.indexOf("sl:") === 0) {
      var sid = c.slice(3);
      evs = evs.filter(function (e) { return String(e.storyline) === sid; });
    } else if (c.indexOf("st:") === 0) {
      var story = data.stories.find(function (s) { return "st:" + s.id === c; });
      var ids = new Set(story && Array.isArray(story.events) ? story.events.map(String) : []);
      evs = evs.filter(function (e) { return ids.has(e.id); });
    }
    return evs.slice().sort(EM.bySalience).slice(0, GRAPH_MAX);
  };

  EM.Graph.prototype.render = function () {
    var evs = this.picked();
    this.root.setAttribute("data-pick", this.choice || "all");
    this.root.setAttribute("data-events", String(evs.length));
    this.root.setAttribute("data-labels", evs.length <= LABELLED ? "all" : "zoom");
    this.draw(evs);
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
        { selector: "node.labelled", style: { "min-zoomed-font-size": 0, "text-background-color": "#fff",
          "text-background-opacity": 0.7, "text-background-padding": 1 } },
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

  EM.Graph.prototype.draw = function (events) {
    var data = this.data, els = [], seenEnt = new Set(), ids = new Set();
    this.empty.hidden = events.length > 0;
    this.empty.textContent = this.events.length ? "No shown event is in this pick; choose another above." :
      "No events to draw.";
    var cls = events.length <= LABELLED ? "event labelled" : "event";
    events.forEach(function (ev) {
      ids.add(ev.id);
      els.push({ group: "nodes", classes: cls,
        data: { id: "ev:" + ev.id, eid: ev.id, label: short(ev.summary, 40), color: EM.colorOf(data, ev) } });
    });
    // large views: keep only entities shared by two or more visible events
    var degree = new Map();
    events.forEach(function (ev) {
      ev._entities.forEach(function (id) { degree.set(id, (degree.get(id) || 0) + 1); });
    });
    var minDeg = events.length > 15 ? 2 : 1;
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
        var drop = e.group === "nodes" && e.classes.indexOf("event") === 0 && !linked.has(e.data.id);
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
    if (!node.length) {  // an event of another storyline: show its storyline (if it is shown at all)
      var ev = this.data.eventById.get(id);
      if (ev && ev.storyline && this.choice !== "sl:" + ev.storyline && this.events.indexOf(ev) >= 0) {
        this.pick(String(ev.storyline));
      }
      return;
    }
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
