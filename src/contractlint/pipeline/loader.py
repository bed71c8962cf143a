"""Stage "load": a segment's text -> documents with a span for every node.

YAML is composed by PyYAML's C parser when available (safe: composing builds
nodes, never objects), then walked here into plain values. The walk is where
duplicate keys, merge keys, aliases, tags and the safety limits are handled,
and where every node's JSON pointer gets its span (via :mod:`locate`).
JSON is parsed by :mod:`contractlint.pipeline.jsonparse`, which keeps positions too.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

import yaml

from contractlint.kinds import KINDS, misspelled
from contractlint.model import FILE_START, Document, Location, Problem, Span, Walked
from contractlint.pipeline import jsonparse, locate
from contractlint.pipeline.source import Segment
from contractlint.pointer import escape
from contractlint.rules._common import fit

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as _BaseLoader
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _CParser = None  # type: ignore[assignment,misc]

# PyYAML's resolver, called for every scalar, joins two lists and walks its path
# resolvers each time; the same table, joined once, gives the same tags faster.
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {
    first: list(resolvers) + list(_BaseLoader.yaml_implicit_resolvers.get(None, []))
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_NO_RESOLVERS = list(_BaseLoader.yaml_implicit_resolvers.get(None, []))


def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives a plain (unquoted, untagged) scalar: int, bool, null..."""
    for tag, regexp in _IMPLICIT.get(value[:1], _NO_RESOLVERS):
        if regexp.match(value):
            return str(tag)
    return str(_BaseLoader.DEFAULT_SCALAR_TAG)


class _Loader(_BaseLoader):
    # The composer tells the resolver each step down and up the tree, for path resolvers
    # (`add_path_resolver`), which this loader never has: a C function taking the same
    # arguments stands in for each, instead of a Python call per node (7% of composing).
    descend_resolver = staticmethod(operator.is_)  # type: ignore[assignment]
    ascend_resolver = staticmethod(tuple)  # type: ignore[assignment]

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and not self.yaml_path_resolvers:
            return _plain_tag(value) if implicit[0] else str(self.DEFAULT_SCALAR_TAG)
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]


DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_ALIAS_NODES = 10_000
# The C parser recurses once per nesting level; past a few thousand levels it can
# exhaust the C stack. Deeper text is refused before parsing; the configured
# `max-depth` (far lower by default) is enforced exactly by the walk below.
PARSER_SAFE_DEPTH = 1_000

_YAML = "tag:yaml.org,2002:"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALAR_TAGS = {
    _YAML + "bool": _CONSTRUCTOR.construct_yaml_bool,
    _YAML + "int": _CONSTRUCTOR.construct_yaml_int,
    _YAML + "float": _CONSTRUCTOR.construct_yaml_float,
    _YAML + "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}
_STRING_TAGS = {_YAML + "str", _YAML + "binary", _YAML + "value", _YAML + "merge"}
_NULL, _STR, _MERGE = _YAML + "null", _YAML + "str", _YAML + "merge"


class Limits(NamedTuple):
    """What a load takes from the configuration: its limits, and the kinds it declares
    (SPEC 8), whose documents are contracts as ours are."""

    max_depth: int = DEFAULT_MAX_DEPTH
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES
    declared: frozenset[str] = frozenset()
    # Keep what a document's containers are, for a team rule's `..` (Document.walked).
    walked: bool = False


DEFAULT_LIMITS = Limits()


class Tree:
    """A parsed document under construction (mutable only inside this stage)."""

    # A plain class: `dataclasses` (with `inspect`) costs a one-file run 8 ms to import.
    __slots__ = ("key_spans", "plain", "problems", "spans", "value", "walked")

    def __init__(
        self,
        value: Any = None,
        spans: Mapping[str, Span] | None = None,
        key_spans: Mapping[str, Span] | None = None,
        plain: dict[str, str] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.value = value
        self.spans: Mapping[str, Span] = {} if spans is None else spans
        self.key_spans: Mapping[str, Span] = {} if key_spans is None else key_spans
        self.plain: dict[str, str] = {} if plain is None else plain
        self.problems: list[Problem] = [] if problems is None else problems
        self.walked: Walked | None = None  # with Limits.walked: YAML events, or JSON


class Loaded(NamedTuple):
    """Everything a segment yielded: contract documents and file-level problems."""

    documents: tuple[Document, ...]
    problems: tuple[Problem, ...]


class _TooComplex(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load(path: str, segment: Segment, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Parse one segment; parse errors and limit breaches are problems, never exceptions."""
    if segment.fmt == "json":
        lines = segment.text.split("\n")
        result = jsonparse.parse(segment.text, lines, limits.max_depth, limits.walked)
        if isinstance(result, Problem):
            if result.code == "CL007" and not _ours(
                jsonparse.top_kind(segment.text), limits.declared
            ):
                return Loaded((), ())  # too deep, and not a contract: someone else's data
            return Loaded((), (result,))
        tree = Tree(
            result.value, result.spans, result.key_spans, result.plain, list(result.problems)
        )
        if result.containers is not None:
            strings = _json_strings(result.containers)
            tree.walked = Walked(result.containers, limits.max_depth, strings, segment.text)
        trees: list[Tree] = [tree]
        return Loaded(_documents(path, trees, limits.declared), ())
    return _load_yaml(path, segment.text, locate.Lines(segment.text), limits)


def _load_yaml(path: str, text: str, lines: locate.Lines, limits: Limits) -> Loaded:
    guard = _flow_depth_guard(text, PARSER_SAFE_DEPTH)
    if guard is not None:
        return Loaded((), (guard,))
    fast = _load_events(path, text, lines, limits)
    if fast is not None:
        return fast
    trees: list[Tree] = []
    problems: list[Problem] = []
    nodes = yaml.compose_all(text, Loader=_Loader)
    while True:
        try:
            node = next(nodes)
        except StopIteration:
            break
        except yaml.MarkedYAMLError as exc:
            problems.append(_syntax_problem(exc, lines))
            break
        except yaml.reader.ReaderError:
            problems.append(_reader_problem(text))
            break
        except (yaml.YAMLError, RecursionError, ValueError) as exc:
            message = fit("invalid YAML: {problem}", problem=str(exc) or type(exc).__name__)
            problems.append(Problem("CL001", locate.file_start(), message))
            break
        if node is None:
            continue
        walker = _Walker(lines, limits)
        tree = Tree(spans=walker.spans, key_spans=walker.key_spans)
        try:
            tree.value = walker.build(node, "", tree, 0)
        except _TooComplex as exc:
            if _ours(_top_kind(node), limits.declared):  # someone else's bomb is theirs
                problems.append(exc.problem)
            continue
        trees.append(tree)
    return Loaded(_documents(path, trees, limits.declared), tuple(problems))


# --- the common document, straight from libyaml's events --------------------------------
#
# Composing makes a node object per value and calls back into Python for every node
# (its tag, each step down and up); the walk then visits every node again. Most
# documents are only mappings with string keys, sequences and untagged scalars: for
# them the values, the spans (an event carries the same marks as its node) and the
# problems are built in one pass over the parser's events, a third faster. Anything
# else (an anchor or alias, a tag, a merge key, a key that is not a scalar, a duplicate
# key, nesting at the limit, a syntax error) sends the whole segment to the composer
# and the walk above, which report it exactly as they always have.


class _Unusual(Exception):
    """Something the event path leaves to the composer."""


class _Marks:
    """A collection's span: its start event's start and its end event's end, as the
    composer gives its node."""

    __slots__ = ("end_mark", "start_mark")

    def __init__(self, start_mark: Any) -> None:
        self.start_mark = start_mark
        self.end_mark: Any = None


def _load_events(path: str, text: str, lines: locate.Lines, limits: Limits) -> Loaded | None:
    """The segment's documents built from its events, or None when the composer must
    build them (see above)."""
    if _CParser is None:  # pragma: no cover - PyYAML without libyaml
        return None
    get = _CParser(text).get_event
    trees: list[Tree] = []
    try:
        get()  # the stream's start
        while type(get()) is yaml.DocumentStartEvent:
            walker = _Walker(lines, limits)
            tree = Tree(spans=walker.spans, key_spans=walker.key_spans)
            containers: list[tuple[Location, Any]] | None = [] if limits.walked else None
            nodes = walker.spans.nodes
            tree.value = _event_value(get, get(), "", tree, walker, 0, nodes, containers, (), "")
            get()  # the document's end
            if containers is not None:
                tree.walked = Walked(containers, limits.max_depth, _scalar_texts(nodes), text)
            trees.append(tree)
    except (_Unusual, yaml.YAMLError, RecursionError, ValueError):
        return None  # the composer parses it again and says what is wrong, if anything
    return Loaded(_documents(path, trees, limits.declared), ())


def _event_value(
    get: Callable[[], Any],
    event: Any,
    pointer: str,
    tree: Tree,
    walker: _Walker,
    depth: int,
    nodes: dict[str, Any],
    containers: list[tuple[Location, Any]] | None,
    parent: Location,
    key: str | int,
) -> Any:
    """The value that starts with ``event``: at ``pointer``, and at ``key`` in the
    collection at location ``parent`` (unless it is the root, at depth 0). ``nodes``
    is the walker's span table of values (passed, not looked up, for every node), and
    ``containers`` the mappings and sequences met so far, with their locations, in
    the order JSONPath's ``..`` visits them (see :class:`~contractlint.model.Walked`),
    when they are wanted (None otherwise)."""
    kind = type(event)
    if kind is yaml.ScalarEvent:
        if event.anchor is not None or event.tag is not None:
            raise _Unusual
        nodes[pointer] = event
        if not event.implicit[0]:  # quoted or a block scalar: a string, as resolved
            return event.value
        tag = _plain_tag(event.value)
        if tag in _STRING_TAGS:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return walker._scalar(node, pointer, tree)  # a number, a bool, null, a date
    if depth >= walker.limits.max_depth or event.anchor is not None or event.tag is not None:
        raise _Unusual  # CL007, anchors and tags are the walk's
    marks = _Marks(event.start_mark)
    nodes[pointer] = marks
    at = parent
    if containers is not None:  # a location for a collection only: few are
        at = (*parent, key) if depth else ()
    if kind is yaml.SequenceStartEvent:
        items: list[Any] = []
        if containers is not None:
            containers.append((at, items))  # before its children: pre-order
        while True:
            item = get()
            if type(item) is yaml.SequenceEndEvent:
                marks.end_mark = item.end_mark
                return items
            index = len(items)
            items.append(
                _event_value(
                    get,
                    item,
                    f"{pointer}/{index}",
                    tree,
                    walker,
                    depth + 1,
                    nodes,
                    containers,
                    at,
                    index,
                )
            )
    if kind is not yaml.MappingStartEvent:
        raise _Unusual  # an alias
    result: dict[str, Any] = {}
    if containers is not None:
        containers.append((at, result))
    key_nodes = walker.key_spans.nodes
    while True:
        key_event = get()
        if type(key_event) is yaml.MappingEndEvent:
            marks.end_mark = key_event.end_mark
            return result
        if type(key_event) is not yaml.ScalarEvent or key_event.anchor or key_event.tag:
            raise _Unusual  # a complex key, an anchored or tagged one
        name = key_event.value
        if name in result or (name == "<<" and key_event.implicit[0]):
            raise _Unusual  # a duplicate (CL004) or a merge key
        child = f"{pointer}/{escape(name)}"
        key_nodes[child] = key_event
        result[name] = _event_value(
            get, get(), child, tree, walker, depth + 1, nodes, containers, at, name
        )


def _json_strings(containers: list[tuple[Location, Any]]) -> Callable[[], str]:
    """The strings of a JSON document's containers, one a line, worked out when first
    asked for."""

    def text() -> str:
        strings: list[str] = []
        for _, container in containers:
            items = container.values() if isinstance(container, dict) else container
            strings.extend(item for item in items if isinstance(item, str))
        return "\n".join(strings)

    return text


def _scalar_texts(nodes: Mapping[str, Any]) -> Callable[[], str]:
    """The text of every scalar of a document (its events' values, in a string a
    line), worked out when first asked for: a superset of the document's strings."""

    def text() -> str:
        scalar = yaml.ScalarEvent
        return "\n".join([node.value for node in nodes.values() if type(node) is scalar])

    return text


# The characters YAML 1.1 does not allow in a stream (PyYAML's reader rejects them).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _reader_problem(text: str) -> Problem:
    """A character YAML does not allow, located exactly (PyYAML's error has no mark)."""
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return Problem("CL001", locate.file_start(), "invalid YAML: an unacceptable character")
    offset = match.start()
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1)
    return Problem(
        "CL001",
        locate.point(line, column),
        f"invalid YAML: control character U+{ord(match.group()):04X} is not allowed; "
        "remove it or write it as an escape inside a double-quoted string",
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, lines: locate.Lines) -> Problem:
    """The parser's own problem, and its context with the line the context starts on
    when that is another line (``did not find expected ',' or '}' (while parsing a flow
    mapping from line 3)``): what a user needs to find an unclosed bracket or quote."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "the parser gave no reason"
    context = exc.context or ""
    if context and exc.context_mark is not None and exc.context_mark is not mark:
        context_line = lines.position(exc.context_mark)[0] + 1
        if mark is None or context_line != lines.position(mark)[0] + 1:
            context = f"{context} from line {context_line}"
    template = "invalid YAML: {problem}" + (" ({context})" if context else "")
    message = fit(template, problem=problem, context=context)
    if mark is None:
        return Problem("CL001", locate.file_start(), message)
    line, column = lines.position(mark)
    span = locate.mark_point(line, column, lines.lines)
    if "maximum nesting depth" in problem:  # libyaml's own limit
        message = fit("nesting is too deep for the YAML parser: {problem}", problem=problem)
        return Problem("CL007", span, message)
    return Problem("CL001", span, message)


# Compiled when first needed (rarely): `re` keeps it.
_FLOW_TOKENS = r"\"(?:\\.|[^\"\\\n])*\"|'(?:''|[^'\n])*'|#[^\n]*|[\[\]{}]"


def _flow_depth_guard(text: str, max_depth: int) -> Problem | None:
    """Reject flow nesting deeper than the parser can take, before it recurses into it.

    Only runs when the text holds more brackets than the limit, so ordinary
    files pay two ``str.count`` calls. Brackets in block or plain text count too
    (the scan does not parse YAML), which is why the limit is far above any
    real document's nesting.
    """
    if text.count("[") + text.count("{") <= max_depth:
        return None
    depth = 0
    for match in re.finditer(_FLOW_TOKENS, text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, match.start())
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1)
                return Problem(
                    "CL007",
                    locate.point(line, column),
                    f"nesting is deeper than {max_depth} levels, more than the parser "
                    "reads safely; flatten the document",
                )
        elif token in "]}":
            depth = max(0, depth - 1)
    return None


class _Walker:
    """Turns a composed node tree into plain values and a pointer -> span table."""

    def __init__(self, lines: locate.Lines, limits: Limits) -> None:
        self.lines = lines
        self.limits = limits
        self.seen: set[int] = set()
        self.alias_nodes = 0
        self.spans = locate.NodeSpans(lines)
        self.key_spans = locate.NodeSpans(lines)

    def build(self, node: yaml.Node, pointer: str, tree: Tree, depth: int) -> Any:
        # ``depth`` counts the collections around ``node``: a collection at depth
        # ``max_depth`` would be level ``max_depth + 1``.
        if depth >= self.limits.max_depth and not isinstance(node, yaml.ScalarNode):
            raise _TooComplex(
                Problem(
                    "CL007",
                    locate.node_span(node, self.lines),
                    f"nesting is deeper than the limit of {self.limits.max_depth} levels; "
                    "flatten the document or raise `max-depth` in the config",
                )
            )
        if id(node) in self.seen:
            # Reached again through an alias: count what the expansion costs.
            self.alias_nodes += 1
            if self.alias_nodes > self.limits.max_alias_nodes:
                raise _TooComplex(
                    Problem(
                        "CL007",
                        locate.node_span(node, self.lines),
                        f"aliases expand past the limit of {self.limits.max_alias_nodes:,} nodes "
                        "(a YAML bomb?): use fewer or raise `max-alias-nodes` in the config",
                    )
                )
        else:
            self.seen.add(id(node))
        self.spans.nodes[pointer] = node  # NodeSpans.add, without a call for every node
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, pointer, tree)
        # Another tool's tag on a collection (`!Sub [...]`, `!reference`): read as the
        # plain sequence or mapping under it; no tag ever constructs anything.
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, f"{pointer}/{index}", tree, depth + 1)
                for index, item in enumerate(node.value)
            ]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, pointer, tree, depth)

    def _scalar(self, node: yaml.ScalarNode, pointer: str, tree: Tree) -> Any:
        tag = node.tag
        if tag in _STRING_TAGS:
            return node.value
        if tag not in _SCALAR_TAGS and tag != _NULL:
            # Another tool's tag (`!vault`, `!Ref`, `!!python/name:`): the scalar is read
            # as if it were not there, plain or quoted as written.
            tag = _plain_tag(node.value) if not node.style else _STR
            if tag in _STRING_TAGS:
                return node.value
        if tag == _NULL:
            return None
        constructor = _SCALAR_TAGS[tag]
        try:
            value = constructor(node)
        # PyYAML's constructors fail on a bad value in whatever way they happen to:
        # `!!bool maybe` is a KeyError, `!!timestamp weekly` an AttributeError.
        except Exception:
            tree.problems.append(
                Problem(
                    "CL001",
                    locate.node_span(node, self.lines),
                    fit(
                        "invalid YAML: `{value}` is not a valid " + tag.rsplit(":", 1)[-1],
                        value=node.value,
                    ),
                )
            )
            return node.value
        if not node.style:  # plain (unquoted): None from PyYAML, '' from libyaml
            tree.plain[pointer] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, pointer: str, tree: Tree, depth: int) -> Any:
        result: dict[str, Any] = {}
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        explicit: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.extend(self._merge_sources(value_node))
            else:
                explicit.append((key_node, value_node))
        # Merged keys first (earlier sources win), explicit keys override them.
        for key_node, value_node in reversed(merged):
            self._entry(result, self._key(key_node), key_node, value_node, pointer, tree, depth)
        seen_keys: dict[str, yaml.Node] = {}
        for key_node, value_node in explicit:
            key = self._key(key_node)
            if key in seen_keys:
                first = seen_keys[key]
                tree.problems.append(
                    Problem(
                        "CL004",
                        locate.node_span(key_node, self.lines),
                        fit(
                            f"duplicate key `{{key}}` (first on line {first.start_mark.line + 1}):"
                            " the last value wins; remove or rename one",
                            key=key,
                        ),
                        f"{pointer}/{escape(key)}",
                    )
                )
            seen_keys[key] = key_node
            self._entry(result, key, key_node, value_node, pointer, tree, depth)
        return result

    def _merge_sources(self, value_node: yaml.Node) -> Iterator[tuple[yaml.Node, yaml.Node]]:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        # In source order; the caller applies them in reverse so that, for
        # ``<<: [*a, *b]``, the first source wins (as PyYAML's safe_load does).
        for source in sources:
            if isinstance(source, yaml.MappingNode):
                yield from source.value
            else:
                raise _TooComplex(
                    Problem(
                        "CL001",
                        locate.node_span(source, self.lines),
                        "invalid YAML: a merge key `<<` needs a mapping or a list of mappings",
                    )
                )

    def _key(self, key_node: yaml.Node) -> str:
        if isinstance(key_node, yaml.ScalarNode):
            return str(key_node.value)
        start = key_node.start_mark
        line, column = self.lines.position(start)
        return self.lines.lines[line][column:].split(":", 1)[0].strip()

    def _entry(
        self,
        result: dict[str, Any],
        key: str,
        key_node: yaml.Node,
        value_node: yaml.Node,
        pointer: str,
        tree: Tree,
        depth: int,
    ) -> None:
        child = f"{pointer}/{escape(key)}"
        self.key_spans.nodes[child] = key_node
        result[key] = self.build(value_node, child, tree, depth + 1)


def _top_kind(node: yaml.Node) -> Any:
    """The ``kind`` of a composed document, if it is a mapping with a plain one."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "kind":
                return value.value if isinstance(value, yaml.ScalarNode) else None
    return None


def _ours(kind: Any, declared: frozenset[str]) -> bool:
    """Whether a document of ``kind`` is a contract, or reported as a misspelled one."""
    found, problem = _classify(kind, None, declared)
    return found is not None or problem is not None


def _classify(
    value: Any, span: Span | None, declared: frozenset[str] = frozenset()
) -> tuple[str | None, Problem | None]:
    """Our kind or a ``declared`` one, or a CL002 problem for a likely misspelling of
    ours, or neither (someone else's)."""
    if not isinstance(value, str):
        return None, None
    if value in KINDS or value in declared:
        return value, None
    suggestion = misspelled(value)
    if suggestion is None:
        return None, None
    message = fit(
        "unknown kind `{value}`: did you mean `{suggestion}`?", value=value, suggestion=suggestion
    )
    return None, Problem("CL002", span or FILE_START, message, "/kind")


def _documents(
    path: str, trees: list[Tree], declared: frozenset[str] = frozenset()
) -> tuple[Document, ...]:
    documents: list[Document] = []
    for index, tree in enumerate(trees):
        value = tree.value
        if not isinstance(value, dict) or "kind" not in value:
            continue
        kind, problem = _classify(value.get("kind"), tree.spans.get("/kind"), declared)
        if problem is not None and "apiVersion" in value:
            # `apiVersion` is a Kubernetes object's (a custom resource of `kind:
            # ModelContract`), and no contract's: its kind is no misspelling of ours.
            continue
        # A problem inside an anchor is met again through each alias: report it once.
        unique = {(p.code, p.span, p.message): p for p in reversed(tree.problems)}
        problems = list(reversed(unique.values()))
        if problem is not None:
            problems.append(problem)
        if kind is None and problem is None:
            continue  # someone else's document (a Deployment, a ConfigMap...)
        documents.append(
            Document(
                path=path,
                index=index,
                kind=kind or "",
                value=value,
                spans=tree.spans,
                key_spans=tree.key_spans,
                plain=tree.plain,
                problems=tuple(problems),
                walked=tree.walked,
            )
        )
    return tuple(documents)
