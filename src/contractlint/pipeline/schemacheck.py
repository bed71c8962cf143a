"""A fast yes/no answer to "does this value pass its kind's JSON Schema?".

Most documents pass their schema. Asking the ``jsonschema`` library costs about
a millisecond a document and 80 ms of imports per process; this module compiles
each bundled schema once into plain Python checks that answer in microseconds.
Only a document that fails is handed to ``jsonschema`` (in ``validate``), which
then explains every error. The verdict must equal ``jsonschema``'s Draft 2020-12
verdict; ``tests/test_schemacheck.py`` compares the two on generated documents.

Only the keywords the bundled schemas use are compiled. A schema with any other
keyword raises ``Unsupported`` and ``validate`` falls back to ``jsonschema``
alone, so adding a keyword to a schema can slow a run down but never change it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from contractlint import schemas
from contractlint.pointer import tokens

Check = Callable[[Any], bool]

# Keywords that never change the verdict.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"}
    | {"deprecated", "readOnly", "writeOnly"}
)


class Unsupported(Exception):
    """The schema uses a keyword this module does not compile."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    # Draft 2020-12: 1.0 is an integer.
    if isinstance(value, float):
        return value.is_integer()
    return isinstance(value, int) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "null": lambda value: value is None,
    "boolean": lambda value: isinstance(value, bool),
    "integer": _is_integer,
    "number": _is_number,
    "string": lambda value: isinstance(value, str),
    "array": lambda value: isinstance(value, list),
    "object": lambda value: isinstance(value, dict),
}


def _equal(one: Any, two: Any) -> bool:
    """JSON equality, as ``enum`` and ``const`` use it: ``true`` is not ``1``."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if isinstance(one, str) or isinstance(two, str):
        return isinstance(one, str) and isinstance(two, str) and one == two
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two))
    if isinstance(one, (dict, list)) or isinstance(two, (dict, list)):
        return False
    return bool(one == two)


def _always(value: Any) -> bool:
    return True


def _never(value: Any) -> bool:
    return False


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            raise Unsupported(f"a schema must be a mapping or a boolean, not {schema!r}")
        if "$id" in schema and schema is not self.root:
            # A nested $id changes what its $refs resolve against: not compiled.
            raise Unsupported("a $id below the root")
        unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise Unsupported(f"keywords not compiled: {sorted(unknown)}")
        checks = [_KEYWORDS[k](self, schema[k], schema) for k in _KEYWORDS if k in schema]
        checks = [c for c in checks if c is not _always]
        if not checks:
            return _always
        return _every(checks)

    def ref(self, ref: Any, schema: dict[str, Any]) -> Check:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported(f"only local references are compiled, not {ref!r}")
        if ref not in self.refs:
            cell: list[Check] = []
            self.refs[ref] = lambda value: cell[0](value)  # recursion-safe stand-in
            target: Any = self.root
            if ref != "#" and not ref.startswith("#/"):
                raise Unsupported(f"unresolvable reference {ref!r}")  # an anchor: no pointer
            for key in tokens(ref[1:]):
                if not isinstance(target, dict) or key not in target:
                    raise Unsupported(f"unresolvable reference {ref!r}")
                target = target[key]
            cell.append(self.compile(target))
            self.refs[ref] = cell[0]
        return self.refs[ref]


def _type(compiler: _Compiler, expected: Any, schema: dict[str, Any]) -> Check:
    names = [expected] if isinstance(expected, str) else list(expected)
    if any(name not in _TYPES for name in names):
        raise Unsupported(f"unknown type in {expected!r}")
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


def _enum(compiler: _Compiler, choices: Any, schema: dict[str, Any]) -> Check:
    if all(isinstance(c, str) for c in choices):
        allowed = frozenset(choices)
        return lambda value: isinstance(value, str) and value in allowed
    return lambda value: any(_equal(value, choice) for choice in choices)


def _const(compiler: _Compiler, constant: Any, schema: dict[str, Any]) -> Check:
    return lambda value: _equal(value, constant)


def _min_length(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) >= limit


def _max_length(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, str) or len(value) <= limit


def _min_items(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, list) or len(value) >= limit


def _max_items(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, list) or len(value) <= limit


def _contains(compiler: _Compiler, sub: Any, schema: dict[str, Any]) -> Check:
    each = compiler.compile(sub)  # without minContains (not compiled): at least one item
    return lambda value: not isinstance(value, list) or any(each(item) for item in value)


def _bound(test: Callable[[Any, Any], bool]) -> Callable[[_Compiler, Any, dict[str, Any]], Check]:
    def make(compiler: _Compiler, limit: Any, schema: dict[str, Any]) -> Check:
        return lambda value: not _is_number(value) or test(value, limit)

    return make


def _required(compiler: _Compiler, names: Any, schema: dict[str, Any]) -> Check:
    wanted = frozenset(names)
    return lambda value: not isinstance(value, dict) or value.keys() >= wanted


def _min_properties(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) >= limit


def _max_properties(compiler: _Compiler, limit: int, schema: dict[str, Any]) -> Check:
    return lambda value: not isinstance(value, dict) or len(value) <= limit


def _items(compiler: _Compiler, items: Any, schema: dict[str, Any]) -> Check:
    each = compiler.compile(items)
    if each is _always:
        return _always

    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not each(item):
                    return False
        return True

    return check


def _every(checks: list[Check]) -> Check:
    """All of ``checks``, in order, stopping at the first that fails. Written out for two
    and three (most schemas): a generator under ``all()`` cost a fifth of validation."""
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda value: first(value) and second(value)
    if len(checks) == 3:
        first, second, third = checks
        return lambda value: first(value) and second(value) and third(value)

    def every(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 - all() over a generator is the slow path
            if not check(value):
                return False
        return True

    return every


def _property_names(compiler: _Compiler, names: Any, schema: dict[str, Any]) -> Check:
    each = compiler.compile(names)
    if each is _always:
        return _always
    return lambda value: not isinstance(value, dict) or all(each(key) for key in value)


def _properties(compiler: _Compiler, properties: Any, schema: dict[str, Any]) -> Check:
    """``properties``, ``patternProperties`` and ``additionalProperties``, together."""
    named = {key: compiler.compile(sub) for key, sub in properties.items()}
    patterns = [
        (_key_test(pattern), compiler.compile(sub))
        for pattern, sub in schema.get("patternProperties", {}).items()
    ]
    other = compiler.compile(schema.get("additionalProperties", True))

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key, item in value.items():
            known = named.get(key) if isinstance(key, str) else None
            matched = known is not None
            if known is not None and not known(item):
                return False
            if patterns and isinstance(key, str):
                for test, sub in patterns:
                    if test(key):
                        matched = True
                        if sub is not _always and not sub(item):
                            return False
            if not matched and not other(item):
                return False
        return True

    return check


def _key_test(pattern: str) -> Callable[[str], bool]:
    """Whether a key matches a ``patternProperties`` pattern. ``^x-`` (the extension keys
    every schema of ours allows) and any other ``^`` and plain characters is a prefix
    test, without the regex engine for every key of every mapping."""
    prefix = pattern[1:]
    if pattern.startswith("^") and not re.search(r"[\\.^$*+?{}\[\]|()]", prefix):
        return lambda key: key.startswith(prefix)
    compiled = re.compile(pattern)
    return lambda key: compiled.search(key) is not None


def _no_properties(compiler: _Compiler, value: Any, schema: dict[str, Any]) -> Check:
    """``patternProperties`` or ``additionalProperties`` without ``properties``."""
    if "properties" in schema:
        return _always  # compiled with ``properties``
    return _properties(compiler, {}, schema)


_KEYWORDS: dict[str, Callable[[_Compiler, Any, dict[str, Any]], Check]] = {
    "type": _type,
    "$ref": lambda compiler, ref, schema: compiler.ref(ref, schema),
    "const": _const,
    "enum": _enum,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minItems": _min_items,
    "maxItems": _max_items,
    "contains": _contains,
    # Written as jsonschema tests them (what fails), so NaN passes every bound there too.
    "minimum": _bound(lambda value, limit: not value < limit),
    "maximum": _bound(lambda value, limit: not value > limit),
    "exclusiveMinimum": _bound(lambda value, limit: not value <= limit),
    "exclusiveMaximum": _bound(lambda value, limit: not value >= limit),
    "required": _required,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "properties": _properties,
    "patternProperties": _no_properties,
    "additionalProperties": lambda compiler, value, schema: (
        _always
        if "properties" in schema or "patternProperties" in schema
        # ``patternProperties`` compiles ``additionalProperties`` too
        else _properties(compiler, {}, schema)
    ),
    "propertyNames": _property_names,
    "items": _items,
}


def compile_schema(schema: dict[str, Any]) -> Check:
    """Compile one schema (raises ``Unsupported``)."""
    return _Compiler(schema).compile(schema)


def well_formed(schema: Any) -> bool:
    """True when ``schema`` is a Draft 2020-12 schema made only of the keywords this
    module compiles, each with a value of the form the meta-schema requires; False when
    that cannot be told here (a malformed schema, or another keyword), and
    ``jsonschema`` must judge it. A team rule's schema is checked so when the
    configuration is read, without importing ``jsonschema`` (60 ms) for the common case.
    ``tests/test_schemacheck.py`` holds every True to ``check_schema``'s verdict."""
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for key, value in schema.items():
        form = _FORMS.get(key)
        if form is None or not form(value):
            return False
    return True


def _non_negative_integer(value: Any) -> bool:
    return _is_integer(value) and value >= 0


def _unique_strings(value: Any) -> bool:
    return (
        isinstance(value, list)
        and all(isinstance(item, str) for item in value)
        and len(set(value)) == len(value)
    )


def _type_form(value: Any) -> bool:
    if isinstance(value, str):
        return value in _TYPES
    return _unique_strings(value) and bool(value) and all(name in _TYPES for name in value)


def _schemas(value: Any) -> bool:
    return isinstance(value, dict) and all(well_formed(sub) for sub in value.values())


# What the meta-schema asks of each keyword's value. Not here (so left to jsonschema):
# $ref, $id, $schema and patternProperties, whose values have formats to check.
_FORMS: dict[str, Callable[[Any], bool]] = {
    "type": _type_form,
    "const": _always,
    "enum": lambda value: isinstance(value, list),
    "minLength": _non_negative_integer,
    "maxLength": _non_negative_integer,
    "minItems": _non_negative_integer,
    "maxItems": _non_negative_integer,
    "contains": well_formed,
    "minProperties": _non_negative_integer,
    "maxProperties": _non_negative_integer,
    "minimum": _is_number,
    "maximum": _is_number,
    "exclusiveMinimum": _is_number,
    "exclusiveMaximum": _is_number,
    "required": _unique_strings,
    "properties": _schemas,
    "additionalProperties": well_formed,
    "propertyNames": well_formed,
    "items": well_formed,
    "$defs": _schemas,
    "$comment": lambda value: isinstance(value, str),
    "title": lambda value: isinstance(value, str),
    "description": lambda value: isinstance(value, str),
    "examples": lambda value: isinstance(value, list),
    "default": _always,
    "deprecated": lambda value: isinstance(value, bool),
    "readOnly": lambda value: isinstance(value, bool),
    "writeOnly": lambda value: isinstance(value, bool),
}


@functools.cache
def checker(kind: str) -> Check | None:
    """The compiled check for a kind's schema, or None when it cannot be compiled."""
    try:
        return compile_schema(schemas.load_schema(kind))
    except Unsupported:
        return None


def is_valid(kind: str, value: Any) -> bool | None:
    """True or False as ``jsonschema`` would answer; None: ask ``jsonschema``."""
    check = checker(kind)
    if check is None:
        return None
    try:
        return check(value)
    except (TypeError, ValueError, RecursionError):
        return None  # e.g. comparing a number with a bound of another type
