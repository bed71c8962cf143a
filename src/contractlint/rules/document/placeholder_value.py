from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from contractlint import schemas
from contractlint.model import Document, Hit, RuleDoc, RuleOptions
from contractlint.results import Severity
from contractlint.rules import registered
from contractlint.rules._common import child, dotted, fit, quoted


def _placeholders(
    value: Any,
    pointer: str,
    placeholders: frozenset[str],
    longest: int,
    found: list[tuple[str, Any]],
) -> None:
    """Each string below ``value`` that is a placeholder, and each null, with its
    pointer, in document order (``x-`` extension keys skipped). A pointer is written
    only for a container or a find, and a string longer than every placeholder with
    nothing to strip is not lowered (``strip()`` would leave it too long to be one):
    this rule visits every value of every document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if (
                    (len(item) <= longest or item[0].isspace() or item[-1].isspace())
                    and item.strip().lower() in placeholders
                    and not str(key).startswith("x-")
                ):
                    found.append((child(pointer, str(key)), item))
            elif item is None:
                if not str(key).startswith("x-"):
                    found.append((child(pointer, str(key)), item))
            elif isinstance(item, (dict, list)) and not str(key).startswith("x-"):
                _placeholders(item, child(pointer, str(key)), placeholders, longest, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                if (
                    len(item) <= longest or item[0].isspace() or item[-1].isspace()
                ) and item.strip().lower() in placeholders:
                    found.append((f"{pointer}/{index}", item))
            elif item is None:
                found.append((f"{pointer}/{index}", item))
            elif isinstance(item, (dict, list)):
                _placeholders(item, f"{pointer}/{index}", placeholders, longest, found)


def _admits(field_schema: dict[str, Any], value: Any) -> bool:
    """Whether the schema of a field declares ``value`` for it: `status: n/a` is never a
    placeholder, nor `sequential_method: null` empty. A null where the schema says
    nothing of the type is a value too."""
    if value is None:
        types = field_schema.get("type")
        if types is not None:
            return "null" in ([types] if isinstance(types, str) else types)
        if "enum" in field_schema:
            return None in field_schema["enum"]
        return "const" not in field_schema or field_schema["const"] is None
    return value in field_schema.get("enum", ())


def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
    found: list[tuple[str, Any]] = []
    longest = max(map(len, options.placeholders), default=0)
    _placeholders(document.value, "", options.placeholders, longest, found)
    for pointer, value in found:
        if _admits(schemas.subschema(document.kind, pointer, options.declared_kinds), value):
            continue
        empty = value is None or not value.strip()
        state = "is empty" if empty else f"holds the placeholder {quoted(value)}"
        yield Hit(
            pointer,
            fit(
                "`{field}` {state}: fill in the real value or remove the field",
                field=dotted(pointer),
                state=state,
            ),
        )


RULE = registered(
    __name__,
    severity=Severity.WARNING,
    summary="a string field holds a placeholder (where no more specific rule covers it)",
    check=check,
    doc=RuleDoc(
        what=(
            "A field holds a placeholder such as `TBD`, `TODO`, `?`, `n/a` or `unknown`, or "
            'is empty (`""`, or null where the schema wants a value), and no more '
            "specific rule already reports that field. Values the schema declares for a "
            "field (`status: n/a` in a checklist, `sequential_method: null`) are not "
            "placeholders."
        ),
        why=(
            "Placeholders are how a document gets approved before it is finished: the "
            "review reads the headings, sees every field filled, and signs off. A `TBD` "
            "that reaches production is a decision nobody made. Flagging each one keeps "
            "the open questions visible until someone answers them."
        ),
        bad="kind: model-contract\nname: ranking-service\ndescription: TBD\n",
        good=(
            "kind: model-contract\n"
            "name: ranking-service\n"
            "description: ranks candidate items for the home feed\n"
        ),
        fix="Replace the placeholder with the real value, or remove the field until it is known.",
        options="`placeholders` (the list of values that count as placeholders).",
    ),
)
