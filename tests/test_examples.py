"""Every file under examples/ raises exactly what examples/expected.yaml states.

The manifest maps each example (path relative to examples/) to a list of
``"CODE LINE:COL"`` strings in contractlint's order (line, column, code).
Entries for rules that are designed but not implemented yet are left out
until the rule exists, so a new rule is checked against the examples the day
it lands. Files are found by globbing: an example without an entry fails.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from contractlint.config import Config
from contractlint.discover import Target
from contractlint.engine import lint_file
from contractlint.rules import BY_CODE

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
MANIFEST_PATH = EXAMPLES / "expected.yaml"
LINTED_SUFFIXES = (".yaml", ".yml", ".json", ".md")
TODAY = datetime.date(2026, 11, 26)
ENTRY = re.compile(r"^(CL\d{3}) (\d+):(\d+)$")

# Examples on which contractlint is wrong today. The manifest keeps the correct
# expectation; strict xfail makes the test fail once contractlint is fixed, so
# the entry here must then be removed.
KNOWN_DISCREPANCIES: dict[str, str] = {}


def _load_manifest() -> dict[str, list[str]]:
    with MANIFEST_PATH.open(encoding="utf-8") as handle:
        data: Any = yaml.safe_load(handle)
    assert isinstance(data, dict), "examples/expected.yaml must be a mapping"
    return {str(key): list(value or []) for key, value in data.items()}


MANIFEST = _load_manifest()


def _examples() -> list[str]:
    return sorted(
        path.relative_to(EXAMPLES).as_posix()
        for path in EXAMPLES.rglob("*")
        if path.is_file() and path.suffix.lower() in LINTED_SUFFIXES
    )


def _implemented(entries: list[str]) -> list[str]:
    """The entries whose rule exists today (pending rules are left out)."""
    return [entry for entry in entries if entry.split(" ", 1)[0] in BY_CODE]


def _cases() -> list[Any]:
    cases = []
    for relative in _examples():
        marks = []
        if relative in KNOWN_DISCREPANCIES:
            marks.append(
                pytest.mark.xfail(
                    raises=AssertionError, strict=True, reason=KNOWN_DISCREPANCIES[relative]
                )
            )
        cases.append(pytest.param(relative, marks=marks, id=relative))
    return cases


def _paste(relative: str, entries: list[str]) -> str:
    if not entries:
        return f"{relative}: []"
    return "\n".join([f"{relative}:", *(f'  - "{entry}"' for entry in entries)])


@pytest.mark.parametrize("relative", _cases())
def test_example_raises_what_the_manifest_states(relative: str) -> None:
    assert relative in MANIFEST, (
        f"examples/{relative} has no entry in examples/expected.yaml; add the "
        "findings it is designed to raise (or [] for a passing example)"
    )
    expected = _implemented(MANIFEST[relative])
    result = lint_file(Target(str(EXAMPLES / relative), relative), Config(root=str(REPO)), TODAY)
    actual = [f"{f.code} {f.line}:{f.column}" for f in result.findings]
    details = "\n".join(f"  {f.code} {f.line}:{f.column} {f.message}" for f in result.findings)
    assert actual == expected, (
        f"examples/{relative}: findings differ from examples/expected.yaml\n"
        f"actual findings:\n{details or '  (none)'}\n"
        f"as a manifest entry:\n{_paste(relative, actual)}"
    )


def test_manifest_entries_are_well_formed_and_sorted() -> None:
    for relative, entries in MANIFEST.items():
        keys = []
        for entry in entries:
            match = ENTRY.match(entry)
            assert match, f"{relative}: `{entry}` is not of the form 'CL123 LINE:COL'"
            code, line, column = match.groups()
            keys.append((int(line), int(column), code))
        assert keys == sorted(keys), f"{relative}: entries are not sorted by line, column, code"


def test_manifest_names_only_existing_examples() -> None:
    stale = sorted(set(MANIFEST) - set(_examples()))
    assert not stale, f"examples/expected.yaml names files that do not exist: {stale}"


def test_known_discrepancies_name_manifest_entries() -> None:
    assert set(KNOWN_DISCREPANCIES) <= set(MANIFEST)


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
        expected = _implemented(entries)
        if not expected:
            assert not any(line.startswith(shown) for line in lines), (
                f"examples/{relative} must pass, but the CLI reported:\n{run.stdout}"
            )
        for entry in expected:
            code, position = entry.split(" ")
            located = f"examples/{relative}:{position}: {code} ["
            assert any(line.startswith(located) for line in lines), (
                f"the CLI did not report `{located}`:\n{run.stdout}"
            )
