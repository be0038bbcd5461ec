/* Runs the site's own search engine (assets/search/engine.js) under Node, on a built site.
 * stdin: {"site": dir, "queries": [..], "repeat": n}; stdout: {"results": [{"q", "groups", "ms", "coldBytes"}]}
 * Used by tests/test_search.py and benchmarks/search_*.py: what the browser would do, minus the network. */
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const site = path.resolve(input.site) + "/";
const { Engine } = require(path.join(site, "assets/search/engine.js"));
const fetched = {};
const fetchJSON = url => {
  const data = fs.readFileSync(url);
  fetched[url] = zlib.gzipSync(data, { level: 9 }).length;
  return Promise.resolve(JSON.parse(data.toString("utf8")));
};
(async () => {
  const results = [];
  for (const q of input.queries) {
    const engine = await Engine.open(site, fetchJSON);  // cold: what a first query costs
    for (const k of Object.keys(fetched)) delete fetched[k];
    let result = await engine.search(q);
    const coldBytes = Object.values(fetched).reduce((a, b) => a + b, 0);
    let ms = Infinity;
    for (let i = 0; i < (input.repeat || 1); i++) {  // warm: once loaded
      const t = process.hrtime.bigint();
      result = await engine.search(q);
      ms = Math.min(ms, Number(process.hrtime.bigint() - t) / 1e6);
    }
    const groups = result.items.map(group => group.map(item => item.location));
    results.push({ q, groups, ms, coldBytes, items: input.withItems ? result.items : undefined });
  }
  process.stdout.write(JSON.stringify({ results }));
})().catch(e => { console.error(e); process.exit(1); });
