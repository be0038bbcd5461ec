"""`check` on the realistic corpus (goal, issue 11: 10,000 documents in <= 5 s on this 2-core machine).

Cold: no cache (a fresh clone). Warm: every file's result cached from the run before (an editor's
machine, a CI runner that keeps build/cache). Corpus from benchmarks/corpus.py.

Usage: python benchmarks/check_scale.py [N ...]   (default 1000 10000)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.build_scale import corpus  # noqa: E402
from benchmarks.measure import generator, run, verdict  # noqa: E402


def main(sizes: list[int]) -> None:
    for n in sizes:
        root = corpus(n)
        size_mb = sum(p.stat().st_size for p in (root / "plans").glob("*.yml")) / 1e6
        shutil.rmtree(root / "build", ignore_errors=True)
        cold = run(generator("check", "--root", str(root)))
        warm = run(generator("check", "--root", str(root)))
        ok = cold.returncode == warm.returncode == 0
        print(f"check: {n} documents ({size_mb:.0f} MB of YAML): cold {cold.seconds:.1f} s, warm {warm.seconds:.1f} s, "
              f"peak {max(cold.peak_tree_mb, warm.peak_tree_mb):.0f} MB{'' if ok else ' FAILED'}")
        if n >= 10000:
            print(f"  goal <= 5 s: warm {verdict(warm.seconds <= 5)}, cold {verdict(cold.seconds <= 5)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
