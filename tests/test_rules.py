"""Per-rule tests: text in, expected ``[(code, line, column)]`` out (SPEC section 2).

Each test starts from a complete document of its kind (SPEC 1.1-1.4, one
line per top-level field so that the line numbers below stay readable), which
raises nothing, and changes one thing. ``edit(BASE, field=value)`` replaces
the line of a top-level field; ``edit(BASE, field=None)`` removes the field
and leaves a comment in its place, so the other lines keep their numbers.
"""

from __future__ import annotations

import dataclasses

import pytest

import contractlint.pipeline.engine
from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.rules import BY_CODE, RULES
from contractlint.run.runner import lint

from conftest import codes, located, make_config
from documents import CHECKLIST, EXPERIMENT, MODEL, OWNERS, PROBLEM, edit

BASES = {"model": MODEL, "experiment": EXPERIMENT, "problem": PROBLEM, "checklist": CHECKLIST}

PLACEHOLDERS = ["TBD", "todo", '"?"', "n/a", "N/A", '"  tbd "', "null", "~", '""', "''", ""]


def codes_of(found: list[tuple[str, int, int]]) -> list[str]:
    return [code for code, _, _ in found]


def line_of(base: str, field: str) -> int:
    return next(i for i, line in enumerate(base.split("\n"), 1) if line.startswith(f"{field}:"))


@pytest.fixture
def check(lint_text):
    """``check(text, name="contract.yaml", config=None) -> [(code, line, column)]``."""
    return lambda text, name="contract.yaml", config=None: located(lint_text(text, name, config))


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
def test_complete_documents_raise_nothing(check, base):
    assert check(base) == []


def test_complete_documents_together_raise_nothing(check):
    assert check("---\n".join(BASES.values())) == []


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


# --------------------------------------------------------------------------- CL201


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param(None, [("CL201", 1, 1)], id="missing"),
        pytest.param("[]", [("CL201", 4, 13)], id="empty-list"),
        pytest.param("TBD", [("CL201", 4, 13)], id="placeholder"),
        pytest.param("", [("CL201", 4, 12)], id="null"),
    ],
)
def test_cl201_missing_guardrails_experiment(check, value, expected):
    assert check(edit(EXPERIMENT, guardrails=value)) == expected


@pytest.mark.parametrize(
    "metrics, expected",
    [
        pytest.param(
            "{primary: {name: ctr_top5, baseline: 0.41, target_lift: 0.03}}",
            [("CL201", 4, 10)],
            id="no-guardrails",
        ),
        pytest.param(
            "{primary: {name: ctr_top5, baseline: 0.41, target_lift: 0.03}, guardrails: []}",
            [("CL201", 4, 85)],
            id="empty-list",
        ),
        pytest.param(
            "{primary: {name: ctr_top5, baseline: 0.41, target_lift: 0.03}, guardrails: TBD}",
            [("CL201", 4, 85)],
            id="placeholder",
        ),
    ],
)
def test_cl201_missing_guardrails_problem_framing(check, metrics, expected):
    assert check(edit(PROBLEM, metrics=metrics)) == expected


def test_cl201_passes(check):
    assert check(edit(EXPERIMENT, guardrails="[{metric: unsubscribe_rate, min: 0}]")) == []
    assert check(EXPERIMENT) == []
    assert check(PROBLEM) == []


def test_cl201_not_for_other_kinds(check):
    assert "CL201" not in codes_of(check(MODEL))
    assert "CL201" not in codes_of(check(CHECKLIST))


# --------------------------------------------------------------------------- CL202


@pytest.mark.parametrize(
    "value, expected",
    [
        pytest.param("[{metric: unsubscribe_rate}]", [("CL202", 4, 14)], id="no-threshold"),
        pytest.param(
            "[{metric: a, max: 1}, {metric: b}, {metric: c}]",
            [("CL202", 4, 35), ("CL202", 4, 48)],
            id="two-of-three",
        ),
        pytest.param(
            "[{metric: unsubscribe_rate, max: TBD}]", [("CL202", 4, 14)], id="threshold-tbd"
        ),
        pytest.param(
            "[{metric: unsubscribe_rate, max_regression: null, description: x}]",
            [("CL202", 4, 14)],
            id="threshold-null",
        ),
        pytest.param(
            "\n  - metric: unsubscribe_rate\n    description: must not rise",
            [("CL202", 5, 5)],
            id="block",
        ),
    ],
)
def test_cl202_guardrail_without_threshold(check, value, expected):
    assert check(edit(EXPERIMENT, guardrails=value)) == expected


@pytest.mark.parametrize(
    "value",
    [
        "[{metric: unsubscribe_rate, max_regression: 0.0}]",
        "[{metric: unsubscribe_rate, max_regression: 0}]",
        "[{metric: availability, min: 0.95}]",
        "[{metric: latency_ms, max: 200}]",
        "[{metric: a, max: TBD, min: 0.1}]",  # one real threshold is enough
    ],
)
def test_cl202_passes_with_a_threshold(check, value):
    found = check(edit(EXPERIMENT, guardrails=value))
    assert "CL202" not in codes_of(found)


def test_cl202_problem_framing(check):
    metrics = (
        "{primary: {name: ctr_top5, baseline: 0.41, target_lift: 0.03}, "
        "guardrails: [{metric: zero_result_rate}]}"
    )
    assert check(edit(PROBLEM, metrics=metrics)) == [("CL202", 4, 86)]


def test_cl202_message_names_the_metric(lint_text):
    [finding] = lint_text(edit(EXPERIMENT, guardrails="[{metric: unsubscribe_rate}]"))
    assert "unsubscribe_rate" in finding.message


# --------------------------------------------------------------------------- CL401


def test_cl401_one_finding_per_unowned_decision(lint_text):
    findings = lint_text(edit(MODEL, owners=None))
    assert located(findings) == [("CL401", 1, 1)] * 3
    assert sorted(
        d for f in findings for d in ("scope", "feasibility", "method") if d in f.message
    ) == [
        "feasibility",
        "method",
        "scope",
    ]


@pytest.mark.parametrize(
    "owners, expected",
    [
        pytest.param("{}", [("CL401", 3, 9)] * 3, id="empty-mapping"),
        pytest.param("", [("CL401", 3, 8)] * 3, id="null"),
        pytest.param("TBD", [("CL401", 3, 9)] * 3, id="placeholder"),
        pytest.param("{scope: pm@example.com}", [("CL401", 3, 9)] * 2, id="scope-only"),
        pytest.param(
            "{scope: TBD, feasibility: eng@example.com, method: ds@example.com}",
            [("CL401", 3, 17)],
            id="scope-placeholder",
        ),
        pytest.param(
            "{scope: pm@example.com, feasibility: '', method: null}",
            [("CL401", 3, 46), ("CL401", 3, 58)],
            id="empty-and-null",
        ),
        pytest.param(
            "\n  scope: pm@example.com\n  feasibility: eng@example.com\n  method: n/a",
            [("CL401", 6, 11)],
            id="block-method-na",
        ),
    ],
)
def test_cl401_unowned_decision(check, owners, expected):
    assert check(edit(MODEL, owners=owners)) == expected


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
def test_cl401_applies_to_every_kind(check, base):
    assert check(edit(base, owners="{scope: pm@example.com, method: ds@example.com}")) == [
        ("CL401", 3, 9)
    ]


def test_cl401_more_owners_are_allowed(check):
    owners = OWNERS.replace("}", ", privacy: dpo@example.com, '@handle': x}")
    assert check(edit(MODEL, owners=owners)) == []


def test_cl401_required_owners_are_configurable(check):
    config = make_config(required_owners=("scope", "privacy"))
    assert check(MODEL, config=config) == [("CL401", 3, 9)]
    owners = OWNERS.replace("}", ", privacy: dpo@example.com}")
    assert check(edit(MODEL, owners=owners), config=config) == []


def test_cl401_messages(lint_text):
    findings = lint_text(edit(MODEL, owners="{scope: TBD}"))
    messages = {f.message for f in findings}
    assert len(findings) == 3
    assert any("scope" in m and "TBD" in m for m in messages)
    assert any("feasibility" in m for m in messages)
    assert any("method" in m for m in messages)


# --------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize("placeholder", PLACEHOLDERS)
@pytest.mark.parametrize(
    "base, field, template, code",
    [
        pytest.param(MODEL, "fallback", "{}", "CL101", id="fallback"),
        pytest.param(MODEL, "timeout_ms", "{}", "CL105", id="timeout"),
        pytest.param(MODEL, "latency_budget_ms", "{}", "CL103", id="budget"),
        pytest.param(MODEL, "latency_budget_ms", "{{p50: 50, p95: {}}}", "CL103", id="p95"),
        pytest.param(
            MODEL,
            "fallback",
            "{{strategy: serve_most_popular, feature_flag: {}}}",
            "CL102",
            id="feature-flag",
        ),
        pytest.param(
            MODEL,
            "owners",
            "{{scope: {}, feasibility: eng@example.com, method: ds@example.com}}",
            "CL401",
            id="owner",
        ),
        pytest.param(EXPERIMENT, "guardrails", "{}", "CL201", id="guardrails"),
        pytest.param(
            EXPERIMENT, "guardrails", "[{{metric: m, max_regression: {}}}]", "CL202", id="threshold"
        ),
    ],
)
def test_placeholders_count_as_missing(lint_text, base, field, template, code, placeholder):
    if template != "{}" and placeholder == "":
        placeholder = "null"  # an empty value inside a flow mapping reads as null too
    findings = lint_text(edit(base, **{field: template.format(placeholder)}))
    assert codes(findings) == [code], located(findings)
    assert findings[0].line == line_of(base, field)


@pytest.mark.parametrize("placeholder", ["TBD", "Tbc", "FIXME", "xxx", "unknown", "'-'", "'??'"])
def test_placeholder_words_are_case_insensitive(check, placeholder):
    assert check(edit(MODEL, fallback=placeholder)) == [("CL101", 4, 11)]


def test_placeholders_are_configurable(check):
    config = make_config(placeholders=("pending",))
    assert check(edit(MODEL, fallback="pending"), config=config) == [("CL101", 4, 11)]
    assert check(edit(MODEL, fallback="Pending "), config=config) == [("CL101", 4, 11)]
    # `TBD` is no longer a placeholder: a (strange) fallback strategy named TBD.
    assert check(edit(MODEL, fallback="TBD"), config=config) == [("CL102", 4, 11)]


@pytest.mark.parametrize("value", ["TBD-later", "to do list", "n/a/b", "none_of_these", "0"])
def test_words_that_merely_contain_placeholders_are_values(check, value):
    assert check(edit(MODEL, fallback=f"{{strategy: '{value}', feature_flag: f}}")) == []


# --------------------------------------------------------------------------- CL009


@pytest.mark.parametrize(
    "base, extra, expected",
    [
        pytest.param(MODEL, "description: TBD\n", [("CL009", 15, 14)], id="description"),
        pytest.param(MODEL, "version: '?'\n", [("CL009", 15, 10)], id="version"),
        pytest.param(EXPERIMENT, "description: '  tbd '\n", [("CL009", 16, 14)], id="padded"),
        pytest.param(PROBLEM, "description: N/A\n", [("CL009", 12, 14)], id="problem"),
        pytest.param(CHECKLIST, "description: ''\n", [("CL009", 11, 14)], id="checklist"),
    ],
)
def test_cl009_placeholder_value(check, base, extra, expected):
    assert check(base + extra) == expected


def test_cl009_in_a_list(check):
    text = edit(MODEL, monitoring="[latency_p95, TBD, ctr_by_bucket]")
    assert check(text) == [("CL009", 11, 27)]


def test_cl009_in_hypothesis(check):
    assert check(edit(EXPERIMENT, hypothesis="todo")) == [("CL009", 5, 13)]


def test_cl009_is_a_warning_and_names_the_field(lint_text):
    [finding] = lint_text(MODEL + "description: TBD\n")
    assert finding.severity.value == "warning"
    assert finding.name == "placeholder-value"
    assert "description" in finding.message and "TBD" in finding.message


def test_cl009_skips_x_fields(check):
    assert check(MODEL + "x-note: TBD\nx-team: {lead: TBD}\n") == []


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"fallback": "TBD"}, "CL101"),
        ({"timeout_ms": "TBD"}, "CL105"),
        ({"latency_budget_ms": "{p50: 50, p95: TBD}"}, "CL103"),
        ({"fallback": "{strategy: s, feature_flag: TBD}"}, "CL102"),
        ({"owners": "{scope: TBD, feasibility: e, method: m}"}, "CL401"),
    ],
)
def test_cl009_steps_aside_for_the_specific_rule(check, fields, code):
    assert codes_of(check(edit(MODEL, **fields))) == [code]


def test_cl009_steps_aside_for_cl202(check):
    text = edit(EXPERIMENT, guardrails="[{metric: unsubscribe_rate, max: TBD}]")
    assert check(text) == [("CL202", 4, 14)]


@pytest.mark.parametrize("status", ["n/a", '"n/a"', "'n/a'"])
def test_status_na_is_never_cl009(check, status):
    text = CHECKLIST.replace(
        "{id: rollback-documented, status: n/a, reason: first launch}",
        f"{{id: rollback-documented, status: {status}, reason: first launch}}",
    )
    assert "CL009" not in codes_of(check(text))


def test_status_na_without_reason_is_never_cl009(check):
    text = CHECKLIST.replace(", reason: first launch}", "}")
    assert "CL009" not in codes_of(check(text))


def test_status_na_block_style_is_never_cl009(check):
    text = CHECKLIST + "  - id: shadow-traffic\n    status: n/a\n    reason: not needed\n"
    assert check(text) == []


# --------------------------------------------------------------------------- CL003


def test_cl003_unknown_field_with_did_you_mean_at_the_key(lint_text):
    findings = lint_text(edit(MODEL, fallback=None) + "fallbak: serve_most_popular\n")
    assert located(findings) == [("CL101", 1, 1), ("CL003", 15, 1)]
    unknown = findings[1]
    assert unknown.end_column == 8  # the key, not its value
    assert "did you mean `fallback`?" in unknown.message
    assert "fallbak" in unknown.message


def test_cl003_unknown_nested_field(lint_text):
    findings = lint_text(edit(MODEL, latency_budget_ms="{p50: 50, p95: 120, p99x: 250}"))
    assert located(findings) == [("CL003", 5, 40)]
    assert "p99x" in findings[0].message and "latency_budget_ms" in findings[0].message
    assert "did you mean `p99`?" in findings[0].message


def test_cl003_unknown_field_without_suggestion(lint_text):
    findings = lint_text(MODEL + "team_chat: '#ranking'\n")
    assert located(findings) == [("CL003", 15, 1)]
    assert "x-" in findings[0].message


def test_cl003_x_fields_are_free(check):
    assert check(MODEL + "x-team: ranking\nx-links: [a, b]\n") == []


@pytest.mark.parametrize(
    "fields, expected, words",
    [
        pytest.param({"timeout_ms": "'300'"}, [("CL003", 6, 13)], ["number"], id="string-number"),
        pytest.param({"owners": "[pm@example.com]"}, [("CL003", 3, 9)], ["mapping"], id="owners"),
        pytest.param({"monitoring": "latency_p95"}, [("CL003", 11, 13)], ["list"], id="monitoring"),
        pytest.param(
            {"latency_budget_ms": "120"}, [("CL003", 5, 20)], ["mapping"], id="budget-number"
        ),
    ],
)
def test_cl003_wrong_type(lint_text, fields, expected, words):
    findings = lint_text(edit(MODEL, **fields))
    assert located(findings) == expected
    assert all(word in findings[0].message for word in words)


def test_cl003_enum_with_suggestion(lint_text):
    findings = lint_text(edit(EXPERIMENT, stopping_rule="fixed_horizn"))
    assert located(findings) == [("CL003", 12, 16)]
    assert "Did you mean `fixed_horizon`?" in findings[0].message
    assert "fixed_horizon" in findings[0].message and "sequential" in findings[0].message


def test_cl003_enum_in_a_checklist_item(lint_text):
    text = CHECKLIST.replace(
        "{id: fallback-verified, status: done", "{id: fallback-verified, status: Done"
    )
    findings = lint_text(text)
    assert located(findings) == [("CL003", 7, 37)]
    assert "`done`" in findings[0].message


def test_cl003_missing_name(lint_text):
    findings = lint_text(edit(MODEL, name=None))
    assert located(findings) == [("CL003", 1, 1)]
    assert "`name`" in findings[0].message


def test_cl003_message_names_the_path(lint_text):
    text = edit(EXPERIMENT, guardrails="[{metric: a, max: 1}, {metric: b, max: high}]")
    findings = lint_text(text)
    assert located(findings) == [("CL003", 4, 52)]
    assert "guardrails[1].max" in findings[0].message


# --------------------------------------------------------------------------- missing = first line


def test_missing_top_level_field_points_at_the_document_first_line(check):
    text = (
        MODEL  # lines 1-14
        + "---\n"  # 15
        + "# the second contract\n"  # 16
        + edit(MODEL, timeout_ms=None)  # 17-30
        + "---\n"  # 31
        + edit(EXPERIMENT, guardrails=None)  # 32-46
    )
    assert check(text) == [("CL105", 17, 1), ("CL201", 32, 1)]


def test_missing_fields_in_a_json_document(check):
    text = '{\n  "kind": "model-contract",\n  "name": "x"\n}\n'
    found = check(text, "c.json")
    assert {f for f in found if f[0] in ("CL101", "CL103", "CL105", "CL401")} == {
        ("CL101", 1, 1),
        ("CL103", 1, 1),
        ("CL105", 1, 1),
        ("CL401", 1, 1),
    }


def test_missing_fields_in_markdown_point_at_the_fence_content(check):
    md = "# Contract\n\n```yaml\n" + edit(MODEL, fallback=None) + "```\n"
    assert check(md, "doc.md") == [("CL101", 4, 1)]


# --------------------------------------------------------------------------- CL000


def _crash_on_name(name: str):
    def boom(document, options):
        if document.value.get("name") == name:
            raise RuntimeError("boom")
        yield from BY_CODE["CL101"].check(document, options)

    return boom


def _with_crashing_cl101(monkeypatch, check_fn) -> None:
    rules = tuple(
        dataclasses.replace(rule, check=check_fn) if rule.code == "CL101" else rule
        for rule in RULES
    )
    monkeypatch.setattr(contractlint.pipeline.engine, "RULES", rules)


def test_cl000_a_crashing_rule_is_reported_and_the_rest_still_run(lint_text, monkeypatch):
    _with_crashing_cl101(monkeypatch, _crash_on_name("crashes"))
    text = (
        edit(MODEL, name="crashes", timeout_ms=None)  # 1-14: CL000 and CL105
        + "---\n"  # 15
        + edit(MODEL, name="fine", fallback="TBD")  # 16-29: CL101 still works here
    )
    findings = lint_text(text)
    assert located(findings) == [("CL000", 1, 1), ("CL105", 1, 1), ("CL101", 19, 11)]
    crash = findings[0]
    assert crash.name == "internal-error" and crash.severity.value == "error"
    assert "CL101" in crash.message and "RuntimeError" in crash.message and "boom" in crash.message


def test_cl000_other_files_still_run(tmp_path, monkeypatch):
    def always(document, options):
        raise ValueError("always")
        yield  # pragma: no cover - makes this a generator like the real checks

    _with_crashing_cl101(monkeypatch, always)
    first = tmp_path / "a.yaml"
    first.write_text(edit(MODEL, timeout_ms=None), encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text(edit(MODEL, owners="{scope: pm@example.com, feasibility: e, method: TBD}"))
    report = lint([Target(str(first), "a.yaml"), Target(str(second), "b.yaml")], Config())
    assert [(f.path, f.code, f.line) for f in report.findings] == [
        ("a.yaml", "CL000", 1),
        ("a.yaml", "CL105", 1),
        ("b.yaml", "CL000", 1),
        ("b.yaml", "CL401", 3),
    ]


def test_cl000_when_the_check_raises_before_yielding(lint_text, monkeypatch):
    def not_a_generator(document, options):
        raise KeyError("fallback")

    _with_crashing_cl101(monkeypatch, not_a_generator)
    findings = lint_text(MODEL)
    assert located(findings) == [("CL000", 1, 1)]
    assert "KeyError" in findings[0].message
