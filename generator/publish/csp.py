"""Content-Security-Policy for every page, satisfied by the site itself.

A static site cannot send headers, so the policy is a <meta> element, the
first thing in <head>. Only same-origin files may run; the few inline
scripts Material's layout writes are allowed by their exact hash, computed
per page (they differ with the page's depth), so an injected script - from
content or anywhere else - cannot run.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_NOT_JAVASCRIPT = re.compile(r"""type\s*=\s*["']?application/(?:json|ld\+json)""")

BASE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; connect-src 'self'; "
               "worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")


def script_hashes(html: str) -> list[str]:
    """CSP source expressions for the page's inline JavaScript, in order of appearance."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs, body = match.group("attrs"), match.group("body")
        if "src=" in attrs or _NOT_JAVASCRIPT.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.append(f"'sha256-{digest}'")
    return list(dict.fromkeys(hashes))


def policy(html: str) -> str:
    return f"{BASE_POLICY}; script-src 'self' {' '.join(script_hashes(html))}".rstrip()


def with_csp(html: str) -> str:
    """The page with its policy as the first element of <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"<head>", lambda _: f"<head>\n    {meta}", html, count=1)
