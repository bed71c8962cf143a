"""Small, pure helpers shared by rule checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contractlint.model import RuleOptions


def child(pointer: str, key: str) -> str:
    return f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"


def is_missing(value: Any, options: RuleOptions) -> bool:
    """Absent, null, or a placeholder such as ``TBD``."""
    return value is None or options.is_placeholder(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def where_missing(parent: Any, parent_pointer: str, key: str) -> str:
    """Point at the field when it is present (null or a placeholder), else at its mapping."""
    if isinstance(parent, Mapping) and key in parent:
        return child(parent_pointer, key)
    return parent_pointer


def get(mapping: Any, key: str) -> Any | None:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def shown(value: Any) -> str:
    """A value as a message shows it: ``TBD`` stays ``TBD``, null is ``null``."""
    return "null" if value is None else str(value)
