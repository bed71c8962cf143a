from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import child, fit, is_missing, state_of
from contractlint.rules._vocabulary import FOREIGN, ISO_EXAMPLE, SYNONYMS, TYPE_NAMES
from contractlint.suggest import closest


def is_type_name(text: str) -> bool:
    lowered = text.strip().lower()
    return lowered in TYPE_NAMES or lowered in SYNONYMS or bool(ISO_EXAMPLE.match(text.strip()))


def suggestion(value: str) -> str | None:
    """The type a misspelled or foreign type name means (`str` -> `string`), if any."""
    foreign = FOREIGN.get(value.strip().lower())
    return foreign or next(iter(closest(value, [*TYPE_NAMES, "ISO-8601"], limit=1)), None)


def problem(value: Any, options: RuleOptions) -> tuple[str, ...] | None:
    """Why ``value`` is not a recognizable field type, in the wordings of a message (the
    full one first, shorter ones after) about the field ``{label}``, whose value is
    ``{value}``, what it holds ``{state}``, the type it may mean ``{type}``; None when
    it is a type."""
    if isinstance(value, str):
        if is_missing(value, options):
            return ("`{label}` {state}",)
        if is_type_name(value):
            return None
        if suggestion(value):
            return (
                "`{label}` has no recognizable type (`{value}`); did you mean `{type}`?",
                "`{label}: {value}` is no type; did you mean `{type}`?",
            )
        return (
            "`{label}` has no recognizable type (`{value}`); use a type from "
            "`contractlint explain CL501`",
            "`{label}: {value}` is no type: see `contractlint explain CL501`",
        )
    if value is None:
        return ("`{label}` has no type (null)",)
    if isinstance(value, (bool, int, float, datetime.date)):
        return None  # a literal example: `0.0` is a number, `true` a boolean
    if isinstance(value, list):
        if len(value) != 1:
            return (
                "`{label}` is a list without exactly one element type; write `[string]` for a list",
            )
        return None  # the element is checked on its own
    return None  # a mapping: an object whose fields are checked on their own


def _fields(value: Any, pointer: str, label: str) -> Iterator[tuple[str, str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).startswith("x-"):
                continue
            yield child(pointer, str(key)), f"{label}.{key}", item
            if isinstance(item, (dict, list)):
                yield from _fields(item, child(pointer, str(key)), f"{label}.{key}")
    elif isinstance(value, list) and len(value) == 1:
        item = value[0]
        yield f"{pointer}/0", f"{label}[]", item
        if isinstance(item, (dict, list)):
            yield from _fields(item, f"{pointer}/0", f"{label}[]")


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    for section in ("request", "response"):
        fields = document.value.get(section)
        if not isinstance(fields, dict):
            continue
        for pointer, label, value in _fields(fields, f"/{section}", section):
            wordings = problem(value, options)
            if wordings is None:
                continue
            text = str(value)
            message = fit(
                *wordings,
                label=label,
                value=text,
                state=state_of(value),
                type=suggestion(text) or "",
            )
            yield Hit(pointer, message)


RULE = registered(
    __name__,
    severity=Severity.ERROR,
    summary=(
        "a request/response field has no recognizable type (suggest the closest, `str` -> `string`)"
    ),
    check=check,
    doc=RuleDoc(
        what=(
            "A field under `request` or `response` is not typed with one of: a type name "
            "(`string`, `integer`, `number`, `boolean`, `timestamp`, `date`, `object`; "
            "`ISO-8601` and `datetime` mean `timestamp`), a literal example (`0.0`, `true`), "
            "a one-element list `[T]`, or a mapping of typed fields."
        ),
        why=(
            "The request and response are the interface two teams build against. A field "
            "typed `str`, `TBD` or `id` leaves each side to guess: the caller sends an integer "
            "user id, the model expects a string, and the mismatch surfaces as a silent "
            "cache miss or a 500 in production. Recognizable types are what schema tests in CI "
            "and client code generation are built from."
        ),
        bad=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request:\n"
            "  user_id: str\n"
            "  candidate_item_ids: [string]\n"
        ),
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "request:\n"
            "  user_id: string\n"
            "  candidate_item_ids: [string]\n"
        ),
        fix=(
            "Use the suggested type name (one of `string`, `integer`, `number`, `boolean`, "
            "`timestamp`, `date`, `object`), a literal example, `[T]` for lists, or a mapping."
        ),
        options="`placeholders`.",
    ),
)
