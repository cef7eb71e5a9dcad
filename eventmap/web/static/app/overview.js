/* The story overview the detail pane opens on: what the story is, the briefing's "in brief" with its
 * citations, the main storylines. All article text goes in through textContent. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var SHOWN_CITES = 3; // citations shown after a sentence (the rest counted)

  function fmtDay(s) {
    var d = EM.parseDate(String(s || ""), false);
    if (!d) return "";
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }
  // "12 Mar 2025 – 2 Apr 2025", or one day
  EM.storyDates = function (ov) {
    if (!ov || !ov.first) return "";
    var a = fmtDay(ov.first), b = fmtDay(ov.last || ov.first);
    return a === b ? a : a + " \u2013 " + b;
  };
  EM.plural = function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); };

  function cite(data, articleId, number, sources) {
    var b = EM.el("button", "cite", "[" + number + "]");
    var a = data.articleById.get(String(articleId)) || {};
    b.title = String(a.title || a.path || articleId) + (EM.articleOutlet(data, articleId) ?
      " \u2014 " + EM.articleOutlet(data, articleId) : "");
    b.addEventListener("click", function () {
      var li = sources.querySelector("[data-n='" + number + "']");
      if (li) { li.classList.add("hit"); li.scrollIntoView({ block: "nearest" }); }
    });
    return b;
  }

  EM.renderOverview = function (root, data) {
    var ov = data.overview;
    var box = EM.el("div", "overview");
    box.appendChild(EM.el("h2", "ov-title", EM.storyTitle(data, data.raw)));
    if (ov) {
      var facts = [EM.storyDates(ov), EM.plural(ov.articles, "article"), EM.plural(ov.outlets, "outlet"),
        EM.plural(ov.independent_origins, "independent origin")].filter(Boolean);
      box.appendChild(EM.el("div", "ov-meta", facts.join(" \u00b7 ")));
    }
    var sources = EM.el("ol", "ov-sources");
    var numbers = new Map();
    var brief = ov && Array.isArray(ov.brief) ? ov.brief : [];
    if (brief.length) {
      box.appendChild(EM.el("h3", null, "The story in brief"));
      var p = EM.el("p", "ov-brief");
      brief.forEach(function (item) {
        if (!item || typeof item !== "object") return;
        var s = EM.el("span", "ov-sent", item.text);
        p.appendChild(s);
        if (item.note) p.appendChild(EM.el("em", "ov-note", " (" + item.note + ")"));
        var cites = Array.isArray(item.cites) ? item.cites : [];
        cites.slice(0, SHOWN_CITES).forEach(function (aid) {
          if (!numbers.has(aid)) numbers.set(aid, numbers.size + 1);
          p.appendChild(cite(data, aid, numbers.get(aid), sources));
        });
        if (cites.length > SHOWN_CITES) {
          p.appendChild(EM.el("span", "cite more", "+" + (cites.length - SHOWN_CITES) + " more sources"));
        }
        p.appendChild(document.createTextNode(" "));
      });
      box.appendChild(p);
    }
    var lines = ov && Array.isArray(ov.storylines) ? ov.storylines : [];
    if (lines.length) {
      box.appendChild(EM.el("h3", null, "Main storylines"));
      var ul = EM.el("ul", "ov-storylines");
      lines.forEach(function (s) {
        if (!s || typeof s !== "object") return;
        var li = EM.el("li");
        var b = EM.el("button", "linklike ov-storyline", s.heading || s.label || s.id);
        b.setAttribute("data-storyline", String(s.id));
        b.title = "Show this storyline in the graph";
        b.style.borderLeftColor = data.storylineColor.get(String(s.id)) || "#64748b";
        b.addEventListener("click", function () { EM.emit("storyline", String(s.id)); });
        li.appendChild(b);
        li.appendChild(EM.el("span", "ov-count", " " + EM.plural(Number(s.events) || 0, "event")));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    if (numbers.size) {
      box.appendChild(EM.el("h3", null, "Sources cited"));
      numbers.forEach(function (n, aid) {
        var a = data.articleById.get(String(aid)) || {};
        var li = EM.el("li", null, String(a.title || a.path || aid));
        li.setAttribute("data-n", String(n));
        var o = EM.articleOutlet(data, aid);
        if (o || a.published) li.appendChild(EM.el("span", "ov-src", " \u2014 " + [o, a.published].filter(Boolean).join(", ")));
        sources.appendChild(li);
      });
      box.appendChild(sources);
    }
    box.appendChild(EM.el("div", "detail-empty",
      "Select an event in the timeline, graph or list to see its sources."));
    root.appendChild(box);
  };
})(window);
