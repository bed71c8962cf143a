"""Per-rule tests for the rules of a problem-framing (SPEC 1.3): guardrails, the primary metric,
online validation, risks, scope options and constraints (CL201-CL203, CL207, CL402-CL406).

Text in, ``[(code, line, column)]`` out: see ``documents.py`` for how these tests are written.
"""

from __future__ import annotations

import pytest

from conftest import located
from documents import PROBLEM, edit


@pytest.mark.parametrize("base", [PROBLEM], ids=["problem"])
def test_complete_documents_raise_nothing(check, base):
    assert check(base) == []


# --------------------------------------------------------------------------- CL201


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


# --------------------------------------------------------------------------- CL202


def test_cl202_problem_framing(check):
    metrics = (
        "{primary: {name: ctr_top5, baseline: 0.41, target_lift: 0.03}, "
        "guardrails: [{metric: zero_result_rate}]}"
    )
    assert check(edit(PROBLEM, metrics=metrics)) == [("CL202", 4, 86)]


# --------------------------------------------------------------------------- CL203 (framing)


GUARDS = "guardrails: [{metric: zero_result_rate, max_regression: 0.1}]"


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
            [("CL203", 4, 50)],  # at the placeholder
            id="target-lift-placeholder",
        ),
    ],
)
def test_cl203_vague_success_metric_framing(check, value, expected):
    assert check(edit(PROBLEM, metrics=value)) == expected


def test_cl203_framing_without_metrics_reports_both_rules_at_the_document(check):
    assert check(edit(PROBLEM, metrics=None)) == [("CL201", 1, 1), ("CL203", 1, 1)]


@pytest.mark.parametrize("metrics", ["", "null", "TBD"])
def test_cl203_framing_with_empty_metrics_reports_both_rules_at_the_value(check, metrics):
    # A missing field points at the mapping that should hold it; a null (or a
    # placeholder) in its place is that mapping, so both rules point at it.
    column = 10 if metrics else 9
    assert check(edit(PROBLEM, metrics=metrics)) == [("CL201", 4, column), ("CL203", 4, column)]


def test_cl203_framing_passes(check):
    value = f"{{primary: {{name: ctr_top5, target_lift: 0.03}}, {GUARDS}}}"
    assert check(edit(PROBLEM, metrics=value)) == []


def test_cl203_framing_silent_about_a_rejected_metrics(check):
    assert check(edit(PROBLEM, metrics="[ctr_top5]")) == [("CL003", 4, 10)]


def test_cl203_framing_silent_about_a_string_target_lift(check):
    value = f"{{primary: {{name: ctr_top5, target_lift: '0.03'}}, {GUARDS}}}"
    assert check(edit(PROBLEM, metrics=value)) == [("CL003", 4, 50)]


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
        pytest.param(None, [("CL404", 1, 1)], ["no options", "baseline"], id="missing"),
        pytest.param("[]", [("CL404", 9, 10)], ["no options"], id="empty-list"),
        pytest.param("", [("CL404", 9, 9)], ["no options"], id="null"),
        pytest.param(f"[{OPT_B}]", [("CL404", 9, 10)], ["only 1 option:"], id="one"),
        pytest.param(f"[{OPT_B}, {OPT_S}]", [("CL404", 9, 10)], ["only 2 options"], id="two"),
        pytest.param(
            f"[{OPT_S}, {OPT_A}, {{name: fancy, estimate_weeks: 9}}]",
            [("CL404", 9, 10)],
            ["none of the 3 options is named `baseline`"],
            id="no-baseline",
        ),
        pytest.param(
            f"[{OPT_S}, {OPT_A}]",
            [("CL404", 9, 10)],
            ["lists 2 options and no `baseline`"],
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
        # one placeholder or null: at it
        pytest.param("{privacy: TBD, latency: x}", [("CL406", 8, 24)], ["privacy"], id="tbd"),
        pytest.param("{privacy: x, latency: null}", [("CL406", 8, 36)], ["latency"], id="null-v"),
        pytest.param(
            "{privacy: '', latency: n/a}", [("CL406", 8, 14)], ["privacy", "latency"], id="both"
        ),
        pytest.param(
            "\n  privacy: none\n  latency: p95 under 200 ms",
            [("CL406", 9, 12)],
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
