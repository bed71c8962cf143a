"""Per-rule tests for the rules of every kind (SPEC 2): the document rules
(CL000 internal-error, CL003 schema, CL009 placeholder-value), CL401 (owners)
and placeholders, and where a missing field is reported.

Text in, ``[(code, line, column)]`` out: see ``documents.py`` for how these tests are
written.
"""

from __future__ import annotations

import copy

import pytest
import yaml

import contractlint.pipeline.engine
from contractlint import explain
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


def test_cl009_owns_no_list_its_rule_owns(check):
    # CL201 owns absent, empty or placeholder guardrails, `[TBD]` included (as CL205 owns
    # `monitoring: [TBD]`): one finding, CL201's.
    assert check(edit(EXPERIMENT, guardrails="[TBD]")) == [("CL201", 4, 13)]
    framing = edit(
        PROBLEM, metrics="{primary: {name: ctr_top5, target_lift: 0.03}, guardrails: [TBD]}"
    )
    assert check(framing) == [("CL201", 4, 69)]


def test_cl009_writes_paths_as_cl003_does(lint_text):
    text = edit(EXPERIMENT, guardrails="[{metric: TBD, max: 0.1}, {metric: spam, max: x}]")
    messages = [f.message for f in lint_text(text)]
    assert messages == [
        "`guardrails[0].metric` holds the placeholder `TBD`: fill in the real value or remove "
        "the field",
        "`guardrails[1].max` must be a number, not the string `x`",
    ]


@pytest.mark.parametrize("ignored", ["CL401", "CL4"])
def test_ignoring_the_rule_that_owns_a_placeholder_does_not_make_it_cl009(check, ignored):
    # Ignoring a rule only ever removes findings: CL009 steps aside for CL401 either way.
    text = edit(MODEL, owners="{scope: TODO, feasibility: TODO, method: ds@example.com}")
    assert codes_of(check(text)) == ["CL401", "CL401"]
    config = make_config(ignore=(ignored,))
    assert check(text, config=config) == []
    assert check(text, config=make_config(select=("CL009",))) == []


# --------------------------------------------------------------------------- null = missing


def _paths(value, path=()):
    """The path of every field and list item of ``value``, at any depth."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        yield (*path, key)
        if isinstance(item, (dict, list)):
            yield from _paths(item, (*path, key))


def _with(value, path, new):
    """A copy of ``value`` with the node at ``path`` replaced by ``new``, as YAML."""
    copied = copy.deepcopy(value)
    parent = copied
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return yaml.safe_dump(copied, sort_keys=False, width=10**6)


NULLED = [
    pytest.param(name, path, id=f"{name}-{'.'.join(map(str, path))}")
    for name, base in BASES.items()
    for path in _paths(yaml.safe_load(base))
    if path not in {("kind",), ("name",)}  # a null `name` is the schema's (CL003)
]


@pytest.mark.parametrize(("name", "path"), NULLED)
def test_a_null_is_reported_as_an_empty_string_is(check, name, path):
    """Placeholders count as missing (SPEC 1): a null where a value is wanted gets one
    finding, from the rule that owns the field or else CL009, as `""` does."""
    value = yaml.safe_load(BASES[name])
    null = check(_with(value, path, None))
    assert null, path
    assert null == check(_with(value, path, "")), path


@pytest.mark.parametrize(
    "base, old, new, message",
    [
        pytest.param(
            CHECKLIST,
            "status: n/a, reason",
            "status: null, reason",
            "`items[5].status` is empty: fill in the real value or remove the field",
            id="status",
        ),
        pytest.param(
            EXPERIMENT,
            "{metric: spam_rate, max: 0.001}",
            "{metric: null, max: 0.01}",
            "`guardrails[1].metric` is empty: fill in the real value or remove the field",
            id="guardrail-metric",
        ),
        pytest.param(
            PROBLEM,
            "risk: cold start for new items",
            "risk: null",
            "`risks[0].risk` is empty: fill in the real value or remove the field",
            id="risk",
        ),
        pytest.param(
            PROBLEM,
            "{name: simple, estimate_weeks: 2}",
            "{name: null, estimate_weeks: 2}",
            "`options[1].name` is empty: fill in the real value or remove the field",
            id="option-name",
        ),
        pytest.param(
            PROBLEM,
            "problem: shoppers abandon searches whose first page misses what they want",
            "problem: null",
            "`problem` is empty: fill in the real value or remove the field",
            id="problem",
        ),
        pytest.param(
            MODEL,
            "name: ranking-service\n",
            "name: ranking-service\ndescription: null\n",
            "`description` is empty: fill in the real value or remove the field",
            id="description",
        ),
        pytest.param(
            MODEL,
            "name: ranking-service\n",
            "name: ranking-service\nversion:\n",
            "`version` is empty: fill in the real value or remove the field",
            id="version",
        ),
    ],
)
def test_a_null_where_a_value_is_wanted_is_cl009(lint_text, base, old, new, message):
    assert old in base
    assert [(f.code, f.message) for f in lint_text(base.replace(old, new, 1))] == [
        ("CL009", message)
    ]


def test_a_null_the_schema_declares_is_a_value(check):
    # `sequential_method: null` is how a fixed-horizon plan says it has none (SPEC 1.2).
    assert check(EXPERIMENT + "sequential_method: null\n") == []


# --------------------------------------------------------------------------- CL003


def test_cl003_unknown_field_with_did_you_mean_at_the_key(lint_text):
    findings = lint_text(edit(MODEL, fallback=None) + "fallbak: serve_most_popular\n")
    assert located(findings) == [("CL003", 15, 1)]  # not CL101 too: one problem
    unknown = findings[0]
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


@pytest.mark.parametrize(
    "base, old, new, pointer",
    [
        (EXPERIMENT, "duration_days: 14", ".inf", "/duration_days"),
        (EXPERIMENT, "duration_days: 14", ".nan", "/duration_days"),
        (EXPERIMENT, "per_arm: 82000", "-.inf", "/sample_size/per_arm"),
        (EXPERIMENT, "alpha: 0.05", ".NaN", "/sample_size/alpha"),
        (EXPERIMENT, "baseline: 0.33", ".nan", "/primary_metric/baseline"),
        (
            EXPERIMENT,
            "relative: 0.02",
            ".inf",
            "/primary_metric/minimum_detectable_effect/relative",
        ),
        (EXPERIMENT, "allocation: 1.0", ".inf", "/traffic/allocation"),
        (MODEL, "p95: 120", ".nan", "/latency_budget_ms/p95"),
        (MODEL, "timeout_ms: 300", "1.0e+400", "/timeout_ms"),
    ],
)
def test_cl003_a_number_must_be_finite(lint_text, base, old, new, pointer):
    # JSON Schema lets NaN and the infinities pass as numbers; every rule would compute
    # nonsense with them (or crash), so the schema stage reports them, and only it.
    assert old in base
    field = old.split(":")[0]
    [finding] = lint_text(base.replace(old, f"{field}: {new}", 1))
    assert (finding.code, finding.pointer) == ("CL003", pointer)
    assert finding.message.endswith(f"must be a finite number, not `{new}`")


def test_cl003_a_mean_with_a_spread_that_is_not_a_number(lint_text):
    # Not also CL203 ("a mean without a numeric std_dev"), nor CL302 silently sizing it.
    primary = "{name: m, type: mean, baseline: 3, std_dev: .nan, "
    primary += "minimum_detectable_effect: {absolute: 1}}"
    assert located(lint_text(edit(EXPERIMENT, primary_metric=primary))) == [("CL003", 6, 61)]


def test_cl003_a_number_must_be_finite_in_json(lint_text):
    text = '{"kind": "model-contract", "name": "x", "throughput_rps": 1e999}'
    findings = [f for f in lint_text(text, "c.json") if f.code == "CL003"]
    assert [f.message for f in findings] == [
        "`throughput_rps` must be a finite number, not `1e999`"
    ]


@pytest.mark.parametrize(
    "field, value, words",
    [
        (
            "timeout_ms",
            "on",
            "`timeout_ms` must be a number, not `on` (YAML 1.1 reads `on` as the boolean true)",
        ),
        (
            "latency_budget_ms",
            "{p50: 50, p95: 1e12}",
            "`latency_budget_ms.p95` must be a number, not the string `1e12`; YAML 1.1 reads it "
            "as text: write `1.0e+12`",
        ),
    ],
)
def test_cl003_says_what_yaml_1_1_made_of_a_value(lint_text, field, value, words):
    [finding] = lint_text(edit(MODEL, **{field: value}))
    assert finding.message == words


def test_cl003_says_yaml_1_1_read_a_status_as_a_boolean(lint_text):
    text = CHECKLIST.replace("status: n/a, reason", "status: yes, reason")
    [finding] = lint_text(text)
    assert finding.message == (
        "`items[5].status` must be one of done, todo, n/a, not `yes` (YAML 1.1 reads `yes` as "
        "the boolean true)"
    )


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


@pytest.mark.parametrize(
    "fields, pointer",
    [
        ({"fallback": None}, ""),  # absent: the document
        ({"fallback": "{feature_flag: f}"}, "/fallback"),  # no strategy: the fallback
        ({"fallback": "null"}, "/fallback"),  # a null: the null
        ({"latency_budget_ms": "{p50: 50}"}, "/latency_budget_ms"),
    ],
)
def test_a_finding_about_a_missing_field_names_the_mapping_that_should_hold_it(
    lint_text, fields, pointer
):
    # The JSON output's pointer (and so a baseline's key) is that of the mapping, as the
    # line and column are: the field itself is nowhere in the document.
    [finding] = [f for f in lint_text(edit(MODEL, **fields)) if f.code in ("CL101", "CL103")]
    assert finding.pointer == pointer


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


# Every numeric field of these documents, set to each extreme but finite value, and to
# an integer too large for a float.
EXTREMES = (0, -1, 1e-300, 5e-324, -1e-300, 1e300, -1e300, 1.7976931348623157e308, 10**400)
RICH_PLAN = (
    edit(
        EXPERIMENT,
        guardrails="[{metric: unsubscribe_rate, baseline: 0.002, max_regression: 0.3}, "
        "{metric: spam_rate, type: mean, baseline: 2.0, std_dev: 1.5, max_regression: 0.1}]",
        stopping_rule="sequential\nsequential_method: obrien_fleming",
        interim_looks="2",
    )
    + "variance_reduction: {method: cuped, correlation: 0.5}\ninflation_factor: 1.2\n"
)
EXTREME_BASES = {
    "model": MODEL,
    "plan": RICH_PLAN,
    "mean": RICH_PLAN.replace(
        "type: proportion, baseline: 0.33", "type: mean, baseline: 10, std_dev: 2"
    ),
    "absolute": RICH_PLAN.replace("{relative: 0.02}", "{absolute: 0.01}"),
    "problem": PROBLEM,
}


@pytest.mark.parametrize("name", list(EXTREME_BASES))
def test_cl000_no_rule_crashes_on_an_extreme_number(lint_text, name):
    value = yaml.safe_load(EXTREME_BASES[name])
    crashed = []
    for path in _paths(value):
        node = value
        for key in path:
            node = node[key]
        if isinstance(node, bool) or not isinstance(node, (int, float)):
            continue
        for number in EXTREMES:
            for finding in lint_text(_with(value, path, number)):
                if finding.code == "CL000" or len(finding.message) > 160:
                    crashed.append((path, number, finding.message))
    assert not crashed


def test_cl000_when_the_check_raises_before_yielding(lint_text, monkeypatch):
    def not_a_generator(document, options):
        raise KeyError("fallback")

    _with_crashing_cl101(monkeypatch, not_a_generator)
    findings = lint_text(MODEL)
    assert located(findings) == [("CL000", 1, 1)]
    assert "KeyError" in findings[0].message


# --------------------------------------------------------------------------- explain


def test_rules_summary_of_cl313_is_the_specs():
    assert BY_CODE["CL313"].summary == (
        "a metric's `unit` differs from `unit_of_randomization`, or its type is `ratio`, "
        "and no `variance_method` (other than `none`) is given: the naive variance is too small"
    )


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("CL604", "else the git top level, else the current directory"),  # SPEC 1.5
        ("CL000", "There is no failing example: no document should make a rule crash"),
        ("CL006", "Failing example # saved in Latin-1, not UTF-8"),
        ("CL006", "Passing example # saved in UTF-8"),
    ],
)
def test_explain_says_it(code, words):
    assert words in " ".join(explain.as_text(BY_CODE[code]).split())
