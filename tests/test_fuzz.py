"""Random input never makes the checker crash: every outcome is problems or success.

Hypothesis builds YAML-ish text (random structure, then random mutations of
real files), writes it as a plan, and runs the same function `check` runs.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.pipeline import check
from tests.conftest import FIXTURES

BASE_PLAN = (FIXTURES / "base" / "plans" / "kh-2-ubnd-mau-2022.yml").read_text(encoding="utf-8")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=30), st.sampled_from(["2022-02-30", "2022-07-04", "2024", "javascript:x", "104/KH-UBND"]))
keys = st.one_of(st.sampled_from(["id", "type", "number", "title", "issuer", "date", "sections", "targets", "items",
                                  "value", "unit", "year", "label", "text", "name", "level", "period", "from", "to"]),
                 st.text(max_size=10))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                          st.dictionaries(keys, children, max_size=5)), max_leaves=25)


def _run(root: Path, text: str) -> None:
    (root / "plans" / "kh-2-ubnd-mau-2022.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = check(root, jobs=1)
    for problem in result.problems:
        line = problem.format()
        assert "\n" not in line and problem.line >= 1 and problem.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=values)
def test_random_structures_never_crash(base_tree: Path, data):
    _run(base_tree, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(BASE_PLAN)), junk=st.text(max_size=8), cut=st.integers(0, 20))
def test_mutated_real_plan_never_crashes(base_tree: Path, position: int, junk: str, cut: int):
    _run(base_tree, BASE_PLAN[:position] + junk + BASE_PLAN[position + cut:])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("-:[]{}&*!|>'\"#%@`,? \n\tabcđ1ẹ")), max_size=80))
def test_yaml_punctuation_soup_never_crashes(base_tree: Path, text: str):
    _run(base_tree, text)
