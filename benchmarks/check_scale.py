"""How long `check` takes on 10,000 synthetic documents (goal: at most 5 s on 2 cores).

Usage: python benchmarks/check_scale.py [N ...]   (default 1000 10000)
Prints one line per size: files, wall time of the whole `check` command, per-document time.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import make_tree, timed_command  # noqa: E402


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = make_tree(Path(tmp) / f"corpus-{n}", n)
            size_mb = sum(p.stat().st_size for p in root.rglob("*.yml")) / 1e6
            run, elapsed = timed_command(root, "check")
            status = "ok" if run.returncode == 0 else f"FAILED ({run.stdout.splitlines()[:3]})"
            print(f"check: {n:>6} documents ({size_mb:.1f} MB YAML): {elapsed:6.2f} s, "
                  f"{elapsed / n * 1000:.3f} ms/document, {status}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
