"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, fast.

The standard library's encoder is pure Python as soon as it indents: on 2,000 files
it made a SARIF report three times slower than the text one. orjson writes the same
bytes for what our reports hold (strings, integers, booleans, null, lists and
mappings with string keys; never a float, which it would spell ``1e-5`` where Python
writes ``1e-05``) ten to fifty times faster, and is used when it is installed. A value
it cannot write (a lone surrogate, an integer over 64 bits) goes to the standard
library. ``tests/test_encode.py`` holds the two to the same bytes on generated
values, and every format's report to holding no float.
"""

from __future__ import annotations

import json
from typing import Any


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # a platform without its wheel: the standard library it is
        return None
    return orjson


def dumps(value: Any, sort_keys: bool = False) -> str:
    """``value`` as indented JSON text (two spaces), non-ASCII characters as they are."""
    orjson = _orjson()
    if orjson is not None:
        option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
        try:
            written: bytes = orjson.dumps(value, option=option)
            return written.decode("utf-8")
        except (TypeError, orjson.JSONEncodeError):
            pass  # a lone surrogate: the standard library writes it escaped
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys)
