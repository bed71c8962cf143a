"""Small, pure helpers shared by rule checks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractlint.model import RuleOptions
from contractlint.pointer import child as child  # re-exported: the rules import it here

if TYPE_CHECKING:  # TypeGuard is in typing from Python 3.10; annotations are not evaluated
    from typing import TypeGuard


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


# The most a finding's message says: the problem and the shortest hint of the fix. The
# why and the examples are the rule's `explain` page (issue 19 item 11).
LIMIT = 120
_SHORTEST = 12  # a value is never cut shorter than this, whatever the template


def _one_line(text: str) -> str:
    """``text`` with each run of whitespace (newlines included) made one space."""
    return re.sub(r"\s+", " ", text)


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut in the middle with ``...`` when longer than ``limit``
    (``a/very/long/path/contract.yaml`` -> ``a/very/l...ntract.yaml``): a name or
    a path keeps its start and its end."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    if limit <= 5:
        return text[:limit]
    tail = (limit - 3) // 2
    return text[: limit - 3 - tail] + "..." + text[len(text) - tail :]


def fit(template: str, limit: int = LIMIT, **values: object) -> str:
    """``template.format(**values)`` in at most ``limit`` characters: each value on one
    line, and the longest values cut in the middle (:func:`clip`) only as far as needed.

    Each value gets a fair share of the room the fixed text leaves; a value shorter
    than its share leaves the rest to the longer ones.
    """
    from string import Formatter  # only when a message is written

    texts = {name: _one_line(str(value)) for name, value in values.items()}
    uses = Counter(name for _, name, _, _ in Formatter().parse(template) if name)
    room = limit - len(template.format(**dict.fromkeys(texts, "")))
    allowed: dict[str, int] = {}
    pending = sorted(texts, key=lambda name: len(texts[name]))
    while pending:
        share = max(room // max(sum(uses[name] for name in pending), 1), _SHORTEST)
        name = pending.pop(0)
        allowed[name] = min(len(texts[name]), share)
        room -= allowed[name] * uses[name]
    return template.format(**{name: clip(texts[name], allowed[name]) for name in texts})


def quoted(value: Any) -> str:
    """A value as a message quotes it: ``TBD`` in backquotes as written, but a blank
    string as ``an empty value`` (never an unreadable pair of backquotes); cut to 40
    characters."""
    text = clip(written(value), 40)
    return f"`{text}`" if text.strip() else "an empty value"


def state_of(value: Any) -> str:
    """What a field holds when it holds no value, as a message says it: ``is empty``
    (null, a blank string, ``{}``, ``[]``), ``lists only placeholders`` (``[TBD]``), or
    ``is a placeholder (`TBD`)``."""
    if (
        value is None
        or value == {}
        or value == []
        or (isinstance(value, str) and not value.strip())
    ):
        return "is empty"
    if isinstance(value, list):
        return "lists only placeholders"
    return f"is a placeholder ({quoted(value)})"
