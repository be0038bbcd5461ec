"""The index stage, as the pipeline calls it: `search_files(hub)`; the work is in generator/search/."""

from __future__ import annotations

from generator.search import hub_entries, result_kinds, search_files

__all__ = ["hub_entries", "result_kinds", "search_files"]
