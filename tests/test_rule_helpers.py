"""The helpers the rule modules share: ``registered``, the ``required`` factory, ``shown``."""

from __future__ import annotations

from typing import Any

import pytest

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import BY_CODE, registered
from contractlint.rules._common import shown
from contractlint.rules._required import required

OPTIONS = RuleOptions(placeholders=frozenset({"tbd", ""}))


def hits(check: Any, value: dict[str, Any]) -> list[Hit]:
    document = Document("c.yaml", 0, "model-contract", value, spans={}, key_spans={}, plain={})
    return list(check(document, OPTIONS))


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ({}, ""),  # absent: the mapping that should hold it
        ({"rollback": None}, "/rollback"),  # present but empty of meaning: the field
        ({"rollback": "TBD"}, "/rollback"),
        ({"rollback": "redeploy v1"}, None),
        ({"rollback": []}, None),  # a value (of the wrong type: the schema's business)
    ],
)
def test_required_points_at_the_field_or_its_holder(
    value: dict[str, Any], pointer: str | None
) -> None:
    found = hits(required("rollback", message="no rollback"), value)
    assert found == ([] if pointer is None else [Hit(pointer, "no rollback")])


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ({}, ""),
        ({"sample_size": "TBD"}, "/sample_size"),
        ({"sample_size": {"alpha": 0.05}}, "/sample_size"),
        ({"sample_size": {"per_arm": None}}, "/sample_size/per_arm"),
        ({"sample_size": {"per_arm": 1000}}, None),
        ({"sample_size": 5}, "/sample_size"),  # a holder of the wrong type: the schema reports it
    ],
)
def test_required_follows_a_path(value: dict[str, Any], pointer: str | None) -> None:
    found = hits(required("sample_size", "per_arm", message="m"), value)
    assert [hit.pointer for hit in found] == ([] if pointer is None else [pointer])


@pytest.mark.parametrize(
    ("listed", "pointer"),
    [([], "/logging"), ({}, "/logging"), (["TBD", None], "/logging"), (["request_id"], None)],
)
def test_a_listed_field_must_list_something(listed: Any, pointer: str | None) -> None:
    found = hits(required("logging", message="m", listed=True), {"logging": listed})
    assert [hit.pointer for hit in found] == ([] if pointer is None else [pointer])
    assert hits(required("logging", message="m"), {"logging": listed}) == []


def test_registered_takes_the_code_name_and_kinds_from_the_table() -> None:
    doc = RuleDoc(what="w", why="y", bad="", good="", fix="f")
    rule = registered(
        "contractlint.rules.document.missing_timeout",
        severity=Severity.INFO,
        summary="s",
        doc=doc,
    )
    assert (rule.code, rule.name, rule.kinds) == ("CL105", "missing-timeout", ("model-contract",))
    expected = BY_CODE["CL105"]
    assert (rule.code, rule.name, rule.kinds) == (expected.code, expected.name, expected.kinds)
    with pytest.raises(LookupError):
        registered("contractlint.rules.nope", severity=Severity.INFO, summary="", doc=doc)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        ("TBD", "TBD"),
        (True, "true"),
        (0.0, "0.0"),
        (["string"], "[string]"),
        ({"a": None, "b": [1, False]}, "{a: null, b: [1, false]}"),
        ("x" * 80, "x" * 80),
        ("x" * 81, "x" * 77 + "..."),
        ({"key": "y" * 100}, "{key: " + "y" * 71 + "..."),
    ],
)
def test_shown_writes_a_value_as_a_contract_does_cut_to_80(value: Any, text: str) -> None:
    assert shown(value) == text
