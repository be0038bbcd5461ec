/* Search engine of the hub: loads the index shards a query needs, lets lunr.js load
 * them as a lunr index, ranks, groups and highlights results in Material's format.
 * Runs in the search worker (worker.js) and, for tests and benchmarks, under Node. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./lunr.min.js"), require("./vn.js"));
  else root.XhhtEngine = factory(root.lunr, root.XhhtVn);
})(typeof self !== "undefined" ? self : this, function (lunr, vn) {
  "use strict";

  var MAX_ENTRIES = 60;   /* entries ranked before grouping */
  var MAX_GROUPS = 20;    /* result groups returned */
  var SNIPPET = 180;      /* characters of snippet text */

  /* What a query asks for: words (folded, accented), phrases (bigrams), codes, and the shards needed. */
  function plan(query) {
    var parsed = vn.tokens(query), words = [], bigrams = [], codes = [], previous = null, end = 0;
    parsed.tokens.forEach(function (t) {
      if (parsed.text.slice(end, t.start).trim()) previous = null;
      end = t.end;
      if (vn.isCode(t.token)) codes.push("#" + vn.fold(t.token));
      t.parts.forEach(function (p) {
        var folded = vn.fold(p.text);
        words.push({ typed: p.text, folded: folded, accent: vn.accentKey(p.text) });
        if (previous !== null) bigrams.push(previous + "+" + folded);
        previous = folded;
      });
    });
    var exact = words.length ? vn.exactTerm(query) : null;
    var keys = {};
    if (exact) keys[vn.shardKey(exact)] = true;
    words.forEach(function (w) { keys[vn.shardKey(w.folded)] = true; });
    codes.forEach(function (c) { keys[vn.shardKey(c)] = true; });
    return { words: words, bigrams: bigrams, codes: codes, exact: exact, keys: Object.keys(keys) };
  }

  function editDistanceAtMostOne(a, b) {
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (b.length > a.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  /* Which typed words a result matched, in any of their forms. */
  function coverage(p, matched) {
    var last = p.words.length - 1;
    return p.words.map(function (w, n) {
      return matched.some(function (term) {
        if (term === w.folded || term === w.accent) return true;
        if ("_#=".indexOf(term.charAt(0)) >= 0 || term.indexOf("+") >= 0) return false;
        if (n === last && w.folded.length >= 2 && term.indexOf(w.folded) === 0) return true;
        return w.folded.length >= 5 && editDistanceAtMostOne(term, w.folded);
      });
    });
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Spans [start, end) of `text` (NFC) whose words match the query, for <mark>. The last
   * typed word may be unfinished: it marks words it begins only if it matches no word whole. */
  function matchSpans(text, p) {
    var parts = [], last = p.words.length - 1;
    vn.tokens(text).tokens.forEach(function (t) {
      t.parts.forEach(function (part) { parts.push([part.start, part.end, vn.fold(part.text)]); });
    });
    var exact = {};
    parts.forEach(function (part) { p.words.forEach(function (w, n) { if (part[2] === w.folded) exact[n] = true; }); });
    return parts.filter(function (part) {
      return p.words.some(function (w, n) {
        return part[2] === w.folded ||
          (n === last && !exact[n] && w.folded.length >= 2 && part[2].indexOf(w.folded) === 0);
      });
    }).map(function (part) { return [part[0], part[1]]; });
  }

  function highlight(text, spans, from, to) {
    var out = "", at = from;
    spans.forEach(function (s) {
      if (s[0] < from || s[1] > to) return;
      out += escapeHtml(text.slice(at, s[0])) + "<mark>" + escapeHtml(text.slice(s[0], s[1])) + "</mark>";
      at = s[1];
    });
    return out + escapeHtml(text.slice(at, to));
  }

  /* A window of the text around its first match, highlighted in the original accented words. */
  function snippet(raw, p) {
    var text = (raw || "").normalize("NFC").replace(/\s+/g, " ").trim();
    if (!text) return "";
    var spans = matchSpans(text, p);
    var from = spans.length ? Math.max(0, spans[0][0] - 50) : 0;
    if (from > 0) { var space = text.indexOf(" ", from); from = space >= 0 && space < spans[0][0] ? space + 1 : from; }
    var to = Math.min(text.length, from + SNIPPET);
    if (to < text.length) { var cut = text.lastIndexOf(" ", to); to = cut > from ? cut : to; }
    return "<p>" + (from > 0 ? "… " : "") + highlight(text, spans, from, to) + (to < text.length ? " …" : "") + "</p>";
  }

  function Engine(base, meta, fetchJSON) {
    this.base = base;
    this.meta = meta;
    this.fetchJSON = fetchJSON;
    this.available = {};
    meta.shards.forEach(function (f) { this.available[f] = true; }, this);
    this.loaded = {};
    this.terms = [];
    this.index = null;
    this.store = {};
  }

  Engine.open = function (base, fetchJSON) {
    return fetchJSON(base + "search/meta.json").then(function (meta) { return new Engine(base, meta, fetchJSON); });
  };

  Engine.prototype.ensureShards = function (keys) {
    var self = this;
    var missing = keys.map(vn.shardFile).filter(function (f) { return self.available[f] && !self.loaded[f]; });
    if (!missing.length) return Promise.resolve();
    return Promise.all(missing.map(function (f) {
      return self.fetchJSON(self.base + "search/t/" + f + ".json").then(function (terms) {
        self.loaded[f] = true;
        Array.prototype.push.apply(self.terms, terms);
      });
    })).then(function () { self.index = self.rebuild(); });
  };

  /* lunr's own serialized index, from the shards loaded so far, loaded by lunr.js. */
  Engine.prototype.rebuild = function () {
    var fields = this.meta.fields, vectors = {}, inverted = [];
    this.terms.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }).forEach(function (t) {
      var posting = { _index: t[1] };
      fields.forEach(function (f) { posting[f] = {}; });
      for (var i = 0; i < t[2].length; i += 3) {
        var field = fields[t[2][i]], ref = String(t[2][i + 1]);
        posting[field][ref] = {};
        (vectors[field + "/" + ref] = vectors[field + "/" + ref] || []).push([t[1], t[2][i + 2] / 1000]);
      }
      inverted.push([t[0], posting]);
    });
    var fieldVectors = Object.keys(vectors).sort().map(function (ref) {
      var flat = [];
      vectors[ref].sort(function (a, b) { return a[0] - b[0]; }).forEach(function (e) { flat.push(e[0], e[1]); });
      return [ref, flat];
    });
    return lunr.Index.load({ version: this.meta.lunr, fields: fields, fieldVectors: fieldVectors,
                             invertedIndex: inverted, pipeline: [] });
  };

  Engine.prototype.entries = function (positions) {
    var self = this, chunk = this.meta.chunk, need = {};
    positions.forEach(function (pos) { var c = Math.floor(pos / chunk); if (!self.store[c]) need[c] = true; });
    return Promise.all(Object.keys(need).map(function (c) {
      return self.fetchJSON(self.base + "search/s/" + c + ".json").then(function (rows) { self.store[c] = rows; });
    })).then(function () {
      var out = {};
      positions.forEach(function (pos) { out[pos] = self.store[Math.floor(pos / chunk)][pos % chunk]; });
      return out;
    });
  };

  /* Ranked entries: [{pos, parent, score, covered: [bool per word]}]. */
  Engine.prototype.rank = function (p) {
    if (!this.index || !(p.words.length || p.codes.length)) return [];
    var last = p.words.length - 1, opts = { usePipeline: false };
    var results = this.index.query(function (q) {
      p.words.forEach(function (w, n) {
        q.term(w.folded, { usePipeline: false, boost: 1 });
        if (w.accent) q.term(w.accent, { usePipeline: false, boost: 3 });
        if (n === last && w.folded.length >= 2)
          q.term(w.folded, { usePipeline: false, boost: 0.3, wildcard: lunr.Query.wildcard.TRAILING });
        if (w.folded.length >= 5) q.term(w.folded, { usePipeline: false, boost: 0.2, editDistance: 1 });
      });
      p.bigrams.forEach(function (b) { q.term(b, { usePipeline: false, boost: 5 }); });
      p.codes.forEach(function (c) { q.term(c, { usePipeline: false, boost: 10 }); });
      if (p.exact) q.term(p.exact, { usePipeline: false, boost: 20 });
    });
    var ranked = results.map(function (r) {
      var metadata = r.matchData.metadata;
      var covered = coverage(p, Object.keys(metadata));
      var inTitle = coverage(p, Object.keys(metadata).filter(function (term) { return "t" in metadata[term]; }));
      var code = p.codes.some(function (c) { return c in metadata; }) || (p.exact !== null && p.exact in metadata);
      var share = covered.length ? covered.filter(Boolean).length / covered.length : 0;
      var titleShare = inTitle.length ? inTitle.filter(Boolean).length / inTitle.length : 0;
      var parts = r.ref.split(">");
      /* Rank: a document number or a page's exact name matched, then how many typed words matched (all of them first),
       * then whether they all stand in the title; lunr's score orders the rest. */
      return { pos: +parts[0], parent: parts.length > 1 ? +parts[1] : null, score: r.score,
               covered: covered, rank: code ? 2 : share + (share === 1 && titleShare === 1 ? 0.5 : 0) };
    });
    ranked.sort(function (a, b) { return b.rank - a.rank || b.score - a.score || a.pos - b.pos; });
    /* Where some entries match every typed word, entries matching only some are noise. */
    var best = ranked.length ? Math.min(ranked[0].rank, 1) : 0;
    return ranked.filter(function (r) { return r.rank >= best; }).slice(0, MAX_ENTRIES);
  };

  /* Material's SearchResult: {items: [[page, ...entries in that page]]}. */
  Engine.prototype.search = function (query) {
    var self = this, p = plan(query || "");
    return this.ensureShards(p.keys).then(function () {
      var ranked = self.rank(p), groups = [], byPage = {};
      ranked.forEach(function (r) {
        var page = r.parent !== null ? r.parent : r.pos;
        if (!(page in byPage)) {
          if (groups.length >= MAX_GROUPS) return;
          byPage[page] = { page: page, members: [] };
          groups.push(byPage[page]);
        }
        byPage[page].members.push(r);
      });
      var positions = [];
      groups.forEach(function (g) { positions.push(g.page); g.members.forEach(function (m) { positions.push(m.pos); }); });
      return self.entries(positions).then(function (rows) {
        var kinds = self.meta.kinds;
        function item(pos, score, covered) {
          var row = rows[pos], terms = {};
          p.words.forEach(function (w, n) { terms[w.typed] = covered ? !!covered[n] : true; });
          var title = row[1].normalize("NFC");
          return { location: row[2], title: highlight(title, matchSpans(title, p), 0, title.length),
                   text: covered ? snippet(row[4], p) : "", tags: [kinds[row[0]]], score: score, terms: terms };
        }
        return { items: groups.map(function (g) {
          var best = g.members[0], own = null, children = [];
          g.members.forEach(function (m) { if (m.pos === g.page) own = m; else children.push(m); });
          var article = item(g.page, best.score, own ? own.covered : null);
          if (!own) article.score = best.score;
          return [article].concat(children.map(function (m) { return item(m.pos, m.score, m.covered); }));
        }) };
      });
    });
  };

  return { Engine: Engine, plan: plan, snippet: snippet, escapeHtml: escapeHtml };
});
