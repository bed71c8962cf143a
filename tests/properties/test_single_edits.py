"""Hypothesis properties: each single edit of a complete document raises exactly the
rules the SPEC names for it, each as many times as there are items at fault, and
nothing else.

- the edit table ``MUTATIONS`` (``strategies.py``: remove a field, make it a
  placeholder, break a value...) on the catalog generator, and that table covers every
  rule a single edit of one document can raise;
- on the basic generator: removing one field, or replacing its value with a
  placeholder, raises exactly the rule for it; swapping p50 and p95, or a timeout at or
  below the budget, raises CL104; placeholder thresholds raise CL202.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from contractlint.config import DEFAULT_PLACEHOLDERS
from contractlint.rules import RULES

from conftest import codes, located
from strategies import (
    EDIT_SETTINGS,
    MUTATIONS,
    SETTINGS,
    basic_acceptance_checklist,
    basic_experiment_plan,
    basic_fmt,
    basic_model_contract,
    basic_problem_framing,
    edit_labels,
    fmt,
    lint_case,
    lint_document,
    mutated,
    shown,
    tally,
)

# --------------------------------------------------------------------------- the edit table


@pytest.mark.parametrize("label", edit_labels)
@EDIT_SETTINGS
@given(data=st.data())
def test_a_single_edit_raises_exactly_its_rule(lint_text, label, data):
    case, expected, _ = data.draw(mutated(label))
    assert set(expected) == MUTATIONS[label].raises  # the table is consistent
    how = data.draw(fmt)
    findings = lint_case(lint_text, case, how)
    assert tally(findings) == expected, shown(findings)


def test_the_edit_table_covers_every_document_rule():
    """Every rule that a single edit of one document can raise is in the table."""
    # Raised only by whole files or comments: CL000 (a crash), CL001 (syntax),
    # CL006 (unreadable), CL007 (too complex), CL010 (expired suppression comment).
    by_file = {"CL000", "CL001", "CL006", "CL007", "CL010"}
    covered = set().union(*(m.raises for m in MUTATIONS.values()))
    # Breaking-change rules compare two versions (`contractlint diff`): tests/test_diff.py.
    checks = {rule.code for rule in RULES if rule.compare is None}
    assert checks - by_file - covered == set()


# --------------------------------------------------------------------------- removing a field


REMOVALS = {
    "fallback": ("model-contract", ("fallback",), "CL101"),
    "latency_budget_ms": ("model-contract", ("latency_budget_ms",), "CL103"),
    "timeout_ms": ("model-contract", ("timeout_ms",), "CL105"),
    "owners.scope": (None, ("owners", "scope"), "CL401"),
    "owners.feasibility": (None, ("owners", "feasibility"), "CL401"),
    "owners.method": (None, ("owners", "method"), "CL401"),
    "guardrails": ("experiment-plan", ("guardrails",), "CL201"),
    "metrics.guardrails": ("problem-framing", ("metrics", "guardrails"), "CL201"),
}
STRATEGIES = {
    "model-contract": basic_model_contract(),
    "experiment-plan": basic_experiment_plan(),
    "problem-framing": basic_problem_framing(),
    "acceptance-checklist": basic_acceptance_checklist(),
}


@st.composite
def removal(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, ...], str]:
    label = draw(st.sampled_from(sorted(REMOVALS)))
    kind, path, code = REMOVALS[label]
    kind = kind or draw(st.sampled_from(sorted(STRATEGIES)))
    return draw(STRATEGIES[kind]), path, code


def parent_of(document: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    node = document
    for key in path[:-1]:
        node = node[key]
    return node


@SETTINGS
@given(removal(), basic_fmt)
def test_removing_a_field_raises_exactly_its_rule(case, how):
    document, path, code = case
    broken = copy.deepcopy(document)
    del parent_of(broken, path)[path[-1]]
    findings = lint_document(broken, how)
    assert codes(findings) == [code], located(findings)
    assert lint_document(document, how) == []


@SETTINGS
@given(st.one_of(basic_experiment_plan(), basic_problem_framing()), basic_fmt)
def test_emptying_the_guardrails_raises_cl201(document, how):
    broken = copy.deepcopy(document)
    holder = broken["metrics"] if broken["kind"] == "problem-framing" else broken
    holder["guardrails"] = []
    assert codes(lint_document(broken, how)) == ["CL201"]


@SETTINGS
@given(basic_model_contract(), basic_fmt)
def test_removing_the_whole_owners_raises_one_cl401_per_decision(document, how):
    del document["owners"]
    findings = lint_document(document, how)
    assert codes(findings) == ["CL401"] * 3
    assert len({f.message for f in findings}) == 3


# --------------------------------------------------------------------------- CL104


@SETTINGS
@given(basic_model_contract(), basic_fmt)
def test_swapping_p50_and_p95_raises_cl104(document, how):
    budget = document["latency_budget_ms"]
    assume(budget["p50"] < budget["p95"])
    budget["p50"], budget["p95"] = budget["p95"], budget["p50"]
    findings = lint_document(document, how)
    assert codes(findings) == ["CL104"], located(findings)
    assert "p50" in findings[0].message and "p95" in findings[0].message


@SETTINGS
@given(basic_model_contract(), basic_fmt, st.floats(0, 1))
def test_timeout_at_or_below_the_budget_raises_cl104(document, how, fraction):
    largest = max(document["latency_budget_ms"].values())
    document["timeout_ms"] = max(0.01, round(largest * fraction, 2))
    assert codes(lint_document(document, how)) == ["CL104"]


# --------------------------------------------------------------------------- placeholders


PLACEHOLDER_WORDS = frozenset(DEFAULT_PLACEHOLDERS)


@st.composite
def placeholder(draw: st.DrawFn) -> Any:
    """A placeholder as people write it: any case, padded, or null."""
    if draw(st.integers(0, 9)) == 0:
        return None
    written = draw(st.sampled_from(sorted(PLACEHOLDER_WORDS)))
    written = draw(st.sampled_from([str.lower, str.upper, str.title]))(written)
    return draw(st.sampled_from(["", " ", "  "])) + written + draw(st.sampled_from(["", " "]))


PLACEHOLDER_TARGETS = {
    "fallback": ("model-contract", ("fallback",), "CL101"),
    "fallback.strategy": ("model-contract", ("fallback", "strategy"), "CL101"),
    "fallback.feature_flag": ("model-contract", ("fallback", "feature_flag"), "CL102"),
    "latency_budget_ms": ("model-contract", ("latency_budget_ms",), "CL103"),
    "latency_budget_ms.p95": ("model-contract", ("latency_budget_ms", "p95"), "CL103"),
    "timeout_ms": ("model-contract", ("timeout_ms",), "CL105"),
    "owners": (None, ("owners",), "CL401"),
    "owners.scope": (None, ("owners", "scope"), "CL401"),
    "owners.method": (None, ("owners", "method"), "CL401"),
    "guardrails": ("experiment-plan", ("guardrails",), "CL201"),
    "metrics.guardrails": ("problem-framing", ("metrics", "guardrails"), "CL201"),
}


@st.composite
def placeholder_case(draw: st.DrawFn) -> tuple[dict[str, Any], tuple[str, ...], str, Any]:
    label = draw(st.sampled_from(sorted(PLACEHOLDER_TARGETS)))
    kind, path, code = PLACEHOLDER_TARGETS[label]
    kind = kind or draw(st.sampled_from(sorted(STRATEGIES)))
    return draw(STRATEGIES[kind]), path, code, draw(placeholder())


@SETTINGS
@given(placeholder_case(), basic_fmt)
def test_a_placeholder_raises_the_rule_for_its_field(case, how):
    document, path, code, value = case
    parent_of(document, path)[path[-1]] = value
    findings = lint_document(document, how)
    expected = [code] * (3 if path == ("owners",) else 1)
    assert codes(findings) == expected, (value, located(findings))


@SETTINGS
@given(st.one_of(basic_experiment_plan(), basic_problem_framing()), placeholder(), basic_fmt)
def test_placeholder_thresholds_raise_cl202(document, value, how):
    holder = document["metrics"] if document["kind"] == "problem-framing" else document
    first = holder["guardrails"][0]
    for key in ("max_regression", "max", "min"):
        if key in first:
            first[key] = value
    findings = lint_document(document, how)
    assert codes(findings) == ["CL202"], located(findings)
