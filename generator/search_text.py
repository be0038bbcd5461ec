"""The Vietnamese text pipeline of search, at build time.

theme/overrides/assets/search/vn.js is the same pipeline at query time (the
only one: the browser's query planner calls it too); tests/test_search_text.py
runs both on the same inputs, hand-picked and hypothesis-generated, and
requires equal output. Change one, change the other.

- A *word* is a run of letters and digits (Unicode categories L and N) of the
  NFC text. A *code* is words joined by / - . with a slash or a digit
  (104/KH-UBND, 49-KL/TW): it yields `#` + its folded whole, then its words.
- Every word yields its *folded* form (lowercase, no diacritics, đ -> d: what
  people type on a phone). Its *accent key* tells the accented spellings
  apart: the lowercase word without its tone mark, then the tone as a Telex
  letter (s, f, r, x, j); the tone is taken off wherever it sits, so the old
  and new placements (hoà / hòa, thuỷ / thủy) give the same key.
- Two words with only white space between them yield a *bigram*
  (`hoc+tap`): "học tập" together outranks "học" and "tập" apart.
- A page's exact name is one more term, `=` + its folded words joined by `+`.

Every index term belongs to the *family* of its first word (`head`): the
index stores families together, so the words of a query and the phrases that
start with them are found in the same files. Terms are ordered by UTF-16 code
units (`sort_key`), the order JavaScript compares strings in.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from functools import lru_cache

#: Combining tone marks and the Telex letter that stands for each.
TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}

#: White space, spelled out so that both pipelines agree on it (Python's str.isspace and JavaScript's \s differ).
SPACE = "\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

#: A token (a word, or words joined by / - .) or one other non-space character, which ends a phrase.
_SCAN = re.compile(rf"([^\W_]+(?:[/\-.][^\W_]+)*)|[^{SPACE}]")
_PART = re.compile(r"[^\W_]+")
_JOINER = re.compile(r"[/\-.]")

#: Marks that `fold` removes (general category Mn), as one character class.
_MARKS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x110000)
                                  if unicodedata.category(chr(c)) == "Mn") + "]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """`Đường` -> `duong`: lowercase, no diacritics (marks of category Mn), đ -> d."""
    return _MARKS.sub("", unicodedata.normalize("NFD", word.lower())).replace("đ", "d")


@lru_cache(maxsize=1 << 18)
def accent_key(word: str) -> str | None:
    """`hòa` and `hoà` -> `hoaf`, `đường` -> `đươngf`; None for a word without diacritics."""
    lower = unicodedata.normalize("NFD", word.lower())
    if lower == fold(word):
        return None
    tone = ""
    kept = []
    for char in lower:
        if char in TONES:
            tone = TONES[char]
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def is_code(token: str) -> bool:
    """104/KH-UBND, 49-KL/TW, 43/2019/QH14: joined parts with a slash or a digit."""
    if "/" in token:
        return True
    return ("-" in token or "." in token) and any(unicodedata.category(c) == "Nd" for c in token)


@lru_cache(maxsize=1 << 16)
def _token(token: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    """(code term or None, the words, their folded forms) of one token."""
    parts = tuple(_PART.findall(token)) if _JOINER.search(token) else (token,)
    code = "#" + fold(token) if len(parts) > 1 and is_code(token) else None
    return code, parts, tuple(fold(p) for p in parts)


def tokens(text: str) -> list[tuple[str | None, tuple[str, ...], tuple[str, ...]] | None]:
    """The tokens of `text` in order, None where a non-space character other than a word ends a phrase."""
    return [_token(t) if t else None for t in _SCAN.findall(nfc(text))]


def words(text: str) -> list[str]:
    """The words of `text` in order (codes split into their words), NFC."""
    return [w for t in tokens(text) if t for w in t[1]]


@lru_cache(maxsize=1 << 16)
def _emitted(token: str) -> tuple[str | None, str, tuple[str, ...], str, tuple[tuple[str, str], ...]]:
    """What a token adds to the terms, all but the bigram joining it to the word before it: (code or None,
    first folded word, the terms after that first word, last folded word, each word's (folded, accent key
    or ""))."""
    code, written, folded = _token(token)
    rest = []
    for before, word in zip(folded, folded[1:]):
        rest += (word, before + "+" + word)
    spelled = tuple((f, accent_key(w) or "") for w, f in zip(written, folded))
    return code, folded[0], tuple(rest), folded[-1], spelled


def analyze(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(`terms`, and every word's (folded form, accent key or "")) of `text`, in one pass."""
    out: list[str] = []
    spelled: list[tuple[str, str]] = []
    append, extend, spell = out.append, out.extend, spelled.extend
    previous: str | None = None
    for found in _SCAN.findall(nfc(text)):
        if not found:
            previous = None
            continue
        code, first, rest, last, pairs = _emitted(found)
        spell(pairs)
        if code:
            append(code)
        append(first)
        if previous is not None:
            append(previous + "+" + first)
        if rest:
            extend(rest)
        previous = last
    return out, spelled


def terms(text: str) -> list[str]:
    """Every index term of `text` in order: codes, folded words, and bigrams of adjacent words."""
    return analyze(text)[0]


def accents(text: str) -> list[tuple[str, str]]:
    """(folded, accent key) of every word of `text` with diacritics, in order."""
    out = []
    for token in tokens(text):
        if token is not None:
            for word, folded in zip(token[1], token[2]):
                key = accent_key(word)
                if key is not None:
                    out.append((folded, key))
    return out


def exact_term(text: str) -> str:
    """The whole of a short text as one term (`=huyen+kbang`): typing a page's exact name finds that page first."""
    return "=" + "+".join(fold(word) for word in words(text))


def head(term: str) -> str:
    """The family of a term: its first folded word (`hoc+tap` -> `hoc`, `#104/kh-ubnd` -> `104`, `=huyen+kbang` -> `huyen`)."""
    if term[:1] in ("#", "="):
        term = term[1:]
    match = _PART.search(term)
    return match.group(0) if match else ""


def sort_key(term: str) -> bytes:
    """Order of UTF-16 code units, as JavaScript compares strings (Python compares code points)."""
    return term.encode("utf-16-be")


_NATIVE_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def term_hash(term: str) -> int:
    """32-bit FNV-1a of the UTF-16 code units of `term`: which page of a large family holds it
    (generator/search/layout.py); vn.js `termHash` computes the same."""
    value = 0x811C9DC5
    for unit in array("H", term.encode(_NATIVE_UTF16)):
        value = ((value ^ unit) * 0x01000193) & 0xFFFFFFFF
    return value
