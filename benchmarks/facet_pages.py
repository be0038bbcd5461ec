"""How many resource-finder pages a hub gets, and how long finding them takes (generator/render/facets.py).

Resources are the bundled 41 recombined: each made of five bundled resources' topics, audiences, formats, cost
and languages, so the values and how they go together are real. Goal: at 1,000 resources, at most 10,000 pages
with the declared bound (ResourceKind.combine_facets) and the walk at most 5 s of CPU; the unbounded walk is
printed beside it for comparison.

Usage: python benchmarks/facet_pages.py [N ...]   (default 41 200 500 1000)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.measure import verdict  # noqa: E402
from generator.kinds.resource import ResourceKind  # noqa: E402
from generator.pipeline import load_hub  # noqa: E402
from generator.render.facets import combined_pages, group  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def resources(n: int) -> list:
    bundled = list(load_hub(REPO, jobs=1).hub.resources.values())
    if n == len(bundled):
        return bundled
    rng = random.Random(n)
    out = []
    for i in range(n):
        a, b, c, d, e = (rng.choice(bundled) for _ in range(5))
        out.append(a.__class__(**{**{f: getattr(a, f) for f in a.__struct_fields__}, "id": f"r{i}",
                                  "audiences": b.audiences, "formats": c.formats, "cost": d.cost,
                                  "languages": e.languages}))
    return out


def main(sizes: list[int]) -> None:
    limit = ResourceKind.combine_facets
    for n in sizes:
        items = resources(n)
        grouped = group(items, ResourceKind.facets, None)
        figures = []
        for bound in (limit, 99):
            start = time.process_time()
            pages = combined_pages("hoc-lieu/", len(items), grouped, bound)
            figures.append((len(pages), time.process_time() - start))
        (count, cpu), (unbounded, unbounded_cpu) = figures
        print(f"facet pages: {n} resources: {count} pages with at most {limit} choices ({cpu:.2f} s CPU); "
              f"unbounded {unbounded} pages ({unbounded_cpu:.2f} s)")
        if n >= 1000:
            print(f"  goal <= 10,000 pages and <= 5 s: {verdict(count <= 10000 and cpu <= 5)}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [41, 200, 500, 1000])
