"""The frozen values that flow through the pipeline.

discover -> read -> load -> locate -> validate -> rules -> select -> report -> format

Positions inside this package are 0-based until :mod:`contractlint.pipeline.locate`
turns a node into a :class:`Span`; every ``Span`` and ``Finding`` is 1-based
(line and column), with an exclusive end column, as editors, SARIF and GitHub
expect.
"""

# No `from __future__ import annotations` and no dataclasses in this module: every
# value here is a NamedTuple, made per node and per finding on a cold run, where a
# frozen dataclass costs three times as much to create (its `__init__` sets each field
# through `object.__setattr__`) and 1 to 2 ms a class to define; and a NamedTuple
# compiles each string annotation, 2 ms a class, so annotations stay evaluated.

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Callable, NamedTuple, Optional

from contractlint.results import Severity


class Span(NamedTuple):
    """A 1-based region of a file; ``end_column`` is exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


FILE_START = Span(1, 1, 1, 1)


class Hit(NamedTuple):
    """What a rule reports: where (a JSON pointer into the document) and what.

    ``at_key`` points the finding at the mapping key instead of its value
    (an unknown field is about its name, not its value).
    """

    pointer: str
    message: str
    at_key: bool = False


class Problem(NamedTuple):
    """A finding produced by a pipeline stage before it is bound to a rule's metadata."""

    code: str
    span: Span
    message: str
    pointer: str = ""


class Reference(NamedTuple):
    """A path in one document that names another file (SPEC 1.5), as resolved.

    ``status`` is ``ok``, ``missing``, ``outside`` (leaves the project root; never
    read), ``unreadable`` or ``wrong-kind``; ``targets`` holds the values of the
    documents of ``expected_kind`` found in the file when the status is ``ok``.
    """

    pointer: str
    written: str
    expected_kind: str
    status: str
    detail: str = ""
    targets: tuple[Mapping[str, Any], ...] = ()


# The keys and indexes from a document's root to one of its nodes.
Location = tuple[Any, ...]


class Walked(NamedTuple):
    """What loading a document met on its way through it, kept for queries that visit
    every node (a team rule's ``$..``), so that they need not walk it again.

    ``containers`` holds each mapping and sequence with its location, in the order
    JSONPath's ``..`` visits them: depth first, in document order, a collection
    before what it holds. None of them is deeper than ``max_depth`` (the loader's
    limit). ``scalars`` gives the text of every scalar, one a line: a superset of the
    document's strings, for a search that looks for a pattern in any of them; and
    ``source`` is the YAML or JSON text the document was read from.
    """

    containers: Sequence[tuple[Location, Any]]
    max_depth: int
    scalars: Callable[[], str]
    source: str


class Document(NamedTuple):
    """One contract document: its value, and where each of its nodes stands.

    ``spans`` maps a JSON pointer to the span of its value node and
    ``key_spans`` to the span of its mapping key; ``plain`` maps the pointer of
    each unquoted (plain) scalar to its text exactly as written, so that
    ``version: 1.10`` can be reported as ``1.10``.
    """

    path: str
    # Its place among the file's documents (0 for the first). The field hides
    # `tuple.index`, which nothing calls on a document.
    index: int  # type: ignore[assignment]
    kind: str
    value: Mapping[str, Any]
    spans: Mapping[str, Span]
    key_spans: Mapping[str, Span]
    plain: Mapping[str, str]
    problems: tuple[Problem, ...] = ()
    references: tuple[Reference, ...] = ()
    # Recorded for a configuration with a `$..` rule, by the YAML event path and the
    # JSON parser (not for a document the YAML composer builds).
    walked: Optional[Walked] = None

    @property
    def start(self) -> Span:
        return self.spans.get("", FILE_START)

    def span_for(self, pointer: str, at_key: bool = False) -> Span:
        """The span of ``pointer``, or of its nearest ancestor that has one."""
        table = self.key_spans if at_key else self.spans
        if pointer in table:
            return table[pointer]
        while "/" in pointer:  # not `while pointer`: a plugin's `owners` has no parent
            pointer = pointer.rsplit("/", 1)[0]
            if pointer in self.spans:
                return self.spans[pointer]
        return self.start


class RuleDoc(NamedTuple):
    """A rule's explanation, in the fixed sections that ``explain`` prints."""

    what: str
    why: str
    bad: str
    good: str
    fix: str
    options: str = ""
    # Other files the examples need (a referenced contract), as (name, text) pairs.
    files: tuple[tuple[str, str], ...] = ()
    # For breaking-change rules: the old version the failing and passing examples replace.
    old: str = ""
    # Where the rule is documented, when not on contractlint's rules page (a team rule's).
    url: str = ""


class RuleOptions(NamedTuple):
    """The parts of the configuration that rules read."""

    placeholders: frozenset[str]
    required_owners: tuple[str, ...] = ("scope", "feasibility", "method")
    alpha: float = 0.05
    power: float = 0.8
    min_duration_days: float = 7.0
    # The configuration's declared kinds (SPEC 8) as (kind, schema path, schema JSON text),
    # for a rule that asks what a declared kind's schema says of a field.
    declared_kinds: tuple[tuple[str, str, str], ...] = ()

    def is_placeholder(self, value: Any) -> bool:
        return isinstance(value, str) and value.strip().lower() in self.placeholders


CheckFn = Callable[[Document, RuleOptions], Iterator[Hit]]
# A breaking-change rule compares two versions of one document; hits locate in the new one.
CompareFn = Callable[[Document, Document, RuleOptions], Iterator[Hit]]


class Rule(NamedTuple):
    """A rule's metadata, documentation and (for document rules) its pure check.

    Rules with ``check=None`` are reported by a pipeline stage (loading,
    validation, suppression) rather than by a check of their own.
    """

    code: str
    name: str
    severity: Severity
    kinds: tuple[str, ...]
    summary: str
    doc: RuleDoc
    check: Optional[CheckFn] = None
    fixable: bool = False
    compare: Optional[CompareFn] = None
    # A universal rule (CL000-CL010, CL401) applies to every contract document, a kind
    # the configuration declares (SPEC 8) as well as each kind of ``kinds``.
    universal: bool = False

    def applies_to(self, kind: str) -> bool:
        """Whether the rule checks documents of ``kind`` (one of ours or a declared one)."""
        return self.universal or kind in self.kinds

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "kinds": list(self.kinds),
            "fixable": self.fixable,
            "summary": self.summary,
        }
