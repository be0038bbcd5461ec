/* The search worker of the hub, speaking Material for MkDocs' worker protocol (SETUP 0, READY 1, QUERY 2,
 * RESULT 3). Material's own index (search_index.json) is empty on purpose; engine.js reads the hub's index.
 *
 * - Every query is answered, unless a newer one arrived before its answer was ready: then only the
 *   newest is answered (typing fast never shows an older query's results last), and a query overtaken
 *   before its results were ranked fetches nothing more.
 * - If meta.json cannot be read, queries are answered with no results and the next query tries again.
 * - Files are fetched once each; one that failed is fetched again by the next query that needs it.
 * - If the site was rebuilt meanwhile (a file of this build is gone), the next query starts afresh. */
importScripts("vn.js", "excerpt.js", "engine.js");

var base = new URL("../../", self.location.href).href;
var engine = null, opening = null, latest = 0, stale = false;
/* For tests: the last query answered, and the number answered. */
self.xhhtAnswered = { query: null, count: 0 };

function fetchJSON(url, options) {
  return fetch(url, options && options.fresh ? { cache: "no-cache" } : undefined).then(function (response) {
    if (!response.ok) {
      if (response.status === 404 || response.status === 410) stale = true;
      throw new Error(url + ": HTTP " + response.status);
    }
    return response.json();
  });
}

function open() {
  if (engine && !stale) return Promise.resolve(engine);
  if (!opening) {
    opening = XhhtEngine.Engine.open(base, fetchJSON).then(function (opened) {
      if (!engine || opened.meta.version !== engine.meta.version) engine = opened;
      stale = false;
      opening = null;
      return engine;
    }, function (error) {
      opening = null;
      if (engine) return engine;  /* meta.json unreachable: keep the index we have */
      throw error;
    });
  }
  return opening;
}

function answer(number, query, result) {
  if (number !== latest) return;  /* a newer query is on its way */
  self.xhhtAnswered = { query: query, count: self.xhhtAnswered.count + 1 };
  postMessage({ type: 3, data: result });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    open().catch(function (error) { console.warn("search unavailable:", error.message); })
      .then(function () { postMessage({ type: 1 }); });
  } else if (message.type === 2) {
    var number = ++latest, query = message.data;
    var overtaken = function () { return number !== latest; };
    open().then(function (opened) { return opened.search(query, overtaken); }).then(function (result) {
      if (result) answer(number, query, result);
    }, function (error) {
      console.warn("search failed:", error && error.message);
      answer(number, query, { items: [] });
    });
  }
});
