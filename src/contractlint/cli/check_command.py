"""The work of ``contractlint check``: from parsed options to output and an exit code.

Two front ends parse the command line and call :func:`run` with the same
:class:`CheckOptions`: click (``cli.py``, every command and every error message)
and the quick parser of ``entry.py`` (the common forms of ``check``, without
importing click). So what a run does and prints lives here once. This module
and ``cli.py`` are the only ones that read the environment, print or exit.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a usage or
configuration error, or an internal error of contractlint itself.
"""

# No `from __future__ import annotations` in this module: a NamedTuple compiles each
# field's annotation when it is a string, which costs a run's start-up about 2 ms a class.

import contextlib
import os
import sys
from collections import Counter
from typing import Annotated, Any, Callable, NamedTuple, Optional

from contractlint.cli import progress
from contractlint.config import FAIL_ON, Config, ConfigError, load, split_list
from contractlint.formatters import FORMATTERS, Context
from contractlint.formatters.text import format_findings, statistics, summary
from contractlint.pipeline import discover, sniff
from contractlint.results import Finding, Report, Severity
from contractlint.run import parallel, runner

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Option(NamedTuple):
    """How ``check`` spells one option on the command line: what click declares, and
    what the quick parser of ``entry.py`` reads."""

    flags: tuple[str, ...]
    help: str
    takes: str = "flag"  # "flag": no value; "value": one; "list": repeatable, comma lists
    choices: tuple[str, ...] = ()  # the values a "value" option accepts
    path: str = ""  # "file" or "folder": a path (click checks it, and the quick parser too)
    at_least_one: bool = False  # an integer >= 1
    envvar: str = ""
    report: bool = False  # `diff` has it too


_FORMATS = tuple(sorted(FORMATTERS))
_LIST = "list"


class CheckOptions(NamedTuple):
    """The options of ``check``: each field's ``Option`` is the one declaration of how it
    is spelt, from which click's options and the quick parser's tables are derived
    (:data:`OPTIONS`). Adding an option is adding a field here."""

    paths: tuple[str, ...] = ()
    # --format, else CONTRACTLINT_OUTPUT_FORMAT (as the front ends read them); "" for
    # neither: then the config's `output-format`, else github on GitHub, else text.
    output_format: Annotated[
        str,
        Option(
            ("--format", "--output-format"),
            "Output format (default text; CONTRACTLINT_OUTPUT_FORMAT and the config's "
            "output-format set it too). full: text with each finding's source line.",
            "value",
            choices=_FORMATS,
            report=True,
        ),
    ] = ""
    output_file: Annotated[
        Optional[str],
        Option(
            ("--output-file", "-o"), "Write the report here.", "value", path="file", report=True
        ),
    ] = None
    select: Annotated[
        tuple[str, ...],
        Option(
            ("--select",), "Rules to check: codes, names or prefixes (CL1).", _LIST, report=True
        ),
    ] = ()
    ignore: Annotated[
        tuple[str, ...],
        Option(("--ignore",), "Rules to skip: codes, names or prefixes.", _LIST, report=True),
    ] = ()
    extend_select: Annotated[
        tuple[str, ...],
        Option(("--extend-select",), "Rules to check on top of the selection.", _LIST, report=True),
    ] = ()
    fail_on: Annotated[
        Optional[str],
        Option(
            ("--fail-on",),
            "Lowest severity that makes the exit code 1 (default error).",
            "value",
            choices=FAIL_ON,
            report=True,
        ),
    ] = None
    config_file: Annotated[
        Optional[str], Option(("--config",), "Config file.", "value", path="file", report=True)
    ] = None
    statistics: Annotated[
        bool, Option(("--statistics",), "Count findings per rule.", report=True)
    ] = False
    quiet: Annotated[
        bool, Option(("--quiet", "-q"), "Print findings only, no summary.", report=True)
    ] = False
    no_color: Annotated[
        bool, Option(("--no-color",), "No colours (NO_COLOR does the same).", report=True)
    ] = False
    color_mode: Annotated[
        Optional[str],
        Option(
            ("--color",),
            "Colours: auto (on a terminal, unless NO_COLOR; FORCE_COLOR forces them), "
            "always or never.",
            "value",
            choices=("auto", "always", "never"),
        ),
    ] = None
    exit_zero: Annotated[
        bool, Option(("--exit-zero",), "Exit 0 even when there are findings.", report=True)
    ] = False
    force_exclude: Annotated[
        bool,
        Option(
            ("--force-exclude",),
            "Apply `exclude` to files named explicitly too (as pre-commit passes them).",
            report=True,
        ),
    ] = False
    apply_fixes: Annotated[bool, Option(("--fix",), "Fix what can be fixed safely, in place.")] = (
        False
    )
    show_diff: Annotated[
        bool, Option(("--diff",), "Print what --fix would change; write nothing.")
    ] = False
    show_fixes: Annotated[
        bool, Option(("--show-fixes",), "With --fix: list what was fixed in each file.")
    ] = False
    exit_non_zero_on_fix: Annotated[
        bool,
        Option(
            ("--exit-non-zero-on-fix",),
            "With --fix: exit 1 when anything was fixed, even if nothing remains.",
        ),
    ] = False
    baseline_file: Annotated[
        Optional[str],
        Option(
            ("--baseline",),
            "Report only findings that are not in this baseline.",
            "value",
            path="file",
        ),
    ] = None
    write_baseline: Annotated[
        Optional[str],
        Option(
            ("--write-baseline",),
            "Record every current finding in this baseline file, and exit 0.",
            "value",
            path="file",
        ),
    ] = None
    no_cache: Annotated[
        bool,
        Option(
            ("--no-cache",),
            "Lint every file afresh: neither read nor write .contractlint_cache/.",
            envvar="CONTRACTLINT_NO_CACHE",
        ),
    ] = False
    cache_dir: Annotated[
        Optional[str],
        Option(
            ("--cache-dir",),
            "Keep the cache here instead of .contractlint_cache/ in the project root.",
            "value",
            path="folder",
            envvar="CONTRACTLINT_CACHE_DIR",
        ),
    ] = None
    jobs: Annotated[
        Optional[int],
        Option(
            ("-j", "--jobs"),
            "Lint in N processes (default: one per core); the output is the same.",
            "value",
            at_least_one=True,
        ),
    ] = None
    exclude: Annotated[
        tuple[str, ...],
        Option(
            ("--exclude",),
            "Patterns (gitignore syntax, comma lists) to skip, replacing the default list.",
            _LIST,
        ),
    ] = ()
    extend_exclude: Annotated[
        tuple[str, ...],
        Option(
            ("--extend-exclude",),
            "Patterns (gitignore syntax, comma lists) to skip on top of `exclude`.",
            _LIST,
        ),
    ] = ()
    show_files: Annotated[
        bool,
        Option(
            ("--show-files",),
            "List every file seen and whether it is linted or why it is skipped; lint nothing.",
        ),
    ] = False
    isolated: Annotated[
        bool,
        Option(("--isolated",), "Read no configuration file: the defaults only.", report=True),
    ] = False
    watch: Annotated[
        bool,
        Option(
            ("--watch",),
            "Lint, then lint again whenever a file changes (Ctrl-C stops); needs "
            "pip install 'contractlint[watch]'.",
        ),
    ] = False
    stdin_filename: Annotated[
        Optional[str],
        Option(
            ("--stdin-filename",),
            "With `-` as the path: the file name the text on stdin is linted as (its "
            "format, findings' path, per-file-ignores).",
            "value",
        ),
    ] = None


# Each option of `check` by its field name, in the order `--help` lists them.
OPTIONS: dict[str, Option] = {
    name: hint.__metadata__[0]
    for name, hint in CheckOptions.__annotations__.items()
    if hasattr(hint, "__metadata__")
}


class FormatError(ValueError):
    """``CONTRACTLINT_OUTPUT_FORMAT`` names no format; each front end reports it."""


class UsageError(ValueError):
    """Options that do not go together: one line, exit code 2."""


class OutputError(OSError):
    """The report cannot be written (a full disk, a closed stdout): exit code 2."""


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` to stdout (or stderr) and flush, as ``click.echo`` does; a stream
    that cannot encode a character gets UTF-8 with that character replaced. A report
    that cannot be written is an :class:`OutputError`, never lost silently."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        if err:
            return  # nowhere to say anything more
        raise OutputError(0, "standard output is closed")
    out = text + "\n" if nl else text
    try:
        try:
            stream.write(out)
        except UnicodeEncodeError:
            buffer = getattr(stream, "buffer", None)
            if buffer is None:
                raise
            stream.flush()
            buffer.write(out.encode("utf-8", "replace"))
        stream.flush()
    except BrokenPipeError:
        raise  # the reader went away (`| head`): a quiet stop
    except (OSError, ValueError) as exc:  # ValueError: the stream was closed
        if err:
            return
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise OutputError(0, reason) from None


def env_format() -> str:
    """The format ``CONTRACTLINT_OUTPUT_FORMAT`` names, or "" when it names none."""
    wanted = os.environ.get("CONTRACTLINT_OUTPUT_FORMAT", "").strip().lower()
    if wanted and wanted not in FORMATTERS:
        raise FormatError(
            f"CONTRACTLINT_OUTPUT_FORMAT={wanted!r} is not one of {', '.join(FORMATTERS)}"
        )
    return wanted


def output_format(given: str, config: Config) -> str:
    """The format of a run: ``--format`` (or ``CONTRACTLINT_OUTPUT_FORMAT``: ``given``),
    else the config's ``output-format``, else ``github`` on GitHub Actions, else text."""
    if given or config.output_format:
        return given or config.output_format
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def color(
    no_color: bool, output_file: Optional[str], err: bool = False, mode: Optional[str] = None
) -> bool:
    """Colour: a report written to a file never gets any (as ruff's); else ``--color
    always`` or ``never`` decides; else never with ``--no-color`` or ``NO_COLOR``
    (non-empty, no-color.org: it wins, as in ruff); else ``FORCE_COLOR`` (non-empty, not
    0) forces it on a stream, and otherwise only a terminal gets it."""
    if output_file:
        return False
    if mode in ("always", "never"):
        return mode == "always"
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0"):
        return True
    stream = sys.stderr if err else sys.stdout
    return stream is not None and stream.isatty()


def exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    failing = any(f.severity.rank >= threshold for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def load_config(
    config_file: Optional[str],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    exclude: tuple[str, ...] = (),
    extend_exclude: tuple[str, ...] = (),
    isolated: bool = False,
) -> Config:
    """The configuration (none read with ``isolated``), with the command line's
    selection and exclusions over it."""
    overrides = {
        "select": split_list(select),
        "ignore": split_list(ignore),
        "extend_select": split_list(extend_select),
        "exclude": split_list(exclude),
        "extend_exclude": split_list(extend_exclude),
    }
    if isolated and config_file:
        raise UsageError("--isolated reads no configuration file: drop --config or --isolated")
    return load(config_file, overrides=overrides, isolated=isolated)


def run(options: CheckOptions) -> int:
    """Lint ``options.paths`` (default: the current folder), print, return the exit code."""
    if options.watch:
        return _watch(options._replace(watch=False))
    config = load_config(
        options.config_file,
        options.select,
        options.ignore,
        options.extend_select,
        options.exclude,
        options.extend_exclude,
        options.isolated,
    )
    options = options._replace(output_format=output_format(options.output_format, config))
    if "-" in options.paths or (options.stdin_filename and not options.paths):
        # `--stdin-filename` alone reads stdin too, as in ruff (an editor's command line).
        return _run_stdin(options._replace(paths=("-",)) if not options.paths else options, config)
    if options.stdin_filename:
        raise UsageError("--stdin-filename names the text read from stdin: give `-` as the path")
    found = discover.discover(
        list(options.paths) or ["."],
        config.root,
        config.include,
        config.exclusions,
        force_exclude=options.force_exclude,
    )
    if options.show_files:
        echo(show_files(found, config, options.statistics), nl=False)
        return EXIT_OK
    targets = list(found.targets)
    targets += [discover.Target(m, m) for m in found.missing]
    jobs = options.jobs or parallel.default_jobs()
    results = None
    if not options.no_cache and not options.show_diff:  # `--diff` writes nothing
        from contractlint.run import cache  # not for a run without one (an editor's)

        results = cache.Cache.open(config.root, config, options.cache_dir)
    with progress.shown(len(targets)) as tick:
        report = runner.lint(targets, config, None, found.loops, jobs, results, tick)
    if results is not None:
        problem = results.save()
        if problem:
            echo(f"contractlint: warning: {problem}; use --no-cache to skip it", err=True)
    if options.show_diff:
        changes = fixes(report, targets, config, in_place=False)
        return EXIT_FINDINGS if changes else EXIT_OK
    fixed: list[tuple[str, tuple[Finding, ...]]] = []
    if options.apply_fixes:
        fixed = fixes(report, targets, config, in_place=True)
        if fixed:
            report = runner.lint(targets, config, jobs=jobs)  # what remains
            said_fixed(fixed, options)
        report = tried(report)
    return _report(options, config, report, fixed)


def _report(
    options: CheckOptions,
    config: Config,
    report: Report,
    fixed: list[tuple[str, tuple[Finding, ...]]],
    source: Optional[Callable[[str], Optional[list[str]]]] = None,
    err: bool = False,
) -> int:
    """Write the baseline or print the report (on stderr with ``err``); the exit code."""
    cwd = os.getcwd()
    if options.write_baseline:
        from contractlint import baseline

        if not write(options.write_baseline, baseline.dump(report, config.root, cwd)):
            return EXIT_ERROR
        echo(
            f"Wrote {len(report.findings)} finding(s) to the baseline {options.write_baseline}; "
            f"from now on, run with --baseline {options.write_baseline} to see only new ones.",
            err=True,
        )
        return EXIT_OK
    if options.baseline_file:
        from contractlint import baseline

        try:
            known = baseline.read(options.baseline_file)
        except baseline.BaselineError as exc:
            echo(f"contractlint: {exc}", err=True)
            return EXIT_ERROR
        report = baseline.apply(report, known, config.root, cwd)
    emit(
        report,
        options.output_format,
        options.output_file,
        options.statistics,
        options.quiet,
        options.no_color,
        config.root,
        _team_rules(config),
        options.color_mode,
        source,
        err,
    )
    if options.output_format == "github" or os.environ.get("GITHUB_ACTIONS") == "true":
        github_files(report)
    if options.exit_zero:
        return EXIT_OK
    if options.exit_non_zero_on_fix and fixed:
        return EXIT_FINDINGS
    return exit_code(report, options.fail_on or config.fail_on)


WATCH_HINT = "--watch needs the watch extra: pip install 'contractlint[watch]'"


def _watch(options: CheckOptions) -> int:
    """``check --watch``: a run, then another each time a file it could lint, or a
    configuration file, changes, as ruff's ``--watch`` does; Ctrl-C ends it (exit 0)."""
    if "-" in options.paths or options.apply_fixes or options.write_baseline:
        raise UsageError("--watch lints files as they change: not with `-`, --fix or a baseline")
    try:
        import watchfiles
    except ImportError:
        raise UsageError(WATCH_HINT) from None
    from contractlint.config import CONFIG_FILES, DEFAULT_INCLUDE

    try:  # the files a run walks for; the configuration's own, when it reads
        included = discover.includer(load(options.config_file, isolated=options.isolated).include)
    except ConfigError:
        included = discover.includer(DEFAULT_INCLUDE)  # the first run says what is wrong

    def relevant(change: object, path: str) -> bool:
        name = os.path.basename(path)
        if ".contractlint_cache" in path.split(os.sep) or name.endswith(".tmp"):
            return False  # our own cache, and atomic writes' temporary files
        return included(name) or name in CONFIG_FILES

    paths = [p for p in options.paths if os.path.exists(p)] or ["."]
    try:
        while True:
            guarded(lambda: run(options))
            echo("Watching for file changes (Ctrl-C to stop)...", err=True)
            for _ in watchfiles.watch(
                *paths, watch_filter=relevant, raise_interrupt=True, debounce=400
            ):
                break
            echo("", err=True)
            echo("File change detected: linting again.", err=True)
    except KeyboardInterrupt:
        return EXIT_OK


def _run_stdin(options: CheckOptions, config: Config) -> int:
    """``check -``: lint the text on stdin as ``--stdin-filename`` (default ``stdin``,
    read as YAML), print the report. With ``--fix``, as ruff does: the fixed text on
    stdout (the file is the caller's to write) and what remains on stderr, with the
    exit code of what remains. A name that ``exclude`` skips with ``--force-exclude``
    is not linted (an editor pipes every buffer)."""
    if options.paths != ("-",):
        raise UsageError("`-` (stdin) is linted alone: give no other path with it")
    if options.write_baseline or options.show_files:
        raise UsageError("--write-baseline and --show-files need files, not stdin")
    from contractlint.pipeline import engine

    data = sys.stdin.buffer.read()
    name = options.stdin_filename or "stdin"
    target = discover.Target(name, discover.display_path(name, os.getcwd()))
    skipped = options.force_exclude and discover.named_excluded(
        name, config.root, config.exclusions
    )
    results = () if skipped else (engine.lint_file(target, config, raw=sniff.Raw(data, "", False)),)
    report = Report(
        results, tuple(f for r in results for f in r.findings), declared_kinds=config.kind_names
    )
    fixed: list[tuple[str, tuple[Finding, ...]]] = []
    if options.show_diff:  # as ruff: what --fix would change, as a diff; nothing else
        from contractlint import fix

        wanted = [f for f in report.findings if f.code in fix.FIXABLE]
        outcome = fix.fix_source(name, data, wanted, engine.load_limits(config))
        change = fix.unified_diff(target.display, data, outcome.new_bytes)
        echo(change, nl=False)
        return EXIT_FINDINGS if change else EXIT_OK
    if options.apply_fixes:
        from contractlint import fix

        wanted = [f for f in report.findings if f.code in fix.FIXABLE]
        outcome = fix.fix_source(name, data, wanted, engine.load_limits(config))
        if outcome.changed:
            data = outcome.new_bytes
            fixed = [(target.display, outcome.applied)]
            result = engine.lint_file(target, config, raw=sniff.Raw(data, "", False))
            report = report._replace(files=(result,), findings=result.findings)
        report = tried(report)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        # The report goes to stderr too: a machine format's stays parseable there.
        if fixed and (options.show_fixes or options.output_format in ("text", "full")):
            said_fixed(fixed, options)
    lines = data.decode("utf-8", "replace").split("\n")
    return _report(options, config, report, fixed, lambda path: lines, err=options.apply_fixes)


def tried(report: Report) -> Report:
    """The report after ``--fix``: what remains was declined (its line says why), so no
    finding is "fixable with --fix" any more."""
    if not any(f.fixable for f in report.findings):
        return report
    files = tuple(
        r._replace(findings=tuple(f._replace(fixable=False) for f in r.findings))
        for r in report.files
    )
    return report._replace(files=files, findings=tuple(f for r in files for f in r.findings))


def said_fixed(fixed: list[tuple[str, tuple[Finding, ...]]], options: CheckOptions) -> None:
    """On stderr: what ``--fix`` fixed, file by file with ``--show-fixes``, else as a
    count (nothing with ``--quiet``)."""
    if options.show_fixes:
        echo(show_fixes(fixed), err=True, nl=False)
    elif not options.quiet:
        total = sum(len(applied) for _, applied in fixed)
        finding = "finding" if total == 1 else "findings"
        echo(f"Fixed {total:,} {finding}; what remains is reported below.", err=True)


def show_fixes(fixed: list[tuple[str, tuple[Finding, ...]]]) -> str:
    """``--show-fixes``: what ``--fix`` fixed, file by file, as counts per rule."""
    total = sum(len(applied) for _, applied in fixed)
    out = [f"Fixed {total} finding{'' if total == 1 else 's'}:"]
    for path, applied in fixed:
        out.append(f"- {path}:")
        for (code, name), count in sorted(Counter((f.code, f.name) for f in applied).items()):
            out.append(f"    {count} \u00d7 {code} ({name})")
    return "\n".join(out) + "\n"


def _team_rules(config: Config) -> tuple[Any, ...]:
    """The config's own rules, compiled, and its plugins' rules (none: nothing imported)."""
    if not config.team_rules and not config.plugins:
        return ()
    from contractlint import plugins, team

    return (*team.team_rules(config.team_rules), *plugins.of(config.plugins))


def show_files(found: discover.Discovery, config: Config, counts: bool) -> str:
    """``--show-files``: every file seen, and whether it is linted or why it is skipped
    (with ``counts``, how many of each), without linting anything."""
    sniffer = sniff.sniffer(config.kind_names)
    rows = [
        (target.display, sniffer.skipped(sniff.read(target.path, config.max_file_size)))
        for target in found.targets
    ]
    rows += [(path, "") for path in found.missing]  # linted: CL006 says it is missing
    rows += [(t.display, "excluded by `exclude` (--force-exclude)") for t in found.excluded]
    rows += [(t.display, "a symlink loop, not followed") for t in found.loops]
    rows += [(t.display, "a link to a folder linted by its own path") for t in found.aliases]
    rows.sort()
    width = max((len(path) for path, _ in rows), default=0)
    lines = [f"{path:<{width}}  {f'skipped: {why}' if why else 'linted'}" for path, why in rows]
    if counts:
        linted = sum(1 for _, why in rows if not why)
        reasons = Counter(why for _, why in rows if why)
        detail = "".join(f"\n  {n:>6,}  skipped: {why}" for why, n in reasons.most_common())
        seen = f"{len(rows):,} file{'' if len(rows) == 1 else 's'} seen"
        lines.append(f"{seen}: {linted:,} linted{detail}")
    return "".join(line + "\n" for line in lines)


def emit(
    report: Report,
    output_format: str,
    output_file: Optional[str],
    show_statistics: bool,
    quiet: bool,
    no_color: bool,
    config_root: str,
    team_rules: tuple[Any, ...] = (),
    color_mode: Optional[str] = None,
    source: Optional[Callable[[str], Optional[list[str]]]] = None,
    err: bool = False,
) -> None:
    """Print (on stderr with ``err``, or write to ``output_file``) the report in
    ``output_format``; ``team_rules``
    (the config's own, compiled) join the built-in rules' metadata where a format has it;
    ``source`` gives a finding's file as lines for the ``full`` format (default: read)."""
    if output_format in ("text", "full"):
        painted = color(no_color, output_file, err=err, mode=color_mode)
        if output_format == "full":
            from contractlint.formatters import full

            lines = full.format_findings(report, source or full.read_lines, painted)
        else:
            lines = format_findings(report, painted)
        if show_statistics and report.findings:
            lines.append(statistics(report))
        if not quiet:
            lines.append(summary(report, painted))
        text = "\n".join(lines) + ("\n" if lines else "")
    else:
        context = Context(
            color=False,
            root=config_root,
            cwd=os.getcwd(),
            workspace=os.environ.get("GITHUB_WORKSPACE") or None,
            rules=team_rules,
        )
        text = FORMATTERS[output_format](report, context)
    machine = output_format not in ("text", "full")
    if output_file:
        if not write(output_file, text):
            sys.exit(EXIT_ERROR)
    else:
        echo(text, nl=False, err=err)
    # A machine format holds no summary line: it goes to stderr when the report goes to
    # a file, or when a baseline held findings back (SPEC 4: it says how many entries
    # match nothing); the statistics go to stderr whenever asked for.
    if machine and not quiet and (output_file or report.baselined is not None):
        painted = color(no_color, None, err=True, mode=color_mode)
        if show_statistics and report.findings:
            echo(statistics(report), err=True)
        echo(summary(report, painted), err=True)
    elif machine and show_statistics and report.findings:
        echo(statistics(report), err=True)


def github_files(report: Report) -> None:
    """On GitHub Actions: the step summary table and the step outputs (SPEC 5), each
    starting a line of its own (an earlier step may have left one unfinished), files
    named as the annotations name them."""
    from contractlint.formatters import Context, github

    context = Context(cwd=os.getcwd(), workspace=os.environ.get("GITHUB_WORKSPACE") or None)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        text = github.step_summary(report, context, github.ends_mid_line(summary_file))
        write(summary_file, text, append=True)
    output_file = os.environ.get("GITHUB_OUTPUT")
    if output_file:
        write(output_file, github.outputs(report, github.ends_mid_line(output_file)), append=True)


def write(path: str, text: str, append: bool = False) -> bool:
    """Write (or append to) a file the run produces; if it cannot, say why and return
    False. A report or baseline replaces the old one whole or not at all (a full disk
    leaves the previous baseline intact); a FIFO or device (``/dev/stdout``) is
    written as it is, and GitHub's step files are appended to."""
    try:
        folder = os.path.dirname(path)
        if folder and not append and not os.path.isdir(folder):
            os.makedirs(folder, exist_ok=True)  # `-o reports/x.sarif`, as ruff does
        if append or (os.path.exists(path) and not os.path.isfile(path)):
            with open(path, "a" if append else "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            from contractlint import atomic  # only a run that writes a file

            atomic.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        echo(f"contractlint: cannot write {path}: {exc.strerror or exc}", err=True)
        return False
    return True


def _outside_project(path: str, root: str) -> str:
    """Why ``--fix`` must not write ``path``: it leads, through a symlink, to a file
    outside the project root (a named file outside it, no link involved, may be fixed)."""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return ""
    top = os.path.realpath(root)
    if real == top or real.startswith(top.rstrip(os.sep) + os.sep):
        return ""
    return f"it is a symlink to {real}, outside the project ({top})"


def fixes(
    report: Report, targets: list[discover.Target], config: Config, in_place: bool
) -> list[tuple[str, tuple[Finding, ...]]]:
    """Apply (or, with ``in_place=False``, print as a diff) the safe fixes; returns the
    findings fixed (or that would be), file by file."""
    from contractlint import fix
    from contractlint.pipeline import engine

    by_path = {target.display: target.path for target in targets}
    limits = engine.load_limits(config)
    done: list[tuple[str, tuple[Finding, ...]]] = []
    for result in report.files:
        wanted = [f for f in result.findings if f.code in fix.FIXABLE]
        if not wanted:
            continue
        path = by_path.get(result.path, result.path)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            echo(f"contractlint: cannot fix {result.path}: {exc.strerror or exc}", err=True)
            continue
        outcome = fix.fix_source(path, data, wanted, limits)
        for finding, reason in outcome.skipped:
            echo(
                f"{finding.path}:{finding.line}:{finding.column}: {finding.code} not fixed: "
                f"{reason}",
                err=True,
            )
        if not outcome.changed:
            continue
        if in_place:
            outside = _outside_project(path, config.root)
            if outside:
                echo(f"{result.path}: not fixed: {outside}", err=True)
                continue
            from contractlint import atomic

            try:
                atomic.write_atomic(path, outcome.new_bytes)
            except OSError as exc:
                # The file is left whole and its findings stay reported; the run goes
                # on with the other files (SPEC 7), as for a read-only file.
                why = exc.strerror or str(exc)
                if isinstance(exc, PermissionError):
                    why = "its folder is not writable (a fix writes a new file beside it)"
                echo(f"{result.path}: not fixed: {why}", err=True)
                continue
        else:
            echo(fix.unified_diff(result.path, data, outcome.new_bytes), nl=False)
        done.append((result.path, outcome.applied))
    return done


def report_failure(exc: BaseException) -> int:
    """What a command that raised ``exc`` prints, and its exit code: a configuration error
    or an internal error is one line on stderr, never a traceback, and exit code 2."""
    if isinstance(exc, BrokenPipeError):
        # The reader went away (`contractlint check | head`): stop quietly, as click does.
        # Let nothing more be written to the closed pipe at exit (a test's captured
        # stream has no file descriptor to replace).
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if isinstance(exc, ConfigError):
        echo(f"contractlint: configuration error: {exc}", err=True)
        return EXIT_ERROR
    if isinstance(exc, UsageError):
        echo(f"contractlint: {exc}", err=True)
        return EXIT_ERROR
    if isinstance(exc, OutputError):
        echo(f"contractlint: cannot write the report: {exc.strerror}", err=True)
        return EXIT_ERROR
    if os.environ.get("CONTRACTLINT_DEBUG"):
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
    echo(
        f"contractlint: internal error: {type(exc).__name__}: {exc} "
        "(set CONTRACTLINT_DEBUG=1 for the traceback, and please report it)",
        err=True,
    )
    return EXIT_ERROR


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports a command Ctrl-C stopped


def interrupted() -> int:
    """Ctrl-C: one line, no traceback, and the shell's code for an interrupted command."""
    echo("", err=True)
    echo("Aborted!", err=True)  # as click says it
    return EXIT_INTERRUPTED


def guarded(work: Callable[[], int]) -> int:
    """``work()``'s exit code, or what :func:`report_failure` makes of its exception."""
    try:
        return work()
    except KeyboardInterrupt:
        return interrupted()
    except Exception as exc:  # the last line of defence
        return report_failure(exc)
