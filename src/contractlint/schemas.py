"""The bundled JSON Schemas, one per kind, compiled once per process."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contractlint.kinds import KINDS

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


def schema_dir() -> Path:
    """Inside an installed wheel the schemas sit in the package; in a checkout, at the top."""
    here = Path(__file__).resolve().parent
    packaged = here / "schemas"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "schemas"


@functools.cache
def load_schema(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise KeyError(kind)
    with open(schema_dir() / f"{kind}.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # 80 ms of imports: only when a file fails

    return Draft202012Validator(load_schema(kind))


def schema_text(kind: str) -> str:
    """The schema as ``contractlint schema KIND`` prints it (self-contained: local refs only)."""
    return json.dumps(load_schema(kind), indent=2, ensure_ascii=False) + "\n"


def subschema(kind: str, pointer: str) -> dict[str, Any]:
    """The schema that applies to the value at ``pointer`` (best effort: properties,
    items, additionalProperties, local ``$ref``); ``{}`` when unknown."""
    root = load_schema(kind)
    node: Any = root
    for token in [t for t in pointer.split("/")[1:]]:
        node = _deref(root, node)
        key = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict):
            return {}
        if "properties" in node and key in node["properties"]:
            node = node["properties"][key]
        elif "items" in node and token.isdigit():
            node = node["items"]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return {}
    node = _deref(root, node)
    return node if isinstance(node, dict) else {}


def _deref(root: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return node
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node
