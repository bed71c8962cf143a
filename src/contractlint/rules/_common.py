"""Small, pure helpers shared by rule checks."""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from contractlint.model import RuleOptions
from contractlint.pointer import child as child  # re-exported: the rules import it here
from contractlint.pointer import from_path, tokens

if TYPE_CHECKING:  # TypeGuard is in typing from Python 3.10; annotations are not evaluated
    from typing import TypeGuard

_LARGEST = sys.float_info.max


def is_missing(value: Any, options: RuleOptions) -> bool:
    """Absent, null, or a placeholder such as ``TBD``."""
    return value is None or options.is_placeholder(value)


def is_number(value: Any) -> TypeGuard[float]:
    """A number a rule can compute with: not a boolean, and finite as a float. NaN and
    the infinities are the schema's to report (CL003), and an integer too large for a
    float (``10**400``) cannot be computed with; both compare false here."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and -_LARGEST <= value <= _LARGEST
    )


def where_missing(parent: Any, parent_pointer: str, key: str) -> str:
    """Point at the field when it is present (null or a placeholder), else at its mapping.
    For a breaking-change rule's hit; a document rule's hit names the field itself, and
    the engine reports it at the mapping that should hold it (:func:`present`)."""
    if isinstance(parent, Mapping) and key in parent:
        return child(parent_pointer, key)
    return parent_pointer


def present(value: Any, pointer: str) -> str:
    """``pointer`` when ``value`` holds a node there, else the pointer of the deepest node
    on the way to it: a finding about a missing field points at the mapping that should
    hold it, or at the null or placeholder that stands in its place (SPEC 2)."""
    here = ""
    for token in tokens(pointer):
        if isinstance(value, Mapping) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdecimal() and int(token) < len(value):
            value = value[int(token)]
        else:
            return here
        here = child(here, token)
    return pointer


def get(mapping: Any, key: str) -> Any | None:
    return mapping.get(key) if isinstance(mapping, Mapping) else None


def written(value: Any) -> str:
    """A value in YAML flow style, the way a contract writes it: `[string]`, `{a: b}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {written(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(written(item) for item in value) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def shown(value: Any) -> str:
    """A value as a message shows it: as written (``TBD`` stays ``TBD``, null is
    ``null``, a mapping ``{a: b}``), cut to 80 characters."""
    text = written(value)
    return text if len(text) <= 80 else text[:77] + "..."


def count(number: float) -> str:
    """A number as a message writes it: a whole one below 10^15 with thousands
    separators (``1,000,000``), any other as ``:g`` does (``0.05``, ``1e+300``), even an
    integer too large for a float."""
    if isinstance(number, int) and not -(10**15) < number < 10**15:
        from decimal import Decimal  # a float cannot hold every integer

        return f"{Decimal(number):.6g}"
    if float(number).is_integer() and abs(number) < 1e15:
        return f"{int(number):,}"
    return f"{number:g}"


def label(name: Any, fallback: str) -> str:
    """A named thing (a metric, an item, an option) as a message shows it: its name in
    backquotes, else ``fallback`` (``#2``); :func:`fit` cuts it only when it is long."""
    return f"`{name}`" if isinstance(name, str) and name.strip() else fallback


def dotted(pointer: str) -> str:
    """A pointer as a message names the field: ``/guardrails/0/metric`` ->
    ``guardrails[0].metric`` (the one path style of every message)."""
    out = ""
    for token in tokens(pointer):
        if token.isdecimal():
            out += f"[{token}]"
        else:
            out += f".{token}" if out else token
    return out or "the document"


def absent(value: Any, options: RuleOptions, *path: str) -> str | None:
    """The pointer of the field at ``path`` when it is missing, null or a placeholder;
    None when it has a value.

    A field that is there but empty of meaning (null, ``TBD``), or a mapping on the
    way that is, is named by its own pointer; an absent field by the pointer it would
    have, which the engine reports at the mapping that should hold it (:func:`present`)
    unless the schema found a misspelling of it. Under a parent of the wrong type, the
    pointer lies inside a value the schema rejected, and the engine drops it.
    """
    pointer = ""
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return from_path(path)
        value, pointer = value[key], child(pointer, key)
        if is_missing(value, options):
            return pointer
    return None


def is_empty(value: Any, options: RuleOptions) -> bool:
    """Missing, an empty mapping, or a list with nothing but placeholders (`[TBD]`)."""
    if is_missing(value, options) or value == {}:
        return True
    return isinstance(value, list) and all(is_missing(item, options) for item in value)


# The most a finding's message says: the problem and the shortest hint of the fix. The
# why and the examples are the rule's `explain` page (issue 19 item 11).
LIMIT = 120
# A value this long or shorter (a name, a path, an endpoint; backquotes aside) is never
# cut: the message says less around it instead, or runs a little over LIMIT.
KEEP = 40
_SHORTEST = 12  # a longer value is never cut shorter than this, whatever the template


def _one_line(text: str) -> str:
    """``text`` with each run of whitespace (newlines included) made one space."""
    return re.sub(r"\s+", " ", text)


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut in the middle with ``...`` when longer than ``limit``
    (``a/very/long/path/contract.yaml`` -> ``a/very/l...ntract.yaml``): a name or
    a path keeps its start and its end."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    if limit <= 5:
        return text[:limit]
    tail = (limit - 3) // 2
    return text[: limit - 3 - tail] + "..." + text[len(text) - tail :]


def _kept(text: str) -> bool:
    """Whether a value is short enough never to be cut (:data:`KEEP`)."""
    quoted = len(text) > 1 and text[0] == text[-1] == "`"
    return len(text) - 2 * quoted <= KEEP


def fit(template: str, *shorter: str, **values: object) -> str:
    """``template.format(**values)``, each value on one line, in at most :data:`LIMIT`
    characters.

    When the message is longer, the wording gives way first: the first of the
    ``shorter`` templates (the same values, fewer words, in order) that fits. When none
    does, the shortest wording's values longer than :data:`KEEP` are cut in the middle
    (:func:`clip`), each to a fair share of the room that the fixed text and the short
    values leave; a value shorter than its share leaves the rest to the longer ones.
    Only when that still overruns are the short values cut too.
    """
    from string import Formatter  # only when a message is written

    texts = {name: _one_line(str(value)) for name, value in values.items()}
    for wording in (template, *shorter):
        message = wording.format(**texts)
        if len(message) <= LIMIT:
            return message
    uses = Counter(name for _, name, _, _ in Formatter().parse(wording) if name)
    kept = {name for name in texts if _kept(texts[name])}
    message = _cut(wording, texts, uses, kept)
    if len(message) > LIMIT and kept:
        # Short names alone overrun (two endpoints, a long metric twice): they are cut
        # too, as little as the limit needs, rather than the message run on.
        message = _cut(wording, texts, uses, set())
    return message


def _cut(wording: str, texts: dict[str, str], uses: Counter[str], kept: set[str]) -> str:
    """``wording`` filled in with the values not ``kept`` cut in the middle, each to a
    fair share of the room the rest of the message leaves."""
    room = LIMIT - len(wording.format(**{n: texts[n] if n in kept else "" for n in texts}))
    allowed = {name: len(texts[name]) for name in kept}
    pending = sorted(set(texts) - kept, key=lambda name: len(texts[name]))
    while pending:
        share = max(room // max(sum(uses[name] for name in pending), 1), _SHORTEST)
        name = pending.pop(0)
        allowed[name] = min(len(texts[name]), share)
        room -= allowed[name] * uses[name]
    return wording.format(**{name: clip(texts[name], allowed[name]) for name in texts})


def quoted(value: Any) -> str:
    """A value as a message quotes it: ``TBD`` in backquotes as written, on one line,
    but a blank string as ``an empty value`` (never an unreadable pair of backquotes).
    Given to :func:`fit`, a long one is cut to fit (the backquotes kept)."""
    text = _one_line(written(value))
    return f"`{text}`" if text.strip() else "an empty value"


def state_of(value: Any) -> str:
    """What a field holds when it holds no value, as a message says it: ``is empty``
    (null, a blank string, ``{}``, ``[]``), ``lists only placeholders`` (``[TBD]``), or
    ``is a placeholder (`TBD`)``."""
    if (
        value is None
        or value == {}
        or value == []
        or (isinstance(value, str) and not value.strip())
    ):
        return "is empty"
    if isinstance(value, list):
        return "lists only placeholders"
    return f"is a placeholder ({quoted(value)})"
