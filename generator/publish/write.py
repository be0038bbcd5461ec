"""The write stage: a site appears whole or not at all, and the last good one is never lost.

The published path (`site/`) is a symbolic link to one complete build in
`.site.builds/`. A build writes into a private folder there and, once
complete, the link is switched to it with one rename: a reader sees the old
site or the new one, never a mix, never nothing. Older builds are then moved
to `.site.trash/` (a rename) and deleted there by a detached process: at
10,000 documents a replaced site is 316,000 files and deleting them took 70 s,
a fifth of a rebuild, after the new site was already published. The one the
link points at is never touched, so a crash at any moment leaves the last
good site published; what a crash leaves in the trash goes with the next build.

One build per published path at a time: a lock file beside it (released by
the kernel if the holder dies); a second build waits. The path must be a
site this generator built (marked with `.xhht-site`) or absent: a build never
replaces a folder of the editor's (`--out docs`) or the repository itself.
"""

from __future__ import annotations

import errno
import fcntl
import os
import secrets
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from generator.publish.rules import PublishError

#: In every build this generator publishes; only such folders may be replaced.
MARKER = ".xhht-site"
#: What a site built before the marker existed holds (accepted once, then replaced by a marked build).
_LEGACY = ("search/meta.json", "assets/xhht.css")


def builds_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.builds")


def trash_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.trash")


#: The detached deleter: removes the folder it is given, whatever it holds, and says nothing.
_DELETER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _discard(builds: Path, keep: Path, trash: Path) -> None:
    """Every build but `keep` out of the way at once, into `trash`, and `trash` emptied by a detached process
    (the command returns; the deletion goes on beside whatever comes next)."""
    import subprocess

    def to_trash(entry: Path) -> None:
        try:
            entry.rename(trash / f"{entry.name}-{secrets.token_hex(4)}")
        except OSError:
            _remove(entry)

    trash.mkdir(exist_ok=True)
    _clean(builds, keep, to_trash)
    if not any(trash.iterdir()):
        trash.rmdir()
        return
    try:
        subprocess.Popen([sys.executable, "-c", _DELETER, str(trash)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        _remove(trash)


def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(target: Path, say: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock of `target`'s builds; wait (saying so once) while another build holds it."""
    with open(_lock_path(target), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Đang có một lần xây dựng khác ghi vào {target.name}/; chờ nó xong rồi tiếp tục…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ours(folder: Path) -> bool:
    """A site this generator built (marked, or from before the marker)."""
    return (folder / MARKER).is_file() or all((folder / name).is_file() for name in _LEGACY)


def refusal(target: Path, root: Path | None) -> str | None:
    """Why `target` may not be (re)placed by a build, or None."""
    if root is not None:
        root = root.resolve()
        if root == target or root.is_relative_to(target):
            return f"{target} chứa kho nội dung; chọn thư mục xuất khác (ví dụ site/)"
        for inside in ("plans", "content", "theme", "schema", "generator", ".git"):
            if target.is_relative_to(root / inside):
                return f"{target} nằm trong {inside}/ của kho; chọn thư mục xuất khác (ví dụ site/)"
    if target.is_symlink():
        real = target.resolve()
        if real.parent != builds_of(target).resolve() or not ours(real):
            return f"{target} là liên kết tới {real}, không phải trang do trình tạo này xây dựng; hãy xóa nó hoặc chọn thư mục khác"
        return None
    if not target.exists():
        return None
    if not target.is_dir():
        return f"{target} là một tệp; chọn thư mục xuất khác"
    if any(target.iterdir()) and not ours(target):
        return f"{target} không phải trang do trình tạo này xây dựng (không có tệp {MARKER}); hãy xóa nó hoặc chọn thư mục khác"
    return None


def _remove(path: Path) -> None:
    """Remove a leftover folder, making read-only parts writable first; what cannot go stays."""
    def retry(function, name, info):  # noqa: ANN001 - shutil's onerror signature
        try:
            os.chmod(os.path.dirname(name), stat.S_IRWXU)
            os.chmod(name, stat.S_IRWXU)
            function(name)
        except OSError:
            pass
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path, onerror=retry)


def _clean(builds: Path, keep: Path | None, remove: Callable[[Path], None] = _remove) -> None:
    """Every build but the published one (crashed and replaced builds), each handed to `remove`."""
    for entry in builds.iterdir() if builds.is_dir() else ():
        if keep is None or entry.resolve() != keep.resolve():
            remove(entry)


def _switch(target: Path, build: Path) -> None:
    """Point `target` at `build` with one rename."""
    link = target.with_name(f".{target.name}.link-{secrets.token_hex(6)}")
    os.symlink(os.path.relpath(build, target.parent), link)
    if target.exists() and not target.is_symlink():
        # A site published before links were used: moved aside into the builds, then replaced.
        target.rename(builds_of(target) / f"legacy-{secrets.token_hex(6)}")
    os.replace(link, target)


def publish(target: Path, build: Callable[[Path], None], root: Path | None = None,
            say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)) -> None:
    """Run `build` into a private folder, then publish it at `target`; raise PublishError if refused."""
    target = target.parent.resolve() / target.name if target.name else target.resolve()
    reason = refusal(target, root)
    if reason:
        raise PublishError(f"không xuất bản vào {reason}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target, say):
        reason = refusal(target, root)  # again: another build may have changed it while we waited
        if reason:
            raise PublishError(f"không xuất bản vào {reason}")
        builds = builds_of(target)
        builds.mkdir(exist_ok=True)
        current = target.resolve() if target.is_symlink() else None
        _clean(builds, current)
        staging = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
        try:
            build(staging)
            (staging / MARKER).write_text("Trang do trình tạo xhht xây dựng; thư mục này được thay khi xây dựng lại.\n",
                                          encoding="utf-8")
            os.chmod(staging, 0o755)  # mkdtemp makes it private; the site is for a web server to read
            _switch(target, staging)
        except BaseException:
            _remove(staging)
            raise
        _discard(builds, staging, trash_of(target))


def write_files(root: Path, files: dict[str, bytes | str]) -> None:
    """Write `{relative path: content}` under `root` (text as UTF-8, LF line endings)."""
    for relpath, content in sorted(files.items()):
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)


def disk_message(err: OSError, what: str) -> str:
    """One Vietnamese line for a fault of the machine, not of the content."""
    if err.errno == errno.ENOSPC:
        return f"Hết dung lượng đĩa khi {what}; giải phóng dung lượng rồi chạy lại."
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi khi {what} ({err.filename or ''}); kiểm tra quyền của thư mục rồi chạy lại."
    return f"Lỗi hệ thống tệp khi {what}: {err.strerror or err} ({err.filename or ''})."
