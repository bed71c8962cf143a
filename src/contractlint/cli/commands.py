"""The command line, in click: every command, its options, help and usage errors.

``check`` parses its options here and hands them to
:func:`contractlint.cli.check_command.run`; ``contractlint.cli.entry`` parses the common
``check`` lines itself, without importing click, and comes here for the rest.
This module and ``check_command`` are the only ones that read the environment,
print or exit. Exit codes: 0 no finding at or above ``--fail-on``; 1 findings; 2 a usage or
configuration error, or an internal error of contractlint itself.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, TypeVar

import click

from contractlint import __version__, atomic
from contractlint.cli import check_command
from contractlint.cli.check_command import (
    EXIT_ERROR,
    EXIT_OK,
    OPTIONS,
    CheckOptions,
    Option,
    interrupted,
    report_failure,
)
from contractlint.config import Config, load, selects, split_list
from contractlint.kinds import KINDS, with_article
from contractlint.model import Rule
from contractlint.pipeline import discover
from contractlint.results import FileResult, Report
from contractlint.rules import RULES, lookup
from contractlint.suggest import closest

F = TypeVar("F", bound=Callable[..., Any])


class _Group(click.Group):
    """Turns an unexpected exception into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            sys.exit(interrupted())
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # the last line of defence
            sys.exit(report_failure(exc))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contractlint")
def cli() -> None:
    """Lint model contracts, experiment plans, problem-framing one-pagers and
    acceptance checklists kept as YAML, JSON or Markdown."""


def _click_option(name: str, option: Option) -> Callable[[F], F]:
    """The click option of one of `check`'s declared options (check_command.CheckOptions)."""
    settings: dict[str, Any] = {"help": option.help}
    if option.takes == "flag":
        settings["is_flag"] = True
    elif option.takes == "list":
        settings["multiple"] = True
    else:
        settings["default"] = None
    if option.choices:
        settings["type"] = click.Choice(option.choices)
    elif option.path:
        folder = option.path == "folder"
        settings["type"] = click.Path(file_okay=not folder, dir_okay=folder)
    elif option.at_least_one:
        settings["type"] = click.IntRange(min=1)
    if option.envvar:
        settings["envvar"] = option.envvar
    return click.option(*option.flags, name, **settings)


def _options(report_only: bool) -> Callable[[F], F]:
    """`check`'s options (``report_only``: those `diff` shares), in declaration order."""

    def decorate(func: F) -> F:
        for name, option in reversed(OPTIONS.items()):
            if option.report or not report_only:
                func = _click_option(name, option)(func)
        return func

    return decorate


@cli.command()
# readable=False: an unreadable file is that file's CL006, not the run's usage error.
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@_options(report_only=False)
def check(paths: tuple[str, ...], output_format: str | None, **options: Any) -> None:
    """Lint PATHS (files or folders; default: the current folder)."""
    resolved = output_format or _env_format()
    sys.exit(check_command.run(CheckOptions(paths, resolved, **options)))


def _env_format() -> str:
    try:
        return check_command.env_format()
    except check_command.FormatError as exc:
        raise click.BadParameter(str(exc), param_hint="CONTRACTLINT_OUTPUT_FORMAT") from None


@cli.command(name="diff")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--base",
    "base_ref",
    metavar="GIT_REF",
    help="Compare each PATH (default: every changed spec file) with its version at GIT_REF.",
)
@_options(report_only=True)
def diff_command(
    paths: tuple[str, ...],
    base_ref: str | None,
    output_format: str | None,
    output_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    config_file: str | None,
    statistics: bool,
    quiet: bool,
    no_color: bool,
    exit_zero: bool,
    force_exclude: bool,
    isolated: bool,
) -> None:
    """Breaking changes between two versions: `diff OLD NEW`, or `diff --base REF [PATH...]`."""
    from contractlint.pipeline import engine, sniff

    config = check_command.load_config(
        config_file, select, ignore, extend_select, isolated=isolated
    )
    output_format = check_command.output_format(output_format or _env_format(), config)
    today = datetime.date.today()
    cwd = Path.cwd()
    sniffer = sniff.sniffer(config.kind_names)  # declared kinds are contracts too
    results: list[FileResult] = []
    if base_ref is None:
        if len(paths) != 2:
            raise click.UsageError("give OLD and NEW, or --base GIT_REF [PATH ...]")
        old_path, new_path = paths
        raw = sniff.read(old_path, config.max_file_size)
        if raw.error or raw.too_large:
            why = raw.error or f"it is over the size limit of {config.max_file_size:,} bytes"
            raise click.BadParameter(f"cannot read {old_path}: {why}")
        old: bytes | None = raw.data
        if sniffer.skipped(raw):
            old = None  # no contract then (a Helm template, a manifest): nothing it breaks
        else:
            broken = engine.unreadable_previous(old_path, raw.data, config)
            if broken:
                raise click.BadParameter(f"cannot compare with {old_path}: {broken}")
        target = discover.Target(new_path, discover.display_path(Path(new_path), cwd))
        results.append(engine.diff_file(old, target, config, today, old_path=old_path))
    else:
        based = _diff_base(base_ref, paths, config, force_exclude, today)
        machine = output_format not in ("text", "full")
        if based is None and not (machine or output_file):
            sys.exit(EXIT_OK)
        results = based or []  # no base revision: an empty report still (CI uploads it)
        if not results and not machine and not output_file:
            # Not "No contract found in 0 files": the repository may hold many.
            if not quiet:
                click.echo(f"No contract changed since {base_ref}")
            sys.exit(EXIT_OK)
    findings = tuple(f for r in results for f in r.findings)
    report = Report(tuple(results), findings, declared_kinds=config.kind_names)
    check_command.emit(
        report,
        output_format,
        output_file,
        statistics,
        quiet,
        no_color,
        config.root,
        _team(config_file),
    )
    if output_format == "github" or os.environ.get("GITHUB_ACTIONS") == "true":
        check_command.github_files(report)
    code = check_command.exit_code(report, fail_on or config.fail_on)
    sys.exit(EXIT_OK if exit_zero else code)


def _diff_base(
    base_ref: str,
    paths: tuple[str, ...],
    config: Config,
    force_exclude: bool,
    today: datetime.date,
) -> list[FileResult] | None:
    """`diff --base REF [PATH ...]`: each file compared with its version at REF (under
    its old name when git finds it renamed); None, after saying why, when there is no
    such revision yet. The files compared are the ones `check` would lint: the changed
    files that `exclude` leaves (all named ones unless --force-exclude, as `check`)."""
    from contractlint import git
    from contractlint.pipeline import engine, sniff

    try:
        commit = git.resolve(base_ref)
        renamed = git.changed(commit, config.include) if commit else {}
    except git.GitError as exc:
        raise check_command.UsageError(str(exc)) from None
    if commit is None:
        why = (
            "the history has no such commit" if git.any_commit() else "the repository has no commit"
        )
        click.echo(
            f"contractlint: no base revision yet (`{base_ref}`: {why}), so there is nothing "
            "to compare",
            err=True,
        )
        return None
    # `renamed`: each changed file's path now -> its path at the commit.

    def excluded(path: str) -> bool:
        return discover.named_excluded(path, config.root, config.exclusions)

    named = list(paths) or [path for path in renamed if not excluded(path)]
    if any(os.path.isdir(path) for path in named):  # a folder: the files it holds
        found = discover.discover(named, config.root, config.include, config.exclusions)
        named = [t.path for t in found.targets] + list(found.missing)
    if paths and force_exclude:
        named = [path for path in named if not excluded(path)]
    sniffer = sniff.sniffer(config.kind_names)
    cwd = Path.cwd()
    results: list[FileResult] = []
    for path in named:
        target = discover.Target(path, discover.display_path(Path(path), cwd))
        new = sniff.read(path, config.max_file_size)
        old_path = renamed.get(os.path.normpath(os.path.relpath(path)), path)
        try:
            # The old version is read only for a candidate: nothing else is compared.
            old = None if sniffer.skipped(new) else git.show(commit, old_path, config.max_file_size)
        except git.Unreadable as exc:  # that file's problem; the others are compared
            results.append(engine.file_problem(target, config, f"cannot compare it: {exc}"))
            continue
        results.append(engine.diff_file(old, target, config, today, raw=new, old_path=old_path))
    return results


def _team(config_file: str | None) -> tuple[Rule, ...]:
    """The team rules and the plugins' rules of the configuration `check` would use
    here (SPEC 8)."""
    from contractlint import plugins, team

    config = load(config_file)
    return (*team.team_rules(config.team_rules), *plugins.of(config.plugins))


def _unknown_rule(name: str, extra: tuple[Rule, ...] = ()) -> None:
    known = {**{r.code: r for r in RULES}, **{r.name: r for r in RULES}}
    known.update({**{r.code: r for r in extra}, **{r.name: r for r in extra}})
    near = closest(name, list(known), limit=3)
    hint = ""
    if near:
        shown = [f"{known[n].code} ({known[n].name})" for n in near]
        hint = f"; did you mean {', '.join(dict.fromkeys(shown))}?"
    click.echo(f"contractlint: unknown rule `{name}`{hint}", err=True)
    click.echo("Run `contractlint rules` to list every rule.", err=True)
    sys.exit(EXIT_ERROR)


@cli.command(name="explain")
@click.argument("rule")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def explain_command(rule: str, output_format: str, config_file: str | None) -> None:
    """Explain RULE (a code such as CL101 or a name such as missing-fallback, or a
    team rule of the configuration)."""
    from contractlint import explain

    found = lookup(rule)
    if found is None:
        extra = _team(config_file)
        found = lookup(rule, extra)
        if found is None:
            _unknown_rule(rule, extra)
            return
    render = {"text": explain.as_text, "json": explain.as_json, "markdown": explain.as_markdown}
    click.echo(render[output_format](found), nl=False)


@cli.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    help="markdown prints the rules reference page (docs/rules.md).",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
@click.option(
    "--select",
    "selectors",
    multiple=True,
    help="Only these rules: codes, names or prefixes (CL3), comma lists.",
)
@click.option("--kind", "wanted_kinds", multiple=True, help="Only the rules that check this kind.")
def rules_command(
    output_format: str,
    config_file: str | None,
    selectors: tuple[str, ...] = (),
    wanted_kinds: tuple[str, ...] = (),
) -> None:
    """List every rule, the configuration's own (team rules) last: code, name, severity,
    kinds, fixable, summary."""
    from contractlint import explain

    team = _team(config_file)
    every = _chosen((*RULES, *team), tuple(split_list(selectors)), wanted_kinds, config_file)
    if output_format == "json":
        data = [explain.as_dict(rule) for rule in every]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if output_format == "markdown":
        click.echo(explain.rules_page(every), nl=False)
        return
    width = max((len(rule.name) for rule in every), default=0)
    for rule in every:
        kinds = "all" if set(rule.kinds) == set(KINDS) else ",".join(rule.kinds)
        fixable = "fixable" if rule.fixable else "-"
        click.echo(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {fixable:<7}  "
            f"{rule.summary}  [{kinds}]"
        )


def _chosen(
    every: tuple[Rule, ...],
    selectors: tuple[str, ...],
    kinds: tuple[str, ...],
    config_file: str | None,
) -> tuple[Rule, ...]:
    """The rules `rules --select ... --kind ...` lists; a selector or kind that names
    nothing is exit 2 with the closest name."""
    for kind in kinds:
        _require_kind(kind, declared=load(config_file).kind_names)
    codes = []
    for selector in selectors:
        matching = [r.code for r in every if selector in (r.code, r.name)]
        matching = matching or [r.code for r in every if selects(selector.upper(), r.code)]
        if not matching:
            _unknown_rule(selector, every)
        codes += matching
    return tuple(
        rule
        for rule in every
        if (not selectors or rule.code in codes) and (not kinds or set(kinds) & set(rule.kinds))
    )


@cli.command(name="clean")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="CONTRACTLINT_CACHE_DIR",
    help="The cache folder, when not .contractlint_cache/ in the project root.",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def clean_command(cache_dir: str | None, config_file: str | None) -> None:
    """Remove the cache (.contractlint_cache/ in the project root, or --cache-dir)."""
    from contractlint import config as configuration
    from contractlint.run import cache

    try:
        root = load(config_file).root
    except configuration.ConfigError:
        # As `ruff clean`: a broken configuration must not keep its cache; the project
        # root is still the folder of the configuration file (or the git top folder).
        here = os.path.realpath(os.getcwd())
        named = config_file or _config_file_near(here)
        root = (
            os.path.dirname(os.path.realpath(named))
            if named
            else configuration.git_root(here) or here
        )
    removed = cache.clean(root, cache_dir)
    if removed is None:
        click.echo("No cache to remove.", err=True)
    else:
        click.echo(f"Removed the cache {removed}", err=True)


def _config_file_near(folder: str) -> str | None:
    """The configuration file `check` would read from ``folder``, found by its name only
    (it may be broken)."""
    from contractlint import config as configuration

    try:
        return configuration.find_config(folder)
    except configuration.ConfigError:  # only a pyproject.toml that does not parse raises
        while not os.path.isfile(os.path.join(folder, "pyproject.toml")):
            if os.path.dirname(folder) == folder:
                return None  # the top of the file system: never loop there
            folder = os.path.dirname(folder)
        return os.path.join(folder, "pyproject.toml")


def _require_kind(kind: str, extra: tuple[str, ...] = (), declared: tuple[str, ...] = ()) -> None:
    """Exit 2 with the closest name when ``kind`` is neither one of ours, nor one the
    configuration ``declared`` (SPEC 8), nor one of ``extra`` (the names `schema` takes
    besides the kinds: ``config``)."""
    choices = (*KINDS, *declared, *extra)
    if kind in choices:
        return
    near = closest(kind, choices, limit=1)
    hint = f"; did you mean `{near[0]}`?" if near else ""
    what, listed = ("schema", "schemas") if extra else ("kind", "kinds")
    click.echo(
        f"contractlint: unknown {what} `{kind}`{hint} ({listed}: {', '.join(choices)})",
        err=True,
    )
    sys.exit(EXIT_ERROR)


@cli.command(name="schema")
@click.argument("kind")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def schema_command(kind: str, config_file: str | None) -> None:
    """Print the JSON Schema of KIND, or with `config` of the configuration file
    (self-contained, for editors and validators).

    KIND may be a kind the configuration declares (`kinds:`): its schema file is printed,
    reformatted. A built-in kind's schema is printed as bundled: an extension of it
    (`schema-extensions:`) is a schema of its own, which its documents must pass too,
    and is not merged in; read its file.
    """
    from contractlint import schemas

    if kind in KINDS or kind == schemas.CONFIG:  # no configuration is read
        click.echo(schemas.schema_text(kind), nl=False)
        return
    config = load(config_file)
    _require_kind(kind, (schemas.CONFIG,), config.kind_names)
    text = next(text for name, _, text in config.declared_kinds if name == kind)
    click.echo(json.dumps(schemas.parsed(text), indent=2, ensure_ascii=False))


@cli.command(name="config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def config_command(config_file: str | None, output_format: str) -> None:
    """Print the resolved configuration and the file it came from."""
    import yaml

    config: Config = load(config_file)
    data = config.describe()
    if output_format == "json":
        click.echo(json.dumps(data, indent=2))
        return
    source = config.path or "none found (defaults)"
    click.echo(f"# configuration file: {source}")
    click.echo(yaml.safe_dump(data, sort_keys=False, default_flow_style=None), nl=False)


@cli.command(name="new")
@click.argument("kind")
@click.option(
    "--output", "-o", "output", type=click.Path(dir_okay=False), help="Write the template here."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def new_command(kind: str, output: str | None, force: bool, config_file: str | None) -> None:
    """Write a complete, commented template of KIND to fill in.

    For a kind the configuration declares (`kinds:`), a minimal document built from its
    schema: `kind`, `name: TODO`, an owner to name for each decision CL401 asks about
    (`required-owners`; when the schema allows `owners`), and every property the schema
    requires, each a TODO (a required mapping with its own required properties, a list
    with one item, a `const` as it must be).
    """
    from contractlint import templates
    from contractlint.pipeline.source import file_format

    fmt = file_format(output) if output else "yaml"
    if kind in KINDS:  # no configuration is read
        text = templates.template(kind, fmt)
    else:
        from contractlint import schemas

        config = load(config_file)
        _require_kind(kind, declared=config.kind_names)
        path, schema = next((p, t) for name, p, t in config.declared_kinds if name == kind)
        owners = config.required_owners
        text = templates.declared_template(kind, schemas.parsed(schema), fmt, owners, path)
    if not output:
        click.echo(text, nl=False)
        return
    target = Path(output)
    if target.exists() and not force:
        click.echo(f"contractlint: {output} exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_ERROR)
    try:
        # The folder the user named is made too (`new KIND -o experiments/x.yaml`).
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_atomic(str(target), text.encode("utf-8"))
    except OSError as exc:
        click.echo(f"contractlint: cannot write {output}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"Wrote {with_article(kind)} template to {output}; fill in every TODO.", err=True)


@cli.command(name="power")
@click.argument("plan", required=False, type=click.Path(dir_okay=False))
@click.option("--baseline", type=float, help="The primary metric's baseline (a rate in (0, 1)).")
@click.option("--relative-mde", type=float, help="The minimum detectable effect, relative.")
@click.option("--absolute-mde", type=float, help="The minimum detectable effect, absolute.")
@click.option(
    "--type",
    "metric_type",
    type=click.Choice(["proportion", "mean", "ratio"]),
    help="The metric's type (default proportion; mean and ratio need --std-dev).",
)
@click.option("--std-dev", type=float, help="The standard deviation per unit (mean, ratio).")
@click.option("--alpha", type=float, help="The level (default 0.05, or the configuration's).")
@click.option("--power", "wanted", type=float, help="The power (default 0.8).")
@click.option("--one-sided", is_flag=True, help="A one-sided test (alpha, not alpha / 2).")
@click.option("--arms", type=int, help="Arms, control included (default 2; Bonferroni above).")
@click.option("--daily-units", type=float, help="Eligible units a day, for the days needed.")
@click.option("--allocation", type=float, help="The share of traffic enrolled (default 1).")
@click.option("--per-arm", type=int, help="Units per arm, for the power they reach.")
@click.option("--cuped-correlation", type=float, help="CUPED's correlation: n x (1 - rho^2).")
@click.option(
    "--sequential",
    type=click.Choice(["obrien_fleming", "pocock"]),
    help="A group-sequential design (with --analyses).",
)
@click.option("--analyses", type=int, help="Equally spaced analyses of --sequential.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--plot", "plot_file", type=click.Path(dir_okay=False), help="Write the curve: .svg or .png."
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
def power_command(
    plan: str | None,
    output_format: str,
    plot_file: str | None,
    config_file: str | None,
    **flags: Any,
) -> None:
    """Sample size, power, detectable effect and duration of an experiment PLAN (or of
    the design the flags give): for the primary metric and each guardrail with a
    `baseline` and `max_regression`, every factor applied (CUPED, a sequential design),
    and the power curve. Flags given with a PLAN override its values."""
    from contractlint.cli import power_command as calculator

    options = load(config_file).rule_options
    inputs = calculator.Inputs(
        baseline=flags["baseline"],
        relative_mde=flags["relative_mde"],
        absolute_mde=flags["absolute_mde"],
        metric_type=flags["metric_type"],
        std_dev=flags["std_dev"],
        alpha=flags["alpha"],
        power=flags["wanted"],
        one_sided=flags["one_sided"],
        arms=flags["arms"],
        daily_units=flags["daily_units"],
        allocation=flags["allocation"],
        per_arm=flags["per_arm"],
        correlation=flags["cuped_correlation"],
        sequential=flags["sequential"],
        analyses=flags["analyses"],
    )
    try:
        text, note = calculator.run(
            plan, inputs, output_format, plot_file, options.alpha, options.power
        )
    except calculator.PowerInputError as exc:
        click.echo(f"contractlint: power: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(text, nl=False)
    if note:
        click.echo(note, err=True)


@cli.command(name="test-rules")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Config file.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "junit"]),
    default="text",
    show_default=True,
)
def test_rules_command(paths: tuple[str, ...], config_file: str | None, output_format: str) -> None:
    """Test the rules against fixtures in PATHS (files or folders; default: rules-tests/)
    and each team rule against its own `examples`.

    In a fixture, a comment `# ruleid: CODE` says the next line must raise CODE (a code
    or a rule's name; several: `CODE1, CODE2`), and `# ok: CODE` that it must not; at
    the end of a line, the comment speaks of that line. A rule an annotation names must
    raise nowhere else in that file. Fixtures are YAML files and the front matter and
    `yaml` blocks of Markdown files; JSON has no comments, so a JSON file holds no case.
    Each `examples.invalid` document must raise its rule, each `examples.valid` one must
    not. Exit 0 when every case passes, 1 when one fails.
    """
    from contractlint import testrules

    config = check_command.load_config(config_file, (), (), ())
    targets = list(paths)
    if not targets:
        if os.path.isdir(testrules.DEFAULT_FOLDER):
            targets = [testrules.DEFAULT_FOLDER]
        else:
            click.echo(
                f"contractlint: no {testrules.DEFAULT_FOLDER}/ folder here: only the team "
                "rules' inline examples run",
                err=True,
            )
    outcome = testrules.run(config, targets)
    for note in outcome.notes:
        click.echo(f"contractlint: note: {note}", err=True)
    for error in outcome.errors:
        click.echo(f"contractlint: {error}", err=True)
    render = testrules.as_junit if output_format == "junit" else testrules.as_text
    click.echo(render(outcome), nl=False)
    if outcome.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(check_command.EXIT_FINDINGS if outcome.failed else EXIT_OK)


@cli.command(name="server")
@click.option(
    "--tcp", "port", type=click.IntRange(1, 65535), help="Listen on this TCP port (debugging)."
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="The address --tcp listens on."
)
@click.option(
    "--baseline",
    "baseline_file",
    metavar="FILE",
    help="A baseline file (relative to each workspace folder): hold back what it holds, "
    "and offer to add findings to it.",
)
def server_command(port: int | None, host: str, baseline_file: str | None) -> None:
    """Run the language server (LSP) over stdio, or on a TCP port with --tcp.

    Needs the extra: pip install 'contractlint[lsp]'."""
    import importlib.util

    from contractlint.lsp import INSTALL_HINT

    if importlib.util.find_spec("pygls") is None or importlib.util.find_spec("lsprotocol") is None:
        click.echo(INSTALL_HINT, err=True)
        sys.exit(EXIT_ERROR)
    from contractlint.lsp.server import serve
    from contractlint.lsp.workspace import Settings

    serve(port, host, Settings(baseline=baseline_file or ""))
