"""Stage "rules" and "report": files -> findings.

``lint_file`` reads one file, loads its documents, validates each against its
schema, runs every enabled rule, and applies suppressions. Nothing here
prints or exits; a broken file, a parse error or a crashing rule becomes a
finding, so one bad file never stops the run.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from contractlint.config import Config, selects
from contractlint.digest import sha256_hex
from contractlint.gitignore import compile_patterns
from contractlint.model import (
    FILE_START,
    CheckFn,
    Document,
    Hit,
    Problem,
    Rule,
    RuleOptions,
    Span,
)
from contractlint.paths import relative_to
from contractlint.pipeline import deadline, loader, sniff, source, suppress, validate
from contractlint.pipeline.discover import Target
from contractlint.pipeline.references import Loaded, Resolver
from contractlint.pointer import resolve, unescape
from contractlint.results import FileResult, Finding
from contractlint.rules import BY_CODE, RULES, checking
from contractlint.rules import RULES as _REGISTERED
from contractlint.rules._common import fit, present

# The rules each configuration runs on each kind, worked out once per configuration and
# kind rather than per document: finding fifty team rules' compiled form by hashing
# them, and asking each rule whether it applies, cost a run with them about 10%. Keyed
# by the configuration's identity (the entry holds the configuration, so the id stays
# its own): its own rules, and the rules to run by kind, filled as kinds are met.
# The built-in rules are part of the key too (tests replace them).
_Plan = tuple[
    Config,
    Sequence[Rule],
    tuple[Rule, ...],
    dict[str, tuple[tuple[Rule, CheckFn], ...]],
    RuleOptions,  # the configuration's options for the rules, built once, not per document
]
_PLANS: dict[tuple[int, int], _Plan] = {}


def _plan(config: Config) -> _Plan:
    held = _PLANS.get((id(config), id(RULES)))
    if held is None or held[0] is not config or held[1] is not RULES:
        if len(_PLANS) > 16:
            _PLANS.clear()  # a long-lived process (the language server) sees many
        own: tuple[Rule, ...] = ()
        if config.team_rules:  # only then: the team rules' module and JSONPath
            from contractlint.team import team_rules

            own = team_rules(config.team_rules)
        if config.plugins:  # only then: the plugins' module and the team rules' names
            from contractlint import plugins

            own = (*own, *plugins.of(config.plugins))
        held = _PLANS[(id(config), id(RULES))] = (config, RULES, own, {}, config.rule_options)
    return held


def _options(config: Config) -> RuleOptions:
    """The configuration's options for the rules (built once a configuration)."""
    return _plan(config)[4]


def _own_rules(config: Config) -> tuple[Rule, ...]:
    """The configuration's own rules (team rules, plugins)."""
    return _plan(config)[2]


def _rules_to_run(config: Config, kind: str) -> tuple[tuple[Rule, CheckFn], ...]:
    """The enabled rules that check a document of ``kind``, with their checks, in the
    order they run."""
    _, builtin, own, by_kind, _ = _plan(config)
    if kind not in by_kind:
        # Only the modules of the rules that check this kind are imported (`checking`),
        # unless the built-in rules were replaced (the tests do).
        ours = checking(kind) if builtin is _REGISTERED else builtin
        by_kind[kind] = tuple(
            (rule, rule.check)
            for rule in (*ours, *own)
            if rule.check is not None and rule.applies_to(kind) and config.is_enabled(rule.code)
        )
    return by_kind[kind]


def utf16_columns(span: Span, lines: Sequence[str]) -> tuple[int, ...]:
    """The span's start and end columns in UTF-16 code units (SARIF's), when they are
    not its columns in code points: a character beyond U+FFFF stands before them on
    their line; empty otherwise."""
    columns = []
    for line, column in ((span.line, span.column), (span.end_line, span.end_column)):
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if text.isascii() or column <= 1:
            columns.append(column)
        else:
            columns.append(column + sum(1 for char in text[: column - 1] if ord(char) > 0xFFFF))
    found = tuple(columns)
    return () if found == (span.column, span.end_column) else found


def _clip(span: Span, lines: Sequence[str]) -> Span:
    """Findings show one line: a node spanning several lines is shown by its first."""
    if span.end_line == span.line:
        return span
    length = len(lines[span.line - 1]) if span.line - 1 < len(lines) else span.column
    return Span(span.line, span.column, span.line, max(length + 1, span.column + 1))


class _FileLinter:
    """Collects the findings of one file (one instance per file; not shared)."""

    def __init__(self, target: Target, config: Config, resolver: Resolver) -> None:
        self.target = target
        self.config = config
        self.resolver = resolver
        self.lines: list[str] = []
        # How many documents of the same kind and name came before the one being linted
        # in this file (two README blocks of one example): their fingerprints differ.
        self.repeat = 0
        self.findings: list[Finding] = []
        # The schemas of the configuration's own kinds, and those laid over ours (SPEC 8).
        self.own_schemas = {kind: text for kind, _, text in config.declared_kinds}
        self.extensions = {kind: text for kind, _, text in config.schema_extensions}

    def finding(
        self, rule: Rule, span: Span, message: str, pointer: str = "", subject: str = ""
    ) -> None:
        if not self.config.is_enabled(rule.code):
            return
        span = _clip(span, self.lines)
        subject = subject or pointer or re.sub(r"\d+", "#", message)
        self.findings.append(
            Finding(
                utf16=utf16_columns(span, self.lines),
                path=self.target.display,
                line=span.line,
                column=span.column,
                end_line=span.end_line,
                end_column=span.end_column,
                code=rule.code,
                name=rule.name,
                severity=self.config.severity_of(rule),
                message=message,
                fixable=rule.fixable,
                pointer=pointer,
                fingerprint=fingerprint(rule.code, pointer, subject),
            )
        )

    def problem(self, problem: Problem) -> None:
        self.finding(BY_CODE[problem.code], problem.span, problem.message, problem.pointer)

    def document(self, document: Document) -> None:
        for problem in document.problems:
            self.problem(problem)
        if not document.kind:
            return  # a misspelled kind (CL002): the rules cannot know what to expect
        _, builtin, own, _, options = _plan(self.config)  # own: the team's rules and plugins'
        document = self.resolver.resolve(document, self.target.path, options.is_placeholder)
        validation = validate.validate(
            document,
            options,
            self.own_schemas.get(document.kind),
            self.extensions.get(document.kind),
        )
        hit_pointers = set()
        for code, hit in validation.hits:
            hit_pointers.add(hit.pointer)
            self.hit(BY_CODE[code], document, hit)
        rejected = validation.rejected  # rules stay silent about what the schema rejected
        # The fields the schema found misspelt (`max_regresion`: did you mean
        # `max_regression`?), by the mapping that lacks them: a rule that asks that
        # mapping for one of them by name is answered already.
        misspelt = _misspelt(document.value, rejected) if rejected else {}
        placeholder_hits: list[Hit] = []
        placeholder_rule: Rule | None = None
        # A team's rules run under a deadline: a pattern that backtracks stops its rule.
        limited = bool(own) and deadline.arm()
        try:
            for rule, check in _rules_to_run(self.config, document.kind):
                try:
                    hits = list(check(document, options))
                except deadline.Overrun:
                    self.finding(BY_CODE["CL000"], document.start, _overrun(rule))
                    deadline.arm()  # the next rules get a deadline of their own
                    continue
                except Exception as exc:  # a bug in a rule must not stop the run
                    self.finding(
                        BY_CODE["CL000"],
                        document.start,
                        fit(
                            "rule {code} ({name}) crashed: {error}; the other rules ran "
                            "(please report it)",
                            code=rule.code,
                            name=rule.name,
                            error=f"{type(exc).__name__}: {exc}",
                        ),
                    )
                    continue
                for hit in hits:  # inline: a call a rule and document costs a run 1%
                    if not hit.at_key and _within(hit.pointer, rejected):
                        continue  # the schema already reported this value (or misspelling)
                    if rule.code == "CL009":  # after every rule: reported once (SPEC 2)
                        placeholder_rule = rule
                        placeholder_hits.append(hit)
                        continue
                    if not hit.at_key:  # a missing field: at the mapping that should hold it
                        hit = hit._replace(pointer=present(document.value, hit.pointer))
                        asked = misspelt.get(hit.pointer)
                        if asked and any(f"`{name}`" in hit.message for name in asked):
                            continue
                    hit_pointers.add(hit.pointer)
                    self.hit(rule, document, hit)
            if placeholder_hits:
                # CL009 steps aside for the rule that owns a placeholder whether that rule
                # is enabled or not: ignoring a rule only ever removes findings.
                ours = checking(document.kind) if builtin is _REGISTERED else builtin
                for rule in (*ours, *own):
                    off = rule.check
                    if off is None or self.config.is_enabled(rule.code):
                        continue
                    if not rule.applies_to(document.kind):
                        continue
                    try:
                        hit_pointers.update(
                            present(document.value, hit.pointer)
                            for hit in off(document, options)
                            if not hit.at_key and not _within(hit.pointer, rejected)
                        )
                    except deadline.Overrun:
                        deadline.arm()
                    except Exception:  # a rule that is off reports nothing, not even this
                        continue
        finally:
            if limited:
                deadline.disarm()
        for hit in placeholder_hits:
            if placeholder_rule is not None and not _within(hit.pointer, hit_pointers):
                self.hit(placeholder_rule, document, hit)

    def compare(self, old: Document | None, new: Document) -> None:
        """`contractlint diff`: the breaking-change rules, on two versions of one document."""
        for problem in new.problems:
            self.problem(problem)
        if old is None or not new.kind:
            return  # a new document breaks nothing
        options = _options(self.config)
        for rule in RULES:
            if rule.compare is None or not rule.applies_to(new.kind):
                continue
            if not self.config.is_enabled(rule.code):
                continue
            try:
                hits = list(rule.compare(old, new, options))
            except Exception as exc:  # a bug in a rule must not stop the run
                self.finding(
                    BY_CODE["CL000"],
                    new.start,
                    f"rule {rule.code} ({rule.name}) crashed on this document: "
                    f"{type(exc).__name__}: {exc}; the other rules still ran. "
                    "Please report this bug.",
                )
                continue
            for hit in hits:
                self.hit(rule, new, hit)

    def hit(self, rule: Rule, document: Document, hit: Hit) -> None:
        span = document.span_for(hit.pointer, hit.at_key)
        self.finding(rule, span, hit.message, hit.pointer, _subject(document, hit, self.repeat))


def _overrun(rule: Rule) -> str:
    return fit(
        "rule {code} ({name}) was stopped after {seconds} s (a pattern that backtracks?); "
        "the other rules ran",
        code=rule.code,
        name=rule.name,
        seconds=f"{deadline.SECONDS:g}",
    )


def _subject(document: Document, hit: Hit, repeat: int = 0) -> str:
    """What a finding is about, for its fingerprint: the document (the ``repeat``-th
    after the first of its kind and name in the file), and the offending value when it
    is a scalar (a container would change with every edit inside it, so the message,
    which names what is missing, stands for it)."""
    value = resolve(document.value, hit.pointer)
    shown = hit.message if isinstance(value, (dict, list)) else json.dumps(value, default=str)
    # The message tells apart findings of one rule on one node (CL401 on `owners: TBD`:
    # the scope, feasibility and method decisions). No rule's message names a line.
    said = hit.message
    name = f"{document.kind}:{document.value.get('name')}" + (f"#{repeat}" if repeat else "")
    return f"{name}\0{hit.pointer}\0{shown}\0{said}"


def fingerprint(code: str, pointer: str, subject: str) -> str:
    return sha256_hex(f"{code}\0{pointer}\0{subject}".encode("utf-8", "replace"))[:20]


def _misspelt(value: Any, rejected: Iterable[str]) -> dict[str, set[str]]:
    """The absent fields among ``rejected`` (those the schema found misspelt), as the
    names each mapping lacks, by the mapping's pointer."""
    found: dict[str, set[str]] = {}
    for pointer in rejected:
        if pointer and present(value, pointer) != pointer:
            parent, _, name = pointer.rpartition("/")
            found.setdefault(parent, set()).add(unescape(name))
    return found


def _within(pointer: str, nodes: Iterable[str]) -> bool:
    """``pointer`` is one of ``nodes`` or lies inside one (the document root excluded).

    Used twice: a rule stays silent about a value inside one the schema rejected,
    and CL009 steps aside for a finding on the placeholder or a node enclosing it
    (CL202 on a guardrail covers its ``max: TBD``).
    """
    return any(pointer == node or pointer.startswith(node + "/") for node in nodes if node)


# Each configuration's limits, worked out once (by its identity, as `_PLANS`).
_LIMITS: dict[int, tuple[Config, loader.Limits]] = {}


def load_limits(config: Config) -> loader.Limits:
    """What loading a file takes from ``config``: its limits, its declared kinds, and
    whether a team rule's ``$..`` wants the containers the loader meets."""
    held = _LIMITS.get(id(config))
    if held is None or held[0] is not config:
        if len(_LIMITS) > 16:
            _LIMITS.clear()  # a long-lived process (the language server) sees many
        descends = False
        if config.team_rules:  # only then: the team rules' module
            from contractlint.team import walks

            descends = any(walks(path) for rule in config.team_rules for path in rule.given)
        limits = loader.Limits(
            config.max_depth, config.max_alias_nodes, frozenset(config.kind_names), descends
        )
        held = _LIMITS[id(config)] = (config, limits)
    return held[1]


def referenced_documents(path: str, config: Config) -> Loaded:
    """The contract documents of a referenced file (read and parsed, not linted)."""
    return documents_of(path, source.read(path, config.max_file_size), config)


def documents_of(path: str, read: source.Source | Problem, config: Config) -> Loaded:
    """The documents of a file as read (from disk, or an editor's buffer), parsed and
    not linted; the file's problem when it cannot be read or holds none that parse."""
    if isinstance(read, Problem):
        return read
    limits = load_limits(config)
    documents: list[Document] = []
    for segment in read.segments:
        loaded = loader.load(path, segment, limits)
        if loaded.problems and not loaded.documents:
            return loaded.problems[0]
        documents.extend(loaded.documents)
    return tuple(documents)


def make_resolver(config: Config) -> Resolver:
    return Resolver(config.root, lambda path: referenced_documents(path, config))


def previous_documents(path: str, data: bytes | None, config: Config) -> tuple[Document, ...]:
    """The documents of an older version of a file (``None``: the file is new), read as
    its own ``path`` says (a contract moved from YAML to JSON is compared)."""
    if data is None:
        return ()
    read = source.decode(path, data)
    if isinstance(read, Problem):
        return ()
    limits = load_limits(config)
    return tuple(d for s in read.segments for d in loader.load(path, s, limits).documents)


def unreadable_previous(path: str, data: bytes, config: Config) -> str | None:
    """Why the old version cannot be compared (unreadable, or not valid YAML/JSON), if so."""
    read = source.decode(path, data)
    if isinstance(read, Problem):
        return read.message
    limits = load_limits(config)
    for segment in read.segments:
        for problem in loader.load(path, segment, limits).problems:
            if problem.code in ("CL001", "CL007"):
                return f"line {problem.span.line}: {problem.message}"
    return None


def _match(
    old: Sequence[Document], new: Document, documents: Sequence[Document]
) -> Document | None:
    """The old version of ``new`` (one of the file's ``documents``): the first old
    document of the same kind and name; else, when the file held one document of that
    kind and still holds one, that one, renamed (its callers break all the same)."""
    for candidate in old:
        if candidate.kind == new.kind and candidate.value.get("name") == new.value.get("name"):
            return candidate
    before = [d for d in old if d.kind == new.kind]
    after = [d for d in documents if d.kind == new.kind]
    return before[0] if len(before) == 1 and len(after) == 1 else None


def lint_file(
    target: Target,
    config: Config,
    today: datetime.date | None = None,
    resolver: Resolver | None = None,
    previous: Sequence[Document] | None = None,
    raw: sniff.Raw | None = None,
) -> FileResult:
    """Lint one file (``raw``: its bytes, when the caller has read them already); with
    ``previous`` (the documents of its old version), compare instead. A file that is
    not a candidate (stage "sniff") is not parsed and gets no finding. Whatever goes
    wrong is a finding of this file: the run goes on with the others."""
    try:
        return _lint_file(target, config, today, resolver, previous, raw)
    except Exception as exc:  # the last line of defence for one file
        linter = _FileLinter(target, config, make_resolver(config))
        if isinstance(exc, RecursionError):
            message = (
                "the document is nested too deeply for Python to check; "
                "lower `max-depth` in the config or flatten the document"
            )
            linter.problem(Problem("CL007", FILE_START, message))
        else:
            message = fit(
                "contractlint crashed on this file: {error}; the other files were linted "
                "(please report it)",
                error=f"{type(exc).__name__}: {exc}",
            )
            linter.problem(Problem("CL000", FILE_START, message))
        return FileResult(target.display, tuple(linter.findings), 1)


def _lint_file(
    target: Target,
    config: Config,
    today: datetime.date | None,
    resolver: Resolver | None,
    previous: Sequence[Document] | None,
    raw: sniff.Raw | None,
) -> FileResult:
    sniffer = sniff.sniffer(config.kind_names)
    if raw is None:
        raw = sniff.read(target.path, config.max_file_size)
    if sniffer.skipped(raw):
        return FileResult(target.display, ())
    today = today or datetime.date.today()
    linter = _FileLinter(target, config, resolver or make_resolver(config))
    limits = load_limits(config)
    read = source.from_raw(target.path, raw)
    if isinstance(read, Problem):
        linter.problem(read)
        broken = 0 if raw.error else 1  # a candidate that is too large or not UTF-8
        return FileResult(target.display, tuple(sorted(linter.findings, key=_order)), broken)
    linter.lines = read.text.split("\n")
    segments = read.segments
    if source.file_format(target.path) == "markdown":
        # Each front matter and fenced block is a candidate or not, on its own.
        segments = tuple(s for s in segments if sniffer.text_holds_contract(s.text))
    documents: list[Document] = []
    contracts = 0
    for segment in segments:
        loaded = loader.load(target.display, segment, limits)
        for problem in loaded.problems:
            linter.problem(problem)
        documents.extend(loaded.documents)
        # A candidate that does not parse is still a contract, a broken one.
        contracts += len(loaded.documents) or (1 if loaded.problems else 0)
    # The configuration's own rules (team rules, plugins), known to suppressions too.
    extra = _own_rules(config)
    suppressions: list[suppress.Suppression] = []
    for segment in segments:
        # Only YAML holds comments: Markdown prose that shows a directive is not one.
        if segment.fmt == "yaml":
            suppressions.extend(suppress.parse_comments(segment.text, extra))
    suppressions = suppress.outside_scalars(suppressions, documents)
    seen: Counter[tuple[str, str]] = Counter()
    for document in documents:
        identity = (document.kind, str(document.value.get("name")))
        linter.repeat = seen[identity]
        seen[identity] += 1
        if previous is None:
            linter.document(document)
        else:
            linter.compare(_match(previous, document, documents), document)
        suppressions.extend(suppress.document_ignores(document, extra))
    enabled = _judged(config.enabled, previous is not None)
    if previous is not None:
        # A diff runs only the CL7xx rules: other codes' suppressions are not unused.
        suppressions = [s for s in suppressions if any(c in enabled for c in s.codes)]
    findings = linter.findings
    if suppressions:
        findings, problems = suppress.apply(
            findings, suppressions, today, config.require_suppression_reason, enabled
        )
        linter.findings = findings
        for problem in problems:
            linter.problem(problem)
        findings = linter.findings
    findings = _per_file_ignores(findings, target, config)
    return FileResult(
        target.display,
        tuple(sorted(findings, key=_order)),
        contracts,
        linter.resolver.dependencies(target.path),
    )


@functools.lru_cache(maxsize=8)
def _judged(enabled: frozenset[str], diff: bool) -> frozenset[str]:
    """The enabled codes whose suppressions a run can find unused: a diff runs only the
    CL7xx rules, and `check` never runs them (a suppression of one is for the next
    `diff`, as their explanations advise). Worked out once a configuration."""
    return frozenset(code for code in enabled if code.startswith("CL7") == diff)


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    return finding.sort_key


def _per_file_ignores(findings: list[Finding], target: Target, config: Config) -> list[Finding]:
    if not config.per_file_ignores:
        return findings
    ignored: set[str] = set()
    # Config globs are relative to the project root, wherever the run starts; a file
    # outside the project is matched by the path shown.
    real = target.real or os.path.realpath(target.path)
    relative = relative_to(real, os.path.realpath(config.root)) or target.display
    for glob, selectors in config.per_file_ignores:
        if compile_patterns([glob]).match_tree(relative):
            ignored.update(selectors)
    if not ignored:
        return findings
    return [f for f in findings if not any(selects(s, f.code) for s in ignored)]


def diff_file(
    old: bytes | None,
    target: Target,
    config: Config,
    today: datetime.date | None = None,
    raw: sniff.Raw | None = None,
    old_path: str | None = None,
) -> FileResult:
    """`contractlint diff`: the breaking changes from ``old`` (bytes of the file at
    ``old_path``, default the target's; None when the file is new) to the file
    ``target`` (read as ``raw`` when given); findings are located in the new version.
    A file that did not change breaks nothing: what is wrong in it (CL001, CL002...)
    is `check`'s to say, not the diff's."""
    if raw is None:
        raw = sniff.read(target.path, config.max_file_size)
    previous = previous_documents(old_path or target.path, old, config)
    result = lint_file(target, config, today, previous=previous, raw=raw)
    if old is not None and old == raw.data and not raw.error and not raw.too_large:
        return result._replace(findings=())
    return result


def symlink_loop(folder: Target, config: Config) -> FileResult:
    """CL006 for a folder that a symlink leads back to: reported once, never walked."""
    return file_problem(
        folder,
        config,
        "a symlink loop: this folder leads back to one already walked, so it was "
        "not followed; remove the link or exclude it",
    )


def file_problem(target: Target, config: Config, message: str) -> FileResult:
    """CL006 (unreadable-file) for ``target``, at its start: a file (or folder) that
    could not be read as it must be; the run goes on with the others."""
    linter = _FileLinter(target, config, make_resolver(config))
    linter.problem(Problem("CL006", FILE_START, message))
    return FileResult(target.display, tuple(linter.findings), 0)
