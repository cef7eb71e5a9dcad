/* Event detail panel: summary, time, source sentences, modality, disagreements, why merged, links. */
(function (global) {
  "use strict";
  var EM = global.EM;
  var MODALITIES = ["asserted", "reported", "alleged", "denied", "hypothetical", "planned"];

  function badge(kind, text) {
    var k = String(kind || "unknown").toLowerCase().replace(/[^a-z_]/g, "");
    var cls = MODALITIES.indexOf(k) >= 0 ? "badge mod-" + k : "badge mod-other";
    return EM.el("span", cls, text || kind || "unknown");
  }
  EM.badge = badge;

  function row(dl, label, valueNode) {
    dl.appendChild(EM.el("dt", null, label));
    var dd = EM.el("dd");
    if (typeof valueNode === "string") dd.textContent = valueNode;
    else if (valueNode) dd.appendChild(valueNode);
    dl.appendChild(dd);
  }

  // sentence text with the time expression marked (textContent only)
  function sentenceNode(sentence, timeText) {
    var q = EM.el("blockquote", "sentence");
    var s = String(sentence || "");
    var t = timeText ? String(timeText) : "";
    var i = t ? s.indexOf(t) : -1;
    if (i < 0) { q.textContent = s; return q; }
    q.appendChild(document.createTextNode(s.slice(0, i)));
    q.appendChild(EM.el("mark", null, t));
    q.appendChild(document.createTextNode(s.slice(i + t.length)));
    return q;
  }

  function articleLine(data, articleId) {
    var a = data.articleById.get(String(articleId)) || {};
    var line = EM.el("div", "src-article");
    var title = a.title ? String(a.title) : (a.path ? String(a.path) : "article " + String(articleId));
    var url = EM.safeUrl(a.url);
    var t;
    if (url) {
      t = EM.el("a", "src-title", title);
      t.href = url;
      t.target = "_blank";
      t.rel = "noopener noreferrer";
    } else {
      t = EM.el("span", "src-title", title);
    }
    line.appendChild(t);
    if (a.duplicate_of) {
      var dup = EM.el("span", "dup", "copy (" + (a.duplicate_kind || "dup") + ") of " +
        EM.articleOutlet(data, a.duplicate_of));
      line.appendChild(dup);
    }
    return { node: line, article: a };
  }

  EM.Detail = function (root, data) {
    this.root = root;
    this.data = data;
    var self = this;
    EM.on("select", function (id) { self.show(id); });
    this.show(null);
  };

  EM.Detail.prototype.show = function (id) {
    var root = this.root, data = this.data;
    EM.clear(root);
    var ev = id ? data.eventById.get(id) : null;
    if (!ev) {  // no event selected: the story overview (overview.js)
      if (EM.renderOverview) EM.renderOverview(root, data);
      else root.appendChild(EM.el("div", "detail-empty",
        "Select an event in the timeline, graph or list to see its sources."));
      return;
    }
    var head = EM.el("div", "detail-head");
    head.appendChild(EM.el("h2", "detail-title", ev.summary));
    var close = EM.el("button", "btn small close", "\u00d7");
    close.title = "Close";
    close.setAttribute("aria-label", "Close detail");
    close.addEventListener("click", function () { EM.select(null); });
    head.appendChild(close);
    root.appendChild(head);

    var dl = EM.el("dl", "detail-meta");
    row(dl, "When", EM.fmtTime(ev.time));
    if (ev.storyline) {
      var sl = data.storylineById.get(String(ev.storyline));
      var sw = EM.el("span", "sl-label", sl ? String(sl.label || sl.id) : String(ev.storyline));
      sw.style.borderLeftColor = EM.colorOf(data, ev);
      row(dl, "Storyline", sw);
    }
    if (ev.place) row(dl, "Where", EM.entityName(data, ev.place));
    if (ev.actors.length) {
      var chips = EM.el("div", "chips");
      ev.actors.forEach(function (a) {
        var c = EM.el("button", "chip", EM.entityName(data, a));
        c.title = "Filter by this entity";
        c.addEventListener("click", function () { EM.emit("entity", a); });
        chips.appendChild(c);
      });
      row(dl, "Actors", chips);
    }
    row(dl, "Outlets", Array.from(ev._outlets).filter(function (o) { return !/^unknown$/i.test(o); })
      .join(", ") || "\u2014");
    root.appendChild(dl);

    var dgs = data.disagreementsByEvent.get(ev.id) || [];
    if (dgs.length) {
      var dsec = EM.el("section", "detail-sec disagreements");
      dsec.appendChild(EM.el("h3", null, "Outlets disagree (" + dgs.length + ")"));
      dgs.forEach(function (dg) {
        var box = EM.el("div", "dg");
        // claims all from one source (an article and its copies): an update or a slip, said as such
        var origins = new Set((Array.isArray(dg.claims) ? dg.claims : []).map(function (cl) {
          var a = cl && data.articleById.get(String(cl.article));
          return a ? String(a.duplicate_of || a.id) : "";
        }));
        box.appendChild(EM.el("div", "dg-kind", "on " + String(dg.kind || "claim") +
          (origins.size === 1 ? " — one source, two accounts (an update or a slip)" : "")));
        (Array.isArray(dg.claims) ? dg.claims : []).forEach(function (cl) {
          if (!cl || typeof cl !== "object") return;
          var c = EM.el("div", "claim");
          var top = EM.el("div", "claim-top");
          top.appendChild(badge(cl.stance, cl.stance));
          top.appendChild(EM.el("span", "outlet", EM.sourceLabel(data, cl.article)));
          c.appendChild(top);
          c.appendChild(EM.el("div", "claim-text", cl.text));
          box.appendChild(c);
        });
        dsec.appendChild(box);
      });
      root.appendChild(dsec);
    }

    var sec = EM.el("section", "detail-sec");
    sec.appendChild(EM.el("h3", null, "Sources (" + ev.mentions.length + ")"));
    ev.mentions.forEach(function (m) {
      var card = EM.el("div", "mention");
      var al = articleLine(data, m.article);
      var top = EM.el("div", "mention-top");
      top.appendChild(badge(m.modality, m.modality));
      var outlet = EM.articleOutlet(data, m.article);
      top.appendChild(EM.el("span", outlet ? "outlet" : "outlet none", outlet || "outlet unknown"));
      if (al.article.published) top.appendChild(EM.el("span", "pub", String(al.article.published)));
      card.appendChild(top);
      card.appendChild(al.node);
      card.appendChild(sentenceNode(m.sentence, m.time_text));
      sec.appendChild(card);
    });
    root.appendChild(sec);

    // Why the mentions were merged: each merged mention's matched signals and score (textContent only).
    var evidence = (Array.isArray(ev.merge_evidence) ? ev.merge_evidence : []).filter(function (x) {
      return x && typeof x === "object";
    });
    if (evidence.length) {
      var byMention = new Map(ev.mentions.map(function (m) { return [String(m.id), m]; }));
      var wsec = EM.el("section", "detail-sec why-merged");
      wsec.appendChild(EM.el("h3", null, "Why merged (" + evidence.length + ")"));
      var list = EM.el("ul", "why-list");
      evidence.forEach(function (x) {
        var m = byMention.get(String(x.mention));
        var who = m ? EM.articleOutlet(data, m.article) || "unknown outlet" : "a mention";
        var signals = (Array.isArray(x.signals) ? x.signals : []).map(function (sg) {
          var value = sg && (sg.name || sg.value) ? " " + String(sg.name || sg.value) : "";
          return String((sg && sg.label) || (sg && sg.kind) || "") + value;
        });
        var text = x.correction != null ? who + ": merged by a person (correction " + String(x.correction) + ")"
          : who + ": " + signals.join(", ") + " (score " + Number(x.score).toFixed(2) + " \u2265 " +
            Number(x.threshold).toFixed(2) + ")";
        list.appendChild(EM.el("li", "why", text));
      });
      wsec.appendChild(list);
      root.appendChild(wsec);
    }

    var rel = data.links.filter(function (l) { return String(l.source) === ev.id || String(l.target) === ev.id; });
    if (rel.length) {
      var lsec = EM.el("section", "detail-sec");
      lsec.appendChild(EM.el("h3", null, "Linked events (" + rel.length + ")"));
      rel.forEach(function (l) {
        var out = String(l.source) === ev.id;
        var other = data.eventById.get(String(out ? l.target : l.source));
        var line = EM.el("div", "linkrow");
        var st = EM.LINK_STYLE[l.kind] || { label: String(l.kind) };
        var kind = l.kind === "before" ? (out ? "before \u2192" : "\u2190 after")
          : l.kind === "cause" ? (out ? "causes \u2192" : "\u2190 caused by") : st.label;
        line.appendChild(EM.el("span", "link-kind lk-" + String(l.kind).replace(/[^a-z_]/g, ""), kind));
        var otherId = String(out ? l.target : l.source);
        var b = EM.el("button", "linklike", other ? other.summary : "(beyond the default view: load it)");
        b.addEventListener("click", function () {  // the rest of the map is read on demand (data.js)
          if (other) EM.select(other.id);
          else EM.loadRest(data).then(function () { EM.select(otherId); }, function () {});
        });
        line.appendChild(b);
        if (l.evidence) line.appendChild(EM.el("span", "evidence", "\u201c" + l.evidence + "\u201d"));
        lsec.appendChild(line);
      });
      root.appendChild(lsec);
    }
    root.scrollTop = 0;
  };
})(window);
