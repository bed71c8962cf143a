"""Stage "parallel": lint files in worker processes, results in the order given.

Each worker lints runs of consecutive files (chunks) with its own resolver (a file
that several documents reference is parsed once per worker) and sends back frozen
``FileResult`` values; ``lint_files`` returns them in input order, so the report
is the same with one job or many. Small runs stay in one process: starting
workers costs more than linting a few dozen files. If workers cannot be started,
the files are linted in this process instead; if one dies, so are the chunks it held.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from contractlint.config import Config
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult

if TYPE_CHECKING:
    import datetime

    from contractlint.pipeline.references import Resolver

MIN_FILES_PER_JOB = 40  # below this a worker does not pay for its start-up

FORK = hasattr(os, "fork")  # everywhere but Windows
# A worker's own: the resolver of the files its documents reference (parsed once per
# worker), and in a spawned worker the configuration and day it was given.
_resolver: Resolver | None = None
_spawned: tuple[Config, datetime.date] | None = None


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


class _Worker:
    """A forked worker, as the parent sees it: its pid, the pipe it is given chunk
    numbers on, the pipe its results come back on, and what it holds."""

    __slots__ = ("given", "pid", "received", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int) -> None:
        self.pid = pid
        self.tasks = tasks  # -1 once closed: the worker has no more to do
        self.results = results
        self.received = bytearray()
        self.given = 0  # chunks sent and not yet returned


def _fork_workers(jobs: int, work: Callable[[int], bytes]) -> list[_Worker]:
    """``jobs`` forked workers, each answering a chunk number with ``work(number)``;
    raises (OSError when they cannot be started, KeyboardInterrupt or SystemExit when
    a signal comes) with none left running and no pipe of theirs open."""
    import signal

    workers: list[_Worker] = []
    ours: list[int] = []  # the parent's ends of every pipe so far: no worker keeps one
    pending: list[int] = []  # this worker's pipes, closed if it cannot be started
    # Ctrl-C and SIGTERM wait while a worker is forked: in the new process before it
    # has its own handlers they would unwind through the caller's code, and here
    # before the worker is on the list it would be left running.
    stopping = {signal.SIGINT, signal.SIGTERM}
    try:
        for _ in range(jobs):
            task_read, task_write = os.pipe()
            pending = [task_read, task_write]
            result_read, result_write = os.pipe()
            pending += (result_read, result_write)
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, stopping)
            try:
                pid = os.fork()
                if pid == 0:  # the worker: never returns into the caller's code
                    try:
                        # Ctrl-C is the parent's to handle (one message, no traceback
                        # per worker); SIGTERM ends a worker at once.
                        signal.signal(signal.SIGINT, signal.SIG_IGN)
                        signal.signal(signal.SIGTERM, signal.SIG_DFL)
                        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                        for fd in (*ours, task_write, result_read):
                            os.close(fd)  # a worker holding another's pipe would keep it open
                        _serve(task_read, result_write, work)
                    finally:
                        os._exit(70)
                workers.append(_Worker(pid, task_write, result_read))
                ours += (task_write, result_read)
                pending = [task_read, result_write]
                os.close(task_read)
                os.close(result_write)
                pending = []
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # a signal held lands here
    except BaseException:
        for fd in pending:
            with contextlib.suppress(OSError):
                os.close(fd)
        _stop(workers)
        raise
    return workers


def _serve(tasks: int, results: int, work: Callable[[int], bytes]) -> NoReturn:
    """A worker's life: chunk numbers in, pickled results out, until the parent closes
    its pipe (or dies: a closed pipe either way). ``os._exit`` so that nothing the
    parent had buffered or registered to run at exit runs twice."""
    code = 0
    try:
        while True:
            number = _read_exactly(tasks, 4)
            if not number:
                break
            payload = work(int.from_bytes(number, "little"))
            _write_all(results, len(payload).to_bytes(8, "little") + payload)
    except BaseException:  # the parent lints the chunks this one held itself
        code = 70
    os._exit(code)


def _read_exactly(fd: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = os.read(fd, size - len(data))
        if not more:
            return b""  # the parent closed the pipe (or died)
        data += more
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _stop(workers: Sequence[_Worker]) -> None:
    """Kill and reap ``workers``, and close the parent's ends of their pipes."""
    import signal

    for worker in workers:
        with contextlib.suppress(OSError):  # already gone
            os.kill(worker.pid, signal.SIGKILL)  # they only read: nothing is lost
    _reap(workers)


def _reap(workers: Sequence[_Worker]) -> None:
    for worker in workers:
        for fd in (worker.tasks, worker.results):
            if fd >= 0:
                os.close(fd)
        worker.tasks = worker.results = -1
        with contextlib.suppress(OSError):  # already reaped
            os.waitpid(worker.pid, 0)


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
    if not FORK or _threaded():
        return _in_spawned_pool(targets, config, today, jobs, progress)
    return _in_forked_workers(targets, config, today, jobs, progress)


def _threaded() -> bool:
    """Whether this process runs other threads (a program calling ``api.lint``, a
    notebook's kernel): forking it could copy a lock another thread holds into a
    worker, which would wait on it forever (Python 3.12 warns of it). The command
    line runs none: it forks."""
    threading = sys.modules.get("threading")  # not imported: no other thread
    return threading is not None and threading.active_count() > 1


def _in_forked_workers(
    targets: Sequence[Target],
    config: Config,
    today: datetime.date,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[FileResult]:
    """The chunks of ``targets`` linted by forked workers, which inherit everything
    this process has imported and holds, and are told only a chunk's number.

    Our own few lines rather than ``concurrent.futures``: importing it and
    ``multiprocessing`` took 17 to 24 ms, before any worker started, of a run of
    2,000 files that takes 0.4 s. Each worker is given two chunks to begin with
    and one more each time it returns one, so a worker that drew slow files does
    not hold up the rest. A worker that dies (the OOM killer, a bug) leaves its
    chunks to this process, which lints them when the others are done.
    """
    import pickle
    import select  # poll(), not select(): no limit on the descriptors' numbers

    if not hasattr(select, "poll"):  # a platform whose poll() is broken (CPython omits it)
        return _in_spawned_pool(targets, config, today, jobs, progress)
    chunks = _chunks(targets, jobs)

    parent = os.getpid()

    def work(number: int) -> bytes:
        global _resolver
        from contractlint.pipeline.engine import lint_file, make_resolver

        if _resolver is None:  # each referenced file is parsed once per worker
            _resolver = make_resolver(config)
        found = []
        for target in chunks[number]:
            if os.getppid() != parent:  # orphaned (the parent was killed): stop now
                os._exit(1)
            found.append(lint_file(target, config, today, _resolver))
        return pickle.dumps((number, found), pickle.HIGHEST_PROTOCOL)

    done: dict[int, list[FileResult]] = {}
    waiting = list(range(len(chunks) - 1, -1, -1))  # popped from the end: in order
    linted = 0
    workers: list[_Worker] = []
    try:
        try:
            workers = _fork_workers(jobs, work)
        except OSError:
            return _serial(targets, config, today, progress)  # no workers: one process
        for worker in workers:
            for _ in range(2):
                _give(worker, waiting)
        live = {worker.results: worker for worker in workers}
        poll = select.poll()
        for fd in live:
            poll.register(fd, select.POLLIN)
        while live:
            for fd, _ in poll.poll():
                worker = live[fd]
                data = os.read(fd, 1 << 20)
                if not data:  # it exited: done, or died holding chunks
                    poll.unregister(fd)
                    del live[fd]
                    continue
                worker.received += data
                for number, found in _frames(worker, pickle.loads):
                    done[number] = found
                    linted += len(found)
                    worker.given -= 1
                    _give(worker, waiting)
                    if progress is not None:
                        progress(linted)
    except BaseException:
        # Ctrl-C or SIGTERM: stop the workers now, then unwind.
        _stop(workers)
        raise
    _reap(workers)
    if len(done) < len(chunks):  # a worker died: what it held is linted here
        from contractlint.pipeline.engine import lint_file, make_resolver

        resolver = make_resolver(config)
        for number in range(len(chunks)):
            if number not in done:
                done[number] = [lint_file(t, config, today, resolver) for t in chunks[number]]
                linted += len(done[number])
                if progress is not None:
                    progress(linted)
    return [result for number in range(len(chunks)) for result in done[number]]


def _give(worker: _Worker, waiting: list[int]) -> None:
    """The next chunk to ``worker``; with none left, its pipe closed once it holds
    none, so that it exits."""
    if waiting and worker.tasks >= 0:
        try:
            _write_all(worker.tasks, waiting[-1].to_bytes(4, "little"))
        except OSError:  # it died: its result pipe ends, and what it held is linted here
            os.close(worker.tasks)
            worker.tasks = -1
            return
        waiting.pop()
        worker.given += 1
    elif worker.given == 0 and worker.tasks >= 0:
        os.close(worker.tasks)
        worker.tasks = -1


def _frames(worker: _Worker, load: Callable[[bytes], Any]) -> list[Any]:
    """The whole frames (an 8-byte length, then a pickle) ``worker`` has sent so far."""
    frames = []
    buffer = worker.received
    while len(buffer) >= 8:
        size = int.from_bytes(buffer[:8], "little")
        if len(buffer) < 8 + size:
            break
        frames.append(load(bytes(buffer[8 : 8 + size])))
        del buffer[: 8 + size]
    return frames


def _in_spawned_pool(
    targets: Sequence[Target],
    config: Config,
    today: datetime.date,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[FileResult]:
    """Where there is no fork (Windows), or forking is not safe: a pool of new
    interpreters, each given the configuration."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_spawned,
            initargs=(config, today),
        )
    except OSError:
        return _serial(targets, config, today)
    try:
        results: list[FileResult] = []
        for chunk in pool.map(_lint_chunk, _chunks(targets, jobs)):
            results.extend(chunk)
            if progress is not None:
                progress(len(results))
    except (BrokenProcessPool, OSError):
        pool.shutdown(wait=False, cancel_futures=True)
        return _serial(targets, config, today)
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


def _start_spawned(config: Config, today: datetime.date) -> None:  # pragma: no cover - a worker
    import signal

    global _spawned
    _spawned = (config, today)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _lint_chunk(targets: Sequence[Target]) -> list[FileResult]:  # pragma: no cover - a worker
    global _resolver
    from contractlint.pipeline.engine import lint_file, make_resolver

    assert _spawned is not None, "worker not started"
    config, today = _spawned
    if _resolver is None:
        _resolver = make_resolver(config)
    return [lint_file(target, config, today, _resolver) for target in targets]
