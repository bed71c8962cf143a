"""A progress line on stderr for a long run on a terminal, as ruff and pre-commit do it.

Nothing is shown on a pipe, in CI (``CI`` set) or for a run under about a second: a
line appears only once a run has taken ``DELAY`` seconds, is redrawn at most ten
times a second, and is erased when the run ends, so the report that follows is
exactly what it would be without it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator

DELAY = 1.0  # seconds before the line appears
_EVERY = 0.1  # seconds between redraws

Tick = Callable[[int], None]  # told how many files are done


def wanted(stream: object = None) -> bool:
    """A terminal, not CI, colours or not."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")


@contextlib.contextmanager
def shown(
    total: int, stream: object = None, clock: Callable[[], float] = time.monotonic
) -> Iterator[Tick | None]:
    """A ``tick(done)`` to call as files are linted, or None when no line is wanted."""
    out = stream if stream is not None else sys.stderr
    if not wanted(out) or total < 2:
        yield None
        return
    start = clock()
    state = {"drawn": 0.0, "visible": False}

    def tick(done: int) -> None:
        now = clock()
        if now - start < DELAY or now - state["drawn"] < _EVERY:
            return
        state["drawn"], state["visible"] = now, True
        percent = 100 * done // total
        _write(out, f"\r\x1b[2Kcontractlint: {done:,}/{total:,} files ({percent}%)")

    try:
        yield tick
    finally:
        if state["visible"]:
            _write(out, "\r\x1b[2K")


def _write(stream: object, text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        stream.write(text)  # type: ignore[attr-defined]
        stream.flush()  # type: ignore[attr-defined]
