"""Whether a reference is written as an absolute path (then it is reported, never
followed): the same answer as ``pathlib`` gives on POSIX or Windows, which the stage
imports only for text that could be absolute."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

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
