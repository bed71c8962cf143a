"""A pytest plugin for ``test_parity.py``: run with the per-rule tests
(``pytest tests/rules -p harvest_rule_cases``), it records every text those tests lint
with the default configuration, and its file suffix, into the JSON file that
``CONTRACTLINT_HARVEST`` names. The rule tests themselves run unchanged."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_FOUND: dict[str, str] = {}


@pytest.fixture(autouse=True)
def _record_linted_texts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    shared = sys.modules.get("conftest")
    if shared is None or not hasattr(shared, "lint_file"):
        yield
        return
    original = shared.lint_file
    default = shared.make_config()._replace(root=".")

    def record(target: Any, config: Any, *args: Any, **kwargs: Any) -> Any:
        if config._replace(root=".") == default:
            text = Path(target.path).read_bytes().decode("utf-8", "surrogateescape")
            _FOUND.setdefault(text, Path(target.path).suffix or ".yaml")
        return original(target, config, *args, **kwargs)

    monkeypatch.setattr(shared, "lint_file", record)
    yield


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = os.environ.get("CONTRACTLINT_HARVEST")
    if out:
        Path(out).write_text(json.dumps(sorted(_FOUND.items())), encoding="utf-8")
