"""The checks of rules whose whole job is to ask for one field: ``required(...)`` for a
field of the document, with a message that says whether it is absent, empty or a
placeholder, and ``required_in_each(...)`` for a field of each item of a list."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import CheckFn, Document, Hit, RuleOptions
from contractlint.pointer import from_path, resolve
from contractlint.rules._common import (
    absent,
    child,
    dotted,
    fit,
    is_empty,
    is_missing,
    label,
    present,
    state_of,
)


def required(*path: str, missing: str, hint: str, listed: bool = False) -> CheckFn:
    """A check that reports the field at ``path`` when it is absent, null or a
    placeholder, or (``listed``) an empty list or mapping, or a list of placeholders.

    The message says which: ``missing`` (``the contract has no `rollback```) when the
    field is absent, else that it (or the mapping on the way that should hold it) is
    empty or a placeholder (```rollback` is a placeholder (`TBD`)``); then ``: hint``.
    The hit names the field: the engine reports an absent one at the mapping that should
    hold it.
    """

    def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
        pointer = absent(document.value, options, *path)
        if pointer is None and listed:  # the field has a value: is it an empty list?
            here = from_path(path)
            pointer = here if is_empty(resolve(document.value, here), options) else None
        if pointer is None:
            return
        if present(document.value, pointer) != pointer:
            yield Hit(pointer, f"{missing}: {hint}")
        else:
            state = state_of(resolve(document.value, pointer))
            yield Hit(pointer, f"`{dotted(pointer)}` {state}: {hint}")

    return check


def required_in_each(items: str, field: str, named_by: str, message: str) -> CheckFn:
    """A check that reports ``message`` (its ``{label}`` filled with the item's
    ``named_by`` field, in backquotes, else ``#N``, cut to fit: :func:`fit`) for each mapping of the
    list ``items`` whose ``field`` is absent, null or a placeholder; the hit names the
    field (the engine reports an absent one at its item)."""

    def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
        listed = document.value.get(items)
        if not isinstance(listed, list):
            return
        for index, item in enumerate(listed):
            if not isinstance(item, dict) or not is_missing(item.get(field), options):
                continue
            shown = label(item.get(named_by), f"#{index + 1}")
            yield Hit(child(f"/{items}/{index}", field), fit(message, label=shown))

    return check
