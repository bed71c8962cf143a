"""The check of a rule whose whole job is to ask for one field: ``required(...)``."""

from __future__ import annotations

from collections.abc import Iterator

from contractlint.model import CheckFn, Document, Hit, RuleOptions
from contractlint.rules._common import absent, child, is_empty


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
