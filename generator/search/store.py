"""What the browser shows of a result, in files of bounded size, and the ids that find it.

A result is shown with its page's title, its own title, where it matched
and an excerpt: the browser fetches them only for the results it shows, so
they live apart from the postings, in *blocks* of at most `BLOCK_BYTES`
bytes (a single larger entry gets a block of its own):

- every page (a top-level entry and the entries pointing into it) gets an
  id; postings name an entry by (page id, position in its page), so results
  are grouped by page before anything else is fetched;
- small pages share a block (at most `PAGES_PER_BLOCK` of them); a page that
  does not fit one block (a document) gets blocks of its own, its entries
  packed in order, at most `ENTRIES_PER_BLOCK` a block;
- page ids and positions are spaced so that the block of an entry is
  arithmetic: `page_id // PAGES_PER_BLOCK + position // ENTRIES_PER_BLOCK`
  (the n-th block of a page holds positions from n * ENTRIES_PER_BLOCK);
  no table of blocks is needed, however large the site;
- each block of a page after its first repeats the page's kind, title and
  address: a result found deep in a document shows under the document's
  name without fetching the block of the document's own entry.

Blocks are small because a reader typing a query sees new results at every
keystroke, and each result costs its block: a block of 6 entries of a
document to show one of them was most of what search downloaded.

A block is a JSON object: page id -> [first position, header (only when the
first position is not 0), record, ...], a record being [kind, title,
address, context, [[label, value]...], [[text, anchor?, label?]...]].
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
ENTRIES_PER_BLOCK = 8
BLOCK_BYTES = 2048
#: Entry keys in the browser: page id x POSITIONS + position; a page may span POSITIONS / ENTRIES_PER_BLOCK blocks.
POSITIONS = 1 << 20
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
    blocks as bytes (`files`: block number -> JSON)."""

    def __init__(self, encode: Callable[[Any], bytes]) -> None:
        self.encode = encode
        self.kinds: dict[str, int] = {}
        self.pages = array("q")
        self.positions = array("q")
        self.files: dict[int, bytes] = {}
        #: [first page id, kind] where the kind of pages changes: pages come kind by kind
        self.page_kinds: list[list[int]] = []
        self._block, self._slot, self._used = -1, PAGES_PER_BLOCK, 0
        self._open: list[tuple[int, int, bytes, list[bytes]]] = []

    def _close(self) -> None:
        if self._open:
            self.files[self._block] = _block_json(self._open)
            self._open = []

    def add_page(self, entries: list[Entry]) -> None:
        """A page's entries, its own first."""
        kinds = self.kinds
        top = entries[0]
        kind = kinds.setdefault(top.kind, len(kinds))
        records = [self.encode(record(e, kinds.setdefault(e.kind, len(kinds)), None if i == 0 else top.url))
                   for i, e in enumerate(entries)]
        size = sum(map(len, records)) + len(records)
        if len(records) <= ENTRIES_PER_BLOCK and size <= BLOCK_BYTES:
            if self._slot >= PAGES_PER_BLOCK or self._used + size > BLOCK_BYTES:
                self._close()
                self._block, self._slot, self._used = self._block + 1, 0, 0
            page = self._block * PAGES_PER_BLOCK + self._slot
            self._kind(page, kind)
            self._slot, self._used = self._slot + 1, self._used + size
            self._open.append((page, 0, b"", records))
            self.pages.extend([page] * len(records))
            self.positions.extend(range(len(records)))
            return
        self._close()
        first_block = self._block + 1
        page = first_block * PAGES_PER_BLOCK
        self._kind(page, kind)
        header = self.encode([kind, _cut(top.title), top.url])
        groups: list[list[bytes]] = [[]]
        used = 0
        for data in records:
            group = groups[-1]
            if group and (len(group) >= ENTRIES_PER_BLOCK or used + len(data) > BLOCK_BYTES):
                groups.append([])
                group, used = groups[-1], len(header)
            group.append(data)
            used += len(data) + 1
        if len(groups) * ENTRIES_PER_BLOCK > POSITIONS:
            raise ValueError(f"{top.url}: too large for the search index ({len(groups)} blocks)")
        for number, group in enumerate(groups):
            first = number * ENTRIES_PER_BLOCK
            self.files[first_block + number] = _block_json([(page, first, header if number else b"", group)])
            self.pages.extend([page] * len(group))
            self.positions.extend(range(first, first + len(group)))
        self._block, self._slot = first_block + len(groups) - 1, PAGES_PER_BLOCK

    def _kind(self, page: int, kind: int) -> None:
        if not self.page_kinds or self.page_kinds[-1][1] != kind:
            self.page_kinds.append([page, kind])

    def finish(self) -> dict[int, bytes]:
        self._close()
        return self.files


def _block_json(pages: list[tuple[int, int, bytes, list[bytes]]]) -> bytes:
    return b"{" + b",".join(b'"%d":[%d,%s]' % (page, first, b",".join(([header] if header else []) + records))
                            for page, first, header, records in pages) + b"}\n"
