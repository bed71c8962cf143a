"""Completion and hover from the schemas, in process (lsprotocol only, Python 3.9 too):
where the cursor stands is read from indentation and ``- `` markers, in YAML and in a
Markdown block, and the answers are the schema's own keys and values."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from contractlint import schemas
from contractlint.config import Config
from contractlint.lsp import schema_help
from contractlint.lsp.positions import Text

CONFIG = Config()
CHECKLIST = schemas.load_schema("acceptance-checklist")
PLAN = schemas.load_schema("experiment-plan")


def labels(text: str, line: int, character: int, path: str = "x.yaml") -> list[str]:
    position = types.Position(line=line, character=character)
    return [item.label for item in schema_help.completion(Text(text), path, position, CONFIG)]


def test_keys_of_a_sequence_item_less_those_written() -> None:
    text = "kind: acceptance-checklist\nname: x\nitems:\n  - id: fallback-verified\n    \n"
    item = CHECKLIST["properties"]["items"]["items"]["properties"]
    assert sorted(labels(text, 4, 4)) == sorted(set(item) - {"id"})


def test_values_of_a_key_inside_a_sequence_item() -> None:
    text = "kind: acceptance-checklist\nname: x\nitems:\n  - id: fallback-verified\n    status: \n"
    status = CHECKLIST["properties"]["items"]["items"]["properties"]["status"]["enum"]
    assert labels(text, 4, 12) == status
    # The first key of an item, on the item's own line.
    text = "kind: acceptance-checklist\nname: x\nitems:\n- status: d\n"
    assert labels(text, 3, 11) == status


def test_a_new_item_of_a_sequence_of_mappings_offers_its_keys() -> None:
    text = "kind: experiment-plan\nname: x\nguardrails:\n  - \n"
    guardrail = schema_help.node_at("experiment-plan", ("guardrails", "0"), CONFIG)
    assert sorted(labels(text, 3, 4)) == sorted(
        schema_help.properties("experiment-plan", guardrail, CONFIG)
    )
    assert "metric" in labels(text, 3, 4)


def test_a_key_after_a_nested_mapping_belongs_to_the_top() -> None:
    text = "kind: experiment-plan\nname: x\nprimary_metric:\n  name: ctr\nhy\n"
    found = labels(text, 4, 2)
    assert "hypothesis" in found and "primary_metric" not in found and "kind" not in found


def test_kind_first_then_the_kinds() -> None:
    assert labels("ki\n", 0, 2) == ["kind"]
    assert labels("kind: \n", 0, 6)[:4] == list(schemas.NAMES[:4])
    assert labels("kind: model-contract\nname: x\n  \n", 2, 2) == []  # under a string: nothing


def test_markdown_blocks_are_documents_of_their_own() -> None:
    text = (
        "# Plan\n\n```yaml\nkind: experiment-plan\nname: x\nstopping_rule: \n```\n\n"
        "```yaml\nkind: acceptance-checklist\nname: y\n\n```\n"
    )
    assert labels(text, 5, 15, "doc.md") == PLAN["properties"]["stopping_rule"]["enum"]
    second = labels(text, 11, 0, "doc.md")
    assert "items" in second and "stopping_rule" not in second


def test_json_completion_reads_the_place_from_the_text_before_the_cursor() -> None:
    # A key being typed (its quote open) at the top: the kind's keys, less those written.
    found = labels('{"kind": "model-contract", "na', 0, 30, "x.json")
    assert "name" in found and "endpoint" in found and "kind" not in found
    # Inside a nested object, after keys with strings holding brackets and escapes.
    text = '{"kind": "experiment-plan", "name": "a{[\\"x", "primary_metric": {"name": "m", "'
    nested = labels(text, 0, len(text), "x.json")
    assert "type" in nested and "baseline" in nested and "name" not in nested
    # A closed object is left: back at the top.
    text = '{"kind": "experiment-plan", "primary_metric": {"name": "m"}, "'
    assert "stopping_rule" in labels(text, 0, len(text), "x.json")
    # Not a contract: nothing.
    assert labels('{"kind": "Service", "', 0, 21, "x.json") == []


def test_hover_on_a_key_and_on_a_value() -> None:
    text = "kind: experiment-plan\nname: x\nstopping_rule: fixed_horizon\n"
    description = PLAN["properties"]["stopping_rule"]["description"]
    for character in (3, 18):
        found = schema_help.hover(
            Text(text), "x.yaml", types.Position(line=2, character=character), (), CONFIG
        )
        assert found is not None and isinstance(found.contents, types.MarkupContent)
        assert description in found.contents.value
        assert "`fixed_horizon`" in found.contents.value  # the allowed values
    assert (
        schema_help.hover(Text(text), "x.yaml", types.Position(line=5, character=0), (), CONFIG)
        is None
    )


def test_hover_in_json_and_in_a_markdown_block() -> None:
    description = PLAN["properties"]["stopping_rule"]["description"]
    text = '{\n  "kind": "experiment-plan",\n  "name": "x",\n  "stopping_rule": "sequential"\n}\n'
    found = schema_help.hover(Text(text), "x.json", types.Position(line=3, character=5), (), CONFIG)
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert description in found.contents.value
    text = "# Plan\n\n```yaml\nkind: experiment-plan\nname: x\nstopping_rule: sequential\n```\n"
    found = schema_help.hover(Text(text), "x.md", types.Position(line=5, character=2), (), CONFIG)
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    assert description in found.contents.value
