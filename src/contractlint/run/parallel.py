"""Stage "parallel": lint files in worker processes, results in the order given.

Each worker lints a run of consecutive files with its own resolver (a file that
several documents reference is parsed once per worker) and sends back frozen
``FileResult`` values; ``lint_files`` returns them in input order, so the report
is the same with one job or many. Small runs stay in one process: starting
workers costs more than linting a few dozen files. If workers cannot be started
or one dies, the files are linted in this process instead.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult

if TYPE_CHECKING:
    import datetime

    from contractlint.pipeline.references import Resolver

MIN_FILES_PER_JOB = 40  # below this a worker does not pay for its start-up

_worker: tuple[Config, datetime.date, Resolver] | None = None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return max(1, os.cpu_count() or 1)


def _serial(
    targets: Sequence[Target],
    config: Config,
    today: datetime.date,
    progress: Callable[[int], None] | None = None,
) -> list[FileResult]:
    from contractlint.pipeline.engine import lint_file, make_resolver

    resolver = make_resolver(config)  # each referenced file is parsed once
    if progress is None:
        return [lint_file(target, config, today, resolver) for target in targets]
    results: list[FileResult] = []
    for target in targets:
        if len(results) % 16 == 0:
            progress(len(results))
        results.append(lint_file(target, config, today, resolver))
    return results


def _start(config: Config, today: datetime.date, parent: int) -> None:
    import signal
    import threading

    from contractlint.pipeline.engine import make_resolver

    global _worker
    _worker = (config, today, make_resolver(config))
    # Ctrl-C is the parent's to handle (one message, no traceback per worker), and a
    # worker whose parent is gone (killed with SIGKILL) exits instead of waiting forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's, inherited by fork
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.25)
    os._exit(1)


def _lint_chunk(targets: Sequence[Target]) -> list[FileResult]:
    from contractlint.pipeline.engine import lint_file

    assert _worker is not None, "worker not started"
    config, today, resolver = _worker
    return [lint_file(target, config, today, resolver) for target in targets]


def _chunks(targets: Sequence[Target], jobs: int) -> list[Sequence[Target]]:
    # Several chunks per job, so a job that drew slow files does not hold up the rest.
    size = max(8, min(256, len(targets) // (jobs * 8) or 1))
    return [targets[i : i + size] for i in range(0, len(targets), size)]


def lint_files(
    targets: Sequence[Target],
    config: Config,
    today: datetime.date,
    jobs: int,
    progress: Callable[[int], None] | None = None,
) -> list[FileResult]:
    """``lint_file`` for each target, in up to ``jobs`` processes, in input order;
    ``progress`` is told now and then how many are done."""
    jobs = min(jobs, len(targets) // MIN_FILES_PER_JOB)
    if jobs <= 1:
        return _serial(targets, config, today, progress)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # fork starts a worker in milliseconds with everything already imported.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    try:
        pool = ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_start,
            initargs=(config, today, os.getpid()),
        )
    except OSError:
        return _serial(targets, config, today)  # no workers here: one process it is
    try:
        results: list[FileResult] = []
        for chunk in pool.map(_lint_chunk, _chunks(targets, jobs)):
            results.extend(chunk)
            if progress is not None:
                progress(len(results))
    except (BrokenProcessPool, OSError):
        pool.shutdown(wait=False, cancel_futures=True)
        return _serial(targets, config, today)  # a worker died: one process it is
    except BaseException:
        # Ctrl-C or SIGTERM: stop the workers now rather than let the pool wait for their
        # chunks (waiting on a pool interrupted mid-call can hang), then unwind. The pool's
        # own thread then fails on its cancelled futures: that is noise, not news.
        import threading

        threading.excepthook = lambda args: None
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()  # they only read: nothing is lost, and no handler of ours runs
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return results
