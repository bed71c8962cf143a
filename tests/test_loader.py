"""Stage "load": text -> documents (SPEC sections 1, 2 and 7).

Several documents per file, foreign and misspelled kinds, duplicate keys,
anchors/aliases/merge keys, syntax errors at the parser's position, YAML 1.1
ambiguous scalars, unsafe tags that must never run, and the safety limits.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import codes, located

OWNERS = "owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}\n"
FALLBACK = "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}\n"
BUDGET = "latency_budget_ms: {p50: 50, p95: 120}\ntimeout_ms: 300\n"
# The rest of a complete contract (SPEC 1.1): lines 7-14 of CLEAN.
REST = (
    "endpoint: /v1/rank\n"
    "request: {user_id: string, candidate_item_ids: [string], context_ts: ISO-8601}\n"
    "response: {ranked_item_ids: [string], scores: [0.0], model_version: string}\n"
    "throughput_rps: 400\n"
    "monitoring: [score_distribution, ctr_by_bucket, latency_p95]\n"
    "retraining_trigger: weekly_or_ctr_drop_2pct\n"
    "rollback: redeploy the previous model_version behind the ranking flag\n"
    "logging: [request_id, user_id, model_version, scores]\n"
)

# A complete model contract: it raises nothing. Lines 1-6 are the fields the
# tests below change; text appended to CLEAN starts on line N + 1.
CLEAN = "kind: model-contract\nname: ranking-service\n" + OWNERS + FALLBACK + BUDGET + REST
N = CLEAN.count("\n")

# A complete experiment plan (SPEC 1.2, without the `contract` reference);
# its guardrails are lines 4-5.
EXPERIMENT = (
    "kind: experiment-plan\n"
    "name: email-subject-personalization\n" + OWNERS + "guardrails:\n"
    "  - {metric: unsubscribe_rate, max_regression: 0.3}\n"
    "hypothesis: personalized subject lines raise the open rate\n"
    "primary_metric:\n"
    "  name: open_rate\n"
    "  type: proportion\n"
    "  baseline: 0.33\n"
    "  minimum_detectable_effect: {relative: 0.02}\n"
    "  direction: increase\n"
    "unit_of_randomization: user\n"
    "arms: 2\n"
    "sample_size: {per_arm: 82000, alpha: 0.05, power: 0.8, alternative: two-sided}\n"
    "duration_days: 14\n"
    "traffic: {daily_units: 20000, allocation: 1.0}\n"
    "stopping_rule: fixed_horizon\n"
    "interim_looks: 0\n"
    "decision_rule: {ship_if: lift >= 2% with 95% CI, threshold: 0.02, confidence: 0.95}\n"
    "data_quality: [bounces, client_blocking, srm_chi_square]\n"
)
EXPERIMENT_GUARDRAILS = "guardrails:\n  - {metric: unsubscribe_rate, max_regression: 0.3}\n"


def test_clean_documents_are_clean(lint_text):
    assert lint_text(CLEAN) == []
    assert lint_text(EXPERIMENT) == []
    assert lint_text(CLEAN + "---\n" + EXPERIMENT) == []


# --------------------------------------------------------------------------- documents


def test_several_documents_per_file(lint_text):
    second = CLEAN.replace(FALLBACK, "fallback: TBD\n")  # fallback on its line 4
    third = EXPERIMENT.replace(EXPERIMENT_GUARDRAILS, "guardrails: []\n")  # on its line 4
    text = CLEAN + "---\n" + second + "---\n" + third
    second_start = N + 2
    third_start = second_start + N + 1
    assert located(lint_text(text)) == [
        ("CL101", second_start + 3, 11),
        ("CL201", third_start + 3, 13),
    ]


def test_document_end_marker_and_leading_comments(lint_text):
    text = "# a header comment\n%YAML 1.1\n---\n" + CLEAN + "...\n---\n" + CLEAN
    assert lint_text(text) == []


def test_empty_documents_and_empty_file(lint_text):
    assert lint_text("") == []
    assert lint_text("---\n---\n...\n") == []
    assert lint_text("# only a comment\n") == []
    assert lint_text("", "empty.json") == []
    assert lint_text("  \n\t\n", "blank.json") == []


def test_syntax_error_in_a_later_document_keeps_earlier_findings(lint_text):
    text = CLEAN.replace(FALLBACK, "fallback: TBD\n") + "---\nkind: [\n"
    assert located(lint_text(text)) == [("CL101", 4, 11), ("CL001", N + 3, 1)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("- a\n- b\n", id="list"),
        pytest.param("just a string\n", id="scalar"),
        pytest.param("name: x\nfallback: TBD\n", id="no-kind"),
        pytest.param("kind: 42\nname: x\n", id="kind-not-a-string"),
        pytest.param("kind: null\nname: x\n", id="kind-null"),
        pytest.param("kind: [model-contract]\nname: x\n", id="kind-a-list"),
        pytest.param("kind:\nname: x\n", id="kind-empty"),
    ],
)
def test_documents_that_are_not_contracts_are_skipped(lint_text, text):
    assert lint_text(text) == []


FOREIGN = [
    pytest.param(
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "metadata: {name: ranking, name: dup}\n"  # duplicate key
        "spec:\n"
        "  replicas: -1\n"  # would be a schema violation
        "  paused: no\n"  # ambiguous scalar
        "  version: 1.10\n"
        "  owner: TBD\n"  # placeholder
        "  fallbak: x\n",  # unknown field
        id="Deployment",
    ),
    pytest.param(
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "data:\n"
        "  timeout_ms: TBD\n"
        "  timeout_ms: 3000\n"
        "  enabled: on\n"
        "  mode: 0755\n",
        id="ConfigMap",
    ),
    pytest.param("kind: Kustomization\nresources: [a.yaml]\nname: ''\n", id="Kustomization"),
    pytest.param("kind: Pod\nspec: {containers: []}\n", id="Pod"),
    pytest.param("kind: Service\n", id="Service"),
    pytest.param("kind: Secret\nstringData: {password: TBD}\n", id="Secret"),
    pytest.param("kind: Contract\nname: x\n", id="Contract"),
    pytest.param("kind: Experiment\nname: x\n", id="Experiment"),
    pytest.param("kind: Workflow\nname: x\n", id="Workflow"),
]


@pytest.mark.parametrize("text", FOREIGN)
def test_foreign_kinds_are_skipped_silently(lint_text, text):
    assert lint_text(text) == []


def test_foreign_documents_next_to_ours(lint_text):
    foreign = FOREIGN[0].values[0]
    text = foreign + "---\n" + CLEAN.replace(FALLBACK, "fallback: TBD\n")
    start = foreign.count("\n") + 2  # the line of `kind: model-contract`
    assert located(lint_text(text)) == [("CL101", start + 3, 11)]


@pytest.mark.parametrize(
    "tagged",
    [
        "!!bool maybe",  # PyYAML: a KeyError
        "!!timestamp weekly",  # PyYAML: an AttributeError
        "!!int abc",  # PyYAML: a ValueError
        "!!float x",
    ],
)
def test_a_bad_value_under_a_yaml_type_tag_is_cl001_at_the_value(lint_text, tagged):
    found = lint_text(f"kind: model-contract\nname: x\nrollback: {tagged}\n")
    assert "CL000" not in codes(found)
    assert [(f.line, f.column) for f in found if f.code == "CL001"] == [(3, 11)]
    assert "is not a valid" in next(f.message for f in found if f.code == "CL001")


def test_a_bad_tagged_value_in_a_foreign_document_does_not_stop_the_contract(lint_text):
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  on: !!bool maybe\n---\n" + CLEAN
    assert lint_text(text) == []


def test_foreign_json_is_skipped(lint_text):
    text = '{"kind": "Deployment", "spec": {"replicas": -1, "replicas": 2}}'
    assert lint_text(text, "deploy.json") == []


@pytest.mark.parametrize(
    "kind, suggestion",
    [
        ("ModelContract", "model-contract"),
        ("model_contract", "model-contract"),
        ("model-contrat", "model-contract"),
        ("Experiment-Plan", "experiment-plan"),
        ("experiment_plan", "experiment-plan"),
        ("ProblemFraming", "problem-framing"),
        ("acceptance-checklst", "acceptance-checklist"),
        ("Acceptance Checklist", "acceptance-checklist"),
        ("MODEL-CONTRACT", "model-contract"),
        ("model-contracts", "model-contract"),
    ],
)
def test_misspelled_kinds_are_cl002_with_the_suggestion(lint_text, kind, suggestion):
    findings = lint_text(f"kind: {kind}\nname: x\n")
    cl002 = [f for f in findings if f.code == "CL002"]
    assert located(cl002) == [("CL002", 1, 7)]
    assert cl002[0].end_column == 7 + len(kind)
    assert f"`{suggestion}`" in cl002[0].message
    assert kind in cl002[0].message
    assert cl002[0].name == "unknown-kind"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("apiVersion: ml.acme.io/v1\nkind: ModelContract\nmetadata: {name: r}\n", "cr.yaml"),
        ('{"apiVersion": "ml.acme.io/v1", "kind": "ExperimentPlan"}', "cr.json"),
    ],
)
def test_a_kubernetes_resource_of_a_kind_like_ours_is_no_misspelling(lint_text, text, name):
    """SPEC 1 reports `ModelContract` as CL002; a document with `apiVersion` is a
    Kubernetes object (a custom resource an operator defines), not a mistyped contract."""
    assert lint_text(text, name) == []


def test_a_contract_with_an_api_version_is_still_linted(lint_text):
    assert "CL101" in codes(lint_text("apiVersion: v1\nkind: model-contract\nname: x\n"))


def test_misspelled_kind_in_json(lint_text):
    findings = lint_text('{\n  "kind": "modelContract",\n  "name": "x"\n}\n', "c.json")
    cl002 = [f for f in findings if f.code == "CL002"]
    assert located(cl002) == [("CL002", 2, 11)]
    assert "`model-contract`" in cl002[0].message


def test_misspelled_kind_in_a_later_document(lint_text):
    text = CLEAN + "---\nname: y\nkind: model_contract\n"
    assert located(lint_text(text)) == [("CL002", N + 3, 7)]


# --------------------------------------------------------------------------- duplicate keys


def test_duplicate_key_yaml_at_the_second_key(lint_text):
    text = CLEAN + "timeout_ms: 3000\n"
    findings = lint_text(text)
    assert located(findings) == [("CL004", N + 1, 1)]
    assert findings[0].end_column == 11
    assert "timeout_ms" in findings[0].message
    assert "line 6" in findings[0].message


def test_duplicate_key_yaml_nested_flow_mapping(lint_text):
    text = CLEAN.replace(OWNERS, "owners: {scope: a@x.com, feasibility: b, scope: c, method: d}\n")
    assert located(lint_text(text)) == [("CL004", 3, 42)]


def test_duplicate_key_yaml_nested_block_mapping(lint_text):
    text = CLEAN.replace(
        FALLBACK,
        "fallback:\n  strategy: serve_most_popular\n  feature_flag: f\n    \n  strategy: other\n",
    )
    assert located(lint_text(text)) == [("CL004", 8, 3)]


def test_duplicate_key_yaml_three_times(lint_text):
    text = CLEAN + "timeout_ms: 3000\ntimeout_ms: 500\n"
    assert located(lint_text(text)) == [("CL004", N + 1, 1), ("CL004", N + 2, 1)]


def test_duplicate_key_json_at_the_second_key(lint_text):
    text = json.dumps(JSON_CLEAN, indent=2)
    assert lint_text(text, "c.json") == []
    text = text.replace('  "timeout_ms": 300,\n', '  "timeout_ms": 300,\n  "timeout_ms": 3000,\n')
    first = text.split("\n").index('  "timeout_ms": 300,') + 1
    findings = lint_text(text, "c.json")
    assert located(findings) == [("CL004", first + 1, 3)]
    assert findings[0].end_column == 15  # the key with its quotes
    assert f"line {first}" in findings[0].message


def test_duplicate_key_json_nested(lint_text):
    text = (
        '{"kind": "model-contract", "name": "x",\n'
        ' "owners": {"scope": "a", "feasibility": "b", "method": "c", "scope": "d"}}\n'
    )
    assert ("CL004", 2, 62) in located(lint_text(text, "c.json"))


def test_same_key_in_different_mappings_is_not_a_duplicate(lint_text):
    text = CLEAN + "x-a: {name: 1}\nx-b: {name: 2}\n"
    assert lint_text(text) == []


# --------------------------------------------------------------------------- anchors, merges


def test_alias_values_work(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-fallback: &fb {strategy: serve_most_popular, feature_flag: ranking_fallback}\n"
        "fallback: *fb\n"
        "owners: &owners {scope: pm@example.com, feasibility: eng, method: ds}\n"
        "x-owners-again: *owners\n" + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_single(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-owners: &owners\n"
        "  scope: pm@example.com\n"
        "  feasibility: eng@example.com\n"
        "  method: ds@example.com\n"
        "owners:\n"
        "  <<: *owners\n" + FALLBACK + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_explicit_keys_override_without_cl004(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-owners: &owners\n"
        "  scope: pm@example.com\n"
        "  feasibility: eng@example.com\n"
        "  method: TBD\n"
        "owners:\n"
        "  <<: *owners\n"
        "  method: ds@example.com\n" + FALLBACK + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_explicit_override_is_what_rules_see(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-budget: &budget {p50: 50, p95: 120}\n"
        "latency_budget_ms:\n"
        "  <<: *budget\n"
        "  p95: 40\n"  # overrides 120: now below p50
        "timeout_ms: 300\n" + OWNERS + FALLBACK + REST
    )
    # p50 was merged: it is located in the anchor (line 3), not at the `<<` key.
    assert located(lint_text(text)) == [("CL104", 3, 25)]


def test_merged_keys_are_located_in_the_anchor(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-owners: &owners\n"
        "  scope: TBD\n"
        "  feasibility: eng@example.com\n"
        "  method: ds@example.com\n"
        "owners:\n"
        "  <<: *owners\n" + FALLBACK + BUDGET + REST
    )
    findings = lint_text(text)
    assert located(findings) == [("CL401", 4, 10)]
    assert findings[0].end_column == 13


def test_merge_key_list(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-a: &a {scope: pm@example.com}\n"
        "x-b: &b {feasibility: eng@example.com, method: ds@example.com}\n"
        "owners:\n"
        "  <<: [*a, *b]\n" + FALLBACK + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_list_with_explicit_override(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-a: &a {scope: TBD, feasibility: eng@example.com}\n"
        "x-b: &b {method: TBD}\n"
        "owners:\n"
        "  <<: [*a, *b]\n"
        "  scope: pm@example.com\n"
        "  method: ds@example.com\n" + FALLBACK + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_list_earlier_source_wins(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-a: &a {scope: TBD, feasibility: eng@example.com}\n"
        "x-b: &b {scope: pm@example.com, method: ds@example.com, feasibility: TBD}\n"
        "owners:\n"
        "  <<: [*a, *b]\n" + FALLBACK + BUDGET + REST
    )
    # The merge-key spec (yaml.org/type/merge.html): "keys in mapping nodes earlier in
    # the sequence override keys specified in later mapping nodes", so owners ==
    # {scope: TBD, feasibility: eng@example.com, method: ds@example.com}. (PyYAML 6.0.3
    # agrees; PyYAML 6.0.4's safe_load lets the later mapping win, so it is not asked.)
    assert located(lint_text(text)) == [("CL401", 3, 17)]


def test_merge_key_in_a_flow_mapping(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "x-o: &o {scope: pm@example.com, feasibility: eng@example.com}\n"
        "owners: {<<: *o, method: ds@example.com}\n" + FALLBACK + BUDGET + REST
    )
    assert lint_text(text) == []


def test_merge_key_of_a_scalar_is_invalid(lint_text):
    text = CLEAN + "x-m:\n  <<: not-a-mapping\n"
    findings = lint_text(text)
    assert located(findings) == [("CL001", N + 2, 7)]


def test_duplicate_key_in_an_anchor_is_reported_once(lint_text):
    text = CLEAN + "x-a: &a {k: 1, k: 2}\nx-b: *a\nx-c: *a\n"
    assert located(lint_text(text)) == [("CL004", N + 1, 16)]


def test_unknown_tag_in_an_anchor_is_read_plain_and_reported_once(lint_text):
    # SPEC 1: an unknown tag is never a finding; the value under it is read as if the
    # tag were not there, here through two aliases: `fallback` is the placeholder `TBD`.
    text = CLEAN.replace(FALLBACK, "x-fb: &fb !!python/name:os.system TBD\nfallback: *fb\n")
    text += "x-again: *fb\n"
    assert located(lint_text(text)) == [("CL101", 4, 7)]
    text = CLEAN + "x-a: &a {k: !!python/name:os.system }\nx-b: *a\n"
    assert lint_text(text) == []


def test_duplicate_key_in_an_anchor_used_once(lint_text):
    text = CLEAN + "x-a: &a {k: 1, k: 2}\n"
    assert located(lint_text(text)) == [("CL004", N + 1, 16)]


def test_undefined_alias_is_a_syntax_error(lint_text):
    findings = lint_text(CLEAN + "x-a: *nowhere\n")
    assert located(findings) == [("CL001", N + 1, 6)]


# --------------------------------------------------------------------------- syntax errors


def test_cl001_unclosed_flow_mapping(lint_text):
    text = (
        "kind: model-contract\n"
        "name: ranking-service\n"
        "latency_budget_ms: {p50: 50, p95: 120\n"
        "timeout_ms: 300\n"
    )
    findings = lint_text(text)
    assert located(findings) == [("CL001", 4, 11)]
    assert findings[0].name == "invalid-syntax"
    assert "flow mapping" in findings[0].message


def test_cl001_unclosed_flow_mapping_at_end_of_file(lint_text):
    text = "kind: model-contract\nname: x\nlatency_budget_ms: {p50: 50, p95: 120\n"
    assert located(lint_text(text)) == [("CL001", 4, 1)]


def test_cl001_bad_indentation(lint_text):
    text = "kind: model-contract\nname: x\nowners:\n  scope: a\n feasibility: b\n"
    assert located(lint_text(text)) == [("CL001", 5, 2)]


def test_cl001_over_indented_key(lint_text):
    text = "kind: model-contract\nname: x\nowners:\n  scope: a\n    feasibility: b\n"
    assert located(lint_text(text)) == [("CL001", 5, 16)]


def test_cl001_unclosed_quote(lint_text):
    assert located(lint_text('kind: model-contract\nname: "x\n')) == [("CL001", 3, 1)]


def test_cl001_tab_indentation_in_yaml(lint_text):
    findings = lint_text("kind: model-contract\nowners:\n\tscope: a\n")
    assert located(findings) == [("CL001", 3, 1)]


def test_cl001_json_trailing_comma(lint_text):
    text = '{"kind": "model-contract", "name": "x",}'
    findings = lint_text(text, "c.json")
    assert located(findings) == [("CL001", 1, 40)]
    assert "JSON" in findings[0].message


def test_cl001_json_trailing_comma_multiline(lint_text):
    text = '{\n  "kind": "model-contract",\n  "name": "x",\n}\n'
    assert located(lint_text(text, "c.json")) == [("CL001", 4, 1)]


def test_cl001_json_trailing_comma_in_array(lint_text):
    text = '{"kind": "model-contract",\n "monitoring": ["a", "b",]}'
    assert located(lint_text(text, "c.json")) == [("CL001", 2, 26)]


def test_cl001_json_missing_colon(lint_text):
    text = '{"kind": "model-contract", "name" "x"}'
    findings = lint_text(text, "c.json")
    assert located(findings) == [("CL001", 1, 35)]
    assert "':'" in findings[0].message


def test_cl001_json_missing_colon_multiline(lint_text):
    text = '{\n  "kind": "model-contract",\n  "name"\n    "x"\n}\n'
    assert located(lint_text(text, "c.json")) == [("CL001", 4, 5)]


@pytest.mark.parametrize(
    "text, position",
    [
        pytest.param('{"kind": "model-contract"', (1, 25), id="unclosed-object"),
        pytest.param("{'kind': 'model-contract'}", (1, 2), id="single-quotes"),
        pytest.param('{"kind": model-contract}', (1, 10), id="bare-word"),
        pytest.param('{"kind": "model-contract"} {"b": 2}', (1, 28), id="two-values"),
        pytest.param('{"kind": "model-contract", "a": NaN}', (1, 33), id="nan"),
        pytest.param('{"kind": "model-contract", "a": 01}', (1, 34), id="leading-zero"),
        pytest.param('// comment\n{"kind": "model-contract"}', (1, 1), id="comment"),
    ],
)
def test_cl001_json_other_errors(lint_text, text, position):
    findings = lint_text(text, "c.json")
    assert codes(findings) == ["CL001"]
    assert (findings[0].line, findings[0].column) == position


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"a": 1} {"b": 2}', id="two-values"),
        pytest.param('{"a": NaN}', id="nan"),
        pytest.param('{"a": 01}', id="leading-zero"),
        pytest.param('// comment\n{"a": 1}', id="comment"),
        pytest.param('{"kind": "Deployment",', id="someone-elses-kind"),
        pytest.param('{"name": "model-contract",', id="our-kind-not-under-kind"),
    ],
)
def test_broken_json_without_a_contract_kind_is_silent(lint_text, text):
    # SPEC 1: JSONC, NDJSON and broken fixtures that hold no kind of ours get no finding.
    assert lint_text(text, "c.json") == []


@pytest.mark.parametrize("char", ["\x0c", "\x07", "\x1b"], ids=["form-feed", "bel", "escape"])
def test_cl001_control_character_at_its_position(lint_text, char):
    findings = lint_text(f"kind: model-contract\nname: x{char}\n")
    assert located(findings) == [("CL001", 2, 8)]
    assert "\n" not in findings[0].message
    assert "<unicode string>" not in findings[0].message


def test_cl001_is_never_an_exception_for_yaml_in_a_json_file(lint_text):
    findings = lint_text("kind: model-contract\nname: x\n", "c.json")
    assert located(findings) == [("CL001", 1, 1)]


# --------------------------------------------------------------------------- CL005


def _contract_with(line: str) -> str:
    return "kind: model-contract\n" + line + "\n" + OWNERS + FALLBACK + BUDGET + REST


@pytest.mark.parametrize(
    "line, written, column",
    [
        ("name: x\nversion: 1.10", "1.10", 10),
        ("name: no", "no", 7),
        ("name: x\nversion: 0755", "0755", 10),
        ("name: x\nversion: 1:30", "1:30", 10),
        ("name: x\nversion: 2026-01-01", "2026-01-01", 10),
        ("name: x\nversion: on", "on", 10),
        ("name: x\nversion: 1.0", "1.0", 10),
        ("name: x\ndescription: yes", "yes", 14),
        ("name: x\nversion: 1_000", "1_000", 10),
    ],
)
def test_cl005_ambiguous_scalars(lint_text, line, written, column):
    findings = lint_text(_contract_with(line))
    row = line.count("\n") + 2
    assert located(findings) == [("CL005", row, column)]
    assert findings[0].end_column == column + len(written)
    assert f"`{written}`" in findings[0].message
    assert f'"{written}"' in findings[0].message  # the quoted fix
    assert findings[0].severity.value == "warning"


def test_cl005_message_keeps_the_trailing_zero(lint_text):
    message = lint_text(_contract_with("name: x\nversion: 1.10"))[0].message
    assert "1.10" in message
    # Every mention of the version as text keeps `1.10`; only the value read may say 1.1.
    assert "`1.1`" not in message and '"1.1"' not in message


def test_cl005_owner_read_as_a_number(lint_text):
    text = (
        "kind: model-contract\nname: x\n"
        "owners: {scope: 1234, feasibility: eng, method: ds}\n" + FALLBACK + BUDGET + REST
    )
    assert located(lint_text(text)) == [("CL005", 3, 17)]


@pytest.mark.parametrize(
    "line",
    [
        'name: x\nversion: "1.10"',
        "name: 'no'",
        "name: x\nversion: '0755'",
        'name: x\nversion: "1:30"',
        'name: x\nversion: "2026-01-01"',
        "name: x\nversion: v1.10",
        "name: x\nversion: 1.10.0",
        "name: x\nversion: 1e3",  # YAML 1.1 floats need a dot: this is a string
        "name: x\ndescription: >-\n  1.10",
    ],
)
def test_cl005_quoted_or_unambiguous_values_raise_nothing(lint_text, line):
    assert lint_text(_contract_with(line)) == []


def test_cl005_not_for_fields_that_are_numbers(lint_text):
    # `timeout_ms: 300` is meant as a number: no CL005.
    assert lint_text(CLEAN) == []


# --------------------------------------------------------------------------- unsafe tags


# SPEC 1 and 7: an unknown tag never breaks a file and is never a finding; in a contract
# the value under it is read as the plain scalar, sequence or mapping, and no tag ever
# constructs an object or runs code.


def test_python_tag_is_read_as_the_plain_sequence_and_never_runs(lint_text, tmp_path):
    marker = tmp_path / "pwned"
    evil = f'!!python/object/apply:os.system ["touch {marker}"]'
    assert lint_text(CLEAN + f"x-evil: {evil}\n") == []  # a list in an `x-` field: fine
    findings = lint_text(CLEAN.replace(FALLBACK, f"fallback: {evil}\n"))
    assert not marker.exists()
    # `fallback` is read as the list ["touch ..."]: the schema wants a string or mapping.
    assert located(findings) == [("CL003", 4, 11)]
    assert "not a list" in findings[0].message


def test_python_tag_on_the_kind_never_runs(lint_text, tmp_path):
    marker = tmp_path / "pwned"
    text = f'kind: !!python/object/apply:os.system ["touch {marker}"]\nname: x\n'
    assert lint_text(text) == []  # its kind is no kind of ours: not a contract
    # The same document in a file that is a candidate (its second document) is parsed.
    findings = lint_text(text + "---\n" + CLEAN.replace(FALLBACK, "fallback: TBD\n"))
    assert located(findings) == [("CL101", 7, 11)]
    assert not marker.exists()


def test_python_tag_on_a_kind_of_ours_is_read_as_the_plain_kind(lint_text):
    text = CLEAN.replace("kind: model-contract", "kind: !!python/name:os.system model-contract")
    assert lint_text(text) == []  # a complete model contract
    text = text.replace(FALLBACK, "fallback: TBD\n")
    assert located(lint_text(text)) == [("CL101", 4, 11)]


def test_python_tag_at_top_level_never_runs(lint_text, tmp_path):
    marker = tmp_path / "pwned"
    assert lint_text(f'!!python/object/apply:os.system ["touch {marker}"]\n') == []
    assert lint_text(f'!!python/object/apply:subprocess.call [["touch", "{marker}"]]\n') == []
    # ...nor as a document of a file that holds a contract (so the file is parsed).
    contract = CLEAN.replace(FALLBACK, "fallback: TBD\n") + "---\n"
    findings = lint_text(contract + f'!!python/object/apply:os.system ["touch {marker}"]\n')
    assert located(findings) == [("CL101", 4, 11)]
    findings = lint_text(
        contract + f'--- !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'
    )
    assert located(findings) == [("CL101", 4, 11)]
    assert not marker.exists()


def test_python_tag_on_a_mapping_is_read_as_the_plain_mapping_and_never_runs(lint_text, tmp_path):
    marker = tmp_path / "pwned"
    evil = f"!!python/object/new:subprocess.Popen\n  args: [[touch, {marker}]]\n"
    assert lint_text(CLEAN + f"x-evil: {evil}") == []
    findings = lint_text(CLEAN.replace(FALLBACK, f"fallback: {evil}"))
    assert not marker.exists()
    # `fallback` is the mapping {args: [...]}: no strategy, no flag, an unknown field.
    assert located(findings) == [("CL101", 4, 11), ("CL102", 4, 11), ("CL003", 5, 3)]
    assert "`args`" in findings[2].message


def full(findings: list) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.line, f.column, f.message) for f in findings]


TAGS = ["!!python/name:os.system", "!!python/module:os", "!custom", "!!python/tuple", "!vault"]


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize(
    "field, value",
    [
        pytest.param("fallback", "[a]", id="sequence"),  # CL003: a list
        pytest.param("fallback", "TBD", id="scalar"),  # CL101: a placeholder
        pytest.param("fallback", "{strategy: x}", id="mapping"),  # CL102: no flag
        pytest.param("timeout_ms", "'300'", id="quoted"),  # CL003: a string
        pytest.param("timeout_ms", "30", id="plain-int"),  # CL104: under p95 (120)
    ],
)
def test_other_tags_are_read_as_the_plain_node(lint_text, tag, field, value):
    line = FALLBACK if field == "fallback" else "timeout_ms: 300\n"
    plain = lint_text(CLEAN.replace(line, f"{field}: {value}\n"))
    tagged = lint_text(CLEAN.replace(line, f"{field}: {tag} {value}\n"))
    assert plain  # the comparison means something
    assert "CL001" not in codes(tagged)
    # The same findings at the same places (a tagged node starts at its tag).
    assert full(tagged) == full(plain)


def test_tagged_scalar_is_read_as_the_plain_scalar(lint_text):
    text = CLEAN.replace("name: ranking-service", "name: !!python/name:os.system ranking")
    assert lint_text(text) == []
    text = CLEAN.replace("timeout_ms: 300", "timeout_ms: !Ref 300")
    assert lint_text(text) == []  # 300, a number
    text = CLEAN.replace("timeout_ms: 300", "timeout_ms: !Ref '300'")
    findings = lint_text(text)
    assert codes(findings) == ["CL003"]  # quoted: the string `300`
    assert "not the string `300`" in findings[0].message
    text = CLEAN.replace(FALLBACK, "fallback: !!python/name:os.system TBD\n")
    assert codes(lint_text(text)) == ["CL101"]  # reported once, as the placeholder it is


def test_standard_tags_are_fine(lint_text):
    text = CLEAN + 'x-a: !!str 1.10\nx-b: !!int "3"\nx-c: !!float "1.5"\nx-d: !!binary aGk=\n'
    assert lint_text(text) == []


# --------------------------------------------------------------------------- limits


def _billion_laughs(kind: str) -> str:
    """The alias bomb, its ``kind`` first, last (after the bomb) or absent."""
    lines = ["kind: model-contract", "name: x"] if kind == "first" else []
    lines.append('a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]')
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append("x-bomb: *a9")
    if kind == "last":
        lines.append("kind: model-contract")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["first", "last"], ids=["contract", "kind-last"])
def test_billion_laughs_is_cl007_quickly(lint_text, kind):
    started = time.perf_counter()
    findings = lint_text(_billion_laughs(kind))
    elapsed = time.perf_counter() - started
    assert "CL007" in codes(findings)
    assert elapsed < 5
    cl007 = next(f for f in findings if f.code == "CL007")
    assert "alias" in cl007.message


def test_billion_laughs_without_a_contract_is_silent_and_never_expanded(lint_text):
    # SPEC 1: not a candidate, so it is not parsed at all: no finding, no time spent.
    started = time.perf_counter()
    assert lint_text(_billion_laughs("none")) == []
    assert time.perf_counter() - started < 5


def test_alias_limit_is_configurable(lint_text):
    from conftest import make_config

    text = CLEAN + "x-a: &a [1, 2, 3]\nx-b: [*a, *a, *a, *a]\n"
    assert lint_text(text) == []
    findings = lint_text(text, config=make_config(max_alias_nodes=2))
    assert codes(findings) == ["CL007"]


def test_nesting_limit_yaml(lint_text):
    ok = CLEAN + "x-deep: " + "[" * 60 + "]" * 60 + "\n"
    assert lint_text(ok) == []
    deep = CLEAN + "x-deep: " + "[" * 100 + "]" * 100 + "\n"
    assert codes(lint_text(deep)) == ["CL007"]


def test_nesting_limit_block_yaml(lint_text):
    nested = "".join(" " * i + f"k{i}:\n" for i in range(100))
    findings = lint_text(CLEAN + "x-deep:\n" + " " + nested.replace("\n", "\n ").rstrip() + "\n")
    assert codes(findings) == ["CL007"]


def test_nesting_limit_json(lint_text):
    deep = '{"kind": "model-contract", "x": ' + "[" * 100 + "]" * 100 + "}"
    findings = lint_text(deep, "c.json")
    assert codes(findings) == ["CL007"]


BOMB = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcd", "bcde")
)


def test_a_bomb_in_someone_elses_document_next_to_a_contract_is_theirs(lint_text):
    """SPEC 1: in a YAML stream only the documents whose kind is ours are linted."""
    text = CLEAN + "---\n" + BOMB + "---\n" + CLEAN
    assert lint_text(text) == []
    assert codes(lint_text(CLEAN + "---\nkind: experiment-plan\n" + BOMB)) == ["CL007"]
    assert codes(lint_text(CLEAN + "---\nkind: ModelContract\n" + BOMB)) == ["CL007"]


def test_json_too_deep_is_cl007_only_when_its_top_level_kind_is_ours(lint_text):
    deep = "[" * 100 + "]" * 100
    example = '{"examples": [{"kind": "model-contract", "name": "x"}], "tree": ' + deep + "}"
    assert lint_text(example, "data.json") == []  # a contract inside, as an example
    assert codes(lint_text('{"kind": "model_contract", "x": ' + deep + "}", "c.json")) == ["CL007"]


@settings(max_examples=300, deadline=None)
@given(
    document=st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6)),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["kind", "a", 'k"ind', "kind "]), inner, max_size=3),
        ),
        max_leaves=12,
    )
)
def test_the_top_level_kind_read_without_building_is_jsons(document):
    from contractlint.pipeline.jsonparse import top_kind

    expected = document.get("kind") if isinstance(document, dict) else None
    for indent in (None, 2):
        text = json.dumps(document, indent=indent, ensure_ascii=indent is None)
        assert top_kind(text) == (expected if isinstance(expected, str) else None)


def _same_nesting_verdict(lint_text, depth):
    # A complete contract (as JSON, which is YAML too) whose `x-deep` list brings the
    # nesting to ``depth`` levels, the top mapping being the first.
    inner = depth - 1
    text = json.dumps(JSON_CLEAN)[:-1] + ', "x-deep": ' + "[" * inner + "]" * inner + "}\n"
    return codes(lint_text(text, "c.yaml")), codes(lint_text(text, "c.json"))


@pytest.mark.parametrize("depth", [63, 64, 66])
def test_nesting_limit_is_the_same_in_yaml_and_json(lint_text, depth):
    in_yaml, in_json = _same_nesting_verdict(lint_text, depth)
    assert in_yaml == in_json == ([] if depth <= 64 else ["CL007"])


def test_nesting_limit_is_the_same_in_yaml_and_json_at_65(lint_text):
    in_yaml, in_json = _same_nesting_verdict(lint_text, 65)
    assert in_yaml == in_json == ["CL007"]


YAML_KIND = "kind: model-contract\nx: "
JSON_KIND = '{"kind": "model-contract", "x": '


@pytest.mark.parametrize(
    "name, payload",
    [
        # Each a candidate (a `kind` of ours before the nesting), so that it is parsed.
        pytest.param("deep.yaml", YAML_KIND + "[" * 100_000, id="yaml-list"),
        pytest.param("deep.json", JSON_KIND + "[" * 100_000, id="json-list"),
        pytest.param("deep-object.json", JSON_KIND + '{"a":' * 100_000, id="json-object"),
        pytest.param("deep-flow-map.yaml", YAML_KIND + "{a: " * 100_000, id="yaml-flow-map"),
        pytest.param(
            "deep-block.yaml", YAML_KIND + "\n" + "- " * 20_000 + "x\n", id="yaml-block-list"
        ),
    ],
)
def test_nesting_100000_deep_does_not_crash(tmp_path, name, payload):
    path = tmp_path / name
    path.write_text(payload, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--no-color", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "CL007" in run.stdout
    assert "Traceback" not in run.stderr


def test_deep_yaml_next_to_a_good_file(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text(YAML_KIND + "[" * 100_000, encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(CLEAN.replace(FALLBACK, "fallback: TBD\n"), encoding="utf-8")
    noise = tmp_path / "noise.yaml"  # as deep, but no contract: never parsed, silent
    noise.write_text("[" * 100_000, encoding="utf-8")
    paths = [str(deep), str(good), str(noise)]
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    found = {(Path(f["path"]).name, f["code"]) for f in report["findings"]}
    assert found == {("deep.yaml", "CL007"), ("good.yaml", "CL101")}
    assert (report["summary"]["files"], report["summary"]["contracts"]) == (3, 2)


# --------------------------------------------------------------------------- JSON specifics

JSON_CLEAN = {
    "kind": "model-contract",
    "name": "ranking-service",
    "owners": {"scope": "pm@example.com", "feasibility": "eng", "method": "ds"},
    "fallback": {"strategy": "serve_most_popular", "feature_flag": "ranking_fallback"},
    "latency_budget_ms": {"p50": 50, "p95": 120},
    "timeout_ms": 300,
    "endpoint": "/v1/rank",
    "request": {"user_id": "string", "candidate_item_ids": ["string"], "context_ts": "ISO-8601"},
    "response": {"ranked_item_ids": ["string"], "scores": [0.0], "model_version": "string"},
    "throughput_rps": 400,
    "monitoring": ["score_distribution", "ctr_by_bucket", "latency_p95"],
    "retraining_trigger": "weekly_or_ctr_drop_2pct",
    "rollback": "redeploy the previous model_version behind the ranking flag",
    "logging": ["request_id", "user_id", "model_version", "scores"],
}


def test_json_clean(lint_text):
    assert lint_text(json.dumps(JSON_CLEAN, indent=2), "c.json") == []


def test_json_tabs_as_indentation(lint_text):
    text = json.dumps(JSON_CLEAN, indent="\t")
    assert lint_text(text, "c.json") == []
    text = text.replace('"fallback"', '"fallbakc"')
    findings = lint_text(text, "c.json")
    line = next(i for i, s in enumerate(text.split("\n"), 1) if "fallbakc" in s)
    assert ("CL003", line, 2) in located(findings)  # one tab = one column


def test_json_exponent_numbers(lint_text):
    text = json.dumps(JSON_CLEAN).replace('"timeout_ms": 300', '"timeout_ms": 1e5')
    text = text.replace('"p95": 120', '"p95": 1.2E+2')
    assert "1e5" in text
    assert lint_text(text, "c.json") == []
    # ...and the values are numbers the rules compare: 1e1 < p50.
    bad = text.replace('"timeout_ms": 1e5', '"timeout_ms": 1e1')
    assert codes(lint_text(bad, "c.json")) == ["CL104"]


def test_json_surrogate_pair_escapes(lint_text):
    text = json.dumps(JSON_CLEAN).replace('"ranking-service"', '"ranking \\ud83d\\ude00"')
    assert "\\ud83d\\ude00" in text
    assert lint_text(text, "c.json") == []
    # A placeholder-free emoji name; and an escaped key is located like any other.
    text = text.replace('"fallback"', '"fallback\\ud83d\\ude00"')
    findings = lint_text(text, "c.json")
    unknown = [f for f in findings if f.code == "CL003"]
    assert len(unknown) == 1 and "\U0001f600" in unknown[0].message


def test_json_very_long_keys(lint_text):
    data = dict(JSON_CLEAN)
    data["x-" + "k" * 100_000] = "v"
    data["x-" + "é" * 50_000] = 1
    started = time.perf_counter()
    assert lint_text(json.dumps(data, ensure_ascii=False), "c.json") == []
    assert time.perf_counter() - started < 5


def test_json_number_where_a_string_is_expected_shows_what_was_written(lint_text):
    data = dict(JSON_CLEAN, version="@@")
    text = json.dumps(data).replace('"@@"', "1.10")
    findings = lint_text(text, "c.json")
    assert [f.code for f in findings] in (["CL003"], ["CL005"])
    assert "1.10" in findings[0].message


def test_json_very_long_unknown_key_is_located(lint_text):
    data = {"kind": "model-contract", "name": "x", "k" * 10_000: 1}
    findings = lint_text(json.dumps(data), "c.json")
    unknown = [f for f in findings if f.code == "CL003"]
    assert len(unknown) == 1
    assert (unknown[0].line, unknown[0].column) == (1, 41)


def test_json_unicode_escapes_and_bom(lint_bytes_json):
    findings = lint_bytes_json(b"\xef\xbb\xbf" + json.dumps(JSON_CLEAN).encode())
    assert findings == []


@pytest.fixture
def lint_bytes_json(tmp_path):
    from contractlint.config import Config
    from contractlint.pipeline.discover import Target
    from contractlint.pipeline.engine import lint_file

    from conftest import TODAY

    def run(data: bytes) -> list:
        path = tmp_path / "c.json"
        path.write_bytes(data)
        return list(lint_file(Target(str(path), "c.json"), Config(), TODAY).findings)

    return run


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_json_lone_surrogate_does_not_crash_the_cli(tmp_path, fmt):
    path = tmp_path / "c.json"
    path.write_text('{"kind": "model-contract", "name": "x", "\\ud800": 1}', encoding="ascii")
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--format", fmt, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    assert "internal error" not in run.stderr


def test_the_loader_has_no_path_resolver_for_its_no_op_steps_to_skip() -> None:
    """`descend_resolver` and `ascend_resolver` are C no-ops on our loader: right only
    while it has no path resolver, which it never adds."""
    import operator

    from contractlint.pipeline.loader import _Loader, load
    from contractlint.pipeline.source import Segment

    assert not _Loader.yaml_path_resolvers
    assert _Loader.descend_resolver is operator.is_
    nested = "kind: model-contract\na:\n  - {b: [1, {c: d}]}\n  - e\n"
    loaded = load("nested.yaml", Segment(nested, "yaml"))
    assert loaded.documents[0].value["a"] == [{"b": [1, {"c": "d"}]}, "e"]
