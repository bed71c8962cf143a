"""Which documents are ours: the kinds, and the values that misspell one (CL002).

Kept free of the document model: the sniff stage asks it about every ``kind``
value it meets in a repository's files, before anything else is imported.
"""

from __future__ import annotations

import re

from contractlint.suggest import edit_distance

KINDS: tuple[str, ...] = (
    "model-contract",
    "experiment-plan",
    "problem-framing",
    "acceptance-checklist",
)

# Compiled when a kind is first normalized (a misspelt one): `re` keeps them.
_CAMEL = r"(?<=[a-z0-9])(?=[A-Z])"
_SEPARATORS = r"[\s_\-.]+"


def normalize(kind: str) -> str:
    """``ModelContract``, ``model_contract`` and ``Model Contract`` -> ``model-contract``."""
    return re.sub(_SEPARATORS, "-", re.sub(_CAMEL, "-", kind.strip())).lower()


def misspelled(value: str) -> str | None:
    """The kind ``value`` misspells (a case, underscore or camel variant of it, or within
    edit distance 2), or None; a kind spelt right is not a misspelling."""
    if value in KINDS:
        return None
    normalized = normalize(value)
    if normalized in KINDS:
        return normalized
    lowered = value.lower()
    # A kind is 14 to 20 characters: a value 3 or more shorter or longer is never within 2.
    if not 11 < len(lowered) < 23:
        return None
    return next((k for k in KINDS if edit_distance(lowered, k) <= 2), None)


def with_article(noun: str) -> str:
    """``noun`` after its indefinite article: ``a model-contract``, ``an experiment-plan``."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"
