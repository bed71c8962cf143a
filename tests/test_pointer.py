"""JSON pointers (RFC 6901): ``contractlint.pointer`` against the RFC's own examples and
against an independent implementation (``referencing``, what ``jsonschema`` resolves
``$ref`` with), over generated keys full of ``~``, ``/``, ``~0``, ``~1`` and empty
strings."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from referencing import Registry, Resource

from contractlint import pointer

# Keys that the escaping must get right: every mix of `~`, `/`, `0`, `1` (`~01`, `/~1`,
# `~~`, ...) and the empty key, besides any text.
TRICKY = st.text(alphabet="~/01", max_size=6)
KEYS = st.one_of(TRICKY, st.text(max_size=8), st.sampled_from(["", "~", "/", "~0", "~1", "~01"]))
PATHS = st.lists(st.one_of(KEYS, st.integers(min_value=0, max_value=20)), max_size=6)

# RFC 6901, section 5: the document and what each pointer evaluates to.
RFC_DOCUMENT: dict[str, Any] = {
    "foo": ["bar", "baz"],
    "": 0,
    "a/b": 1,
    "c%d": 2,
    "e^f": 3,
    "g|h": 4,
    "i\\j": 5,
    'k"l': 6,
    " ": 7,
    "m~n": 8,
}
RFC_EXAMPLES = [
    ("", RFC_DOCUMENT),
    ("/foo", ["bar", "baz"]),
    ("/foo/0", "bar"),
    ("/", 0),
    ("/a~1b", 1),
    ("/c%d", 2),
    ("/e^f", 3),
    ("/g|h", 4),
    ("/i\\j", 5),
    ('/k"l', 6),
    ("/ ", 7),
    ("/m~0n", 8),
]


def _nested(path: list[str | int], leaf: Any) -> Any:
    """A document holding ``leaf`` at ``path`` (an index ``i`` is a list of ``i + 1``
    items, ``leaf``'s branch last)."""
    value = leaf
    for part in reversed(path):
        value = [None] * part + [value] if isinstance(part, int) else {part: value}
    return value


def _referencing(document: Any, json_pointer: str) -> Any:
    """What ``referencing`` finds at ``json_pointer`` (an opaque resource: no ``$id``). It
    reads a URI fragment, which it percent-decodes: so the pointer is percent-encoded."""
    fragment = quote(json_pointer, safe="/~")
    return Resource.opaque(document).pointer(fragment, Registry().resolver()).contents


# --- escaping --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "token"),
    [
        ("", ""),
        ("a", "a"),
        ("~", "~0"),
        ("/", "~1"),
        ("a/b", "a~1b"),
        ("m~n", "m~0n"),
        ("~1", "~01"),  # not "~1": `~` is escaped first
        ("/0", "~10"),
        ("~/", "~0~1"),
        ("//~~", "~1~1~0~0"),
    ],
)
def test_escape_and_unescape_by_hand(key: str, token: str) -> None:
    assert pointer.escape(key) == token
    assert pointer.unescape(token) == key


def test_unescape_reads_01_as_a_tilde_then_1() -> None:
    # RFC 6901, section 4: `~01` is `~1` (first `~1` -> `/`, then `~0` -> `~`), not `/`.
    assert pointer.unescape("~01") == "~1"
    assert pointer.unescape("~10") == "/0"


@given(KEYS)
@example("~01")
@example("")
def test_unescape_undoes_escape(key: str) -> None:
    token = pointer.escape(key)
    assert "/" not in token
    assert pointer.unescape(token) == key


@given(PATHS)
def test_tokens_undo_from_path(path: list[str | int]) -> None:
    built = pointer.from_path(path)
    assert built == "".join(pointer.child("", part) for part in path)
    assert pointer.tokens(built) == [str(part) for part in path]


def test_from_path_and_child() -> None:
    assert pointer.from_path([]) == ""
    assert pointer.from_path([""]) == "/"
    assert pointer.from_path(["guardrails", 0, "max"]) == "/guardrails/0/max"
    assert pointer.from_path(["a/b", "~", 3]) == "/a~1b/~0/3"
    assert pointer.child("/x", "a/b~") == "/x/a~1b~0"
    assert pointer.child("", 2) == "/2"


def test_tokens() -> None:
    assert pointer.tokens("") == []
    assert pointer.tokens("/") == [""]
    assert pointer.tokens("//") == ["", ""]
    assert pointer.tokens("/a~1b/~01/0") == ["a/b", "~1", "0"]


# --- resolving -------------------------------------------------------------------------


@pytest.mark.parametrize(("json_pointer", "expected"), RFC_EXAMPLES)
def test_resolve_the_rfc_examples(json_pointer: str, expected: Any) -> None:
    assert pointer.resolve(RFC_DOCUMENT, json_pointer) == expected
    assert _referencing(RFC_DOCUMENT, json_pointer) == expected


@given(PATHS, st.integers())
@example(["~1", "/", ""], 5)
@example(["a/b", 0, "~01"], 5)
def test_resolve_agrees_with_referencing(path: list[str | int], leaf: int) -> None:
    document = _nested(path, leaf)
    built = pointer.from_path(path)
    assert pointer.resolve(document, built) == leaf
    assert pointer.resolve(document, pointer.tokens(built)) == leaf
    assert _referencing(document, built) == leaf


def test_resolve_says_none_where_there_is_nothing() -> None:
    document = {"a": [1, {"b": None}], "s": "text"}
    assert pointer.resolve(document, "/missing") is None
    assert pointer.resolve(document, "/a/2") is None  # past the end
    assert pointer.resolve(document, "/a/x") is None  # not an index
    assert pointer.resolve(document, "/a/-1") is None
    assert pointer.resolve(document, "/a/\u00b2") is None  # a digit, but not a decimal one
    assert pointer.resolve(document, "/s/0") is None  # no walking into a string
    assert pointer.resolve(document, "/a/1/b") is None
    assert pointer.resolve(document, "/a/1") == {"b": None}
    assert pointer.resolve(document, "/a/0") == 1


@pytest.mark.parametrize("token", ["01", "00", "\u0663", "1.0", "-1", " 1"])
def test_an_index_is_rfc_6901s_zero_or_digits_without_a_leading_zero(token: str) -> None:
    assert pointer.resolve({"a": [10, 11, 12, 13]}, f"/a/{token}") is None
    assert pointer.resolve({"a": [10, 11]}, "/a/1") == 11
    assert pointer.resolve({"a": [10, 11]}, "/a/0") == 10
    assert pointer.resolve({"a": {token: 1}}, f"/a/{token}") == 1  # a key may be anything


@pytest.mark.parametrize(
    ("written", "complaint"),
    [("/a~2b", "no other `~`"), ("/a~", "no other `~`"), ("a/b", "starts with `/`")],
)
def test_what_is_no_json_pointer_says_why(written: str, complaint: str) -> None:
    found = pointer.problem(written)
    assert found is not None and complaint in found


@pytest.mark.parametrize("written", ["", "/", "/a~0b~1c", "/x/0", "/~01"])
def test_a_json_pointer_has_no_problem(written: str) -> None:
    assert pointer.problem(written) is None
