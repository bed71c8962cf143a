"""Releases as users expect them (issue 19, item 1): the README's `rev:` and `@v...`
references name the current version, the changelog has its section, and every hook
of `.pre-commit-hooks.yaml` is run by real `pre-commit try-repo` in
`tests/test_precommit.py`."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from contractlint import __version__

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_names_the_current_version_everywhere() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"(?:rev: |contractlint@)v(\d+\.\d+\.\d+[\w.+-]*)", text)
    assert len(named) >= 3  # the pre-commit snippet, the Action, the pip line
    assert set(named) == {__version__}


def test_the_changelog_has_the_current_version_first() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d\d-\d\d|unreleased)$", text, re.M)
    assert versions and versions[0][0] == __version__
    assert [v for v, _ in versions] == sorted(
        (v for v, _ in versions), key=lambda v: tuple(map(int, v.split("."))), reverse=True
    )
    for version, _ in versions:  # every section links to its changes
        assert re.search(rf"^\[{re.escape(version)}\]: https://", text, re.M), version
    for heading in re.findall(r"^### (.+)$", text, re.M):
        assert heading in ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def test_every_hook_is_run_by_pre_commit_try_repo() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    source = (ROOT / "tests" / "test_precommit.py").read_text(encoding="utf-8")
    tried = set(re.findall(r'"try-repo", str\(ROOT\), "([\w-]+)"', source))
    assert {hook["id"] for hook in hooks} == tried
