"""The whole build on the realistic corpus, stage by stage, beside mkdocs-material's own build.

Goals (issue 11):
- 1,000 documents: time per page at most half of mkdocs-material's own on the same documents (a
  reference build in the same run: absolute times vary between machines), peak memory <= 1 GB;
- 10,000 documents: <= 3 ms per page, peak memory <= 2 GB.

Each size is built twice: cold (no cache, as a portal's CI on a fresh clone) and warm (the cache of
the first build, as an editor's machine). Peak memory is the largest sum over the build's processes
(pages and search index run at the same time), sampled. The corpus is made from the real bundled
documents (benchmarks/corpus.py), kept in /tmp/xhht-corpus-N between runs.

Usage: python benchmarks/build_scale.py [N ...] [--no-reference]   (default 1000 10000)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.corpus import make_corpus  # noqa: E402
from benchmarks.material_reference import reference_build  # noqa: E402
from benchmarks.measure import generator, run, verdict  # noqa: E402

GOALS = {1000: {"peak_mb": 1024, "vs_material": 0.5}, 10000: {"peak_mb": 2048, "ms_per_page": 3.0}}


def corpus(n: int) -> Path:
    root = Path(f"/tmp/xhht-corpus-{n}")
    if not (root / ".benchmark-corpus").exists() or len(list((root / "plans").glob("*.yml"))) < n:
        make_corpus(root, n)
    theme = root / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(Path(__file__).resolve().parent.parent / "theme", theme)  # the current theme
    return root


def build_once(root: Path, label: str) -> tuple[int, float, float]:
    result = run(generator("build", "--root", str(root), "--out", str(root / "site"), "--quiet", "--timings"))
    if result.returncode != 0:
        print(f"  {label}: FAILED\n{result.stdout[-800:]}\n{result.stderr[-800:]}")
        return 0, 0.0, 0.0
    pages = int(result.stdout.split("Đã xây dựng trang: ")[1].split(" trang")[0])
    print(f"  {label}: {pages} pages in {result.seconds:.1f} s = {result.seconds / pages * 1000:.2f} ms/page; "
          f"peak memory {result.peak_tree_mb:.0f} MB (largest process {result.peak_process_mb:.0f} MB)")
    for stage, seconds in result.timings.items():
        print(f"      {stage}: {seconds:.1f} s")
    return pages, result.seconds, result.peak_tree_mb


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv if a.isdigit()] or [1000, 10000]
    for n in sizes:
        root = corpus(n)
        print(f"build: realistic corpus of {n} documents ({root})")
        shutil.rmtree(root / "build", ignore_errors=True)
        pages, cold, cold_peak = build_once(root, "cold (no cache)")
        _, warm, warm_peak = build_once(root, "warm (cache)")
        if not pages:
            continue
        goal = GOALS.get(n, {})
        if "ms_per_page" in goal:
            per_page = warm / pages * 1000
            print(f"  goal <= {goal['ms_per_page']} ms/page: warm {per_page:.2f}, cold {cold / pages * 1000:.2f} -> "
                  f"{verdict(per_page <= goal['ms_per_page'])} (warm), "
                  f"{verdict(cold / pages * 1000 <= goal['ms_per_page'])} (cold)")
        if "peak_mb" in goal:
            peak = max(cold_peak, warm_peak)
            print(f"  goal peak <= {goal['peak_mb']} MB: {peak:.0f} MB -> {verdict(peak <= goal['peak_mb'])}")
        if "vs_material" in goal and "--no-reference" not in argv:
            with tempfile.TemporaryDirectory(prefix="xhht-material-ref-") as work:
                ref = reference_build(root, Path(work))
            ours = warm / pages * 1000
            print(f"  mkdocs-material alone, same documents as Markdown: {ref['pages']} pages in {ref['seconds']:.1f} s "
                  f"= {ref['ms_per_page']:.2f} ms/page, peak {ref['peak_mb']:.0f} MB")
            print(f"  goal ours <= half of Material's per page: {ours:.2f} (warm), {cold / pages * 1000:.2f} (cold) vs "
                  f"{ref['ms_per_page'] * goal['vs_material']:.2f} -> "
                  f"{verdict(ours <= ref['ms_per_page'] * goal['vs_material'])} (warm), "
                  f"{verdict(cold / pages * 1000 <= ref['ms_per_page'] * goal['vs_material'])} (cold)")


if __name__ == "__main__":
    main(sys.argv[1:])
