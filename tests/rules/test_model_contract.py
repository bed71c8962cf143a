"""Per-rule tests for the rules of a model-contract (SPEC 1.1): fallback, latency and timeout,
rollback, retraining, throughput, monitoring and the I/O schema (CL1xx, CL205, CL206, CL5xx).

Text in, ``[(code, line, column)]`` out: see ``documents.py`` for how these tests are written.
"""

from __future__ import annotations

import pytest

from conftest import codes, codes_of, located
from documents import EXPERIMENT, MODEL, edit


@pytest.mark.parametrize("base", [MODEL], ids=["model"])
def test_complete_documents_raise_nothing(check, base):
    assert check(base) == []


# --------------------------------------------------------------------------- CL101


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(edit(MODEL, fallback=None), [("CL101", 1, 1)], id="missing"),
        pytest.param(edit(MODEL, fallback="TBD"), [("CL101", 4, 11)], id="placeholder"),
        pytest.param(edit(MODEL, fallback="null"), [("CL101", 4, 11)], id="null"),
        pytest.param(edit(MODEL, fallback=""), [("CL101", 4, 10)], id="empty"),
        pytest.param(edit(MODEL, fallback="{}"), [("CL101", 4, 11)], id="empty-mapping"),
        pytest.param(
            edit(MODEL, fallback="{feature_flag: ranking_fallback}"),
            [("CL101", 4, 11)],
            id="mapping-without-strategy",
        ),
        pytest.param(
            edit(MODEL, fallback="{strategy: TBD, feature_flag: ranking_fallback}"),
            [("CL101", 4, 22)],
            id="strategy-placeholder",
        ),
        pytest.param(
            edit(MODEL, fallback="\n  feature_flag: ranking_fallback\n  description: cache"),
            [("CL101", 5, 3)],
            id="block-mapping-without-strategy",
        ),
    ],
)
def test_cl101_missing_fallback(check, text, expected):
    assert check(text) == expected


@pytest.mark.parametrize(
    "value",
    [
        "{strategy: serve_most_popular, feature_flag: ranking_fallback}",
        "\n  strategy: serve_most_popular\n  feature_flag: ranking_fallback",
        "{strategy: serve_most_popular, feature_flag: f, description: hourly cache}",
    ],
)
def test_cl101_passes_with_a_fallback(check, value):
    assert check(edit(MODEL, fallback=value)) == []


def test_cl101_plain_string_fallback_is_not_missing(check):
    # A string fallback is a fallback (CL102 asks for its flag, CL101 is silent).
    assert check(edit(MODEL, fallback="serve_most_popular")) == [("CL102", 4, 11)]


def test_cl101_message_and_metadata(lint_text):
    [finding] = lint_text(edit(MODEL, fallback="TBD"))
    assert finding.name == "missing-fallback"
    assert finding.severity.value == "error"
    assert "`TBD`" in finding.message
    assert finding.end_column == 14


# --------------------------------------------------------------------------- CL102


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("serve_most_popular", [("CL102", 4, 11)], id="plain-string"),
        pytest.param("{strategy: serve_most_popular}", [("CL102", 4, 11)], id="no-flag"),
        pytest.param(
            "{strategy: serve_most_popular, feature_flag: TBD}",
            [("CL102", 4, 56)],
            id="flag-placeholder",
        ),
        pytest.param(
            "{strategy: serve_most_popular, feature_flag: null}",
            [("CL102", 4, 56)],
            id="flag-null",
        ),
        pytest.param(
            "\n  strategy: serve_most_popular\n  description: cached list",
            [("CL102", 5, 3)],
            id="block-no-flag",
        ),
    ],
)
def test_cl102_fallback_unverified(check, value, expected):
    assert check(edit(MODEL, fallback=value)) == expected


def test_cl102_passes_with_a_flag(check):
    assert check(MODEL) == []


@pytest.mark.parametrize("value", [None, "TBD", "{}"])
def test_cl102_silent_when_fallback_is_missing(check, value):
    assert "CL102" not in codes_of(check(edit(MODEL, fallback=value)))


def test_cl102_is_a_warning(lint_text):
    [finding] = lint_text(edit(MODEL, fallback="serve_most_popular"))
    assert (finding.code, finding.severity.value) == ("CL102", "warning")
    assert "serve_most_popular" in finding.message


# --------------------------------------------------------------------------- CL103


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL103", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL103", 5, 20)], id="placeholder"),
        pytest.param("null", [("CL103", 5, 20)], id="null"),
        pytest.param("{}", [("CL103", 5, 20)], id="empty-mapping"),
        pytest.param("{p50: 50}", [("CL103", 5, 20)], id="no-p95"),
        pytest.param("{p50: 50, p95: TBD}", [("CL103", 5, 35)], id="p95-placeholder"),
        pytest.param("{p50: 50, p95: null}", [("CL103", 5, 35)], id="p95-null"),
        pytest.param("{p50: 50, p95: '?'}", [("CL103", 5, 35)], id="p95-question-mark"),
        pytest.param("\n  p50: 50\n  p99: 250", [("CL103", 6, 3)], id="block-no-p95"),
    ],
)
def test_cl103_unset_latency_budget(check, value, expected):
    assert check(edit(MODEL, latency_budget_ms=value)) == expected


@pytest.mark.parametrize("value", ["{p95: 120}", "{p50: 50, p95: 120, p99: 250}", "{p95: 1.5e+2}"])
def test_cl103_passes_with_a_p95(check, value):
    assert check(edit(MODEL, latency_budget_ms=value)) == []


def test_cl103_p95_tbd_is_not_a_schema_violation(lint_text):
    findings = lint_text(edit(MODEL, latency_budget_ms="{p50: 50, p95: TBD}"))
    assert codes(findings) == ["CL103"]
    assert "`TBD`" in findings[0].message


# --------------------------------------------------------------------------- CL104


@pytest.mark.parametrize(
    "budget, timeout, expected",
    [
        pytest.param("{p50: 120, p95: 50}", "300", [("CL104", 5, 26)], id="p50-above-p95"),
        pytest.param(
            "{p50: 50, p95: 300, p99: 250}", "400", [("CL104", 5, 35)], id="p95-above-p99"
        ),
        pytest.param(
            "{p50: 50, p90: 200, p95: 120}", "300", [("CL104", 5, 35)], id="p90-above-p95"
        ),
        pytest.param("{p50: 50, p95: 120}", "120", [("CL104", 6, 13)], id="timeout-equal"),
        pytest.param("{p50: 50, p95: 120}", "100", [("CL104", 6, 13)], id="timeout-below"),
        pytest.param(
            "{p50: 50, p95: 120, p99: 250}", "200", [("CL104", 6, 13)], id="timeout-below-p99"
        ),
        pytest.param(
            "{p50: 500, p95: 120}",
            "100",
            [("CL104", 5, 26), ("CL104", 6, 13)],
            id="inverted-and-timeout",
        ),
    ],
)
def test_cl104_latency_budget_inconsistent(check, budget, timeout, expected):
    assert check(edit(MODEL, latency_budget_ms=budget, timeout_ms=timeout)) == expected


@pytest.mark.parametrize(
    "budget, timeout",
    [
        ("{p50: 50, p95: 120}", "121"),
        ("{p50: 120, p95: 120}", "300"),  # equal percentiles are in order
        ("{p50: 50, p90: 90, p95: 120, p99: 250}", "251"),
        ("{p95: 120}", "300"),
        ("{p50: 50, p95: 120}", "1.0e+3"),  # a YAML 1.1 float needs the dot and the sign
    ],
)
def test_cl104_passes_when_consistent(check, budget, timeout):
    assert check(edit(MODEL, latency_budget_ms=budget, timeout_ms=timeout)) == []


def test_cl104_timeout_alias(check):
    text = edit(MODEL, timeout_ms=None) + "timeouts_ms: 100\n"
    found = check(text)
    assert ("CL104", 15, 14) in found
    assert "CL105" not in codes_of(found)


def test_cl104_message_names_the_percentiles(lint_text):
    [finding] = lint_text(edit(MODEL, latency_budget_ms="{p50: 120, p95: 50}"))
    assert "p50" in finding.message and "p95" in finding.message
    assert "120" in finding.message and "50" in finding.message


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param(
            {"latency_budget_ms": "{p50: -50, p95: 120}"}, [("CL003", 5, 26)], id="p50-negative"
        ),
        pytest.param({"timeout_ms": "-300"}, [("CL003", 6, 13)], id="timeout-negative"),
        pytest.param({"timeout_ms": "0"}, [("CL003", 6, 13)], id="timeout-zero"),
        pytest.param({"timeout_ms": "'300'"}, [("CL003", 6, 13)], id="timeout-string"),
        pytest.param({"timeout_ms": "true"}, [("CL003", 6, 13)], id="timeout-boolean"),
        pytest.param(
            {"latency_budget_ms": "{p50: 50, p95: '120'}"}, [("CL003", 5, 35)], id="p95-string"
        ),
    ],
)
def test_cl104_silent_about_values_the_schema_rejected(check, fields, expected):
    assert check(edit(MODEL, **fields)) == expected


@pytest.mark.parametrize(
    "budget, expected",
    [
        pytest.param("{p50: 50, p95: -120}", [("CL003", 5, 35)], id="p95-negative"),
        pytest.param("{p50: 50, p95: 0}", [("CL003", 5, 35)], id="p95-zero"),
        pytest.param(
            "{p50: 50, p95: 120, p99: -1}",
            [("CL003", 5, 45)],
            id="p99-negative",
        ),
    ],
)
def test_negative_latency_is_cl003_only(check, budget, expected):
    assert check(edit(MODEL, latency_budget_ms=budget)) == expected


# --------------------------------------------------------------------------- CL105


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL105", 1, 1)], id="missing"),
        pytest.param("TBD", [("CL105", 6, 13)], id="placeholder"),
        pytest.param("null", [("CL105", 6, 13)], id="null"),
        pytest.param('"?"', [("CL105", 6, 13)], id="question-mark"),
        pytest.param("", [("CL105", 6, 12)], id="empty"),
    ],
)
def test_cl105_missing_timeout(check, value, expected):
    assert check(edit(MODEL, timeout_ms=value)) == expected


def test_cl105_alias_counts(check):
    found = check(edit(MODEL, timeout_ms=None) + "timeouts_ms: 300\n")
    assert "CL105" not in codes_of(found)


def test_cl105_both_spellings_placeholders_is_one_finding(check):
    found = check(edit(MODEL, timeout_ms="TBD") + "timeouts_ms: n/a\n")
    assert [c for c in codes_of(found) if c == "CL105"] == ["CL105"]


def test_cl105_passes(check):
    assert check(edit(MODEL, timeout_ms="250")) == []


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
        pytest.param(
            "foo", [("CL501", 8, 20)], ["`foo`", "`contractlint explain CL501`"], id="unknown"
        ),
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
