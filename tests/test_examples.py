"""Every file under examples/ raises exactly what examples/expected.yaml states.

The manifest maps each example (path relative to examples/) to a list of
``"CODE LINE:COL"`` strings in contractlint's order (line, column, code); an
entry may end in one or more ``" | TEXT"``, which the finding's message must
contain.
Entries for rules that are designed but not implemented yet are left out
until the rule exists, so a new rule is checked against the examples the day
it lands. Files are found by globbing: an example without an entry fails.
Every rule in the registry, except the few listed in ``NOT_DEMONSTRATED``,
must be demonstrated by at least one example.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.pipeline.engine import lint_file
from contractlint.rules import BY_CODE, RULES

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
MANIFEST_PATH = EXAMPLES / "expected.yaml"
LINTED_SUFFIXES = (".yaml", ".yml", ".json", ".md")
TODAY = datetime.date(2026, 11, 26)
ENTRY = re.compile(r"^(CL\d{3}) (\d+):(\d+)(?: \| (\S.*))?$")

# Examples on which contractlint is wrong today. The manifest keeps the correct
# expectation; strict xfail makes the test fail once contractlint is fixed, so
# the entry here must then be removed. KNOWN_DISCREPANCIES: the findings
# (code, line, column) differ from the manifest. KNOWN_MESSAGE_DISCREPANCIES:
# the findings are right, but a message lacks a text the manifest requires;
# their positions stay checked.
KNOWN_DISCREPANCIES: dict[str, str] = {}
KNOWN_MESSAGE_DISCREPANCIES: dict[str, str] = {}

# Rules that no example demonstrates, with the reason.
DIFF_ONLY = (
    "reported by `contractlint diff` between two versions, and examples are single "
    "versions; the rule's own old, failing and passing examples run in test_registry.py"
)
NOT_DEMONSTRATED: dict[str, str] = {
    "CL000": "an internal crash; no example should cause one",
    "CL701": DIFF_ONLY,
    "CL702": DIFF_ONLY,
    "CL703": DIFF_ONLY,
    "CL704": DIFF_ONLY,
    "CL705": DIFF_ONLY,
    "CL706": DIFF_ONLY,
    "CL707": DIFF_ONLY,
    "CL708": DIFF_ONLY,
    "CL709": DIFF_ONLY,
    "CL006": "unreadable input (binary, not UTF-8, too large) belongs in a hostile-input folder",
    "CL007": "alias bombs and deep nesting belong in a hostile-input folder",
}


class Entry(NamedTuple):
    """One manifest entry: where a finding is, and the texts its message must contain."""

    code: str
    line: int
    column: int
    texts: tuple[str, ...]

    @property
    def position(self) -> str:
        return f"{self.code} {self.line}:{self.column}"


def _parse(entry: str) -> Entry:
    match = ENTRY.match(entry)
    assert match, f"`{entry}` is not of the form 'CL123 LINE:COL' or 'CL123 LINE:COL | TEXT'"
    code, line, column, texts = match.groups()
    return Entry(code, int(line), int(column), tuple(texts.split(" | ")) if texts else ())


def _load_manifest() -> dict[str, list[str]]:
    with MANIFEST_PATH.open(encoding="utf-8") as handle:
        data: Any = yaml.safe_load(handle)
    assert isinstance(data, dict), "examples/expected.yaml must be a mapping"
    return {str(key): list(value or []) for key, value in data.items()}


MANIFEST = _load_manifest()


# A package, not contracts: the example plugin, installed and run by tests/test_plugins.py.
NOT_CONTRACTS = ("plugin",)


def _examples() -> list[str]:
    return sorted(
        path.relative_to(EXAMPLES).as_posix()
        for path in EXAMPLES.rglob("*")
        if path.is_file()
        and path.suffix.lower() in LINTED_SUFFIXES
        and path.relative_to(EXAMPLES).parts[0] not in NOT_CONTRACTS
    )


def _implemented(entries: list[str]) -> list[str]:
    """The entries whose rule exists today (pending rules are left out)."""
    return [entry for entry in entries if entry.split(" ", 1)[0] in BY_CODE]


def _cases(examples: list[str], known: dict[str, str]) -> list[Any]:
    cases = []
    for relative in examples:
        marks = []
        if relative in known:
            marks.append(
                pytest.mark.xfail(raises=AssertionError, strict=True, reason=known[relative])
            )
        cases.append(pytest.param(relative, marks=marks, id=relative))
    return cases


def _with_texts() -> list[str]:
    """The examples whose manifest entry requires a text in some message."""
    return [
        relative
        for relative in _examples()
        if any(_parse(entry).texts for entry in MANIFEST.get(relative, []))
    ]


def _lint(relative: str) -> Any:
    return lint_file(Target(str(EXAMPLES / relative), relative), Config(root=str(REPO)), TODAY)


def _paste(relative: str, entries: list[str]) -> str:
    if not entries:
        return f"{relative}: []"
    return "\n".join([f"{relative}:", *(f'  - "{entry}"' for entry in entries)])


@pytest.mark.parametrize("relative", _cases(_examples(), KNOWN_DISCREPANCIES))
def test_example_raises_what_the_manifest_states(relative: str) -> None:
    assert relative in MANIFEST, (
        f"examples/{relative} has no entry in examples/expected.yaml; add the "
        "findings it is designed to raise (or [] for a passing example)"
    )
    expected = [_parse(entry) for entry in _implemented(MANIFEST[relative])]
    result = _lint(relative)
    actual = [f"{f.code} {f.line}:{f.column}" for f in result.findings]
    details = "\n".join(f"  {f.code} {f.line}:{f.column} {f.message}" for f in result.findings)
    assert actual == [entry.position for entry in expected], (
        f"examples/{relative}: findings differ from examples/expected.yaml\n"
        f"actual findings:\n{details or '  (none)'}\n"
        f"as a manifest entry:\n{_paste(relative, actual)}"
    )


@pytest.mark.parametrize("relative", _cases(_with_texts(), KNOWN_MESSAGE_DISCREPANCIES))
def test_example_messages_say_what_the_manifest_states(relative: str) -> None:
    findings = _lint(relative).findings
    for entry in (_parse(text) for text in _implemented(MANIFEST[relative])):
        if not entry.texts:
            continue
        messages = [
            f.message
            for f in findings
            if (f.code, f.line, f.column) == (entry.code, entry.line, entry.column)
        ]
        if not messages:
            continue  # a missing finding is reported by the test above
        assert any(all(text in message for text in entry.texts) for message in messages), (
            f"examples/{relative}: no message of {entry.position} contains "
            f"{' and '.join(f'`{text}`' for text in entry.texts)}:\n"
            + "\n".join(f"  {message}" for message in messages)
        )


def test_manifest_entries_are_well_formed_and_sorted() -> None:
    for relative, entries in MANIFEST.items():
        keys = []
        for text in entries:
            entry = _parse(text)
            keys.append((entry.line, entry.column, entry.code))
        assert keys == sorted(keys), f"{relative}: entries are not sorted by line, column, code"


def test_manifest_names_only_existing_examples() -> None:
    stale = sorted(set(MANIFEST) - set(_examples()))
    assert not stale, f"examples/expected.yaml names files that do not exist: {stale}"


def test_known_discrepancies_name_manifest_entries() -> None:
    assert set(KNOWN_DISCREPANCIES) <= set(MANIFEST)
    assert set(KNOWN_MESSAGE_DISCREPANCIES) <= set(_with_texts()), (
        "a message discrepancy needs a manifest entry that requires a text"
    )


def test_every_rule_is_demonstrated_by_an_example() -> None:
    shown = {_parse(entry).code for entries in MANIFEST.values() for entry in entries}
    registered = {rule.code for rule in RULES}
    assert set(NOT_DEMONSTRATED) <= registered, "NOT_DEMONSTRATED names unknown codes"
    missing = sorted(registered - set(NOT_DEMONSTRATED) - shown)
    assert not missing, (
        f"no example in examples/expected.yaml raises {', '.join(missing)}: add a realistic "
        "failing example for each (or a reason to NOT_DEMONSTRATED)"
    )


def test_every_kind_has_a_complete_passing_example() -> None:
    for kind in ("model-contract", "experiment-plan", "problem-framing", "acceptance-checklist"):
        assert MANIFEST.get(f"{kind}/complete.yaml") == [], f"{kind}/complete.yaml must pass"


def test_cli_reports_every_failing_example_and_no_passing_one() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "CONTRACTLINT_OUTPUT_FORMAT")
    }
    env["NO_COLOR"] = "1"
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "examples/"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert "Traceback" not in output
    assert run.returncode == 1, output
    lines = run.stdout.splitlines()
    for relative, entries in MANIFEST.items():
        if relative in KNOWN_DISCREPANCIES:
            continue  # held to the manifest by the strict xfail above
        shown = f"examples/{relative}:"
        expected = [_parse(entry) for entry in _implemented(entries)]
        if not expected:
            assert not any(line.startswith(shown) for line in lines), (
                f"examples/{relative} must pass, but the CLI reported:\n{run.stdout}"
            )
        for entry in expected:
            located = f"examples/{relative}:{entry.line}:{entry.column}: {entry.code} ["
            texts = () if relative in KNOWN_MESSAGE_DISCREPANCIES else entry.texts
            assert any(
                line.startswith(located) and all(text in line for text in texts) for line in lines
            ), f"the CLI did not report `{located}` with {texts}:\n{run.stdout}"
