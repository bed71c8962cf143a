"""Templates for ``contractlint new KIND``: complete, commented, honest about what is unfilled.

Each template parses and passes its schema; its `TODO` placeholders (owners,
names, prose) keep CL401 and CL009 firing until a team fills them in. The YAML
template is the source; a ``.json`` file gets the same values as JSON (which has
no comments), and a ``.md`` file gets the YAML as its front matter, with a page
to write around it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from contractlint.kinds import KINDS, with_article


def template(kind: str, file_format: str = "yaml") -> str:
    """The template of ``kind`` as a ``yaml``, ``json`` or ``markdown`` file's text."""
    if kind not in KINDS:
        raise KeyError(kind)
    text = (Path(__file__).resolve().parent / f"{kind}.yaml").read_text(encoding="utf-8")
    if file_format == "json":
        import yaml

        return json.dumps(yaml.safe_load(text), indent=2, ensure_ascii=False) + "\n"
    if file_format == "markdown":
        title = kind.replace("-", " ").capitalize()
        return (
            f"---\n{text.rstrip()}\n---\n\n# {title}: TODO\n\n"
            "The front matter above is the contract that contractlint checks; "
            "write the page around it here.\n"
        )
    return text


# --- a declared kind (SPEC 8): a document built from its schema ----------------------

_NESTING = 8  # how deep required mappings are filled in (a schema may recurse)


def declared_template(
    kind: str,
    schema: Mapping[str, Any],
    file_format: str = "yaml",
    owners: Sequence[str] = ("scope", "feasibility", "method"),
    schema_path: str = "",
) -> str:
    """A minimal document of ``kind``, a kind the configuration declares with ``schema``:
    its ``kind``, ``name: TODO``, an owner to name for each of ``owners`` (the decisions
    CL401 asks about; when the schema allows ``owners``), and every property the schema
    requires, each a ``TODO`` to fill in (a required mapping gets its own required
    properties, a list one item). ``const`` values are written as they must be."""
    value: dict[str, Any] = {"kind": kind}
    if _allows(schema, "name"):
        value["name"] = "TODO"
    if owners and _allows(schema, "owners"):
        value["owners"] = {decision: "TODO" for decision in owners}
    for key in _required(schema, schema):
        if key not in value:
            value[key] = _placeholder(schema, _property(schema, schema, key), 1)
    if file_format == "json":
        return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
    import yaml

    where = f" (schema: {schema_path})" if schema_path else ""
    text = (
        f"# {with_article(kind).capitalize()} document{where}.\n"
        "# Fill in every TODO, then run `contractlint check` on this file.\n"
        + yaml.safe_dump(value, sort_keys=False, allow_unicode=True, default_flow_style=False)
    )
    if file_format == "markdown":
        title = kind.replace("-", " ").capitalize()
        return f"---\n{text.rstrip()}\n---\n\n# {title}: TODO\n"
    return text


def _deref(root: Mapping[str, Any], node: Any) -> Any:
    """``node`` with its local ``$ref``s followed (a schema's own, `#/$defs/...`)."""
    for _ in range(_NESTING):
        if not isinstance(node, Mapping) or not str(node.get("$ref", "")).startswith("#/"):
            break
        target: Any = root
        for token in str(node["$ref"])[2:].split("/"):
            key = token.replace("~1", "/").replace("~0", "~")
            target = target.get(key, {}) if isinstance(target, Mapping) else {}
        node = target
    return node


def _branches(root: Mapping[str, Any], node: Any) -> list[Mapping[str, Any]]:
    """``node`` and what ``allOf`` adds to it, and the first choice of a ``oneOf`` or
    ``anyOf`` (a document to fill in takes one)."""
    node = _deref(root, node)
    if not isinstance(node, Mapping):
        return []
    found = [node]
    for part in node.get("allOf", ()):
        found += _branches(root, part)
    for key in ("oneOf", "anyOf"):
        if node.get(key):
            found += _branches(root, node[key][0])
    return found


def _required(root: Mapping[str, Any], node: Any) -> list[str]:
    names: list[str] = []
    for branch in _branches(root, node):
        names += [str(n) for n in branch.get("required", ()) if str(n) not in names]
    return names


def _property(root: Mapping[str, Any], node: Any, key: str) -> Any:
    for branch in _branches(root, node):
        properties = branch.get("properties")
        if isinstance(properties, Mapping) and key in properties:
            return properties[key]
    return {}


def _allows(schema: Mapping[str, Any], key: str) -> bool:
    """Whether a mapping of ``schema`` may hold ``key`` (best effort)."""
    import re

    for branch in _branches(schema, schema):
        properties = branch.get("properties")
        if isinstance(properties, Mapping) and key in properties:
            return True
        patterns = branch.get("patternProperties")
        if isinstance(patterns, Mapping) and any(re.search(p, key) for p in patterns):
            return True
    return all(
        branch.get("additionalProperties", True) is not False
        and branch.get("unevaluatedProperties", True) is not False
        for branch in _branches(schema, schema)
    )


def _placeholder(root: Mapping[str, Any], node: Any, depth: int) -> Any:
    """A value to fill in for ``node``: its ``const``, a mapping of its required
    properties, a list of one item, or ``TODO``."""
    branches = _branches(root, node)
    for branch in branches:
        if "const" in branch:
            return branch["const"]
    types: list[str] = []
    for branch in branches:
        declared = branch.get("type", ())
        types += [declared] if isinstance(declared, str) else list(declared)
        if "properties" in branch or "required" in branch:
            types.append("object")
        if "items" in branch:
            types.append("array")
    kind = next((t for t in types if t != "null"), "string")
    if depth >= _NESTING:
        return "TODO"
    if kind == "object":
        return {
            key: _placeholder(root, _property(root, node, key), depth + 1)
            for key in _required(root, node)
        }
    if kind == "array":
        items: Any = next((b["items"] for b in branches if isinstance(b.get("items"), Mapping)), {})
        return [_placeholder(root, items, depth + 1)]
    return "TODO"
