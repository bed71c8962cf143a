"""`contractlint diff`: breaking changes between two versions of a contract (SPEC section 6).

Every test writes a complete document (the SPEC 1.1-1.3 examples) as OLD and an
edited copy as NEW, runs the CLI in-process and checks the exact (code, line,
column) of every finding, the exit code, and that the message shows the old and
the new value.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractlint.cli.commands import cli

from conftest import cli_runner
from documents import SPEC_EXAMPLES

CONTRACT = SPEC_EXAMPLES["model-contract"]

PLAN = SPEC_EXAMPLES["experiment-plan"]

FRAMING = SPEC_EXAMPLES["problem-framing"]

RULES = {
    "CL701": ("removed-response-field", "error", ["model-contract"]),
    "CL702": ("changed-field-type", "error", ["model-contract"]),
    "CL703": ("added-request-field", "error", ["model-contract"]),
    "CL704": ("endpoint-changed-without-version", "error", ["model-contract"]),
    "CL705": ("removed-fallback", "error", ["model-contract"]),
    "CL706": ("latency-budget-raised", "warning", ["model-contract"]),
    "CL707": ("removed-monitoring", "warning", ["model-contract"]),
    "CL708": ("removed-guardrail", "error", ["experiment-plan", "problem-framing"]),
    "CL709": ("primary-metric-changed", "error", ["experiment-plan"]),
}

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- helpers


def edit(text: str, old: str, new: str) -> str:
    """``text`` with the one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def at(text: str, line_part: str, token: str | None = None, after: int = 0) -> tuple[int, int]:
    """1-based (line, column) of ``token`` on the one line holding ``line_part``.

    Only lines that start at or after character ``after`` count (for the second
    document of a file).
    """
    token = line_part if token is None else token
    start = text.count("\n", 0, after)
    lines = text.split("\n")
    hits = [n for n in range(start, len(lines)) if line_part in lines[n]]
    assert len(hits) == 1, f"{line_part!r} is on {len(hits)} lines"
    line = lines[hits[0]]
    assert token in line, f"{token!r} is not on {line!r}"
    return hits[0] + 1, line.index(token) + 1


def run(*args: str) -> Any:
    return cli_runner().invoke(cli, ["diff", "--no-color", *args], env={"NO_COLOR": "1"})


def no_traceback(result: Any) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr


def report(result: Any) -> list[dict[str, Any]]:
    no_traceback(result)
    data = json.loads(result.stdout)
    assert data["version"] == 1
    findings: list[dict[str, Any]] = data["findings"]
    return findings


def located(findings: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
    return sorted((f["code"], f["line"], f["column"]) for f in findings)


def diff(
    tmp_path: Path,
    old: str,
    new: str,
    *args: str,
    old_name: str = "old.yaml",
    new_name: str = "new.yaml",
) -> tuple[Any, list[dict[str, Any]]]:
    """Write OLD and NEW, run ``diff --format json OLD NEW``; (result, findings)."""
    (tmp_path / old_name).write_text(old, encoding="utf-8")
    (tmp_path / new_name).write_text(new, encoding="utf-8")
    result = run("--format", "json", *args, old_name, new_name)
    findings = report(result)
    for finding in findings:
        assert finding["path"] == new_name, finding
        if finding["code"] in RULES:
            assert finding["name"] == RULES[finding["code"]][0], finding
    return result, findings


def shows(finding: dict[str, Any], *values: str | tuple[str, ...]) -> None:
    """The message shows every value (a tuple: one of its spellings) as a whole token:
    ``0.0`` is not found in ``0.01``."""
    message = finding["message"]
    for value in values:
        spellings = value if isinstance(value, tuple) else (value,)
        assert any(
            re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w|\.\d)", message) for s in spellings
        ), f"{spellings} not in {message!r}"


@pytest.fixture(autouse=True)
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


# The plan with three guardrails, one per kind of threshold, in block style.
PLAN3 = edit(
    PLAN,
    "guardrails:\n  - {metric: unsubscribe_rate, max_regression: 0.0}"
    "   # at least one of max_regression | max | min\n",
    "guardrails:\n"
    "  - {metric: unsubscribe_rate, max_regression: 0.0}\n"
    "  - {metric: spam_complaint_rate, max: 0.001}\n"
    "  - {metric: delivery_rate, min: 0.95}\n",
)


# --------------------------------------------------------------------------- no change


def test_identical_files_raise_nothing(tmp_path: Path) -> None:
    for text in (CONTRACT, PLAN, FRAMING):
        result, findings = diff(tmp_path, text, text)
        assert findings == []
        assert result.exit_code == 0


def test_reordered_keys_and_added_comments_raise_nothing(tmp_path: Path) -> None:
    lines = CONTRACT.splitlines(keepends=True)
    # Move `response` (lines 9-12) above `request` (lines 5-8) and add comments.
    reordered = lines[:4] + lines[8:12] + lines[4:8] + lines[12:]
    new = "# the ranking contract, reviewed\n" + "".join(reordered)
    new = edit(new, "  user_id: string\n", "  user_id: string   # hashed upstream\n")
    new = edit(
        new,
        "latency_budget_ms: {p50: 50, p95: 120}",
        "latency_budget_ms: {p95: 120, p50: 50}",
    )
    new = edit(
        new,
        "owners: {scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}",
        "owners: {method: ds@example.com, scope: pm@example.com, feasibility: eng@example.com}",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_the_same_document_as_yaml_and_as_json_raises_nothing(tmp_path: Path) -> None:
    as_json = json.dumps(yaml.safe_load(CONTRACT), indent=2) + "\n"
    result, findings = diff(tmp_path, CONTRACT, as_json, new_name="new.json")
    assert findings == []
    assert result.exit_code == 0


def test_check_does_not_run_the_diff_rules(tmp_path: Path) -> None:
    (tmp_path / "contract.yaml").write_text(CONTRACT, encoding="utf-8")
    result = cli_runner().invoke(
        cli, ["check", "--no-color", "--format", "json", "contract.yaml"], env={"NO_COLOR": "1"}
    )
    assert [f["code"] for f in report(result)] == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL701


def test_cl701_a_removed_response_field(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  scores: [0.0]\n", "")
    result, findings = diff(tmp_path, CONTRACT, new)
    # At the `response` mapping in NEW: a block mapping starts at its first key.
    assert located(findings) == [("CL701", *at(new, "  ranked_item_ids: [string]", "ranked"))]
    assert located(findings) == [("CL701", 10, 3)]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "scores")
    assert result.exit_code == 1


def test_cl701_two_removed_fields_are_two_findings(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  ranked_item_ids: [string]\n  scores: [0.0]\n", "")
    result, findings = diff(tmp_path, CONTRACT, new)
    place = at(new, "  model_version: string", "model_version")
    assert located(findings) == [("CL701", *place), ("CL701", *place)]
    messages = " | ".join(f["message"] for f in findings)
    assert "ranked_item_ids" in messages
    assert "scores" in messages
    assert result.exit_code == 1


NESTED = edit(
    CONTRACT,
    "  model_version: string\n",
    "  model_version: string\n"
    "  debug:\n"
    "    trace_id: string\n"
    "    timings: {model_ms: integer, total_ms: integer}\n",
)


def test_cl701_a_nested_response_field_in_a_flow_mapping(tmp_path: Path) -> None:
    new = edit(NESTED, ", total_ms: integer}", "}")
    result, findings = diff(tmp_path, NESTED, new)
    assert located(findings) == [("CL701", *at(new, "timings: {", "{"))]
    shows(findings[0], "total_ms")
    assert result.exit_code == 1


def test_cl701_a_nested_response_field_in_a_block_mapping(tmp_path: Path) -> None:
    new = edit(NESTED, "    trace_id: string\n", "")
    result, findings = diff(tmp_path, NESTED, new)
    # The `debug` mapping now starts at its (only) key `timings`.
    assert located(findings) == [("CL701", *at(new, "    timings:", "timings"))]
    shows(findings[0], "trace_id")
    assert result.exit_code == 1


def test_cl701_a_field_of_an_array_of_objects(tmp_path: Path) -> None:
    old = edit(
        CONTRACT,
        "  scores: [0.0]\n",
        "  scores: [0.0]\n  items: [{id: string, score: 0.0}]\n",
    )
    new = edit(old, "  items: [{id: string, score: 0.0}]\n", "  items: [{id: string}]\n")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL701", *at(new, "  items: [{id", "{"))]
    shows(findings[0], "score")
    assert result.exit_code == 1


def test_cl701_a_removed_nested_object_is_one_finding(tmp_path: Path) -> None:
    new = edit(
        NESTED,
        "  debug:\n    trace_id: string\n    timings: {model_ms: integer, total_ms: integer}\n",
        "",
    )
    result, findings = diff(tmp_path, NESTED, new)
    assert located(findings) == [("CL701", 10, 3)]
    shows(findings[0], ("debug", "response.debug"))
    assert result.exit_code == 1


def test_cl701_the_whole_response_removed_is_one_finding_per_field(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        "response:\n  ranked_item_ids: [string]\n  scores: [0.0]\n  model_version: string\n",
        "",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL701", 1, 1)] * 3
    messages = " | ".join(f["message"] for f in findings)
    for field in ("ranked_item_ids", "scores", "model_version"):
        assert field in messages
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "old, removed, written",
    [
        pytest.param(CONTRACT, "  ranked_item_ids: [string]\n", "`[string]`", id="list"),
        pytest.param(
            NESTED,
            "    timings: {model_ms: integer, total_ms: integer}\n",
            "`{model_ms: integer, total_ms: integer}`",
            id="mapping",
        ),
    ],
)
def test_cl701_the_old_value_is_shown_as_written(
    tmp_path: Path, old: str, removed: str, written: str
) -> None:
    new = edit(old, removed, "")
    _, findings = diff(tmp_path, old, new)
    assert [f["code"] for f in findings] == ["CL701"]
    assert written in findings[0]["message"]
    assert "'" not in findings[0]["message"]


def test_cl701_compatible_a_new_response_field(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        "  model_version: string\n",
        "  model_version: string\n  explanations: [string]\n  debug: {trace_id: string}\n",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl701_compatible_a_new_nested_response_field(tmp_path: Path) -> None:
    new = edit(
        NESTED,
        "{model_ms: integer, total_ms: integer}",
        "{model_ms: integer, total_ms: integer, queue_ms: integer}",
    )
    result, findings = diff(tmp_path, NESTED, new)
    assert findings == []
    assert result.exit_code == 0


def test_removing_a_request_field_is_not_a_removed_response_field(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  context_ts: ISO-8601\n", "")
    _, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings if f["code"] == "CL701"] == []


# --------------------------------------------------------------------------- CL702

TYPE_CHANGES = [
    # (old line, new line, token where the finding is, old spellings, new spellings)
    ("  user_id: string\n", "  user_id: integer\n", "integer", ("string",), ("integer",)),
    (
        "  context_ts: ISO-8601\n",
        "  context_ts: date\n",
        "date",
        ("ISO-8601", "timestamp"),
        ("date",),
    ),
    ("  scores: [0.0]\n", "  scores: [string]\n", "[string]", ("0.0", "number"), ("string",)),
    ("  scores: [0.0]\n", "  scores: 0.0\n", "0.0", ("[0.0]", "[number]", "array"), ("number",)),
    (
        "  model_version: string\n",
        "  model_version: {id: string, trained: date}\n",
        "{id",
        ("string",),
        ("object", "{", "id"),
    ),
    (
        "  candidate_item_ids: [string]\n",
        "  candidate_item_ids: [integer]\n",
        "[integer]",
        ("string",),
        ("integer",),
    ),
]


@pytest.mark.parametrize(("old_line", "new_line", "token", "was", "now"), TYPE_CHANGES)
def test_cl702_a_changed_field_type(
    tmp_path: Path,
    old_line: str,
    new_line: str,
    token: str,
    was: tuple[str, ...],
    now: tuple[str, ...],
) -> None:
    new = edit(CONTRACT, old_line, new_line)
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL702", *at(new, new_line.rstrip("\n"), token))]
    assert findings[0]["severity"] == "error"
    shows(findings[0], was, now)
    assert result.exit_code == 1


def test_cl702_a_nested_field_type(tmp_path: Path) -> None:
    new = edit(NESTED, "{model_ms: integer,", "{model_ms: string,")
    result, findings = diff(tmp_path, NESTED, new)
    assert located(findings) == [("CL702", *at(new, "timings: {", "string"))]
    shows(findings[0], "integer", "string")
    assert result.exit_code == 1


def test_cl702_a_nested_request_field_type(tmp_path: Path) -> None:
    old = edit(
        CONTRACT, "  context_ts: ISO-8601\n", "  context_ts: ISO-8601\n  geo:\n    lat: 0.0\n"
    )
    new = edit(old, "    lat: 0.0\n", "    lat: string\n")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL702", *at(new, "    lat: string", "string"))]
    shows(findings[0], ("0.0", "number"), "string")
    assert result.exit_code == 1


COMPATIBLE_TYPES = [
    # (anchor, old replacement, new replacement)
    ("  context_ts: ISO-8601\n", "  context_ts: ISO-8601\n", "  context_ts: timestamp\n"),
    ("  context_ts: ISO-8601\n", "  context_ts: ISO-8601\n", "  context_ts: datetime\n"),
    ("  context_ts: ISO-8601\n", "  context_ts: datetime\n", "  context_ts: timestamp\n"),
    ("  scores: [0.0]\n", "  scores: [0.0]\n", "  scores: [number]\n"),
    (
        "  model_version: string\n",
        "  model_version: string\n  personalized: true\n",
        "  model_version: string\n  personalized: boolean\n",
    ),
    (
        "  model_version: string\n",
        "  model_version: string\n  meta: {region: string, shard: integer}\n",
        "  model_version: string\n  meta:\n    shard: integer\n    region: string\n",
    ),
]


@pytest.mark.parametrize(("anchor", "old_text", "new_text"), COMPATIBLE_TYPES)
def test_cl702_compatible_the_same_type_spelled_differently(
    tmp_path: Path, anchor: str, old_text: str, new_text: str
) -> None:
    old = edit(CONTRACT, anchor, old_text)
    new = edit(CONTRACT, anchor, new_text)
    result, findings = diff(tmp_path, old, new)
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL703


def test_cl703_an_added_request_field(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  context_ts: ISO-8601\n", "  context_ts: ISO-8601\n  locale: string\n")
    result, findings = diff(tmp_path, CONTRACT, new)
    # At the new field's value (its type).
    assert located(findings) == [("CL703", *at(new, "  locale: string", "string"))]
    assert located(findings) == [("CL703", 9, 11)]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "locale")
    assert result.exit_code == 1


def test_cl703_an_added_nested_request_field(tmp_path: Path) -> None:
    old = edit(
        CONTRACT, "  context_ts: ISO-8601\n", "  context_ts: ISO-8601\n  device: {os: string}\n"
    )
    new = edit(old, "  device: {os: string}\n", "  device: {os: string, app_version: string}\n")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL703", *at(new, "  device: {", "string}"))]
    shows(findings[0], "app_version")
    assert result.exit_code == 1


def test_cl703_a_request_where_there_was_none(tmp_path: Path) -> None:
    old = edit(
        CONTRACT,
        "request:\n  user_id: string\n  candidate_item_ids: [string]\n  context_ts: ISO-8601\n",
        "",
    )
    result, findings = diff(tmp_path, old, CONTRACT)
    assert located(findings) == [("CL703", 6, 12), ("CL703", 7, 23), ("CL703", 8, 15)]
    assert result.exit_code == 1


def test_cl703_compatible_the_same_request_fields_reordered(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        "  user_id: string\n  candidate_item_ids: [string]\n  context_ts: ISO-8601\n",
        "  context_ts: ISO-8601\n  user_id: string\n  candidate_item_ids: [string]\n",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl703_an_added_response_field_is_not_a_request_field(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  model_version: string\n", "  model_version: string\n  locale: string\n")
    _, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []


# --------------------------------------------------------------------------- CL704


def test_cl704_endpoint_changed_without_a_version_bump(tmp_path: Path) -> None:
    new = edit(CONTRACT, "endpoint: /v1/rank\n", "endpoint: /v1/rerank\n")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL704", 4, 11)]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "/v1/rank", "/v1/rerank")
    assert result.exit_code == 1


@pytest.mark.parametrize("endpoint", ["/v2/rank", "/v2/rerank", "/v1/rank"])
def test_cl704_compatible_the_version_segment_was_bumped(tmp_path: Path, endpoint: str) -> None:
    new = edit(CONTRACT, "endpoint: /v1/rank\n", f"endpoint: {endpoint}\n")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- each change once

ITEMS = edit(
    CONTRACT,
    "request:\n  user_id: string\n",
    "request:\n  user_id: string\n  filters: {field: string}\n",
)
ITEMS = edit(
    ITEMS,
    "  model_version: string\n",
    "  model_version: string\n  items: [{id: string, score: 0.0}]\n"
    "  debug: {took_ms: integer, shard: string}\n",
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param(
            "  items: [{id: string, score: 0.0}]\n", "", [("CL701", "response.items")], id="gone"
        ),
        pytest.param(
            "  debug: {took_ms: integer, shard: string}\n",
            "  debug: [{took_ms: integer, shard: string}]\n",
            [("CL702", "response.debug")],
            id="object-to-list",
        ),
        pytest.param(
            "  debug: {took_ms: integer, shard: string}\n",
            "  debug: string\n",
            [("CL702", "response.debug")],
            id="object-to-string",
        ),
        pytest.param(
            "  user_id: string\n",
            "  user_id: {id: string, ns: string}\n",
            [("CL702", "request.user_id")],
            id="string-to-object",
        ),
        pytest.param(
            "  filters: {field: string}\n",
            "  filters: {field: string}\n  scopes: [{name: string, level: integer}]\n",
            [("CL703", "request.scopes")],
            id="new-list-of-objects",
        ),
        pytest.param(
            "  filters: {field: string}\n",
            "  filters: [{field: string, op: string}]\n",
            [("CL702", "request.filters")],
            id="request-object-to-list",
        ),
    ],
)
def test_each_change_is_one_finding_of_the_rule_that_owns_it(
    tmp_path: Path, old: str, new: str, expected: list[tuple[str, str]]
) -> None:
    """A field gone, new or retyped is one finding: not one more for each field inside
    it, and a field inside a retyped one is neither gone nor new (SPEC 2)."""
    _, findings = diff(tmp_path, ITEMS, edit(ITEMS, old, new))
    assert [f["code"] for f in findings] == [code for code, _ in expected]
    for finding, (_, label) in zip(findings, expected):
        shows(finding, label)


@pytest.mark.parametrize("endpoint", ["/v2/rank", "/v2/rerank"])
def test_a_new_endpoint_version_may_change_its_fields(tmp_path: Path, endpoint: str) -> None:
    """The rules' advice (version the endpoint) is what clears them: a new version's
    callers move to it on purpose."""
    new = edit(ITEMS, "endpoint: /v1/rank\n", f"endpoint: {endpoint}\n")
    new = edit(new, "  items: [{id: string, score: 0.0}]\n", "")
    new = edit(new, "  user_id: string\n", "  user_id: integer\n  session: string\n")
    result, findings = diff(tmp_path, ITEMS, new)
    assert findings == [] and result.exit_code == 0
    # Without a version segment the fields are still compared.
    unversioned = edit(ITEMS, "endpoint: /v1/rank\n", "endpoint: /rank\n")
    later = edit(unversioned, "  items: [{id: string, score: 0.0}]\n", "")
    _, findings = diff(tmp_path, unversioned, later)
    assert [f["code"] for f in findings] == ["CL701"]


# --------------------------------------------------------------------------- CL705

FALLBACK = (
    "fallback:                                   # or a plain string: serve_most_popular\n"
    "  strategy: serve_most_popular\n"
    "  feature_flag: ranking_fallback\n"
)


def test_cl705_a_removed_fallback(tmp_path: Path) -> None:
    new = edit(CONTRACT, FALLBACK, "")
    result, findings = diff(tmp_path, CONTRACT, new)
    # A top-level field is held by the document: its first line.
    assert located(findings) == [("CL705", 1, 1)]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "fallback")
    assert result.exit_code == 1


@pytest.mark.parametrize("placeholder", ["TBD", "null", "n/a", '""'])
def test_cl705_a_fallback_replaced_by_a_placeholder(tmp_path: Path, placeholder: str) -> None:
    new = edit(CONTRACT, FALLBACK, f"fallback: {placeholder}\n")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL705", 16, 11)]
    if placeholder not in ("null", '""'):
        shows(findings[0], placeholder)
    assert result.exit_code == 1


def test_cl705_a_plain_string_fallback_removed(tmp_path: Path) -> None:
    old = edit(CONTRACT, FALLBACK, "fallback: serve_most_popular\n")
    new = edit(old, "fallback: serve_most_popular\n", "")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL705", 1, 1)]
    shows(findings[0], "serve_most_popular")
    assert result.exit_code == 1


def test_cl705_the_old_fallback_is_shown_as_written(tmp_path: Path) -> None:
    new = edit(CONTRACT, FALLBACK, "")
    _, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings] == ["CL705"]
    shows(findings[0], "serve_most_popular")
    assert "{'" not in findings[0]["message"]


@pytest.mark.parametrize("strategy", ["", "  strategy: TBD\n"])
def test_cl705_a_fallback_mapping_that_loses_its_strategy(tmp_path: Path, strategy: str) -> None:
    new = edit(CONTRACT, "  strategy: serve_most_popular\n", strategy)
    result, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings] == ["CL705"]
    assert result.exit_code == 1


def test_cl705_compatible_a_changed_fallback(tmp_path: Path) -> None:
    new = edit(CONTRACT, FALLBACK, "fallback: serve_cached_ranking\n")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl705_compatible_a_placeholder_fallback_removed(tmp_path: Path) -> None:
    old = edit(CONTRACT, FALLBACK, "fallback: TBD\n")
    new = edit(old, "fallback: TBD\n", "")
    result, findings = diff(tmp_path, old, new)
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL706

BUDGET = "latency_budget_ms: {p50: 50, p95: 120}"


def test_cl706_a_raised_percentile_is_a_warning_and_exits_0(tmp_path: Path) -> None:
    new = edit(CONTRACT, BUDGET, "latency_budget_ms: {p50: 50, p95: 150}")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL706", *at(new, "latency_budget_ms", "150"))]
    assert located(findings) == [("CL706", 13, 35)]
    assert findings[0]["severity"] == "warning"
    shows(findings[0], "120", "150")
    assert result.exit_code == 0  # only warnings, default --fail-on error


def test_cl706_fail_on_warning_exits_1(tmp_path: Path) -> None:
    new = edit(CONTRACT, BUDGET, "latency_budget_ms: {p50: 50, p95: 150}")
    result, findings = diff(tmp_path, CONTRACT, new, "--fail-on", "warning")
    assert [f["code"] for f in findings] == ["CL706"]
    assert result.exit_code == 1


@pytest.mark.parametrize("percentile", ["p50", "p90", "p95", "p99"])
def test_cl706_every_percentile(tmp_path: Path, percentile: str) -> None:
    old = edit(
        CONTRACT,
        BUDGET + "     # p99 optional\n",
        "latency_budget_ms:\n  p50: 50\n  p90: 100\n  p95: 120\n  p99: 200\n",
    )
    values = {"p50": "50", "p90": "100", "p95": "120", "p99": "200"}
    raised = str(int(values[percentile]) + 5)
    new = edit(old, f"  {percentile}: {values[percentile]}\n", f"  {percentile}: {raised}\n")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL706", *at(new, f"  {percentile}: ", raised))]
    shows(findings[0], values[percentile], raised)
    assert result.exit_code == 0


def test_cl706_two_raised_values_are_two_findings(tmp_path: Path) -> None:
    new = edit(CONTRACT, BUDGET, "latency_budget_ms: {p50: 60, p95: 150}")
    new = edit(new, "timeout_ms: 300 ", "timeout_ms: 400 ")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [
        ("CL706", *at(new, "latency_budget_ms", "60")),
        ("CL706", *at(new, "latency_budget_ms", "150")),
        ("CL706", *at(new, "timeout_ms: 400", "400")),
    ]
    assert located(findings) == [("CL706", 13, 26), ("CL706", 13, 35), ("CL706", 14, 13)]
    assert result.exit_code == 0


def test_cl706_a_raised_timeout(tmp_path: Path) -> None:
    new = edit(CONTRACT, "timeout_ms: 300 ", "timeout_ms: 400 ")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL706", 14, 13)]
    shows(findings[0], "300", "400")
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("old_key", "new_key"),
    [("timeouts_ms", "timeout_ms"), ("timeout_ms", "timeouts_ms"), ("timeouts_ms", "timeouts_ms")],
)
def test_cl706_the_timeout_alias(tmp_path: Path, old_key: str, new_key: str) -> None:
    old = edit(CONTRACT, "timeout_ms: 300 ", f"{old_key}: 300 ")
    new = edit(CONTRACT, "timeout_ms: 300 ", f"{new_key}: 450 ")
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL706", 14, len(new_key) + 3)]
    shows(findings[0], "300", "450")
    assert result.exit_code == 0


def test_cl706_compatible_renaming_the_timeout_alias(tmp_path: Path) -> None:
    old = edit(CONTRACT, "timeout_ms: 300 ", "timeouts_ms: 300 ")
    result, findings = diff(tmp_path, old, CONTRACT)
    assert findings == []
    assert result.exit_code == 0


def test_cl706_compatible_a_tighter_budget(tmp_path: Path) -> None:
    new = edit(CONTRACT, BUDGET, "latency_budget_ms: {p50: 40, p95: 100, p99: 180}")
    new = edit(new, "timeout_ms: 300 ", "timeout_ms: 250 ")
    result, findings = diff(tmp_path, CONTRACT, new, "--fail-on", "info")
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL707

MONITORING = "monitoring: [score_distribution, ctr_by_bucket, latency_p95]"


def test_cl707_a_removed_monitoring_entry(tmp_path: Path) -> None:
    new = edit(CONTRACT, MONITORING, "monitoring: [score_distribution, latency_p95]")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL707", 19, 13)]  # the list that held it
    assert findings[0]["severity"] == "warning"
    shows(findings[0], "ctr_by_bucket")
    assert result.exit_code == 0


def test_cl707_one_finding_per_removed_entry(tmp_path: Path) -> None:
    new = edit(CONTRACT, MONITORING, "monitoring:\n  - score_distribution\n")
    result, findings = diff(tmp_path, CONTRACT, new, "--fail-on", "warning")
    place = at(new, "  - score_distribution", "-")
    assert located(findings) == [("CL707", *place), ("CL707", *place)]
    messages = sorted(f["message"] for f in findings)
    assert any("ctr_by_bucket" in m for m in messages)
    assert any("latency_p95" in m for m in messages)
    assert result.exit_code == 1


def test_cl707_monitoring_removed_altogether(tmp_path: Path) -> None:
    new = edit(CONTRACT, MONITORING + "\n", "")
    _, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL707", 1, 1)] * 3
    messages = " | ".join(f["message"] for f in findings)
    for entry in ("score_distribution", "ctr_by_bucket", "latency_p95"):
        assert entry in messages


def test_cl707_compatible_entries_reordered_and_added(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        MONITORING,
        "monitoring: [latency_p95, score_distribution, ctr_by_bucket, latency_p99]",
    )
    result, findings = diff(tmp_path, CONTRACT, new, "--fail-on", "info")
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL708


def test_cl708_a_removed_plan_guardrail(tmp_path: Path) -> None:
    new = edit(PLAN3, "  - {metric: spam_complaint_rate, max: 0.001}\n", "")
    result, findings = diff(tmp_path, PLAN3, new)
    # At the `guardrails` list: a block sequence starts at its first dash.
    assert located(findings) == [("CL708", *at(new, "  - {metric: unsubscribe_rate", "-"))]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "spam_complaint_rate")
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("old_part", "new_part", "token", "was", "now"),
    [
        ("max_regression: 0.0}", "max_regression: 0.01}", "0.01", ("0.0", "0"), "0.01"),
        ("max: 0.001}", "max: 0.002}", "0.002", "0.001", "0.002"),
        ("min: 0.95}", "min: 0.9}", "0.9}", "0.95", "0.9"),
    ],
)
def test_cl708_a_loosened_plan_threshold(
    tmp_path: Path, old_part: str, new_part: str, token: str, was: Any, now: str
) -> None:
    new = edit(PLAN3, old_part, new_part)
    result, findings = diff(tmp_path, PLAN3, new)
    assert located(findings) == [("CL708", *at(new, new_part, token))]
    shows(findings[0], was, now)
    assert result.exit_code == 1


def test_cl708_a_removed_threshold_key(tmp_path: Path) -> None:
    old = edit(
        PLAN3,
        "{metric: spam_complaint_rate, max: 0.001}",
        "{metric: spam_complaint_rate, max_regression: 0.0, max: 0.001}",
    )
    new = edit(
        old,
        "{metric: spam_complaint_rate, max_regression: 0.0, max: 0.001}",
        "{metric: spam_complaint_rate, max_regression: 0.0}",
    )
    result, findings = diff(tmp_path, old, new)
    # At the guardrail mapping that held the threshold.
    assert located(findings) == [("CL708", *at(new, "spam_complaint_rate", "{"))]
    shows(findings[0], "max", "spam_complaint_rate")
    assert result.exit_code == 1


def test_cl708_compatible_a_new_guardrail_and_tighter_thresholds(tmp_path: Path) -> None:
    new = edit(PLAN3, "max: 0.001}", "max: 0.0005}")
    new = edit(new, "min: 0.95}", "min: 0.97}")
    new = edit(
        new,
        "  - {metric: delivery_rate, min: 0.97}\n",
        "  - {metric: delivery_rate, min: 0.97}\n  - {metric: open_latency_s, max: 5}\n",
    )
    result, findings = diff(tmp_path, PLAN3, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl708_compatible_guardrails_reordered(tmp_path: Path) -> None:
    new = edit(
        PLAN3,
        "  - {metric: unsubscribe_rate, max_regression: 0.0}\n"
        "  - {metric: spam_complaint_rate, max: 0.001}\n",
        "  - {metric: spam_complaint_rate, max: 0.001}\n"
        "  - {metric: unsubscribe_rate, max_regression: 0.0}\n",
    )
    result, findings = diff(tmp_path, PLAN3, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl708_a_removed_framing_guardrail(tmp_path: Path) -> None:
    new = edit(FRAMING, ", {metric: latency_p95_ms, max: 200}]", "]")
    result, findings = diff(tmp_path, FRAMING, new)
    assert located(findings) == [("CL708", *at(new, "  guardrails: [", "["))]
    assert located(findings) == [("CL708", 10, 15)]
    shows(findings[0], "latency_p95_ms")
    assert result.exit_code == 1


def test_cl708_a_loosened_framing_threshold(tmp_path: Path) -> None:
    new = edit(FRAMING, "{metric: latency_p95_ms, max: 200}", "{metric: latency_p95_ms, max: 250}")
    result, findings = diff(tmp_path, FRAMING, new)
    assert located(findings) == [("CL708", *at(new, "  guardrails: [", "250"))]
    shows(findings[0], "200", "250")
    assert result.exit_code == 1


def test_cl708_compatible_a_tighter_framing_threshold(tmp_path: Path) -> None:
    new = edit(FRAMING, "{metric: latency_p95_ms, max: 200}", "{metric: latency_p95_ms, max: 180}")
    result, findings = diff(tmp_path, FRAMING, new)
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- CL709


def test_cl709_a_changed_primary_metric(tmp_path: Path) -> None:
    new = edit(PLAN, "  name: open_rate\n", "  name: click_rate\n")
    result, findings = diff(tmp_path, PLAN, new)
    assert located(findings) == [("CL709", 7, 9)]
    assert findings[0]["severity"] == "error"
    shows(findings[0], "open_rate", "click_rate")
    assert result.exit_code == 1


def test_cl709_a_bare_name_primary_metric(tmp_path: Path) -> None:
    old = "kind: experiment-plan\nname: subject-test\nprimary_metric: open_rate\n"
    new = "kind: experiment-plan\nname: subject-test\nprimary_metric: click_rate\n"
    result, findings = diff(tmp_path, old, new)
    assert located(findings) == [("CL709", 3, 17)]
    shows(findings[0], "open_rate", "click_rate")
    assert result.exit_code == 1


def test_cl709_compatible_other_primary_metric_fields(tmp_path: Path) -> None:
    new = edit(PLAN, "  baseline: 0.33 ", "  baseline: 0.35 ")
    new = edit(new, "{relative: 0.02}", "{relative: 0.03}")
    result, findings = diff(tmp_path, PLAN, new)
    assert findings == []
    assert result.exit_code == 0


def test_cl709_does_not_apply_to_a_problem_framing(tmp_path: Path) -> None:
    new = edit(FRAMING, "primary: {name: ctr_top5,", "primary: {name: ctr_top10,")
    result, findings = diff(tmp_path, FRAMING, new)
    assert findings == []
    assert result.exit_code == 0


# --------------------------------------------------------------------------- documents

SEARCH = (
    CONTRACT.replace("name: ranking-service", "name: search-service")
    .replace("/v1/rank", "/v1/search")
    .replace("p95: 120", "p95: 90")
)


def test_documents_are_matched_by_name_even_when_reordered(tmp_path: Path) -> None:
    old = CONTRACT + "---\n" + SEARCH
    new_ranking = edit(CONTRACT, "  scores: [0.0]\n", "")
    new_search = edit(SEARCH, "p95: 90", "p95: 95")
    new = new_search + "---\n" + new_ranking
    result, findings = diff(tmp_path, old, new)
    second = new.index("name: ranking-service")
    assert located(findings) == [
        ("CL701", *at(new, "  ranked_item_ids", "ranked", after=second)),
        ("CL706", *at(new, "p95: 95", "95}")),
    ]
    assert located(findings) == [("CL701", 33, 3), ("CL706", 13, 35)]
    assert result.exit_code == 1


def test_reordered_documents_alone_raise_nothing(tmp_path: Path) -> None:
    result, findings = diff(
        tmp_path,
        CONTRACT + "---\n" + SEARCH + "---\n" + PLAN,
        PLAN + "---\n" + SEARCH + "---\n" + CONTRACT,
    )
    assert findings == []
    assert result.exit_code == 0


def test_a_document_only_in_old_or_only_in_new_raises_nothing(tmp_path: Path) -> None:
    result, findings = diff(tmp_path, CONTRACT + "---\n" + SEARCH, CONTRACT + "---\n" + PLAN)
    assert findings == []
    assert result.exit_code == 0


def test_the_one_contract_of_a_file_renamed_is_still_compared(tmp_path: Path) -> None:
    """Its callers break all the same: a new name is no new endpoint."""
    new = edit(CONTRACT, "name: ranking-service", "name: ranking-service-v2")
    new = edit(new, "  scores: [0.0]\n", "")
    result, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings] == ["CL701"]
    assert result.exit_code == 1


def test_in_a_stream_a_renamed_contract_is_a_different_document(tmp_path: Path) -> None:
    """With two contracts of a kind, a name that matches none is a new document."""
    other = edit(CONTRACT, "name: ranking-service", "name: search-service")
    new = edit(CONTRACT, "name: ranking-service", "name: ranking-service-v2")
    new = edit(new, "  scores: [0.0]\n", "")
    result, findings = diff(tmp_path, CONTRACT + "---\n" + other, new + "---\n" + other)
    assert findings == [] and result.exit_code == 0


def test_documents_are_matched_by_kind_too(tmp_path: Path) -> None:
    # A plan named like the contract is not the contract's new version.
    plan = edit(PLAN, "name: email-subject-personalization", "name: ranking-service")
    result, findings = diff(tmp_path, CONTRACT, plan)
    assert findings == []
    assert result.exit_code == 0


def test_a_non_contract_document_next_to_a_contract_is_skipped(tmp_path: Path) -> None:
    other = "kind: ConfigMap\nname: ranking-service\ndata: {a: b}\n"
    new = other + "---\n" + edit(CONTRACT, "endpoint: /v1/rank", "endpoint: /v1/rerank")
    result, findings = diff(tmp_path, other + "---\n" + CONTRACT, new)
    assert located(findings) == [("CL704", *at(new, "endpoint: /v1/rerank", "/v1/rerank"))]
    assert result.exit_code == 1


def test_json_files(tmp_path: Path) -> None:
    old = (
        '{\n  "kind": "model-contract",\n  "name": "ranking-service",\n'
        '  "endpoint": "/v1/rank",\n'
        '  "response": {"ranked_item_ids": ["string"], "scores": [0.0], '
        '"model_version": "string"},\n'
        '  "timeout_ms": 300\n}\n'
    )
    new = edit(old, ', "scores": [0.0]', "")
    new = edit(new, '"timeout_ms": 300', '"timeout_ms": 350')
    result, findings = diff(tmp_path, old, new, old_name="old.json", new_name="new.json")
    assert located(findings) == [
        ("CL701", *at(new, '"response"', "{")),
        ("CL706", *at(new, '"timeout_ms"', "350")),
    ]
    assert located(findings) == [("CL701", 5, 15), ("CL706", 6, 17)]
    assert result.exit_code == 1


def test_markdown_lines_point_into_the_markdown_file(tmp_path: Path) -> None:
    def page(contract: str) -> str:
        return "# Ranking service\n\nThe contract we agreed on:\n\n```yaml\n" + contract + "```\n"

    new = page(edit(CONTRACT, "  user_id: string\n", "  user_id: integer\n"))
    result, findings = diff(tmp_path, page(CONTRACT), new, old_name="old.md", new_name="new.md")
    assert located(findings) == [("CL702", *at(new, "user_id: integer", "integer"))]
    assert located(findings) == [("CL702", 11, 12)]
    assert result.exit_code == 1


# --------------------------------------------------------------------------- suppression


def test_an_inline_suppression_in_new(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        "  scores: [0.0]\n",
        "  scores: [string]   # contractlint: disable=CL702 -- clients migrated in #812\n",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_a_suppression_by_name_on_the_line_before(tmp_path: Path) -> None:
    new = edit(
        CONTRACT,
        "endpoint: /v1/rank\n",
        "# contractlint: disable=endpoint-changed-without-version -- old path still routed\n"
        "endpoint: /v1/rerank\n",
    )
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_a_file_wide_suppression(tmp_path: Path) -> None:
    new = edit(CONTRACT, MONITORING, "monitoring: [latency_p95]")
    new = "# contractlint: disable-file=CL707 -- dashboards moved to the shared board\n" + new
    result, findings = diff(tmp_path, CONTRACT, new, "--fail-on", "warning")
    assert findings == []
    assert result.exit_code == 0


def test_x_contractlint_ignore_in_new(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  scores: [0.0]\n", "")
    new += "x-contractlint-ignore: {CL701: scores moved to /v1/scores}\n"
    result, findings = diff(tmp_path, CONTRACT, new)
    assert findings == []
    assert result.exit_code == 0


def test_a_suppression_of_another_code_does_not_hide_the_finding(tmp_path: Path) -> None:
    new = edit(CONTRACT, "  scores: [0.0]\n", "")
    new += "x-contractlint-ignore: {CL702: not this one}\n"
    _, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings if f["code"].startswith("CL7")] == ["CL701"]


# --------------------------------------------------------------------------- selection, config

BREAKING = edit(
    edit(CONTRACT, "  scores: [0.0]\n", ""),
    "timeout_ms: 300 ",
    "timeout_ms: 400 ",
)


@pytest.mark.parametrize("ignore", ["CL7", "CL701,CL706", "removed-response-field,CL706"])
def test_ignore(tmp_path: Path, ignore: str) -> None:
    result, findings = diff(tmp_path, CONTRACT, BREAKING, "--ignore", ignore)
    assert findings == []
    assert result.exit_code == 0


def test_ignore_one_keeps_the_other(tmp_path: Path) -> None:
    result, findings = diff(tmp_path, CONTRACT, BREAKING, "--ignore", "CL701")
    assert located(findings) == [("CL706", 13, 13)]
    assert result.exit_code == 0


def test_select(tmp_path: Path) -> None:
    result, findings = diff(tmp_path, CONTRACT, BREAKING, "--select", "CL701")
    assert located(findings) == [("CL701", 10, 3)]
    assert result.exit_code == 1


def test_config_severity_override(tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("severity: {CL706: error}\n", encoding="utf-8")
    new = edit(CONTRACT, "timeout_ms: 300 ", "timeout_ms: 400 ")
    result, findings = diff(tmp_path, CONTRACT, new, "--config", "cfg.yaml")
    assert located(findings) == [("CL706", 14, 13)]
    assert findings[0]["severity"] == "error"
    assert result.exit_code == 1


def test_config_ignore_from_the_config_file_found_upward(tmp_path: Path) -> None:
    (tmp_path / ".contractlint.yaml").write_text("ignore: [CL701]\n", encoding="utf-8")
    result, findings = diff(tmp_path, CONTRACT, BREAKING)
    assert [f["code"] for f in findings] == ["CL706"]
    assert result.exit_code == 0


def test_exit_zero_and_fail_on_never(tmp_path: Path) -> None:
    result, findings = diff(tmp_path, CONTRACT, BREAKING, "--exit-zero")
    assert sorted(f["code"] for f in findings) == ["CL701", "CL706"]
    assert result.exit_code == 0
    result, _ = diff(tmp_path, CONTRACT, BREAKING, "--fail-on", "never")
    assert result.exit_code == 0


def test_a_bad_config_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "cfg.yaml").write_text("severity: {CL799: error}\n", encoding="utf-8")
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(BREAKING, encoding="utf-8")
    result = run("--config", "cfg.yaml", "old.yaml", "new.yaml")
    no_traceback(result)
    assert result.exit_code == 2
    assert "CL799" in result.stderr


# --------------------------------------------------------------------------- outputs


def test_text_output(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    new = edit(CONTRACT, "  user_id: string\n", "  user_id: integer\n")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = run("old.yaml", "new.yaml")
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # the finding, then the summary
    assert re.fullmatch(
        r"new\.yaml:6:12: CL702 \[error\] .*string.*integer.* \(changed-field-type\)", lines[0]
    ), lines[0]
    assert "1" in lines[1]
    assert "\x1b[" not in result.stdout
    assert result.exit_code == 1


def test_text_output_quiet_has_no_summary(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(BREAKING, encoding="utf-8")
    result = run("--quiet", "old.yaml", "new.yaml")
    no_traceback(result)
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # two findings, no summary
    assert re.fullmatch(r"new\.yaml:10:3: CL701 \[error\] .+ \(removed-response-field\)", lines[0])
    assert re.fullmatch(
        r"new\.yaml:13:13: CL706 \[warning\] .+ \(latency-budget-raised\)", lines[1]
    )
    assert result.exit_code == 1


def test_text_output_with_no_finding_exits_0(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(CONTRACT, encoding="utf-8")
    result = run("old.yaml", "new.yaml")
    no_traceback(result)
    assert "CL7" not in result.stdout
    assert result.exit_code == 0


def test_output_file(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(BREAKING, encoding="utf-8")
    result = run("--format", "json", "--output-file", "out.json", "old.yaml", "new.yaml")
    no_traceback(result)
    assert result.stdout == ""
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert located(data["findings"]) == [("CL701", 10, 3), ("CL706", 13, 13)]
    assert data["summary"]["errors"] == 1
    assert data["summary"]["warnings"] == 1
    assert result.exit_code == 1


@pytest.mark.parametrize("output_format", ["github", "sarif", "junit", "gitlab"])
def test_every_output_format(tmp_path: Path, output_format: str) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(BREAKING, encoding="utf-8")
    result = run("--format", output_format, "old.yaml", "new.yaml")
    no_traceback(result)
    assert "CL701" in result.stdout
    assert "CL706" in result.stdout
    assert result.exit_code == 1


# --------------------------------------------------------------------------- usage errors


def test_a_missing_new_file_is_cl006_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    result = run("--format", "json", "old.yaml", "missing.yaml")
    no_traceback(result)
    assert [(f["code"], f["path"], f["line"], f["column"]) for f in report(result)] == [
        ("CL006", "missing.yaml", 1, 1)
    ]
    assert result.exit_code == 1


def test_a_missing_old_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "new.yaml").write_text(CONTRACT, encoding="utf-8")
    result = run("--format", "json", "missing.yaml", "new.yaml")
    no_traceback(result)
    assert result.exit_code == 2
    assert "missing.yaml" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [[], ["old.yaml"], ["old.yaml", "new.yaml", "third.yaml"]])
def test_old_and_new_are_both_required(tmp_path: Path, args: list[str]) -> None:
    for name in ("old.yaml", "new.yaml", "third.yaml"):
        (tmp_path / name).write_text(CONTRACT, encoding="utf-8")
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == 2


def test_a_new_file_with_a_syntax_error_is_cl001(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(CONTRACT + "extra: [unclosed\n", encoding="utf-8")
    result = run("--format", "json", "old.yaml", "new.yaml")
    assert [f["code"] for f in report(result)] == ["CL001"]
    assert result.exit_code == 1


# --------------------------------------------------------------------------- --base

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository (the current folder) with contract.yaml, plans/plan.yaml and notes.txt."""
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("", encoding="utf-8")
    for key, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    monkeypatch.chdir(root)
    (root / "contract.yaml").write_text(CONTRACT, encoding="utf-8")
    (root / "plans" / "plan.yaml").write_text(PLAN3, encoding="utf-8")
    (root / "notes.txt").write_text("notes\n", encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-q", "-m", "v1")
    return root


def base(*args: str) -> tuple[Any, list[dict[str, Any]]]:
    result = run("--format", "json", "--base", *args)
    return result, report(result)


def paths_of(findings: list[dict[str, Any]]) -> set[str]:
    return {os.path.normpath(f["path"]) for f in findings}


@needs_git
def test_base_with_a_path(repo: Path) -> None:
    new = edit(CONTRACT, "  scores: [0.0]\n", "")
    (repo / "contract.yaml").write_text(new, encoding="utf-8")
    result, findings = base("HEAD", "contract.yaml")
    assert located(findings) == [("CL701", 10, 3)]
    assert paths_of(findings) == {"contract.yaml"}
    shows(findings[0], "scores")
    assert result.exit_code == 1


@needs_git
def test_base_without_a_path_compares_every_changed_file(repo: Path) -> None:
    (repo / "contract.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""), encoding="utf-8")
    plan = edit(PLAN3, "  name: open_rate\n", "  name: click_rate\n")
    (repo / "plans" / "plan.yaml").write_text(plan, encoding="utf-8")
    (repo / "notes.txt").write_text("more notes\n", encoding="utf-8")
    result, findings = base("HEAD")
    assert sorted(
        (os.path.normpath(f["path"]), f["code"], f["line"], f["column"]) for f in findings
    ) == [
        ("contract.yaml", "CL701", 10, 3),
        (os.path.join("plans", "plan.yaml"), "CL709", 7, 9),
    ]
    assert result.exit_code == 1


@needs_git
def test_base_without_a_path_and_nothing_changed(repo: Path) -> None:
    result, findings = base("HEAD")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_with_an_unchanged_path(repo: Path) -> None:
    result, findings = base("HEAD", "contract.yaml")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_only_a_compatible_change(repo: Path) -> None:
    new = edit(CONTRACT, "endpoint: /v1/rank", "endpoint: /v2/rank")
    new = edit(new, "  model_version: string\n", "  model_version: string\n  explanation: string\n")
    (repo / "contract.yaml").write_text(new, encoding="utf-8")
    result, findings = base("HEAD")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_a_file_added_since_the_ref_has_no_old_version(repo: Path) -> None:
    (repo / "added.yaml").write_text(
        edit(CONTRACT, "name: ranking-service", "name: other-service"), encoding="utf-8"
    )
    git("add", "added.yaml")  # staged, so `git diff --name-only HEAD` lists it
    result, findings = base("HEAD")
    assert findings == []
    assert result.exit_code == 0
    result, findings = base("HEAD", "added.yaml")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_an_untracked_file_named_explicitly_has_no_old_version(repo: Path) -> None:
    (repo / "untracked.yaml").write_text(CONTRACT, encoding="utf-8")
    result, findings = base("HEAD", "untracked.yaml")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_an_older_ref_sees_committed_changes(repo: Path) -> None:
    new = edit(CONTRACT, BUDGET, "latency_budget_ms: {p50: 50, p95: 150}")
    (repo / "contract.yaml").write_text(new, encoding="utf-8")
    git("commit", "-q", "-am", "v2")
    result, findings = base("HEAD~1")
    assert located(findings) == [("CL706", 13, 35)]
    assert paths_of(findings) == {"contract.yaml"}
    assert result.exit_code == 0
    result, findings = base("HEAD")
    assert findings == []


@needs_git
def test_base_suppression_and_ignore_apply(repo: Path) -> None:
    new = edit(CONTRACT, "  scores: [0.0]\n", "") + "x-contractlint-ignore: {CL701: moved}\n"
    new = edit(new, "endpoint: /v1/rank", "endpoint: /v1/rerank")
    (repo / "contract.yaml").write_text(new, encoding="utf-8")
    result, findings = base("HEAD", "contract.yaml")
    assert located(findings) == [("CL704", 4, 11)]
    result, findings = base("HEAD", "--ignore", "CL704", "contract.yaml")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_from_a_subdirectory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = edit(PLAN3, "  - {metric: delivery_rate, min: 0.95}\n", "")
    (repo / "plans" / "plan.yaml").write_text(plan, encoding="utf-8")
    monkeypatch.chdir(repo / "plans")
    for args in (("HEAD",), ("HEAD", "plan.yaml")):
        result, findings = base(*args)
        assert located(findings) == [("CL708", *at(plan, "unsubscribe_rate", "-"))]
        assert paths_of(findings) == {"plan.yaml"}
        assert result.exit_code == 1


@needs_git
def test_base_a_file_deleted_since_the_ref_is_not_reported(repo: Path) -> None:
    (repo / "contract.yaml").unlink()
    result, findings = base("HEAD")
    assert findings == []
    assert result.exit_code == 0


@needs_git
def test_base_a_file_name_with_a_space(repo: Path) -> None:
    (repo / "my contract.yaml").write_text(CONTRACT, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    (repo / "my contract.yaml").write_text(
        edit(CONTRACT, "endpoint: /v1/rank", "endpoint: /v1/rerank"), encoding="utf-8"
    )
    result, findings = base("HEAD")
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in findings] == [
        ("my contract.yaml", "CL704", 4, 11)
    ]
    assert result.exit_code == 1


@needs_git
def test_base_a_non_ascii_file_name_is_not_skipped(repo: Path) -> None:
    (repo / "contrat-é.yaml").write_text(CONTRACT, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    (repo / "contrat-é.yaml").write_text(
        edit(CONTRACT, "endpoint: /v1/rank", "endpoint: /v1/rerank"), encoding="utf-8"
    )
    result, findings = base("HEAD")
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in findings] == [
        ("contrat-é.yaml", "CL704", 4, 11)
    ]
    assert result.exit_code == 1


@needs_git
def test_base_a_non_ascii_file_name_named_explicitly(repo: Path) -> None:
    (repo / "contrat-é.yaml").write_text(CONTRACT, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    (repo / "contrat-é.yaml").write_text(
        edit(CONTRACT, "endpoint: /v1/rank", "endpoint: /v1/rerank"), encoding="utf-8"
    )
    result, findings = base("HEAD", "contrat-é.yaml")
    assert located(findings) == [("CL704", 4, 11)]
    assert result.exit_code == 1


@needs_git
def test_base_an_unknown_ref_is_a_usage_error(repo: Path) -> None:
    (repo / "contract.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""), encoding="utf-8")
    result = run("--format", "json", "--base", "no-such-ref", "contract.yaml")
    no_traceback(result)
    assert result.exit_code == 2


@needs_git
def test_base_outside_a_git_repository_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (outside / "contract.yaml").write_text(CONTRACT, encoding="utf-8")
    result = run("--format", "json", "--base", "HEAD", "contract.yaml")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.strip()


# --------------------------------------------------------------------------- explain, rules


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain(code: str) -> None:
    name = RULES[code][0]
    for rule in (code, name):
        result = cli_runner().invoke(cli, ["explain", rule])
        assert result.exit_code == 0, result.output
        assert code in result.stdout
        assert name in result.stdout
    data = json.loads(cli_runner().invoke(cli, ["explain", code, "--format", "json"]).stdout)
    assert data["failing_example"].strip()
    assert data["passing_example"].strip()
    assert data["why"].strip()
    assert data["how_to_fix"].strip()


def test_rules_lists_them() -> None:
    result = cli_runner().invoke(cli, ["rules", "--format", "json"])
    assert result.exit_code == 0
    listed = {r["code"]: (r["name"], r["severity"], r["kinds"]) for r in json.loads(result.stdout)}
    for code, (name, severity, kinds) in RULES.items():
        assert listed[code] == (name, severity, kinds)
    text = cli_runner().invoke(cli, ["rules"]).stdout
    for code in RULES:
        assert code in text


def test_the_rules_page_has_them() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, (name, _, _) in RULES.items():
        assert f"## {code} {name}" in page


@needs_git
def test_base_with_a_folder_compares_the_files_in_it(repo: Path) -> None:
    plan = edit(PLAN3, "  name: open_rate\n", "  name: click_rate\n")
    (repo / "plans" / "plan.yaml").write_text(plan, encoding="utf-8")
    result, findings = base("HEAD", "plans")
    assert [f["code"] for f in findings] == ["CL709"], result.stderr
    assert paths_of(findings) == {os.path.normpath("plans/plan.yaml")}


def test_an_old_file_that_holds_no_contract_breaks_nothing(tmp_path: Path, monkeypatch) -> None:
    """`diff OLD NEW` where OLD is a Helm template (no YAML until rendered): it held no
    contract, so the new one breaks nothing; never "cannot compare"."""
    monkeypatch.chdir(tmp_path)
    old = "{{- if .Values.on }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n"
    result, findings = diff(tmp_path, old, CONTRACT)
    assert result.exit_code == 0 and findings == []


# ------------------------------------------------------------- --base, as a team uses it


@needs_git
def test_base_unchanged_broken_or_misspelt_files_get_nothing(repo: Path) -> None:
    """What is wrong in a file that did not change is `check`'s to say: the hook must
    not fail on files nobody touched (CL001, CL002 in a committed file)."""
    (repo / "broken.yaml").write_text("kind: model-contract\nname: [\n", encoding="utf-8")
    (repo / "typo.yaml").write_text(edit(CONTRACT, "kind: model-contract", "kind: modelcontract"))
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    for args in (("HEAD", "broken.yaml", "typo.yaml"), ("HEAD", ".")):
        result, findings = base(*args)
        assert findings == [] and result.exit_code == 0, findings
    (repo / "broken.yaml").write_text("kind: model-contract\nname: [x\n", encoding="utf-8")
    result, findings = base("HEAD")  # changed and broken: cannot compare, said once
    assert [f["code"] for f in findings] == ["CL001"]


def test_identical_old_and_new_are_silent_even_when_broken(tmp_path: Path) -> None:
    text = edit(CONTRACT, "kind: model-contract", "kind: modelcontract")
    result, findings = diff(tmp_path, text, text)
    assert findings == [] and result.exit_code == 0


@needs_git
def test_base_a_renamed_contract_is_compared_with_its_old_name(repo: Path) -> None:
    git("mv", "contract.yaml", "ranking.yaml")
    (repo / "ranking.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""), encoding="utf-8")
    for args in (("HEAD",), ("HEAD", "ranking.yaml")):
        _, findings = base(*args)
        assert [f["code"] for f in findings] == ["CL701"], findings
        assert paths_of(findings) == {"ranking.yaml"}


@needs_git
def test_base_honours_exclude_as_check_does(repo: Path) -> None:
    (repo / "fixtures").mkdir()
    (repo / "fixtures" / "f.yaml").write_text(CONTRACT, encoding="utf-8")
    (repo / ".contractlint.yaml").write_text("extend-exclude: [fixtures/]\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    (repo / "fixtures" / "f.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""))
    result, findings = base("HEAD")
    assert findings == [] and result.exit_code == 0
    # A named file is compared unless --force-exclude (the hook's), as in `check`.
    _, findings = base("HEAD", "fixtures/f.yaml")
    assert [f["code"] for f in findings] == ["CL701"]
    _, findings = base("HEAD", "--force-exclude", "fixtures/f.yaml")
    assert findings == []
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: contractlint diff --base HEAD --force-exclude\n" in hooks


@needs_git
def test_base_a_too_large_old_version_is_that_files_problem(repo: Path) -> None:
    (repo / "big.yaml").write_text(CONTRACT + "# " + "x" * 4000 + "\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "v2")
    (repo / ".contractlint.yaml").write_text("max-file-size: 3000\n", encoding="utf-8")
    (repo / "big.yaml").write_text(CONTRACT, encoding="utf-8")
    (repo / "contract.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""), encoding="utf-8")
    result, findings = base("HEAD", "big.yaml", "contract.yaml")
    assert [(f["path"], f["code"]) for f in findings] == [
        ("big.yaml", "CL006"),
        ("contract.yaml", "CL701"),
    ]
    assert "over the size limit of 3,000 bytes" in findings[0]["message"]
    assert result.exit_code == 1


def test_old_is_read_as_its_own_format(tmp_path: Path) -> None:
    """A contract moved from YAML to JSON is compared, not read as JSON twice."""
    new = json.dumps(yaml.safe_load(edit(CONTRACT, "  scores: [0.0]\n", "")), indent=2)
    _, findings = diff(tmp_path, CONTRACT, new, new_name="new.json")
    assert [f["code"] for f in findings] == ["CL701"]


@needs_git
def test_base_counting_back_past_the_first_commit_is_nothing_to_compare(repo: Path) -> None:
    (repo / "contract.yaml").write_text(edit(CONTRACT, "  scores: [0.0]\n", ""), encoding="utf-8")
    result = run("--base", "HEAD~1")
    assert result.exit_code == 0
    assert result.stderr == (
        "contractlint: no base revision yet (`HEAD~1`: the history has no such commit), "
        "so there is nothing to compare\n"
    )
    unknown = run("--base", "nosuchbranch~1")
    assert unknown.exit_code == 2 and "is not a git revision here" in unknown.stderr


@needs_git
def test_base_outside_git_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("--base", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == (
        "contractlint: not inside a git repository: `diff --base` compares with a git "
        "revision; outside one, give OLD and NEW files\n"
    )


@needs_git
def test_base_nothing_changed_says_so(repo: Path) -> None:
    result = run("--base", "HEAD")
    assert result.exit_code == 0 and result.stdout == "No contract changed since HEAD\n"


def test_check_never_calls_a_diff_suppression_unused(tmp_path: Path) -> None:
    """A CL7xx suppression is for `diff` (as the rules' explanations advise): `check`
    runs no CL7xx rule, so it cannot say the suppression is unused."""
    commented = edit(CONTRACT, "response:\n", "response:  # contractlint: disable=CL701 -- v2\n")
    ignored = "x-contractlint-ignore: {CL701: v2 drops scores}\n" + CONTRACT
    for text in (commented, ignored):
        (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
        result = cli_runner().invoke(cli, ["check", "--no-cache", "--format", "json", "c.yaml"])
        assert "CL008" not in [f["code"] for f in report(result)], result.stdout


# ----------------------------------------------------------- a promise removed is loosened


@pytest.mark.parametrize(
    ("removed", "replacement", "message"),
    [
        (BUDGET, "# (no budget)", "latency budget p50 (50 ms) is gone"),
        (BUDGET, "latency_budget_ms: {p50: 50}", "latency budget p95 (120 ms) is gone"),
        (BUDGET, "latency_budget_ms: {p50: 50, p95: TBD}", "latency budget p95 (120 ms) is gone"),
        ("timeout_ms: 300 ", "# timeout_ms: 300 ", "the timeout (300 ms) is gone"),
        ("timeout_ms: 300 ", "timeout_ms: TBD ", "the timeout (300 ms) is gone"),
    ],
)
def test_cl706_a_removed_budget_or_timeout_is_the_loosest(
    tmp_path: Path, removed: str, replacement: str, message: str
) -> None:
    new = edit(CONTRACT, removed, replacement)
    _, findings = diff(tmp_path, CONTRACT, new)
    assert [f["code"] for f in findings if f["code"] == "CL706"], findings
    assert any(f["message"].startswith(message) for f in findings), findings


def test_cl704_dropping_the_version_segment(tmp_path: Path) -> None:
    new = edit(CONTRACT, "endpoint: /v1/rank\n", "endpoint: /rank\n")
    _, findings = diff(tmp_path, CONTRACT, new)
    assert located(findings) == [("CL704", 4, 11)]
    assert "dropping its version `v1`" in findings[0]["message"]


def test_cl709_a_removed_primary_metric(tmp_path: Path) -> None:
    block = PLAN[PLAN.index("primary_metric:\n") : PLAN.index("guardrails:\n")]
    _, findings = diff(tmp_path, PLAN, PLAN.replace(block, ""))
    assert [f["code"] for f in findings] == ["CL709"]
    assert findings[0]["message"].startswith("the primary metric `open_rate` is gone")


def test_cl708_every_entry_of_a_metric_with_two_guardrails(tmp_path: Path) -> None:
    two = edit(
        PLAN,
        "  - {metric: unsubscribe_rate, max_regression: 0.0}",
        "  - {metric: revenue, min: 10}\n  - {metric: revenue, max: 100}\n"
        "  - {metric: unsubscribe_rate, max_regression: 0.0}",
    )
    loosened = edit(two, "  - {metric: revenue, max: 100}\n", "  - {metric: revenue, max: 1000}\n")
    _, findings = diff(tmp_path, two, loosened)
    assert [f["code"] for f in findings] == ["CL708"]
    shows(findings[0], "100", "1000")
    gone = edit(two, "  - {metric: revenue, max: 100}\n", "")
    _, findings = diff(tmp_path, two, gone)
    assert [f["code"] for f in findings] == ["CL708"], findings


def test_cl708_two_guardrails_of_a_metric_are_matched_by_their_thresholds(
    tmp_path: Path,
) -> None:
    two = edit(
        PLAN,
        "  - {metric: unsubscribe_rate, max_regression: 0.0}",
        "  - {metric: latency_p99, max: 180}\n  - {metric: latency_p99, min: 10}\n"
        "  - {metric: unsubscribe_rate, max_regression: 0.0}",
    )
    one_gone = edit(two, "  - {metric: latency_p99, max: 180}\n", "")
    _, findings = diff(tmp_path, two, one_gone)
    assert [f["message"][:44] for f in findings] == ["guardrail `latency_p99` (max 180) is gone: t"]
    both_gone = edit(one_gone, "  - {metric: latency_p99, min: 10}\n", "")
    _, findings = diff(tmp_path, two, both_gone)
    messages = sorted(f["message"] for f in findings)
    assert [m[:40] for m in messages] == [
        "guardrail `latency_p99` (max 180) is gon",
        "guardrail `latency_p99` (min 10) is gone",
    ]
    assert len({f["fingerprint"] for f in findings}) == 2


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("endpoint: /v1/rank\n", "endpoint: /search/query-autocomplete/suggest\n"),
        ("endpoint: /v1/rank\n", "endpoint: /v1/search/query-autocomplete/suggest\n"),
    ],
)
def test_a_long_endpoint_keeps_the_message_within_120_characters(
    tmp_path: Path, old: str, new: str
) -> None:
    before = edit(CONTRACT, "endpoint: /v1/rank\n", new.replace("/search", "/v1/catalog"))
    after = edit(CONTRACT, old, new)
    _, findings = diff(tmp_path, before, after)
    assert [f["code"] for f in findings] == ["CL704"]
    assert len(findings[0]["message"]) <= 120, findings[0]["message"]
    assert new.split()[1] in findings[0]["message"]  # said whole when the wording allows


def test_a_long_primary_metric_keeps_the_message_within_120_characters(tmp_path: Path) -> None:
    was = "search_sessions_with_click_in_top_five"
    old = edit(PLAN, "  name: open_rate\n", f"  name: {was}\n")
    new = edit(PLAN, "  name: open_rate\n", f"  name: {was.replace('five', 'three')}\n")
    _, findings = diff(tmp_path, old, new)
    assert [f["code"] for f in findings] == ["CL709"]
    assert len(findings[0]["message"]) <= 120 and was in findings[0]["message"]


@needs_git
def test_base_without_a_revision_still_writes_the_report_asked_for(repo: Path) -> None:
    """A CI step uploads the SARIF file after the diff: it must exist, empty."""
    result = run("--base", "HEAD~1", "--format", "sarif", "-o", "out/r.sarif")
    assert result.exit_code == 0 and "no base revision yet" in result.stderr
    sarif = json.loads((repo / "out" / "r.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
    as_json = run("--base", "HEAD~1", "--format", "json")
    assert json.loads(as_json.stdout)["findings"] == []
