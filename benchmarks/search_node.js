/* Runs the site's own search engine (assets/search/engine.js) under Node, on a built site.
 * stdin: {"site": dir, "queries": [..], "repeat": n, "withItems": bool, "keystrokes": bool}
 * stdout: {"results": [{"q", "groups", "ms", "coldBytes", "items"?}]}
 * Used by tests/test_search.py and benchmarks/search_*.py: what the browser would do, minus the network.
 * coldBytes: gzipped bytes of the index files a fresh engine fetched for the query (typed keystroke by
 * keystroke when "keystrokes" is set, every keystroke answered). ms: the fastest of `repeat` warm runs. */
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const site = path.resolve(input.site) + "/";
const { Engine } = require(path.join(site, "assets/search/engine.js"));
const fetched = {};
const fetchJSON = url => {
  let data;
  try { data = fs.readFileSync(url); } catch (e) { return Promise.reject(new Error(url + ": HTTP 404")); }
  fetched[url] = zlib.gzipSync(data, { level: 9 }).length;
  return Promise.resolve(JSON.parse(data.toString("utf8")));
};
(async () => {
  const results = [];
  for (const q of input.queries) {
    for (const k of Object.keys(fetched)) delete fetched[k];
    const engine = await Engine.open(site, fetchJSON);  // cold: what a first query costs
    let result;
    if (input.keystrokes) for (let n = 1; n < q.length; n++) await engine.search(q.slice(0, n));
    result = await engine.search(q);
    const coldBytes = Object.values(fetched).reduce((a, b) => a + b, 0);
    let ms = Infinity;
    for (let i = 0; i < (input.repeat || 1); i++) {  // warm: once loaded
      const t = process.hrtime.bigint();
      result = await engine.search(q);
      ms = Math.min(ms, Number(process.hrtime.bigint() - t) / 1e6);
    }
    const groups = result.items.map(group => group.map(item => item.location));
    results.push({ q, groups, ms, coldBytes, files: Object.keys(fetched).length,
                   items: input.withItems ? result.items : undefined });
  }
  process.stdout.write(JSON.stringify({ results }));
})().catch(e => { console.error(e); process.exit(1); });
