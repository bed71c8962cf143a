"""The public API (contractlint.api) gives exactly what `check` gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from contractlint import api

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _check_json(folder: Path, *paths: str) -> list[dict[str, object]]:
    run = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--no-cache", "--format", "json", *paths],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CONTRACTLINT_NO_CACHE": "1"},
    )
    findings: list[dict[str, object]] = json.loads(run.stdout)["findings"]
    return findings


def test_lint_text_gives_what_check_gives_for_every_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    expected = _check_json(EXAMPLES.parent, "examples")
    assert expected  # the comparison means something
    got = []
    config = api.load_config(start="examples")
    for path in sorted(EXAMPLES.rglob("*")):
        if path.suffix in (".yaml", ".yml", ".json", ".md") and path.is_file():
            relative = path.relative_to(EXAMPLES.parent).as_posix()
            text = path.read_text(encoding="utf-8")
            got += [f.to_dict() for f in api.lint_text(text, relative, config)]
    assert sorted(got, key=json.dumps) == sorted(expected, key=json.dumps)


def test_lint_text_lints_the_unsaved_text_not_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text("kind: model-contract\nname: x\n")
    unsaved = "kind: model-contract\nname: x\ntimeouts_ms: 100\n"
    codes = {f.code for f in api.lint_text(unsaved, "c.yaml")}
    assert "CL505" in codes and "CL105" not in codes
    assert api.lint_text("apiVersion: v1\nkind: Service\n", "svc.yaml") == []
    assert api.lint_text("key: [unclosed\n", "broken.yaml") == []  # not a contract


def test_load_config_finds_what_check_finds(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_text("ignore: [CL4]\n")
    (tmp_path / "sub").mkdir()
    config = api.load_config(start=str(tmp_path / "sub" / "c.yaml"))
    assert config.path == str(tmp_path / ".contractlint.yaml")
    assert "CL401" not in config.enabled
    with pytest.raises(api.ConfigError):
        (tmp_path / ".contractlint.yaml").write_text("nosuchkey: 1\n")
        api.load_config(start=str(tmp_path))


def test_lint_paths_reports_what_check_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    report = api.lint_paths(["examples"], api.load_config())
    assert [f.to_dict() for f in report.findings] == _check_json(EXAMPLES.parent, "examples")
