"""Helpers shared by the breaking-change rules (the ones `contractlint diff` runs)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any, NamedTuple

from contractlint.model import Document
from contractlint.rules._common import child
from contractlint.rules._vocabulary import (
    FOREIGN,
    ISO_EXAMPLE,
    SYNONYMS,
    TYPE_NAMES,
    version_segment,
)


def type_of(value: Any) -> str:
    """A field type in canonical form: `ISO-8601` -> `timestamp`, `0.0` -> `number`,
    `[string]` -> `[string]`, a mapping -> `object` (its fields compare one by one)."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "[" + (type_of(value[0]) if len(value) == 1 else "?") + "]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, datetime.datetime):
        return "timestamp"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in TYPE_NAMES:
            return lowered
        if lowered in SYNONYMS:
            return SYNONYMS[lowered]
        if lowered in FOREIGN:
            return FOREIGN[lowered]
        if ISO_EXAMPLE.match(value.strip()):
            return "timestamp" if len(value.strip()) > 10 else "date"
        return value.strip()
    return "?"


def fields(value: Any, pointer: str, label: str) -> Iterator[tuple[str, str, Any]]:
    """(pointer, dotted label, type value) for every field of a request/response, nested."""
    if isinstance(value, dict):
        for key, item in value.items():
            if str(key).startswith("x-"):
                continue
            here, name = child(pointer, str(key)), f"{label}.{key}"
            yield here, name, item
            yield from fields(item, here, name)
    elif isinstance(value, list) and len(value) == 1:
        yield from fields(value[0], f"{pointer}/0", f"{label}[]")


def field_map(document: Document, section: str) -> dict[str, tuple[str, Any]]:
    """pointer -> (label, type value) of ``section`` (request or response)."""
    return {
        p: (label, v) for p, label, v in fields(document.value.get(section), f"/{section}", section)
    }


class Changes(NamedTuple):
    """How a request or response changed, each change once: a field whose type changed
    (its fields are not compared: callers break on the field itself), and the topmost
    field gone or new (not each field inside it). Maps of pointer -> (label, type)."""

    retyped: dict[str, tuple[str, Any, Any]]  # pointer -> (label, old type, new type)
    removed: dict[str, tuple[str, Any]]
    added: dict[str, tuple[str, Any]]


def changes(old: Document, new: Document, section: str) -> Changes:
    """The changes of ``section`` (request or response) from ``old`` to ``new``; none
    when the endpoint moved to a new version (its callers move with it)."""
    if new_version(old, new):
        return Changes({}, {}, {})
    before, after = field_map(old, section), field_map(new, section)
    retyped = {
        p: (label, before[p][1], value)
        for p, (label, value) in after.items()
        if p in before and type_of(before[p][1]) != type_of(value)
    }

    def inside(pointer: str, changed: dict[str, Any]) -> bool:
        return any(pointer.startswith(p + "/") for p in changed)

    gone = {p: v for p, v in before.items() if p not in after}
    new_fields = {p: v for p, v in after.items() if p not in before}
    return Changes(
        retyped,
        {p: v for p, v in gone.items() if not inside(p, gone) and not inside(p, retyped)},
        {
            p: v
            for p, v in new_fields.items()
            if not inside(p, new_fields) and not inside(p, retyped)
        },
    )


def new_version(old: Document, new: Document) -> bool:
    """Whether the endpoint's version segment changed (`/v1/rank` -> `/v2/rank`): a new
    version of the API, which may change its fields."""
    was, now = old.value.get("endpoint"), new.value.get("endpoint")
    if not (isinstance(was, str) and isinstance(now, str)):
        return False
    return version_segment(was) != version_segment(now) and bool(version_segment(now))


def nearest(document: Document, pointer: str) -> str:
    """``pointer`` if the new document has it, else its nearest ancestor that it has."""
    while pointer and pointer not in document.spans:
        pointer = pointer.rsplit("/", 1)[0]
    return pointer
