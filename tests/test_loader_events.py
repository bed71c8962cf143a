"""The loader's two ways to build a YAML document: straight from libyaml's events (the
common document) and through the composer and the walk (everything else). For every
text, the event path must give exactly what the walk gives (values, the span of every
node and key, plain scalars as written, problems, in the same order), or leave the
text to the walk."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contractlint.pipeline import loader, locate
from contractlint.pipeline.source import Segment

REPO = Path(__file__).resolve().parent.parent
TEXTS = sorted(
    {
        *REPO.glob("examples/**/*.yaml"),
        *REPO.glob("tests/data/**/*.yaml"),
        *REPO.glob("tests/data/**/*.yml"),
    }
)


def _by_walk(text: str, limits: loader.Limits) -> loader.Loaded:
    """What the composer and the walk give (the event path switched off)."""
    original = loader._load_events
    loader._load_events = lambda *args: None  # type: ignore[assignment]
    try:
        return loader.load("doc.yaml", Segment(text, "yaml"), limits)
    finally:
        loader._load_events = original  # type: ignore[assignment]


def _seen(loaded: loader.Loaded) -> Any:
    """Everything a later stage can read of the documents, spans worked out."""
    return (
        [
            (
                d.index,
                d.kind,
                d.value,
                list(d.spans.items()),
                list(d.key_spans.items()),
                list(d.plain.items()),
                d.problems,
            )
            for d in loaded.documents
        ],
        loaded.problems,
    )


def _same(text: str, limits: loader.Limits = loader.DEFAULT_LIMITS) -> bool:
    """The two ways agree on ``text``; True when the event path built it itself."""
    lines = locate.Lines(text)
    fast = loader._load_events("doc.yaml", text, lines, limits)
    walked = _by_walk(text, limits)
    if fast is not None:
        assert _seen(fast) == _seen(walked)
    assert _seen(loader.load("doc.yaml", Segment(text, "yaml"), limits)) == _seen(walked)
    return fast is not None


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_checked_in_document_is_built_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    _same(text)


def test_the_common_document_takes_the_event_path() -> None:
    text = (
        "kind: model-contract\nname: x\nversion: 1.10\nlatency_budget_ms: {p95: 80, p99: 1e3}\n"
        "owners:\n  - name: 'a'\n    when: 2026-01-01\n  - ~\nempty:\nflag: yes\nbad: 2026-13-45\n"
        "text: |\n  a block\nkey/with~: 1\n---\n- [1, 2]\n"
    )
    assert _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # an anchor and an alias
        "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",  # a merge key
        "a: 1\na: 2\n",  # a duplicate key (CL004)
        "? [a, b]\n: 1\n",  # a complex key
        "a: !Ref b\nc: !!str 3\n",  # tags
        "a: ! b\n",  # the non-specific tag
        "a: [1, 2\n",  # a syntax error
        "a:\n  b:\n    c:\n      d: 1\n",  # deeper than the limit below
        "a: 1\n--- !!map\nb: 2\n",  # a tagged second document
        "",  # no document
        "---\n",  # an empty one
        "a: \x07\n",  # a character YAML forbids
    ],
)
def test_what_the_event_path_leaves_to_the_walk_is_built_the_same(text: str) -> None:
    _same(text, loader.Limits(max_depth=3))


def test_unusual_texts_go_to_the_walk() -> None:
    limits = loader.Limits(max_depth=3)
    lines = locate.Lines
    for text in ("a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: !t b\n", "a:\n  b:\n    c:\n      d: 1\n"):
        assert loader._load_events("doc.yaml", text, lines(text), limits) is None, text


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.sampled_from(string.printable + "é~/"), max_size=8),
    st.sampled_from(["yes", "No", "~", "null", "1.10", "0x1F", "2026-01-01", "<<", "TBD", ""]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(st.sampled_from("ab~/ 1<"), max_size=3), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(value=documents, flow=st.sampled_from([None, True, False]), width=st.sampled_from([20, 80]))
def test_generated_documents_are_built_the_same(value: Any, flow: Any, width: int) -> None:
    text = yaml.safe_dump(value, default_flow_style=flow, width=width, allow_unicode=True)
    _same(text)
    _same(text, loader.Limits(max_depth=2))


@settings(max_examples=300, deadline=None)
@given(
    value=st.dictionaries(st.text(st.sampled_from("ab~/ 1<"), max_size=3), documents, max_size=4)
)
def test_the_event_path_records_what_dotdot_visits(value: dict[str, Any]) -> None:
    """With ``walked`` asked for, a document carries its containers in the order, and
    with the locations, that JSONPath's ``..`` visits them (the walk jsonpath does
    without it), and a text holding every string the document holds."""
    from contractlint import jsonpath

    text = yaml.safe_dump({"kind": "model-contract", **value}, allow_unicode=True)
    limits = loader.Limits(walked=True)
    loaded = loader._load_events("doc.yaml", text, locate.Lines(text), limits)
    assert loaded is not None
    (document,) = loaded.documents
    assert document.walked is not None
    walk = jsonpath._walk((), document.value, limits.max_depth, None)
    assert [location for location, _ in document.walked.containers] == [loc for loc, _ in walk]
    assert all(a is b for (_, a), (_, b) in zip(document.walked.containers, walk))
    scalars = document.walked.scalars()
    for _, container in walk:
        items = container.values() if isinstance(container, dict) else container
        assert all(item in scalars for item in items if isinstance(item, str))


def test_only_a_configuration_with_a_dotdot_rule_has_the_walk_recorded() -> None:
    text = "kind: model-contract\nname: x\n"
    for wanted in (False, True):
        limits = loader.Limits(walked=wanted)
        (document,) = loader.load("doc.yaml", Segment(text, "yaml"), limits).documents
        assert (document.walked is not None) is wanted
        json_text = '{"kind": "model-contract"}'
        (document,) = loader.load("d.json", Segment(json_text, "json"), limits).documents
        assert (document.walked is not None) is wanted
    # The composer's path, and JSON with a duplicate key, are not recorded: `..` walks
    # those documents itself.
    merged = "base: &b {x: 1}\nkind: model-contract\nc:\n  <<: *b\n"
    (document,) = loader.load("doc.yaml", Segment(merged, "yaml"), limits).documents
    assert document.walked is None
    twice = '{"kind": "model-contract", "a": {"x": [1]}, "b": 2, "a": [{}]}'
    (document,) = loader.load("d.json", Segment(twice, "json"), limits).documents
    assert document.walked is None


@settings(max_examples=300, deadline=None)
@given(
    value=st.dictionaries(st.text(st.sampled_from("ab~/ 1<"), max_size=3), documents, max_size=4)
)
def test_the_json_parser_records_what_dotdot_visits(value: dict[str, Any]) -> None:
    import json

    from contractlint import jsonpath

    text = json.dumps({"kind": "model-contract", **value}, ensure_ascii=False)
    limits = loader.Limits(walked=True)
    (document,) = loader.load("d.json", Segment(text, "json"), limits).documents
    assert document.walked is not None
    walk = jsonpath._walk((), document.value, limits.max_depth, None)
    assert [location for location, _ in document.walked.containers] == [loc for loc, _ in walk]
    assert all(a is b for (_, a), (_, b) in zip(document.walked.containers, walk))
    for _, container in walk:
        items = container.values() if isinstance(container, dict) else container
        assert all(item in document.walked.scalars() for item in items if isinstance(item, str))
