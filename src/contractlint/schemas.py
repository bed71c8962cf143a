"""The bundled JSON Schemas, one per kind and one of the configuration file, compiled
once per process."""

from __future__ import annotations

import functools
import json
import os
from typing import TYPE_CHECKING, Any

from contractlint.kinds import KINDS

if TYPE_CHECKING:
    from pathlib import Path

    from jsonschema import Draft202012Validator

# `contractlint schema config`: the schema of `.contractlint.yaml` and `[tool.contractlint]`.
CONFIG = "config"
CONFIG_FILE = "config.schema.json"
# What `contractlint schema NAME` prints: the kinds, then the configuration.
NAMES = (*KINDS, CONFIG)


def _folder() -> str:
    """Inside an installed wheel the schemas sit in the package; in a checkout, at the top.
    (os.path, not pathlib: a warm run that checks a configuration imports this module.)"""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "schemas")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "schemas")


def schema_dir() -> Path:
    """The folder of the bundled schemas."""
    from pathlib import Path

    return Path(_folder())


def _read(name: str) -> dict[str, Any]:
    with open(os.path.join(_folder(), name), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@functools.cache
def load_schema(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise KeyError(kind)
    return _read(f"{kind}.json")


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator  # 80 ms of imports: only when a file fails

    return Draft202012Validator(load_schema(kind))


@functools.cache
def load_config_schema() -> dict[str, Any]:
    """The schema of the configuration (``schemas/config.schema.json``)."""
    return _read(CONFIG_FILE)


def config_validator() -> Draft202012Validator:
    """A validator of the configuration schema: only to explain a configuration that fails
    the compiled check (``jsonschema`` costs a run 80 ms of imports)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(load_config_schema())


def schema_text(name: str) -> str:
    """The schema as ``contractlint schema NAME`` prints it (self-contained: local refs
    only): a kind's, or with ``config`` the configuration's."""
    schema = load_config_schema() if name == CONFIG else load_schema(name)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


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
