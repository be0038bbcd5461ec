"""The Vietnamese text pipeline of search, at build time.

theme/overrides/assets/search/vn.js is the same pipeline at query time;
tests/test_search_text.py runs both on the same inputs and requires equal
output, term for term. Change one, change the other.

Every word yields a *folded* term (no accents, đ -> d: what people type on
a phone) and, if it has any diacritic, an *accented* term, written
`_` + the word without its tone mark + the tone as a letter (s, f, r, x, j,
as in Telex). The tone is taken off wherever it sits, so the old and new
placements (hoà / hòa, thuỷ / thủy) give the same term. Adjacent words (only
white space between them) also yield a folded bigram (`hoc+tap`), so "học tập" together outranks "học" and
"tập" apart. Document numbers (104/KH-UBND) yield the whole code and its
parts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Combining tone marks and the Telex letter that stands for each.
TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}

#: A word: letters and digits. A code: words joined by / - . with at least one / or digit (104/KH-UBND, 49-KL/TW).
_TOKEN = re.compile(r"[^\W_]+(?:[/\-.][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """`Đường` -> `duong`: lowercase, no diacritics, đ -> d."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return stripped.replace("đ", "d")


@lru_cache(maxsize=200_000)
def accent_key(word: str) -> str | None:
    """`hòa` and `hoà` -> `_hoaf`; None for a word with no diacritic (its folded term says it all)."""
    lower = unicodedata.normalize("NFD", word.lower())
    if lower == fold(word) and "đ" not in lower:
        return None
    tone = ""
    kept = []
    for char in lower:
        if char in TONES:
            tone = TONES[char]
        else:
            kept.append(char)
    return "_" + unicodedata.normalize("NFC", "".join(kept)) + tone


def is_code(token: str) -> bool:
    """104/KH-UBND, 49-KL/TW, 43/2019/QH14: joined parts with a slash or a digit."""
    if "/" not in token and "-" not in token and "." not in token:
        return False  # a plain word: most tokens, decided without a scan
    return ("/" in token or any(unicodedata.category(c) == "Nd" for c in token)) and bool(re.search(r"[/\-.]", token))


def words(text: str) -> list[str]:
    """The words of `text` in order (codes split into their parts), NFC."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for match in _TOKEN.finditer(text):
        out.extend(_PART.findall(match.group(0)))
    return out


def terms(text: str) -> list[str]:
    """Every index term of `text`: folded words, accented words, folded bigrams, codes."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    previous: str | None = None
    end = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if text[end:match.start()].strip():
            previous = None  # punctuation between words: not a phrase
        end = match.end()
        if is_code(token):
            out.append("#" + fold(token))
        for part in _PART.findall(token):
            folded = fold(part)
            out.append(folded)
            key = accent_key(part)
            if key:
                out.append(key)
            if previous is not None:
                out.append(previous + "+" + folded)
            previous = folded
    return out


def exact_term(text: str) -> str:
    """The whole of a short text as one term (`=huyen+kbang`): typing a page's exact name finds that page first."""
    return "=" + "+".join(fold(word) for word in words(text))
