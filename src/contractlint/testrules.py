"""``contractlint test-rules``: rules tested against fixtures and their own examples
(SPEC section 8). Pure: results are values, and the reports are strings; the command
line prints them.

A fixture is a YAML file, or a Markdown file's front matter and fenced ``yaml``
blocks, annotated as ``semgrep --test`` annotates its tests::

    request:
      fields:
        # ruleid: ACME101
        - {name: email, pii: true}                      # must raise ACME101
        - {name: phone, pii: true, retention_days: 30}  # ok: ACME101

A ``# ruleid: CODE[, CODE...]`` comment on a line of its own speaks of the next line
that is neither blank nor a comment; at the end of a line, of that line. ``# ok:``
says the line must not raise the code. A code may be written as the rule's name. As
in semgrep, a rule a file names in any annotation must raise exactly on the lines
annotated ``ruleid`` for it: raised anywhere else in that file, it is a failed case.
JSON has no comments, so a JSON fixture holds no case (it is reported as such).

A fixture is linted by :func:`contractlint.api.lint_text`: exactly the findings
``check`` gives for it, with the configuration's selection, team rules and built-in
rules. A rule the configuration does not enable raises nothing there, and a failed
case says so.

Each team rule's inline ``examples`` are cases too: each ``invalid`` document must
raise the rule at least once, each ``valid`` one never. An example is linted as
``example.yaml`` at the project root, with its rule enabled even where the
configuration leaves it off (the examples test the rule, not the selection).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from contractlint import api, plugins, team
from contractlint.config import Config
from contractlint.formatters.junit import clean
from contractlint.pipeline.source import Segment, file_format, markdown_segments
from contractlint.results import Finding
from contractlint.rules import lookup

DEFAULT_FOLDER = "rules-tests"
SUFFIXES = (".yaml", ".yml", ".json", ".md")
EXAMPLE_FILE = "example.yaml"

# A YAML comment (at the start of a line, or after a blank) holding an annotation.
_ANNOTATION = re.compile(
    r"(?:^|(?<=\s))#\s*(?P<what>ruleid|ok)\s*:\s*(?P<codes>[\w-]+(?:\s*,\s*[\w-]+)*)",
    re.IGNORECASE,
)


class Case(NamedTuple):
    """One expectation about one rule, and how it went."""

    source: str  # "rules-tests/pii.yaml:7", or "examples.invalid[0]"
    expect_raise: bool  # True: the rule must be raised there; False: it must not
    passed: bool
    found: str  # what was found there, in words


class RuleResult(NamedTuple):
    code: str
    name: str  # "" for a code that names no rule
    cases: tuple[Case, ...]

    @property
    def passed(self) -> int:
        return sum(1 for case in self.cases if case.passed)

    @property
    def failed(self) -> int:
        return len(self.cases) - self.passed


class Outcome(NamedTuple):
    rules: tuple[RuleResult, ...]
    fixtures: tuple[str, ...]  # the fixture files run
    notes: tuple[str, ...] = ()  # what the reader should know (a fixture without a case)
    errors: tuple[str, ...] = ()  # fixtures that could not be read

    @property
    def cases(self) -> int:
        return sum(len(rule.cases) for rule in self.rules)

    @property
    def failed(self) -> int:
        return sum(rule.failed for rule in self.rules)


class _Annotation(NamedTuple):
    line: int  # the line it speaks of (1-based); 0: no line follows it
    at: int  # the line the annotation is on
    code: str  # as written
    expect_raise: bool


def fixture_files(paths: Iterable[str]) -> list[str]:
    """The files of ``paths``: a file as it is, a folder walked (sorted) for files
    ending in .yaml, .yml, .json or .md."""
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders.sort()
            for name in sorted(files):
                if name.lower().endswith(SUFFIXES):
                    found.append(os.path.join(folder, name))
    return found


def find_annotations(text: str, path: str) -> list[_Annotation]:
    """The annotations of a fixture's text, each with the line it speaks of."""
    fmt = file_format(path)
    if fmt == "json":
        return []
    segments = markdown_segments(text) if fmt == "markdown" else (Segment(text, "yaml"),)
    found: list[_Annotation] = []
    for segment in segments:
        if segment.fmt != "yaml":
            continue
        lines = segment.text.split("\n")
        for index, line in enumerate(lines):
            match = _ANNOTATION.search(line)
            if not match:
                continue
            own_line = not line[: match.start()].strip()
            target = _next_line(lines, index) if own_line else index + 1
            expect = match.group("what").lower() == "ruleid"
            for code in match.group("codes").split(","):
                found.append(_Annotation(target, index + 1, code.strip(), expect))
    return found


def _next_line(lines: Sequence[str], index: int) -> int:
    """The 1-based number of the first line after ``index`` that is neither blank nor a
    comment; 0 when there is none."""
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return 0


def _rule_of(written: str, config: Config) -> tuple[str, str]:
    """The code and name of the rule ``written`` names (a code or a name, built-in or
    the configuration's own); ("WRITTEN", "") for no rule."""
    rule = lookup(written, (*team.team_rules(config.team_rules), *plugins.of(config.plugins)))
    if rule is None:
        return written.upper(), ""
    return rule.code, rule.name


def _described(findings: Sequence[Finding]) -> str:
    if not findings:
        return "nothing"
    return "; ".join(f"{f.code} {f.message}" for f in findings)


def _others(findings: Sequence[Finding]) -> str:
    """What a line raised instead of the rule expected there."""
    codes = ", ".join(dict.fromkeys(f.code for f in findings))
    return f"only {codes}" if codes else "nothing"


def run_fixture(path: str, config: Config, cases: dict[str, list[Case]]) -> str:
    """Lint the fixture ``path`` and add its cases to ``cases`` (by rule code); a note
    for a fixture that holds no case. Raises OSError for a file that cannot be read."""
    with open(path, "rb") as handle:
        data = handle.read()
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    wanted = find_annotations(text, path)
    if not wanted:
        if file_format(path) == "json":
            return f"{path}: JSON has no comments, so a JSON fixture holds no case"
        return f"{path}: no `# ruleid:` or `# ok:` annotation, so no case"
    findings = api.lint_text(text, path, config)
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    expected: dict[str, set[int]] = {}
    for annotation in wanted:
        code, name = _rule_of(annotation.code, config)
        source = f"{path}:{annotation.line}"
        if not name:
            source = f"{path}:{annotation.at}"
            found = f"`{annotation.code}` is not a rule (`contractlint rules` lists them)"
            case = Case(source, annotation.expect_raise, False, found)
            cases.setdefault(code, []).append(case)
            continue
        expected.setdefault(code, set())
        if annotation.expect_raise:
            expected[code].add(annotation.line)
        if annotation.line == 0:
            source = f"{path}:{annotation.at}"
            case = Case(source, annotation.expect_raise, False, "no line follows the annotation")
            cases.setdefault(code, []).append(case)
            continue
        here = by_line.get(annotation.line, [])
        mine = [f for f in here if f.code == code]
        raised = bool(mine)
        found = _described(mine) if raised else _others(here)
        if not raised and annotation.expect_raise and not config.is_enabled(code):
            found += f" ({code} is not enabled by the configuration)"
        passed = raised == annotation.expect_raise
        cases.setdefault(code, []).append(Case(source, annotation.expect_raise, passed, found))
    # As semgrep does: a rule under test raised on a line not annotated `ruleid` for it.
    for code, lines in expected.items():
        stray = sorted({f.line for f in findings if f.code == code and f.line not in lines})
        for line in stray:
            mine = [f for f in by_line[line] if f.code == code]
            found = f"{_described(mine)} (the line has no `# ruleid: {code}`)"
            annotated = any(a.line == line for a in wanted if _rule_of(a.code, config)[0] == code)
            if not annotated:  # an `# ok:` line already failed as its own case
                cases[code].append(Case(f"{path}:{line}", False, False, found))
    return ""


def run_examples(config: Config, cases: dict[str, list[Case]]) -> None:
    """Each team rule's inline examples, as cases of the rule."""
    path = os.path.join(config.root, EXAMPLE_FILE)
    for rule in config.team_rules:
        enabled = config._replace(enabled=config.enabled | {rule.code})
        for label, examples, expect in (
            ("invalid", rule.invalid, True),
            ("valid", rule.valid, False),
        ):
            for index, example in enumerate(examples):
                findings = api.lint_text(example, path, enabled)
                mine = [f for f in findings if f.code == rule.code]
                if mine:
                    found = _described(mine)
                elif findings:
                    found = f"not raised ({_others(findings)})"
                else:
                    found = "no finding at all (is it a document of a kind contractlint lints?)"
                source = f"examples.{label}[{index}]"
                cases.setdefault(rule.code, []).append(
                    Case(source, expect, bool(mine) == expect, found)
                )


def run(config: Config, paths: Sequence[str]) -> Outcome:
    """Every case of the fixtures in ``paths`` and of the team rules' examples."""
    cases: dict[str, list[Case]] = {rule.code: [] for rule in config.team_rules}
    run_examples(config, cases)
    notes: list[str] = []
    errors: list[str] = []
    files = fixture_files(paths)
    for path in files:
        try:
            note = run_fixture(path, config, cases)
        except OSError as exc:
            errors.append(f"cannot read {path}: {exc.strerror or exc}")
            continue
        if note:
            notes.append(note)
    results = []
    for code in sorted(cases):
        name = _rule_of(code, config)[1]
        results.append(RuleResult(code, name, tuple(cases[code])))
    return Outcome(tuple(results), tuple(files), tuple(notes), tuple(errors))


# --- reports --------------------------------------------------------------------------


def _expectation(rule: RuleResult, case: Case) -> str:
    return rule.code if case.expect_raise else f"no {rule.code}"


def as_text(outcome: Outcome) -> str:
    """One line per rule with its passed and failed cases, each failed case with
    where it is, what was expected and what was found, and a summary line."""
    lines: list[str] = []
    code_width = max((len(rule.code) for rule in outcome.rules), default=0)
    name_width = max((len(rule.name or "?") for rule in outcome.rules), default=0)
    for rule in outcome.rules:
        counts = f"{rule.passed} passed, {rule.failed} failed" if rule.cases else "no case"
        lines.append(f"{rule.code:<{code_width}}  {rule.name or '?':<{name_width}}  {counts}")
    failures = [(rule, case) for rule in outcome.rules for case in rule.cases if not case.passed]
    if failures:
        lines.append("")
    for rule, case in failures:
        where = case.source if ":" in case.source else f"{rule.code} {case.source}"
        lines.append(f"FAILED {where}: expected {_expectation(rule, case)}; found: {case.found}")
    if lines:
        lines.append("")
    rules = len(outcome.rules)
    total = outcome.cases
    lines.append(
        f"{rules} rule{'' if rules == 1 else 's'}, {total} case{'' if total == 1 else 's'}: "
        f"{total - outcome.failed} passed, {outcome.failed} failed"
    )
    return "\n".join(lines) + "\n"


def as_junit(outcome: Outcome) -> str:
    """JUnit XML: a ``<testsuite>`` per rule, a ``<testcase>`` per case, a ``<failure>``
    in each failed one."""
    root = ET.Element("testsuites", {"name": "contractlint test-rules"})
    for rule in outcome.rules:
        suite_name = clean(f"{rule.code} {rule.name}".strip())
        suite = ET.SubElement(root, "testsuite", {"name": suite_name})
        used: set[str] = set()
        for case in rule.cases:
            name = clean(f"{case.source} {'raises' if case.expect_raise else 'does not raise'}")
            unique, number = name, 1
            while unique in used:
                number += 1
                unique = f"{name} ({number})"
            used.add(unique)
            element = ET.SubElement(suite, "testcase", {"classname": suite_name, "name": unique})
            if not case.passed:
                failure = ET.SubElement(
                    element,
                    "failure",
                    {
                        "type": clean(rule.code),
                        "message": clean(f"expected {_expectation(rule, case)}"),
                    },
                )
                failure.text = clean(f"{case.source}: found: {case.found}")
        counts = {"tests": str(len(rule.cases)), "failures": str(rule.failed)}
        suite.attrib.update({**counts, "errors": "0", "skipped": "0", "time": "0"})
    totals = {"tests": str(outcome.cases), "failures": str(outcome.failed)}
    root.attrib.update({**totals, "errors": "0", "time": "0"})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
