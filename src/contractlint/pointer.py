"""JSON pointers (RFC 6901), the one place that writes and reads them.

A finding, a span and a suppression name a node by its pointer: ``""`` is the
document, ``/guardrails/0/max`` a node inside it. In a token, ``~`` is written
``~0`` and ``/`` is written ``~1`` (in that order, so that ``~1`` in a key comes
back as ``~1``, not as ``/``); a list index is its decimal number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def escape(key: str) -> str:
    """A mapping key as a pointer token: ``a/b~c`` -> ``a~1b~0c``."""
    if "~" not in key and "/" not in key:  # nearly every key: no new string
        return key
    return key.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """A pointer token as the key it names: ``a~1b~0c`` -> ``a/b~c``."""
    return token.replace("~1", "/").replace("~0", "~")


def child(pointer: str, key: str | int) -> str:
    """The pointer of ``key`` (a mapping key, or a list index) in the node at ``pointer``."""
    return f"{pointer}/{escape(str(key))}"


def from_path(parts: Iterable[Any]) -> str:
    """The pointer of a path of keys and indexes: ``["a/b", 0]`` -> ``/a~1b/0``."""
    return "".join("/" + escape(str(part)) for part in parts)


def tokens(pointer: str) -> list[str]:
    """The keys (unescaped) and indexes (as text) that ``pointer`` is made of: the
    document's pointer ``""`` has none, ``/`` has one, the empty key."""
    return [unescape(token) for token in pointer.split("/")[1:]]


def resolve(value: Any, pointer: str | Sequence[str]) -> Any:
    """The node at ``pointer`` (or at its ``tokens``) in a plain value of dicts and
    lists; None when there is none (a missing key, an index past the end, or a
    scalar on the way)."""
    for token in tokens(pointer) if isinstance(pointer, str) else pointer:
        if isinstance(value, dict):
            value = value.get(token)
        elif isinstance(value, list) and _index(token) and int(token) < len(value):
            value = value[int(token)]
        else:
            return None
    return value


def _index(token: str) -> bool:
    """RFC 6901's array index: ``0``, or ASCII digits without a leading zero (``01`` and
    ``٣`` name no item)."""
    return token.isdecimal() and token.isascii() and (token == "0" or token[0] != "0")


def problem(pointer: str) -> str | None:
    """Why ``pointer`` is no RFC 6901 JSON pointer (None when it is one): it starts
    with ``/`` (or is empty), and each ``~`` is followed by ``0`` or ``1``."""
    if pointer and not pointer.startswith("/"):
        return "a JSON Pointer starts with `/`"
    if pointer.replace("~0", "").replace("~1", "").count("~"):
        return "`~` is written `~0` and `/` is written `~1`; no other `~` is allowed"
    return None
