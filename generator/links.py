"""Permanent addresses of every record, derived from ids alone.

Press offices link and quote these, so an address depends only on the
record's kind and its stable `id` (never on a title), and a changed id keeps
its old address alive through `aliases` (redirect pages). Addresses are
relative to the site root, without a leading slash, so the site works under
any sub-path (`/xhht/`) of the portal.
"""

from __future__ import annotations

#: kind -> first path segment (Vietnamese, ASCII, stable: part of every published link).
SECTIONS: dict[str, str] = {
    "document": "van-ban",
    "indicator": "chi-so",
    "body": "co-quan",
    "locality": "dia-ban",
    "resource": "hoc-lieu",
    "example": "guong-dien-hinh",
    "page": "trang",
}


#: Path segments that listing pages use below a kind's section; a record id may not take them.
RESERVED: dict[str, frozenset[str]] = {
    "document": frozenset({"loai", "cap", "nam", "dia-ban"}),
    "resource": frozenset({"chu-de", "doi-tuong", "hinh-thuc", "chi-phi", "ngon-ngu"}),
    "example": frozenset({"danh-hieu", "nam", "dia-ban"}),
}


def reserved_reason(kind: str, ident: str) -> str | None:
    """Why `ident` cannot be the id of a `kind` record (its page would collide with a listing), or None."""
    if ident.isdigit():
        return "mã chỉ gồm chữ số sẽ trùng với trang danh sách (trang 2, 3, ...); hãy thêm chữ"
    if ident in RESERVED.get(kind, ()):
        return f"mã '{ident}' trùng với đường dẫn của trang lọc {SECTIONS[kind]}/{ident}/; hãy chọn mã khác"
    return None


#: Anchors the document page itself uses (theme/pages/document.html); items and targets may not take them.
PAGE_ANCHORS = frozenset({"trich-dan", "can-cu", "duoc-can-cu", "kinh-gui", "noi-dung", "chi-tieu", "trach-nhiem",
                          "thoi-han", "noi-nhan", "nguon"})


def url_for(kind: str, ident: str) -> str:
    """`van-ban/kh-104-ubnd-thai-nguyen-2022/` for a document, and so on."""
    return f"{SECTIONS[kind]}/{ident}/"


def target_url(document_id: str, target_id: str) -> str:
    """A target lives on its document's page, at an anchor named by its id."""
    return f"{url_for('document', document_id)}#{target_id}"


def source_path(url: str) -> str:
    """The Markdown file that MkDocs turns into `url` (`van-ban/x/` -> `van-ban/x/index.md`)."""
    return url + "index.md" if url.endswith("/") else url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url`, both site-relative.

    Every link in the site is relative, so it works unchanged under any
    sub-path of the portal and from a local copy. `to_url` may carry a
    `#fragment`; `from_url` is a directory URL (ends with "/") or "".
    """
    target, _, fragment = to_url.partition("#")
    depth = from_url.count("/")
    prefix = "../" * depth
    link = prefix + target
    if not link:
        link = "./"
    return link + (f"#{fragment}" if fragment else "")
