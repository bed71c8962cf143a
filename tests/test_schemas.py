"""Tests for the bundled JSON Schemas in schemas/.

These tests read the schema files directly (no contractlint import), so they
hold the schemas to SPEC sections 1 and 2 independently of the package:
valid draft 2020-12, self-contained, documented on every property, accepting
the SPEC's example documents, requiring only ``kind`` and ``name``, and
rejecting unknown top-level keys and wrong types.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from documents import SPEC_EXAMPLES

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("model-contract", "experiment-plan", "problem-framing", "acceptance-checklist")

# --------------------------------------------------------------------------- helpers


def load_schema(kind: str) -> dict[str, Any]:
    with (SCHEMA_DIR / f"{kind}.json").open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema(kind))


def errors(kind: str, document: Any) -> list[jsonschema.ValidationError]:
    return list(validator(kind).iter_errors(document))


def example(kind: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(SPEC_EXAMPLES[kind])
    return document


def set_path(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """Return a deep copy of ``document`` with ``value`` set at ``path``."""
    doc = copy.deepcopy(document)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def without(document: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    """Return a deep copy of ``document`` with the key at ``path`` removed."""
    doc = copy.deepcopy(document)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return doc


# Keywords whose value is a single subschema, or a list / mapping of subschemas.
_SUBSCHEMA = (
    "items",
    "additionalProperties",
    "propertyNames",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_SUBSCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMA_MAP = ("patternProperties", "dependentSchemas")


def walk(schema: Any, pointer: str = "#") -> Iterator[tuple[str, Any]]:
    """Yield (pointer, subschema) for every subschema, the root included."""
    if not isinstance(schema, dict):
        return
    yield pointer, schema
    for keyword in _SUBSCHEMA:
        if keyword in schema:
            yield from walk(schema[keyword], f"{pointer}/{keyword}")
    for keyword in _SUBSCHEMA_LIST:
        for index, sub in enumerate(schema.get(keyword, [])):
            yield from walk(sub, f"{pointer}/{keyword}/{index}")
    for keyword in (*_SUBSCHEMA_MAP, "properties", "$defs"):
        for name, sub in schema.get(keyword, {}).items():
            yield from walk(sub, f"{pointer}/{keyword}/{name}")


def documented_nodes(schema: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every property (at every level) and every $defs entry."""
    for pointer, node in walk(schema):
        for keyword in ("properties", "$defs"):
            for name, sub in node.get(keyword, {}).items():
                yield f"{pointer}/{keyword}/{name}", sub


# --------------------------------------------------------------------------- meta


def test_schema_folder_holds_the_four_kinds_and_the_config() -> None:
    kinds = sorted(p.stem for p in SCHEMA_DIR.glob("*.json") if not p.name.endswith(".schema.json"))
    assert kinds == sorted(KINDS)
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")) == ["config.schema.json"]


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == f"https://schemas.contractlint.dev/v1/{kind}.json"
    assert isinstance(schema["title"], str) and schema["title"].strip()
    assert isinstance(schema["description"], str) and schema["description"].strip()
    assert schema["type"] == "object"
    assert schema["properties"]["kind"] == {**schema["properties"]["kind"], "const": kind}


@pytest.mark.parametrize("kind", KINDS)
def test_schema_file_is_canonically_formatted(kind: str) -> None:
    text = (SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_and_def_has_title_and_description(kind: str) -> None:
    schema = load_schema(kind)
    checked = 0
    for pointer, node in documented_nodes(schema):
        assert isinstance(node, dict), f"{pointer} is not a schema object"
        for keyword in ("title", "description"):
            value = node.get(keyword)
            assert isinstance(value, str) and value.strip(), f"{pointer} lacks a {keyword}"
        checked += 1
    assert checked > 10


@pytest.mark.parametrize("kind", KINDS)
def test_refs_are_local_and_resolve(kind: str) -> None:
    schema = load_schema(kind)
    for pointer, node in walk(schema):
        ref = node.get("$ref")
        if ref is None:
            continue
        assert ref.startswith("#/$defs/"), f"{pointer}: non-local $ref {ref}"
        assert ref.removeprefix("#/$defs/") in schema.get("$defs", {}), f"{pointer}: {ref}"


@pytest.mark.parametrize("kind", KINDS)
def test_only_kind_and_name_are_required_at_top_level(kind: str) -> None:
    assert load_schema(kind)["required"] == ["kind", "name"]


@pytest.mark.parametrize("kind", KINDS)
def test_common_fields(kind: str) -> None:
    props = load_schema(kind)["properties"]
    assert props["version"]["type"] == "string"
    assert props["description"]["type"] == "string"
    owners = props["owners"]
    assert set(owners["properties"]) == {"scope", "feasibility", "method"}
    assert owners["additionalProperties"]["type"] == "string"
    assert owners["additionalProperties"]["minLength"] == 1
    assert "x-contractlint-ignore" in props


def test_timeouts_ms_is_a_deprecated_alias() -> None:
    props = load_schema("model-contract")["properties"]
    assert props["timeouts_ms"]["deprecated"] is True
    assert "deprecated" in props["timeouts_ms"]["description"].lower()
    assert "timeout_ms" in props["timeouts_ms"]["description"]
    assert not props["timeout_ms"].get("deprecated", False)


# --------------------------------------------------------------------------- valid documents


@pytest.mark.parametrize("kind", KINDS)
def test_spec_example_is_valid(kind: str) -> None:
    assert [e.message for e in errors(kind, example(kind))] == []


@pytest.mark.parametrize("kind", KINDS)
def test_kind_and_name_alone_are_valid(kind: str) -> None:
    assert errors(kind, {"kind": kind, "name": "x"}) == []


@pytest.mark.parametrize("kind", KINDS)
def test_x_keys_and_ignore_map_are_accepted(kind: str) -> None:
    document = {
        "kind": kind,
        "name": "x",
        "x-team-note": {"anything": ["goes", 1, None]},
        "x-contractlint-ignore": {"CL101": "batch only", "unowned-decision": "prototype"},
    }
    assert errors(kind, document) == []


@pytest.mark.parametrize("kind", KINDS)
def test_owners_accept_extra_decisions(kind: str) -> None:
    document = {"kind": kind, "name": "x", "owners": {"scope": "@pm", "privacy": "dpo-team"}}
    assert errors(kind, document) == []


@pytest.mark.parametrize(
    ("kind", "path", "value"),
    [
        ("model-contract", ("fallback",), "serve_most_popular"),
        ("model-contract", ("fallback", "x-owner"), "@sre"),
        ("model-contract", ("latency_budget_ms",), {"p50": 40, "p90": 80, "p95": 120.5}),
        ("model-contract", ("timeouts_ms",), 300),
        ("model-contract", ("request", "location"), {"lat": "number", "lon": 0.0}),
        ("model-contract", ("request", "tags"), [{"name": "string"}]),
        ("model-contract", ("response", "debug"), None),
        ("experiment-plan", ("primary_metric",), "open_rate"),
        ("experiment-plan", ("primary_metric", "minimum_detectable_effect"), {"absolute": 0.01}),
        ("experiment-plan", ("sequential_method",), "msprt"),
        ("experiment-plan", ("arms",), 3),
        ("experiment-plan", ("traffic", "allocation"), 0.5),
        ("experiment-plan", ("guardrails", 0), {"metric": "latency", "max": 200, "min": 1}),
        ("experiment-plan", ("correction",), "none"),
        ("problem-framing", ("metrics", "primary"), "ctr_top5"),
        ("problem-framing", ("metrics", "primary", "baseline"), 0.41),
        ("problem-framing", ("constraints", "budget_usd"), 5000),
        ("problem-framing", ("options", 0, "x-link"), "https://example.com"),
        ("problem-framing", ("risks", 0), {"risk": "label leakage"}),
        ("acceptance-checklist", ("items", 3, "notes"), "dashboard link pending"),
        ("acceptance-checklist", ("items", 6), {"id": "bias-review", "status": "todo"}),
    ],
)
def test_valid_variations(kind: str, path: tuple[Any, ...], value: Any) -> None:
    document = example(kind)
    if path[0] in ("guardrails", "items") and path[-1] == len(document[path[0]]):
        document = copy.deepcopy(document)
        document[path[0]].append(value)
    else:
        document = set_path(document, path, value)
    assert [e.message for e in errors(kind, document)] == []


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        # rules, not the schema, report these as missing
        ("model-contract", ("fallback",)),
        ("model-contract", ("latency_budget_ms", "p95")),
        ("model-contract", ("timeout_ms",)),
        ("model-contract", ("owners", "method")),
        ("model-contract", ("fallback", "feature_flag")),
        ("experiment-plan", ("primary_metric", "baseline")),
        ("experiment-plan", ("guardrails", 0, "max_regression")),
        ("experiment-plan", ("sample_size", "per_arm")),
        ("experiment-plan", ("decision_rule", "threshold")),
        ("problem-framing", ("risks", 0, "mitigation")),
        ("problem-framing", ("options", 0, "estimate_weeks")),
        ("problem-framing", ("validation", "online")),
        ("acceptance-checklist", ("items", 0, "evidence")),
    ],
)
def test_missing_optional_fields_are_left_to_rules(kind: str, path: tuple[Any, ...]) -> None:
    assert errors(kind, without(example(kind), path)) == []


# --------------------------------------------------------------------------- invalid documents


@pytest.mark.parametrize("kind", KINDS)
def test_missing_name_is_invalid(kind: str) -> None:
    found = errors(kind, {"kind": kind})
    assert [e.validator for e in found] == ["required"]
    assert "'name'" in found[0].message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["", 42, None])
def test_empty_or_non_string_name_is_invalid(kind: str, name: Any) -> None:
    assert errors(kind, {"kind": kind, "name": name})


@pytest.mark.parametrize("kind", KINDS)
def test_wrong_kind_is_invalid(kind: str) -> None:
    other = next(k for k in KINDS if k != kind)
    assert [e.validator for e in errors(kind, {"kind": other, "name": "x"})] == ["const"]


@pytest.mark.parametrize("kind", KINDS)
def test_unknown_top_level_key_is_rejected(kind: str) -> None:
    found = errors(kind, {"kind": kind, "name": "x", "fallbak": "serve_most_popular"})
    assert [e.validator for e in found] == ["additionalProperties"]
    assert "fallbak" in found[0].message


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("owners",), {"scope": ""}),
        (("owners",), {"scope": "pm@example.com", "legal": ""}),
        (("owners",), ["pm@example.com"]),
        (("version",), 1.1),
        (("x-contractlint-ignore",), ["CL101"]),
        (("x-contractlint-ignore",), {"CL101": 1}),
    ],
)
def test_common_fields_reject_wrong_types(kind: str, path: tuple[Any, ...], value: Any) -> None:
    document = set_path({"kind": kind, "name": "x"}, path, value)
    assert errors(kind, document)


@pytest.mark.parametrize(
    ("kind", "path", "value", "keyword"),
    [
        # model-contract
        ("model-contract", ("latency_budget_ms", "p95"), -5, "exclusiveMinimum"),
        ("model-contract", ("latency_budget_ms", "p50"), 0, "exclusiveMinimum"),
        ("model-contract", ("latency_budget_ms", "p95"), "120ms", "type"),
        ("model-contract", ("latency_budget_ms", "p96"), 130, "additionalProperties"),
        ("model-contract", ("timeout_ms",), 0, "exclusiveMinimum"),
        ("model-contract", ("timeouts_ms",), 0, "exclusiveMinimum"),
        ("model-contract", ("throughput_rps",), -1, "exclusiveMinimum"),
        ("model-contract", ("fallback",), "", "minLength"),
        ("model-contract", ("fallback",), 3, "type"),
        ("model-contract", ("fallback", "flag"), "ranking_fallback", "additionalProperties"),
        ("model-contract", ("monitoring",), "latency_p95", "type"),
        ("model-contract", ("monitoring", 0), 95, "type"),
        ("model-contract", ("logging",), {"request_id": "string"}, "type"),
        ("model-contract", ("request",), ["user_id"], "type"),
        ("model-contract", ("endpoint",), 1, "type"),
        ("model-contract", ("rollback",), True, "type"),
        # experiment-plan
        ("experiment-plan", ("sample_size", "alpha"), 1.5, "exclusiveMaximum"),
        ("experiment-plan", ("sample_size", "alpha"), 0, "exclusiveMinimum"),
        ("experiment-plan", ("sample_size", "power"), 1, "exclusiveMaximum"),
        ("experiment-plan", ("sample_size", "per_arm"), 0, "minimum"),
        ("experiment-plan", ("sample_size", "per_arm"), 100.5, "type"),
        ("experiment-plan", ("sample_size", "alternative"), "greater", "enum"),
        ("experiment-plan", ("arms",), 1, "minimum"),
        ("experiment-plan", ("arms",), 2.5, "type"),
        ("experiment-plan", ("primary_metric", "direction"), "up", "enum"),
        ("experiment-plan", ("primary_metric", "type"), "count", "enum"),
        ("experiment-plan", ("primary_metric", "baseline"), "33%", "type"),
        (
            "experiment-plan",
            ("primary_metric", "minimum_detectable_effect"),
            {"relative": 0.02, "absolute": 0.01},
            "maxProperties",
        ),
        ("experiment-plan", ("primary_metric", "minimum_detectable_effect"), {}, "minProperties"),
        (
            "experiment-plan",
            ("primary_metric", "minimum_detectable_effect"),
            {"relativ": 0.02},
            "additionalProperties",
        ),
        (
            "experiment-plan",
            ("primary_metric", "minimum_detectable_effect"),
            {"relative": 0},
            "exclusiveMinimum",
        ),
        ("experiment-plan", ("primary_metric", "metric"), "open_rate", "additionalProperties"),
        ("experiment-plan", ("guardrails",), {"metric": "unsubscribe_rate"}, "type"),
        ("experiment-plan", ("guardrails", 0), {"max_regression": 0.0}, "required"),
        ("experiment-plan", ("guardrails", 0, "max_regression"), "0%", "type"),
        ("experiment-plan", ("guardrails", 0, "threshold"), 0.0, "additionalProperties"),
        ("experiment-plan", ("duration_days",), 0, "exclusiveMinimum"),
        ("experiment-plan", ("interim_looks",), -1, "minimum"),
        ("experiment-plan", ("stopping_rule",), "adaptive", "enum"),
        ("experiment-plan", ("sequential_method",), 3, "type"),
        ("experiment-plan", ("traffic", "allocation"), 0, "exclusiveMinimum"),
        ("experiment-plan", ("traffic", "allocation"), 1.5, "maximum"),
        ("experiment-plan", ("traffic", "daily_units"), -10, "exclusiveMinimum"),
        ("experiment-plan", ("decision_rule", "confidence"), 95, "exclusiveMaximum"),
        ("experiment-plan", ("decision_rule", "threshold"), "3%", "type"),
        ("experiment-plan", ("correction",), False, "type"),
        ("experiment-plan", ("data_quality",), "bounces", "type"),
        # problem-framing
        ("problem-framing", ("options", 0, "estimate_weeks"), 0, "exclusiveMinimum"),
        ("problem-framing", ("options", 0), {"description": "popularity"}, "required"),
        ("problem-framing", ("options", 0, "cost"), 3, "additionalProperties"),
        ("problem-framing", ("risks", 0), {"mitigation": "blend"}, "required"),
        ("problem-framing", ("risks", 0), "cold start", "type"),
        ("problem-framing", ("metrics", "guardrails", 0), {"max": 200}, "required"),
        ("problem-framing", ("metrics", "guardrails", 1, "max"), "200ms", "type"),
        ("problem-framing", ("metrics", "primary", "target_lift"), "3%", "type"),
        ("problem-framing", ("metrics", "secondary"), ["ctr"], "additionalProperties"),
        ("problem-framing", ("business_outcome", "target"), "2%", "type"),
        ("problem-framing", ("business_outcome", "owner"), "cfo", "additionalProperties"),
        ("problem-framing", ("validation", "ab_test"), "yes", "additionalProperties"),
        ("problem-framing", ("validation", "online"), ["a.yaml"], "type"),
        ("problem-framing", ("constraints",), "none", "type"),
        # acceptance-checklist
        ("acceptance-checklist", ("items", 0, "status"), "maybe", "enum"),
        ("acceptance-checklist", ("items", 0, "status"), "Done", "enum"),
        ("acceptance-checklist", ("items", 0), {"status": "done"}, "required"),
        ("acceptance-checklist", ("items", 0), {"id": "fallback-verified"}, "required"),
        ("acceptance-checklist", ("items", 0, "id"), "", "minLength"),
        ("acceptance-checklist", ("items", 0, "owner"), "@pm", "additionalProperties"),
        ("acceptance-checklist", ("items",), {"fallback-verified": "done"}, "type"),
        ("acceptance-checklist", ("contract",), ["contracts/ranking.yaml"], "type"),
    ],
)
def test_wrong_values_are_rejected(
    kind: str, path: tuple[Any, ...], value: Any, keyword: str
) -> None:
    found = errors(kind, set_path(example(kind), path, value))
    assert found, f"{kind} accepted {path}={value!r}"
    assert keyword in {e.validator for e in found}, [e.message for e in found]


def test_errors_are_simple_for_type_lists() -> None:
    """Type lists (not oneOf) keep a wrong fallback to one plain error."""
    found = errors("model-contract", {"kind": "model-contract", "name": "x", "fallback": 3})
    assert [(e.validator, list(e.absolute_path)) for e in found] == [("type", ["fallback"])]


@pytest.mark.parametrize("value", ["", "~", "null", "!!python/name:os.system", "!Ref"])
def test_an_empty_name_is_reported_once(lint_text: Any, value: str) -> None:
    """`name` is required and non-empty (SPEC 1), and no rule but the schema's owns it."""
    findings = lint_text(f"kind: problem-framing\nname: {value}\n")
    about_name = [(f.code, f.line) for f in findings if f.pointer == "/name"]
    assert about_name == [("CL003", 2)]
