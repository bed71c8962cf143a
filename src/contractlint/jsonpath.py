"""RFC 9535 JSONPath for team rules: parsed by ``jsonpath-rfc9535``, run as closures.

The library parses and checks a query (syntax, well-typedness of its functions) and
is the definition of what a query selects. Walking a document through its node
objects, though, cost a team rule about 30 µs a document, half a cold run with fifty
rules. :func:`compile_query` therefore turns the library's parsed query into plain Python
closures over the document's dicts and lists: the same nodes, in the same order,
without a node object per step. A query with a part this module does not compile
(another function, an existence test of ``@`` itself) is run by the library, so
compiling can make a query slower but never change what it selects.
``tests/test_jsonpath.py`` holds the two to the same answers on generated queries
and documents.

``match()`` and ``search()`` compile each pattern once (the library checks, rewrites
and compiles it again on every node it tests), for the library's evaluation and ours.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

Location = tuple[Any, ...]  # the keys and indexes from the root to a node
Node = tuple[Location, Any]
Nodes = list[Node]
Query = Callable[[Any], Nodes]  # all the nodes a query selects in a document
Step = Callable[[Nodes, Any], Nodes]  # a segment: the nodes it selects below nodes, given the root
Select = Callable[[Location, Any, Any, Nodes], None]  # a selector: appends what it selects
Expression = Callable[[Any, Any], Any]  # a filter's part, of the current node and the root


class Unsupported(Exception):
    """A part of a parsed query that :func:`compile_query` leaves to the library."""


class _Nothing:
    """RFC 9535's "Nothing": the value of a singular query that selects no node."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Nothing"


NOTHING = _Nothing()


def parse(path: str) -> Any:
    """The library's parsed query; raises the library's error for a bad one."""
    return _environment().compile(path)


@functools.lru_cache(maxsize=256)
def compile_query(path: str) -> Query:
    """A function giving every ``(location, value)`` that ``path`` selects in a document."""
    parsed = parse(path)
    keys = _keys(parsed.segments)
    if keys is not None:  # `$.a.b[0]`: at most one node, read directly
        return _singular(keys)
    try:
        steps = [_segment(segment) for segment in parsed.segments]
    except Unsupported:
        return lambda document: [(tuple(n.location), n.value) for n in parsed.finditer(document)]
    return _chain(steps)


def _singular(keys: tuple[str | int, ...]) -> Query:
    if len(keys) == 1 and isinstance(keys[0], str):  # `$.name`, the commonest
        name = keys[0]

        def one_name(document: Any) -> Nodes:
            if isinstance(document, dict) and name in document:
                return [(keys, document[name])]
            return []

        return one_name
    get = _getter(keys, absolute=True)
    # Without a negative index, the location is the keys themselves.
    fixed = all(isinstance(key, str) or key >= 0 for key in keys)

    def singular(document: Any) -> Nodes:
        found = get(document, document)
        if found is NOTHING:
            return []
        return [(keys if fixed else _location(document, keys), found)]

    return singular


def _chain(steps: Sequence[Step]) -> Query:
    def run(document: Any) -> Nodes:
        nodes: Nodes = [((), document)]
        for step in steps:
            if not nodes:
                break
            nodes = step(nodes, document)
        return nodes

    return run


# --- segments and selectors ----------------------------------------------------------


def _segment(segment: Any) -> Step:
    from jsonpath_rfc9535.segments import JSONPathChildSegment, JSONPathRecursiveDescentSegment

    selectors = [_selector(selector) for selector in segment.selectors]
    if type(segment) is JSONPathChildSegment:
        if len(selectors) == 1:
            only = selectors[0]

            def child_one(nodes: Nodes, root: Any) -> Nodes:
                out: Nodes = []
                for location, value in nodes:
                    only(location, value, root, out)
                return out

            return child_one

        def child(nodes: Nodes, root: Any) -> Nodes:
            out: Nodes = []
            for location, value in nodes:
                for select in selectors:
                    select(location, value, root, out)
            return out

        return child
    if type(segment) is JSONPathRecursiveDescentSegment:
        limit, token = segment.env.max_recursion_depth, segment.token
        names = _names(segment.selectors)
        screen = _screen(segment.selectors)

        def descend(nodes: Nodes, root: Any) -> Nodes:
            out: Nodes = []
            for start_at, start in nodes:
                # `$..` walks the document, a walk the rules share; `@..` and `$.a..`
                # walk from their node.
                shared = start is root and not start_at
                if shared and screen is not None and screen(_text(root, limit, token)) is None:
                    continue  # `$..[?search(@, 'secret')]` on a document without one
                walk = (
                    _containers(root, limit, token)
                    if shared
                    else _walk(start_at, start, limit, token)
                )
                if names:  # `..name`, the most common: only the mappings matter
                    for location, value in walk:
                        if isinstance(value, dict):
                            for name in names:
                                if name in value:
                                    out.append(((*location, name), value[name]))
                    continue
                for location, value in walk:
                    for select in selectors:
                        select(location, value, root, out)
            return out

        return descend
    raise Unsupported(type(segment).__name__)


def _names(selectors: Sequence[Any]) -> tuple[str, ...]:
    """The names of a segment made only of name selectors (none otherwise)."""
    from jsonpath_rfc9535.selectors import NameSelector

    if all(type(selector) is NameSelector for selector in selectors):
        return tuple(selector.name for selector in selectors)
    return ()


# The document's containers in the order `..` visits them, for the last document
# walked: the rules that start with `$..` run on one document after another, so they
# walk each once between them. One (document, containers) pair, replaced whole.
_walked: tuple[Any, Nodes] = (None, [])


def _containers(root: Any, limit: int, token: Any) -> Nodes:
    global _walked
    walked = _walked
    if walked[0] is root and root is not None:
        return walked[1]
    found = _walk((), root, limit, token)
    _walked = (root, found)
    return found


# The strings of the last document walked (see `_walked`), joined: what `_screen` reads.
_joined: tuple[Any, str] = (None, "")


def _text(root: Any, limit: int, token: Any) -> str:
    """Every string below ``root`` that ``..`` reaches (the values in its containers),
    one a line: the text a search for "no secret anywhere" screens a document by."""
    global _joined
    joined = _joined
    if joined[0] is root and root is not None:
        return joined[1]
    strings: list[str] = []
    for _, container in _containers(root, limit, token):  # the first: `root`, maybe a scalar
        if isinstance(container, dict):
            strings.extend(item for item in container.values() if isinstance(item, str))
        elif isinstance(container, list):
            strings.extend(item for item in container if isinstance(item, str))
    text = "\n".join(strings)
    _joined = (root, text)
    return text


def _screen(selectors: Sequence[Any]) -> Callable[[str], Any] | None:
    """For ``..[?search(@, 'p')]``: the pattern's search, to run once on the document's
    strings joined (:func:`_text`) before testing them one by one; None otherwise.

    A pattern that finds a match in one string finds it in any text holding that
    string, unless it asserts something about what lies around the match: it must
    have no anchor (``^`` and ``$``, which I-Regexp reads as characters but the
    library passes on to the regex engine as anchors). The lookahead the library
    writes for ``.`` looks only at the character ``.`` consumes, so it is safe.
    No match in the joined text, then, means none in any string; a match there is
    only a reason to test each string, as without the screen.
    """
    if len(selectors) != 1:
        return None
    from jsonpath_rfc9535.selectors import FilterSelector

    if type(selectors[0]) is not FilterSelector:
        return None
    found = _regex_of_node(selectors[0].expression.expression)
    if found is None or found[1] or found[2] != "search":
        return None
    method, pattern = found[0], found[3]
    if "$" in pattern or "^" in pattern.replace("[^", ""):
        return None
    return method


def _walk(location: Location, value: Any, limit: int, token: Any) -> Nodes:
    """``value`` and the containers below it, in the order `..` visits them (the
    library's depth-first pre-order, and its depth limit)."""
    found: Nodes = [(location, value)]
    if isinstance(value, (dict, list)):
        _collect(location, value, found, 2, limit, token)
    return found


def _collect(
    location: Location, value: Any, found: Nodes, depth: int, limit: int, token: Any
) -> None:
    """The containers below ``value``, depth first in document order (recursion is
    faster here than a stack of one's own)."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        kind = type(item)  # the exact types first, and strings out: a fifth faster
        if kind is dict or kind is list or (kind is not str and isinstance(item, (dict, list))):
            if depth > limit:  # the library's limit, and its error
                from jsonpath_rfc9535.exceptions import JSONPathRecursionError

                raise JSONPathRecursionError("recursion limit exceeded", token=token)
            here = (*location, key)
            found.append((here, item))
            _collect(here, item, found, depth + 1, limit, token)


def _selector(selector: Any) -> Select:
    from jsonpath_rfc9535 import selectors as kinds

    kind = type(selector)
    if kind is kinds.NameSelector:
        return _name(selector.name)
    if kind is kinds.IndexSelector:
        return _index(selector.index)
    if kind is kinds.SliceSelector:
        return _slice(selector.slice)
    if kind is kinds.WildcardSelector:
        return _wildcard
    if kind is kinds.FilterSelector:
        expression = selector.expression.expression
        regex = _regex_of_node(expression)
        return _filter(_test(expression)) if regex is None else _filter_strings(*regex[:2])
    raise Unsupported(kind.__name__)


def _name(name: str) -> Select:
    def select(location: Location, value: Any, root: Any, out: Nodes) -> None:
        if isinstance(value, dict) and name in value:
            out.append(((*location, name), value[name]))

    return select


def _index(index: int) -> Select:
    def select(location: Location, value: Any, root: Any, out: Nodes) -> None:
        if isinstance(value, list) and -len(value) <= index < len(value):
            out.append(((*location, index % len(value)), value[index]))

    return select


def _slice(where: slice) -> Select:
    def select(location: Location, value: Any, root: Any, out: Nodes) -> None:
        if isinstance(value, list) and where.step != 0:
            for index in range(*where.indices(len(value))):
                out.append(((*location, index), value[index]))

    return select


def _wildcard(location: Location, value: Any, root: Any, out: Nodes) -> None:
    if isinstance(value, dict):
        out.extend(((*location, key), item) for key, item in value.items())
    elif isinstance(value, list):
        out.extend(((*location, index), item) for index, item in enumerate(value))


def _filter(test: Expression) -> Select:
    def select(location: Location, value: Any, root: Any, out: Nodes) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if test(item, root):
                    out.append(((*location, key), item))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if test(item, root):
                    out.append(((*location, index), item))

    return select


def _regex_of_node(expression: Any) -> tuple[Callable[[str], Any], bool, str, str] | None:
    """For ``[?match(@, 'p')]``, ``[?search(@, 'p')]`` and their negations: the compiled
    pattern's test, whether it is negated, the function's name and the pattern (None
    for any other filter)."""
    from jsonpath_rfc9535 import filter_expressions as kinds

    negated = type(expression) is kinds.PrefixExpression and expression.operator == "!"
    if negated:
        expression = expression.right
    if type(expression) is not kinds.FunctionExtension or expression.name not in (
        "match",
        "search",
    ):
        return None
    node, pattern = expression.args
    if not (
        type(node) is kinds.RelativeFilterQuery
        and not node.query.segments
        and type(pattern) is kinds.StringLiteral
    ):
        return None
    how, flags = ("fullmatch", 0) if expression.name == "match" else ("search", _search_flags())
    compiled = _regex(pattern.value, flags)
    if compiled is None:  # matches nothing, as the library says
        return (lambda text: None), negated, expression.name, pattern.value
    method: Callable[[str], Any] = getattr(compiled, how)
    return method, negated, expression.name, pattern.value


def _filter_strings(test: Callable[[str], Any], negated: bool) -> Select:
    """A filter that tests each child, a string, against a pattern: ``[?search(@,
    'secret')]``, the commonest filter of "no secrets anywhere" rules, without a call
    per child for the expression."""

    def select(location: Location, value: Any, root: Any, out: Nodes) -> None:
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            return
        for key, item in items:
            if (isinstance(item, str) and test(item) is not None) is not negated:
                out.append(((*location, key), item))

    return select


# --- filter expressions ---------------------------------------------------------------
#
# Each part compiles to a function of (current node's value, root) giving a logical
# result (a bool), a value (a JSON value or NOTHING), or a node list (a list of
# values), as RFC 9535 section 2.4.1 types them.


def _test(expression: Any) -> Expression:
    """A logical result: the filter's test, or an operand of ``&&``, ``||`` and ``!``."""
    from jsonpath_rfc9535 import filter_expressions as kinds

    kind = type(expression)
    if kind is kinds.LogicalExpression:
        left, right = _test(expression.left), _test(expression.right)
        if expression.operator == "&&":
            return lambda current, root: left(current, root) and right(current, root)
        if expression.operator == "||":
            return lambda current, root: left(current, root) or right(current, root)
        raise Unsupported(expression.operator)
    if kind is kinds.PrefixExpression and expression.operator == "!":
        operand = _test(expression.right)
        return lambda current, root: not operand(current, root)
    if kind is kinds.ComparisonExpression:
        text = _string_equality(expression)
        if text is not None:
            return text
        return _comparison(expression.operator, _value(expression.left), _value(expression.right))
    if kind in (kinds.RelativeFilterQuery, kinds.RootFilterQuery):
        if kind is kinds.RelativeFilterQuery and not expression.query.segments:
            # The library reads `[?@]` on a scalar as the scalar's truth: left to it.
            raise Unsupported("an existence test of @")
        nodes = _nodes(expression)
        return lambda current, root: bool(nodes(current, root))
    if kind is kinds.FunctionExtension and expression.name in ("match", "search"):
        return _function(expression)
    raise Unsupported(kind.__name__)


def _nodes(query: Any) -> Expression:
    """A node list: the values a relative (``@``) or absolute (``$``) query selects."""
    from jsonpath_rfc9535 import filter_expressions as kinds

    run = _chain([_segment(segment) for segment in query.query.segments])
    if type(query) is kinds.RootFilterQuery:
        return lambda current, root: [value for _, value in run(root)]
    return lambda current, root: [value for _, value in run(current)]


def _value(expression: Any) -> Expression:
    """A value: a literal, a singular query's one value (or NOTHING), a function's result."""
    from jsonpath_rfc9535 import filter_expressions as kinds

    if isinstance(expression, kinds.FilterExpressionLiteral):
        constant = expression.value
        return lambda current, root: constant
    if type(expression) in (kinds.RelativeFilterQuery, kinds.RootFilterQuery):
        keys = _keys(expression.query.segments)
        if keys is not None:  # a chain of names and indexes: read without a node list
            return _getter(keys, type(expression) is kinds.RootFilterQuery)
        nodes = _nodes(expression)

        def singular(current: Any, root: Any) -> Any:
            found = nodes(current, root)
            return found[0] if len(found) == 1 else NOTHING

        return singular
    if type(expression) is kinds.FunctionExtension:
        return _function(expression)
    raise Unsupported(type(expression).__name__)


def _keys(segments: Sequence[Any]) -> tuple[str | int, ...] | None:
    """The names and indexes of a query made only of ``.name`` and ``[index]`` steps."""
    from jsonpath_rfc9535.segments import JSONPathChildSegment
    from jsonpath_rfc9535.selectors import IndexSelector, NameSelector

    keys: list[str | int] = []
    for segment in segments:
        if type(segment) is not JSONPathChildSegment or len(segment.selectors) != 1:
            return None
        selector = segment.selectors[0]
        if type(selector) is NameSelector:
            keys.append(selector.name)
        elif type(selector) is IndexSelector:
            keys.append(selector.index)
        else:
            return None
    return tuple(keys)


def _location(document: Any, keys: tuple[str | int, ...]) -> Location:
    """The location of a node found by ``keys``, its negative indexes counted from 0."""
    if all(isinstance(key, str) or key >= 0 for key in keys):
        return keys
    location: list[str | int] = []
    for key in keys:
        if isinstance(key, int) and key < 0:
            key += len(document)
        location.append(key)
        document = document[key]
    return tuple(location)


def _getter(keys: tuple[str | int, ...], absolute: bool) -> Expression:
    def get(current: Any, root: Any) -> Any:
        value = root if absolute else current
        for key in keys:
            if isinstance(key, str):
                if not isinstance(value, dict) or key not in value:
                    return NOTHING
            elif not isinstance(value, list) or not -len(value) <= key < len(value):
                return NOTHING
            value = value[key]
        return value

    if not keys and not absolute:
        return lambda current, root: current
    return get


def _function(expression: Any) -> Expression:
    from jsonpath_rfc9535 import filter_expressions as kinds

    name, args = expression.name, expression.args
    if name in ("count", "value"):
        nodes = _nodes(args[0])
        if name == "count":
            return lambda current, root: len(nodes(current, root))

        def value(current: Any, root: Any) -> Any:
            found = nodes(current, root)
            return found[0] if len(found) == 1 else NOTHING

        return value
    if name == "length":
        argument = _value(args[0])

        def length(current: Any, root: Any) -> Any:
            found = argument(current, root)
            return len(found) if isinstance(found, (str, list, dict)) else NOTHING

        return length
    if name in ("match", "search"):
        text, pattern = _value(args[0]), _value(args[1])
        how, flags = ("fullmatch", 0) if name == "match" else ("search", _search_flags())
        if isinstance(args[1], kinds.StringLiteral):  # the common case: compiled once, here
            compiled = _regex(args[1].value, flags)
            if compiled is None:
                return lambda current, root: False
            test = getattr(compiled, how)
            if type(args[0]) is kinds.RelativeFilterQuery and not args[0].query.segments:
                # `match(@, '...')`: the node itself, the commonest, without a call for it
                return lambda current, root: isinstance(current, str) and test(current) is not None

            def constant(current: Any, root: Any) -> bool:
                found = text(current, root)
                return isinstance(found, str) and test(found) is not None

            return constant
        return lambda current, root: _regex_test(
            text(current, root), pattern(current, root), flags, how
        )
    raise Unsupported(f"the function {name}()")


def _string_equality(expression: Any) -> Expression | None:
    """``@.status == 'done'`` (or ``!=``, either side): a JSON value or Nothing equals a
    string exactly when Python's ``==`` says so, so :func:`_equal` is not needed."""
    from jsonpath_rfc9535 import filter_expressions as kinds

    if expression.operator not in ("==", "!="):
        return None
    left, right = expression.left, expression.right
    if type(left) is kinds.StringLiteral:
        left, right = right, left
    if type(right) is not kinds.StringLiteral:
        return None
    value, text = _value(left), right.value
    if expression.operator == "==":
        return lambda current, root: value(current, root) == text
    return lambda current, root: value(current, root) != text


def _comparison(operator: str, left: Expression, right: Expression) -> Expression:
    if operator == "==":
        return lambda current, root: _equal(left(current, root), right(current, root))
    if operator == "!=":
        return lambda current, root: not _equal(left(current, root), right(current, root))
    if operator == "<":
        return lambda current, root: _less(left(current, root), right(current, root))
    if operator == ">":
        return lambda current, root: _less(right(current, root), left(current, root))

    def or_equal(one: Any, two: Any) -> bool:
        return _less(one, two) or _equal(one, two)

    if operator == "<=":
        return lambda current, root: or_equal(left(current, root), right(current, root))
    if operator == ">=":
        return lambda current, root: or_equal(right(current, root), left(current, root))
    raise Unsupported(operator)


def _equal(one: Any, two: Any) -> bool:
    # JSON's true is not 1, though Python's True == 1 (the library compares so too).
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one == two
    if one is NOTHING or two is NOTHING:
        return one is two
    return bool(one == two)


def _less(one: Any, two: Any) -> bool:
    if isinstance(one, str) and isinstance(two, str):
        return one < two
    if isinstance(one, bool) or isinstance(two, bool):
        return False
    if isinstance(one, (int, float)) and isinstance(two, (int, float)):
        return one < two
    return False


# --- the library's environment, with match() and search() compiled once ---------------


@functools.lru_cache(maxsize=1)
def _search_flags() -> int:
    import regex  # type: ignore[import-untyped,unused-ignore]

    return int(regex.VERSION1)


@functools.lru_cache(maxsize=1024)
def _regex(pattern: str, flags: int) -> Any:
    """``pattern`` compiled as the library compiles an I-Regexp (RFC 9485), or None
    when it is not one (then it matches nothing, as the library says)."""
    import regex
    from iregexp_check import check
    from jsonpath_rfc9535.function_extensions._pattern import map_re

    if not check(pattern):
        return None
    try:
        return regex.compile(map_re(pattern), flags)
    except regex.error:
        return None


def _regex_test(string: object, pattern: object, flags: int, how: str) -> bool:
    if not isinstance(pattern, str) or not isinstance(string, str):
        return False
    found = _regex(pattern, flags)
    return found is not None and getattr(found, how)(string) is not None


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    """The library's JSONPath environment, its ``match()`` and ``search()`` using the
    patterns compiled once."""
    import jsonpath_rfc9535  # 12 ms: only when a team rule uses a JSONPath
    from jsonpath_rfc9535 import function_extensions

    class Match(function_extensions.Match):
        def __call__(self, string: str, pattern: object) -> bool:
            return _regex_test(string, pattern, 0, "fullmatch")

    class Search(function_extensions.Search):
        def __call__(self, string: str, pattern: object) -> bool:
            return _regex_test(string, pattern, _search_flags(), "search")

    class Environment(jsonpath_rfc9535.JSONPathEnvironment):
        def setup_function_extensions(self) -> None:
            super().setup_function_extensions()
            self.function_extensions["match"] = Match()
            self.function_extensions["search"] = Search()

    return Environment()
