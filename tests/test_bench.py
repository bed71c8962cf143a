"""``bench/run.py``'s verdicts: which ratios are targets, at which corpus sizes.

The benchmark itself takes minutes and needs the peer tools; these tests feed its
report functions made-up timings and check what it would print and decide.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def samples(bench: ModuleType, **seconds: float) -> dict[str, list]:
    return {name: [bench.Sample(seconds[name], 20_000, 10_000)] for name, _ in bench.MEASURES}


TIMES = {"cold": 1.0, "check-jsonschema": 10.0, "yamllint": 10.0, "changed": 0.3}


@pytest.mark.parametrize("size", [2000, 10000])
def test_the_timing_targets_hold_from_2000_files(bench: ModuleType, size: int) -> None:
    _, ratios = bench.size_tables(size, 3, samples(bench, warm=0.09, **TIMES), [])
    found = {r.name: (round(r.value, 3), r.target, r.result) for r in ratios}
    assert found["cold / check-jsonschema"] == (0.1, 0.20, "PASS")
    assert found["warm / cold"] == (0.09, 0.10, "PASS")
    _, missed = bench.size_tables(size, 3, samples(bench, warm=0.11, **TIMES), [])
    assert [r.name for r in missed if not r.passed] == ["warm / cold"]


def test_below_2000_files_the_timing_ratios_are_information(bench: ModuleType) -> None:
    _, ratios = bench.size_tables(1000, 3, samples(bench, warm=0.5, **TIMES), [])
    assert {r.name: r.result for r in ratios} == {
        "cold / check-jsonschema": "info",
        "warm / cold": "info",
        "one changed / cold": "info",
        "cold / yamllint": "info",
    }
    assert all(r.passed for r in ratios)
