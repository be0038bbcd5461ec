/* The search worker of the hub, speaking Material for MkDocs' worker protocol
 * (SETUP 0, READY 1, QUERY 2, RESULT 3). Material's own index (search_index.json)
 * is empty on purpose; this worker loads the hub's sharded Vietnamese index instead. */
importScripts("lunr.min.js", "vn.js", "engine.js");

var base = new URL("../../", self.location.href).href;
var engine = null;

function fetchJSON(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ": HTTP " + response.status);
    return response.json();
  });
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === 0) {
    XhhtEngine.Engine.open(base, fetchJSON).then(function (opened) {
      engine = opened;
      postMessage({ type: 1 });
    });
  } else if (message.type === 2) {
    engine.search(message.data).then(function (result) {
      postMessage({ type: 3, data: result });
    }, function (error) {
      console.warn("search failed:", error);
      postMessage({ type: 3, data: { items: [] } });
    });
  }
});
