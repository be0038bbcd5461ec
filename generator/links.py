"""Permanent addresses of every record, derived from ids alone.

Press offices link and quote these, so an address depends only on the
record's kind and its stable `id` (never on a title), and a changed id keeps
its old address alive through `aliases` (redirect pages). Addresses are
relative to the site root, without a leading slash, so the site works under
any sub-path (`/xhht/`) of the portal. Each kind's first path segment is
declared with the kind (`generator/kinds/`).
"""

from __future__ import annotations

import sys


def _kinds():
    """The registry, imported on first use: kinds import the modules that import this one."""
    module = sys.modules.get("generator.kinds")
    if module is None:
        from generator import kinds as module
    return module


def url_for(kind: str, ident: str) -> str:
    """`van-ban/kh-104-ubnd-thai-nguyen-2022/` for a document, and so on."""
    return f"{_kinds().get(kind).section}/{ident}/"


def target_url(document_id: str, target_id: str) -> str:
    """A target lives on its document's page, at an anchor named by its id."""
    return f"{url_for('document', document_id)}#{target_id}"


def reserved_reason(kind: str, ident: str) -> str | None:
    """Why `ident` cannot be the id of a `kind` record (its page would collide with a listing), or None."""
    if ident.isdigit():
        return "mã chỉ gồm chữ số sẽ trùng với trang danh sách (trang 2, 3, ...); hãy thêm chữ"
    declared = _kinds().get(kind)
    if ident in declared.reserved:
        return f"mã '{ident}' trùng với đường dẫn của trang lọc {declared.section}/{ident}/; hãy chọn mã khác"
    return None


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
