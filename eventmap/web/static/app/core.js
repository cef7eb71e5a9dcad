/* eventmap UI core: data normalisation, DOM helpers, filters, selection.
 * All article-derived text goes into the DOM through textContent only. */
(function (global) {
  "use strict";
  var EM = global.EM = global.EM || {};

  // ---------- DOM helpers (never innerHTML with data) ----------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) {
    while (node && node.firstChild) node.removeChild(node.firstChild);
  }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    var u = url.trim();
    return /^https?:\/\//i.test(u) ? u : null;
  }
  EM.el = el;
  EM.clear = clear;
  EM.safeUrl = safeUrl;

  // ---------- dates ----------
  var DATE_RE = /^(-?\d{1,6})(?:-(\d{1,2}))?(?:-(\d{1,2}))?/;
  function utc(y, m, d) {
    var t = new Date(Date.UTC(2000, m, d));
    t.setUTCFullYear(y);
    return t;
  }
  // Parse "YYYY", "YYYY-MM", "YYYY-MM-DD" (or a longer ISO string). isEnd: last day of the unit.
  function parseDate(s, isEnd) {
    if (typeof s !== "string") return null;
    var m = DATE_RE.exec(s.trim());
    if (!m) return null;
    var y = parseInt(m[1], 10);
    if (!isFinite(y)) return null;
    if (m[2] === undefined) return isEnd ? utc(y, 11, 31) : utc(y, 0, 1);
    var mo = Math.min(Math.max(parseInt(m[2], 10) - 1, 0), 11);
    if (m[3] === undefined) return isEnd ? utc(y, mo + 1, 0) : utc(y, mo, 1);
    return utc(y, mo, parseInt(m[3], 10));
  }
  var DAY = 86400000;
  // -> {start: Date, end: Date (exclusive), span: bool} or null when undated
  function eventInterval(ev) {
    var t = ev.time;
    if (!t || typeof t !== "object") return null;
    var start = parseDate(t.start, false) || parseDate(t.value, false);
    var end = parseDate(t.end, true) || parseDate(t.value, true) || start;
    if (!start) return null;
    if (!end || end < start) end = start;
    var g = t.granularity || "day";
    var span = g !== "day" || end.getTime() - start.getTime() >= DAY;
    return { start: start, end: new Date(end.getTime() + DAY), span: span };
  }
  function fmtTime(t) {
    if (!t || typeof t !== "object") return "undated";
    var s = t.value || t.start || "?";
    if (t.start && t.end && t.start !== t.end) s += " (" + t.start + " \u2013 " + t.end + ")";
    if (t.granularity) s += " \u00b7 " + t.granularity;
    if (t.approximate) s = "\u2248 " + s;
    return s;
  }
  EM.parseDate = parseDate;
  EM.eventInterval = eventInterval;
  EM.fmtTime = fmtTime;

  // ---------- data ----------
  function arr(x) { return Array.isArray(x) ? x.filter(function (v) { return v !== null && v !== undefined; }) : []; }
  function str(x) { return x === null || x === undefined ? "" : String(x); }

  var PALETTE = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2",
    "#65a30d", "#dc2626", "#4f46e5", "#ca8a04"];
  function objects(x) { return arr(x).filter(function (v) { return typeof v === "object"; }); }

  // One event as the views use it: its own fields checked, plus what filtering needs.
  function prepEvent(data, ev, i) {
    ev.id = str(ev.id) || "event-" + i;
    ev.summary = str(ev.headline) || str(ev.summary) || "(no summary)";
    ev.actors = arr(ev.actors).map(str);
    ev.mentions = objects(ev.mentions);
    ev.articles = arr(ev.articles).map(str);
    ev.outlets = arr(ev.outlets).map(str);
    ev._interval = eventInterval(ev);
    ev.salience = typeof ev.salience === "number" ? ev.salience : 0;
    // the map's default view: the salient layer (an export without the field shows everything)
    ev._salient = ev.salient !== false;
    if (!ev.storyline) ev.storyline = data.storylineOf.get(ev.id) || null;
    var outlets = new Set(ev.outlets);
    ev.mentions.forEach(function (m) {
      var a = data.articleById.get(str(m.article));
      if (a && a.outlet) outlets.add(str(a.outlet));
    });
    ev._outlets = outlets;
    var text = [ev.summary];
    ev.mentions.forEach(function (m) { text.push(str(m.sentence)); });
    ev._text = text.join("\n").toLowerCase();
    var ents = new Set(ev.actors);
    if (ev.place) ents.add(str(ev.place));
    ev._entities = ents;
  }

  // Add a layer's items (the head, or the rest read later) to ``data``; items already there by id
  // are replaced only for storylines and stories (the rest has them whole). ``had``: the events
  // loaded before, whose links and disagreements came with them (a rest may be the whole map).
  function addItems(data, d, had) {
    objects(d.articles).forEach(function (a) {
      if (!data.articleById.has(str(a.id))) { data.articles.push(a); data.articleById.set(str(a.id), a); }
    });
    objects(d.entities).forEach(function (e) {
      if (!data.entityById.has(str(e.id))) { data.entities.push(e); data.entityById.set(str(e.id), e); }
    });
    objects(d.storylines).forEach(function (s) {
      var id = str(s.id);
      if (data.storylineById.has(id)) data.storylines[data.storylines.indexOf(data.storylineById.get(id))] = s;
      else { data.storylines.push(s); data.storylineColor.set(id, PALETTE[data.storylineColor.size % PALETTE.length]); }
      data.storylineById.set(id, s);
      arr(s.events).forEach(function (eid) { data.storylineOf.set(str(eid), id); });
    });
    objects(d.stories).forEach(function (s) {
      var i = data.stories.findIndex(function (x) { return str(x.id) === str(s.id); });
      if (i >= 0) data.stories[i] = s; else data.stories.push(s);
    });
    objects(d.events).forEach(function (ev) {
      if (data.eventById.has(str(ev.id))) return;
      prepEvent(data, ev, data.events.length);
      data.events.push(ev);
      data.eventById.set(ev.id, ev);
    });
    objects(d.links).forEach(function (l) {
      if (!had || !(had.has(str(l.source)) || had.has(str(l.target)))) data.links.push(l);
    });
    objects(d.disagreements).forEach(function (dg) {
      if (had && had.has(str(dg.event))) return;
      data.disagreements.push(dg);
      if (dg.event === null || dg.event === undefined) return;
      var k = str(dg.event);
      if (!data.disagreementsByEvent.has(k)) data.disagreementsByEvent.set(k, []);
      data.disagreementsByEvent.get(k).push(dg);
    });
  }

  EM.normalize = function (raw) {
    var d = raw && typeof raw === "object" ? raw : {};
    var data = {
      schema: str(d.schema),
      stats: d.stats && typeof d.stats === "object" ? d.stats : {},
      overview: d.overview && typeof d.overview === "object" ? d.overview : null,
      view: d.view && typeof d.view === "object" ? d.view : {},
      articles: [], entities: [], events: [], links: [], storylines: [], stories: [], disagreements: [],
      articleById: new Map(), entityById: new Map(), storylineById: new Map(), storylineOf: new Map(),
      eventById: new Map(), disagreementsByEvent: new Map(), storylineColor: new Map()
    };
    addItems(data, d);
    data.restLoaded = !data.view.rest || data.view.rest === "none";
    return data;
  };
  // The rest of the map (every event beyond the default view) into ``data``; once.
  EM.addRest = function (data, rest) {
    if (data.restLoaded) return;
    addItems(data, rest && typeof rest === "object" ? rest : {}, new Set(data.eventById.keys()));
    data.restLoaded = true;
  };
  EM.totalEvents = function (data) {
    var n = Number(data.view.events_total);
    return data.restLoaded || !isFinite(n) ? data.events.length : Math.max(n, data.events.length);
  };
  EM.colorOf = function (data, ev) {
    return (ev && ev.storyline && data.storylineColor.get(str(ev.storyline))) || "#64748b";
  };
  EM.entityName = function (data, id) {
    var e = data.entityById.get(str(id));
    return e ? str(e.name) || str(id) : str(id);
  };
  EM.articleOutlet = function (data, id) {
    var a = data.articleById.get(str(id));
    var o = a ? str(a.outlet).trim() : "";
    return /^(unknown|none|null|n\/a)?$/i.test(o) ? "" : o;
  };
  // who said it: the outlet, else the article's title or file name (many corpora have no outlet)
  EM.sourceLabel = function (data, id) {
    var o = EM.articleOutlet(data, id);
    if (o) return o;
    var a = data.articleById.get(str(id)) || {};
    var t = str(a.title).trim() || str(a.path).split(/[\\/]/).pop() || "unknown source";
    return t.length > 60 ? t.slice(0, 59) + "\u2026" : t;
  };
  // Page title: the export's own title, the one shared article title, else the most involved entities.
  EM.storyTitle = function (data, raw) {
    if (raw && typeof raw.title === "string" && raw.title.trim()) return raw.title.trim();
    if (data.overview && data.overview.title) return str(data.overview.title);
    var titles = new Set();
    data.articles.forEach(function (a) { if (!a.duplicate_of && a.title) titles.add(str(a.title).trim()); });
    if (titles.size === 1) return Array.from(titles)[0];
    var n = new Map();
    data.events.forEach(function (ev) { ev._entities.forEach(function (id) { n.set(id, (n.get(id) || 0) + 1); }); });
    var names = [], seen = new Set();
    Array.from(n.keys()).sort(function (a, b) { return n.get(b) - n.get(a); }).forEach(function (id) {
      var name = EM.entityName(data, id).replace(/^the\s+/i, "").trim();
      if (names.length < 3 && name && !seen.has(name.toLowerCase())) { seen.add(name.toLowerCase()); names.push(name); }
    });
    return names.length ? names.join(" \u00b7 ") : "Event map";
  };

  // ---------- filters ----------
  EM.filters = { storyline: "", entity: "", outlet: "", from: null, to: null, q: "", all: false };
  EM.matches = function (ev) {
    var f = EM.filters;
    // The map opens on the most salient events; "Show all events" or a search reaches the rest.
    if (!ev._salient && !f.all && !f.q) return false;
    if (f.storyline && str(ev.storyline) !== f.storyline) return false;
    if (f.entity && !ev._entities.has(f.entity)) return false;
    if (f.outlet && !ev._outlets.has(f.outlet)) return false;
    if (f.from || f.to) {
      var iv = ev._interval;
      if (!iv) return false;
      if (f.from && iv.end <= f.from) return false;
      if (f.to && iv.start > f.to) return false;
    }
    if (f.q) {
      var terms = f.q.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < terms.length; i++) if (ev._text.indexOf(terms[i]) < 0) return false;
    }
    return true;
  };
  EM.visibleEvents = function (data) { return data.events.filter(EM.matches); };
  function startOf(e) { return e._interval ? e._interval.start.getTime() : Infinity; }
  // most salient first, then earliest
  EM.bySalience = function (a, b) { return b.salience - a.salience || startOf(a) - startOf(b); };

  // ---------- tiny event bus ----------
  var handlers = {};
  EM.on = function (name, fn) { (handlers[name] = handlers[name] || []).push(fn); };
  EM.emit = function (name, arg) {
    (handlers[name] || []).forEach(function (fn) {
      try { fn(arg); } catch (err) { if (global.console) console.error(err); }
    });
  };
  EM.select = function (id) { EM.selected = id; EM.emit("select", id); };
})(window);
