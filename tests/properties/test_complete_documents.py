"""Hypothesis properties: a complete document of any kind raises no finding at all
(SPEC sections 1 and 2), in every format, alone or with others in one file; and the
generators' own invariants. The generators: ``strategies.py``.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint import power

from conftest import located
from strategies import (
    EP,
    KINDS,
    LATENCY_SIGNALS,
    MAX_ARMS,
    METRICS,
    PROPERTY_SETTINGS,
    SETTINGS,
    SIGNALS,
    any_case,
    basic_fmt,
    case_of,
    complete_document,
    design_of,
    fmt,
    lint_case,
    lint_document,
    lint_one,
    required_n,
    shown,
)

# --------------------------------------------------------------------------- the catalog generator


@PROPERTY_SETTINGS
@given(case=any_case, how=fmt)
def test_a_complete_document_raises_nothing(lint_text, case, how):
    assert shown(lint_case(lint_text, case, how)) == []


@pytest.mark.parametrize("kind", KINDS)
@settings(PROPERTY_SETTINGS, max_examples=25)
@given(data=st.data())
def test_complete_documents_of_each_kind_raise_nothing(lint_text, kind, data):
    case = data.draw(case_of(kind))
    how = data.draw(fmt)
    assert shown(lint_case(lint_text, case, how)) == []


@PROPERTY_SETTINGS
@given(case=case_of(EP), arms=st.integers(2, MAX_ARMS))
def test_generated_plans_are_powered_for_every_arm_count(case, arms):
    """The generator's own invariant, checked with the library's power function."""
    doc = case.doc
    reached = power.achieved_power(design_of(doc), doc["sample_size"]["per_arm"])
    assert reached >= doc["sample_size"].get("power", 0.8) - 1e-9
    assert doc["sample_size"]["per_arm"] >= required_n(doc, max(arms, doc.get("arms", 2)))


def test_metric_names_are_not_substrings_of_each_other():
    words = METRICS + SIGNALS + LATENCY_SIGNALS
    for metric in METRICS:
        assert [w for w in words if metric in w.lower()] == [metric]


# --------------------------------------------------------------------------- the basic generator


@SETTINGS
@given(complete_document, basic_fmt)
def test_a_complete_basic_document_raises_nothing(document, how):
    findings = lint_document(document, how)
    assert located(findings) == []


@settings(max_examples=15, deadline=None)
@given(st.lists(complete_document, min_size=2, max_size=4))
def test_several_complete_documents_in_one_file_raise_nothing(documents):
    text = yaml.safe_dump_all(documents, sort_keys=False)
    assert located(lint_one(text, "contracts.yaml")) == []
