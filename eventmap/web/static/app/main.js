/* Boot: the story header, filters, the event list and the views; the rest of the map on demand. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var doc = global.document;
  var LIST_PAGE = 300; // list items drawn at a time ("Show more" adds the next page)

  function loadWorld() {
    var w = EM.readJsonBlock("eventmap-world");
    if (w !== undefined) return Promise.resolve(w);
    var url = EM.meta("eventmap-world");
    if (!url) return Promise.resolve(null);
    return EM.getJson(url).catch(function () { return null; });
  }

  // What the story is: its label, dates, articles, outlets (never "unknown"), independent origins.
  function header(data) {
    var title = EM.storyTitle(data, data.raw);
    doc.getElementById("title").textContent = title;
    doc.getElementById("title").title = title;
    doc.title = title + " \u2014 eventmap";
    var sub = doc.getElementById("subtitle");
    if (sub) sub.textContent = EM.storyDates(data.overview);
    var st = doc.getElementById("stats");
    EM.clear(st);
    var s = data.stats;
    [["articles", "articles"], ["outlets", "outlets"], ["independent_origins", "independent origins"],
      ["events", "events"]].forEach(function (p) {
      var v = s[p[0]];
      if (v === undefined || v === null) v = p[0] === "events" ? EM.totalEvents(data)
        : p[0] === "articles" ? data.articles.length : "\u2014";
      var box = EM.el("div", "stat");
      box.appendChild(EM.el("span", "stat-v", typeof v === "number" ? v.toLocaleString("en-US") : v));
      box.appendChild(EM.el("span", "stat-k", p[1]));
      st.appendChild(box);
    });
  }

  function option(sel, value, text) {
    var o = EM.el("option", null, text);
    o.value = value;
    sel.appendChild(o);
  }
  function field(parent, label, control) {
    var w = EM.el("label", "field");
    w.appendChild(EM.el("span", "field-l", label));
    w.appendChild(control);
    parent.appendChild(w);
    return control;
  }
  // (Re)fill a select, keeping its choice: the rest of the map brings more storylines and entities.
  function fill(sel, first, items) {
    var keep = sel.value;
    EM.clear(sel);
    option(sel, "", first);
    items.forEach(function (it) { option(sel, it[0], it[1]); });
    sel.value = keep;
    if (sel.value !== keep) sel.value = "";
  }
  function fillOptions(data, sl, en, ou) {
    fill(sl, "All storylines", data.storylines.map(function (s) { return [String(s.id), String(s.label || s.id)]; }));
    fill(en, "All entities", data.entities.slice().sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); })
      .map(function (e) { return [String(e.id), String(e.name || e.id) + (e.type ? " (" + e.type + ")" : "")]; }));
    var outlets = new Set();
    data.articles.forEach(function (a) { if (EM.articleOutlet(data, a.id)) outlets.add(String(a.outlet)); });
    data.events.forEach(function (e) { e._outlets.forEach(function (o) { if (!/^unknown$/i.test(o)) outlets.add(o); }); });
    fill(ou, "All outlets", Array.from(outlets).sort().map(function (o) { return [o, o]; }));
  }

  function buildFilters(root, data, apply) {
    EM.clear(root);
    var q = field(root, "Search", EM.el("input", "inp"));
    q.type = "search"; q.id = "f-q"; q.placeholder = "words in headlines and sentences (all events)";
    var sl = field(root, "Storyline", EM.el("select", "inp"));
    sl.id = "f-storyline";
    var en = field(root, "Entity", EM.el("select", "inp"));
    en.id = "f-entity";
    var ou = field(root, "Outlet", EM.el("select", "inp"));
    ou.id = "f-outlet";
    fillOptions(data, sl, en, ou);
    var range = EM.el("div", "range");
    var from = EM.el("input", "inp"), to = EM.el("input", "inp");
    from.id = "f-from"; to.id = "f-to";
    from.placeholder = "from YYYY[-MM[-DD]]"; to.placeholder = "to YYYY[-MM[-DD]]";
    range.append(from, to);
    field(root, "Date range", range);
    var order = field(root, "Order", EM.el("select", "inp"));
    order.id = "f-order";
    option(order, "salience", "Most important first");
    option(order, "time", "By date");
    var allWrap = EM.el("label", "field check");
    var all = EM.el("input");
    all.type = "checkbox"; all.id = "f-all";
    allWrap.append(all, EM.el("span", "field-l", "Show all events"));
    root.appendChild(allWrap);
    var foot = EM.el("div", "filter-foot");
    var count = EM.el("span", "count");
    count.id = "f-count";
    var reset = EM.el("button", "btn small", "Reset");
    foot.append(count, reset);
    root.appendChild(foot);

    function read() {
      EM.filters.q = q.value.trim();
      EM.filters.storyline = sl.value;
      EM.filters.entity = en.value;
      EM.filters.outlet = ou.value;
      EM.filters.from = EM.parseDate(from.value, false);
      EM.filters.to = EM.parseDate(to.value, true);
      EM.filters.all = all.checked;
      EM.filters.order = order.value;
      from.classList.toggle("bad", !!from.value.trim() && !EM.filters.from);
      to.classList.toggle("bad", !!to.value.trim() && !EM.filters.to);
      apply();
    }
    var timer = null;
    function later() { clearTimeout(timer); timer = setTimeout(read, 180); }
    q.addEventListener("input", later);
    from.addEventListener("input", later);
    to.addEventListener("input", later);
    [sl, en, ou, order, all].forEach(function (s) { s.addEventListener("change", read); });
    reset.addEventListener("click", function () {
      q.value = ""; sl.value = ""; en.value = ""; ou.value = ""; from.value = ""; to.value = "";
      all.checked = false; order.value = "salience";
      read();
    });
    EM.on("entity", function (id) {
      if (!data.entityById.has(String(id))) return;
      en.value = String(id); read();
    });
    EM.on("rest", function () { fillOptions(data, sl, en, ou); });
    return count;
  }

  function byTime(a, b) {
    var x = a._interval ? a._interval.start.getTime() : Infinity;
    var y = b._interval ? b._interval.start.getTime() : Infinity;
    return x - y;
  }

  function listItem(data, ev) {
    var item = EM.el("button", "ev-item");
    item.setAttribute("data-event-id", ev.id);
    if (ev.id === EM.selected) item.classList.add("selected");
    var bar = EM.el("span", "ev-bar");
    bar.style.backgroundColor = EM.colorOf(data, ev);
    item.appendChild(bar);
    var body = EM.el("span", "ev-body");
    body.appendChild(EM.el("span", "ev-date", ev.time && (ev.time.value || ev.time.start) ?
      (ev.time.approximate ? "\u2248 " : "") + (ev.time.value || ev.time.start) : "undated"));
    body.appendChild(EM.el("span", "ev-sum", ev.summary));
    var n = ev.mentions.length, o = Array.from(ev._outlets).filter(function (x) { return !/^unknown$/i.test(x); }).length;
    body.appendChild(EM.el("span", "ev-src", EM.plural(n, "mention") + (o ? " \u00b7 " + EM.plural(o, "outlet") : "") +
      ((data.disagreementsByEvent.get(ev.id) || []).length ? " \u00b7 disputed" : "")));
    item.appendChild(body);
    item.addEventListener("click", function () { EM.select(ev.id); });
    return item;
  }
  // Most salient first (what an editor would lead with), unless the reader asks for dates; drawn a
  // page at a time, so a list of every event of a large map stays quick.
  function renderList(root, data, events) {
    EM.clear(root);
    var sorted = events.slice().sort(EM.filters.order === "time" ? byTime : EM.bySalience);
    if (!sorted.length) root.appendChild(EM.el("div", "view-empty", "No events match."));
    var shown = 0;
    function more() {
      var stop = Math.min(sorted.length, shown + LIST_PAGE);
      var frag = doc.createDocumentFragment();
      for (; shown < stop; shown++) frag.appendChild(listItem(data, sorted[shown]));
      var old = root.querySelector(".list-more");
      if (old) old.remove();
      root.appendChild(frag);
      if (shown < sorted.length) {
        var b = EM.el("button", "btn small list-more", "Show " + Math.min(LIST_PAGE, sorted.length - shown) +
          " more (" + (sorted.length - shown).toLocaleString("en-US") + " left)");
        b.addEventListener("click", more);
        root.appendChild(b);
      }
    }
    more();
  }

  function countText(data, vis) {
    var total = EM.totalEvents(data);
    var t = "Showing " + vis.length.toLocaleString("en-US") + " of " + total.toLocaleString("en-US") + " events";
    var hidden = total - data.events.filter(function (e) { return e._salient; }).length;
    if (data.restState === "loading") return t + " (reading the rest of the map\u2026)";
    if (data.restState === "error") return t + " \u2014 " + data.restError;
    if (hidden > 0 && !EM.filters.all && !EM.filters.q) t += " (the most important; tick \u201cShow all events\u201d for the rest)";
    return t;
  }

  function boot(raw, world) {
    var data = EM.normalize(raw);
    data.raw = raw && typeof raw === "object" ? { title: raw.title } : {};
    // a small map carries its rest inline: take it in now, so the page behaves as one whole map
    if (data.view.rest === "inline") EM.addRest(data, EM.readJsonBlock("eventmap-rest") || {});
    EM.data = data;
    header(data);
    var listRoot = doc.getElementById("evlist");
    var views = {};
    function safe(name, fn) {
      try { return fn(); } catch (err) {
        if (global.console) console.error(name, err);
        return null;
      }
    }
    views.timeline = safe("timeline", function () { return new EM.Timeline(doc.getElementById("timeline"), data); });
    views.graph = safe("graph", function () { return new EM.Graph(doc.getElementById("graph"), data); });
    views.geo = safe("geo", function () { return new EM.GeoMap(doc.getElementById("geomap"), data, world); });
    views.detail = new EM.Detail(doc.getElementById("detail"), data);
    var count;
    function apply() {
      // a search or "Show all events" reaches every event: read the rest of the map first
      if ((EM.filters.all || EM.filters.q) && !data.restLoaded && data.restState !== "error") {
        EM.loadRest(data).then(apply, apply);
      }
      var vis = EM.visibleEvents(data);
      count.textContent = countText(data, vis);
      renderList(listRoot, data, vis);
      ["timeline", "graph", "geo"].forEach(function (k) {
        if (views[k]) safe(k, function () { views[k].setEvents(vis); });
      });
    }
    count = buildFilters(doc.getElementById("filters"), data, apply);
    EM.on("select", function (id) {
      Array.prototype.forEach.call(listRoot.querySelectorAll(".ev-item"), function (n) {
        n.classList.toggle("selected", n.getAttribute("data-event-id") === id);
      });
      doc.body.classList.toggle("has-detail", !!id);
    });
    EM.on("storyline", function (id) { if (views.graph) views.graph.pick(id); });
    apply();
    doc.body.setAttribute("data-ready", "1");
    if (global.performance && performance.mark) performance.mark("eventmap-ready"); // benchmarks/map_browser.py
  }

  function start() {
    Promise.all([EM.loadHead(), loadWorld()]).then(function (r) { boot(r[0], r[1]); })
      .catch(function (err) {
        var t = doc.getElementById("title");
        if (t) t.textContent = "Could not load the event map: " + (err && err.message ? err.message : err);
        doc.body.setAttribute("data-ready", "error");
      });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
