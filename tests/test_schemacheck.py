"""The compiled schema checks (``contractlint.pipeline.schemacheck``) against ``jsonschema``.

``schemacheck`` answers "does this value pass its kind's schema?" without
``jsonschema``; ``validate`` trusts a yes and asks ``jsonschema`` only on a no.
So the two must give the same verdict on every value, valid or not:

- differentially, on the complete documents of ``tests/documents.py`` and
  ``examples/`` with random mutations (Hypothesis, plus a seeded sample that
  also checks that both verdicts are common, so agreement is not trivial);
- keyword by keyword, on tiny schemas, each verdict also written down;
- through ``validate``: an invalid document gets exactly the hits that
  ``jsonschema`` alone gives, and a valid one never touches ``jsonschema``.
"""

from __future__ import annotations

import copy
import datetime
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from contractlint import schemas
from contractlint.config import Config
from contractlint.kinds import KINDS
from contractlint.model import Document, Problem
from contractlint.pipeline import loader, schemacheck, source, validate
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.pipeline.schemacheck import Unsupported, compile_schema

from conftest import TODAY, make_config
from documents import CHECKLIST, EXPERIMENT, MODEL, PROBLEM, edit

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAN = float("nan")


# --- the documents mutated ------------------------------------------------------------


def _string_keys(value: Any) -> bool:
    """Contractlint's loader makes every key a string; ``yaml.safe_load`` need not."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _string_keys(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_string_keys(item) for item in value)
    return True


def _seed_documents() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        yaml.safe_load(text) for text in (MODEL, EXPERIMENT, PROBLEM, CHECKLIST)
    ]
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix not in (".yaml", ".yml", ".json"):
            continue
        try:
            loaded = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except yaml.YAMLError:
            continue  # broken on purpose (merge-conflict.yaml)
        found.extend(
            d for d in loaded if isinstance(d, dict) and d.get("kind") in KINDS and _string_keys(d)
        )
    return found


SEEDS = _seed_documents()


def _schema_words() -> list[str]:
    """Enum and const values and property names of the bundled schemas."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, sub in node.items():
                if key == "enum" and isinstance(sub, list):
                    words.update(c for c in sub if isinstance(c, str))
                elif key == "const" and isinstance(sub, str):
                    words.add(sub)
                elif key == "properties" and isinstance(sub, dict):
                    words.update(sub)
                walk(sub)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for kind in KINDS:
        walk(schemas.load_schema(kind))
    return sorted(words)


WORDS = _schema_words()
SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    2,
    10**30,
    -(10**30),
    0.0,
    -0.0,
    1.0,
    -0.5,
    0.5,
    1.5,
    1e308,
    NAN,
    float("inf"),
    float("-inf"),
    "",
    " ",
    "TBD",
    "tbd",
    "N/A",
    "TODO",
    "???",
    "x",
    "é",
    "x-own",
    datetime.date(2026, 1, 1),
    datetime.datetime(2026, 1, 1, 12, 30),
    *WORDS,
]
KEYS = ["x-own", "x-", "X-own", "bogus", "relative", "absolute", "", *WORDS]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


Mutation = tuple[str, int, str, Any]  # (operation, which node, key to add, new value)


def _mutate(document: dict[str, Any], mutations: list[Mutation]) -> dict[str, Any]:
    """A copy of ``document`` with each mutation applied in turn: ``replace`` a node's
    value, ``delete`` it, or ``add`` a key to a mapping (an item to a list)."""
    doc = copy.deepcopy(document)
    for operation, which, key, new in mutations:
        paths = list(_paths(doc))
        path = paths[which % len(paths)]
        node = _at(doc, path)
        if operation in ("replace", "delete") and path:
            parent = _at(doc, path[:-1])
            if operation == "replace":
                parent[path[-1]] = copy.deepcopy(new)
            else:
                del parent[path[-1]]
        elif isinstance(node, dict):
            node[key] = copy.deepcopy(new)
        elif isinstance(node, list):
            node.append(copy.deepcopy(new))
    return doc


def _agree(kind: str, value: Any) -> bool:
    """Both verdicts, asserted equal (the compiled one must not be None); jsonschema's."""
    expected = schemas.validator(kind).is_valid(value)
    assert schemacheck.is_valid(kind, value) is expected, (kind, value)
    return bool(expected)


# --- differential: generated documents -----------------------------------------------

scalars = st.one_of(
    st.sampled_from(SCALARS),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.dates(),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner, max_size=3),
    ),
    max_leaves=6,
)
mutations = st.lists(
    st.tuples(
        st.sampled_from(["replace", "replace", "delete", "add"]),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(KEYS),
        values,
    ),
    max_size=3,
)


def test_the_seed_documents_cover_every_kind_and_agree() -> None:
    assert {d["kind"] for d in SEEDS} == set(KINDS)
    assert len(SEEDS) >= 20
    verdicts = [_agree(d["kind"], d) for d in SEEDS]
    assert sum(verdicts) >= len(SEEDS) * 3 // 4  # mostly complete, valid documents


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.sampled_from(SEEDS), changes=mutations)
def test_compiled_verdict_equals_jsonschema_on_mutated_documents(
    seed: dict[str, Any], changes: list[Mutation]
) -> None:
    _agree(seed["kind"], _mutate(seed, changes))


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 2 and roll < 0.12:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.24:
        return {rng.choice(KEYS): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return rng.choice(SCALARS)


def _random_mutations(rng: random.Random) -> list[Mutation]:
    return [
        (
            rng.choice(["replace", "replace", "delete", "add"]),
            rng.randrange(10_000),
            rng.choice(KEYS),
            _random_value(rng),
        )
        for _ in range(rng.randint(0, 3))
    ]


def test_seeded_sample_agrees_and_holds_both_verdicts() -> None:
    rng = random.Random(0)
    total = 2000
    verdicts: dict[str, list[bool]] = {kind: [] for kind in KINDS}
    disagreements = []
    for _ in range(total):
        seed = rng.choice(SEEDS)
        doc = _mutate(seed, _random_mutations(rng))
        expected = schemas.validator(seed["kind"]).is_valid(doc)
        if schemacheck.is_valid(seed["kind"], doc) is not expected:
            disagreements.append(doc)
        verdicts[seed["kind"]].append(expected)
    assert disagreements == []
    valid = sum(sum(v) for v in verdicts.values())
    assert total // 10 <= valid <= total - total // 10, valid
    for kind, seen in verdicts.items():  # each kind's schema is exercised both ways
        assert 10 <= sum(seen) <= len(seen) - 10, (kind, sum(seen), len(seen))


# --- every bundled schema compiles -----------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_keyword_of_the_bundled_schemas_is_compiled(kind: str) -> None:
    compile_schema(schemas.load_schema(kind))  # raises Unsupported, naming the keyword
    assert schemacheck.checker(kind) is not None


# --- what is not compiled --------------------------------------------------------------

UNSUPPORTED: list[dict[str, Any]] = [
    {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    {"anyOf": [{"type": "string"}]},
    {"pattern": "x"},
    {"format": "email"},
    {"uniqueItems": True},
    {"contains": {"type": "string"}, "minContains": 2},
    {"type": "object", "properties": {"a": {"not": {"type": "string"}}}},
    {"type": "decimal"},
    {"$ref": "https://example.com/other.json"},
    {"$ref": "other.json#/$defs/a"},
    {"$ref": "#/$defs/missing", "$defs": {}},
    {"$ref": "#/$defs/a", "$defs": {"a": {"if": {"type": "string"}}}},
]


@pytest.mark.parametrize("schema", UNSUPPORTED, ids=lambda s: str(s)[:40])
def test_unknown_keywords_and_remote_refs_are_unsupported(schema: dict[str, Any]) -> None:
    with pytest.raises(Unsupported):
        compile_schema(schema)


@pytest.fixture
def fresh_checker() -> Iterator[None]:
    schemacheck.checker.cache_clear()
    yield
    schemacheck.checker.cache_clear()


def test_an_uncompilable_schema_leaves_the_verdict_to_jsonschema(
    monkeypatch: pytest.MonkeyPatch, fresh_checker: None
) -> None:
    monkeypatch.setattr(schemas, "load_schema", lambda kind: {"oneOf": [{"type": "object"}]})
    assert schemacheck.checker("model-contract") is None
    assert schemacheck.is_valid("model-contract", {"kind": "model-contract"}) is None


def test_a_nested_id_is_unsupported_or_honoured() -> None:
    schema = {
        "$defs": {
            "a": {
                "$id": "https://example.com/a.json",
                "$ref": "#/$defs/b",  # a.json's own b: a string
                "$defs": {"b": {"type": "string"}},
            },
            "b": {"type": "integer"},
        },
        "$ref": "#/$defs/a",
    }
    try:
        check = compile_schema(schema)
    except Unsupported:
        return
    for value in ("text", 1):
        assert check(value) is Draft202012Validator(schema).is_valid(value), value


# --- keyword semantics on tiny schemas -------------------------------------------------

PATTERNS = {
    "properties": {"a": {"type": "integer"}},
    "patternProperties": {"^x-": {"type": "string"}},
    "additionalProperties": False,
}
BOTH = {
    "properties": {"x-a": {"type": "integer"}},
    "patternProperties": {"^x-": {"minimum": 5}},
    "additionalProperties": False,
}
TREE = {
    "$defs": {
        "node": {
            "type": "object",
            "properties": {
                "value": {"type": "integer"},
                "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
            },
            "additionalProperties": False,
        }
    },
    "$ref": "#/$defs/node",
}
NESTED = {"type": ["array", "integer"], "items": {"$ref": "#"}}
ESCAPED = {
    "$defs": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}},
    "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"}},
}

CASES: list[tuple[Any, Any, bool]] = [
    # boolean schemas, and the empty one
    (True, {"any": [1]}, True),
    (False, None, False),
    (False, {}, False),
    ({}, float("nan"), True),
    ({"title": "t", "description": "d", "default": 1, "deprecated": True}, "x", True),
    # integer: a float without a fraction is one, a bool is not
    ({"type": "integer"}, 1, True),
    # lengths of strings (in code points) and of arrays; contains
    ({"maxLength": 2}, "ab", True),
    ({"maxLength": 2}, "a\U0001f600c", False),
    ({"maxLength": 1}, "\U0001f600", True),
    ({"maxLength": 0}, 5, True),
    ({"minItems": 2}, [1], False),
    ({"minItems": 2}, [1, 2], True),
    ({"minItems": 2}, "ab", True),
    ({"maxItems": 1}, [1, 2], False),
    ({"maxItems": 1}, [], True),
    ({"contains": {"const": 1}}, [0, 1], True),
    ({"contains": {"const": 1}}, [True], False),
    ({"contains": {"const": 1}}, [], False),
    ({"contains": {"const": 1}}, {"a": 1}, True),
    ({"contains": False}, [1], False),
    ({"contains": True}, [], False),
    ({"type": "integer"}, 1.0, True),
    ({"type": "integer"}, -0.0, True),
    ({"type": "integer"}, 1e308, True),
    ({"type": "integer"}, 10**40, True),
    ({"type": "integer"}, 1.5, False),
    ({"type": "integer"}, True, False),
    ({"type": "integer"}, float("nan"), False),
    ({"type": "integer"}, float("inf"), False),
    ({"type": "integer"}, "1", False),
    # number: a bool is not one; NaN and infinities are
    ({"type": "number"}, True, False),
    ({"type": "number"}, False, False),
    ({"type": "number"}, 1, True),
    ({"type": "number"}, 0.5, True),
    ({"type": "number"}, float("nan"), True),
    ({"type": "number"}, float("-inf"), True),
    ({"type": "number"}, "1", False),
    ({"type": "number"}, None, False),
    # the other types
    ({"type": "string"}, datetime.date(2026, 1, 1), False),
    ({"type": "string"}, "", True),
    ({"type": "boolean"}, 0, False),
    ({"type": "boolean"}, False, True),
    ({"type": "null"}, None, True),
    ({"type": "null"}, 0, False),
    ({"type": "object"}, [], False),
    ({"type": "array"}, {}, False),
    ({"type": ["string", "null"]}, None, True),
    ({"type": ["string", "null"]}, 0, False),
    # enum and const: true is not 1, 1 is not "1", 1 is 1.0
    ({"enum": [1, "a", None]}, 1, True),
    ({"enum": [1, "a", None]}, 1.0, True),
    ({"enum": [1, "a", None]}, True, False),
    ({"enum": [1, "a", None]}, "1", False),
    ({"enum": [1, "a", None]}, None, True),
    ({"enum": [1, "a", None]}, False, False),
    ({"enum": [True]}, 1, False),
    ({"enum": [True]}, True, True),
    ({"enum": [0]}, False, False),
    ({"enum": ["a", "b"]}, "a", True),
    ({"enum": ["a", "b"]}, "A", False),
    ({"enum": ["a", "b"]}, ["a"], False),
    ({"enum": ["1"]}, 1, False),
    ({"enum": []}, "a", False),
    ({"enum": [[1, 2], {"a": True}]}, [1, 2], True),
    ({"enum": [[1, 2], {"a": True}]}, [1.0, 2], True),
    ({"enum": [[1, 2], {"a": True}]}, [True, 2], False),
    ({"enum": [[1, 2], {"a": True}]}, [1, 2, 3], False),
    ({"enum": [[1, 2], {"a": True}]}, {"a": True}, True),
    ({"enum": [[1, 2], {"a": True}]}, {"a": 1}, False),
    ({"enum": [[1, 2], {"a": True}]}, {"a": True, "b": 1}, False),
    ({"const": 0}, 0.0, True),
    ({"const": 0}, -0.0, True),
    ({"const": 0}, False, False),
    ({"const": False}, 0, False),
    ({"const": False}, False, True),
    ({"const": 1}, "1", False),
    ({"const": "1"}, 1, False),
    ({"const": None}, None, True),
    ({"const": None}, 0, False),
    ({"const": "model-contract"}, "model-contract", True),
    ({"const": "model-contract"}, "Model-Contract", False),
    # bounds: NaN fails no comparison, so it passes every bound; non-numbers pass too
    ({"minimum": 0}, float("nan"), True),
    ({"minimum": 0}, -1, False),
    ({"minimum": 0}, 0, True),
    ({"minimum": 0}, True, True),
    ({"minimum": 0}, "-1", True),
    ({"exclusiveMinimum": 0}, float("nan"), True),
    ({"exclusiveMinimum": 0}, 0, False),
    ({"exclusiveMinimum": 0}, -0.0, False),
    ({"exclusiveMinimum": 0}, 1e-300, True),
    ({"exclusiveMinimum": 0}, float("inf"), True),
    ({"exclusiveMinimum": 0}, False, True),
    ({"maximum": 1}, float("nan"), True),
    ({"maximum": 1}, float("inf"), False),
    ({"maximum": 1}, 1, True),
    ({"maximum": 1}, 10**40, False),
    ({"exclusiveMaximum": 1}, float("nan"), True),
    ({"exclusiveMaximum": 1}, 1.0, False),
    ({"exclusiveMaximum": 1}, 0.999, True),
    ({"exclusiveMaximum": 1}, float("-inf"), True),
    # minLength counts code points
    ({"minLength": 2}, "é", False),  # U+00E9: one code point
    ({"minLength": 2}, "e\u0301", True),  # e + combining accent: two
    ({"minLength": 2}, "😀", False),  # one code point, two UTF-16 units
    ({"minLength": 2}, "ab", True),
    ({"minLength": 2}, 5, True),
    ({"minLength": 1}, "", False),
    ({"type": ["string", "object"], "minLength": 1}, {}, True),
    # properties, patternProperties and additionalProperties together
    (PATTERNS, {"a": 1}, True),
    (PATTERNS, {"a": "1"}, False),
    (PATTERNS, {"x-own": "s"}, True),
    (PATTERNS, {"x-own": 1}, False),  # matches the pattern, fails its schema
    (PATTERNS, {"b": 1}, False),  # additional
    (PATTERNS, {"X-own": "s"}, False),  # the pattern is case-sensitive
    (PATTERNS, {"my-x-own": "s"}, False),  # anchored: not a match
    (PATTERNS, [], True),
    (BOTH, {"x-a": 7}, True),
    (BOTH, {"x-a": 3}, False),  # a named property that matches a pattern gets both
    (BOTH, {"x-a": 7.5}, False),
    (BOTH, {"x-b": "s"}, True),  # minimum ignores a string
    ({"patternProperties": {"own": True}, "additionalProperties": False}, {"my-own": 1}, True),
    ({"patternProperties": {"own": True}, "additionalProperties": False}, {"other": 1}, False),
    ({"patternProperties": {"^x-": {"type": "integer"}}}, {"x-a": "s"}, False),
    ({"patternProperties": {"^x-": {"type": "integer"}}}, {"y": "s"}, True),
    # `^` and plain characters is a prefix test; anything else stays a regex
    ({"patternProperties": {"^a.b": True}, "additionalProperties": False}, {"axb-c": 1}, True),
    ({"patternProperties": {"^a.b": True}, "additionalProperties": False}, {"ab": 1}, False),
    ({"patternProperties": {"^ab$": True}, "additionalProperties": False}, {"abc": 1}, False),
    ({"patternProperties": {"^é-": True}, "additionalProperties": False}, {"é-1": 1}, True),
    ({"additionalProperties": {"type": "string"}}, {"a": "b"}, True),
    ({"additionalProperties": {"type": "string"}}, {"a": 1}, False),
    ({"additionalProperties": {"type": "string"}}, "not a mapping", True),
    ({"properties": {"a": False}}, {"a": None}, False),
    ({"properties": {"a": False}}, {"b": None}, True),
    # propertyNames
    ({"propertyNames": {"minLength": 2}}, {"ab": 1}, True),
    ({"propertyNames": {"minLength": 2}}, {"a": 1}, False),
    ({"propertyNames": {"minLength": 1}}, {"": 1}, False),
    ({"propertyNames": {"minLength": 2}}, ["a"], True),
    ({"propertyNames": False}, {}, True),
    ({"propertyNames": False}, {"a": 1}, False),
    ({"propertyNames": {"enum": ["a", "b"]}}, {"a": 1, "b": 2}, True),
    ({"propertyNames": {"enum": ["a", "b"]}}, {"a": 1, "c": 2}, False),
    # required, minProperties, maxProperties
    ({"required": ["a", "b"]}, {"a": 1, "b": None}, True),
    ({"required": ["a", "b"]}, {"a": 1}, False),
    ({"required": ["a", "b"]}, ["a", "b"], True),
    ({"required": ["a"]}, "a", True),
    ({"minProperties": 1, "maxProperties": 1}, {}, False),
    ({"minProperties": 1, "maxProperties": 1}, {"a": 1}, True),
    ({"minProperties": 1, "maxProperties": 1}, {"a": 1, "b": 2}, False),
    ({"minProperties": 1, "maxProperties": 1}, [], True),
    # items
    ({"items": {"type": "integer"}}, [], True),
    ({"items": {"type": "integer"}}, [1, 2.0], True),
    ({"items": {"type": "integer"}}, [1, "2"], False),
    ({"items": {"type": "integer"}}, [True], False),
    ({"items": {"type": "integer"}}, {"0": "x"}, True),
    ({"items": False}, [], True),
    ({"items": False}, [1], False),
    # local references, recursive ones too
    (TREE, {"value": 1, "children": [{"value": 2, "children": []}]}, True),
    (TREE, {"value": 1, "children": [{"value": 2, "children": [{"value": "3"}]}]}, False),
    (TREE, {"children": [{"children": [{"children": [{"bogus": 1}]}]}]}, False),
    (TREE, [], False),
    (NESTED, [1, [2, [3, []]]], True),
    (NESTED, [1, [2, ["x"]]], False),
    (NESTED, 7, True),
    (ESCAPED, {"x": "s", "y": 1}, True),
    (ESCAPED, {"x": 1}, False),
    (ESCAPED, {"y": "s"}, False),
    ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "minLength": 2}, "ab", True),
    ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "minLength": 2}, "a", False),
    ({"$defs": {"s": {"type": "string"}}, "$ref": "#/$defs/s", "minLength": 2}, 12, False),
]


@pytest.mark.parametrize(("schema", "value", "expected"), CASES, ids=lambda c: repr(c)[:30])
def test_keyword_semantics_match_jsonschema(schema: Any, value: Any, expected: bool) -> None:
    assert Draft202012Validator(schema).is_valid(value) is expected  # the case is right
    assert compile_schema(schema)(value) is expected


TINY_SCHEMAS = sorted({repr(c[0]): c[0] for c in CASES}.values(), key=repr)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=st.sampled_from(TINY_SCHEMAS), value=values)
def test_tiny_schemas_agree_on_any_value(schema: Any, value: Any) -> None:
    assert compile_schema(schema)(value) is Draft202012Validator(schema).is_valid(value)


# --- through validate: the fast path changes no hit ------------------------------------

OPTIONS = Config().rule_options


def _document(text: str) -> Document:
    read = source.decode("contract.yaml", text.encode("utf-8"))
    assert not isinstance(read, Problem)
    documents = [d for s in read.segments for d in loader.load("contract.yaml", s).documents]
    assert len(documents) == 1
    return documents[0]


INVALID = [
    # (text, a code and a fragment of a message the hits must hold)
    (edit(MODEL, timeout_ms='"abc"'), "CL003", "`timeout_ms` must be a number, not the string"),
    (edit(MODEL, latency_budget_ms="5"), "CL003", "`latency_budget_ms` must be a mapping"),
    (edit(MODEL, timeout_ms=None) + "timout_ms: 300\n", "CL003", "did you mean `timeout_ms`?"),
    (MODEL + "bogus: 1\n", "CL003", "fields of your own must start with `x-`"),
    (MODEL + "version: 1.10\n", "CL005", "is read as the number 1.1, not the text `1.10`"),
    (edit(MODEL, latency_budget_ms="{p50: 50, p95: 0}"), "CL003", "must be greater than 0"),
    (edit(EXPERIMENT, stopping_rule="fixed_horizn"), "CL003", "did you mean `fixed_horizon`?"),
    (edit(EXPERIMENT, arms="1"), "CL003", "`arms` must be at least 2"),
    (
        edit(EXPERIMENT, primary_metric="{name: x, minimum_detectable_effect: {}}"),
        "CL003",
        "needs exactly one of `relative` or `absolute`",
    ),
    (
        edit(PROBLEM, options="[{estimate_weeks: 1}]"),
        "CL003",
        "`options[0]` is missing the required field `name`",
    ),
    (
        CHECKLIST.replace("status: n/a", "status: dun"),
        "CL003",
        "`items[5].status` must be one of done, todo, n/a",
    ),
    (
        edit(MODEL, name="7", timeout_ms="-1", endpoint="[a]"),
        "CL005",
        "`name: 7` is read as the integer 7",
    ),
]


@pytest.mark.parametrize(("text", "code", "fragment"), INVALID, ids=lambda c: repr(c)[:30])
def test_an_invalid_document_gets_the_hits_jsonschema_gives(
    monkeypatch: pytest.MonkeyPatch, text: str, code: str, fragment: str
) -> None:
    document = _document(text)
    assert schemacheck.is_valid(document.kind, document.value) is False  # the fast path said no
    fast = validate.validate(document, OPTIONS)
    with monkeypatch.context() as patch:
        patch.setattr(schemacheck, "is_valid", lambda kind, value: None)
        slow = validate.validate(document, OPTIONS)
    assert fast == slow
    assert any(c == code and fragment in hit.message for c, hit in fast.hits), fast.hits
    assert fast.rejected


def test_a_placeholder_is_missing_not_invalid_on_either_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = _document(edit(MODEL, latency_budget_ms="{p50: 50, p95: TBD}"))
    assert schemacheck.is_valid(document.kind, document.value) is False
    fast = validate.validate(document, OPTIONS)
    monkeypatch.setattr(schemacheck, "is_valid", lambda kind, value: None)
    assert fast == validate.validate(document, OPTIONS) == validate.Validation((), frozenset())


def _complete_texts() -> list[tuple[str, str]]:
    texts = [("documents.py", t) for t in (MODEL, EXPERIMENT, PROBLEM, CHECKLIST)]
    for path in sorted(EXAMPLES.glob("*/complete.yaml")):
        texts.append((path.parent.name, path.read_text(encoding="utf-8")))
    return texts


@pytest.fixture
def no_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(kind: str) -> Any:
        raise AssertionError(f"jsonschema asked about a valid {kind}")

    monkeypatch.setattr(schemas, "validator", refuse)


@pytest.mark.parametrize(("where", "text"), _complete_texts(), ids=lambda c: str(c)[:20])
def test_a_valid_document_never_asks_jsonschema(no_jsonschema: None, where: str, text: str) -> None:
    document = _document(text)
    assert validate.validate(document, OPTIONS) == validate.Validation((), frozenset())


def test_linting_a_complete_file_never_asks_jsonschema(no_jsonschema: None, tmp_path: Path) -> None:
    path = tmp_path / "contract.yaml"
    path.write_text(MODEL, encoding="utf-8")
    result = lint_file(Target(str(path), "contract.yaml"), make_config(root=str(tmp_path)), TODAY)
    assert result.findings == ()
    assert result.documents == 1


# --- a team rule's schema, judged well formed without jsonschema -----------------------

_KEYS = [
    *("type", "const", "enum", "minLength", "maxLength", "minItems", "maxItems"),
    *("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "required"),
    *("properties", "additionalProperties", "propertyNames", "items", "contains", "$defs"),
    *("title", "description", "examples", "default", "deprecated", "minProperties"),
    *("pattern", "$ref", "uniqueItems", "oneOf"),  # left to jsonschema
]
_ODD_VALUES = st.sampled_from(
    [
        *(0, 1, -1, 2.0, 2.5, True, None, "string", "strin", "", [], ["a"], ["a", "a"]),
        *([1], {}, ["string", "integer"], ["string", "string"], "^a", {"a": 1}, float("inf")),
    ]
)
_schema_trees = st.recursive(
    st.one_of(st.booleans(), st.dictionaries(st.sampled_from(_KEYS), _ODD_VALUES, max_size=3)),
    lambda inner: st.one_of(
        st.dictionaries(st.sampled_from(_KEYS), st.one_of(_ODD_VALUES, inner), max_size=3),
        st.dictionaries(
            st.sampled_from(["properties", "$defs"]),
            st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
            max_size=1,
        ),
    ),
    max_leaves=8,
)


def _meta_valid(schema: Any) -> bool:
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(schema=_schema_trees)
def test_a_schema_judged_well_formed_passes_the_meta_schema_and_compiles(schema: Any) -> None:
    if schemacheck.well_formed(schema):
        assert _meta_valid(schema)
        compile_schema(schema) if isinstance(schema, dict) else None


WELL_FORMED = [
    True,
    {},
    {"type": ["number", "null"], "minimum": 0, "exclusiveMaximum": 1.5},
    {"type": "array", "contains": {"const": "error_rate"}, "minItems": 1, "maxItems": 3},
    {"type": "object", "required": ["id"], "properties": {"id": {"enum": ["a", 1]}}},
    {"items": {"maxLength": 3}, "additionalProperties": False, "propertyNames": True},
    {"$defs": {"a": {"type": "string"}}, "title": "t", "examples": [1], "deprecated": False},
]
LEFT_TO_JSONSCHEMA = [
    {"type": "strin"},
    {"type": []},
    {"type": ["string", "string"]},
    {"required": ["a", "a"]},
    {"required": [1]},
    {"minLength": -1},
    {"minItems": 1.5},
    {"minimum": True},
    {"enum": 3},
    {"properties": {"a": 3}},
    {"pattern": "^a"},  # well formed, but not judged here
    {"$ref": "#/$defs/a", "$defs": {"a": {}}},
    "not a schema",
]


@pytest.mark.parametrize("schema", WELL_FORMED, ids=str)
def test_well_formed_schemas_are_judged_so(schema: Any) -> None:
    assert _meta_valid(schema)
    assert schemacheck.well_formed(schema)


@pytest.mark.parametrize("schema", LEFT_TO_JSONSCHEMA, ids=str)
def test_other_schemas_are_left_to_jsonschema(schema: Any) -> None:
    assert not schemacheck.well_formed(schema)
