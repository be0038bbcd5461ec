"""Layout measurements of a built page in Chromium: broken words, horizontal overflow, table heights.

Not a test file: tests/test_browser_layout.py asserts on these measurements, and running this module
prints them for every page of a built site (the before/after figures of a layout change):

    .venv/bin/python -m tests.layout site/ [--widths 320,375,1280] [--only van-ban/]

What counts, and why:

- A *broken word* is a syllable (a run of letters, marks and digits) whose glyphs sit on two lines:
  Vietnamese is written in syllables, and "đơ n vị hàn h" is unreadable. Lines may break between
  syllables, and after the dash or slash of a compound code, but never inside a syllable. Text marked
  `.xhht-url` (an address shown as such) is left out: it is not words.
- A *split code* is a document number or date (a token holding a digit and a slash, "1315/QĐ-TTg",
  "04/7/2022") on two lines: that is what a journalist copies.
- *Overflow*: the page scrolls sideways, or a box inside it (a table's scroll box) does.
- *Tables*: each table's height in screens (its height over the viewport's) and its number of rows.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Viewports: a small phone (320 x 568), a common phone (375 x 667), a desktop (1280 x 800).
VIEWPORTS = {320: 568, 375: 667, 1280: 800}

MEASURE_JS = r"""() => {
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const syllable = /[\p{L}\p{M}\p{N}]{2,}/gu;
  const code = /[^\s,;:()“”"]*\d[^\s,;:()“”"]*\/[^\s,;:()“”"]*[\p{L}\p{N}]/gu;
  const range = document.createRange();
  const lines = (r) => { const tops = new Set(); for (const b of r.getClientRects()) if (b.width > 0.5) tops.add(Math.round(b.top)); return tops.size; };
  const broken = [], split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, noscript, svg, .xhht-url")) continue;
    // Only what a reader sees: not Material's closed search overlay (laid out at zero width), nor hidden boxes.
    if (el.closest(".md-search") || !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const text = node.data;
    if (text.trim().length < 2) continue;
    range.selectNodeContents(node);
    if (lines(range) < 2) continue;  // on one line: nothing in it can be broken
    for (const [re, out] of [[syllable, broken], [code, split]]) {
      re.lastIndex = 0;
      let m;
      while ((m = re.exec(text))) {
        if (re === code && /^https?:/.test(m[0])) continue;
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        if (lines(range) > 1) out.push(m[0]);
      }
    }
  }
  const boxes = [];
  for (const el of document.querySelectorAll("article *")) {
    const s = getComputedStyle(el);
    if ((s.overflowX === "auto" || s.overflowX === "scroll") && el.scrollWidth > el.clientWidth + 1)
      boxes.push((el.className || el.tagName).toString().slice(0, 60) + " " + el.scrollWidth + ">" + el.clientWidth);
  }
  const tables = [...document.querySelectorAll("article table")].map(t => {
    const b = t.getBoundingClientRect();
    return {id: t.closest("[id]") ? t.closest("[id]").id : "", cls: t.className, rows: t.tBodies.length ? t.tBodies[0].rows.length : t.rows.length,
            height: Math.round(b.height), screens: Math.round(b.height / vh * 100) / 100};
  });
  return {width: vw, height: vh, page_overflow: document.documentElement.scrollWidth > vw + 1 ? document.documentElement.scrollWidth : 0,
          boxes, broken, split, tables};
}"""


@dataclass
class Layout:
    """What one page measures at one width."""

    url: str
    width: int
    broken: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    page_overflow: int = 0
    boxes: list[str] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)


def measure(page: Any, url: str, width: int) -> Layout:
    """Open `url` in `page` (already at its viewport) and measure it once fonts and layout have settled."""
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
    data = page.evaluate(MEASURE_JS)
    return Layout(url=url, width=width, broken=data["broken"], split=data["split"], page_overflow=data["page_overflow"],
                  boxes=data["boxes"], tables=data["tables"])


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as addresses relative to its root."""
    out = []
    for path in sorted(Path(site).rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")[:2000]
        if 'http-equiv="refresh"' in text:
            continue  # a redirect page
        out.append("" if rel == "." else rel + "/")
    return out


def main(argv: list[str] | None = None) -> int:
    from tests.browser import browser, serve

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--widths", default="320,375,1280")
    parser.add_argument("--only", default="", help="only addresses starting with this")
    parser.add_argument("--json", type=Path, help="write every measurement here")
    args = parser.parse_args(argv)
    widths = [int(w) for w in args.widths.split(",")]
    pages = [p for p in site_pages(args.site) if p.startswith(args.only)]
    results: list[Layout] = []
    with browser() as chromium, serve(args.site.resolve()) as base:
        for width in widths:
            context = chromium.new_context(viewport={"width": width, "height": VIEWPORTS.get(width, 800)})
            with closing(context.new_page()) as page:
                for url in pages:
                    results.append(measure(page, base + url, width))
            context.close()
            here = [r for r in results if r.width == width]
            words = sum(len(r.broken) for r in here)
            print(f"{width:>5} px: {sum(1 for r in here if r.broken)} pages with broken words ({words} words), "
                  f"{sum(1 for r in here if r.split)} with split codes ({sum(len(r.split) for r in here)}), "
                  f"{sum(1 for r in here if r.page_overflow or r.boxes)} overflowing, "
                  f"tallest table {max((t['height'] for r in here for t in r.tables), default=0)} px")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
