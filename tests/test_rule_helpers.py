"""The helpers the rule modules share: ``registered``, the ``required`` factory, ``shown``,
``present``, ``is_number``, ``count``, ``dotted`` and ``fit``."""

from __future__ import annotations

from typing import Any

import pytest

from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import BY_CODE, registered
from contractlint.rules._common import count, dotted, fit, is_number, present, shown
from contractlint.rules._required import required

OPTIONS = RuleOptions(placeholders=frozenset({"tbd", ""}))


def hits(check: Any, value: dict[str, Any]) -> list[Hit]:
    document = Document("c.yaml", 0, "model-contract", value, spans={}, key_spans={}, plain={})
    return list(check(document, OPTIONS))


@pytest.mark.parametrize(
    ("value", "found"),
    [
        # absent: the hit names the field (the engine reports it at the mapping)
        ({}, Hit("/rollback", "no rollback: say how")),
        # present but empty of meaning: the field, and what it holds
        ({"rollback": None}, Hit("/rollback", "`rollback` is empty: say how")),
        ({"rollback": "TBD"}, Hit("/rollback", "`rollback` is a placeholder (`TBD`): say how")),
        ({"rollback": "redeploy v1"}, None),
        ({"rollback": []}, None),  # a value (of the wrong type: the schema's business)
    ],
)
def test_required_names_the_field_and_says_what_it_holds(
    value: dict[str, Any], found: Hit | None
) -> None:
    check = required("rollback", missing="no rollback", hint="say how")
    assert hits(check, value) == ([] if found is None else [found])


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ({}, "/sample_size/per_arm"),
        ({"sample_size": "TBD"}, "/sample_size"),
        ({"sample_size": {"alpha": 0.05}}, "/sample_size/per_arm"),
        ({"sample_size": {"per_arm": None}}, "/sample_size/per_arm"),
        ({"sample_size": {"per_arm": 1000}}, None),
        # inside a holder of the wrong type, which the schema rejects: the engine drops it
        ({"sample_size": 5}, "/sample_size/per_arm"),
    ],
)
def test_required_follows_a_path(value: dict[str, Any], pointer: str | None) -> None:
    found = hits(required("sample_size", "per_arm", missing="m", hint="h"), value)
    assert [hit.pointer for hit in found] == ([] if pointer is None else [pointer])


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ([], "`logging` is empty: h"),
        ({}, "`logging` is empty: h"),
        (["TBD", None], "`logging` lists only placeholders: h"),
        (["request_id"], None),
    ],
)
def test_a_listed_field_must_list_something(listed: Any, message: str | None) -> None:
    found = hits(required("logging", missing="m", hint="h", listed=True), {"logging": listed})
    assert found == ([] if message is None else [Hit("/logging", message)])
    assert hits(required("logging", missing="m", hint="h"), {"logging": listed}) == []


@pytest.mark.parametrize(
    ("pointer", "reported"),
    [
        ("/fallback", "/fallback"),  # there: itself
        ("/fallback/strategy", "/fallback"),  # absent: the mapping that should hold it
        ("/owners/scope", "/owners"),  # under a null: the null
        ("/latency_budget_ms/p95", ""),  # under an absent field: the document
        ("/guardrails/1/max", "/guardrails"),  # past the end of a list: the list
        ("/guardrails/0/max", "/guardrails/0/max"),
    ],
)
def test_present_is_the_node_a_finding_about_a_missing_field_points_at(
    pointer: str, reported: str
) -> None:
    value = {"fallback": {"feature_flag": "f"}, "owners": None, "guardrails": [{"max": 1}]}
    assert present(value, pointer) == reported


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (1, True),
        (0.5, True),
        (-1e300, True),
        (True, False),  # a boolean is no number
        ("1", False),
        (float("nan"), False),  # the schema reports a non-finite number
        (float("inf"), False),
        (float("-inf"), False),
        (10**400, False),  # too large to compute with as a float
    ],
)
def test_is_number_is_a_number_a_rule_can_compute_with(value: Any, number: bool) -> None:
    assert is_number(value) is number


@pytest.mark.parametrize(
    ("number", "text"),
    [(1_000_000, "1,000,000"), (999_999.0, "999,999"), (0.05, "0.05"), (1e300, "1e+300")],
)
def test_count_writes_thousands_separators(number: float, text: str) -> None:
    assert count(number) == text


@pytest.mark.parametrize(
    ("pointer", "path"),
    [("", "the document"), ("/guardrails/0/metric", "guardrails[0].metric"), ("/a~1b", "a/b")],
)
def test_dotted_is_the_one_path_style_of_messages(pointer: str, path: str) -> None:
    assert dotted(pointer) == path


def test_fit_says_less_before_it_cuts_a_name() -> None:
    name = "recommendations-contract.yaml"
    long = "the file `{name}` " + "x" * 90
    assert fit(long, "the file `{name}`: short", name=name) == f"the file `{name}`: short"
    # no shorter wording: even a name of KEEP characters or fewer is cut, as little as
    # the limit needs (the message never runs over it)
    cut = fit(long, name=name)
    assert len(cut) == 120 and cut.startswith("the file `recommen") and "..." in cut
    assert fit("the file `{name}` " + "x" * 60, name=name).count(name) == 1  # room: whole
    assert fit("{name}", name="n" * 200) == "n" * 59 + "..." + "n" * 58  # a long one is cut


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
