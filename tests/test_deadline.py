"""A team's rules run under a deadline (``pipeline.deadline``): a pattern that
backtracks for hours stops its rule on that document (CL000), not the run."""

from __future__ import annotations

import faulthandler
import signal
import threading
import time
from pathlib import Path

import pytest
import yaml

from contractlint import api
from contractlint.pipeline import deadline

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no POSIX timers")

CONTRACT = "kind: model-contract\nname: " + "a" * 40 + "!\nx-note: b\n"


def _config(tmp_path: Path, given: str, then: dict[str, object]) -> api.Config:
    rules = {
        "ACME001": {"name": "slow", "given": given, "then": then, "message": "m"},
        "ACME002": {"name": "fast", "given": "$.name", "then": {"function": "falsy"}},
    }
    rules["ACME002"]["message"] = "named {value}"
    path = tmp_path / ".contractlint.yaml"
    path.write_text(yaml.safe_dump({"rules": rules}), encoding="utf-8")
    return api.load_config(str(path))


@pytest.mark.parametrize(
    ("given", "then"),
    [
        ("$.name", {"function": "pattern", "match": "^(a+)+$"}),
        ("$[?match(@, '(a+)+')]", {"function": "undefined"}),
        ("$..[?search(@, '(a|aa)+b')]", {"function": "undefined"}),
    ],
    ids=["pattern", "match", "search"],
)
def test_a_pattern_that_backtracks_stops_its_rule_and_the_rest_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, then: dict[str, object]
) -> None:
    monkeypatch.setattr(deadline, "SECONDS", 0.3)
    config = _config(tmp_path, given, then)
    started = time.perf_counter()
    faulthandler.dump_traceback_later(120, exit=True)  # without the deadline: hours
    try:
        found = api.lint_text(CONTRACT, str(tmp_path / "c.yaml"), config)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert time.perf_counter() - started < 10
    stopped = [f for f in found if f.code == "CL000"]
    assert len(stopped) == 1 and "rule ACME001 (slow) was stopped after 0.3 s" in stopped[0].message
    assert [f.message for f in found if f.code == "ACME002"] == ["named " + "a" * 40 + "!"]
    assert "CL101" in {f.code for f in found}  # the built-in rules ran too
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nothing left armed


def test_a_deadline_is_a_documents_and_a_programs_own_alarm_still_rings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside the rules, SIGALRM is the program's: the handler it had still runs."""
    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda number, frame: rang.append(number))
    monkeypatch.setitem(deadline._state, "thread", None)  # installed afresh over it
    try:
        config = _config(tmp_path, "$.name", {"function": "truthy"})
        assert [f.code for f in api.lint_text(CONTRACT, str(tmp_path / "c.yaml"), config)]
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        time.sleep(0.3)
        assert rang == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        deadline._state["thread"] = None


def test_in_another_thread_the_rules_run_without_a_deadline(tmp_path: Path) -> None:
    config = _config(tmp_path, "$.name", {"function": "truthy"})
    found: list[str] = []
    worker = threading.Thread(
        target=lambda: found.extend(
            f.code for f in api.lint_text(CONTRACT, str(tmp_path / "c.yaml"), config)
        )
    )
    worker.start()
    worker.join(30)
    assert "CL101" in found and "CL000" not in found
