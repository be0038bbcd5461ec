"""Rules every published HTML file must follow, applied as it is written, whatever made it.

A static site cannot send headers, so each page carries its
Content-Security-Policy as a <meta> element, the first thing in <head>
(`csp.py`). This pass adds it to every HTML file a publisher produces and
refuses, failing the build, any file it cannot secure: a publisher that
forgets a page's <head>, or a future engine that writes pages of its own,
cannot publish a page without a policy.
"""

from __future__ import annotations

import re

from generator.publish.csp import with_csp

_HEAD = re.compile(r"<head[^>]*>\s*", re.I)
_FIRST_IN_HEAD = re.compile(r"<head[^>]*>\s*<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';"
                            r"[^\"]*\">", re.I)


class PublishError(Exception):
    """The site could not be published (configuration, layout, output rules); the previous site stays.

    Its message is one line in Vietnamese naming the file at fault.
    """


class OutputRuleError(PublishError):
    """A file broke an output rule."""


def secure_html(path: str, text: str) -> str:
    """`text` with its policy first in <head>; OutputRuleError when that cannot be made true."""
    if not _HEAD.search(text):
        raise OutputRuleError(f"{path}: trang không có phần <head>, không thể gắn chính sách bảo mật (CSP)")
    if not _FIRST_IN_HEAD.search(text):
        text = with_csp(text)
    if not _FIRST_IN_HEAD.search(text) or text.count('http-equiv="Content-Security-Policy"') != 1:
        raise OutputRuleError(f"{path}: chính sách bảo mật (CSP) không đứng đầu <head> hoặc có nhiều hơn một")
    return text
