"""What the browser shows of a result, in files of bounded size, and the ids that find it.

A result is shown with its page's title, its own title, where it matched
and an excerpt: the browser fetches them only for the results it shows, so
they live apart from the postings, in *blocks*:

- every page (a top-level entry and the entries pointing into it) gets an
  id; postings name an entry by (page id, position in its page), so results
  are grouped by page before anything else is fetched;
- small pages share a block (at most `PAGES_PER_BLOCK` pages, `BLOCK_BYTES`
  bytes); a page with more than `ENTRIES_PER_BLOCK` entries (a document)
  gets blocks of its own, `ENTRIES_PER_BLOCK` entries each;
- page ids are spaced so that the block of an entry is arithmetic:
  `page_id // PAGES_PER_BLOCK + position // ENTRIES_PER_BLOCK`; no table of
  blocks is needed, however large the site.

Entries are bounded (generator/kinds/document_search.py splits long
sections; `bounded` below splits anything else), and displayed strings are
cut at `SHOWN`, so every block has a bounded size.
"""

from __future__ import annotations

from array import array
from typing import Any, Callable

from msgspec.structs import replace

from generator.entries import Entry, Passage
from generator.kinds.document_search import ENTRY_TEXT, split_text

PAGES_PER_BLOCK = 16
ENTRIES_PER_BLOCK = 6
BLOCK_BYTES = 4096
#: Longest title, context or field value stored for display (the index keeps all of it).
SHOWN = 300


def bounded(entry: Entry) -> list[Entry]:
    """`entry`, and continuation entries if its running text is longer than one entry may hold.

    Continuations keep its title and address; their `parent` is left to the caller (the entry's page)."""
    body = entry.body()
    if sum(len(p.text) for p in body) <= ENTRY_TEXT:
        return [entry]
    pieces = [Passage(piece, p.anchor, p.label) for p in body for piece in split_text(p.text)]
    groups: list[list[Passage]] = [[]]
    size = 0
    for piece in pieces:
        if groups[-1] and size + len(piece.text) > ENTRY_TEXT:
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += len(piece.text)
    first = replace(entry, text="", passages=tuple(groups[0]))
    return [first] + [replace(entry, text="", keywords="", fields=(), passages=tuple(g)) for g in groups[1:]]


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN].rstrip() + "…"


def record(entry: Entry, kind: int, page_url: str | None) -> list[Any]:
    """[kind, title, address, context, [[label, value]...], [[text, anchor?, label?]...]] of one entry;
    the address of an entry inside a page is its `#anchor` (or "" for the page itself)."""
    url = entry.url
    if page_url is not None and url.startswith(page_url):
        url = url[len(page_url):]
    passages = []
    for p in entry.body():
        row = [p.text, p.anchor, p.label]
        while len(row) > 1 and not row[-1]:
            row.pop()
        passages.append(row)
    return [kind, _cut(entry.title), url, _cut(entry.context), [[f.label, _cut(f.text)] for f in entry.fields],
            passages]


class StoreWriter:
    """Pages added one at a time (`add_page`): the page id and position of every entry, and the finished
    blocks as bytes (`files`: block number -> JSON object: page id -> [first position, record, ...])."""

    def __init__(self, encode: Callable[[Any], bytes]) -> None:
        self.encode = encode
        self.kinds: dict[str, int] = {}
        self.pages = array("q")
        self.positions = array("q")
        self.files: dict[int, bytes] = {}
        self._block, self._slot, self._used = -1, PAGES_PER_BLOCK, 0
        self._open: list[tuple[int, int, list[bytes]]] = []

    def _close(self) -> None:
        if self._open:
            self.files[self._block] = _block_json(self._open)
            self._open = []

    def add_page(self, entries: list[Entry]) -> None:
        """A page's entries, its own first."""
        kinds = self.kinds
        page_url = entries[0].url
        records = [self.encode(record(e, kinds.setdefault(e.kind, len(kinds)), None if i == 0 else page_url))
                   for i, e in enumerate(entries)]
        count = len(records)
        if count <= ENTRIES_PER_BLOCK:
            weight = sum(map(len, records))
            if self._slot >= PAGES_PER_BLOCK or (self._slot and self._used + weight > BLOCK_BYTES):
                self._close()
                self._block, self._slot, self._used = self._block + 1, 0, 0
            page = self._block * PAGES_PER_BLOCK + self._slot
            self._slot, self._used = self._slot + 1, self._used + weight
            self._open.append((page, 0, records))
        else:
            self._close()
            self._block += 1
            page = self._block * PAGES_PER_BLOCK
            for first in range(0, count, ENTRIES_PER_BLOCK):
                self.files[self._block + first // ENTRIES_PER_BLOCK] = _block_json(
                    [(page, first, records[first:first + ENTRIES_PER_BLOCK])])
            self._block += (count - 1) // ENTRIES_PER_BLOCK
            self._slot = PAGES_PER_BLOCK
        self.pages.extend([page] * count)
        self.positions.extend(range(count))

    def finish(self) -> dict[int, bytes]:
        self._close()
        return self.files


def _block_json(pages: list[tuple[int, int, list[bytes]]]) -> bytes:
    return b"{" + b",".join(b'"%d":[%d,%s]' % (page, first, b",".join(records))
                            for page, first, records in pages) + b"}\n"
