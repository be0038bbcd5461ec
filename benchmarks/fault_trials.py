"""Concurrent and killed builds, many times: the published site must always be a complete one.

Goal (issue 13): 0 incomplete publications in >= 100 trials of each. A trial of "concurrent" starts two
builds of the same content into the same output at once; a trial of "killed" starts a build and kills it
(SIGKILL) at a random moment. After each, the published site must be complete (marker, and exactly the
files of a reference build), no build folder but the published one may remain once a later build ran,
and no worker process may outlive a killed build.

Usage: python benchmarks/fault_trials.py [TRIALS] [--killed-only]   (default 100)
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.measure import verdict  # noqa: E402
from tests.test_faults import _build, _complete, _files, _output, kill_build  # noqa: E402


def main(trials: int, killed_only: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="xhht-faults-") as work:
        root = Path(work) / "repo"
        shutil.copytree(Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "base", root)
        assert _build(root, root / "reference").returncode == 0
        expected = _files(root / "reference")
        out = root / "site"
        assert _build(root, out).returncode == 0
        broken = failed = 0
        started = time.monotonic()
        for _ in range(0 if killed_only else trials):
            pair = [_build(root, out, wait=False) for _ in range(2)]
            codes = [p.wait(timeout=600) for p in pair]
            for p in pair:
                _output(p)
            failed += codes != [0, 0]
            broken += not _complete(out, expected)
        if not killed_only:
            print(f"concurrent: {trials} pairs in {time.monotonic() - started:.0f} s, {broken} incomplete publications, "
                  f"{failed} pairs with a failed build -> {verdict(broken == 0 and failed == 0)}")
        rng = random.Random(2026)
        broken = orphans = 0
        started = time.monotonic()
        for _ in range(trials):
            complete, survivors = kill_build(root, out, rng.uniform(0.05, 3.0), expected)
            broken += not complete
            orphans += len(survivors)
        print(f"killed: {trials} builds in {time.monotonic() - started:.0f} s, {broken} incomplete publications, "
              f"{orphans} workers outliving their build -> {verdict(broken == 0 and orphans == 0)}")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 100, killed_only="--killed-only" in sys.argv)
