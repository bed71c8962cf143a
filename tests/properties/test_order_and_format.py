"""Hypothesis properties: findings do not depend on the order of the keys, on the
format a document is written in (YAML block, flow or mixed, JSON, Markdown), nor on the
order of the files. The generators: ``strategies.py``.
"""

from __future__ import annotations

import os
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint.pipeline.discover import Target
from contractlint.run.runner import lint

from conftest import TODAY
from strategies import (
    CONFIG,
    FORMATS,
    PROPERTY_SETTINGS,
    a_file,
    any_edit,
    facts,
    lint_case,
    written_files,
)


@PROPERTY_SETTINGS
@given(edit=any_edit, seed=st.integers(0, 2**32 - 1))
def test_findings_do_not_depend_on_key_order_or_format(lint_text, edit, seed):
    case, expected, _ = edit
    rnd = random.Random(seed)
    baseline = facts(lint_case(lint_text, case, "yaml-block"))
    assert Counter(code for code, _, _ in baseline) == expected, baseline
    for how in FORMATS:
        assert facts(lint_case(lint_text, case, how, rnd)) == baseline, how


@settings(max_examples=25, deadline=None)
@given(st.lists(a_file(), min_size=2, max_size=4), st.randoms(use_true_random=False))
def test_findings_do_not_depend_on_file_order(files, random):
    named = {f"f{i}.{suffix}": data for i, (suffix, data) in enumerate(files)}
    with written_files(named) as folder:
        targets = [Target(os.path.join(folder, name), name) for name in named]
        shuffled = list(targets)
        random.shuffle(shuffled)
        first = lint(targets, CONFIG, TODAY)
        second = lint(shuffled, CONFIG, TODAY)
        reversed_ = lint(list(reversed(targets)), CONFIG, TODAY)
    assert sorted(first.findings, key=lambda f: f.sort_key) == sorted(
        second.findings, key=lambda f: f.sort_key
    )
    assert sorted(first.findings, key=lambda f: f.sort_key) == sorted(
        reversed_.findings, key=lambda f: f.sort_key
    )
    by_path = {r.path: r for r in first.files}
    for result in second.files:
        assert by_path[result.path] == result
