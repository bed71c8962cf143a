"""Per-rule tests for the rules of every kind (SPEC 2): the document rules
(CL000 internal-error, CL003 schema, CL009 placeholder-value), CL401 (owners)
and placeholders, and where a missing field is reported.

Text in, ``[(code, line, column)]`` out: see ``documents.py`` for how these tests are
written.
"""

from __future__ import annotations

import pytest

import contractlint.pipeline.engine
from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.rules import BY_CODE, RULES
from contractlint.run.runner import lint

from conftest import codes, codes_of, located, make_config
from documents import CHECKLIST, EXPERIMENT, MODEL, OWNERS, PROBLEM, edit

BASES = {"model": MODEL, "experiment": EXPERIMENT, "problem": PROBLEM, "checklist": CHECKLIST}

PLACEHOLDERS = ["TBD", "todo", '"?"', "n/a", "N/A", '"  tbd "', "null", "~", '""', "''", ""]


def line_of(base: str, field: str) -> int:
    return next(i for i, line in enumerate(base.split("\n"), 1) if line.startswith(f"{field}:"))


@pytest.mark.parametrize("base", BASES.values(), ids=BASES.keys())
def test_complete_documents_raise_nothing(check, base):
    assert check(base) == []


def test_complete_documents_together_raise_nothing(check):
    assert check("---\n".join(BASES.values())) == []


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
        # longer than any placeholder, but only whitespace around one: still one
        pytest.param(MODEL, f"description: '{' ' * 30}TBD'\n", [("CL009", 15, 14)], id="left"),
        pytest.param(MODEL, f"description: 'TBD{' ' * 30}'\n", [("CL009", 15, 14)], id="right"),
        pytest.param(MODEL, f"description: '{' ' * 40}'\n", [("CL009", 15, 14)], id="blank"),
        pytest.param(MODEL, "description: 'TBD TBD TBD TBD TBD'\n", [], id="long"),
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
    assert "did you mean `fixed_horizon`?" in findings[0].message
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
    rules = tuple(rule._replace(check=check_fn) if rule.code == "CL101" else rule for rule in RULES)
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
