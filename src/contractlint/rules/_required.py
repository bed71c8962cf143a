"""The checks of rules whose whole job is to ask for one field: ``required(...)`` for a
field of the document, ``required_field(...)`` for a top-level field with a message that
says whether it is absent, empty or a placeholder, ``required_in_each(...)`` for a field
of each item of a list."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import CheckFn, Document, Hit, RuleOptions
from contractlint.rules._common import (
    absent,
    child,
    fit,
    is_empty,
    is_missing,
    state_of,
)


def required(*path: str, message: str, listed: bool = False) -> CheckFn:
    """A check that reports ``message`` when the field at ``path`` is absent, null or a
    placeholder, or (``listed``) an empty list or mapping, or a list of placeholders.

    The finding points at the field when it is present, else at the deepest mapping
    that should hold it.
    """

    def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
        pointer = absent(document.value, options, *path)
        if pointer is None and listed:  # the field has a value: is it an empty list?
            value, here = document.value, ""
            for key in path:
                value, here = value[key], child(here, key)
            pointer = here if is_empty(value, options) else None
        if pointer is not None:
            yield Hit(pointer, message)

    return check


def required_in_each(items: str, field: str, label: str, message: str) -> CheckFn:
    """A check that reports ``message`` (its ``{label}`` filled with the item's ``label``
    field, in backquotes, else ``#N``, cut to fit: :func:`fit`) for each mapping of the
    list ``items`` whose ``field`` is absent, null or a placeholder; at the field when it
    is there, else at the item."""

    def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
        listed = document.value.get(items)
        if not isinstance(listed, list):
            return
        for index, item in enumerate(listed):
            if not isinstance(item, dict) or not is_missing(item.get(field), options):
                continue
            name = item.get(label)
            shown = f"`{name}`" if isinstance(name, str) and name.strip() else f"#{index + 1}"
            pointer = f"/{items}/{index}" + (f"/{field}" if field in item else "")
            yield Hit(pointer, fit(message, label=shown))

    return check


def required_field(key: str, *, missing: str, hint: str, listed: bool = False) -> CheckFn:
    """A check that reports the top-level field ``key`` when it is absent, null or a
    placeholder, or (``listed``) an empty list or mapping, or a list of placeholders.

    The message says which: ``missing`` (``the contract has no `rollback```) when the
    document lacks the field, else that it is empty or a placeholder
    (``rollback` is a placeholder (`TBD`)``); then ``: hint``. The finding points at
    the field when it is present, else at the document.
    """

    def check(document: Document, options: RuleOptions) -> Iterator[Hit]:
        if key not in document.value:
            yield Hit("", f"{missing}: {hint}")
            return
        value = document.value[key]
        if is_missing(value, options) or (listed and is_empty(value, options)):
            yield Hit(child("", key), f"`{key}` {state_of(value)}: {hint}")

    return check
