"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, fast.

The standard library's encoder is pure Python as soon as it indents: on 2,000 files
it made a SARIF report three times slower than the text one. Two faster writers give
the same bytes for what our reports hold (strings, integers, booleans, null, lists
and mappings with string keys; never a float):

- a small report (the usual one: a few hundred findings) is written by
  :func:`_indented`, a plain writer that escapes strings with the standard library's
  C function; it takes about 1 µs a value, and nothing to import;
- a large one by orjson, ten to fifty times faster a value, but whose import (with
  ``dataclasses``, ``inspect``, ``uuid`` and ``platform``) costs about 9 ms, as much
  as writing a thousand findings. It spells some floats differently (``1e-5`` for
  ``1e-05``), which reports never hold.

A value either cannot write (a float, a lone surrogate for orjson, an integer over
64 bits) goes to the standard library. ``tests/test_encode.py`` holds the three to
the same bytes on generated values, and every format's report to holding no float.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, Callable

# From this many findings, orjson's import pays for itself (measured on SARIF, the
# format with the most values a finding; see docs/performance.md).
LARGE = 1000


class _Unwritable(Exception):
    """A value :func:`_indented` leaves to the standard library."""


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # a platform without its wheel: the standard library it is
        return None
    return orjson


def dumps(value: Any, sort_keys: bool = False, findings: int = 0) -> str:
    """``value`` as indented JSON text (two spaces), non-ASCII characters as they are;
    ``findings`` is how many findings it reports (it chooses the writer)."""
    if findings < LARGE:
        try:
            return _indented(value, sort_keys)
        except (_Unwritable, RecursionError):
            pass
    else:
        orjson = _orjson()
        if orjson is not None:
            option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
            try:
                written: bytes = orjson.dumps(value, option=option)
                return written.decode("utf-8")
            except (TypeError, orjson.JSONEncodeError):
                pass  # a lone surrogate: the standard library writes it escaped
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)


def _indented(value: Any, sort_keys: bool) -> str:
    """The standard library's indented text, for JSON values of the exact types
    ``str``, ``int``, ``bool``, ``None``, ``list`` and ``dict`` with ``str`` keys; raises
    :class:`_Unwritable` on anything else."""
    chunks: list[str] = []
    append = chunks.append
    string: Callable[[str], str] = encode_basestring

    def write(value: Any, newline: str) -> None:
        kind = type(value)
        if kind is str:
            append(string(value))
        elif kind is dict:
            if not value:
                append("{}")
                return
            inner = newline + "  "
            separator = "{" + inner
            for key in sorted(value) if sort_keys else value:
                if type(key) is not str:
                    raise _Unwritable(key)
                append(separator + string(key) + ": ")
                separator = "," + inner
                write(value[key], inner)
            append(newline + "}")
        elif kind is list:
            if not value:
                append("[]")
                return
            inner = newline + "  "
            separator = "[" + inner
            for item in value:
                append(separator)
                separator = "," + inner
                write(item, inner)
            append(newline + "]")
        elif value is None:
            append("null")
        elif value is True:
            append("true")
        elif value is False:
            append("false")
        elif kind is int:
            append(int.__repr__(value))
        else:
            raise _Unwritable(value)

    write(value, "\n")
    return "".join(chunks)
