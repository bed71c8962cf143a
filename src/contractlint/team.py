"""Team rules: a team's own policy, declared under ``rules:`` in its configuration
(SPEC section 8) and compiled into the same :class:`~contractlint.model.Rule` the
built-in rules are, so that selection, severities, suppressions, baselines, caching,
every output format and ``explain`` treat them alike.

A repository's configuration can never run code through a rule: ``given`` is an RFC
9535 JSONPath (evaluated by ``jsonpath-rfc9535``) or a JSON Pointer, ``then`` calls
one of a closed set of functions, and a message fills ``{path}``, ``{value}`` and
``{field}`` and nothing else (no attribute access, no index, no conversion). Every
part is checked when the configuration is read: a bad rule is an error naming the
rule and the key before any file is linted.

The values here are plain and hashable (a function's options are kept as canonical
JSON text), so the resolved rules are part of the cache's run key.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import functools
import json
import math
import re
import string
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Callable, NamedTuple, Optional

from contractlint import jsonpath, pointer
from contractlint.kinds import KINDS

if TYPE_CHECKING:
    from contractlint.model import Document, Hit, Rule, RuleOptions

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,9}[0-9]{3}$")
NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
PLACEHOLDERS_IN_MESSAGES = ("path", "value", "field")
# Each function and the options it takes (required ones first in the tuple's second part).
FUNCTIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "truthy": ((), ()),
    "falsy": ((), ()),
    "defined": ((), ()),
    "undefined": ((), ()),
    "not-placeholder": ((), ()),
    "pattern": ((), ("match", "not-match")),
    "enum": (("values",), ()),
    "length": ((), ("min", "max")),
    "lt": (("value",), ()),
    "lte": (("value",), ()),
    "gt": (("value",), ()),
    "gte": (("value",), ()),
    "schema": (("schema",), ()),
}
KEYS = (
    "name",
    "severity",
    "kinds",
    "given",
    "then",
    "message",
    "summary",
    "rationale",
    "remediation",
    "docs",
    "examples",
)


class TeamRuleError(ValueError):
    """A rule of the configuration is malformed; the message names the rule and the key."""

    @property
    def path(self) -> tuple[str, ...]:
        """The keys below `rules` the message names (the rule, then its key), for the
        configuration's error to give their line."""
        found = re.match(r"rule `([^`]*)`(?:: `([\w.-]+)`)?", str(self))
        if not found:
            return ()
        code, key = found.groups()
        return (code, *(key.split(".") if key else ()))


class Then(NamedTuple):
    """One ``then`` clause: the function that must hold on ``field`` of each node."""

    field: str  # "" for the node itself
    function: str
    options: str  # the function's options as canonical JSON


class TeamRule(NamedTuple):
    code: str
    name: str
    severity: str
    kinds: tuple[str, ...]
    given: tuple[str, ...]
    then: tuple[Then, ...]
    message: str
    summary: str
    rationale: str = ""
    remediation: str = ""
    docs: str = ""
    invalid: tuple[str, ...] = ()  # example documents that must raise the rule
    valid: tuple[str, ...] = ()  # and that must not


def parse_rules(
    table: Any,
    builtin_codes: frozenset[str],
    builtin_names: frozenset[str],
    declared_kinds: tuple[str, ...] = (),
) -> tuple[TeamRule, ...]:
    """The ``rules`` table of a configuration, checked; raises :class:`TeamRuleError`."""
    if not isinstance(table, Mapping):
        raise TeamRuleError("`rules`: expected a mapping of rule code to rule")
    parsed: list[TeamRule] = []
    names: set[str] = set()
    for code, body in table.items():
        rule = _parse_rule(str(code), body, declared_kinds)
        if rule.code in builtin_codes:
            raise TeamRuleError(f"rule `{code}`: the code is a built-in rule's")
        if rule.name in builtin_names or rule.name in names:
            raise TeamRuleError(f"rule `{code}`: `name`: `{rule.name}` is already a rule's name")
        names.add(rule.name)
        parsed.append(rule)
    return tuple(parsed)


def _parse_rule(code: str, body: Any, declared_kinds: tuple[str, ...]) -> TeamRule:
    where = f"rule `{code}`"
    if not CODE.match(code) or code.startswith("CL"):
        raise TeamRuleError(
            f"{where}: a team rule's code is 2 to 10 capitals or digits, starting with a "
            "capital, then 3 digits (ACME101), and never starts with CL"
        )
    if not isinstance(body, Mapping):
        raise TeamRuleError(f"{where}: expected a mapping with name, given, then and message")
    for key in body:
        if key not in KEYS:
            raise TeamRuleError(f"{where}: unknown key `{key}`; expected one of {', '.join(KEYS)}")
    for key in ("name", "given", "then", "message"):
        if key not in body:
            raise TeamRuleError(f"{where}: `{key}` is required")
    name = _text(body, "name", where)
    if not NAME.match(name):
        raise TeamRuleError(f"{where}: `name`: `{name}` is not kebab-case (pii-needs-retention)")
    severity = body.get("severity", "warning")
    if severity not in SEVERITIES:
        raise TeamRuleError(f"{where}: `severity`: expected error, warning or info")
    kinds = _strings(body.get("kinds", list(KINDS) + list(declared_kinds)), "kinds", where)
    for kind in kinds:
        if kind not in KINDS and kind not in declared_kinds:
            raise TeamRuleError(f"{where}: `kinds`: `{kind}` is not a kind")
    given = _strings(body["given"], "given", where)
    for path in given:
        _check_given(path, where)
    clauses = body["then"] if isinstance(body["then"], list) else [body["then"]]
    then = tuple(_parse_then(clause, f"{where}: `then`") for clause in clauses)
    message = _text(body, "message", where)
    check_template(message, f"{where}: `message`")
    examples = body.get("examples", {})
    if not isinstance(examples, Mapping) or set(examples) - {"invalid", "valid"}:
        raise TeamRuleError(f"{where}: `examples`: expected a mapping with invalid and valid")
    return TeamRule(
        code=code,
        name=name,
        severity=severity,
        kinds=kinds,
        given=given,
        then=then,
        message=message,
        summary=str(body.get("summary", "") or message),
        rationale=str(body.get("rationale", "")),
        remediation=str(body.get("remediation", "")),
        docs=str(body.get("docs", "")),
        invalid=_strings(examples.get("invalid", []), "examples.invalid", where),
        valid=_strings(examples.get("valid", []), "examples.valid", where),
    )


def _text(body: Mapping[str, Any], key: str, where: str) -> str:
    value = body[key]
    if not isinstance(value, str) or not value.strip():
        raise TeamRuleError(f"{where}: `{key}`: expected a non-empty string")
    return value


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TeamRuleError(f"{where}: `{key}`: expected a string or a list of strings")
    return tuple(value)


def _check_given(path: str, where: str) -> None:
    if path.startswith("$"):
        try:
            jsonpath.compile_query(path)
        except Exception as exc:  # the library's syntax errors: a message, not a crash
            message = f"{where}: `given`: `{path}` is not an RFC 9535 JSONPath: {exc}"
            raise TeamRuleError(message) from None
    elif path and not path.startswith("/"):
        raise TeamRuleError(
            f"{where}: `given`: `{path}` is neither a JSONPath (starting with `$`) nor a JSON "
            "Pointer (starting with `/`)"
        )
    elif pointer.problem(path):
        raise TeamRuleError(
            f"{where}: `given`: `{path}` is not an RFC 6901 JSON Pointer: {pointer.problem(path)}"
        )


def _parse_then(clause: Any, where: str) -> Then:
    if not isinstance(clause, Mapping):
        raise TeamRuleError(f"{where}: expected a mapping with function (and field)")
    function = clause.get("function")
    if function not in FUNCTIONS:
        raise TeamRuleError(
            f"{where}: `function`: `{function}` is not one of {', '.join(sorted(FUNCTIONS))}"
        )
    field = clause.get("field", "")
    if not isinstance(field, str):
        raise TeamRuleError(f"{where}: `field`: expected a string")
    required, optional = FUNCTIONS[function]
    options = {k: v for k, v in clause.items() if k not in ("field", "function", "functionOptions")}
    options.update(clause.get("functionOptions") or {})
    for key in options:
        if key not in required and key not in optional:
            raise TeamRuleError(f"{where}: `{key}`: `{function}` takes no option `{key}`")
    for key in required:
        if key not in options:
            raise TeamRuleError(f"{where}: `{function}` needs `{key}`")
    if function == "pattern":
        if not options:
            raise TeamRuleError(f"{where}: `pattern` needs `match` or `not-match`")
        for key, regex in options.items():
            try:
                re.compile(str(regex))
            except (re.error, OverflowError, RecursionError) as exc:  # `a{4294967296}`
                raise TeamRuleError(f"{where}: `{key}`: not a regular expression: {exc}") from None
    if function == "length" and not options:
        raise TeamRuleError(f"{where}: `length` needs `min` or `max`")
    low: Any = options.get("min")
    high: Any = options.get("max")
    if _is_number(low) and _is_number(high) and low > high:
        raise TeamRuleError(f"{where}: `min` {low} is above `max` {high}: nothing can pass")
    numbers = ("value",) if function in ("lt", "lte", "gt", "gte") else ("min", "max")
    for key in numbers:
        if key in options and not _is_number(options[key]):
            raise TeamRuleError(f"{where}: `{key}`: expected a number")
    if function == "enum" and not isinstance(options["values"], list):
        raise TeamRuleError(f"{where}: `values`: expected a list")
    if function == "schema":
        try:
            _check_schema(options["schema"], where)
        except RecursionError:  # a schema nested thousands deep
            raise TeamRuleError(f"{where}: `schema`: nested too deeply to check") from None
    return Then(field, function, json.dumps(options, sort_keys=True, default=str))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_schema(schema: Any, where: str) -> None:
    if not isinstance(schema, (Mapping, bool)):
        raise TeamRuleError(f"{where}: `schema`: expected a JSON Schema (a mapping)")
    from contractlint.pipeline import schemacheck

    if schemacheck.well_formed(schema):
        return  # the common keywords, well formed: no need to import jsonschema (60 ms)
    from contractlint import schemas  # as a declared kind's schema file is checked

    problem = schemas.schema_problem(dict(schema)) if isinstance(schema, Mapping) else None
    if problem is not None:
        raise TeamRuleError(f"{where}: `schema` {problem}")


def check_template(template: str, where: str) -> None:
    """``template`` fills only ``{path}``, ``{value}`` and ``{field}``, plainly."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TeamRuleError(f"{where}: {exc}") from None
    for _, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in PLACEHOLDERS_IN_MESSAGES or spec or conversion:
            shown = "{" + field_name + (f"!{conversion}" if conversion else "")
            shown += (f":{spec}" if spec else "") + "}"
            raise TeamRuleError(
                f"{where}: `{shown}` is not allowed; a message fills only {{path}}, {{value}} "
                "and {field}"
            )


# --- compiled rules -----------------------------------------------------------------

_MISSING = object()
_LONGEST = 80  # characters of a value a message shows (a longer one is cut in the middle)


def compile_rule(rule: TeamRule) -> "Rule":
    """The :class:`Rule` of ``rule``, with its documentation from its own fields."""
    from contractlint.model import Rule, RuleDoc
    from contractlint.results import Severity

    examples = {"bad": rule.invalid[0] if rule.invalid else "", "good": ""}
    examples["good"] = rule.valid[0] if rule.valid else ""
    doc = RuleDoc(
        what=rule.summary,
        why=rule.rationale or rule.summary,
        bad=examples["bad"],
        good=examples["good"],
        fix=rule.remediation or "See the team's documentation of this rule.",
        url=rule.docs,
    )
    return Rule(
        code=rule.code,
        name=rule.name,
        severity=Severity(rule.severity),
        kinds=rule.kinds,
        summary=rule.summary,
        doc=doc,
        check=_checker(rule),
    )


def _checker(rule: TeamRule) -> Callable[["Document", "RuleOptions"], Iterator["Hit"]]:
    from contractlint.model import Hit
    from contractlint.rules._common import clip

    tests = [(clause.field, _predicate(clause)) for clause in rule.then]
    selections = [_selection(path) for path in rule.given]
    only = selections[0] if len(selections) == 1 else None
    # A `..` reads the containers the loader met, rather than walking the document.
    descends = any(walks(path) for path in rule.given)
    prime = jsonpath.prime

    def hit(location: tuple[Any, ...], field: str, target: Any) -> "Hit":
        # The pointer only for a finding: most nodes pass.
        where = pointer.from_path(location)
        if field and target is not _MISSING:
            where = pointer.child(where, field)
        # Each value on one line (a value with a line break would forge a line of the
        # text report), a long one cut in the middle, as the built-in rules' messages.
        text = rule.message.format(
            path=clip(_dotted(where), _LONGEST),
            value=clip(_shown(target), _LONGEST),
            field=clip(field, _LONGEST),
        )
        return Hit(where, text)

    lone = _lone(rule.given[0]) if len(rule.given) == 1 else None
    if lone is not None and len(tests) == 1 and not tests[0][0]:
        # One node at most (`/name`, `$.sample_size.power`), one clause on it: a third
        # of the rules, without a node list.
        location, get = lone
        test = tests[0][1]

        def check_lone(document: "Document", options: "RuleOptions") -> Iterator["Hit"]:
            value = get(document.value)
            if value is _MISSING or test(value, options):
                return iter(())
            return iter((hit(location, "", value),))

        return check_lone

    if only is not None and len(tests) == 1 and not tests[0][0]:
        # One `given`, one clause on the node itself: most rules, as lean as it gets.
        holds = tests[0][1]

        def check_nodes(document: "Document", options: "RuleOptions") -> Iterator["Hit"]:
            if descends and document.walked is not None:
                prime(document.value, document.walked)
            nodes = only(document.value)
            failed = [node for node in nodes if not holds(node[1], options)] if nodes else ()
            if not failed:
                return iter(())
            hits: dict[str, Hit] = {}
            for location, value in failed:
                found = hit(location, "", value)
                hits.setdefault(found.pointer, found)
            return iter(hits.values())

        return check_nodes

    def check(document: "Document", options: "RuleOptions") -> Iterator["Hit"]:
        root = document.value
        if descends and document.walked is not None:
            prime(root, document.walked)
        nodes = only(root) if only else [node for select in selections for node in select(root)]
        if not nodes:  # the common case: a rule about a part the document lacks
            return iter(())
        hits: dict[str, Hit] = {}  # one finding a node (by pointer), the first
        for location, value in nodes:
            for field, holds in tests:
                target = value
                if field:
                    target = value.get(field, _MISSING) if isinstance(value, dict) else _MISSING
                if not holds(target, options):
                    found = hit(location, field, target)
                    hits.setdefault(found.pointer, found)
        return iter(hits.values())

    return check


def walks(path: str) -> bool:
    """Whether a ``given`` may visit every node of a document (a JSONPath with ``..``),
    for which the loader records the containers it meets (``Document.walked``)."""
    return path.startswith("$") and ".." in path


def _lone(path: str) -> Optional[tuple[tuple[Any, ...], Callable[[Any], Any]]]:
    """For a ``given`` that selects one node at most, at a fixed location (a JSON
    Pointer, or a JSONPath of names and indexes): the location, and a function giving
    the node's value in a document, or ``_MISSING``. None for any other ``given``."""
    if path.startswith("$"):
        found = jsonpath.singular_path(path)
        if found is None:
            return None
        keys, read = found
        nothing = jsonpath.NOTHING
        return keys, lambda document: _MISSING if (value := read(document)) is nothing else value
    if not path:
        return (), lambda document: document
    tokens = tuple(pointer.tokens(path))

    def at(document: Any) -> Any:
        found = pointer.resolve(document, tokens)
        return _MISSING if found is None else found  # as `_selection`: null is no node

    return tokens, at


def _selection(path: str) -> Callable[[Any], list[tuple[tuple[Any, ...], Any]]]:
    """The ``(location, value)`` of each node that ``path`` (a JSONPath, or a JSON
    Pointer) selects in a document."""
    if path.startswith("$"):
        return jsonpath.compile_query(path)
    if not path:
        return lambda document: [((), document)]
    keys = tuple(pointer.tokens(path))

    def at(document: Any) -> list[tuple[tuple[Any, ...], Any]]:
        found = pointer.resolve(document, keys)
        return [] if found is None else [(keys, found)]

    return at


def _predicate(clause: Then) -> Callable[[Any, "RuleOptions"], bool]:
    """Whether ``clause`` holds for a value (``_MISSING`` when the field is absent)."""
    options = json.loads(clause.options)
    function = clause.function
    if function == "defined":
        return lambda value, _: value is not _MISSING
    if function == "undefined":
        return lambda value, _: value is _MISSING
    if function == "truthy":
        return lambda value, _: value is not _MISSING and bool(value)
    if function == "falsy":
        return lambda value, _: value is _MISSING or not value
    if function == "not-placeholder":
        return lambda value, rule_options: (
            not (value is _MISSING or value is None or rule_options.is_placeholder(value))
        )
    # The rest speak of values: an absent field satisfies them (`defined` asks for it).
    check = _value_test(function, options)
    return lambda value, _: value is _MISSING or check(value)


def _value_test(function: str, options: dict[str, Any]) -> Callable[[Any], bool]:
    if function == "pattern":
        match = re.compile(str(options["match"])) if "match" in options else None
        avoid = re.compile(str(options["not-match"])) if "not-match" in options else None

        def pattern(value: Any) -> bool:
            if not isinstance(value, str):
                return False
            return (match is None or bool(match.search(value))) and not (
                avoid is not None and avoid.search(value)
            )

        return pattern
    if function == "enum":
        values = options["values"]
        # Equal and of the same type (JSON's true is not 1): a set of (type, value)
        # pairs answers for a scalar at once; a list or an object is compared in turn.
        scalars = frozenset((type(v), v) for v in values if not isinstance(v, (dict, list)))

        def enum(value: Any) -> bool:
            if not isinstance(value, (dict, list)):
                return (type(value), value) in scalars
            return any(value == v and type(value) is type(v) for v in values)

        return enum
    if function == "length":
        low, high = options.get("min"), options.get("max")

        def length(value: Any) -> bool:
            if not isinstance(value, (str, list, dict)):
                return False
            size = len(value)
            return (low is None or size >= low) and (high is None or size <= high)

        return length
    if function in ("lt", "lte", "gt", "gte"):
        import operator

        bound = options["value"]
        names = {"lt": "lt", "lte": "le", "gt": "gt", "gte": "ge"}
        compare: Callable[[Any, Any], bool] = getattr(operator, names[function])
        return lambda value: _is_number(value) and bool(compare(value, bound))
    return _schema_test(options["schema"])


def _schema_test(schema: Any) -> Callable[[Any], bool]:
    """``jsonschema``'s verdict on a value, from the compiled check when the schema
    compiles (``pipeline.schemacheck``), and from ``jsonschema`` when it does not."""
    from contractlint.pipeline import schemacheck

    if isinstance(schema, bool):
        return lambda value: schema
    fast = None
    if schemacheck.well_formed(schema):
        fast = schemacheck.compile_schema(schema)  # well formed: compiles

    @functools.lru_cache(maxsize=1)
    def validator() -> Any:
        import jsonschema  # only when the compiled check cannot answer

        from contractlint import schemas

        return jsonschema.Draft202012Validator(schema, registry=schemas.no_retrieval())

    def test(value: Any) -> bool:
        if fast is not None:
            try:
                return fast(value)
            except (TypeError, ValueError, RecursionError):
                pass  # e.g. a bound compared with a value of another type
        return bool(validator().is_valid(value))

    return test


_PLAIN_KEY = re.compile(r"[^\W\d][\w-]*")  # a word, a letter first (Unicode too)


def _dotted(where: str) -> str:
    """A pointer as a reader writes the path: ``request.fields[0].pii``; a key that is no
    plain word in brackets (``x-d['a b']``, ``x-d['']``), so that no two paths read alike."""
    shown = ""
    for token in pointer.tokens(where):
        if token.isdecimal():
            shown += f"[{token}]"
        elif _PLAIN_KEY.fullmatch(token):
            shown += f".{token}" if shown else token
        else:
            quoted = token.replace("\\", "\\\\").replace("'", "\\'")
            shown += f"['{quoted}']"
    return shown or "(the document)"


def _shown(value: Any) -> str:
    if value is _MISSING:
        return "(absent)"
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


@functools.lru_cache(maxsize=32)
def compiled(rules: tuple[TeamRule, ...]) -> tuple["Rule", ...]:
    """The compiled rules of a configuration, once per process."""
    return tuple(compile_rule(rule) for rule in rules)


def team_rules(rules: tuple[TeamRule, ...]) -> tuple["Rule", ...]:
    return compiled(rules) if rules else ()
