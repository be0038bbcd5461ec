"""Problems found in content, as the one-line messages editors read.

Every mistake in content becomes a `Problem`, never an exception that reaches
the user: the pipeline collects all of them, sorts them and prints one line
each, so an editor fixes a whole batch per run instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Field name used for problems that concern the whole file (syntax, encoding).
FILE_FIELD = "(tệp)"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake at one place. Ordering is by file, then position."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def format(self) -> str:
        """The one-line form `path:line:col: field: message`, whatever the content held."""
        message = printable(" ".join(self.message.split()))
        return f"{printable(self.path)}:{self.line}:{self.column}: {printable(self.field) or FILE_FIELD}: {message}"


def printable(text: str) -> str:
    """Control characters shown escaped (a key typed as "\\n" must not break the line)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def format_field(path: tuple[str | int, ...]) -> str:
    """Render a value's path as editors see it: `sections[0].items[2].text`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or FILE_FIELD


def summary_line(problems: list[Problem]) -> str:
    """The closing count line of a failed run."""
    files = len({p.path for p in problems})
    return f"Có {len(problems)} lỗi trong {files} tệp. Nội dung chưa được xuất bản."
