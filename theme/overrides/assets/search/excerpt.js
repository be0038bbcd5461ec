/* Excerpts of search results: the passage of an entry that best matches the query, a window of it
 * around the matched words, the words highlighted in their original accented spelling. Text from the
 * site's records is untrusted: everything is escaped, only <mark> is added. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./vn.js"));
  else root.XhhtExcerpt = factory(root.XhhtVn);
})(typeof self !== "undefined" ? self : this, function (vn) {
  "use strict";

  var WINDOW = 200;   /* characters of an excerpt */
  var BEFORE = 40;    /* characters shown before the first matched word */

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Which query words a written word stands for: bit i for words[i]. `hints` gives, per query word, the
   * folded words it also stands for (completions of the word being typed, corrections of a typo). */
  function wordBits(folded, plan, hints) {
    var bits = 0;
    plan.words.forEach(function (w, i) {
      if (folded === w.folded || (hints[i] && hints[i].indexOf(folded) >= 0)) bits |= 1 << i;
    });
    return bits;
  }

  /* The words of `text` and the query words each one matches; words of a phrase the query also holds
   * (two query words side by side) are marked `phrase`. */
  function matches(text, plan, hints) {
    var parsed = vn.scan(text), out = [], run = [];
    parsed.tokens.forEach(function (t) {
      if (t === null) { run = []; return; }
      t.parts.forEach(function (part) {
        var m = { start: part.start, end: part.end, bits: wordBits(part.folded, plan, hints), phrase: false,
                  accent: vn.accentKey(part.text) || "" };
        var before = run.length ? run[run.length - 1] : null;
        if (before && before.bits && m.bits) plan.pairs.forEach(function (p) {
          if ((before.bits & (1 << p[0])) && (m.bits & (1 << p[1]))) before.phrase = m.phrase = true;
        });
        run.push(m);
        out.push(m);
      });
    });
    return { text: parsed.text, words: out };
  }

  /* Keep the matches a reader would call the match: where a query word appears in a phrase of the query,
   * only its spellings found in such phrases ("chống dịch", not "mục đích" for "phong chong dich"); where
   * the reader typed accents, only that spelling if the text has it. */
  function meant(found, plan, given) {
    found.spellings = plan.words.map(function (w, i) {
      var bit = 1 << i, mine = found.words.filter(function (m) { return m.bits & bit; });
      var keep = given ? given[i] : null;
      if (w.accent && mine.some(function (m) { return m.accent === w.accent; })) keep = [w.accent];
      else if (!keep && mine.some(function (m) { return m.phrase; }))
        keep = mine.filter(function (m) { return m.phrase; }).map(function (m) { return m.accent; });
      if (keep) mine.forEach(function (m) { if (keep.indexOf(m.accent) < 0) m.bits &= ~bit; });
      return keep;
    });
    return found;
  }

  function distinctWeight(words, weights) {
    var bits = 0, total = 0;
    words.forEach(function (m) { bits |= m.bits; });
    weights.forEach(function (w, i) { if (bits & (1 << i)) total += w; });
    return total;
  }

  /* How well a passage answers the query: the weight of the distinct query words it holds, phrases and
   * exact spellings a little more. */
  function passageScore(found, plan, weights) {
    var marked = found.words.filter(function (m) { return m.bits; });
    var score = distinctWeight(marked, weights);
    marked.forEach(function (m) {
      if (m.phrase) score += 0.5;
      plan.words.forEach(function (w, i) { if ((m.bits & (1 << i)) && w.accent && w.accent === m.accent) score += 0.2; });
    });
    return score;
  }

  function highlight(text, words, from, to) {
    var out = "", at = from;
    words.forEach(function (m) {
      if (!m.bits || m.start < from || m.end > to) return;
      out += escapeHtml(text.slice(at, m.start)) + "<mark>" + escapeHtml(text.slice(m.start, m.end)) + "</mark>";
      at = m.end;
    });
    return out + escapeHtml(text.slice(at, to));
  }

  /* The window of `found` holding the most query words (weighted), cut at spaces, with its marks. */
  function windowed(found, weights) {
    var text = found.text, marked = found.words.filter(function (m) { return m.bits; });
    var from = 0, best = -1;
    marked.forEach(function (m) {
      var start = Math.max(0, m.start - BEFORE);
      var inside = marked.filter(function (o) { return o.start >= start && o.end <= start + WINDOW; });
      var value = distinctWeight(inside, weights);
      if (value > best + 1e-9) { best = value; from = start; }
    });
    if (from > 0) {
      var space = text.indexOf(" ", from);
      var first = marked.length ? marked[0].start : from;
      if (space >= 0 && space < first + BEFORE) from = space + 1;
    }
    var to = Math.min(text.length, from + WINDOW);
    if (to < text.length) { var cut = text.lastIndexOf(" ", to); if (cut > from) to = cut; }
    return (from > 0 ? "… " : "") + highlight(text, found.words, from, to) + (to < text.length ? " …" : "");
  }

  function squash(text) {
    return String(text || "").normalize("NFC").replace(/\s+/g, " ").trim();
  }

  /* The best passage of a stored record ([kind, title, url, context, fields, passages]) for the plan:
   * {html, anchor, words: bits of the query words shown}. Fields say what they are ("Người ký: ..."). */
  function excerpt(record, plan, weights, hints) {
    var candidates = record[4].map(function (f) { return { text: f[1], anchor: "", label: f[0] }; })
      .concat(record[5].map(function (p) { return { text: p[0], anchor: p[1] || "", label: p[2] || "" }; }));
    var best = null;
    candidates.forEach(function (c, n) {
      var found = meant(matches(squash(c.text), plan, hints), plan);
      var score = passageScore(found, plan, weights) + (n === 0 ? 1e-6 : 0);
      if (!best || score > best.score) best = { score: score, found: found, candidate: c };
    });
    if (!best) return { html: "", anchor: "", words: 0, spellings: null };
    var shown = 0;
    best.found.words.forEach(function (m) { shown |= m.bits; });
    var label = best.candidate.label ? escapeHtml(best.candidate.label) + ": " : "";
    return { html: "<p>" + label + windowed(best.found, weights) + "</p>", anchor: best.score > 0 ? best.candidate.anchor : "",
             words: shown, spellings: best.found.spellings };
  }

  /* A title with the query words marked, in the spellings the excerpt showed (`spellings`, or any). */
  function title(text, plan, hints, spellings) {
    var found = meant(matches(squash(text), plan, hints), plan, spellings);
    return highlight(found.text, found.words, 0, found.text.length);
  }

  return { excerpt: excerpt, title: title, escapeHtml: escapeHtml, matches: matches };
});
