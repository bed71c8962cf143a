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


def subschema(
    kind: str, pointer: str, declared: tuple[tuple[str, str, str], ...] = ()
) -> dict[str, Any]:
    """The schema that applies to the value at ``pointer`` (best effort: properties,
    items, additionalProperties, local ``$ref``); ``{}`` when unknown. ``declared``: the
    configuration's declared kinds (kind, path, schema text), for a document of one."""
    own = next((text for name, _, text in declared if name == kind), None)
    if own is not None:
        root = parsed(own)
    elif kind in KINDS:
        root = load_schema(kind)
    else:
        return {}
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


# --- the configuration's own schemas (SPEC 8: `kinds` and `schema-extensions`) -----------
# A configuration holds each schema file it names as compact JSON text (a plain value, so
# part of the cache's run key); these parse and compile each text once per process.


def compact(schema: Any) -> str:
    """A schema as the configuration holds it: compact JSON, its keys in file order."""
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=64)
def parsed(text: str) -> dict[str, Any]:
    """The schema of a configuration's schema text (do not change what it returns)."""
    schema: dict[str, Any] = json.loads(text)
    return schema


@functools.lru_cache(maxsize=64)
def text_validator(text: str) -> Any:
    """A ``jsonschema`` validator of a configuration's schema text, of the draft its
    ``$schema`` names (2020-12 when it names none)."""
    from jsonschema import Draft202012Validator, validators

    schema = parsed(text)
    cls = validators.validator_for(schema, default=Draft202012Validator)
    return cls(schema, registry=no_retrieval())


def no_retrieval() -> Any:
    """A registry of no schema that refuses to retrieve one: a team's schema may only
    refer inside itself (``schema_problem`` says so when it is read), and ``jsonschema``
    would otherwise fetch a ``$dynamicRef``'s URL or read its file."""
    from referencing import Registry
    from referencing.exceptions import NoSuchResource

    def refuse(uri: str) -> Any:
        raise NoSuchResource(uri)

    return Registry(retrieve=refuse)  # type: ignore[call-arg]


def schema_problem(schema: Any) -> str | None:
    """Why ``schema`` (a team's schema file, parsed) cannot be used, or None, as the
    rest of a sentence about the file ("the schema `x.json` is not..."): it is no JSON
    object, its ``$schema`` names no draft ``jsonschema`` knows, it breaks its draft's
    metaschema, or a ``$ref`` leaves the file (nothing is ever fetched) or points at
    nothing in it."""
    if not isinstance(schema, dict):
        return "is not a JSON object (a schema is a mapping of keywords)"
    from jsonschema import Draft202012Validator, SchemaError, validators

    cls: Any = Draft202012Validator
    if "$schema" in schema:
        cls = validators.validator_for(schema, default=None)  # type: ignore[arg-type]
    if cls is None:
        return f"names `$schema` `{schema['$schema']}`, no JSON Schema draft contractlint knows"
    try:
        cls.check_schema(schema)
    except SchemaError as exc:
        where = _shown_path(exc.absolute_path)
        at = f" (at `{where}`)" if where else ""
        return f"is not a valid JSON Schema: {exc.message}{at}"
    for place, ref in _refs(schema, ()):
        if not ref.startswith("#"):
            return (
                f"has a reference `{ref}` (at `{_shown_path(place)}`) that leaves the file; "
                "only local references (`#/$defs/...`) are allowed, and nothing is ever fetched"
            )
        if (ref.startswith("#/") or ref == "#") and _pointed(schema, ref[1:]) is _NOWHERE:
            return f"has a reference `{ref}` (at `{_shown_path(place)}`) to nothing in the file"
    return None


_NOWHERE = object()


def _refs(node: Any, where: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    """Every ``$ref``, ``$dynamicRef`` and ``$recursiveRef`` in ``node``, with where it is."""
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("$ref", "$dynamicRef", "$recursiveRef") and isinstance(value, str):
                found.append(((*where, key), value))
            elif key not in ("enum", "const", "examples", "default"):
                found += _refs(value, (*where, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found += _refs(item, (*where, index))
    return found


def _pointed(root: Any, pointer: str) -> Any:
    """The node a JSON pointer (``/$defs/x``) names in ``root``, or ``_NOWHERE``."""
    from urllib.parse import unquote

    node = root
    for token in unquote(pointer).split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdecimal() and int(key) < len(node):
            node = node[int(key)]
        else:
            return _NOWHERE
    return node


def _shown_path(path: Any) -> str:
    """``["properties", "name", "type"]`` -> ``properties.name.type``."""
    return ".".join(str(part) for part in path)
