"""Per-rule tests for the rest of the catalogue (SPEC 2): text in, ``[(code, line, col)]`` out.

Like ``test_rules.py``, each test starts from a complete document of its kind
(one line per top-level field, so the line numbers below stay readable) which
raises nothing, and changes one thing. Every failing variant asserts the
findings of the *whole* document, so a second, unwanted finding fails the test.

Tests marked ``xfail(strict=True, reason="BUG: ...")`` describe what the SPEC
asks and contractlint does not do yet; they turn into failures once fixed so
that the marker is removed.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from pathlib import Path
from statistics import NormalDist

import pytest

import contractlint.pipeline.engine
from contractlint.pipeline.discover import Target
from contractlint.run.runner import lint

from conftest import located, make_config
from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM, edit

FALLBACK_ITEM = "{id: fallback-verified, status: done, evidence: flag flipped in staging}"
MONITORING_ITEM = (
    "{id: monitoring-dashboards, status: done, evidence: dashboard reviewed 2026-11-10}"
)
ROLLBACK_ITEM = "{id: rollback-documented, status: n/a, reason: first launch}"


BASES = {"model": MODEL, "experiment": EXPERIMENT, "problem": PROBLEM, "checklist": CHECKLIST}

# Traffic that can never be the bottleneck, for tests about something else (CL308).
PLENTY = "{daily_units: 10000000, allocation: 1.0}"


def codes_of(found: list[tuple[str, int, int]]) -> list[str]:
    return [code for code, _, _ in found]


def put(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def check(lint_text):
    """``check(text, name="contract.yaml", config=None, files=()) -> [(code, line, column)]``."""

    def run(text, name="contract.yaml", config=None, files=()):
        return located(lint_text(text, name, config, files=files))

    return run


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
def test_complete_documents_raise_nothing(check, base):
    assert check(base) == []


# =========================================================================== model-contract
# --------------------------------------------------------------------------- CL106


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL106", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL106", 13, 11)], id="placeholder"),
        pytest.param("'n/a'", [("CL106", 13, 11)], id="quoted-placeholder"),
        pytest.param("null", [("CL106", 13, 11)], id="null"),
        pytest.param("", [("CL106", 13, 10)], id="empty"),
    ],
)
def test_cl106_missing_rollback_plan(check, value, expected):
    assert check(edit(MODEL, rollback=value)) == expected


@pytest.mark.parametrize(
    "value", ["redeploy the previous model_version", "'flip ranking_v1 flag back'"]
)
def test_cl106_passes_with_a_rollback(check, value):
    assert check(edit(MODEL, rollback=value)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[redeploy]", [("CL003", 13, 11)], id="list"),
        pytest.param("{steps: redeploy}", [("CL003", 13, 11)], id="mapping"),
    ],
)
def test_cl106_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(MODEL, rollback=value)) == expected


def test_cl106_only_for_model_contracts(check):
    # The other kinds have no `rollback` and raise nothing (see the complete documents).
    assert check(EXPERIMENT) == []


def test_cl106_is_a_warning_named_in_the_finding(lint_text):
    [finding] = lint_text(edit(MODEL, rollback=None))
    assert (finding.name, finding.severity.value) == ("missing-rollback-plan", "warning")
    assert "rollback" in finding.message


# --------------------------------------------------------------------------- CL107


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL107", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL107", 12, 21)], id="placeholder"),
        pytest.param("null", [("CL107", 12, 21)], id="null"),
        pytest.param("", [("CL107", 12, 20)], id="empty"),
        pytest.param("'  ?? '", [("CL107", 12, 21)], id="padded-placeholder"),
    ],
)
def test_cl107_missing_retraining_trigger(check, value, expected):
    assert check(edit(MODEL, retraining_trigger=value)) == expected


def test_cl107_passes(check):
    assert check(edit(MODEL, retraining_trigger="monthly, or when ctr drops 2%")) == []


def test_cl107_silent_about_a_rejected_value(check):
    assert check(edit(MODEL, retraining_trigger="[weekly]")) == [("CL003", 12, 21)]


def test_cl107_is_a_warning(lint_text):
    [finding] = lint_text(edit(MODEL, retraining_trigger=None))
    assert (finding.name, finding.severity.value) == ("missing-retraining-trigger", "warning")


# --------------------------------------------------------------------------- CL108


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL108", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL108", 10, 17)], id="placeholder"),
        pytest.param("null", [("CL108", 10, 17)], id="null"),
        pytest.param("", [("CL108", 10, 16)], id="empty"),
    ],
)
def test_cl108_missing_throughput_budget(check, value, expected):
    assert check(edit(MODEL, throughput_rps=value)) == expected


@pytest.mark.parametrize("value", ["400", "0.5", "1.2e+4"])
def test_cl108_passes(check, value):
    assert check(edit(MODEL, throughput_rps=value)) == []


@pytest.mark.parametrize("value", ["0", "-400", "'400'", "fast", "[400]"])
def test_cl108_silent_about_a_rejected_value(check, value):
    assert check(edit(MODEL, throughput_rps=value)) == [("CL003", 10, 17)]


def test_cl108_is_info(lint_text):
    [finding] = lint_text(edit(MODEL, throughput_rps=None))
    assert (finding.name, finding.severity.value) == ("missing-throughput-budget", "info")


# --------------------------------------------------------------------------- CL205


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL205", 1, 1)], id="missing"),
        pytest.param("[]", [("CL205", 11, 13)], id="empty-list"),
        pytest.param("TBD", [("CL205", 11, 13)], id="placeholder"),
        pytest.param("null", [("CL205", 11, 13)], id="null"),
        pytest.param("", [("CL205", 11, 12)], id="empty"),
        pytest.param("\n  # nothing yet", [("CL205", 11, 12)], id="block-with-only-a-comment"),
    ],
)
def test_cl205_missing_monitoring(check, value, expected):
    # Missing monitoring is CL205 alone: CL206 (latency not monitored) steps aside.
    assert check(edit(MODEL, monitoring=value)) == expected


@pytest.mark.parametrize(
    "value",
    ["[latency_p95]", "[score_distribution, p99_latency_alert]", "\n  - latency_p95\n  - ctr"],
)
def test_cl205_passes(check, value):
    assert check(edit(MODEL, monitoring=value)) == []


@pytest.mark.parametrize("value", ["{}", "latency_p95", "{latency: p95}"])
def test_cl205_silent_about_a_rejected_value(check, value):
    assert check(edit(MODEL, monitoring=value)) == [("CL003", 11, 13)]


def test_cl205_is_an_error(lint_text):
    [finding] = lint_text(edit(MODEL, monitoring="[]"))
    assert (finding.name, finding.severity.value) == ("missing-monitoring", "error")


def test_cl205_a_list_of_placeholders_is_empty(check):
    # A list holding only placeholders monitors nothing: CL205 (not CL206) reports it at
    # the list, and CL009 steps aside for it.
    assert check(edit(MODEL, monitoring="[TBD]")) == [("CL205", 11, 13)]


# --------------------------------------------------------------------------- CL206


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[score_distribution, ctr_by_bucket]", [("CL206", 11, 13)], id="flow"),
        pytest.param("\n  - score_distribution\n  - ctr", [("CL206", 12, 3)], id="block"),
        pytest.param("[p95_ms]", [("CL206", 11, 13)], id="percentile-is-not-latency"),
    ],
)
def test_cl206_latency_not_monitored(check, value, expected):
    assert check(edit(MODEL, monitoring=value)) == expected


@pytest.mark.parametrize(
    "value", ["[latency]", "[Latency_P95]", "[ctr, p99_LATENCY_alert]", "[latency_p95, TBD_x]"]
)
def test_cl206_passes_when_an_entry_mentions_latency(check, value):
    assert check(edit(MODEL, monitoring=value)) == []


def test_cl206_and_another_problem_in_the_list(check):
    # A number in the list is CL005 at that entry; the missing latency is CL206 at the list.
    assert check(edit(MODEL, monitoring="[ctr, 5]")) == [("CL206", 11, 13), ("CL005", 11, 19)]


def test_cl206_is_a_warning(lint_text):
    [finding] = lint_text(edit(MODEL, monitoring="[ctr]"))
    assert (finding.name, finding.severity.value) == ("latency-not-monitored", "warning")


# --------------------------------------------------------------------------- CL501


def request(user_id: str) -> str:
    return f"{{user_id: {user_id}, candidate_item_ids: [string], context_ts: ISO-8601}}"


@pytest.mark.parametrize(
    "value, expected, words",
    [
        pytest.param("str", [("CL501", 8, 20)], ["`str`", "`string`"], id="str"),
        pytest.param("int", [("CL501", 8, 20)], ["`int`", "`integer`"], id="int"),
        pytest.param("strng", [("CL501", 8, 20)], ["`string`"], id="typo"),
        pytest.param("foo", [("CL501", 8, 20)], ["`foo`", "`timestamp`"], id="unknown"),
        pytest.param("TBD", [("CL501", 8, 20)], ["TBD"], id="placeholder"),
        pytest.param("'?'", [("CL501", 8, 20)], ["?"], id="question-mark"),
        pytest.param("null", [("CL501", 8, 20)], ["null"], id="null"),
        pytest.param("[]", [("CL501", 8, 20)], ["[string]"], id="empty-list"),
        pytest.param("[string, integer]", [("CL501", 8, 20)], ["[string]"], id="two-element-list"),
        pytest.param("[str]", [("CL501", 8, 21)], ["`string`"], id="list-of-str"),
        pytest.param("[TBD]", [("CL501", 8, 21)], ["TBD"], id="list-of-placeholder"),
        pytest.param(
            "{lat: number, lon: flaot}", [("CL501", 8, 39)], ["user_id.lon"], id="nested-field"
        ),
        pytest.param("[{a: str}]", [("CL501", 8, 25)], ["`string`"], id="list-of-objects"),
    ],
)
def test_cl501_untyped_field(lint_text, value, expected, words):
    findings = lint_text(edit(MODEL, request=request(value)))
    assert located(findings) == expected
    assert all(word in findings[0].message for word in words), findings[0].message
    assert "request.user_id" in findings[0].message


@pytest.mark.parametrize(
    "value",
    [
        "string",
        "String",
        "' string '",
        "integer",
        "number",
        "boolean",
        "timestamp",
        "date",
        "object",
        "ISO-8601",
        "iso-8601",
        "datetime",
        "0.0",
        "0",
        "true",
        "[string]",
        "[[string]]",
        "[0.0]",
        "{lat: number, lon: number}",
        "{x-note: anything, id: string}",
        "{}",
    ],
)
def test_cl501_passes_with_a_recognizable_type(check, value):
    assert check(edit(MODEL, request=request(value))) == []


def test_cl501_in_the_response(check):
    response = "{ranked_item_ids: [str], scores: [0.0], model_version: string}"
    assert check(edit(MODEL, response=response)) == [("CL501", 9, 30)]


def test_cl501_one_finding_per_untyped_field(check):
    text = edit(MODEL, request="{user_id: str, item: int, ts: ISO-8601, extra: TBD}")
    assert check(text) == [("CL501", 8, 20), ("CL501", 8, 31), ("CL501", 8, 57)]


def test_cl501_block_style(check):
    text = edit(MODEL, request="\n  user_id: str\n  context:\n    device: TBD\n    ts: datetime")
    assert check(text) == [("CL501", 9, 12), ("CL501", 11, 13)]


def test_cl501_is_an_error(lint_text):
    [finding] = lint_text(edit(MODEL, request=request("str")))
    assert (finding.name, finding.severity.value) == ("untyped-field", "error")


def test_cl501_a_date_literal_is_a_date(check):
    assert check(edit(MODEL, request=request("2026-01-01"))) == []


# --------------------------------------------------------------------------- CL502


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("{ranked_item_ids: [string], scores: [0.0]}", [("CL502", 9, 11)], id="flow"),
        pytest.param("{}", [("CL502", 9, 11)], id="empty-mapping"),
        pytest.param("{meta: {model_version: string}}", [("CL502", 9, 11)], id="only-nested"),
        pytest.param("{modelVersion: string}", [("CL502", 9, 11)], id="camel-case"),
        pytest.param(
            "\n  ranked_item_ids: [string]\n  scores: [0.0]", [("CL502", 10, 3)], id="block"
        ),
    ],
)
def test_cl502_missing_model_version(check, value, expected):
    assert check(edit(MODEL, response=value)) == expected


def test_cl502_passes(check):
    assert check(edit(MODEL, response="{model_version: string}")) == []


@pytest.mark.parametrize("value", ["TBD", "null", "str"])
def test_cl502_a_model_version_without_a_type_is_cl501_only(check, value):
    text = edit(MODEL, response=f"{{ranked_item_ids: [string], model_version: {value}}}")
    assert check(text) == [("CL501", 9, 54)]


def test_cl502_silent_about_a_rejected_response(check):
    assert check(edit(MODEL, response="[string]")) == [("CL003", 9, 11)]


def test_cl502_silent_without_a_response(check):
    # Ambiguity (see the report): no `response` at all is not reported by CL502.
    assert check(edit(MODEL, response=None)) == []


def test_cl502_is_an_error(lint_text):
    [finding] = lint_text(edit(MODEL, response="{}"))
    assert (finding.name, finding.severity.value) == ("missing-model-version", "error")
    assert "model_version: string" in finding.message


# --------------------------------------------------------------------------- CL503


@pytest.mark.parametrize(
    "value",
    [
        "/rank",
        "/api/rank",
        "/version1/rank",
        "/rankv1/score",
        "/rank?v=1",
        "https://v1.example.com/rank",
        "/2024-01/rank",
        "/api/v2.1-beta/rank",
    ],
)
def test_cl503_unversioned_endpoint(lint_text, value):
    findings = lint_text(edit(MODEL, endpoint=value))
    assert located(findings) == [("CL503", 7, 11)]
    assert value in findings[0].message


@pytest.mark.parametrize(
    "value",
    [
        "/v1/rank",
        "/api/v2.1/rank",
        "/api/v2/rank",
        "/V3/rank",
        "/rank/v1",
        "/v1",
        "v1/rank",
        "/v1.2.3/rank",
        "https://api.example.com/v3/rank",
    ],
)
def test_cl503_passes_with_a_version_segment(check, value):
    assert check(edit(MODEL, endpoint=value)) == []


def test_cl503_a_beta_version_segment_is_not_a_version(check):
    # Ambiguity (see the report): `/v1beta/` is not recognised as a version segment.
    assert check(edit(MODEL, endpoint="/v1beta/rank")) == [("CL503", 7, 11)]


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("TBD", [("CL009", 7, 11)], id="placeholder"),
        pytest.param(None, [], id="missing"),
        pytest.param("[/rank]", [("CL003", 7, 11)], id="rejected"),
    ],
)
def test_cl503_silent_without_an_endpoint(check, value, expected):
    assert check(edit(MODEL, endpoint=value)) == expected


def test_cl503_is_a_warning(lint_text):
    [finding] = lint_text(edit(MODEL, endpoint="/rank"))
    assert (finding.name, finding.severity.value) == ("unversioned-endpoint", "warning")


# --------------------------------------------------------------------------- CL504


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL504", 1, 1)], id="missing"),
        pytest.param("[]", [("CL504", 14, 10)], id="empty-list"),
        pytest.param("TBD", [("CL504", 14, 10)], id="placeholder"),
        pytest.param("", [("CL504", 14, 9)], id="null"),
    ],
)
def test_cl504_missing_logging_fields(check, value, expected):
    assert check(edit(MODEL, logging=value)) == expected


def test_cl504_passes(check):
    assert check(edit(MODEL, logging="[request_id]")) == []


@pytest.mark.parametrize("value", ["{}", "request_id"])
def test_cl504_silent_about_a_rejected_value(check, value):
    assert check(edit(MODEL, logging=value)) == [("CL003", 14, 10)]


def test_cl504_is_a_warning(lint_text):
    [finding] = lint_text(edit(MODEL, logging="[]"))
    assert (finding.name, finding.severity.value) == ("missing-logging-fields", "warning")


# --------------------------------------------------------------------------- CL505


def test_cl505_points_at_the_key(lint_text):
    findings = lint_text(
        edit(MODEL, timeout_ms=None).replace("# (timeout_ms removed)", "timeouts_ms: 300")
    )
    assert located(findings) == [("CL505", 6, 1)]
    finding = findings[0]
    assert (finding.end_line, finding.end_column) == (6, 12)  # `timeouts_ms`, not its value
    assert (finding.name, finding.severity.value) == ("deprecated-field-name", "info")
    assert "timeout_ms" in finding.message


def test_cl505_with_both_spellings(check):
    assert check(MODEL + "timeouts_ms: 300\n") == [("CL505", 15, 1)]


def test_cl505_block_value(check):
    text = edit(MODEL, timeout_ms=None).replace("# (timeout_ms removed)", "timeouts_ms:\n  300")
    assert check(text) == [("CL505", 6, 1)]


def test_cl505_in_json_points_at_the_quoted_key(check):
    text = MODEL.replace("timeout_ms: 300", "timeouts_ms: 300")
    text_json = (
        '{\n  "kind": "model-contract",\n  "name": "x",\n  "owners": {"scope": "a", '
        '"feasibility": "b", "method": "c"},\n  "timeouts_ms": 300\n}\n'
    )
    found = check(text_json, "c.json")
    assert ("CL505", 5, 3) in found
    assert check(text) == [("CL505", 6, 1)]


def test_cl505_alias_placeholder_is_also_a_missing_timeout(check):
    text = edit(MODEL, timeout_ms=None).replace("# (timeout_ms removed)", "timeouts_ms: TBD")
    assert check(text) == [("CL505", 6, 1), ("CL105", 6, 14)]


def test_cl505_passes_with_timeout_ms(check):
    assert check(MODEL) == []


def test_cl505_reports_the_key_whatever_its_value(check):
    # The key is deprecated whatever its value: CL505 is about the key, so the schema
    # rejecting the value does not silence it.
    text = edit(MODEL, timeout_ms=None).replace("# (timeout_ms removed)", "timeouts_ms: '300'")
    assert check(text) == [("CL505", 6, 1), ("CL003", 6, 14)]


# =========================================================================== plan and framing
# --------------------------------------------------------------------------- CL203 (plan)


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL203", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL203", 6, 17)], id="placeholder"),
        pytest.param("", [("CL203", 6, 16)], id="null"),
        pytest.param("{}", [("CL203", 6, 17)], id="empty-mapping"),
        pytest.param("'  '", [("CL203", 6, 17)], id="blank"),
        pytest.param("open_rate", [("CL203", 6, 17)], id="bare-name"),
        pytest.param("{name: open_rate}", [("CL203", 6, 17)], id="name-only"),
        pytest.param("{name: open_rate, baseline: 0.33}", [("CL203", 6, 17)], id="no-effect"),
        pytest.param(
            "{name: open_rate, minimum_detectable_effect: {relative: 0.02}}",
            [("CL203", 6, 17)],
            id="no-baseline",
        ),
        pytest.param(
            "{name: open_rate, baseline: TBD, minimum_detectable_effect: {relative: 0.02}}",
            [("CL203", 6, 17)],
            id="baseline-placeholder",
        ),
        pytest.param(
            "{name: open_rate, baseline: 0.33, minimum_detectable_effect: {relative: null}}",
            [("CL203", 6, 17)],
            id="effect-null",
        ),
        pytest.param(
            "{name: open_rate, baseline: 33, minimum_detectable_effect: {relative: 0.02}}",
            [("CL203", 6, 45)],
            id="percent-baseline-of-a-proportion",
        ),
        pytest.param(
            "{name: open_rate, type: proportion, baseline: 1, "
            "minimum_detectable_effect: {relative: 0.02}}",
            [("CL203", 6, 63)],
            id="baseline-one",
        ),
        pytest.param(
            "{name: revenue, type: mean, baseline: 10.0, "
            "minimum_detectable_effect: {absolute: 0.05}}",
            [("CL203", 6, 17)],
            id="mean-without-std-dev",
        ),
        pytest.param(
            "{name: revenue, type: mean, baseline: 10.0, std_dev: TBD, "
            "minimum_detectable_effect: {absolute: 0.05}}",
            [("CL203", 6, 17)],
            id="mean-std-dev-placeholder",
        ),
    ],
)
def test_cl203_vague_success_metric_plan(check, value, expected):
    assert check(edit(EXPERIMENT, primary_metric=value)) == expected


@pytest.mark.parametrize(
    "value",
    [
        "{name: open_rate, baseline: 0.33, minimum_detectable_effect: {relative: 0.02}}",
        "{name: open_rate, baseline: 0.33, minimum_detectable_effect: {absolute: 0.01}}",
        "{name: revenue, type: mean, baseline: 10.0, std_dev: 1.2, "
        "minimum_detectable_effect: {absolute: 0.05}}",
        "{name: delta, type: mean, baseline: -3, std_dev: 1, "
        "minimum_detectable_effect: {absolute: 0.5}}",
    ],
)
def test_cl203_passes_plan(check, value):
    assert check(edit(EXPERIMENT, primary_metric=value, traffic=PLENTY)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[open_rate]", [("CL003", 6, 17)], id="list"),
        pytest.param("42", [("CL005", 6, 17)], id="number"),
        pytest.param(
            "{name: o, type: ratio, baseline: 0.33, minimum_detectable_effect: {relative: 0.02}}",
            [("CL003", 6, 33)],
            id="unknown-type",
        ),
        pytest.param(
            "{name: o, baseline: 0.33, minimum_detectable_effect: {relative: -0.02}}",
            [("CL003", 6, 81)],
            id="negative-effect",
        ),
        pytest.param(
            "{name: o, baseline: 0.33, minimum_detectable_effect: {relative: 0.02, absolute: 0.1}}",
            [("CL003", 6, 70)],
            id="both-effects",
        ),
        pytest.param(
            "{name: r, type: mean, baseline: 10.0, std_dev: -1, "
            "minimum_detectable_effect: {absolute: 0.05}}",
            [("CL003", 6, 64)],
            id="negative-std-dev",
        ),
    ],
)
def test_cl203_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(EXPERIMENT, primary_metric=value, traffic=PLENTY)) == expected


def test_cl203_silent_about_a_string_baseline(check):
    value = "{name: open_rate, baseline: '0.33', minimum_detectable_effect: {relative: 0.02}}"
    assert check(edit(EXPERIMENT, primary_metric=value)) == [("CL003", 6, 45)]


def test_cl203_silent_about_an_effect_that_is_not_a_mapping(check):
    value = "{name: open_rate, baseline: 0.33, minimum_detectable_effect: 0.02}"
    assert check(edit(EXPERIMENT, primary_metric=value)) == [("CL003", 6, 78)]


def test_cl203_messages(lint_text):
    [bare] = lint_text(edit(EXPERIMENT, primary_metric="open_rate"))
    assert "open_rate" in bare.message and "bare name" in bare.message
    [lacking] = lint_text(edit(EXPERIMENT, primary_metric="{name: open_rate}"))
    assert "baseline" in lacking.message and "minimum_detectable_effect" in lacking.message
    assert (lacking.name, lacking.severity.value) == ("vague-success-metric", "error")


# --------------------------------------------------------------------------- CL203 (framing)

GUARDS = "guardrails: [{metric: zero_result_rate, max_regression: 0.0}]"


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(f"{{{GUARDS}}}", [("CL203", 4, 10)], id="no-primary"),
        pytest.param(f"{{primary: TBD, {GUARDS}}}", [("CL203", 4, 20)], id="placeholder"),
        pytest.param(f"{{primary: null, {GUARDS}}}", [("CL203", 4, 20)], id="null"),
        pytest.param(f"{{primary: {{}}, {GUARDS}}}", [("CL203", 4, 20)], id="empty-mapping"),
        pytest.param(f"{{primary: ctr_top5, {GUARDS}}}", [("CL203", 4, 20)], id="bare-name"),
        pytest.param(
            f"{{primary: {{name: ctr_top5}}, {GUARDS}}}", [("CL203", 4, 20)], id="no-target-lift"
        ),
        pytest.param(
            f"{{primary: {{name: ctr_top5, target_lift: TBD}}, {GUARDS}}}",
            [("CL203", 4, 20)],
            id="target-lift-placeholder",
        ),
    ],
)
def test_cl203_vague_success_metric_framing(check, value, expected):
    assert check(edit(PROBLEM, metrics=value)) == expected


def test_cl203_framing_without_metrics_reports_both_rules_at_the_document(check):
    assert check(edit(PROBLEM, metrics=None)) == [("CL201", 1, 1), ("CL203", 1, 1)]


def test_cl203_framing_passes(check):
    value = f"{{primary: {{name: ctr_top5, target_lift: 0.03}}, {GUARDS}}}"
    assert check(edit(PROBLEM, metrics=value)) == []


def test_cl203_framing_silent_about_a_rejected_metrics(check):
    assert check(edit(PROBLEM, metrics="[ctr_top5]")) == [("CL003", 4, 10)]


def test_cl203_framing_silent_about_a_string_target_lift(check):
    value = f"{{primary: {{name: ctr_top5, target_lift: '0.03'}}, {GUARDS}}}"
    assert check(edit(PROBLEM, metrics=value)) == [("CL003", 4, 50)]


# --------------------------------------------------------------------------- CL204


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL204", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL204", 14, 16)], id="placeholder"),
        pytest.param("", [("CL204", 14, 15)], id="null"),
        pytest.param("{}", [("CL204", 14, 16)], id="empty-mapping"),
        pytest.param("{ship_if: it looks better}", [("CL204", 14, 16)], id="words-only"),
        pytest.param("{ship_if: x, threshold: 0.03}", [("CL204", 14, 16)], id="no-confidence"),
        pytest.param("{ship_if: x, confidence: 0.95}", [("CL204", 14, 16)], id="no-threshold"),
        pytest.param(
            "{ship_if: x, threshold: TBD, confidence: 0.95}",
            [("CL204", 14, 16)],
            id="threshold-placeholder",
        ),
        pytest.param(
            "{ship_if: x, threshold: 0.03, confidence: null}",
            [("CL204", 14, 16)],
            id="confidence-null",
        ),
        pytest.param(
            "\n  ship_if: relative lift >= 3%\n  threshold: 0.03", [("CL204", 15, 3)], id="block"
        ),
    ],
)
def test_cl204_missing_decision_threshold(check, value, expected):
    assert check(edit(EXPERIMENT, decision_rule=value)) == expected


@pytest.mark.parametrize(
    "value", ["{threshold: 0, confidence: 0.9}", "{ship_if: x, threshold: -0.01, confidence: 0.99}"]
)
def test_cl204_passes(check, value):
    assert check(edit(EXPERIMENT, decision_rule=value)) == []


def test_cl204_message_names_what_lacks(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, decision_rule="{ship_if: x}"))
    assert "`threshold`" in finding.message and "`confidence`" in finding.message
    [finding] = lint_text(edit(EXPERIMENT, decision_rule="{ship_if: x, threshold: 0.03}"))
    assert "`confidence`" in finding.message and "`threshold`" not in finding.message
    assert (finding.name, finding.severity.value) == ("missing-decision-threshold", "error")


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("ship it", [("CL003", 14, 16)], id="string"),
        pytest.param("[a]", [("CL003", 14, 16)], id="list"),
        pytest.param("{ship_if: x, threshold: 0.03, confidence: 95}", [("CL003", 14, 58)], id="95"),
    ],
)
def test_cl204_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(EXPERIMENT, decision_rule=value)) == expected


@pytest.mark.parametrize("threshold", ["'0.03'", "true"])
def test_cl204_silent_about_a_rejected_threshold(check, threshold):
    value = f"{{ship_if: x, threshold: {threshold}, confidence: 0.95}}"
    assert check(edit(EXPERIMENT, decision_rule=value)) == [("CL003", 14, 40)]


# --------------------------------------------------------------------------- CL207


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL207", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL207", 11, 13)], id="placeholder"),
        pytest.param("", [("CL207", 11, 12)], id="null"),
        pytest.param("{}", [("CL207", 11, 13)], id="empty-mapping"),
        pytest.param("{offline: NDCG@5}", [("CL207", 11, 13)], id="offline-only"),
        pytest.param("{offline: NDCG@5, online: TBD}", [("CL207", 11, 39)], id="online-tbd"),
        pytest.param("{offline: NDCG@5, online: null}", [("CL207", 11, 39)], id="online-null"),
        pytest.param("{offline: NDCG@5, online: ''}", [("CL207", 11, 39)], id="online-empty"),
        pytest.param("\n  offline: NDCG@5\n  online: n/a", [("CL207", 13, 11)], id="block"),
    ],
)
def test_cl207_no_online_validation(check, value, expected):
    assert check(edit(PROBLEM, validation=value)) == expected


@pytest.mark.parametrize(
    "value", ["{online: two-week A/B test}", "{offline: NDCG@5, online: interleaving test}"]
)
def test_cl207_passes(check, value):
    assert check(edit(PROBLEM, validation=value)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[a]", [("CL003", 11, 13)], id="list"),
        pytest.param("{offline: NDCG@5, online: [a]}", [("CL003", 11, 39)], id="online-list"),
        pytest.param("{offline: NDCG@5, online: 5}", [("CL005", 11, 39)], id="online-number"),
    ],
)
def test_cl207_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(PROBLEM, validation=value)) == expected


def test_cl207_is_a_warning(lint_text):
    [finding] = lint_text(edit(PROBLEM, validation=None))
    assert (finding.name, finding.severity.value) == ("no-online-validation", "warning")


# =========================================================================== experiment-plan
# --------------------------------------------------------------------------- CL301


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL301", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL301", 9, 14)], id="placeholder"),
        pytest.param("", [("CL301", 9, 13)], id="null"),
        pytest.param("{}", [("CL301", 9, 14)], id="empty-mapping"),
        pytest.param("{alpha: 0.05, power: 0.8}", [("CL301", 9, 14)], id="no-per-arm"),
        pytest.param("{per_arm: TBD}", [("CL301", 9, 24)], id="per-arm-placeholder"),
        pytest.param("{per_arm: null, alpha: 0.05}", [("CL301", 9, 24)], id="per-arm-null"),
        pytest.param("\n  alpha: 0.05\n  power: 0.8", [("CL301", 10, 3)], id="block"),
    ],
)
def test_cl301_missing_sample_size(check, value, expected):
    # A missing per_arm is CL301 alone: CL302 and CL308 step aside.
    assert check(edit(EXPERIMENT, sample_size=value)) == expected


@pytest.mark.parametrize("value", ["{per_arm: 82000}", "{per_arm: 1.0e+5}"])
def test_cl301_passes(check, value):
    assert check(edit(EXPERIMENT, sample_size=value, traffic=PLENTY)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("{per_arm: 0}", [("CL003", 9, 24)], id="zero"),
        pytest.param("{per_arm: -5}", [("CL003", 9, 24)], id="negative"),
        pytest.param("{per_arm: '82000'}", [("CL003", 9, 24)], id="string"),
        pytest.param("{per_arm: 82000.5}", [("CL003", 9, 24)], id="fraction"),
        pytest.param("{per_arm: 1e5}", [("CL003", 9, 24)], id="yaml11-string"),
        pytest.param("82000", [("CL003", 9, 14)], id="not-a-mapping"),
    ],
)
def test_cl301_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(EXPERIMENT, sample_size=value)) == expected


def test_cl301_is_an_error(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, sample_size=None))
    assert (finding.name, finding.severity.value) == ("missing-sample-size", "error")


# --------------------------------------------------------------------------- CL302

Z = NormalDist().inv_cdf


def spec_n(baseline, delta, alpha=0.05, power=0.8, sides=2):
    """SPEC 1.2 for a proportion, written out independently of contractlint.power."""
    p1, p2 = baseline, baseline + delta
    p_bar = (p1 + p2) / 2
    root = Z(1 - alpha / sides) * math.sqrt(2 * p_bar * (1 - p_bar)) + Z(power) * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2)
    )
    return math.ceil(root**2 / delta**2)


PROPORTION = (
    "{name: open_rate, type: proportion, baseline: 0.33, "
    "minimum_detectable_effect: {relative: 0.02}, direction: increase}"
)
MEAN = (
    "{name: revenue, type: mean, baseline: 10.0, std_dev: 1.2, "
    "minimum_detectable_effect: {absolute: 0.05}}"
)
MEAN_RELATIVE = (
    "{name: revenue, type: mean, baseline: 10.0, std_dev: 1.2, "
    "minimum_detectable_effect: {relative: 0.005}}"
)
MEAN_TEXTBOOK = (
    "{name: score, type: mean, baseline: 0.0, std_dev: 1.0, "
    "minimum_detectable_effect: {absolute: 0.5}}"
)
DECREASE = (
    "{name: bounce_rate, type: proportion, baseline: 0.08, "
    "minimum_detectable_effect: {absolute: 0.01}, direction: decrease}"
)
INCREASE = DECREASE.replace("decrease", "increase")


def plan(primary=PROPORTION, sample="{per_arm: 82000}", arms="2", correction=None):
    text = edit(EXPERIMENT, primary_metric=primary, sample_size=sample, arms=arms, traffic=PLENTY)
    return text if correction is None else text + f"correction: {correction}\n"


def test_spec_formula_matches_the_reference_values():
    # tests/test_power.py: 80,078 two-sided; the one-sided and alpha/2 values from statsmodels.
    assert spec_n(0.33, 0.0066) == 80078
    assert spec_n(0.33, 0.0066, sides=1) == 63077
    assert spec_n(0.33, 0.0066, alpha=0.025) == 96975


# (primary metric, sample_size, arms, correction, required n): per_arm = required - 1 fires,
# per_arm = required passes. Values from tests/test_power.py.
BOUNDARIES = [
    pytest.param(PROPORTION, "", "2", None, 80078, id="proportion-two-sided"),
    pytest.param(PROPORTION, ", alternative: one-sided", "2", None, 63077, id="one-sided"),
    pytest.param(PROPORTION, "", "3", "bonferroni", 96975, id="bonferroni-3-arms"),
    pytest.param(PROPORTION, "", "3", "Bonferroni", 96975, id="bonferroni-any-case"),
    pytest.param(PROPORTION, "", "3", "holm", 80078, id="only-bonferroni-changes-alpha"),
    pytest.param(PROPORTION, "", "2", "bonferroni", 80078, id="bonferroni-2-arms"),
    pytest.param(MEAN, "", "2", None, 9042, id="mean"),
    pytest.param(MEAN_RELATIVE, "", "2", None, 9042, id="mean-relative"),
    pytest.param(MEAN_TEXTBOOK, "", "2", None, 63, id="mean-textbook"),
    pytest.param(MEAN_TEXTBOOK, ", alternative: one-sided", "2", None, 50, id="mean-one-sided"),
    pytest.param(DECREASE, "", "2", None, 10890, id="decrease"),
    pytest.param(INCREASE, "", "2", None, 12208, id="increase"),
    pytest.param(PROPORTION, ", alpha: 0.01", "2", None, 119154, id="plan-alpha"),
    pytest.param(PROPORTION, ", power: 0.9", "2", None, 107201, id="plan-power"),
]


@pytest.mark.parametrize("primary, extra, arms, correction, required", BOUNDARIES)
def test_cl302_underpowered_at_one_unit_below_the_required_n(
    lint_text, primary, extra, arms, correction, required
):
    text = plan(primary, f"{{per_arm: {required - 1}{extra}}}", arms, correction)
    findings = lint_text(text)
    assert located(findings) == [("CL302", 9, 24)]
    assert f"{required:,}" in findings[0].message  # the required n
    assert re.search(r"\d%", findings[0].message)  # the power reached


@pytest.mark.parametrize("primary, extra, arms, correction, required", BOUNDARIES)
def test_cl302_passes_at_the_required_n(check, primary, extra, arms, correction, required):
    assert check(plan(primary, f"{{per_arm: {required}{extra}}}", arms, correction)) == []


def test_cl302_message_states_required_n_and_achieved_power(lint_text):
    # mean, sd 1, delta 0.5: 63 needed; 50 reach Phi(sqrt(50) * 0.5 / sqrt(2) - 1.96) = 70.5%
    [finding] = lint_text(plan(MEAN_TEXTBOOK, "{per_arm: 50}"))
    assert finding.code == "CL302"
    assert "63" in finding.message and "50" in finding.message
    stated = float(re.findall(r"([\d.]+)%", finding.message)[-1])
    assert stated == pytest.approx(70.54, abs=0.05)
    assert (finding.name, finding.severity.value) == ("underpowered-experiment", "error")


@pytest.mark.parametrize("per_arm", [80077, 80000])
def test_cl302_stated_power_is_below_the_target(lint_text, per_arm):
    # 80,077 per arm reach a power of 0.79999875: the message must not round it up to 80%.
    [finding] = lint_text(plan(PROPORTION, f"{{per_arm: {per_arm}}}"))
    stated = float(re.findall(r"([\d.]+)%", finding.message)[-1])
    assert stated < 80


@pytest.mark.parametrize(
    "fields, per_arm, required",
    [
        pytest.param({"alpha": 0.01}, 80078, spec_n(0.33, 0.0066, alpha=0.01), id="alpha-0.01"),
        pytest.param({"power": 0.9}, 80078, spec_n(0.33, 0.0066, power=0.9), id="power-0.9"),
    ],
)
def test_cl302_config_defaults_apply_when_the_plan_has_none(lint_text, fields, per_arm, required):
    config = make_config(**fields)
    findings = lint_text(plan(sample=f"{{per_arm: {per_arm}}}"), config=config)
    assert located(findings) == [("CL302", 9, 24)]
    assert f"{required:,}" in findings[0].message


@pytest.mark.parametrize(
    "fields", [{"alpha": 0.01}, {"power": 0.9}, {"alpha": 0.01, "power": 0.99}]
)
def test_cl302_the_plans_own_alpha_and_power_win_over_the_config(check, fields):
    text = plan(sample="{per_arm: 80078, alpha: 0.05, power: 0.8}")
    assert check(text, config=make_config(**fields)) == []


def test_cl302_a_laxer_config_alpha_lowers_the_required_n(check):
    # alpha 0.1 two-sided needs 63,077 (the same z as one-sided 0.05).
    assert check(plan(sample="{per_arm: 63077}"), config=make_config(alpha=0.1)) == []
    assert check(plan(sample="{per_arm: 63076}"), config=make_config(alpha=0.1)) == [
        ("CL302", 9, 24)
    ]


@pytest.mark.parametrize(
    "sample, expected",
    [
        pytest.param(
            "{per_arm: 80000, alpha: TBD}", [("CL302", 9, 24), ("CL009", 9, 38)], id="alpha-tbd"
        ),
        pytest.param("{per_arm: 80000, power: null}", [("CL302", 9, 24)], id="power-null"),
    ],
)
def test_cl302_placeholder_alpha_or_power_uses_the_default(lint_text, sample, expected):
    findings = lint_text(plan(sample=sample))
    assert located(findings) == expected
    assert "alpha 0.05" in findings[0].message and "power 0.8" in findings[0].message


def test_cl302_default_design_values(check):
    # no `type` means proportion, no `direction` means increase, no `arms` means 2
    primary = "{name: open_rate, baseline: 0.33, minimum_detectable_effect: {relative: 0.02}}"
    assert check(plan(primary, "{per_arm: 80077}")) == [("CL302", 9, 24)]
    assert check(plan(primary, "{per_arm: 80078}")) == []
    assert check(edit(plan(primary, "{per_arm: 80078}"), arms=None)) == []


@pytest.mark.parametrize(
    "sample, expected",
    [
        pytest.param("{per_arm: 0}", [("CL003", 9, 24)], id="per-arm-zero"),
        pytest.param("{per_arm: 80000, alpha: 1.5}", [("CL003", 9, 38)], id="alpha"),
        pytest.param("{per_arm: 80000, power: 0}", [("CL003", 9, 38)], id="power"),
        pytest.param(
            "{per_arm: 80000, alternative: three-sided}", [("CL003", 9, 44)], id="alternative"
        ),
    ],
)
def test_cl302_silent_about_a_rejected_sample_size(check, sample, expected):
    assert check(plan(sample=sample)) == expected


@pytest.mark.parametrize(
    "primary, expected",
    [
        pytest.param(
            "{name: o, baseline: '0.33', minimum_detectable_effect: {relative: 0.02}}",
            [("CL003", 6, 37)],
            id="baseline-string",
        ),
        pytest.param(
            "{name: o, type: ratio, baseline: 0.33, minimum_detectable_effect: {relative: 0.02}}",
            [("CL003", 6, 33)],
            id="type",
        ),
        pytest.param(
            "{name: o, baseline: 0.33, minimum_detectable_effect: {relative: 0.02}, direction: up}",
            [("CL003", 6, 99)],
            id="direction",
        ),
        pytest.param(
            "{name: o, baseline: 0.33, minimum_detectable_effect: {relative: -0.02}}",
            [("CL003", 6, 81)],
            id="negative-effect",
        ),
    ],
)
def test_cl302_silent_about_a_rejected_metric(check, primary, expected):
    assert check(plan(primary, "{per_arm: 10}")) == expected


def test_cl302_silent_when_both_effects_are_given(check):
    primary = (
        "{name: o, baseline: 0.33, minimum_detectable_effect: {relative: 0.02, absolute: 0.5}}"
    )
    assert check(plan(primary, "{per_arm: 10}")) == [("CL003", 6, 70)]


def test_cl302_silent_when_the_metric_cannot_be_sized(check):
    # CL203 reports a vague metric; CL302 needs a baseline and an effect.
    assert check(plan("open_rate", "{per_arm: 10}")) == [("CL203", 6, 17)]
    assert check(plan(MEAN.replace("std_dev: 1.2, ", ""), "{per_arm: 10}")) == [("CL203", 6, 17)]


def test_cl203_reports_an_effect_that_leaves_the_unit_interval(check):
    # 0.9 + 0.2 is not a rate: the formula is meaningless, CL203 says so at the effect and
    # CL302 stays silent.
    primary = "{name: o, baseline: 0.9, minimum_detectable_effect: {absolute: 0.2}}"
    assert check(plan(primary, "{per_arm: 10}")) == [("CL203", 6, 69)]


def test_cl302_and_cl309_are_separate_problems(check):
    # 3 arms without correction: CL309; the uncorrected alpha sizes the plan.
    assert check(plan(sample="{per_arm: 80078}", arms="3")) == [("CL309", 8, 7)]
    assert check(plan(sample="{per_arm: 80077}", arms="3")) == [
        ("CL309", 8, 7),
        ("CL302", 9, 24),
    ]


# --------------------------------------------------------------------------- CL303


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL303", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL303", 10, 16)], id="placeholder"),
        pytest.param("", [("CL303", 10, 15)], id="null"),
        pytest.param("'?'", [("CL303", 10, 16)], id="question-mark"),
    ],
)
def test_cl303_missing_duration(check, value, expected):
    # A missing duration is CL303 alone: CL304 and CL308 step aside.
    assert check(edit(EXPERIMENT, duration_days=value)) == expected


def test_cl303_passes(check):
    assert check(edit(EXPERIMENT, duration_days="28")) == []


@pytest.mark.parametrize("value", ["[10]", "'10'", "ten"])
def test_cl303_silent_about_a_rejected_value(check, value):
    assert check(edit(EXPERIMENT, duration_days=value)) == [("CL003", 10, 16)]


def test_cl303_is_an_error(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, duration_days=None))
    assert (finding.name, finding.severity.value) == ("missing-duration", "error")


# --------------------------------------------------------------------------- CL304


@pytest.mark.parametrize("days", ["1", "3", "6", "6.5", "6.99"])
def test_cl304_short_duration(lint_text, days):
    findings = lint_text(edit(EXPERIMENT, duration_days=days, traffic=PLENTY))
    assert located(findings) == [("CL304", 10, 16)]
    assert days in findings[0].message and "7" in findings[0].message
    assert (findings[0].name, findings[0].severity.value) == ("short-duration", "warning")


@pytest.mark.parametrize("days", ["7", "7.0", "10", "90"])
def test_cl304_passes_with_a_full_week(check, days):
    assert check(edit(EXPERIMENT, duration_days=days, traffic=PLENTY)) == []


@pytest.mark.parametrize(
    "days, expected",
    [
        pytest.param("7", [("CL304", 10, 16)], id="7"),
        pytest.param("10", [("CL304", 10, 16)], id="10"),
        pytest.param("13.5", [("CL304", 10, 16)], id="13.5"),
        pytest.param("14", [], id="14"),
        pytest.param("21", [], id="21"),
    ],
)
def test_cl304_min_duration_is_configurable(lint_text, days, expected):
    config = make_config(min_duration_days=14)
    findings = lint_text(edit(EXPERIMENT, duration_days=days, traffic=PLENTY), config=config)
    assert located(findings) == expected
    if findings:
        assert "14" in findings[0].message


@pytest.mark.parametrize("days", ["0", "-3"])
def test_cl304_silent_about_a_rejected_value(check, days):
    # Only CL304's part: CL308 also (wrongly) fires here, see its xfail below.
    found = check(edit(EXPERIMENT, duration_days=days, traffic=PLENTY))
    assert ("CL003", 10, 16) in found
    assert "CL304" not in codes_of(found)


def test_cl304_and_cl308_together(check):
    # 3 days of 20,000 units cannot hold 2 x 82,000: two different problems.
    assert check(edit(EXPERIMENT, duration_days="3")) == [("CL304", 10, 16), ("CL308", 11, 10)]


# --------------------------------------------------------------------------- CL305


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL305", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL305", 12, 16)], id="placeholder"),
        pytest.param("", [("CL305", 12, 15)], id="null"),
        pytest.param("'?'", [("CL305", 12, 16)], id="question-mark"),
    ],
)
def test_cl305_missing_stopping_rule(check, value, expected):
    assert check(edit(EXPERIMENT, stopping_rule=value)) == expected


def test_cl305_placeholder_with_interim_looks_is_one_finding(check):
    # CL306 needs a known stopping rule; a placeholder is CL305 only.
    assert check(edit(EXPERIMENT, stopping_rule="TBD", interim_looks="3")) == [("CL305", 12, 16)]


def test_cl305_passes(check):
    assert check(edit(EXPERIMENT, stopping_rule="fixed_horizon")) == []


@pytest.mark.parametrize("value", ["fixed", "[fixed_horizon]", "7"])
def test_cl305_silent_about_a_rejected_value(check, value):
    assert check(edit(EXPERIMENT, stopping_rule=value)) == [("CL003", 12, 16)]


def test_cl305_is_an_error(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, stopping_rule=None))
    assert (finding.name, finding.severity.value) == ("missing-stopping-rule", "error")


# --------------------------------------------------------------------------- CL306


def sequential(method: str | None, looks: str | None = "3") -> str:
    text = edit(EXPERIMENT, stopping_rule="sequential", interim_looks=looks)
    return text if method is None else text + f"sequential_method: {method}\n"


@pytest.mark.parametrize("looks", ["1", "2", "10"])
def test_cl306_fixed_horizon_with_interim_looks(lint_text, looks):
    findings = lint_text(edit(EXPERIMENT, interim_looks=looks))
    assert located(findings) == [("CL306", 13, 16)]
    assert (findings[0].name, findings[0].severity.value) == ("peeking-risk", "error")
    assert looks in findings[0].message


def test_cl306_fixed_horizon_with_interim_looks_and_a_method_still_peeks(check):
    assert check(edit(EXPERIMENT, interim_looks="2") + "sequential_method: msprt\n") == [
        ("CL306", 13, 16)
    ]


@pytest.mark.parametrize(
    "method, looks, expected",
    [
        pytest.param(None, "3", [("CL306", 12, 16)], id="no-method-at-stopping-rule"),
        pytest.param(None, None, [("CL306", 12, 16)], id="no-method-no-looks"),
        pytest.param("null", "3", [("CL306", 16, 20)], id="method-null"),
        pytest.param("TBD", "3", [("CL306", 16, 20)], id="method-placeholder"),
        pytest.param("''", "0", [("CL306", 16, 20)], id="method-empty"),
    ],
)
def test_cl306_sequential_without_a_method(check, method, looks, expected):
    assert check(sequential(method, looks)) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(edit(EXPERIMENT, interim_looks="0"), id="fixed-0"),
        pytest.param(edit(EXPERIMENT, interim_looks=None), id="fixed-no-looks"),
        pytest.param(sequential("msprt"), id="sequential-msprt"),
        pytest.param(sequential("group_sequential", "5"), id="sequential-group"),
        pytest.param(EXPERIMENT + "sequential_method: null\n", id="fixed-method-null"),
    ],
)
def test_cl306_passes(check, text):
    assert check(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(edit(EXPERIMENT, interim_looks="-1"), [("CL003", 13, 16)], id="looks-neg"),
        pytest.param(edit(EXPERIMENT, interim_looks="'2'"), [("CL003", 13, 16)], id="looks-str"),
        pytest.param(edit(EXPERIMENT, interim_looks="1.5"), [("CL003", 13, 16)], id="looks-frac"),
        pytest.param(sequential("[msprt]"), [("CL003", 16, 20)], id="method-list"),
        pytest.param(sequential("5"), [("CL005", 16, 20)], id="method-number"),
    ],
)
def test_cl306_silent_about_a_rejected_value(check, text, expected):
    assert check(text) == expected


def test_cl306_interim_looks_placeholder(check):
    assert check(edit(EXPERIMENT, interim_looks="TBD")) == [("CL009", 13, 16)]


# --------------------------------------------------------------------------- CL307


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL307", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL307", 7, 24)], id="placeholder"),
        pytest.param("", [("CL307", 7, 23)], id="null"),
        pytest.param("unknown", [("CL307", 7, 24)], id="unknown"),
    ],
)
def test_cl307_missing_randomization_unit(check, value, expected):
    assert check(edit(EXPERIMENT, unit_of_randomization=value)) == expected


@pytest.mark.parametrize("value", ["user", "session", "'store'"])
def test_cl307_passes(check, value):
    assert check(edit(EXPERIMENT, unit_of_randomization=value)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[user]", [("CL003", 7, 24)], id="list"),
        pytest.param("7", [("CL005", 7, 24)], id="number"),
    ],
)
def test_cl307_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(EXPERIMENT, unit_of_randomization=value)) == expected


def test_cl307_is_an_error(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, unit_of_randomization=None))
    assert (finding.name, finding.severity.value) == ("missing-randomization-unit", "error")


# --------------------------------------------------------------------------- CL308


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"traffic": "{daily_units: 20000, allocation: 0.5}"}, id="allocation"),
        pytest.param({"traffic": "{daily_units: 16399}"}, id="without-allocation"),
        pytest.param({"traffic": "{daily_units: 16399, allocation: null}"}, id="allocation-null"),
        pytest.param({"duration_days": "8"}, id="too-short"),
        pytest.param({"sample_size": "{per_arm: 100001}"}, id="too-many-units"),
        pytest.param(
            {"arms": "3", "traffic": "{daily_units: 24000, allocation: 1.0}"}, id="three-arms"
        ),
    ],
)
def test_cl308_insufficient_traffic(check, fields):
    text = edit(EXPERIMENT, **fields)
    if "arms" in fields:
        text += "correction: bonferroni\n"
        text = text.replace("per_arm: 82000", "per_arm: 96975")
    assert check(text) == [("CL308", 11, 10)]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({}, id="base"),
        pytest.param({"traffic": "{daily_units: 16400}"}, id="exactly-enough"),
        pytest.param({"traffic": "{daily_units: 32800, allocation: 0.5}"}, id="allocation-enough"),
        pytest.param({"traffic": None}, id="no-traffic"),
        pytest.param({"traffic": "{allocation: 0.1}"}, id="no-daily-units"),
    ],
)
def test_cl308_passes(check, fields):
    assert check(edit(EXPERIMENT, **fields)) == []


def test_cl308_message_shows_the_arithmetic(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, traffic="{daily_units: 20000, allocation: 0.5}"))
    assert (finding.name, finding.severity.value) == ("insufficient-traffic", "warning")
    for number in ("164,000", "100,000", "0.5", "10"):
        assert number in finding.message, number


def test_cl308_suggested_duration_is_enough(lint_text):
    # 164,000 units at 16,000 a day take 10.25 days: the suggestion must be 11, not 10.
    [finding] = lint_text(edit(EXPERIMENT, traffic="{daily_units: 16000, allocation: 1.0}"))
    days = int(re.findall(r"(\d[\d,]*) days", finding.message)[-1].replace(",", ""))
    assert days * 16000 >= 164000


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param({"traffic": "TBD"}, [("CL009", 11, 10)], id="traffic-placeholder"),
        pytest.param(
            {"traffic": "{daily_units: TBD, allocation: 1.0}"},
            [("CL009", 11, 24)],
            id="daily-placeholder",
        ),
        pytest.param(
            # Ambiguity (see the report): a placeholder allocation is not read as the
            # default 1.0 the way a null or absent one is.
            {"traffic": "{daily_units: 16000, allocation: TBD}"},
            [("CL009", 11, 43)],
            id="allocation-placeholder",
        ),
        pytest.param({"sample_size": None}, [("CL301", 1, 1)], id="no-per-arm"),
        pytest.param({"duration_days": None}, [("CL303", 1, 1)], id="no-duration"),
    ],
)
def test_cl308_silent_without_the_numbers(check, fields, expected):
    assert check(edit(EXPERIMENT, **fields)) == expected


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param(
            {"traffic": "{daily_units: 20000, allocation: 1.5}"},
            [("CL003", 11, 43)],
            id="allocation-above-1",
        ),
        pytest.param(
            {"traffic": "{daily_units: '20000', allocation: 1.0}"},
            [("CL003", 11, 24)],
            id="daily-string",
        ),
        pytest.param({"arms": "1"}, [("CL003", 8, 7)], id="arms-1"),
        pytest.param({"arms": "'3'"}, [("CL003", 8, 7)], id="arms-string"),
        pytest.param({"duration_days": "'10'"}, [("CL003", 10, 16)], id="duration-string"),
    ],
)
def test_cl308_silent_about_a_rejected_value(check, fields, expected):
    assert check(edit(EXPERIMENT, **fields)) == expected


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param(
            {"traffic": "{daily_units: 0, allocation: 1.0}"}, [("CL003", 11, 24)], id="daily-0"
        ),
        pytest.param(
            {"traffic": "{daily_units: -5, allocation: 1.0}"}, [("CL003", 11, 24)], id="daily-neg"
        ),
        pytest.param(
            {"traffic": "{daily_units: 20000, allocation: 0}"},
            [("CL003", 11, 43)],
            id="allocation-0",
        ),
        pytest.param({"duration_days": "0"}, [("CL003", 10, 16)], id="duration-0"),
        pytest.param({"duration_days": "-1"}, [("CL003", 10, 16)], id="duration-negative"),
        pytest.param({"arms": "2.5"}, [("CL003", 8, 7)], id="arms-fractional"),
    ],
)
def test_cl308_silent_and_no_crash_on_rejected_numbers(check, fields, expected):
    assert check(edit(EXPERIMENT, **fields)) == expected


# --------------------------------------------------------------------------- CL309


@pytest.mark.parametrize(
    "arms, correction, expected",
    [
        pytest.param("3", None, [("CL309", 8, 7)], id="missing-points-at-arms"),
        pytest.param("5", None, [("CL309", 8, 7)], id="five-arms"),
        pytest.param("3", "none", [("CL309", 16, 13)], id="none-is-a-placeholder"),
        pytest.param("3", "TBD", [("CL309", 16, 13)], id="placeholder"),
        pytest.param("3", "null", [("CL309", 16, 13)], id="null"),
        pytest.param("3", "''", [("CL309", 16, 13)], id="empty"),
    ],
)
def test_cl309_uncorrected_multiple_comparisons(lint_text, arms, correction, expected):
    text = edit(EXPERIMENT, arms=arms, traffic=PLENTY)
    if correction is not None:
        text += f"correction: {correction}\n"
    findings = lint_text(text)
    assert located(findings) == expected
    assert (findings[0].name, findings[0].severity.value) == (
        "uncorrected-multiple-comparisons",
        "warning",
    )
    assert f"{int(arms) - 1:g} comparisons" in findings[0].message


@pytest.mark.parametrize(
    "arms, correction",
    [
        ("2", None),
        ("3", "bonferroni"),
        ("3", "holm"),
        ("4", "benjamini-hochberg"),
    ],
)
def test_cl309_passes(check, arms, correction):
    text = edit(EXPERIMENT, arms=arms, traffic=PLENTY).replace("per_arm: 82000", "per_arm: 200000")
    if correction is not None:
        text += f"correction: {correction}\n"
    assert check(text) == []


def test_cl309_two_arms_with_correction_none(check):
    # Ambiguity (see the report): with one comparison `correction: none` is a true statement
    # (the schema's own description lists `none` as a value), yet it is a placeholder: CL009.
    text = edit(EXPERIMENT, arms="2") + "correction: none\n"
    assert check(text) == [("CL009", 16, 13)]


def test_cl309_default_arms_is_two(check):
    assert check(edit(EXPERIMENT, arms=None)) == []


def test_cl309_silent_about_a_rejected_value(check):
    text = edit(EXPERIMENT, arms="3", traffic=PLENTY) + "correction: [bonferroni]\n"
    assert check(text) == [("CL003", 16, 13)]


# --------------------------------------------------------------------------- CL310


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL310", 1, 1)], id="missing"),
        pytest.param("[]", [("CL310", 15, 15)], id="empty-list"),
        pytest.param("TBD", [("CL310", 15, 15)], id="placeholder"),
        pytest.param("", [("CL310", 15, 14)], id="null"),
    ],
)
def test_cl310_missing_data_quality_checks(check, value, expected):
    assert check(edit(EXPERIMENT, data_quality=value)) == expected


def test_cl310_passes(check):
    assert check(edit(EXPERIMENT, data_quality="[sample_ratio_mismatch]")) == []


@pytest.mark.parametrize("value", ["{}", "bounces"])
def test_cl310_silent_about_a_rejected_value(check, value):
    assert check(edit(EXPERIMENT, data_quality=value)) == [("CL003", 15, 15)]


def test_cl310_a_list_of_one_placeholder(check):
    # `[TBD]` lists no check: CL310 reports the list and CL009 steps aside for it.
    assert check(edit(EXPERIMENT, data_quality="[TBD]")) == [("CL310", 15, 15)]


def test_cl310_is_a_warning(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, data_quality="[]"))
    assert (finding.name, finding.severity.value) == ("missing-data-quality-checks", "warning")


# =========================================================================== problem-framing
# --------------------------------------------------------------------------- CL402


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[{risk: cold start}]", [("CL402", 10, 9)], id="no-mitigation"),
        pytest.param("[{risk: a, mitigation: TBD}]", [("CL402", 10, 31)], id="placeholder"),
        pytest.param("[{risk: a, mitigation: null}]", [("CL402", 10, 31)], id="null"),
        pytest.param("[{risk: a, mitigation: ''}]", [("CL402", 10, 31)], id="empty"),
        pytest.param(
            "[{risk: a, mitigation: TBD}, {risk: b}, {risk: c, mitigation: ok}]",
            [("CL402", 10, 31), ("CL402", 10, 37)],
            id="one-per-risk",
        ),
        pytest.param(
            "\n  - risk: cold start\n    mitigation: n/a\n  - risk: drift",
            [("CL402", 12, 17), ("CL402", 13, 5)],
            id="block",
        ),
    ],
)
def test_cl402_risk_without_mitigation(check, value, expected):
    assert check(edit(PROBLEM, risks=value)) == expected


def test_cl402_message_names_the_risk(lint_text):
    findings = lint_text(edit(PROBLEM, risks="[{risk: cold start}, {risk: drift}]"))
    assert [f.code for f in findings] == ["CL402", "CL402"]
    assert "cold start" in findings[0].message and "drift" in findings[1].message
    assert (findings[0].name, findings[0].severity.value) == ("risk-without-mitigation", "error")


@pytest.mark.parametrize(
    "value",
    [
        "[{risk: a, mitigation: b}]",
        "[{risk: a, mitigation: b}, {risk: c, mitigation: d}]",
        "\n  - risk: cold start\n    mitigation: blend with popularity",
    ],
)
def test_cl402_passes(check, value):
    assert check(edit(PROBLEM, risks=value)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[{risk: a, mitigation: [x]}]", [("CL003", 10, 31)], id="mitigation-list"),
        pytest.param("[{risk: a, mitigation: 5}]", [("CL005", 10, 31)], id="mitigation-number"),
        pytest.param("[{mitigation: x}]", [("CL003", 10, 9)], id="no-risk-field"),
        pytest.param("[cold start]", [("CL003", 10, 9)], id="not-a-mapping"),
    ],
)
def test_cl402_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(PROBLEM, risks=value)) == expected


# --------------------------------------------------------------------------- CL403


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL403", 1, 1)], id="missing"),
        pytest.param("[]", [("CL403", 10, 8)], id="empty-list"),
        pytest.param("TBD", [("CL403", 10, 8)], id="placeholder"),
        pytest.param("", [("CL403", 10, 7)], id="null"),
    ],
)
def test_cl403_missing_risks(check, value, expected):
    assert check(edit(PROBLEM, risks=value)) == expected


def test_cl403_passes(check):
    assert check(edit(PROBLEM, risks="[{risk: a, mitigation: b}]")) == []


def test_cl403_silent_about_a_rejected_value(check):
    assert check(edit(PROBLEM, risks="{}")) == [("CL003", 10, 8)]


def test_cl403_is_a_warning(lint_text):
    [finding] = lint_text(edit(PROBLEM, risks="[]"))
    assert (finding.name, finding.severity.value) == ("missing-risks", "warning")


# --------------------------------------------------------------------------- CL404

OPT_B = "{name: baseline, estimate_weeks: 1}"
OPT_S = "{name: simple, estimate_weeks: 2}"
OPT_A = "{name: advanced, estimate_weeks: 6}"


@pytest.mark.parametrize(
    "value, expected, words",
    [
        pytest.param(None, [("CL404", 1, 1)], ["0 option", "baseline"], id="missing"),
        pytest.param("[]", [("CL404", 9, 10)], ["0 option"], id="empty-list"),
        pytest.param("", [("CL404", 9, 9)], ["0 option"], id="null"),
        pytest.param(f"[{OPT_B}]", [("CL404", 9, 10)], ["1 option"], id="one"),
        pytest.param(f"[{OPT_B}, {OPT_S}]", [("CL404", 9, 10)], ["2 option"], id="two"),
        pytest.param(
            f"[{OPT_S}, {OPT_A}, {{name: fancy, estimate_weeks: 9}}]",
            [("CL404", 9, 10)],
            ["none is named `baseline`"],
            id="no-baseline",
        ),
        pytest.param(
            f"[{OPT_S}, {OPT_A}]",
            [("CL404", 9, 10)],
            ["2 option", "none is named `baseline`"],
            id="both-problems-one-finding",
        ),
    ],
)
def test_cl404_missing_scope_options(lint_text, value, expected, words):
    findings = lint_text(edit(PROBLEM, options=value))
    assert located(findings) == expected
    assert all(word in findings[0].message for word in words), findings[0].message


@pytest.mark.parametrize(
    "value",
    [
        f"[{OPT_B}, {OPT_S}, {OPT_A}]",
        f"[{OPT_A}, {OPT_S}, {OPT_B}]",
        f"[{OPT_B}, {OPT_S}, {OPT_A}, {{name: moonshot, estimate_weeks: 20}}]",
    ],
)
def test_cl404_passes(check, value):
    assert check(edit(PROBLEM, options=value)) == []


def test_cl404_baseline_is_case_sensitive(check):
    # Ambiguity (see the report): `Baseline` does not count as `baseline`.
    value = f"[{OPT_B.replace('baseline', 'Baseline')}, {OPT_S}, {OPT_A}]"
    assert check(edit(PROBLEM, options=value)) == [("CL404", 9, 10)]


def test_cl404_silent_about_a_rejected_value(check):
    assert check(edit(PROBLEM, options="{}")) == [("CL003", 9, 10)]


def test_cl404_placeholder_options(check):
    assert check(edit(PROBLEM, options="TBD")) == [("CL404", 9, 10)]


# --------------------------------------------------------------------------- CL405


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(f"[{{name: baseline}}, {OPT_S}, {OPT_A}]", [("CL405", 9, 11)], id="missing"),
        pytest.param(
            f"[{{name: baseline, estimate_weeks: TBD}}, {OPT_S}, {OPT_A}]",
            [("CL405", 9, 44)],
            id="placeholder",
        ),
        pytest.param(
            f"[{{name: baseline, estimate_weeks: null}}, {OPT_S}, {OPT_A}]",
            [("CL405", 9, 44)],
            id="null",
        ),
        pytest.param(
            "[{name: baseline}, {name: simple, estimate_weeks: TBD}, {name: advanced}]",
            [("CL405", 9, 11), ("CL405", 9, 60), ("CL405", 9, 66)],
            id="one-per-option",
        ),
        pytest.param(
            "\n  - name: baseline\n  - name: simple\n    estimate_weeks: 2\n"
            "  - name: advanced\n    estimate_weeks: n/a",
            [("CL405", 10, 5), ("CL405", 14, 21)],
            id="block",
        ),
    ],
)
def test_cl405_option_without_estimate(check, value, expected):
    assert check(edit(PROBLEM, options=value)) == expected


def test_cl405_message_names_the_option(lint_text):
    [finding] = lint_text(edit(PROBLEM, options=f"[{OPT_B}, {{name: simple}}, {OPT_A}]"))
    assert "simple" in finding.message
    assert (finding.name, finding.severity.value) == ("option-without-estimate", "warning")


def test_cl405_passes(check):
    assert check(edit(PROBLEM, options=f"[{OPT_B}, {OPT_S}, {OPT_A}]")) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(
            f"[{{name: baseline, estimate_weeks: 0}}, {OPT_S}, {OPT_A}]",
            [("CL003", 9, 44)],
            id="zero",
        ),
        pytest.param(
            f"[{{name: baseline, estimate_weeks: '2'}}, {OPT_S}, {OPT_A}]",
            [("CL003", 9, 44)],
            id="string",
        ),
    ],
)
def test_cl405_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(PROBLEM, options=value)) == expected


# --------------------------------------------------------------------------- CL406


@pytest.mark.parametrize(
    "value, expected, lacking",
    [
        pytest.param(None, [("CL406", 1, 1)], ["privacy", "latency"], id="missing"),
        pytest.param("{}", [("CL406", 8, 14)], ["privacy", "latency"], id="empty-mapping"),
        pytest.param("", [("CL406", 8, 13)], ["privacy", "latency"], id="null"),
        pytest.param("{privacy: x}", [("CL406", 8, 14)], ["latency"], id="no-latency"),
        pytest.param("{latency: x}", [("CL406", 8, 14)], ["privacy"], id="no-privacy"),
        pytest.param("{platform: web}", [("CL406", 8, 14)], ["privacy", "latency"], id="other"),
        pytest.param("{privacy: TBD, latency: x}", [("CL406", 8, 14)], ["privacy"], id="tbd"),
        pytest.param("{privacy: x, latency: null}", [("CL406", 8, 14)], ["latency"], id="null-v"),
        pytest.param(
            "{privacy: '', latency: n/a}", [("CL406", 8, 14)], ["privacy", "latency"], id="both"
        ),
        pytest.param(
            "\n  privacy: none\n  latency: p95 under 200 ms",
            [("CL406", 9, 3)],
            ["privacy"],
            id="block-none",
        ),
    ],
)
def test_cl406_missing_constraints(lint_text, value, expected, lacking):
    findings = lint_text(edit(PROBLEM, constraints=value))
    assert located(findings) == expected
    message = findings[0].message.split(":")[0]
    assert all(f"`{key}`" in message for key in lacking), message
    assert all(f"`{key}`" not in message for key in {"privacy", "latency"} - set(lacking))


@pytest.mark.parametrize(
    "value",
    [
        "{privacy: no raw queries leave the region, latency: p95 under 200 ms}",
        "{privacy: [eu-only, no-pii], latency: 200, platform: web}",
    ],
)
def test_cl406_passes(check, value):
    assert check(edit(PROBLEM, constraints=value)) == []


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[privacy]", [("CL003", 8, 14)], id="list"),
        pytest.param("{privacy: x, latency: {p95: 200}}", [("CL003", 8, 36)], id="latency-map"),
    ],
)
def test_cl406_silent_about_a_rejected_value(check, value, expected):
    assert check(edit(PROBLEM, constraints=value)) == expected


def test_cl406_placeholder_constraints(check):
    assert check(edit(PROBLEM, constraints="TBD")) == [("CL406", 8, 14)]


def test_cl406_is_a_warning(lint_text):
    [finding] = lint_text(edit(PROBLEM, constraints="{}"))
    assert (finding.name, finding.severity.value) == ("missing-constraints", "warning")


# =========================================================================== acceptance-checklist

HEADER = "\n".join(CHECKLIST.split("\n")[:3]) + "\n"


def without_items(*ids: str) -> str:
    """The checklist with the lines of the given items replaced by a comment."""
    lines = CHECKLIST.split("\n")
    return "\n".join(
        "  # (item removed)" if any(f"id: {i}," in line for i in ids) else line for line in lines
    )


# --------------------------------------------------------------------------- CL601


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(without_items("fallback-verified"), [("CL601", 5, 3)], id="one"),
        pytest.param(
            without_items("fallback-verified", "rollback-documented"),
            [("CL601", 5, 3)] * 2,
            id="two",
        ),
        pytest.param(HEADER, [("CL601", 1, 1)] * 6, id="no-items"),
        pytest.param(HEADER + "items: []\n", [("CL601", 4, 8)] * 6, id="empty-list"),
        pytest.param(HEADER + "items:\n", [("CL601", 4, 7)] * 6, id="null"),
        pytest.param(HEADER + "items: [TBD]\n", [("CL601", 4, 8)] * 6, id="list-of-placeholder"),
        pytest.param(
            CHECKLIST.replace("id: fallback-verified", "id: Fallback-Verified"),
            [("CL601", 5, 3)],
            id="case-differs",
        ),
        pytest.param(
            CHECKLIST.replace("id: fallback-verified", "id: TBD"),
            [("CL601", 5, 3)],
            id="id-placeholder",
        ),
    ],
)
def test_cl601_missing_acceptance_item(check, text, expected):
    assert check(text) == expected


def test_cl601_one_finding_per_missing_item_names_it(lint_text):
    findings = lint_text(without_items("fallback-verified", "rollback-documented"))
    assert sorted(f.message.split("`")[1] for f in findings) == [
        "fallback-verified",
        "rollback-documented",
    ]
    assert (findings[0].name, findings[0].severity.value) == ("missing-acceptance-item", "error")
    every = lint_text(HEADER)
    assert len({f.message for f in every}) == 6


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            CHECKLIST + "  - {id: shadow-traffic, status: done, evidence: x}\n", id="more"
        ),
        pytest.param(
            CHECKLIST.replace(
                "{id: fallback-verified, status: done", "{status: done, id: fallback-verified"
            ),
            id="key-order",
        ),
    ],
)
def test_cl601_passes(check, text):
    assert check(text) == []


def test_cl601_an_item_without_id_is_cl003_and_its_standard_item_is_missing(check):
    text = CHECKLIST.replace("id: fallback-verified, ", "")
    assert check(text) == [("CL601", 5, 3), ("CL003", 7, 5)]


def test_cl601_silent_about_a_rejected_value(check):
    assert check(HEADER + "items: {}\n") == [("CL003", 4, 8)]


def test_cl601_placeholder_items(check):
    assert check(HEADER + "items: TBD\n") == [("CL601", 4, 8)] * 6


# --------------------------------------------------------------------------- CL602


def item(replacement: str, original: str = FALLBACK_ITEM) -> str:
    return CHECKLIST.replace(original, replacement)


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(item("{id: fallback-verified, status: done}"), [("CL602", 7, 5)], id="done"),
        pytest.param(
            item("{id: fallback-verified, status: done, evidence: TBD}"),
            [("CL602", 7, 53)],
            id="evidence-placeholder",
        ),
        pytest.param(
            item("{id: fallback-verified, status: done, evidence: null}"),
            [("CL602", 7, 53)],
            id="evidence-null",
        ),
        pytest.param(
            item("{id: fallback-verified, status: done, evidence: ''}"),
            [("CL602", 7, 53)],
            id="evidence-empty",
        ),
        pytest.param(
            item("{id: fallback-verified, status: done, reason: trust me}"),
            [("CL602", 7, 5)],
            id="done-with-reason-only",
        ),
        pytest.param(
            item("{id: rollback-documented, status: n/a}", ROLLBACK_ITEM),
            [("CL602", 10, 5)],
            id="na",
        ),
        pytest.param(
            item("{id: rollback-documented, status: n/a, reason: TBD}", ROLLBACK_ITEM),
            [("CL602", 10, 52)],
            id="reason-placeholder",
        ),
        pytest.param(
            item("{id: rollback-documented, status: n/a, reason: n/a}", ROLLBACK_ITEM),
            [("CL602", 10, 52)],
            id="reason-na",
        ),
        pytest.param(
            item("{id: rollback-documented, status: n/a, evidence: x}", ROLLBACK_ITEM),
            [("CL602", 10, 5)],
            id="na-with-evidence-only",
        ),
        pytest.param(
            CHECKLIST + "  - id: shadow\n    status: done\n  - id: x\n    status: n/a\n"
            "    reason: ''\n",
            [("CL602", 11, 5), ("CL602", 15, 13)],
            id="block-one-per-item",
        ),
    ],
)
def test_cl602_unverified_acceptance_item(check, text, expected):
    assert check(text) == expected


def test_cl602_messages(lint_text):
    [done] = lint_text(item("{id: fallback-verified, status: done}"))
    assert "fallback-verified" in done.message and "`evidence`" in done.message
    assert (done.name, done.severity.value) == ("unverified-acceptance-item", "warning")
    [na] = lint_text(item("{id: rollback-documented, status: n/a}", ROLLBACK_ITEM))
    assert "rollback-documented" in na.message and "`reason`" in na.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(CHECKLIST, id="base"),
        pytest.param(item("{id: fallback-verified, status: todo}"), id="todo-needs-neither"),
    ],
)
def test_cl602_passes(check, text):
    assert "CL602" not in codes_of(check(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            item("{id: fallback-verified, status: done, evidence: [a]}"),
            [("CL003", 7, 53)],
            id="evidence-list",
        ),
        pytest.param(
            item("{id: fallback-verified, status: done, evidence: 5}"),
            [("CL005", 7, 53)],
            id="evidence-number",
        ),
        pytest.param(CHECKLIST + "  - {status: done}\n", [("CL003", 11, 5)], id="no-id"),
    ],
)
def test_cl602_silent_about_a_rejected_value(check, text, expected):
    assert check(text) == expected


# --------------------------------------------------------------------------- CL603


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(item("{id: fallback-verified, status: todo}"), [("CL603", 7, 37)], id="todo"),
        pytest.param(
            item("{id: fallback-verified, status: 'todo'}"), [("CL603", 7, 37)], id="quoted"
        ),
        pytest.param(
            item("{id: fallback-verified, status: todo, evidence: half done}"),
            [("CL603", 7, 37)],
            id="with-evidence",
        ),
        pytest.param(
            item("{id: fallback-verified, status: todo}").replace(
                MONITORING_ITEM, "{id: monitoring-dashboards, status: todo}"
            ),
            [("CL603", 7, 37), ("CL603", 8, 41)],
            id="one-per-item",
        ),
        pytest.param(
            CHECKLIST + "  - id: canary\n    status: todo\n", [("CL603", 12, 13)], id="block"
        ),
        pytest.param(
            CHECKLIST + "  - {id: fallback-verified, status: todo}\n",
            [("CL603", 11, 37)],
            id="duplicate-id",
        ),
    ],
)
def test_cl603_open_acceptance_item(check, text, expected):
    assert check(text) == expected


def test_cl603_message_and_status_todo_is_never_a_placeholder(lint_text):
    [finding] = lint_text(item("{id: fallback-verified, status: todo}"))
    assert "fallback-verified" in finding.message and "todo" in finding.message
    assert (finding.name, finding.severity.value) == ("open-acceptance-item", "warning")


def test_cl603_passes(check):
    assert check(CHECKLIST) == []


@pytest.mark.parametrize(
    "status, expected",
    [
        pytest.param("Todo", [("CL003", 7, 37)], id="capitalised"),
        pytest.param("open", [("CL003", 7, 37)], id="unknown"),
        pytest.param("TBD", [("CL009", 7, 37)], id="placeholder"),
    ],
)
def test_cl603_silent_about_a_rejected_status(check, status, expected):
    assert check(item(f"{{id: fallback-verified, status: {status}}}")) == expected


# =========================================================================== references
# --------------------------------------------------------------------------- CL604

MONITORED = edit(
    MODEL, monitoring="[open_rate_daily, Unsubscribe_Rate, spam_rate_alert, latency_p95]"
)


def with_contract(reference: str, base: str = EXPERIMENT) -> str:
    """``base`` with ``contract: reference`` appended (line 16 of a plan, 11 of a checklist)."""
    return base + f"contract: {reference}\n"


def framing(online: str) -> str:
    return edit(PROBLEM, validation=f"{{offline: NDCG@5, online: {online}}}")


def config_for(root: Path, **fields):
    return make_config(root=str(root), **fields)


@pytest.mark.parametrize(
    "reference, files, status",
    [
        pytest.param("contracts/nope.yaml", (), "does not exist", id="missing"),
        pytest.param("/etc/passwd", (), "leaves the project root", id="absolute"),
        pytest.param("../../../etc/passwd", (), "leaves the project root", id="dot-dot"),
        pytest.param("other.yaml", [("other.yaml", PROBLEM)], "problem-framing", id="wrong-kind"),
        pytest.param("other.yaml", [("other.yaml", "a: 1\n")], "no contract", id="no-contract"),
        pytest.param(
            "other.yaml",
            [("other.yaml", "kind: model-contract\nname: [unclosed\n")],
            "cannot be read",
            id="invalid-yaml",
        ),
        pytest.param("other.yaml", [("other.yaml", "\x00\x01")], "cannot be read", id="binary"),
        pytest.param("sub", [("sub.yaml", MODEL)], "does not exist", id="no-extension"),
    ],
)
def test_cl604_unresolved_reference_in_a_plan(lint_text, reference, files, status):
    findings = lint_text(with_contract(reference), "plan.yaml", files=files)
    assert located(findings) == [("CL604", 16, 11)]
    assert status in findings[0].message, findings[0].message
    assert reference in findings[0].message
    assert (findings[0].name, findings[0].severity.value) == ("unresolved-reference", "error")


def test_cl604_invalid_yaml_message_says_why(lint_text):
    files = [("other.yaml", "a: b: c\n")]
    [finding] = lint_text(with_contract("other.yaml"), "plan.yaml", files=files)
    assert finding.code == "CL604"
    assert "invalid YAML" in finding.message


def test_cl604_a_directory_is_not_a_contract(check, tmp_path):
    put(tmp_path, "contracts/ranking.yaml", MODEL)
    assert check(with_contract("contracts"), "plan.yaml") == [("CL604", 16, 11)]


def test_cl604_paths_are_relative_to_the_referring_file(check, tmp_path):
    put(tmp_path, "contracts/ranking.yaml", MONITORED)
    name = "experiments/plan.yaml"
    assert check(with_contract("../contracts/ranking.yaml"), name) == []
    assert check(with_contract("contracts/ranking.yaml"), name) == [("CL604", 16, 11)]


@pytest.mark.parametrize(
    "files",
    [
        pytest.param([("c.yaml", MONITORED)], id="yaml"),
        pytest.param([("c.yaml", PROBLEM + "---\n" + MONITORED)], id="second-document"),
    ],
)
def test_cl604_passes(check, files):
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == []


def test_cl604_passes_with_json_and_markdown_contracts(check):
    contract = (
        '{"kind": "model-contract", "name": "x", '
        '"monitoring": ["open_rate", "unsubscribe_rate", "spam_rate"]}'
    )
    files = [("c.json", contract), ("c.md", "# Contract\n\n```yaml\n" + MONITORED + "```\n")]
    assert check(with_contract("c.json"), "plan.yaml", files=files) == []
    assert check(with_contract("c.md"), "plan.yaml", files=files) == []


def test_cl604_symlink_that_leaves_the_root(lint_text, tmp_path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "ranking.yaml"
    outside.write_text(MONITORED, encoding="utf-8")
    link = tmp_path / "ranking.yaml"
    try:
        os.symlink(outside, link)
    except (OSError, NotImplementedError, AttributeError):
        pytest.skip("symlinks are not supported here")
    findings = lint_text(with_contract("ranking.yaml"), "plan.yaml")
    assert located(findings) == [("CL604", 16, 11)]
    assert "leaves the project root" in findings[0].message


def test_cl604_symlink_inside_the_root_is_followed(check, tmp_path):
    target = put(tmp_path, "contracts/ranking.yaml", MONITORED)
    try:
        os.symlink(target, tmp_path / "current.yaml")
    except (OSError, NotImplementedError, AttributeError):
        pytest.skip("symlinks are not supported here")
    assert check(with_contract("current.yaml"), "plan.yaml") == []


@pytest.mark.parametrize(
    "reference, expected",
    [
        pytest.param("nope.yaml", [("CL604", 11, 11)], id="missing"),
        pytest.param("p.yaml", [("CL604", 11, 11)], id="wrong-kind"),
        pytest.param("c.yaml", [], id="ok"),
    ],
)
def test_cl604_in_a_checklist(check, reference, expected):
    files = [("p.yaml", EXPERIMENT), ("c.yaml", MODEL)]
    assert check(with_contract(reference, CHECKLIST), "checklist.yaml", files=files) == expected


@pytest.mark.parametrize(
    "online, expected",
    [
        pytest.param("experiments/search-ab.yaml", [], id="yaml-path"),
        pytest.param("two-week A/B test on 20% of traffic", [], id="prose"),
        pytest.param("see experiments/search-ab.yaml for details", [], id="prose-with-a-path"),
        pytest.param("experiments/missing.yaml", [("CL604", 11, 39)], id="missing-yaml"),
        pytest.param("experiments/search-ab.yml", [("CL604", 11, 39)], id="missing-yml"),
        pytest.param("experiments/search-ab.json", [("CL604", 11, 39)], id="missing-json"),
        pytest.param("EXPERIMENTS/AB.YAML", [("CL604", 11, 39)], id="upper-case-suffix"),
        pytest.param("/etc/ab.yaml", [("CL604", 11, 39)], id="absolute"),
        pytest.param("model.yaml", [("CL604", 11, 39)], id="wrong-kind"),
    ],
)
def test_cl604_problem_framing_online_validation(check, tmp_path, online, expected):
    put(tmp_path, "experiments/search-ab.yaml", EXPERIMENT)
    put(tmp_path, "model.yaml", MODEL)
    assert check(framing(online), "framing.yaml") == expected


def test_cl604_problem_framing_wrong_kind_message(lint_text):
    [finding] = lint_text(framing("model.yaml"), "framing.yaml", files=[("model.yaml", MODEL)])
    assert "is not an experiment-plan" in finding.message and "model-contract" in finding.message


def test_cl604_does_not_apply_to_model_contracts(check):
    # A model-contract has no `contract` field: the schema rejects it, nothing is resolved.
    assert check(MODEL + "contract: nope.yaml\n") == [("CL003", 15, 1)]


@pytest.mark.parametrize(
    "reference, expected",
    [
        pytest.param("''", [("CL009", 16, 11)], id="empty"),
        pytest.param("42", [("CL005", 16, 11)], id="number"),
        pytest.param("[c.yaml]", [("CL003", 16, 11)], id="list"),
    ],
)
def test_cl604_silent_about_a_rejected_or_empty_reference(check, reference, expected):
    assert check(with_contract(reference), "plan.yaml") == expected


def test_cl604_placeholder_reference_is_not_a_path(check):
    assert check(with_contract("TBD"), "plan.yaml") == [("CL009", 16, 11)]


# --------------------------------------------------------------------------- CL605


def test_cl605_passes_when_everything_is_monitored(check):
    # open_rate in open_rate_daily, unsubscribe_rate in Unsubscribe_Rate (any case), ...
    files = [("c.yaml", MONITORED)]
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == []


def test_cl605_one_finding_per_unmonitored_metric(lint_text):
    findings = lint_text(with_contract("c.yaml"), "plan.yaml", files=[("c.yaml", MODEL)])
    assert located(findings) == [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)]
    assert "unsubscribe_rate" in findings[0].message and "guardrail" in findings[0].message
    assert "spam_rate" in findings[1].message
    assert "open_rate" in findings[2].message and "primary metric" in findings[2].message
    assert all("c.yaml" in f.message for f in findings)
    assert (findings[0].name, findings[0].severity.value) == ("metric-not-monitored", "warning")


@pytest.mark.parametrize(
    "monitoring, expected",
    [
        pytest.param(
            "[OPEN_RATE, unsubscribe_rate_7d, latency_p95]", [("CL605", 4, 72)], id="spam-rate"
        ),
        pytest.param(
            "[open, unsubscribe_rate, spam_rate]", [("CL605", 6, 24)], id="prefix-is-not-enough"
        ),
        pytest.param(
            "[Open_Rate dashboard, unsubscribe_rate, spam_rate]", [], id="substring-any-case"
        ),
        pytest.param("[]", [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)], id="empty"),
        pytest.param("TBD", [("CL605", 4, 23), ("CL605", 4, 72), ("CL605", 6, 24)], id="tbd"),
    ],
)
def test_cl605_matched_by_substring_case_insensitively(check, monitoring, expected):
    contract = edit(MODEL, monitoring=monitoring)
    assert check(with_contract("c.yaml"), "plan.yaml", files=[("c.yaml", contract)]) == expected


def test_cl605_plan_metric_in_any_case(check):
    text = with_contract(
        "c.yaml", edit(EXPERIMENT, primary_metric=PROPORTION.replace("open_rate", "Open_Rate"))
    )
    assert check(text, "plan.yaml", files=[("c.yaml", MONITORED)]) == []


def test_cl605_any_contract_in_the_file_counts(check):
    contract = MODEL + "---\n" + edit(MODEL, name="other", monitoring="[open_rate, spam_rate]")
    files = [("c.yaml", contract)]
    assert check(with_contract("c.yaml"), "plan.yaml", files=files) == [("CL605", 4, 23)]


def test_cl605_bare_primary_metric(check):
    text = with_contract("c.yaml", edit(EXPERIMENT, primary_metric="ctr"))
    found = check(text, "plan.yaml", files=[("c.yaml", MONITORED)])
    assert found == [("CL203", 6, 17), ("CL605", 6, 17)]


@pytest.mark.parametrize(
    "reference, files",
    [
        pytest.param("nope.yaml", (), id="missing"),
        pytest.param("../../../etc/passwd", (), id="outside"),
        pytest.param("p.yaml", [("p.yaml", PROBLEM)], id="wrong-kind"),
        pytest.param("bad.yaml", [("bad.yaml", "a: b: c\n")], id="invalid-yaml"),
    ],
)
def test_cl605_silent_when_the_reference_is_broken(check, reference, files):
    assert check(with_contract(reference), "plan.yaml", files=files) == [("CL604", 16, 11)]


def test_cl605_silent_without_a_contract(check):
    assert check(EXPERIMENT) == []


def test_cl605_only_for_plans(check):
    # A checklist referring to a contract without the plan's metrics: nothing to monitor.
    files = [("c.yaml", edit(MODEL, monitoring="[latency_p95]"))]
    assert check(with_contract("c.yaml", CHECKLIST), "checklist.yaml", files=files) == []


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param(
            {"guardrails": "[{metric: TBD, max_regression: 0.0}, {metric: spam_rate, max: 0.001}]"},
            [("CL009", 4, 23)],
            id="guardrail-metric",
        ),
        pytest.param(
            {
                "primary_metric": "{name: TBD, type: proportion, baseline: 0.33, "
                "minimum_detectable_effect: {relative: 0.02}, direction: increase}"
            },
            [("CL009", 6, 24)],
            id="primary-name",
        ),
    ],
)
def test_cl605_placeholder_metric_is_not_looked_up(check, fields, expected):
    text = with_contract("c.yaml", edit(EXPERIMENT, **fields))
    assert check(text, "plan.yaml", files=[("c.yaml", MONITORED)]) == expected


# --------------------------------------------------------------------------- one parse per run


def test_a_referenced_file_is_parsed_once_per_run(tmp_path, monkeypatch):
    contract = put(tmp_path, "contracts/ranking.yaml", MONITORED)
    sources = {
        "plans/a.yaml": with_contract("../contracts/ranking.yaml"),
        "plans/b.yaml": with_contract("../contracts/ranking.yaml"),
        "plans/c.yaml": with_contract("./../contracts/../contracts/ranking.yaml"),
        "d.yaml": with_contract("contracts/ranking.yaml")
        + "---\n"
        + with_contract("contracts/ranking.yaml"),
        "checklist.yaml": with_contract("contracts/ranking.yaml", CHECKLIST),
        "missing.yaml": with_contract("contracts/nope.yaml"),
    }
    targets = [Target(str(put(tmp_path, name, text)), name) for name, text in sources.items()]
    calls: Counter[str] = Counter()
    original = contractlint.pipeline.engine.referenced_documents

    def counting(path, config):
        calls[os.path.realpath(path)] += 1
        return original(path, config)

    monkeypatch.setattr(contractlint.pipeline.engine, "referenced_documents", counting)
    report = lint(targets, config_for(tmp_path))
    assert [(f.path, f.code) for f in report.findings] == [("missing.yaml", "CL604")]
    assert calls == {os.path.realpath(contract): 1}


def test_a_broken_referenced_file_is_also_parsed_once(tmp_path, monkeypatch):
    put(tmp_path, "bad.yaml", "kind: model-contract\nname: [unclosed\n")
    targets = [
        Target(str(put(tmp_path, f"p{i}.yaml", with_contract("bad.yaml"))), f"p{i}.yaml")
        for i in range(3)
    ]
    calls: Counter[str] = Counter()
    original = contractlint.pipeline.engine.referenced_documents

    def counting(path, config):
        calls[os.path.basename(path)] += 1
        return original(path, config)

    monkeypatch.setattr(contractlint.pipeline.engine, "referenced_documents", counting)
    report = lint(targets, config_for(tmp_path))
    assert [f.code for f in report.findings] == ["CL604"] * 3
    assert calls == {"bad.yaml": 1}
