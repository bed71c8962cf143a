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
and compiles it again on every node it tests), for the library's evaluation and ours,
with Python's ``re`` where it means what the library's ``regex`` means (:func:`_regex`).

``$..`` reads the containers the loader met in a document (``Document.walked``, given
by :func:`prime`) rather than walking it, and a search of every string is screened by
the characters any match must hold (:func:`_screen`).
"""

from __future__ import annotations

import functools
import importlib
import re
import sys
import types
from collections.abc import Callable, Sequence
from typing import Any

from contractlint.model import Location, Walked

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
    """The library's parsed query; raises the library's error for a bad one. A name
    its lexer misreads (see :func:`_bracketed`) is read in brackets, as RFC 9535 reads it."""
    environment = _environment()
    try:
        return environment.compile(path)
    except Exception as exc:  # the library's syntax error, or a name it misreads
        fixed = _bracketed(path, exc)
        if fixed is None:
            raise
    bracketed, error = fixed
    if error is not None:  # another mistake: its place is in the query as bracketed
        raise ValueError(f"{error} (in `{bracketed}`, its names in brackets)") from None
    return environment.compile(bracketed)


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


def singular_path(path: str) -> tuple[Location, Callable[[Any], Any]] | None:
    """For a query of names and non-negative indexes (``$.a.b[0]``): its one node's
    location, and a function giving that node's value in a document (NOTHING when it
    has none); None for any other query."""
    keys = _keys(parse(path).segments)
    if keys is None or not all(isinstance(key, str) or key >= 0 for key in keys):
        return None
    get = _getter(keys, absolute=True)
    return keys, lambda document: get(document, document)


def _bracketed(path: str, error: Exception) -> tuple[str, Exception | None] | None:
    """For a query the library refuses because of a known slip of its lexer: the
    query with the names it misreads in brackets, and the library's error on that
    query (None when it parses); None when the error is another.

    jsonpath-rfc9535 1.0.1 writes the characters after a shorthand name's first as
    ``\\u0080-\\u10FFFF``, which Python reads as U+0080 to U+10FF and then ``FF``:
    ``$.名前`` fails at its second character, though RFC 9535 allows it (name-char
    takes U+0080 to U+D7FF). The same name in brackets, ``$['名前']``, is the same
    query (RFC 9535, 2.5.1.1) and parses; each name the lexer stops in is bracketed
    in turn."""
    changed = False
    for _ in range(64):  # a name per round; a query holds few
        token = getattr(error, "token", None)
        index = getattr(token, "index", None)
        if not isinstance(index, int) or not 0 < index < len(path):
            break
        if not "\u1100" <= path[index] <= "\ud7ff":
            break
        start = end = index
        while start > 0 and _name_char(path[start - 1]):
            start -= 1
        while end < len(path) and _name_char(path[end]):
            end += 1
        if start == 0 or path[start - 1] != "." or path[start] in "0123456789":
            break
        # `.name` becomes `['name']`, and `..name` becomes `..['name']`.
        before = path[: start - 1] if path[start - 2 : start] != ".." else path[:start]
        path, changed = f"{before}['{path[start:end]}']{path[end:]}", True
        try:
            _environment().compile(path)
        except Exception as again:  # the next name, or another mistake
            error = again
            continue
        return path, None
    return (path, error) if changed else None


def _name_char(char: str) -> bool:
    """RFC 9535's name-char: a letter, digit or ``_``, or any character from U+0080
    but the surrogates."""
    if char.isascii():
        return char.isalnum() or char == "_"
    return not "\ud800" <= char <= "\udfff"


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
                if shared and screen is not None and not screen(root, limit, token):
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


class _Visited:
    """What is known of the last document a `$..` query ran on: the rules that start
    with `$..` run on one document after another, so they share it. Filled in as the
    queries need it; another document gets a record of its own."""

    __slots__ = ("containers", "recorded", "root", "text")

    def __init__(self, root: Any) -> None:
        self.root = root
        self.recorded: Walked | None = None  # what the loader met in it (`prime`)
        self.containers: Sequence[Node] | None = None  # in the order `..` visits them
        self.text: str | None = None  # what `_screen` reads (`_text`)


_last = _Visited(None)


def _visited(root: Any) -> _Visited:
    global _last
    if _last.root is not root or root is None:
        _last = _Visited(root)
    return _last


def prime(root: Any, walked: Walked) -> None:
    """Tell the queries that ``walked`` is what loading met in ``root``, so that ``$..``
    reads its containers (and its text) rather than walking it again."""
    _visited(root).recorded = walked


def _recorded(root: Any, limit: int) -> Walked | None:
    """What the loader recorded of ``root`` (see `prime`), if it is to be read: when
    the loader's depth limit is the library's or lower, so that nothing in it is too
    deep for ``..``. (Deeper, the walk meets the library's limit, and fails as it does.)"""
    recorded = _visited(root).recorded
    return recorded if recorded is not None and recorded.max_depth <= limit else None


def _containers(root: Any, limit: int, token: Any) -> Sequence[Node]:
    last = _visited(root)
    if last.containers is None:
        recorded = _recorded(root, limit)
        if recorded is not None:
            last.containers = recorded.containers
        else:
            last.containers = _walk((), root, limit, token)
    return last.containers


def _text(root: Any, limit: int, token: Any) -> str:
    """Every string below ``root`` that ``..`` reaches (the values in its containers),
    one a line, or more (the text of every scalar, when the loader gave it): the text
    a search for "no secret anywhere" screens a document by."""
    last = _visited(root)
    if last.text is None:
        recorded = _recorded(root, limit)
        if recorded is not None:
            last.text = recorded.scalars()
        else:
            strings: list[str] = []
            for _, container in _containers(
                root, limit, token
            ):  # the first: `root`, maybe a scalar
                if isinstance(container, dict):
                    strings.extend(item for item in container.values() if isinstance(item, str))
                elif isinstance(container, list):
                    strings.extend(item for item in container if isinstance(item, str))
            last.text = "\n".join(strings)
    return last.text


def _screen(selectors: Sequence[Any]) -> Callable[[Any, int, Any], bool] | None:
    """For ``..[?search(@, 'p')]``: whether a document may hold a string the pattern
    finds, asked once before testing its strings one by one; None for another segment.

    A pattern that finds a match in one string finds it in any text holding that
    string, unless it asserts something about what lies around the match: it must
    have no anchor (``^`` and ``$``, which I-Regexp reads as characters but the
    library passes on to the regex engine as anchors). The lookahead the library
    writes for ``.`` looks only at the character ``.`` consumes, so it is safe.
    No match in the document's strings joined (:func:`_text`), then, means none in
    any string; a match there is only a reason to test each string, as without it.

    Before that, the characters every match holds (:func:`required_literals`) are
    looked for: in the file's text when the loader gave it and it may stand in for
    the strings (:func:`_in_source`), then in the strings joined. A substring test is
    some thirty times faster than the regex engine's scan.
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
    # A pattern that is no I-Regexp matches nothing: `required_literals` reads only those.
    literals = required_literals(pattern) if _regex(pattern, "search") is not None else ()
    in_source = bool(literals) and all(_in_source(literal) for literal, _ in literals)

    def screen(root: Any, limit: int, token: Any) -> bool:
        if literals:
            recorded = _recorded(root, limit)
            if (
                in_source
                and recorded is not None
                and "\\" not in recorded.source
                and not _holds_any(recorded.source, literals)
            ):
                return False
            text = _text(root, limit, token)
            if not _holds_any(text, literals):
                return False
            return method(text) is not None
        return method(_text(root, limit, token)) is not None

    return screen


def _in_source(literal: str) -> bool:
    """Whether ``literal`` can be looked for in a YAML file's text, without escapes,
    rather than in its strings: it has no space or line break, which folding a
    scalar over lines turns into one another, and no ``'``, which a single-quoted
    scalar writes twice. (A backslash in the text, an escape perhaps, rules the text
    out; an anchor, a tag or JSON leave no text to look in, see ``Document.walked``.)"""
    return not any(char in literal for char in " \t\n\r\x85\u2028\u2029'")


def _holds_any(text: str, literals: tuple[tuple[str, bool], ...]) -> bool:
    lowered = ""
    for literal, folded in literals:
        if folded:
            lowered = lowered or text.lower()
            if literal in lowered:
                return True
        elif literal in text:
            return True
    return False


_ESCAPED = {"n": "\n", "r": "\r", "t": "\t"}  # I-Regexp's escapes for a character


def required_literals(pattern: str) -> tuple[tuple[str, bool], ...]:
    """For each branch of an I-Regexp (RFC 9485), some characters that any match of
    the branch holds in a row, and whether they are to be looked for in the text
    lowercased; empty when a branch holds none for certain.

    No literal in a text, then, means no match in it: the screen a search runs first
    (``[Pp]assword|token=`` gives ``assword`` and ``token=``, or ``password`` in the
    text lowercased). A character counts when it stands alone, not optional; so does
    a class of one ASCII letter in both cases (``[Pp]``) in a lowercased run, which
    no other character outside ASCII joins. A class, a group, ``.`` or a category
    escape ends a run, and so does a repetition, after its first character. The
    pattern is one the library accepted (``iregexp_check``), so it is well formed.
    """
    found: list[tuple[str, bool]] = []
    best: tuple[str, bool] = ("", False)
    run = fold = ""  # the run as written, and the run lowercased
    index, end = 0, len(pattern)
    while True:
        char = pattern[index] if index < end else "|"
        if char == "|":  # a branch ends: its longest run stands for it
            best = max(best, (run, False), (fold, True), key=lambda item: len(item[0]))
            if not best[0]:
                return ()
            found.append(best)
            best, run, fold = ("", False), "", ""
            index += 1
            if index > end:
                return tuple(found)
            continue
        atom: str | None = None
        folded: str | None = None  # the atom's lowercase, when a lowercased run may take it
        if char == "\\":
            escaped = pattern[index + 1]
            if escaped in "pP":  # \p{Lu}: a category, not a character
                index = pattern.index("}", index) + 1
            else:
                atom, index = _ESCAPED.get(escaped, escaped), index + 2
        elif char == "[":
            close = _class_end(pattern, index)
            pair = pattern[index + 1 : close - 1]
            if (
                len(pair) == 2
                and pair.isascii()
                and pair.isalpha()
                and pair.swapcase() == pair[::-1]
            ):
                folded = pair.lower()[0]  # [Pp]: either case of one letter
            index = close
        elif char == "(":
            index = _group_end(pattern, index)
        elif char in ".^$":
            index += 1
        else:
            atom, index = char, index + 1
        if atom is not None and atom.isascii():
            folded = atom.lower()
        quantifier = pattern[index] if index < end else ""
        optional = quantifier in ("?", "*")
        if quantifier == "{":
            close = pattern.index("}", index)
            optional = int(pattern[index + 1 : close].split(",")[0]) == 0
            index = close + 1
        elif quantifier in ("?", "*", "+"):
            index += 1
        else:
            quantifier = ""
        if optional:
            atom = folded = None
        run = run + atom if atom is not None else ""
        fold = fold + folded if folded is not None else ""
        best = max(best, (run, False), (fold, True), key=lambda item: len(item[0]))
        if quantifier:  # the run cannot go on past a repeated atom
            run = fold = ""


def _class_end(pattern: str, index: int) -> int:
    """The index just past the character class that starts at ``index``."""
    index += 2 if pattern[index + 1 : index + 2] == "^" else 1
    while pattern[index] != "]":
        if pattern[index] == "\\":
            index = pattern.index("}", index) + 1 if pattern[index + 1] in "pP" else index + 2
        else:
            index += 1
    return index + 1


def _group_end(pattern: str, index: int) -> int:
    """The index just past the group that starts at ``index``."""
    depth = 0
    while True:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = _class_end(pattern, index)
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
        if depth == 0:
            return index


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
    method = _regex(pattern.value, "fullmatch" if expression.name == "match" else "search")
    if method is None:  # matches nothing, as the library says
        return (lambda text: None), negated, expression.name, pattern.value
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
        if name == "count" and _children_of_current(args[0]):
            # `count(@.*)`: how many children, without a node list of them
            return lambda current, root: len(current) if isinstance(current, (dict, list)) else 0
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
        how = "fullmatch" if name == "match" else "search"
        if isinstance(args[1], kinds.StringLiteral):  # the common case: compiled once, here
            test = _regex(args[1].value, how)
            if test is None:
                return lambda current, root: False
            if type(args[0]) is kinds.RelativeFilterQuery and not args[0].query.segments:
                # `match(@, '...')`: the node itself, the commonest, without a call for it
                return lambda current, root: isinstance(current, str) and test(current) is not None

            def constant(current: Any, root: Any) -> bool:
                found = text(current, root)
                return isinstance(found, str) and test(found) is not None

            return constant
        return lambda current, root: _regex_test(text(current, root), pattern(current, root), how)
    raise Unsupported(f"the function {name}()")


def _children_of_current(query: Any) -> bool:
    """Whether ``query`` is ``@.*`` (or ``@[*]``): the current node's children."""
    from jsonpath_rfc9535 import filter_expressions as kinds
    from jsonpath_rfc9535.segments import JSONPathChildSegment
    from jsonpath_rfc9535.selectors import WildcardSelector

    if type(query) is not kinds.RelativeFilterQuery or len(query.query.segments) != 1:
        return False
    segment = query.query.segments[0]
    return (
        type(segment) is JSONPathChildSegment
        and len(segment.selectors) == 1
        and type(segment.selectors[0]) is WildcardSelector
    )


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


@functools.lru_cache(maxsize=1024)
def _regex(pattern: str, how: str) -> Callable[[str], Any] | None:
    """The test of ``pattern`` as the library runs an I-Regexp (RFC 9485): ``how`` is
    ``fullmatch`` for ``match()`` and ``search`` for ``search()``. None when it is not
    an I-Regexp (then it matches nothing, as the library says).

    The library translates the pattern (its ``.``) for the ``regex`` module, whose
    import costs a run 9 ms. Most patterns mean the same to Python's own ``re``
    (:func:`_plain_pattern`), which runs them; the rest go to ``regex`` as before.
    """
    from iregexp_check import check

    if not check(pattern):
        return None
    plain = _plain_pattern(pattern)
    if plain is not None:
        try:
            test: Callable[[str], Any] = getattr(re.compile(plain), how)
            return test
        except (re.error, OverflowError, RecursionError):
            pass  # what `regex` makes of it decides
    import regex  # type: ignore[import-untyped,unused-ignore]
    from jsonpath_rfc9535.function_extensions._pattern import map_re

    try:
        compiled = regex.compile(map_re(pattern), regex.VERSION1 if how == "search" else 0)
    except regex.error:
        return None
    test = getattr(compiled, how)
    return test


# The library's `.` for `regex`, `(?:(?![\r\n])\P{Cs}|\p{Cs}\p{Cs})`, in `re`'s terms:
# any character but a line break, or a pair of surrogates.
_DOT = "(?:[^\n\r\ud800-\udfff]|[\ud800-\udfff][\ud800-\udfff])"


def _plain_pattern(pattern: str) -> str | None:
    r"""An I-Regexp as a pattern of Python's ``re`` that matches exactly what the
    library's translation matches with ``regex``; None when that is not certain: a
    category escape (``\p{L}``, which ``re`` lacks), an anchor (I-Regexp has none, but
    the library passes ``^`` and ``$`` on), or what ``regex`` reads in a class as an
    operation on sets (``&&``, ``||``, ``~~``, ``--``, a nested class), or more groups
    than ``regex`` may nest."""
    if "\\p" in pattern or "\\P" in pattern or "$" in pattern:
        return None
    if "^" in pattern.replace("[^", "") or any(
        operation in pattern for operation in ("&&", "||", "~~", "--", "[[")
    ):
        return None
    if pattern.count("(") > 100:  # `regex` fails on hundreds of nested groups; `re` not
        return None
    parts: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "." and not in_class:
            parts.append(_DOT)
            continue
        parts.append(char)
    return "".join(parts)


def _regex_test(string: object, pattern: object, how: str) -> bool:
    if not isinstance(pattern, str) or not isinstance(string, str):
        return False
    test = _regex(pattern, how)
    return test is not None and test(string) is not None


@functools.lru_cache(maxsize=1)
def _environment() -> Any:
    """The library's JSONPath environment, its ``match()`` and ``search()`` using the
    patterns compiled once."""
    # The library imports `regex` for its own match() and search(), which these replace:
    # a stand-in defers it (9 ms) until something reads it (see `_regex`).
    stand_in = None
    if "regex" not in sys.modules:
        stand_in = sys.modules["regex"] = _Deferred("regex")
    try:
        import jsonpath_rfc9535  # 12 ms: only when a team rule uses a JSONPath
        from jsonpath_rfc9535 import function_extensions
    finally:
        if stand_in is not None and sys.modules.get("regex") is stand_in:
            del sys.modules["regex"]

    class Match(function_extensions.Match):
        def __call__(self, string: str, pattern: object) -> bool:
            return _regex_test(string, pattern, "fullmatch")

    class Search(function_extensions.Search):
        def __call__(self, string: str, pattern: object) -> bool:
            return _regex_test(string, pattern, "search")

    class Environment(jsonpath_rfc9535.JSONPathEnvironment):
        def setup_function_extensions(self) -> None:
            super().setup_function_extensions()
            self.function_extensions["match"] = Match()
            self.function_extensions["search"] = Search()

    return Environment()


class _Deferred(types.ModuleType):
    """A module imported only when one of its names is first read: what the library's
    modules hold as ``regex`` (an ``import regex`` in them binds it), forwarding each
    read to the real module, imported then."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]  # read while the library is being imported
        return getattr(importlib.import_module(self.__name__), name)
