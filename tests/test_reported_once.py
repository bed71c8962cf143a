"""Each problem is reported once, by the rule that owns it (SPEC section 2; issue 19
item 3): emptying any field of a complete document of each kind (`{}`, `[]`, `""`,
`null`, a blank string) never gets the schema's CL003 and another rule's finding for
the same node or for a node and one inside it, nor one rule's finding twice for the same
node. A misspelled field is the schema's did-you-mean alone, and a value the schema
rejects is not also judged by the rule that reads it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from contractlint import api
from contractlint.results import Finding

from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM

EMPTIES = ("{}", "[]", '""', "null", '" "')
KEY = re.compile(r"^(\s*-?\s*)([a-z_]+):\s*(.+)$")


def _emptied(document: str) -> list[tuple[str, str]]:
    """(what was emptied, the document) for each field line and each empty value."""
    lines = document.splitlines()
    out = []
    for index, line in enumerate(lines):
        found = KEY.match(line)
        if not found or found.group(2) == "kind":
            continue
        for empty in EMPTIES:
            changed = [
                *lines[:index],
                f"{found.group(1)}{found.group(2)}: {empty}",
                *lines[index + 1 :],
            ]
            out.append((f"{found.group(2)}: {empty}", "\n".join(changed) + "\n"))
    return out


CASES = [
    (kind, label, text)
    for kind, document in (
        ("model-contract", MODEL),
        ("experiment-plan", EXPERIMENT),
        ("problem-framing", PROBLEM),
        ("acceptance-checklist", CHECKLIST),
    )
    for label, text in _emptied(document)
]


def test_every_field_of_every_kind_is_emptied() -> None:
    assert len(CASES) > 100
    assert {kind for kind, _, _ in CASES} == {
        "model-contract",
        "experiment-plan",
        "problem-framing",
        "acceptance-checklist",
    }


def _within(pointer: str, node: str) -> bool:
    """``pointer`` is ``node`` or lies inside it; a finding on the document as a whole
    (a missing top-level field) is about no node inside it."""
    return pointer == node or (node != "" and pointer.startswith(node + "/"))


def assert_reported_once(label: str, findings: list[Finding]) -> None:
    """No node gets the schema's CL003 and another rule's finding, neither on the node
    itself nor on the node and something inside it (CL203 on `primary_metric` and CL003
    on its `minimum_detectable_effect: {}`); and no rule says one thing twice."""
    schema = [f.pointer for f in findings if f.code == "CL003"]
    for finding in findings:
        if finding.code == "CL003":
            continue
        inside = [p for p in schema if _within(p, finding.pointer)]
        assert not inside, (label, finding.code, finding.pointer, finding.message, inside)
    repeated = Counter((f.code, f.pointer, f.message) for f in findings)
    assert all(count == 1 for count in repeated.values()), (label, repeated)


@pytest.mark.parametrize(("kind", "label", "text"), CASES, ids=lambda v: str(v)[:40])
def test_an_emptied_field_is_reported_once(kind: str, label: str, text: str) -> None:
    assert_reported_once(label, api.lint_text(text, "contract.yaml"))


# A misspelled field is one problem: the schema's did-you-mean, not also the finding of
# the rule that asks for the field (SPEC 2).
FALLBACK = "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}"
MISSPELLED = [
    ("fallback", FALLBACK, "fallbak: serve_most_popular"),
    ("owners", "owners:", "owner:"),
    ("p95", "p95: 120", "P95: 120"),
    ("p95", "p95: 120", "p_95: 120"),
    ("timeout_ms", "timeout_ms: 300", "timout_ms: 300"),
    ("monitoring", "monitoring:", "monitorings:"),
    ("latency_budget_ms", "latency_budget_ms:", "latency_budget:"),
    ("logging", "logging:", "Logging:"),
    ("rollback", "rollback:", "roll_back:"),
    ("retraining_trigger", "retraining_trigger:", "retrain_trigger:"),
    ("throughput_rps", "throughput_rps:", "throughput:"),
    ("strategy", FALLBACK, "fallback: {stratgy: x, feature_flag: ranking_fallback}"),
    ("feature_flag", FALLBACK, "fallback: {strategy: x, featureflag: y}"),
]


@pytest.mark.parametrize(("field", "old", "new"), MISSPELLED, ids=lambda v: str(v)[:30])
def test_a_misspelled_field_is_only_its_did_you_mean(field: str, old: str, new: str) -> None:
    assert old in MODEL
    findings = api.lint_text(MODEL.replace(old, new, 1), "contract.yaml")
    assert [f.code for f in findings] == ["CL003"], [f.message for f in findings]
    assert f"did you mean `{field}`?" in findings[0].message


@pytest.mark.parametrize(
    ("field", "base", "old", "new"),
    [
        ("threshold", EXPERIMENT, "threshold: 0.02", "threshld: 0.02"),
        ("std_dev", EXPERIMENT, "type: proportion,", "type: mean, stddev: 2,"),
        (
            "estimate_weeks",
            PROBLEM,
            "{name: simple, estimate_weeks: 2}",
            "{name: simple, estimate_week: 2}",
        ),
        ("evidence", CHECKLIST, "evidence: QA query 2026-11-03", "evidnce: QA query 2026-11-03"),
        ("mitigation", PROBLEM, "mitigation: blend", "mitigaton: blend"),
        # Inside a mapping that a rule asks for one of several fields by name.
        ("relative", EXPERIMENT, "{relative: 0.02}", "{relativ: 0.02}"),
        ("max_regression", EXPERIMENT, "max_regression: 0.3", "max_regresion: 0.3"),
        ("max", EXPERIMENT, "max: 0.001", "mx: 0.001"),
    ],
)
def test_a_misspelled_field_of_each_kind_is_only_its_did_you_mean(
    field: str, base: str, old: str, new: str
) -> None:
    assert old in base
    findings = api.lint_text(base.replace(old, new, 1), "contract.yaml")
    assert [f.code for f in findings] == ["CL003"], [f.message for f in findings]
    assert f"did you mean `{field}`?" in findings[0].message


def test_the_did_you_mean_never_names_a_field_already_set() -> None:
    """`p59` next to a `p50`: not "did you mean `p50`?"; and `p95`, still absent, is
    still reported by the rule that asks for it."""
    findings = api.lint_text(MODEL.replace("p95: 120", "p59: 120", 1), "contract.yaml")
    assert sorted(f.code for f in findings) == ["CL003", "CL103"]
    said = next(f.message for f in findings if f.code == "CL003")
    assert "did you mean `p50`" not in said and "did you mean `p99`?" in said


def test_a_misspelling_next_to_a_placeholder_of_the_field_is_still_named() -> None:
    """`fallbak` written under `fallback: TBD`: the fallback being written; the
    placeholder stays CL101's."""
    text = MODEL.replace(FALLBACK, "fallback: TBD\nfallbak: {strategy: x, feature_flag: y}")
    findings = api.lint_text(text, "contract.yaml")
    assert sorted(f.code for f in findings) == ["CL003", "CL101"]
    assert "did you mean `fallback`?" in next(f.message for f in findings if f.code == "CL003")


def test_a_misspelled_required_field_is_not_also_missing() -> None:
    text = CHECKLIST.replace("status: n/a, reason", "stauts: n/a, reason")
    findings = api.lint_text(text, "contract.yaml")
    assert [f.message for f in findings] == [
        "unknown field `stauts` in `items[5]`: did you mean `status`?"
    ]


OPTIONS = (
    "options: [{name: baseline, estimate_weeks: 1}, {name: simple, estimate_weeks: 2}, "
    "{name: advanced, estimate_weeks: 6}]"
)
FIRST_ITEM = (
    '{id: io-typed-validated-versioned, status: done, evidence: "schema tests in CI #4812"}'
)
# A value the schema rejects and a rule that reads it: each problem is the schema's alone.
REJECTED = [
    (
        "an effect that names no size",
        EXPERIMENT,
        "minimum_detectable_effect: {relative: 0.02}",
        "minimum_detectable_effect: {}",
        ["CL003"],
    ),
    ("options that are names", PROBLEM, OPTIONS, "options: [baseline, simple, advanced]", None),
    ("an item that is an id", CHECKLIST, FIRST_ITEM, "io-typed-validated-versioned", ["CL003"]),
    ("an item keyed by its id", CHECKLIST, FIRST_ITEM, "io-typed-validated-versioned: done", None),
    ("an item without an id", CHECKLIST, FIRST_ITEM, "{status: done, evidence: x}", ["CL003"]),
    ("a thousands separator", EXPERIMENT, "per_arm: 82000", "per_arm: 82,000", ["CL003"]),
]


@pytest.mark.parametrize(
    ("label", "base", "old", "new", "expected"), REJECTED, ids=[case[0] for case in REJECTED]
)
def test_a_rejected_value_is_reported_once(
    label: str, base: str, old: str, new: str, expected: list[str] | None
) -> None:
    assert old in base
    findings = api.lint_text(base.replace(old, new, 1), "contract.yaml")
    assert_reported_once(label, findings)
    assert {f.code for f in findings} == {"CL003"}, [f.message for f in findings]
    if expected is not None:
        assert [f.code for f in findings] == expected, [f.message for f in findings]


def test_a_number_split_by_a_thousands_separator_is_said_once_whole() -> None:
    for written, whole in (("82,000", "82000"), ("1,234,567", "1234567")):
        text = EXPERIMENT.replace("per_arm: 82000", f"per_arm: {written}")
        [finding] = api.lint_text(text, "contract.yaml")  # not CL302 on `per_arm: 82`
        assert "a thousands separator splits `per_arm`" in finding.message
        assert finding.message.endswith(f"write `per_arm: {whole}`")
