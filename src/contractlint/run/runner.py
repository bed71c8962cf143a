"""Stage "run": the files of one run -> a report.

Each file's result comes from the cache when nothing it depends on changed;
the others are sniffed (stage "sniff"), the candidates among them linted (in
``jobs`` processes), and all stored. The linting stages (parser, schemas,
rules) are imported only when a candidate has to be linted, so a run where
every file is a cache hit, or none holds a contract, does none of that work.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from contractlint.config import Config
from contractlint.pipeline import sniff
from contractlint.pipeline.discover import Target
from contractlint.results import FileResult, Report
from contractlint.run import parallel

if TYPE_CHECKING:
    import datetime

    from contractlint.run.cache import Cache


def lint(
    targets: Sequence[Target],
    config: Config,
    today: datetime.date | None = None,
    loops: Sequence[Target] = (),
    jobs: int = 1,
    cache: Cache | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Lint ``targets``, in ``jobs`` processes, reusing what ``cache`` holds; the report
    is the same, in the same order, whatever ``jobs`` and ``cache`` are. ``progress``
    is told, now and then, how many files are done."""
    if today is None:  # as datetime.date.today(), which costs an import when all are hits
        now = time.localtime()
        day = f"{now.tm_year:04d}-{now.tm_mon:02d}-{now.tm_mday:02d}"
    else:
        day = today.isoformat()
    found: list[FileResult | None] = [None] * len(targets)
    misses: list[int] = []
    for index, target in enumerate(targets):
        found[index] = cache.lookup(target, day) if cache is not None else None
        if found[index] is None:
            misses.append(index)
    # Stage "sniff", here in this process: a file that holds no contract is settled by a
    # read and a bytes search, and a run that meets no candidate never imports a parser.
    # Once the candidates found are enough to start workers, the files left go to them
    # unsniffed: the engine sniffs each file it is given, so a folder of contracts is
    # sniffed in parallel rather than here first (about 18 µs a file).
    candidates: list[int] = []
    sniffer = sniff.sniffer(config.kind_names)
    settled = len(targets) - len(misses)
    enough = jobs * parallel.MIN_FILES_PER_JOB if jobs > 1 else len(misses) + 1
    for count, index in enumerate(misses):
        if len(candidates) >= enough:
            candidates.extend(misses[count:])
            break
        target = targets[index]
        if progress is not None and count % 64 == 0:
            progress(settled + count - len(candidates))
        if sniffer.skipped(sniff.read(target.path, config.max_file_size)):
            skipped = found[index] = FileResult(target.display, ())
            if cache is not None:
                cache.store(target, skipped, day)
        else:
            candidates.append(index)
    if candidates:
        if today is None:
            import datetime

            today = datetime.date.fromisoformat(day)
        done = len(targets) - len(candidates)
        linted = parallel.lint_files(
            [targets[i] for i in candidates],
            config,
            today,
            jobs,
            None if progress is None else (lambda n: progress(done + n)),
        )
        for index, result in zip(candidates, linted):
            found[index] = result
            if cache is not None:
                cache.store(targets[index], result, day)
    results = tuple(r for r in found if r is not None)
    if loops:
        from contractlint.pipeline.engine import symlink_loop

        looped = tuple(symlink_loop(folder, config) for folder in loops)
        results = tuple(sorted(results + looped, key=lambda r: r.path))
    findings = tuple(f for result in results for f in result.findings)
    return Report(results, findings, declared_kinds=config.kind_names)
