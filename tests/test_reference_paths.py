"""Whether a reference is written as an absolute path (then it is reported, never
followed): the same answer as ``pathlib`` gives on POSIX or Windows, which the stage
imports only for text that could be absolute."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contractlint.pipeline.references import _is_absolute


def _by_pathlib(written: str) -> bool:
    return PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute()


@given(st.text(st.sampled_from(["/", "\\", ":", "C", "c", "a", ".", " ", "?"]), max_size=8))
def test_the_answer_is_pathlibs(written: str) -> None:
    assert _is_absolute(written) == _by_pathlib(written)


@pytest.mark.parametrize(
    ("written", "absolute"),
    [
        ("../models/a.yaml", False),
        ("models/a.yaml", False),
        ("/etc/passwd", True),
        ("C:\\models\\a.yaml", True),
        ("C:/models/a.yaml", True),
        ("C:models", False),
        ("\\\\server\\share\\a.yaml", True),
    ],
)
def test_written_references(written: str, absolute: bool) -> None:
    assert _is_absolute(written) is absolute


def test_a_file_named_twice_is_resolved_once_per_kind_and_recorded_per_referrer(
    tmp_path: Path,
) -> None:
    """A resolver resolves each (folder, path, kind) once; a file named for two kinds
    gets each kind's answer, and every referrer's dependencies are still recorded."""
    from contractlint.pipeline import engine
    from contractlint.pipeline.references import Resolver

    from conftest import make_config
    from documents import MODEL

    (tmp_path / "model.yaml").write_text(MODEL, encoding="utf-8")
    config = make_config(root=str(tmp_path))
    loads: list[str] = []

    def load(path: str) -> Any:
        loads.append(path)
        return engine.referenced_documents(path, config)

    resolver = Resolver(str(tmp_path), load)
    first, second, framing = (str(tmp_path / name) for name in ("a.yaml", "b.yaml", "c.yaml"))
    assert resolver.resolve_one(first, "/contract", "model.yaml", "model-contract").status == "ok"
    again = resolver.resolve_one(second, "/contract", "model.yaml", "model-contract")
    assert (again.status, again.pointer) == ("ok", "/contract")
    other = resolver.resolve_one(framing, "/validation/online", "model.yaml", "experiment-plan")
    assert (other.status, other.detail) == ("wrong-kind", "it holds model-contract")
    assert len(loads) == 1  # the file parsed once
    model = str(tmp_path / "model.yaml")
    assert [resolver.dependencies(p) for p in (first, second, framing)] == [(model,)] * 3
