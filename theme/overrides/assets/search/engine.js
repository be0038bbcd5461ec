/* Search engine of the hub, in the search worker (worker.js) and, for tests and benchmarks, under Node.
 * It reads the index generator/search/ writes (see there for the files): the lexicon pages of the query's
 * words, the postings pages of their terms, then the store blocks of the results it shows. Scores are
 * lunr's (BM25 weights as lunr.py computes them, summed over fields and query terms, divided by the query
 * vector's length, as lunr.js does); ranking puts entries with every word first, then entries with most
 * words, weighted by the rarity of those missing, a word counting fully only where it weighs as much as a
 * word of a title or of a short text (see `covered`). Results are in Material's format. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./vn.js"), require("./excerpt.js"));
  else root.XhhtEngine = factory(root.XhhtVn, root.XhhtExcerpt);
})(typeof self !== "undefined" ? self : this, function (vn, ex) {
  "use strict";

  var MAX_GROUPS = 10, MAX_MEMBERS = 3, RANKED = 400;
  /* Entries checked against their stored text for the words cut from a common word's postings (`doubtful`). */
  var CHECKED = MAX_GROUPS * MAX_MEMBERS;
  var COMPLETIONS = 3, CORRECTIONS = 2, MAX_WORDS = 24;
  var BOOST = { word: 1, accent: 3, open: 0.3, typo: 0.2, phrase: 5, code: 10, exact: 20 };
  /* How much a word must weigh in an entry, for its rarity, to count as fully found there (`covered`). */
  var FOUND = 3;
  /* Words that never decide whether a page is found: with accents, and without them where unambiguous. */
  var FILLER = ["và", "của", "các", "cho", "là", "có", "được", "những", "với", "trong", "để", "về", "thì", "mà", "này",
                "đã", "sẽ", "một", "ở", "tại", "từ", "đến", "khi", "như", "theo", "hoặc", "cũng", "bị", "ra", "vào",
                "lại", "nào", "gì", "thế", "nhé", "ạ", "không", "muốn", "cần", "tôi", "em", "mình"];
  var FILLER_FOLDED = ["va", "cua", "cac", "cho", "nhung", "voi", "thi", "khi", "nhu", "theo", "duoc", "hoac", "cung",
                       "nao", "gi", "the", "nhe", "khong", "muon", "can", "toi", "minh"];

  function Engine(base, meta, fetchJSON) {
    this.base = base;
    this.meta = meta;
    this.positions = meta.positions;  /* entry key: page id x positions + position in the page */
    this.root = base + "search/" + meta.version + "/";
    this.fetchJSON = fetchJSON;
    this.done = {};      /* url -> parsed JSON */
    this.pending = {};   /* url -> promise: each file is fetched once, however many queries want it */
    this.postings = {};  /* postings page -> {term: record} */
    this.lexicon = {};   /* lexicon page -> {words: [[word, df, page, ...boundaries]], at: {word: index}} */
  }

  Engine.open = function (base, fetchJSON) {
    return fetchJSON(base + "search/meta.json", { fresh: true }).then(function (meta) {
      if (!meta || meta.format !== 4) throw new Error("search/meta.json: unknown format");
      return new Engine(base, meta, fetchJSON);
    });
  };

  /* Files, fetched once each; a failed fetch is forgotten, so the next query asks again. Resolves when
   * all have settled, with the number that failed. */
  Engine.prototype.load = function (urls) {
    var self = this, failed = 0;
    return Promise.all(urls.map(function (url) {
      if (url in self.done) return null;
      if (!self.pending[url]) {
        self.pending[url] = self.fetchJSON(url).then(function (data) { self.done[url] = data; },
          function (error) { self.failures = (self.failures || 0) + 1; throw error; });
        self.pending[url].then(function () { delete self.pending[url]; }, function () { delete self.pending[url]; });
      }
      return self.pending[url].catch(function () { failed++; });
    })).then(function () { return failed; });
  };

  Engine.prototype.lexiconPage = function (word) {
    var starts = this.meta.lexicon, lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= word) lo = mid; else hi = mid - 1; }
    return lo;
  };

  Engine.prototype.lexiconOf = function (page) {
    if (!(page in this.lexicon)) {
      var words = this.done[this.root + "l/" + page + ".json"];
      if (!words) return null;
      var at = {};
      words.forEach(function (w, i) { at[w[0]] = i; });
      this.lexicon[page] = { words: words, at: at };
    }
    return this.lexicon[page];
  };

  /* [word, (entry, field) pairs holding it, postings page of its family, (number of its pages)], or null. */
  Engine.prototype.word = function (word) {
    var lex = this.lexiconOf(this.lexiconPage(word));
    return lex && word in lex.at ? lex.words[lex.at[word]] : null;
  };

  /* Known words beginning with `prefix`, most common first. */
  Engine.prototype.completions = function (prefix) {
    var out = [], first = this.lexiconPage(prefix), last = Math.min(this.lexiconPage(prefix + "\uffff"), first + 1);
    for (var page = first; page <= last; page++) {
      var lex = this.lexiconOf(page);
      if (lex) lex.words.forEach(function (w) { if (w[0] !== prefix && w[0].indexOf(prefix) === 0) out.push(w); });
    }
    return out.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, COMPLETIONS);
  };

  /* Known words one edit away from an unknown word (same lexicon page: typos rarely hit the first letters). */
  Engine.prototype.corrections = function (word) {
    var lex = this.lexiconOf(this.lexiconPage(word));
    if (!lex || word.length < 4) return [];
    return lex.words.filter(function (w) { return oneEdit(w[0], word); })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, CORRECTIONS);
  };

  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  /* The postings page holding `term`, or -1 if its family is unknown: the family's page, or for a family of
   * n pages, the one its hash gives (generator/search/layout.py). */
  Engine.prototype.pageOf = function (term) {
    var family = this.word(vn.head(term));
    if (!family) return -1;
    return family.length > 3 ? family[2] + vn.termHash(term) % family[3] : family[2];
  };

  Engine.prototype.record = function (term) {
    var page = this.pageOf(term);
    if (page < 0) return null;
    if (!(page in this.postings)) {
      var rows = this.done[this.root + "p/" + page + ".json"];
      if (!rows) return null;
      var byTerm = {};
      rows.forEach(function (r) { byTerm[r[0]] = r; });
      this.postings[page] = byTerm;
    }
    var row = this.postings[page][term];
    if (row && !row.ids) {  /* page ids from their differences, once */
      var keys = [], page_ = 0;
      for (var i = 0; i < row[1].length; i++) { page_ += row[1][i]; keys.push(page_ * this.positions + row[2][i]); }
      row.ids = keys;
    }
    return row || null;
  };

  function isFiller(w) {
    return w.accent ? FILLER.indexOf(w.typed.toLowerCase()) >= 0
                    : FILLER_FOLDED.indexOf(w.folded) >= 0 || FILLER.indexOf(w.typed.toLowerCase()) >= 0;
  }

  /* lunr's idf of a term held by `df` (entry, field) pairs: the rarity the index's weights include. */
  Engine.prototype.idf = function (df) {
    var n = this.meta.entries;
    return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
  };

  /* The query's clauses: [{term, boost, bits (query words it stands for), kind, accent, idf (of a word)}],
   * and per word the folded words it also stands for (completions, corrections). */
  Engine.prototype.clauses = function (p) {
    var self = this, out = [], hints = [];
    p.words.forEach(function (w, i) {
      var bit = 1 << i, known = self.word(w.folded);
      hints.push([]);
      if (known) out.push({ term: w.folded, boost: BOOST.word, bits: bit, kind: "word", accent: w.accent,
                            idf: self.idf(known[1]) });
      /* a word being typed stands for the words it begins; if it is a word itself, they count half */
      if (w.open && w.folded.length >= 3) self.completions(w.folded).forEach(function (c) {
        if (!known) hints[i].push(c[0]);
        out.push({ term: c[0], boost: BOOST.open, bits: known ? 0 : bit, half: known ? bit : 0, kind: "open",
                   idf: self.idf(c[1]) });
      });
      if (!known && !(w.open && hints[i].length)) self.corrections(w.folded).forEach(function (c) {
        hints[i].push(c[0]);
        out.push({ term: c[0], boost: BOOST.typo, bits: bit, kind: "typo", idf: self.idf(c[1]) });
      });
    });
    p.pairs.forEach(function (pair) {
      var a = p.words[pair[0]], b = p.words[pair[1]], bits = (1 << pair[0]) | (1 << pair[1]);
      out.push({ term: a.folded + "+" + b.folded, boost: BOOST.phrase, bits: bits, kind: "phrase" });
      if (b.open) hints[pair[1]].forEach(function (c) {
        out.push({ term: a.folded + "+" + c, boost: BOOST.phrase * BOOST.open, bits: bits, kind: "phrase" });
      });
    });
    var all = (1 << p.words.length) - 1;
    p.codes.forEach(function (c) { out.push({ term: c, boost: BOOST.code, bits: 0, kind: "code" }); });
    if (p.exact && p.exact.length > 1) out.push({ term: p.exact, boost: BOOST.exact, bits: all, kind: "exact" });
    return { list: out, hints: hints };
  };

  /* Rarity of each query word (lunr's idf); filler words weigh nothing. */
  Engine.prototype.weights = function (p, hints) {
    var self = this;
    var idf = p.words.map(function (w, i) {
      var known = self.word(w.folded), df = known ? known[1] : 0;
      hints[i].forEach(function (h) { var k = self.word(h); if (k && k[1] > df) df = k[1]; });
      return self.idf(df);
    });
    var content = p.words.map(function (w) { return !isFiller(w); });
    /* The square root: idf grows with the log of the corpus, so at 10,000 documents one rare word (a
     * district's name, 12) outweighs four common ones (1 to 3) and a place whose name holds it outranks the
     * page that answers the rest of the question; under the root it weighs as much as two of them. */
    var weight = idf.map(Math.sqrt);
    if (!content.some(Boolean)) return weight;  /* only filler words: take them as they are */
    return weight.map(function (v, i) { return content[i] ? v : 0; });
  };

  /* Every matching entry: {key, score, bits, half, title, code, found}: `found[i]`, how much query word i
   * weighs in the entry for its rarity (lunr's weight over its idf: the field boost times BM25's term
   * frequency part, which grows with repeats and shrinks with the length of the text); `half` for a word
   * found only as a completion of a known word. */
  Engine.prototype.score = function (clauses) {
    var self = this, acc = new Map(), norm = 0;
    clauses.forEach(function (c) {
      var row = self.record(c.term);
      if (!row) return;
      norm += c.boost * c.boost;
      var spelling = -1, odd = null, covers = c.idf ? c.bits | (c.half || 0) : 0;
      if (c.accent && row[4]) {
        spelling = row[4].indexOf(c.accent);
        odd = {};
        for (var x = 0; x < row[5].length; x += 2) odd[row[5][x]] = row[5][x + 1];
        if (spelling >= 0) norm += BOOST.accent * BOOST.accent;
      }
      for (var i = 0; i < row.ids.length; i++) {
        var key = row.ids[i], w = row[3][i], e = acc.get(key);
        if (!e) { e = { key: key, score: 0, bits: 0, half: 0, title: 0, code: false, found: null }; acc.set(key, e); }
        var boost = c.boost;
        if (spelling >= 0 && ((i in odd) ? (odd[i] >> spelling) & 1 : spelling === 0)) boost += BOOST.accent;
        e.score += boost * Math.floor(w / 2) / 1000;
        e.bits |= c.bits;
        e.half |= c.half || 0;
        if (w & 1) e.title |= c.bits;
        if (c.kind === "code" || c.kind === "exact") e.code = true;
        if (covers) {
          var found = Math.floor(w / 2) / 1000 / c.idf * (c.kind === "typo" ? 0.5 : 1);
          if (!e.found) e.found = {};
          for (var b = 0; (covers >> b) > 0; b++)
            if (((covers >> b) & 1) && !(e.found[b] >= found)) e.found[b] = found;
        }
      }
    });
    norm = Math.sqrt(norm) || 1;
    acc.forEach(function (e) { e.score /= norm; });
    acc.norm = norm;
    return acc;
  };

  /* The query words whose postings were cut to the champions (generator/search/weights.py: a very common word
   * keeps its best postings): an entry missing from such a word's list may still hold it. Per word index, the
   * weight of the weakest posting kept (what the word weighs at most in an entry left out), for words that
   * count (`weights`). */
  Engine.prototype.cut = function (p, weights) {
    var self = this, champions = this.meta.champions, out = null;
    p.words.forEach(function (w, i) {
      var row = weights[i] > 0 ? self.record(w.folded) : null;
      if (!row || row.ids.length < champions) return;
      var least = Infinity;
      for (var k = 0; k < row[3].length; k++) least = Math.min(least, Math.floor(row[3][k] / 2));
      (out = out || {})[i] = least / 1000;
    });
    return out;
  };

  /* Among the first CHECKED ranked entries, those lacking a word of `cut` whose store block is fetched anyway
   * for the results shown (`shown`: `blocks`): a common word's champion list may have left them out
   * although they hold it (a body named "Phòng Giáo dục và Đào tạo huyện Kbang" among hundreds of "Phòng
   * Giáo dục ..."), and their stored text tells, at no cost in downloads. */
  Engine.prototype.doubtful = function (ranked, cut, shown) {
    var out = [], bits = 0;
    Object.keys(cut).forEach(function (i) { bits |= 1 << i; });
    for (var n = 0; n < ranked.length && n < CHECKED; n++) {
      var e = ranked[n];
      if (!e.code && (bits & ~e.bits) && shown[this.blockOf(e.key)]) out.push(e);
    }
    return out;
  };

  /* lunr's weight (x 1000) of a term met `tf` times in a field of `length` terms (generator/search/weights.py:
   * BM25 with k1 = 1.2, b = 0.75, the field's boost, rounded to 3 decimals as lunr.py serializes). */
  Engine.prototype.fieldWeight = function (field, idf, tf, length) {
    var average = this.meta.lengths[field], k1 = 1.2, b = 0.75;
    if (!tf || !average) return 0;
    var score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf) * this.meta.boosts[field];
    return Math.round(score * 1000);
  };

  /* For each doubtful entry whose record is loaded, the cut words its stored text holds, weighed as the index
   * would have: terms counted in the title, the field values and the passages (vn.terms, the build's
   * pipeline), with the fields' average lengths (meta.json); the keywords, which are not stored, count as
   * empty. A word cut from the postings weighs no more there than the weakest posting kept. The entry's
   * score and what it `found` then include the word, as if its posting had been kept. True if any entry
   * changed. */
  Engine.prototype.verify = function (doubtful, p, cut, clauses, norm) {
    var self = this, changed = false, byBit = {};
    clauses.forEach(function (c) { if (c.kind === "word") byBit[c.bits] = c; });
    function counted(texts) {
      var counts = {}, length = 0;
      texts.forEach(function (text) {
        vn.terms(text).forEach(function (t) { counts[t] = (counts[t] || 0) + 1; length++; });
      });
      return { counts: counts, length: length };
    }
    doubtful.forEach(function (e) {
      var record = self.stored(e.key);
      if (!record) return;
      if (!record.counted) {  /* once per record: a stored block never changes */
        record.counted = [counted([record[1]]), counted(record[4].map(function (f) { return f[1]; })),
                          counted(record[5].map(function (r) { return r[0]; }))];
        record.counted[1].length += 1;  /* the exact-name term */
      }
      var fields = record.counted;
      Object.keys(cut).forEach(function (i) {
        var bit = 1 << i, w = p.words[i], c = byBit[bit];
        if ((e.bits & bit) || !c) return;
        var weight = 0;
        fields.forEach(function (f, n) { weight += self.fieldWeight(n, c.idf, f.counts[w.folded] || 0, f.length); });
        weight = Math.min(weight, cut[i] * 1000);
        if (!weight) return;
        e.bits |= bit;
        if (fields[0].counts[w.folded]) e.title |= bit;
        e.score += c.boost * weight / 1000 / norm;
        if (!e.found) e.found = {};
        e.found[i] = weight / 1000 / c.idf;
        changed = true;
      });
    });
    return changed;
  };

  /* How far query word i is found in entry e, 0 to 1: fully where it weighs, for its rarity, as much as a
   * word of a name or keyword field (FOUND: lunr's boost of that field), which a title word does too;
   * elsewhere by the square root of its share of that: met once in a passage of average length, about 0.6,
   * once in a short description, about 0.7. So a long plan that holds every word of a resident's question
   * somewhere does not outrank a resource whose name and description answer most of them, while a rare
   * word met once still counts for most of its weight. A completion of a known word counts half. */
  function covered(e, i) {
    var bit = 1 << i, strength = e.found && e.found[i] ? Math.sqrt(Math.min(1, e.found[i] / FOUND)) : 1;
    return e.bits & bit ? strength : e.half & bit ? strength / 2 : 0;
  }

  /* Entries in result order: a number or exact name first, then every word, then most words (by the
   * rarity of those missing, `covered`), then lunr's score. */
  Engine.prototype.rank = function (p, scored, weights) {
    var total = weights.reduce(function (a, b) { return a + b; }, 0), out = [];
    scored.forEach(function (e) {
      var missing = 0, inTitle = true;
      weights.forEach(function (w, i) {
        missing += w * (1 - covered(e, i));
        if (w > 0 && !(e.title & (1 << i))) inTitle = false;
      });
      if (!e.code && total > 0 && missing >= total - 1e-9) return;  /* nothing but filler words */
      e.covered = total > 0 ? 1 - missing / total : 1;
      e.tier = e.code ? 3 : e.covered > 1 - 1e-9 ? 2 : 1;
      e.order = e.tier === 2 ? (inTitle ? 1 : 0) : e.tier === 1 ? Math.round(e.covered * 10) : 0;
      out.push(e);
    });
    out.sort(function (a, b) { return b.tier - a.tier || b.order - a.order || b.score - a.score || a.key - b.key; });
    return out.slice(0, RANKED);
  };

  Engine.prototype.blockOf = function (key) {
    var page = Math.floor(key / this.positions), position = key % this.positions;
    return Math.floor(page / this.meta.pagesPerBlock) + Math.floor(position / this.meta.entriesPerBlock);
  };

  /* [first position, header (when that position is not 0), record, ...] of the entry's page in its block. */
  Engine.prototype.rows = function (key) {
    var block = this.done[this.root + "s/" + this.blockOf(key) + ".json"];
    return block && block[Math.floor(key / this.positions)] || null;
  };

  Engine.prototype.stored = function (key) {
    var rows = this.rows(key);
    return rows ? rows[(rows[0] ? 2 : 1) + key % this.positions - rows[0]] || null : null;
  };

  /* [kind, title, address] of a group's page: its own record, or the header of a member's block. */
  Engine.prototype.header = function (g) {
    var own = this.stored(g.key);
    for (var i = 0; !own && i < g.members.length; i++) {
      var rows = this.rows(g.members[i].key);
      if (rows && rows[0]) own = rows[1];
    }
    return own;
  };

  Engine.prototype.groups = function (ranked) {
    var out = [], byPage = {}, positions = this.positions;
    for (var i = 0; i < ranked.length; i++) {
      var e = ranked[i], page = Math.floor(e.key / positions);
      if (!(page in byPage)) {
        if (out.length >= MAX_GROUPS) continue;
        byPage[page] = { key: page * positions, members: [] };
        out.push(byPage[page]);
      }
      var members = byPage[page].members;
      if (members.length < MAX_MEMBERS && (!members.length || e.tier >= Math.min(members[0].tier, 2))) members.push(e);
    }
    return out;
  };

  /* Material's SearchResult: {items: [[page, ...entries in that page]]}. */
  Engine.prototype.present = function (p, found, weights, hints) {
    var self = this, kinds = this.meta.kinds;
    function terms(e) {
      var out = {};
      p.words.forEach(function (w, i) { out[w.typed] = !e || weights[i] === 0 || !!(e.bits & (1 << i)); });
      return out;
    }
    function item(record, location, entry, score, article) {
      var title = (record[3] ? record[3] + " › " : "") + record[1];
      var shown = entry ? ex.excerpt(record, p, weights, hints) : { html: "", anchor: "", spellings: null };
      return { location: shown.anchor && !article ? location.replace(/#.*$/, "") + "#" + shown.anchor : location,
               title: ex.title(title, p, hints, shown.spellings), text: shown.html, tags: [kinds[record[0]]],
               score: score, terms: terms(entry) };
    }
    return { items: found.map(function (g) {
      var page = self.header(g);
      if (!page) return null;
      var own = null, children = [];
      g.members.forEach(function (m) { if (m.key === g.key) own = m; else children.push(m); });
      var best = g.members[0].score;
      var out = [item(page, page[2], own, own ? own.score : best, true)];
      children.forEach(function (m) {
        var record = self.stored(m.key);
        if (record) out.push(item(record, page[2] + record[2], m, m.score));
      });
      return out;
    }).filter(Boolean) };
  };

  /* Results for `query`, or null if `stale()` says a newer query came while its postings loaded (what it
   * would show is fetched only for the query a reader still waits for). */
  Engine.prototype.search = function (query, stale) {
    var self = this, p = vn.plan(query);
    p.words = p.words.slice(0, MAX_WORDS);
    p.pairs = p.pairs.filter(function (pair) { return pair[1] < MAX_WORDS; });
    if (!p.words.length) return Promise.resolve({ items: [] });
    var pages = {};
    p.words.forEach(function (w) {
      pages[self.lexiconPage(w.folded)] = true;
      if (w.open && w.folded.length >= 3) pages[Math.min(self.lexiconPage(w.folded + "\uffff"), self.lexiconPage(w.folded) + 1)] = true;
    });
    p.codes.concat(p.exact ? [p.exact] : []).forEach(function (t) { pages[self.lexiconPage(vn.head(t))] = true; });
    var clauses, weights;
    return this.load(Object.keys(pages).map(function (n) { return self.root + "l/" + n + ".json"; })).then(function () {
      clauses = self.clauses(p);
      weights = self.weights(p, clauses.hints);
      var needed = {};
      clauses.list.forEach(function (c) { var n = self.pageOf(c.term); if (n >= 0) needed[n] = true; });
      return self.load(Object.keys(needed).map(function (n) { return self.root + "p/" + n + ".json"; }));
    }).then(function () {
      if (stale && stale()) return null;
      var scored = self.score(clauses.list), ranked = self.rank(p, scored, weights), found = self.groups(ranked);
      var blocks = self.blocks(found), cut = ranked.length ? self.cut(p, weights) : null;
      var doubtful = cut ? self.doubtful(ranked, cut, blocks) : [];
      return self.load(self.urls(blocks)).then(function () {
        /* entries a cut word's postings left out, checked on their stored text, may rank higher: rank again */
        if (!doubtful.length || !self.verify(doubtful, p, cut, clauses.list, scored.norm)) return found;
        found = self.groups(self.rank(p, scored, weights));
        return self.load(self.urls(self.blocks(found))).then(function () { return found; });
      }).then(function (groups) {
        return self.present(p, groups, weights, clauses.hints);
      });
    });
  };

  /* The store blocks of the groups' members (block -> true), and their addresses. */
  Engine.prototype.blocks = function (groups) {
    var self = this, blocks = {};
    groups.forEach(function (g) { g.members.forEach(function (m) { blocks[self.blockOf(m.key)] = true; }); });
    return blocks;
  };

  Engine.prototype.urls = function (blocks) {
    var root = this.root;
    return Object.keys(blocks).map(function (n) { return root + "s/" + n + ".json"; });
  };

  return { Engine: Engine, plan: vn.plan, escapeHtml: ex.escapeHtml, oneEdit: oneEdit };
});
