"""Stage "validate": a document against its kind's JSON Schema -> hits for CL003/CL005.

Messages are written for the person fixing the file: they name the field as a
path (``sample_size.per_arm``), say what was expected and what was found, and
suggest the closest name for an unknown field. A value that is a placeholder
(``TBD``) or null is *missing*, not wrong: the rules report it, once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from contractlint import schemas
from contractlint.model import Document, Hit, RuleOptions
from contractlint.pipeline import schemacheck
from contractlint.pointer import from_path
from contractlint.rules._common import clip, fit
from contractlint.suggest import closest

if TYPE_CHECKING:
    from jsonschema import ValidationError

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "null": "null",
}
_VALUE_ERRORS = {"type", "enum", "const", "minLength", "pattern", "format"}


class Validation(NamedTuple):
    """Schema hits, and the pointers whose values the schema rejected."""

    hits: tuple[tuple[str, Hit], ...]
    rejected: frozenset[str]


def display(path: Sequence[Any]) -> str:
    """``["guardrails", 0, "metric"]`` -> ``guardrails[0].metric``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the document"


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the string `{value}`" if len(value) <= 30 else "a string"
    return f"`{clip(str(value), 30)}`"


def _read_as(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {clip(str(value), 20)}"
    if isinstance(value, float):
        return f"the number {clip(repr(value), 20)}"
    if isinstance(value, datetime.datetime):
        return "a timestamp"
    if isinstance(value, datetime.date):
        return "a date"
    return "a non-string value"


_VALID = Validation((), frozenset())


def validate(
    document: Document,
    options: RuleOptions,
    own: str | None = None,
    extension: str | None = None,
) -> Validation:
    """The schema hits of ``document``: against its kind's bundled schema and, when the
    configuration lays one over that kind, its ``extension``; or, for a kind the
    configuration declares, against that kind's schema alone (``own``). Both are a
    schema's JSON text as the configuration holds it (SPEC 8)."""
    validators: list[Any] = []
    if own is not None:
        validators.append(schemas.text_validator(own))
    else:
        if not schemacheck.is_valid(document.kind, document.value):
            validators.append(schemas.validator(document.kind))
        if extension is not None:
            validators.append(schemas.text_validator(extension))
    if not validators:
        return _VALID  # the common case, answered without jsonschema
    hits: list[tuple[str, Hit]] = []
    seen: set[tuple[str, Hit]] = set()
    rejected: set[str] = set()
    for validator in validators:
        for error in validator.iter_errors(document.value):
            for code, hit in _hits(error, document, options):
                # Said once: `required` fails once per missing field, each error naming
                # them all, and an extension may repeat what the bundled schema says.
                if (code, hit) in seen:
                    continue
                seen.add((code, hit))
                hits.append((code, hit))
                rejected.add(hit.pointer)
    return Validation(tuple(hits), frozenset(rejected))


def _is_field_example(path: Sequence[Any], instance: Any) -> bool:
    """A YAML date or timestamp given as a request/response field's type."""
    in_fields = len(path) >= 2 and path[0] in ("request", "response")
    return in_fields and isinstance(instance, (datetime.date, datetime.datetime))


def _is_missing(value: Any, options: RuleOptions) -> bool:
    return value is None or options.is_placeholder(value)


def _hits(
    error: ValidationError, document: Document, options: RuleOptions
) -> Iterable[tuple[str, Hit]]:
    path = list(error.absolute_path)
    pointer = from_path(path)
    where = display(path)
    kind = str(error.validator)
    rule_value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    # `status: n/a` is a declared value, and `N/A` a misspelling of one: neither is missing.
    declared = kind == "enum" and str(instance).strip().lower() in {
        str(choice).lower() for choice in schema.get("enum", ())
    }
    if kind in _VALUE_ERRORS and _is_missing(instance, options) and not declared:
        if path == ["name"] and instance is None:
            # Required by every kind, and no rule of its own: `name:` is reported here
            # (a placeholder `name: TBD` is CL009's).
            yield "CL003", Hit(pointer, "`name` is empty: the document needs a non-empty name")
        # ``p95: TBD`` is a missing value, which the rules report; not a type error.
        return
    if kind in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _hits(best_match(error.context), document, options)
        return
    if kind == "type" and _is_field_example(path, instance):
        return  # `context_ts: 2026-01-01` is a literal example of a date field (SPEC 1.1)
    if kind == "type":
        expected = rule_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        written = document.plain.get(pointer)
        if "string" in expected and written is not None and not isinstance(instance, str):
            yield (
                "CL005",
                Hit(
                    pointer,
                    fit(
                        "`{where}: {written}` is read as "
                        + _read_as(instance)
                        # a long value is said twice, not three times
                        + (", not the text `{written}`" if len(written) <= 12 else "")
                        + '; quote it: `"{written}"`',
                        where=where,
                        written=written,
                    ),
                ),
            )
            return
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        message = fit(
            "`{where}` must be {names}, not {found}",
            where=where,
            names=names,
            found=describe(instance),
        )
        yield "CL003", Hit(pointer, message)
        return
    if kind == "required":
        for name in rule_value:
            if isinstance(instance, dict) and name not in instance:
                owner = "the document" if not path else "`{where}`"
                message = fit(
                    owner + " is missing the required field `{name}`", where=where, name=name
                )
                yield "CL003", Hit(pointer, message)
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in instance:
            if key in allowed or any(re.search(p, key) for p in patterns):
                continue
            child = from_path([*path, key])
            near = closest(key, allowed, limit=1)
            if near:
                hint = "did you mean `{near}`?"
            elif any(re.search(p, "x-field") for p in patterns):
                hint = "fields of your own must start with `x-`"
            else:  # a team's schema (SPEC 8) that admits no `x-` field
                hint = "the schema allows no such field"
            owner = "" if not path else " in `{where}`"
            message = fit(
                "unknown field `{key}`" + owner + ": " + hint,
                key=key,
                where=where,
                near=near[0] if near else "",
            )
            yield "CL003", Hit(child, message, at_key=True)
        return
    if kind == "enum":
        choices = [str(c) for c in rule_value]
        near = closest(str(instance), choices, limit=1)
        hint = "; did you mean `{near}`?" if near else ""
        message = fit(
            "`{where}` must be one of {choices}, not {found}" + hint,
            where=where,
            choices=", ".join(choices),
            found=describe(instance),
            near=near[0] if near else "",
        )
        yield "CL003", Hit(pointer, message)
        return
    if kind == "const":
        yield (
            "CL003",
            Hit(pointer, fit("`{where}` must be `{value}`", where=where, value=rule_value)),
        )
        return
    bounds = {
        "minimum": "at least",
        "exclusiveMinimum": "greater than",
        "maximum": "at most",
        "exclusiveMaximum": "less than",
    }
    if kind in bounds:
        message = fit(
            "`{where}` must be {bound}, got {found}",
            where=where,
            bound=f"{bounds[kind]} {rule_value}",
            found=describe(instance),
        )
        yield "CL003", Hit(pointer, message)
        return
    if kind == "minLength":
        yield "CL003", Hit(pointer, fit("`{where}` must not be empty", where=where))
        return
    if kind in ("minProperties", "maxProperties") and isinstance(instance, dict):
        props = list(schema.get("properties", {}))
        if schema.get("minProperties") == 1 and schema.get("maxProperties") == 1 and props:
            names = " or ".join(f"`{p}`" for p in props)
            yield (
                "CL003",
                Hit(
                    pointer, fit("`{where}` needs exactly one of {names}", where=where, names=names)
                ),
            )
        else:
            yield (
                "CL003",
                Hit(pointer, fit("`{where}`: {problem}", where=where, problem=error.message)),
            )
        return
    if kind == "minItems":
        items = "1 item" if rule_value == 1 else f"{rule_value} items"
        yield "CL003", Hit(pointer, fit("`{where}` needs at least " + items, where=where))
        return
    yield "CL003", Hit(pointer, fit("`{where}`: {problem}", where=where, problem=error.message))
