"""A time limit on the checks a configuration brings (team rules, plugins).

A team's pattern can backtrack for hours (``^(a+)+$`` on 35 ``a`` and a ``!``), and
no check of the pattern when the configuration is read can tell every such pattern
from a sound one. So the rules of one document run under a deadline: when it passes,
the rule that is running is stopped (:class:`Overrun`, which the engine reports as
CL000 for that rule and document) and the other rules go on, under a new deadline.

Python's regular-expression engine checks for signals while it matches, so a timer
signal (``SIGALRM``) stops it. That is POSIX only, and only in the main thread (where
Python runs signal handlers): elsewhere (Windows, a program calling ``api.lint`` from
a thread) checks run without a limit, as they did before. Arming costs one system
call a document, not one a rule.
"""

from __future__ import annotations

import _thread
import signal
from typing import Any

SECONDS = 5.0  # what no honest rule needs on one document, by a factor of thousands


class Overrun(Exception):
    """A check ran past its deadline and was stopped."""


_state: dict[str, Any] = {"thread": None, "armed": False, "previous": None}


def _expired(number: int, frame: Any) -> None:
    if _state["armed"]:
        _state["armed"] = False
        raise Overrun(f"it ran for more than {SECONDS:g} s on this document")
    previous = _state["previous"]
    if callable(previous):  # a program's own SIGALRM, outside our deadlines
        previous(number, frame)


def _usable() -> bool:
    """Whether deadlines work here: a POSIX timer, and this is the main thread (the
    handler is installed the first time it is asked there)."""
    if not hasattr(signal, "setitimer"):
        return False
    here = _thread.get_ident()
    if _state["thread"] is None:
        try:
            _state["previous"] = signal.signal(signal.SIGALRM, _expired)
        except ValueError:  # not the main thread
            return False
        _state["thread"] = here
    return bool(_state["thread"] == here)


def arm() -> bool:
    """Start a deadline of ``SECONDS``; False where deadlines do not work."""
    if not _usable():
        return False
    _state["armed"] = True
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    return True


def disarm() -> None:
    """Stop the deadline, if one is running."""
    if _state["armed"]:
        _state["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
