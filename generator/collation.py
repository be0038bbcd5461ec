"""Vietnamese alphabetical order, for every list sorted by name.

Code point order puts "Chính phủ" before "Các phòng" and every "Đ..." after
"Tỉnh ủy". Vietnamese dictionaries order letters a ă â b c d đ e ê g h i k l m
n o ô ơ p q r s t u ư v x y (ă, â, đ, ê, ô, ơ, ư are letters of their own),
then, for words spelt alike, by tone: ngang, huyền, hỏi, ngã, sắc, nặng.
PyICU gives this with `Collator.createInstance(Locale("vi"))`, but needs the
ICU C library and headers to install; this key is the same order for
Vietnamese text (tests/test_collation.py checks it on dictionary sequences)
and falls back to code points for other scripts.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
#: A base letter and a mark that together make a letter of its own (breve, circumflex, horn).
_MARKED = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
           ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
#: Tones in dictionary order after the level tone: huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
#: Letters outside the Vietnamese alphabet (f, j, w, z) sort right after their Latin neighbours.
_EXTRA = {"f": "e", "j": "i", "w": "v", "z": "y"}
_PRIMARY = {letter: 2 * n for n, letter in enumerate(_LETTERS)}
_PRIMARY.update({extra: _PRIMARY[after] + 1 for extra, after in _EXTRA.items()})


@lru_cache(maxsize=65536)
def vietnamese_key(text: str) -> tuple:
    """A sort key: letters in Vietnamese order first, tones second, case last; other characters by code point."""
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in unicodedata.normalize("NFC", text):
        lower = char.lower()
        decomposed = unicodedata.normalize("NFD", lower)
        base, marks = decomposed[0], decomposed[1:]
        letter = next((_MARKED[(base, m)] for m in marks if (base, m) in _MARKED), base)
        if letter in _PRIMARY:
            primary.append((1, _PRIMARY[letter]))
        elif char.isspace():
            primary.append((0, 0))  # a word before a longer word: "Ban" before "Bang"
        else:
            primary.append((2, ord(lower)))
        tones.append(next((_TONES[m] for m in marks if m in _TONES), 0))
        cases.append(0 if char == lower else 1)
    return (tuple(primary), tuple(tones), tuple(cases))
