/* Vietnamese text pipeline of search, at query time: the only one in the browser (engine.js plans
 * queries and highlights excerpts with it). generator/search_text.py is the same pipeline at build
 * time; tests/test_search_text.py runs both on the same inputs (hand-picked and generated) and requires
 * equal output. Change one, change the other. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.XhhtVn = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var TONES = { "\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  /* White space spelled out, as in search_text.SPACE (JavaScript's \s and Python's differ). */
  var SPACE = "\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var SCAN = new RegExp("([\\p{L}\\p{N}]+(?:[\\/\\-.][\\p{L}\\p{N}]+)*)|[^" + SPACE + "]", "gu");
  var PART = /[\p{L}\p{N}]+/gu;
  var JOINER = /[\/\-.]/;

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/g, "d");
  }

  /* "hòa" and "hoà" -> "hoaf"; null for a word without diacritics. */
  function accentKey(word) {
    var lower = word.toLowerCase().normalize("NFD");
    if (lower === fold(word)) return null;
    var tone = "", kept = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower[i];
      if (Object.prototype.hasOwnProperty.call(TONES, c)) tone = TONES[c];
      else kept += c;
    }
    return kept.normalize("NFC") + tone;
  }

  function isCode(token) {
    if (token.indexOf("/") >= 0) return true;
    return (token.indexOf("-") >= 0 || token.indexOf(".") >= 0) && /\p{Nd}/u.test(token);
  }

  /* The tokens of `text` (NFC) in order: {token, start, end, parts: [{text, folded, start, end}], code},
   * and null where a non-space character other than a word ends a phrase. */
  function scan(text) {
    text = text.normalize("NFC");
    var out = [], match;
    SCAN.lastIndex = 0;
    while ((match = SCAN.exec(text)) !== null) {
      if (match[1] === undefined) { out.push(null); continue; }
      var token = match[1], parts = [], part;
      if (JOINER.test(token)) {
        PART.lastIndex = 0;
        while ((part = PART.exec(token)) !== null)
          parts.push({ text: part[0], start: match.index + part.index, end: match.index + part.index + part[0].length });
      } else parts.push({ text: token, start: match.index, end: match.index + token.length });
      parts.forEach(function (p) { p.folded = fold(p.text); });
      out.push({ token: token, start: match.index, end: match.index + token.length, parts: parts,
                 code: parts.length > 1 && isCode(token) ? "#" + fold(token) : null });
    }
    return { text: text, tokens: out };
  }

  /* Every index term of `text`: codes, folded words, bigrams of adjacent words (search_text.terms). */
  function terms(text) {
    var out = [], previous = null;
    scan(text).tokens.forEach(function (t) {
      if (t === null) { previous = null; return; }
      if (t.code) out.push(t.code);
      t.parts.forEach(function (p) {
        out.push(p.folded);
        if (previous !== null) out.push(previous + "+" + p.folded);
        previous = p.folded;
      });
    });
    return out;
  }

  function words(text) {
    var out = [];
    scan(text).tokens.forEach(function (t) { if (t) t.parts.forEach(function (p) { out.push(p.text); }); });
    return out;
  }

  function exactTerm(text) {
    return "=" + words(text).map(fold).join("+");
  }

  /* The family of a term: its first folded word (search_text.head). */
  function head(term) {
    if (term.charAt(0) === "#" || term.charAt(0) === "=") term = term.slice(1);
    PART.lastIndex = 0;
    var match = PART.exec(term);
    return match ? match[0] : "";
  }

  /* 32-bit FNV-1a of the UTF-16 code units of a term: which page of a large family holds it
   * (search_text.term_hash). */
  function termHash(term) {
    var value = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) value = Math.imul(value ^ term.charCodeAt(i), 0x01000193) >>> 0;
    return value;
  }

  /* What a query asks for. words: [{typed, folded, accent, last, open}] ("open": the last word, still being
   * typed, also stands for the words it begins); pairs: [[i, j]] adjacent words (a phrase); codes; exact. */
  function plan(query) {
    var parsed = scan(query || ""), words = [], pairs = [], codes = [], previous = null;
    parsed.tokens.forEach(function (t) {
      if (t === null) { previous = null; return; }
      if (t.code && codes.indexOf(t.code) < 0) codes.push(t.code);
      t.parts.forEach(function (p) {
        words.push({ typed: p.text, folded: p.folded, accent: accentKey(p.text), last: false, open: false,
                     start: p.start, end: p.end });
        if (previous !== null) pairs.push([previous, words.length - 1]);
        previous = words.length - 1;
      });
    });
    if (words.length) {
      var last = words[words.length - 1];
      last.last = true;
      last.open = last.end === parsed.text.length;  /* no space, no punctuation after it: still being typed */
    }
    return { words: words, pairs: pairs, codes: codes, exact: words.length ? exactTerm(query) : null };
  }

  return { fold: fold, accentKey: accentKey, isCode: isCode, scan: scan, terms: terms, words: words,
           exactTerm: exactTerm, head: head, termHash: termHash, plan: plan };
});
