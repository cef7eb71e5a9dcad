/* Where the map's data comes from, and the rest of it on demand.
 *
 * The page opens on its head (the default view, the story overview): an inline JSON block in
 * map.html, or /api/map/head from `eventmap serve`. The rest (every other event) comes when the
 * reader searches or asks for all events: a second inline block (small maps), the sidecar
 * map-data.js next to map.html (read by a script element: browsers refuse fetch() of file://
 * URLs; the sidecar calls EM.receiveRest), or /api/map/rest. Nothing is ever read from elsewhere. */
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
  EM.readJsonBlock = readJsonBlock;
  EM.meta = meta;
  EM.getJson = getJson;

  EM.loadHead = function () {
    var d = readJsonBlock("eventmap-data");
    if (d !== undefined) return Promise.resolve(d);
    var api = meta("eventmap-api");
    if (api) return getJson(api + "/map/head");
    return Promise.resolve({});
  };

  // The sidecar calls this with the token of the page it was written with and the rest as JSON text.
  var pendingSidecar = null;
  EM.receiveRest = function (token, text) {
    if (!pendingSidecar) return;
    var p = pendingSidecar;
    pendingSidecar = null;
    if (String(token) !== String(p.token)) {
      p.reject(new Error("map-data.js is from another build of this map; rebuild it with " +
        "`eventmap build --from render` (or keep the map.html and map-data.js written together)"));
      return;
    }
    // the rest as JSON text, or (a large map) the whole map as an object: addRest skips what it has
    try { p.resolve(typeof text === "string" ? JSON.parse(text) : text); } catch (err) { p.reject(err); }
  };
  function loadSidecar(src, token) {
    return new Promise(function (resolve, reject) {
      pendingSidecar = { resolve: resolve, reject: reject, token: token };
      var s = doc.createElement("script");
      s.src = src;
      s.async = true;
      s.onerror = function () {
        pendingSidecar = null;
        reject(new Error(src + " was not found next to map.html: the events beyond the default view are " +
          "in it; keep the two files together"));
      };
      s.onload = function () {
        if (pendingSidecar) { pendingSidecar = null; reject(new Error(src + " did not hand over the map")); }
      };
      doc.head.appendChild(s);
    });
  }

  // -> Promise of the data with the rest added (at most one read, shared by every caller)
  var restPromise = null;
  EM.loadRest = function (data) {
    if (data.restLoaded) return Promise.resolve(data);
    if (restPromise) return restPromise;
    var how = String(data.view.rest || "none");
    var api = meta("eventmap-api");
    var got;
    if (how === "inline") got = Promise.resolve(readJsonBlock("eventmap-rest") || {});
    else if (how === "api" && api) got = getJson(api + "/map/rest");
    else if (/^[\w.-]+\.js$/.test(how)) got = loadSidecar(how, data.view.token);
    else got = Promise.resolve({});
    data.restState = "loading";
    restPromise = got.then(function (rest) {
      EM.addRest(data, rest);
      data.restState = "loaded";
      EM.emit("rest", data);
      return data;
    }, function (err) {
      data.restState = "error";
      data.restError = err && err.message ? err.message : String(err);
      restPromise = null;
      EM.emit("rest-error", data);
      throw err;
    });
    return restPromise;
  };
})(window);
