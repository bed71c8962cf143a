"""Stage "validate": a document against its kind's JSON Schema -> hits for CL003/CL005.

Messages are written for the person fixing the file: they name the field as a
path (``sample_size.per_arm``), say what was expected and what was found, and
suggest the closest name for an unknown field. A value that is a placeholder
(``TBD``) or null is *missing*, not wrong: the rules report it, once. A number that is
not finite (``.nan``, ``.inf``) is wrong wherever the schema wants a number, although
JSON Schema lets it pass: every computation with it is meaningless.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from contractlint import schemas
from contractlint.model import Document, Hit, RuleOptions
from contractlint.pipeline import schemacheck
from contractlint.pointer import child, from_path
from contractlint.rules._common import clip, dotted, fit
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
    """Schema hits, and the pointers the rules stay silent about: each value the schema
    rejected, and each absent field it found misspelled (``fallbak``: did you mean
    ``fallback``?), so that the rule that asks for the field does not say it again."""

    hits: tuple[tuple[str, Hit], ...]
    rejected: frozenset[str]


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return f"`{_non_finite_text(value)}`"
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
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, datetime.datetime):
        return "a timestamp"
    if isinstance(value, datetime.date):
        return "a date"
    return "a non-string value"


def _non_finite_text(value: float) -> str:
    """NaN or an infinity as YAML writes it: ``.nan``, ``.inf``, ``-.inf``."""
    return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"


def _is_non_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


# A float YAML 1.1 reads as text: an exponent without a dot or without a sign (`1e12`).
_EXPONENT = re.compile(r"([-+]?(?:\d+\.?\d*|\.\d+))[eE]([-+]?)(\d+)")
# How a boolean looks; YAML 1.1 also reads `on`, `yes`, `n` and more as one.
_BOOLEAN_WORDS = frozenset({"true", "false"})
# A group of a number's digits after a thousands separator (`82,000` in a flow mapping
# is `82` and a key `000`).
_DIGITS = re.compile(r"\d{3}")
# A number written with thousands separators, which YAML reads as text (`82,000`).
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")

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
    hits = _non_finite(document, options)
    if not validators and not hits:
        return _VALID  # the common case, answered without jsonschema
    seen: set[tuple[str, Hit]] = set(hits)
    rejected: set[str] = {hit.pointer for _, hit in hits}
    for validator in validators:
        for error in validator.iter_errors(document.value):
            for code, hit in _hits(error, document, options, rejected):
                # Said once: `required` fails once per missing field, each error naming
                # them all, and an extension may repeat what the bundled schema says.
                if (code, hit) in seen:
                    continue
                seen.add((code, hit))
                hits.append((code, hit))
                rejected.add(hit.pointer)
    return Validation(tuple(hits), frozenset(rejected))


def _non_finite(document: Document, options: RuleOptions) -> list[tuple[str, Hit]]:
    """CL003 for each NaN or infinity where the schema wants a number (JSON Schema, and
    so the compiled check, lets them pass). Every document is walked: a few
    microseconds, and the only way to catch them before a rule computes with them."""
    hits: list[tuple[str, Hit]] = []
    if not any(map(_could_be_unbounded, document.plain.values())):
        return hits  # every float is a plain scalar of the document: none can be one
    for pointer, value in _unbounded(document.value, ""):
        field = schemas.subschema(document.kind, pointer, options.declared_kinds)
        types = field.get("type")
        wanted = {types} if isinstance(types, str) else set(types or ())
        if not (wanted & {"number", "integer"} and wanted <= {"number", "integer", "null"}):
            continue  # a mixed type (a field type's example, a constraint): any value does
        message = fit(
            "`{where}` must be a finite number, not `{written}`",
            where=dotted(pointer),
            written=document.plain.get(pointer) or _non_finite_text(value),
        )
        hits.append(("CL003", Hit(pointer, message)))
    return hits


def _could_be_unbounded(text: str) -> bool:
    """Whether a number written as ``text`` may be NaN or infinite: `.inf`, `-.inf`,
    `.nan`, or an exponent that overflows (`1.0e+999`); a plain `1.5` or a date is not."""
    lowered = text.lower()
    return text[:1] in "+-.0123456789" and ("n" in lowered or "e" in lowered)


def _unbounded(value: Any, pointer: str) -> Iterator[tuple[str, float]]:
    """Each NaN and infinity below ``value``, with its pointer."""
    if isinstance(value, dict):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, item in items:
        if isinstance(item, float):
            if not math.isfinite(item):
                yield child(pointer, str(key)), item
        elif isinstance(item, (dict, list)):
            yield from _unbounded(item, child(pointer, str(key)))


def _is_field_example(path: Sequence[Any], instance: Any) -> bool:
    """A YAML date or timestamp given as a request/response field's type."""
    in_fields = len(path) >= 2 and path[0] in ("request", "response")
    return in_fields and isinstance(instance, (datetime.date, datetime.datetime))


def _is_missing(value: Any, options: RuleOptions) -> bool:
    return value is None or options.is_placeholder(value)


def _suggestions(
    instance: dict[str, Any], schema: dict[str, Any], options: RuleOptions
) -> dict[str, str | None]:
    """Each key of ``instance`` that ``schema`` does not allow, with the closest field it
    names (None when none is close)."""
    allowed = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    # Only a field without a value: `p59` next to `p50: 40` is not `p50`; `fallbak` next
    # to `fallback: TBD` is the fallback being written.
    missing = [name for name in allowed if _is_missing(instance.get(name), options)]
    return {
        key: next(iter(closest(key, missing, limit=1)), None)
        for key in instance
        if key not in allowed and not any(re.search(p, key) for p in patterns)
    }


def _split_number(instance: dict[str, Any], key: str) -> tuple[str, str] | None:
    """For digits that a thousands separator split off a number in a flow mapping
    (``{per_arm: 82,000}`` is ``{per_arm: 82, "000": null}``): the field that holds the
    number and the number written whole (``per_arm``, ``82000``) when ``key`` is the
    first such key, ``("", "")`` when it is a later one (the same number, said once);
    None when ``key`` is no such digits."""
    keys = list(instance)
    at = keys.index(key)
    start = at
    while start > 0 and _DIGITS.fullmatch(keys[start]) and instance[keys[start]] is None:
        start -= 1
    field = keys[start]
    number = instance[field]
    if start == at or not isinstance(number, int) or isinstance(number, bool):
        return None
    if start + 1 < at:
        return "", ""
    end = at
    while end + 1 < len(keys) and _DIGITS.fullmatch(keys[end + 1]):
        if instance[keys[end + 1]] is not None:
            break
        end += 1
    return field, str(number) + "".join(keys[at : end + 1])


def _as_read(instance: Any, written: str | None) -> tuple[str, str]:
    """A wrong value as a message shows it, and what YAML 1.1 made of it when that is
    the mistake: ``on`` read as the boolean true, ``1e12`` and ``82,000`` read as text.
    ``written``: the value's text when it was a plain scalar other than a string."""
    if isinstance(instance, bool) and written is not None and written.lower() not in _BOOLEAN_WORDS:
        read = describe(instance)
        return f"`{written}`", f" (YAML 1.1 reads `{written}` as the boolean {read})"
    if isinstance(instance, str):
        exponent = _EXPONENT.fullmatch(instance)
        if exponent:
            mantissa, sign, digits = exponent.groups()
            if "." not in mantissa:
                mantissa += ".0"
            elif mantissa.endswith("."):
                mantissa += "0"
            as_float = f"{mantissa}e{sign or '+'}{digits}"
            return describe(instance), f"; YAML 1.1 reads it as text: write `{as_float}`"
        if _THOUSANDS.fullmatch(instance):
            return describe(instance), f"; write `{instance.replace(',', '')}`"
    return describe(instance), ""


def _hits(
    error: ValidationError, document: Document, options: RuleOptions, rejected: set[str]
) -> Iterable[tuple[str, Hit]]:
    """The hits of one of ``jsonschema``'s errors. ``rejected`` holds the pointers found
    so far that the rules stay silent about; a hit may add more (the field a misspelled
    key stands for, the number a thousands separator split)."""
    path = list(error.absolute_path)
    pointer = from_path(path)
    where = dotted(pointer)
    kind = str(error.validator)
    rule_value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if _is_non_finite(instance) and pointer in rejected:
        return  # `_non_finite` said it: not a finite number
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

        yield from _hits(best_match(error.context), document, options, rejected)
        return
    if kind == "type" and _is_field_example(path, instance):
        return  # `context_ts: 2026-01-01` is a literal example of a date field (SPEC 1.1)
    if kind == "type":
        expected = rule_value
        expected = [expected] if isinstance(expected, str) else list(expected)
        written = document.plain.get(pointer)
        if "string" in expected and written is not None and not isinstance(instance, str):
            wordings = [
                '`{where}: {written}` is read as {read}; quote it: `"{written}"`',
                "`{where}: {written}` is not read as text; quote it",
            ]
            if len(written) <= 12:  # a long value is said twice, not three times
                wordings.insert(
                    0,
                    "`{where}: {written}` is read as {read}, not the text `{written}`; "
                    'quote it: `"{written}"`',
                )
            message = fit(*wordings, where=where, written=written, read=_read_as(instance))
            yield "CL005", Hit(pointer, message)
            return
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        found, why = _as_read(instance, written)
        message = fit(
            "`{where}` must be {names}, not {found}{why}",
            where=where,
            names=names,
            found=found,
            why=why,
        )
        yield "CL003", Hit(pointer, message)
        return
    if kind == "required" and isinstance(instance, dict):
        # `stauts: done` is reported once, as a misspelling of `status`.
        suggested = set(_suggestions(instance, schema, options).values())
        for name in rule_value:
            if name not in instance and name not in suggested:
                owner = "the document" if not path else "`{where}`"
                message = fit(
                    owner + " is missing the required field `{name}`", where=where, name=name
                )
                yield "CL003", Hit(pointer, message)
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        patterns = list(schema.get("patternProperties", {}))
        for key, near in _suggestions(instance, schema, options).items():
            split = _split_number(instance, key) if _DIGITS.fullmatch(key) else None
            number = ""
            if split == ("", ""):
                continue  # `1,234,567`: said with `234`
            if split:
                near, number = split
                hint = "a thousands separator splits `{near}`; write `{near}: {number}`"
                rejected.add(from_path([*path, near]))  # its value is not what was meant
            elif near:
                hint = "did you mean `{near}`?"
                if near not in instance:  # the rule that asks for it stays silent
                    rejected.add(from_path([*path, near]))
            elif any(re.search(p, "x-field") for p in patterns):
                hint = "fields of your own must start with `x-`"
            else:  # a team's schema (SPEC 8) that admits no `x-` field
                hint = "the schema allows no such field"
            owner = "" if not path else " in `{where}`"
            message = fit(
                "unknown field `{key}`" + owner + ": " + hint,
                key=key,
                where=where,
                near=near or "",
                number=number,
            )
            yield "CL003", Hit(from_path([*path, key]), message, at_key=True)
        return
    if kind == "enum":
        choices = [str(c) for c in rule_value]
        closest_choice = closest(str(instance), choices, limit=1)
        hint = "; did you mean `{near}`?" if closest_choice else ""
        found, why = _as_read(instance, document.plain.get(pointer))
        message = fit(
            "`{where}` must be one of {choices}, not {found}{why}" + hint,
            where=where,
            choices=", ".join(choices),
            found=found,
            why=why,
            near=closest_choice[0] if closest_choice else "",
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
