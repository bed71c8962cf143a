"""Small, pure helpers shared by rule checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractlint.model import RuleOptions

if TYPE_CHECKING:  # TypeGuard is in typing from Python 3.10; annotations are not evaluated
    from typing import TypeGuard


def child(pointer: str, key: str) -> str:
    return f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"


def is_missing(value: Any, options: RuleOptions) -> bool:
    """Absent, null, or a placeholder such as ``TBD``."""
    return value is None or options.is_placeholder(value)


def is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def where_missing(parent: Any, parent_pointer: str, key: str) -> str:
    """Point at the field when it is present (null or a placeholder), else at its mapping."""
    if isinstance(parent, Mapping) and key in parent:
        return child(parent_pointer, key)
    return parent_pointer


def get(mapping: Any, key: str) -> Any | None:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def written(value: Any) -> str:
    """A value in YAML flow style, the way a contract writes it: `[string]`, `{a: b}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {written(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(written(item) for item in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def shown(value: Any) -> str:
    """A value as a message shows it: as written (``TBD`` stays ``TBD``, null is
    ``null``, a mapping ``{a: b}``), cut to 80 characters."""
    text = written(value)
    return text if len(text) <= 80 else text[:77] + "..."


def absent(value: Any, options: RuleOptions, *path: str) -> str | None:
    """Where to report the field at ``path`` when it is missing, null or a placeholder.

    Returns the pointer of the field itself when it is present but empty of
    meaning, of the deepest mapping that should hold it otherwise, and None
    when the field has a value. A parent of the wrong type returns the
    parent's pointer, which the engine drops because the schema rejected it.
    """
    pointer = ""
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return pointer
        value, pointer = value[key], child(pointer, key)
        if is_missing(value, options):
            return pointer
    return None


def is_empty(value: Any, options: RuleOptions) -> bool:
    """Missing, an empty mapping, or a list with nothing but placeholders (`[TBD]`)."""
    if is_missing(value, options) or value == {}:
        return True
    return isinstance(value, list) and all(is_missing(item, options) for item in value)
