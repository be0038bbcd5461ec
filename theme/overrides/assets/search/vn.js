/* Vietnamese text pipeline of search, at query time.
 * generator/search_text.py is the same pipeline at build time; tests run both on the
 * same inputs and require equal output. Change one, change the other. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.XhhtVn = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var TONES = { "\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j" };
  var TOKEN = /[\p{L}\p{N}]+(?:[\/\-.][\p{L}\p{N}]+)*/gu;
  var PART = /[\p{L}\p{N}]+/gu;

  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").replace(/đ/g, "d");
  }

  function accentKey(word) {
    var lower = word.toLowerCase().normalize("NFD");
    if (lower === fold(word) && lower.indexOf("đ") < 0) return null;
    var tone = "", kept = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower[i];
      if (Object.prototype.hasOwnProperty.call(TONES, c)) tone = TONES[c];
      else kept += c;
    }
    return "_" + kept.normalize("NFC") + tone;
  }

  function isCode(token) {
    return (token.indexOf("/") >= 0 || /\p{Nd}/u.test(token)) && /[\/\-.]/.test(token);
  }

  /* Tokens of `text`: [{token, start, end, parts: [{text, start, end}]}] on the NFC text. */
  function tokens(text) {
    text = text.normalize("NFC");
    var out = [], match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(text)) !== null) {
      var parts = [], part;
      PART.lastIndex = 0;
      while ((part = PART.exec(match[0])) !== null)
        parts.push({ text: part[0], start: match.index + part.index, end: match.index + part.index + part[0].length });
      out.push({ token: match[0], start: match.index, end: match.index + match[0].length, parts: parts });
    }
    return { text: text, tokens: out };
  }

  function terms(text) {
    var parsed = tokens(text), out = [], previous = null, end = 0;
    parsed.tokens.forEach(function (t) {
      if (parsed.text.slice(end, t.start).trim()) previous = null;
      end = t.end;
      if (isCode(t.token)) out.push("#" + fold(t.token));
      t.parts.forEach(function (p) {
        var folded = fold(p.text);
        out.push(folded);
        var key = accentKey(p.text);
        if (key) out.push(key);
        if (previous !== null) out.push(previous + "+" + folded);
        previous = folded;
      });
    });
    return out;
  }

  function words(text) {
    var out = [];
    tokens(text).tokens.forEach(function (t) { t.parts.forEach(function (p) { out.push(p.text); }); });
    return out;
  }

  function exactTerm(text) {
    return "=" + words(text).map(fold).join("+");
  }

  function shardKey(term) {
    return fold(term.replace(/^[_#=]+/, "")).slice(0, 2) || "_";
  }

  function shardFile(key) {
    var bytes = new TextEncoder().encode(key), hex = "";
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return hex;
  }

  return { fold: fold, accentKey: accentKey, isCode: isCode, tokens: tokens, terms: terms, words: words,
           shardKey: shardKey, shardFile: shardFile, exactTerm: exactTerm };
});
