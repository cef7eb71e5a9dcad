/* Boot: load the export (embedded JSON block or the JSON API), build header, filters, views. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var doc = global.document;

  function readJsonBlock(id) {
    var node = doc.getElementById(id);
    if (!node) return undefined;
    try { return JSON.parse(node.textContent || "null"); } catch (err) { return null; }
  }
  function meta(name) {
    var m = doc.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : null;
  }

  function getJson(url) {
    return global.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) throw new Error("GET " + url + " -> HTTP " + r.status);
        return r.json();
      });
  }
  function fetchAll(base, name) {
    var out = [];
    function page(offset) {
      return getJson(base + "/" + name + "?offset=" + offset + "&limit=500").then(function (body) {
        var items = Array.isArray(body.items) ? body.items : [];
        out = out.concat(items);
        var total = typeof body.total === "number" ? body.total : out.length;
        if (items.length > 0 && out.length < total) return page(offset + items.length);
        return out;
      });
    }
    return page(0);
  }
  function loadFromApi(base) {
    var names = ["events", "entities", "articles", "storylines", "disagreements", "links"];
    return Promise.all([getJson(base + "/stats")].concat(names.map(function (n) { return fetchAll(base, n); })))
      .then(function (res) {
        var d = { stats: res[0] && res[0].stats ? res[0].stats : res[0], schema: res[0] && res[0].schema };
        names.forEach(function (n, i) { d[n] = res[i + 1]; });
        return d;
      });
  }
  function loadWorld() {
    var w = readJsonBlock("eventmap-world");
    if (w !== undefined) return Promise.resolve(w);
    var url = meta("eventmap-world");
    if (!url) return Promise.resolve(null);
    return getJson(url).catch(function () { return null; });
  }
  function loadData() {
    var d = readJsonBlock("eventmap-data");
    if (d !== undefined) return Promise.resolve(d);
    var api = meta("eventmap-api");
    if (api) return loadFromApi(api);
    return Promise.resolve({});
  }

  function header(data) {
    var title = EM.storyTitle(data, data.raw);
    doc.getElementById("title").textContent = title;
    doc.getElementById("title").title = title;
    doc.title = title + " \u2014 eventmap";
    var st = doc.getElementById("stats");
    EM.clear(st);
    var s = data.stats;
    [["articles", "articles"], ["unique_articles", "unique"], ["outlets", "outlets"],
      ["independent_origins", "independent origins"], ["events", "events"]].forEach(function (p) {
      var v = s[p[0]];
      if (v === undefined || v === null) v = p[0] === "events" ? data.events.length
        : p[0] === "articles" ? data.articles.length : "\u2014";
      var box = EM.el("div", "stat");
      box.appendChild(EM.el("span", "stat-v", v));
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

  function buildFilters(root, data, apply) {
    EM.clear(root);
    var q = field(root, "Search", EM.el("input", "inp"));
    q.type = "search"; q.id = "f-q"; q.placeholder = "words in summaries and sentences";
    var sl = field(root, "Storyline", EM.el("select", "inp"));
    sl.id = "f-storyline";
    option(sl, "", "All storylines");
    data.storylines.forEach(function (s) { option(sl, String(s.id), String(s.label || s.id)); });
    var en = field(root, "Entity", EM.el("select", "inp"));
    en.id = "f-entity";
    option(en, "", "All entities");
    data.entities.slice().sort(function (a, b) { return String(a.name).localeCompare(String(b.name)); })
      .forEach(function (e) { option(en, String(e.id), String(e.name || e.id) + (e.type ? " (" + e.type + ")" : "")); });
    var ou = field(root, "Outlet", EM.el("select", "inp"));
    ou.id = "f-outlet";
    option(ou, "", "All outlets");
    var outlets = new Set();
    data.articles.forEach(function (a) { if (a.outlet) outlets.add(String(a.outlet)); });
    data.events.forEach(function (e) { e._outlets.forEach(function (o) { outlets.add(o); }); });
    Array.from(outlets).sort().forEach(function (o) { option(ou, o, o); });
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
    EM.on("entity", function (id) { en.value = String(id); read(); });
    return count;
  }

  function byTime(a, b) {
    var x = a._interval ? a._interval.start.getTime() : Infinity;
    var y = b._interval ? b._interval.start.getTime() : Infinity;
    return x - y;
  }
  function renderList(root, data, events) {
    EM.clear(root);
    // Most salient first (what an editor would lead with), unless the reader asks for dates.
    var sorted = events.slice().sort(EM.filters.order === "time" ? byTime : function (a, b) {
      return b.salience - a.salience || byTime(a, b);
    });
    if (!sorted.length) root.appendChild(EM.el("div", "view-empty", "No events match."));
    sorted.forEach(function (ev) {
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
      var n = ev.mentions.length, o = ev._outlets.size;
      body.appendChild(EM.el("span", "ev-src", n + " mention" + (n === 1 ? "" : "s") + " \u00b7 " +
        o + " outlet" + (o === 1 ? "" : "s") + ((data.disagreementsByEvent.get(ev.id) || []).length ? " \u00b7 disputed" : "")));
      item.appendChild(body);
      item.addEventListener("click", function () { EM.select(ev.id); });
      root.appendChild(item);
    });
  }

  function boot(raw, world) {
    var data = EM.normalize(raw);
    data.raw = raw && typeof raw === "object" ? { title: raw.title } : {};
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
      var vis = EM.visibleEvents(data);
      var hidden = data.events.filter(function (e) { return !e._salient; }).length;
      count.textContent = "Showing " + vis.length + " of " + data.events.length + " events" +
        (hidden && !EM.filters.all && !EM.filters.q ? " (the most important; tick “Show all events” for the rest)" : "");
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
    apply();
    doc.body.setAttribute("data-ready", "1");
  }

  function start() {
    Promise.all([loadData(), loadWorld()]).then(function (r) { boot(r[0], r[1]); })
      .catch(function (err) {
        var t = doc.getElementById("title");
        if (t) t.textContent = "Could not load the event map: " + (err && err.message ? err.message : err);
        doc.body.setAttribute("data-ready", "error");
      });
  }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
