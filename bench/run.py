"""Benchmark contractlint against check-jsonschema and yamllint on generated corpora.

Run it from anywhere (stdlib only; the three tools must be installed)::

    python bench/run.py                        # sizes 1000, 2000 and 10000 files
    python bench/run.py --sizes 1000 --repeat 5 --jobs 4 --markdown bench.md
    python bench/run.py --venv /tmp/bench-venv  # the tools in a clean virtual environment
    python bench/run.py --only repo --repo-files 3000  # the repository without contracts
    python bench/run.py --only rules           # 50 team rules on the 2,000-file corpus
    python bench/run.py --only formats         # every output format, warm, 2,000 files
    CONTRACTLINT="/path/to/other/env/bin/contractlint" python bench/run.py

What it measures, for each size N (a fresh corpus of N contract files written by
``bench/corpus.py``, in rounds that alternate the tools so drift hits them all alike):

* contractlint cold: ``contractlint check --no-cache .`` with no cache on disk;
* contractlint cold, JSON: ``contractlint check --no-cache --format json .``, the same;
* the parse floor: ``bench/parsefloor.py .``, a single process that only composes the
  same files with PyYAML's C loader (``yaml.compose_all`` with ``yaml.CSafeLoader``,
  every document of every ``.yaml``, ``.yml`` and ``.json`` file outside the folders
  contractlint skips), started by the interpreter that runs contractlint (the one its
  ``#!`` line names), so that its start-up and PyYAML's import count as contractlint's
  do; an untimed run with ``--list`` first checks that it composes exactly the
  corpus's files, and it exits non-zero, naming the file, on one that does not parse;
* check-jsonschema: one ``check-jsonschema --schemafile SCHEMA FILES...`` per kind,
  with the schemas printed by ``contractlint schema KIND`` (time summed, memory max);
* yamllint: ``yamllint -d relaxed .`` (a syntax-and-style pass, for scale);
* contractlint warm: ``contractlint check .`` with a filled cache and nothing changed;
* contractlint warm, JSON: ``contractlint check --format json .``, the same cache (the
  output format is not part of its key);
* contractlint one changed: the same after a comment is appended to one model contract.

In each round the three cold measures run first, in an order that rotates from round to
round, with the cache removed before each; then check-jsonschema and yamllint; then an
untimed ``contractlint check .`` fills the cache and the two warm measures run, which
of them first alternating; then the one changed.

And once, on the 1000-file corpus (or the first size), a single model contract checked
the way a pre-commit hook or an editor checks a file that has just changed:
``contractlint check --no-cache FILE`` against ``check-jsonschema --schemafile
model-contract.json FILE`` and ``yamllint -d relaxed FILE``, in rounds whose order
rotates.

Then a repository without contracts: ``bench/nocontract.py`` writes a tree of
``--repo-files`` files (default 3,000) as an application repository has them
(Kubernetes manifests, Helm templates, workflows, JSON with comments, NDJSON, OpenAPI,
Markdown with fenced blocks, Python and TypeScript, and ``node_modules/``, ``.git/``,
``.venv/`` and other folders contractlint skips), not one contract among them. In
alternating rounds (which runs first alternates too), ``contractlint check --no-cache .``
runs against the read-only floor, ``bench/floor.py``: a fresh Python process, started
by the interpreter that runs contractlint (the one its ``#!`` line names), that walks
the same tree with ``os.walk``, pruning the folders contractlint skips, and reads the
bytes of every ``.yaml``, ``.yml``, ``.json`` and ``.md`` file. Both are cold (a new
process, no contractlint cache) and both find the files in the OS cache (an untimed
run of each comes first). contractlint's exit status is recorded, not judged: 0, or 1
when it reports findings in files that hold no contract.

Then team rules: the 2,000-file corpus again (``--rules-files``), and beside its
contracts two configurations written by ``bench/teamrules.py``: the corpus's own (it
has none, so a file of comments: the defaults) and the same with 50 team rules
(``rules:``, over the fields the corpus's documents have). In alternating rounds (which
runs first alternates too), ``contractlint check --no-cache --config FILE .`` runs
cold with the one and with the other; both name a file with ``--config``, so both read
their configuration the same way, and both walk the same tree (the two files are in it
both times). An untimed run in JSON counts what the team rules report, and a run in
which they report nothing is an error: they did not run.

Then output formats: the 2,000-file corpus again (``--formats-files``), warm (the
cache filled by untimed runs), ``contractlint check --format FORMAT .`` in each of
text, json, github, gitlab, junit and sarif, in rounds whose order rotates; each
format's median against text's, from the same run.

``--only corpus`` runs the contract corpora and the single file, ``--only repo`` the
repository without contracts, ``--only rules`` the team rules, ``--only formats`` the
output formats (these three need no peer tool); without ``--only`` every case runs.

Each run is timed wall-clock (``time.perf_counter`` around ``subprocess.Popen`` and
``os.wait4``). Its peak memory (RSS) is what GNU time (``/usr/bin/time -f %M``) reports
for the tool's process: with ``--jobs`` the largest process, workers not summed. Without
GNU time it is ``ru_maxrss`` from ``os.wait4``, which Linux starts at this script's own
peak RSS (a child begins as a copy of its parent); a figure at or below that floor is
marked ``*``. The report gives medians, the ratios below with their targets, and exits 0
when every target is met, 1 when one is missed, 2 when a tool fails or is missing.

* cold / check-jsonschema <= 0.20        * cold / parse floor <= 1.5
* warm / cold <= 0.05                    * warm / cold (json) <= 0.05
  (all four on corpora of 2,000 files or more, the sizes the targets name: 2,000 and
  10,000; on a smaller corpus they are printed for information)
* single file contractlint / check-jsonschema <= 0.60
* single file contractlint / yamllint <= 0.70
* peak RSS of cold contractlint, largest size / smallest size <= 1.5 (two sizes or more)
* no-contract repo: contractlint / read-only floor <= 3.0 (a tree of 2,000 files or
  more; on a smaller one it is printed for information)
* 50 team rules: cold with / cold without <= 1.20 (on the 2,000-file corpus, the size
  the target names; on another it is printed for information)
* warm in each output format / warm in text <= 1.30 (on 2,000 files or more; on fewer
  printed for information)

The parse floor, the JSON measures, the 0.05 for warm / cold and the single file against
yamllint are issue 20's.

Tools are taken from the ``bin`` folder of the Python running this script when they are
there (a pyenv shim or similar wrapper on PATH adds its own start-up time to every run),
otherwise from PATH. ``CONTRACTLINT`` names the contractlint command to benchmark instead
(split like a shell command line). check-jsonschema and yamllint are needed only for the
corpora, not with ``--only repo`` or ``--only rules``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus
import nocontract
import teamrules

CACHE_DIR = ".contractlint_cache"
REPO = Path(__file__).resolve().parent.parent
SINGLE_SIZE = 1000  # the corpus the single-file comparison uses when it is among the sizes
REPO_FILES = 3000  # the default size of the repository without contracts
FLOOR_TARGET = 3.0  # contractlint / the read-only floor, on that repository
FLOOR_SCRIPT = Path(__file__).resolve().parent / "floor.py"
FLOOR_OK = (0,)
PARSE_FLOOR_SCRIPT = Path(__file__).resolve().parent / "parsefloor.py"
PARSE_FLOOR_OK = (0,)
COLD_TARGET = 0.20  # cold / check-jsonschema
WARM_TARGET = 0.05  # warm / cold, in text and in JSON (issue 20)
PARSE_FLOOR_TARGET = 1.5  # cold / the parse floor (issue 20)
SINGLE_TARGET = 0.60  # one file: contractlint / check-jsonschema
SINGLE_YAMLLINT_TARGET = 0.70  # one file: contractlint / yamllint (issue 20)
CONTRACTLINT_OK = (0, 1)
CHECK_JSONSCHEMA_OK = (0, 1)
YAMLLINT_OK = (0, 1, 2)
MEASURES = (
    ("cold", "contractlint cold"),
    ("cold-json", "contractlint cold --format json"),
    ("parse-floor", "parse floor (bench/parsefloor.py)"),
    ("check-jsonschema", "check-jsonschema (4 kinds)"),
    ("yamllint", "yamllint -d relaxed"),
    ("warm", "contractlint warm"),
    ("warm-json", "contractlint warm --format json"),
    ("changed", "contractlint one changed"),
)
SINGLE_MEASURES = (
    ("contractlint", "contractlint check --no-cache FILE"),
    ("check-jsonschema", "check-jsonschema FILE"),
    ("yamllint", "yamllint -d relaxed FILE"),
)
REPO_MEASURES = (
    ("contractlint", "contractlint check --no-cache ."),
    ("floor", "read-only floor (bench/floor.py)"),
)
RULES_FILES = 2000  # the corpus the team-rules target names, and the default size
RULES_TARGET = 1.20  # cold with the 50 team rules / cold without them
RULES_MEASURES = (
    ("without", "contractlint cold, no team rules"),
    ("with", f"contractlint cold, {len(teamrules.RULES)} team rules"),
)
RULES_RATIO = f"{len(teamrules.RULES)} team rules: cold with / cold without"
FORMATS_FILES = 2000  # the corpus the output-format target names, and the default size
FORMATS_TARGET = 1.30  # warm in a format / warm in text, in the same run
FORMATS = ("text", "json", "github", "gitlab", "junit", "sarif")
FORMAT_MEASURES = tuple((name, f"contractlint warm --format {name}") for name in FORMATS)


class BenchError(Exception):
    """A tool is missing or exited with an unexpected status."""


@dataclass
class Sample:
    seconds: float
    peak_kib: int
    floor_kib: int  # this script's own peak RSS when the run started (see own_peak_kib)
    returncode: int = 0


@dataclass
class Ratio:
    name: str
    value: float
    target: float | None  # None: informational
    where: str = ""  # which table, for the summary line

    @property
    def passed(self) -> bool:
        return self.target is None or self.value <= self.target

    @property
    def result(self) -> str:
        if self.target is None:
            return "info"
        return "PASS" if self.passed else "FAIL"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)


@dataclass
class Tools:
    contractlint: list[str]
    check_jsonschema: str  # "" when the corpora are not run
    yamllint: str  # "" when the corpora are not run
    python: Path  # the interpreter of the environment they are installed in
    floor: list[str] = field(default_factory=list)  # the read-only floor, when it is run
    parse_floor: list[str] = field(default_factory=list)  # the parse floor, with the corpora


# -- running ---------------------------------------------------------------------------


# The tools run as installed tools do: with bytecode (.pyc) written and read. A session
# that sets PYTHONDONTWRITEBYTECODE would make every run compile an editable install
# from source, which no user pays.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# GNU time, when the machine has it, measures a tool's own peak memory: the tool is
# forked from `time` (a small C program), not from this script, whose memory Linux
# would otherwise count in the child's ru_maxrss.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(cmd: Sequence[str], cwd: Path) -> tuple[float, int, int]:
    """Run ``cmd`` in ``cwd``, output discarded: (wall seconds, peak RSS KiB, exit code)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-q", "-f", "%M", "-o", rss.name, *cmd] if GNU_TIME else list(cmd)
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=CHILD_ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        returncode = os.waitstatus_to_exitcode(status)
        process.returncode = returncode  # reaped by os.wait4; tell Popen
        peak = kib(usage.ru_maxrss)
        if GNU_TIME:
            reported = rss.read().strip().splitlines()
            if reported and reported[-1].isdigit():
                peak = int(reported[-1])
    return seconds, peak, returncode


def kib(maxrss: int) -> int:
    """ru_maxrss in KiB (Linux reports KiB, macOS bytes)."""
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


def own_peak_kib() -> int:
    """The floor of a measured peak: without GNU time, this script's peak RSS, which
    Linux counts in a child's ru_maxrss too (the child starts as a copy of this process)."""
    if GNU_TIME:
        return 0
    return kib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def checked(cmd: Sequence[str], cwd: Path, ok: Sequence[int]) -> Sample:
    """``run``, raising BenchError (with the command's stderr) on an exit status not in ok."""
    floor = own_peak_kib()
    seconds, peak, returncode = run(cmd, cwd)
    if returncode not in ok:
        # The timed run discards its output; run it again to show what went wrong.
        again = subprocess.run(
            list(cmd),
            env=CHILD_ENV,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            check=False,
        )
        stderr = again.stderr.strip()[-4000:] or "(no output on stderr)"
        raise BenchError(
            f"`{shlex.join(cmd)}` (in {cwd}) exited {returncode}; expected one of "
            f"{', '.join(map(str, ok))}. Its stderr, from a re-run that exited "
            f"{again.returncode}:\n{stderr}"
        )
    return Sample(seconds, peak, floor, returncode)


def find_tool(name: str, scripts: Path | None = None) -> str:
    """``name`` from ``scripts`` (default: this Python's script folder), else from PATH."""
    beside = (scripts or Path(sysconfig.get_path("scripts"))) / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"{name} not found; install it with `pip install {name}`")
    return found


def find_tools(venv: Path | None, peers: bool = True, repo: bool = False) -> Tools:
    """The commands to run: check-jsonschema, yamllint and the parse floor with ``peers``
    (the corpora), the read-only floor with ``repo``. Both floors run on the interpreter
    that runs contractlint."""
    scripts = venv / "bin" if venv is not None else None
    override = os.environ.get("CONTRACTLINT", "").strip()
    if override:
        contractlint = shlex.split(override)
        contractlint[0] = shutil.which(contractlint[0]) or contractlint[0]
    else:
        contractlint = [find_tool("contractlint", scripts)]
    python = venv / "bin" / "python" if venv is not None else Path(sys.executable)
    interpreter = interpreter_of(contractlint, python)
    return Tools(
        contractlint,
        find_tool("check-jsonschema", scripts) if peers else "",
        find_tool("yamllint", scripts) if peers else "",
        python,
        [interpreter, str(FLOOR_SCRIPT)] if repo else [],
        [interpreter, str(PARSE_FLOOR_SCRIPT)] if peers else [],
    )


EXEC_LINE = "'''exec'"  # pip's console script for a long path: #!/bin/sh, then this


def interpreter_of(command: Sequence[str], default: Path) -> str:
    """The Python that runs ``command``: the command itself when it is a Python
    (``python -m contractlint``), else the one its ``#!`` line names as pip writes it
    into a console script (``#!/env/bin/python``, ``#!/usr/bin/env python3``, or
    ``#!/bin/sh`` and an ``exec`` line), else ``default``."""
    if Path(command[0]).name.startswith("python"):
        return command[0]
    try:
        with open(command[0], "rb") as stream:
            head = stream.read(1024).decode("utf-8", "replace").splitlines()
    except OSError:
        return str(default)
    if not head or not head[0].startswith("#!"):
        return str(default)
    words = head[0][2:].split()
    if len(words) >= 2 and Path(words[0]).name == "env":
        words = [shutil.which(words[1]) or words[1]]
    if words and Path(words[0]).name.startswith("python"):
        return words[0]
    for line in head[1:3]:
        if line.startswith(EXEC_LINE):
            try:
                found = shlex.split(line[len(EXEC_LINE) :])
            except ValueError:
                break
            if found and Path(found[0]).name.startswith("python"):
                return found[0]
    return str(default)


def prepare_venv(venv: Path) -> None:
    """A virtual environment holding this checkout of contractlint (a regular install,
    bytecode compiled, as pre-commit or pip gives users), check-jsonschema and yamllint."""
    python = venv / "bin" / "python"
    if not python.exists():
        progress(f"creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "check-jsonschema", "yamllint"], check=True, env=CHILD_ENV)
    progress(f"installing this checkout of contractlint into {venv}")
    pip = [str(python), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, str(REPO)], check=True, env=CHILD_ENV)
    # Same version number, new code: replace the files even when pip thinks it is current.
    subprocess.run([*pip, "--no-deps", "--force-reinstall", str(REPO)], check=True, env=CHILD_ENV)


def version(package: str, python: Path) -> str:
    """The version of ``package`` installed for ``python``."""
    if Path(python) == Path(sys.executable):
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    done = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
        capture_output=True,
        text=True,
        check=False,
        env=CHILD_ENV,
    )
    return done.stdout.strip() if done.returncode == 0 else "not installed"


# -- the benchmark -----------------------------------------------------------------------


def kind_of(path: Path) -> str:
    """The kind of a corpus file, from its name."""
    if path.name.startswith("ranking-"):
        return "model-contract"
    for kind in corpus.KINDS:
        if path.name.startswith(f"{kind}-"):
            return kind
    raise ValueError(f"cannot tell the kind of {path}")


def write_schemas(tools: Tools, folder: Path) -> dict[str, Path]:
    """``contractlint schema KIND > folder/KIND.json`` for every kind."""
    schemas: dict[str, Path] = {}
    for kind in corpus.KINDS:
        command = [*tools.contractlint, "schema", kind]
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=CHILD_ENV)
        if done.returncode != 0 or not done.stdout.strip():
            raise BenchError(
                f"`{shlex.join(command)}` exited {done.returncode}:\n{done.stderr.strip()}"
            )
        path = folder / f"{kind}.json"
        path.write_text(done.stdout, encoding="utf-8")
        schemas[kind] = path
    return schemas


def touch(path: Path, round_number: int) -> None:
    """Change a YAML file by appending a comment line."""
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"# touched {round_number} {time.time_ns()}\n")


def remove_cache(folder: Path) -> None:
    shutil.rmtree(folder / CACHE_DIR, ignore_errors=True)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def corpus_commands(tools: Tools, jobs: list[str]) -> dict[str, list[str]]:
    """The commands of the corpus measures that run the same command every round:
    contractlint cold and warm, in text and in JSON, and the parse floor."""
    check = [*tools.contractlint, "check"]
    return {
        "cold": [*check, "--no-cache", ".", *jobs],
        "cold-json": [*check, "--no-cache", "--format", "json", ".", *jobs],
        "parse-floor": [*tools.parse_floor, "."],
        "warm": [*check, ".", *jobs],
        "warm-json": [*check, "--format", "json", ".", *jobs],
    }


def parse_floor_files(tools: Tools, folder: Path, paths: list[Path]) -> None:
    """Run the parse floor once, untimed, with ``--list``; a BenchError unless it composes
    every file of the corpus and nothing else (the files contractlint lints there)."""
    command = [*tools.parse_floor, "--list", "."]
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, check=False, env=CHILD_ENV
    )
    if done.returncode != 0:
        raise BenchError(
            f"`{shlex.join(command)}` (in {folder}) exited {done.returncode}:\n"
            f"{done.stderr.strip()[-4000:]}"
        )
    composed = done.stdout.splitlines()
    expected = sorted(path.relative_to(folder).as_posix() for path in paths)
    if composed != expected:
        missing = sorted(set(expected) - set(composed))[:5]
        extra = sorted(set(composed) - set(expected))[:5]
        raise BenchError(
            f"`{shlex.join(command)}` (in {folder}) composed {len(composed)} files, the "
            f"corpus has {len(expected)}; missing {missing}, extra {extra}"
        )


def alternated(keys: Sequence[str], round_number: int) -> list[str]:
    """``keys`` rotated by the round's number, so that none always runs first."""
    shift = round_number % len(keys)
    return [*keys[shift:], *keys[:shift]]


def bench_corpus(
    tools: Tools,
    folder: Path,
    paths: list[Path],
    schemas: dict[str, Path],
    repeat: int,
    jobs: list[str],
) -> tuple[dict[str, list[Sample]], list[str]]:
    """The alternating rounds on one corpus: the samples of every measure, and warnings."""
    by_kind: dict[str, list[str]] = {}
    for path in paths:
        by_kind.setdefault(kind_of(path), []).append(str(path.relative_to(folder)))
    models = [path for path in paths if kind_of(path) == "model-contract"]
    if not models:
        raise BenchError("the corpus has no model contract; use a size of 1 or more")
    changed_file = models[0]
    commands = corpus_commands(tools, jobs)
    ok = {"parse-floor": PARSE_FLOOR_OK}
    samples: dict[str, list[Sample]] = {key: [] for key, _ in MEASURES}
    warnings: list[str] = []
    # Untimed warm-up: bytecode compiled and the corpus in the OS file cache for every
    # tool; the parse floor's run checks that it composes the corpus's files.
    remove_cache(folder)
    checked(commands["cold"], folder, CONTRACTLINT_OK)
    checked(commands["cold-json"], folder, CONTRACTLINT_OK)
    parse_floor_files(tools, folder, paths)
    for kind, files in by_kind.items():
        checked(
            [tools.check_jsonschema, "--schemafile", str(schemas[kind]), files[0]],
            folder,
            CHECK_JSONSCHEMA_OK,
        )
    checked([tools.yamllint, "-d", "relaxed", by_kind["model-contract"][0]], folder, YAMLLINT_OK)
    for round_number in range(1, repeat + 1):
        progress(f"  round {round_number}/{repeat}")
        # Cold in text, cold in JSON and the parse floor, in an order that rotates; no
        # cache on disk before each (the cold runs neither read nor write one).
        for key in alternated(("cold", "cold-json", "parse-floor"), round_number):
            remove_cache(folder)
            samples[key].append(checked(commands[key], folder, ok.get(key, CONTRACTLINT_OK)))

        parts = [
            checked(
                [tools.check_jsonschema, "--schemafile", str(schemas[kind]), *files],
                folder,
                CHECK_JSONSCHEMA_OK,
            )
            for kind, files in by_kind.items()
        ]
        samples["check-jsonschema"].append(
            Sample(
                sum(part.seconds for part in parts),
                max(part.peak_kib for part in parts),
                max(part.floor_kib for part in parts),
            )
        )

        samples["yamllint"].append(
            checked([tools.yamllint, "-d", "relaxed", "."], folder, YAMLLINT_OK)
        )

        remove_cache(folder)
        checked(commands["warm"], folder, CONTRACTLINT_OK)  # fill the cache, untimed
        if round_number == 1 and not (folder / CACHE_DIR).exists():
            warnings.append(
                f"warning: no {CACHE_DIR} folder after `contractlint check .`: "
                "the warm runs may not have had a cache"
            )
            progress(f"  {warnings[-1]}")
        # Warm in text and in JSON, the same cache (the output format is not in its
        # key), which of the two runs first alternating.
        for key in alternated(("warm", "warm-json"), round_number):
            samples[key].append(checked(commands[key], folder, CONTRACTLINT_OK))

        touch(changed_file, round_number)
        samples["changed"].append(checked(commands["warm"], folder, CONTRACTLINT_OK))
    return samples, warnings


def bench_single(
    tools: Tools,
    folder: Path,
    paths: list[Path],
    schemas: dict[str, Path],
    repeat: int,
    jobs: list[str],
) -> dict[str, list[Sample]]:
    """One model contract, as pre-commit checks a file that has just changed: contractlint
    without a cache, check-jsonschema and yamllint, in an order that rotates."""
    models = [path for path in paths if kind_of(path) == "model-contract"]
    # Not the file the "one changed" runs append to, when there is another.
    target = str(models[1 if len(models) > 1 else 0].relative_to(folder))
    commands = {
        "contractlint": (
            [*tools.contractlint, "check", "--no-cache", target, *jobs],
            CONTRACTLINT_OK,
        ),
        "check-jsonschema": (
            [tools.check_jsonschema, "--schemafile", str(schemas["model-contract"]), target],
            CHECK_JSONSCHEMA_OK,
        ),
        "yamllint": ([tools.yamllint, "-d", "relaxed", target], YAMLLINT_OK),
    }
    samples: dict[str, list[Sample]] = {key: [] for key, _ in SINGLE_MEASURES}
    for round_number in range(1, repeat + 1):
        for key in alternated([key for key, _ in SINGLE_MEASURES], round_number):
            remove_cache(folder)
            command, ok = commands[key]
            samples[key].append(checked(command, folder, ok))
    return samples


@dataclass
class RepoTree:
    """The repository without contracts: what was written and what the floor reads."""

    written: int
    read: int  # the YAML, JSON and Markdown files outside the skipped folders
    read_bytes: int


def write_repo(tools: Tools, folder: Path, count: int) -> RepoTree:
    """``count`` files of a repository without contracts in ``folder``, and the files the
    floor reads there (from its own ``--list``)."""
    written = nocontract.write(folder, count)
    done = subprocess.run(
        [*tools.floor, "--list", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env=CHILD_ENV,
    )
    if done.returncode != 0:
        raise BenchError(f"`{shlex.join(tools.floor)} --list .` failed:\n{done.stderr.strip()}")
    read = done.stdout.splitlines()
    return RepoTree(len(written), len(read), sum((folder / path).stat().st_size for path in read))


def bench_repo(tools: Tools, folder: Path, repeat: int, jobs: list[str]) -> dict[str, list[Sample]]:
    """contractlint cold against the read-only floor, alternated, on a repository
    without contracts; which of the two runs first alternates from round to round."""
    commands = {
        "contractlint": ([*tools.contractlint, "check", "--no-cache", ".", *jobs], CONTRACTLINT_OK),
        "floor": ([*tools.floor, "."], FLOOR_OK),
    }
    samples: dict[str, list[Sample]] = {key: [] for key in commands}
    for command, ok in commands.values():  # untimed: bytecode compiled, files in the OS cache
        checked(command, folder, ok)
    for round_number in range(1, repeat + 1):
        progress(f"  round {round_number}/{repeat}")
        order = list(commands) if round_number % 2 else list(reversed(commands))
        for key in order:
            remove_cache(folder)
            command, ok = commands[key]
            samples[key].append(checked(command, folder, ok))
    return samples


def rules_commands(
    tools: Tools, configs: tuple[Path, Path], jobs: list[str]
) -> dict[str, list[str]]:
    """The cold runs without and with the team rules, both naming their configuration
    with ``--config`` (a path relative to the corpus, where they run)."""
    return {
        key: [*tools.contractlint, "check", "--no-cache", "--config", config.name, ".", *jobs]
        for (key, _), config in zip(RULES_MEASURES, configs)
    }


def bench_rules(
    tools: Tools, folder: Path, configs: tuple[Path, Path], repeat: int, jobs: list[str]
) -> dict[str, list[Sample]]:
    """contractlint cold without and with the team rules, alternated; which of the two
    runs first alternates from round to round."""
    commands = rules_commands(tools, configs, jobs)
    samples: dict[str, list[Sample]] = {key: [] for key in commands}
    for command in commands.values():  # untimed: bytecode compiled, files in the OS cache
        checked(command, folder, CONTRACTLINT_OK)
    for round_number in range(1, repeat + 1):
        progress(f"  round {round_number}/{repeat}")
        order = list(commands) if round_number % 2 else list(reversed(commands))
        for key in order:
            remove_cache(folder)
            samples[key].append(checked(commands[key], folder, CONTRACTLINT_OK))
    return samples


def bench_formats(
    tools: Tools, folder: Path, repeat: int, jobs: list[str]
) -> dict[str, list[Sample]]:
    """contractlint warm in each output format, alternated; the order rotates from
    round to round, so that no format always runs first."""
    commands = {
        name: [*tools.contractlint, "check", "--format", name, ".", *jobs] for name in FORMATS
    }
    samples: dict[str, list[Sample]] = {key: [] for key in commands}
    for command in commands.values():  # untimed: the cache filled, files in the OS cache
        checked(command, folder, CONTRACTLINT_OK)
    for round_number in range(1, repeat + 1):
        progress(f"  round {round_number}/{repeat}")
        shift = round_number % len(FORMATS)
        for key in (*FORMATS[shift:], *FORMATS[:shift]):
            samples[key].append(checked(commands[key], folder, CONTRACTLINT_OK))
    return samples


def formats_tables(
    files: int, repeat: int, samples: dict[str, list[Sample]]
) -> tuple[list[Table], list[Ratio]]:
    text = median_seconds(samples["text"])
    target = FORMATS_TARGET if files >= FORMATS_FILES else None
    ratios = [
        Ratio(
            f"warm --format {name} / --format text",
            ratio(median_seconds(samples[name]), text),
            target,
        )
        for name in FORMATS
        if name != "text"
    ]
    timing = timing_table(
        f"Output formats ({files} files, warm), {plural(repeat, 'round')}",
        FORMAT_MEASURES,
        samples,
    )
    timing.notes[:0] = [
        "contractlint check --format FORMAT . with the cache filled: every format reports "
        "the same findings of the corpus's flawed files"
    ]
    return [timing, Table("Output formats: ratios", RATIO_HEADERS, ratio_rows(ratios))], ratios


@dataclass
class RuleFindings:
    """What the team rules report on the corpus, from one untimed run in JSON."""

    findings: int
    files: int
    rules: int  # how many of the rules report something


def team_rule_findings(tools: Tools, folder: Path, config: Path, jobs: list[str]) -> RuleFindings:
    """Count the team rules' findings; none at all means the rules did not run."""
    command = [*tools.contractlint, "check", "--no-cache", "--config", config.name]
    command += ["--format", "json", ".", *jobs]
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, check=False, env=CHILD_ENV
    )
    try:
        if done.returncode not in CONTRACTLINT_OK:
            raise ValueError(f"exit status {done.returncode}")
        findings = [
            finding
            for finding in json.loads(done.stdout)["findings"]
            if finding["code"] in teamrules.RULES
        ]
    except (ValueError, KeyError, TypeError) as error:
        raise BenchError(
            f"`{shlex.join(command)}` (in {folder}) gave no JSON report ({error}):\n"
            f"{done.stderr.strip()[-4000:]}"
        ) from None
    if not findings:
        raise BenchError(
            f"`{shlex.join(command)}` (in {folder}): the team rules reported nothing on the "
            "corpus's flawed files; they did not run"
        )
    return RuleFindings(
        len(findings),
        len({finding["path"] for finding in findings}),
        len({finding["code"] for finding in findings}),
    )


# -- reporting ---------------------------------------------------------------------------


def median_seconds(samples: list[Sample]) -> float:
    return statistics.median(sample.seconds for sample in samples)


def median_peak(samples: list[Sample]) -> float:
    return statistics.median(sample.peak_kib for sample in samples)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else float("inf")


def at_floor(samples: list[Sample]) -> bool:
    """Whether the median peak RSS may be this script's own rather than the tool's."""
    return median_peak(samples) <= max(sample.floor_kib for sample in samples)


FLOOR_NOTE = (
    "* peak RSS at or below this script's own ({mib:.1f} MiB), which Linux counts in a "
    "child's ru_maxrss: the tool's own peak is at most this"
)


def timing_table(
    title: str, measures: Sequence[tuple[str, str]], samples: dict[str, list[Sample]]
) -> Table:
    rows = []
    floors = []
    for key, label in measures:
        seconds = [sample.seconds for sample in samples[key]]
        mark = ""
        if at_floor(samples[key]):
            mark = "*"
            floors.append(max(sample.floor_kib for sample in samples[key]))
        rows.append(
            [
                label,
                f"{statistics.median(seconds):.3f}",
                f"{min(seconds):.3f}",
                f"{max(seconds):.3f}",
                f"{median_peak(samples[key]) / 1024:.1f}{mark}",
            ]
        )
    notes = [FLOOR_NOTE.format(mib=max(floors) / 1024)] if floors else []
    return Table(title, TIMING_HEADERS, rows, notes)


TIMING_HEADERS = ["measure", "median s", "min s", "max s", "peak RSS MiB"]
RATIO_HEADERS = ["ratio", "value", "target", "result"]


def ratio_rows(ratios: Sequence[Ratio]) -> list[list[str]]:
    return [
        [
            item.name,
            f"{item.value:.3f}",
            "-" if item.target is None else f"<= {item.target:.2f}",
            item.result,
        ]
        for item in ratios
    ]


# The corpus size from which the timing targets apply: they are set for 2,000 and 10,000
# files (the 1,000-file corpus is there for the memory ratio).
TIMED_FROM = 2000


def size_tables(
    size: int, repeat: int, samples: dict[str, list[Sample]], warnings: list[str]
) -> tuple[list[Table], list[Ratio]]:
    cold = median_seconds(samples["cold"])
    timed = size >= TIMED_FROM
    ratios = [
        Ratio(
            "cold / check-jsonschema",
            ratio(cold, median_seconds(samples["check-jsonschema"])),
            COLD_TARGET if timed else None,
        ),
        Ratio(
            "cold / parse floor",
            ratio(cold, median_seconds(samples["parse-floor"])),
            PARSE_FLOOR_TARGET if timed else None,
        ),
        Ratio(
            "warm / cold",
            ratio(median_seconds(samples["warm"]), cold),
            WARM_TARGET if timed else None,
        ),
        Ratio(
            "warm / cold (json)",
            ratio(median_seconds(samples["warm-json"]), median_seconds(samples["cold-json"])),
            WARM_TARGET if timed else None,
        ),
        Ratio("one changed / cold", ratio(median_seconds(samples["changed"]), cold), None),
        Ratio("cold / yamllint", ratio(cold, median_seconds(samples["yamllint"])), None),
    ]
    for item in ratios:
        item.where = f"{size} files: "
    note = f"contractlint cold: {ratio(size, cold):,.0f} files/s"
    timing = timing_table(f"{size} files, {plural(repeat, 'round')}", MEASURES, samples)
    timing.notes[:0] = [note, *warnings]
    tables = [
        timing,
        Table(f"{size} files: ratios", RATIO_HEADERS, ratio_rows(ratios)),
    ]
    return tables, ratios


def single_tables(
    size: int, repeat: int, samples: dict[str, list[Sample]]
) -> tuple[list[Table], list[Ratio]]:
    contractlint = median_seconds(samples["contractlint"])
    ratios = [
        Ratio(
            "single file: contractlint / check-jsonschema",
            ratio(contractlint, median_seconds(samples["check-jsonschema"])),
            SINGLE_TARGET,
        ),
        Ratio(
            "single file: contractlint / yamllint",
            ratio(contractlint, median_seconds(samples["yamllint"])),
            SINGLE_YAMLLINT_TARGET,
        ),
    ]
    return [
        timing_table(
            f"Single model contract ({size}-file corpus), {plural(repeat, 'run')} each",
            SINGLE_MEASURES,
            samples,
        ),
        Table("Single file: ratios", RATIO_HEADERS, ratio_rows(ratios)),
    ], ratios


def memory_tables(results: dict[int, dict[str, list[Sample]]]) -> tuple[list[Table], list[Ratio]]:
    smallest, largest = min(results), max(results)
    if smallest == largest:
        return [], []
    value = ratio(median_peak(results[largest]["cold"]), median_peak(results[smallest]["cold"]))
    ratios = [Ratio(f"cold peak RSS, {largest} / {smallest} files", value, 1.5)]
    table = Table("Memory", RATIO_HEADERS, ratio_rows(ratios))
    if at_floor(results[largest]["cold"]) or at_floor(results[smallest]["cold"]):
        table.notes.append(
            "contractlint's cold peak RSS is at or below this script's own at one size "
            "(marked * above), so this ratio understates its growth"
        )
    return [table], ratios


def repo_tables(
    tree: RepoTree, repeat: int, samples: dict[str, list[Sample]]
) -> tuple[list[Table], list[Ratio]]:
    value = ratio(median_seconds(samples["contractlint"]), median_seconds(samples["floor"]))
    target = FLOOR_TARGET if tree.written >= TIMED_FROM else None
    ratios = [Ratio("no-contract repo: contractlint / read-only floor", value, target)]
    timing = timing_table(
        f"Repository without contracts ({tree.written} files), {plural(repeat, 'round')}",
        REPO_MEASURES,
        samples,
    )
    codes = sorted({sample.returncode for sample in samples["contractlint"]})
    exits = (
        "contractlint exited 0 in every round"
        if codes == [0]
        else f"contractlint exited {' or '.join(map(str, codes))}: it reported findings "
        "in a repository without contracts"
    )
    timing.notes[:0] = [
        f"both walk the tree and read {tree.read:,} of its {tree.written:,} files "
        f"({tree.read_bytes / 1024 / 1024:.1f} MiB of YAML, JSON and Markdown outside "
        "the skipped folders)",
        exits,
    ]
    return [timing, Table("No-contract repo: ratio", RATIO_HEADERS, ratio_rows(ratios))], ratios


def rules_tables(
    files: int, repeat: int, samples: dict[str, list[Sample]], fired: RuleFindings
) -> tuple[list[Table], list[Ratio]]:
    value = ratio(median_seconds(samples["with"]), median_seconds(samples["without"]))
    target = RULES_TARGET if files == RULES_FILES else None
    ratios = [Ratio(RULES_RATIO, value, target)]
    timing = timing_table(
        f"Team rules ({files} files), {plural(repeat, 'round')}", RULES_MEASURES, samples
    )
    timing.notes[:0] = [
        "contractlint check --no-cache --config FILE . with the corpus's configuration "
        f"(the defaults) and with {len(teamrules.RULES)} team rules added (bench/teamrules.py)",
        f"the team rules report {fired.findings:,} findings in {fired.files:,} files "
        f"({fired.rules} of the {len(teamrules.RULES)} rules fire)",
    ]
    return [timing, Table("Team rules: ratio", RATIO_HEADERS, ratio_rows(ratios))], ratios


def is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("*"))
    except ValueError:
        return False
    return True


def right_aligned(table: Table) -> list[bool]:
    """Columns whose cells are all numbers (right-aligned)."""
    return [
        index > 0 and all(is_number(row[index]) for row in table.rows)
        for index in range(len(table.headers))
    ]


def text_table(table: Table) -> str:
    widths = [
        max(len(cell) for cell in [header, *(row[index] for row in table.rows)])
        for index, header in enumerate(table.headers)
    ]
    right = right_aligned(table)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if is_right else cell.ljust(width)
            for cell, width, is_right in zip(cells, widths, right)
        ).rstrip()

    lines = [table.title, line(table.headers), line(["-" * width for width in widths])]
    lines += [line(row) for row in table.rows]
    lines += table.notes
    return "\n".join(lines)


def markdown_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*")


def markdown_table(table: Table) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(map(markdown_escape, cells)) + " |"

    rule = "|" + "|".join("---:" if is_right else "---" for is_right in right_aligned(table)) + "|"
    lines = [f"### {table.title}", "", line(table.headers), rule, *map(line, table.rows)]
    for note in table.notes:
        lines += ["", markdown_escape(note)]
    return "\n".join(lines)


def machine_lines(tools: Tools) -> list[str]:
    used = [
        (name, command)
        for name, command in (
            ("contractlint", shlex.join(tools.contractlint)),
            ("check-jsonschema", tools.check_jsonschema),
            ("yamllint", tools.yamllint),
        )
        if command  # the peers are not run with --only repo
    ]
    versions = ", ".join(f"{name} {version(name, tools.python)}" for name, _ in used)
    commands = [command for _, command in used]
    if tools.parse_floor:
        commands.append(shlex.join(tools.parse_floor))
    if tools.floor:
        commands.append(shlex.join(tools.floor))
    return [
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        f"versions: {versions}",
        f"commands: {' | '.join(commands)}",
    ]


def command_line() -> str:
    words = ["python", *sys.argv]
    override = os.environ.get("CONTRACTLINT", "").strip()
    prefix = f"CONTRACTLINT={shlex.quote(override)} " if override else ""
    return prefix + shlex.join(words)


def write_markdown(
    path: Path, sections: list[tuple[str, list[Table]]], summary: str, tools: Tools
) -> None:
    parts = ["# contractlint benchmark", ""]
    parts += [f"- {line}" for line in machine_lines(tools)]
    parts += [f"- command: `{command_line()}`", ""]
    for heading, tables in sections:
        parts += [f"## {heading}", ""]
        for table in tables:
            parts += [markdown_table(table), ""]
    parts += [f"**{summary}**", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


# -- command line ------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive numbers")
    return list(dict.fromkeys(sizes))


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


HELP_TARGETS = f"""\
measures, in alternating rounds on each corpus: contractlint cold (text and
--format json, no cache), the parse floor, check-jsonschema, yamllint -d relaxed,
contractlint warm (text and --format json, cache filled) and one file changed;
on one model contract: contractlint --no-cache FILE, check-jsonschema, yamllint.

targets (ratios of medians from the same run; exit 1 when one is missed):
  cold / check-jsonschema              <= {COLD_TARGET:.2f}  (from {TIMED_FROM:,} files)
  cold / parse floor                   <= {PARSE_FLOOR_TARGET:.2f}  (from {TIMED_FROM:,} files)
  warm / cold                          <= {WARM_TARGET:.2f}  (from {TIMED_FROM:,} files)
  warm / cold (json)                   <= {WARM_TARGET:.2f}  (from {TIMED_FROM:,} files)
  single file: contractlint / check-jsonschema <= {SINGLE_TARGET:.2f}
  single file: contractlint / yamllint <= {SINGLE_YAMLLINT_TARGET:.2f}
  cold peak RSS, largest / smallest size <= 1.50
  no-contract repo: contractlint / read-only floor <= {FLOOR_TARGET:.2f}  (from {TIMED_FROM:,})
  {RULES_RATIO} <= {RULES_TARGET:.2f}  (on {RULES_FILES:,} files)
  warm --format FORMAT / --format text <= {FORMATS_TARGET:.2f}  (from {FORMATS_FILES:,} files)
on smaller corpora the timed ratios are printed for information.

CONTRACTLINT names the contractlint command to benchmark (default: contractlint)."""


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark contractlint against check-jsonschema, yamllint and two "
        "floors: the parse floor (bench/parsefloor.py, PyYAML's C loader composing the "
        "corpus's files) and the read-only floor (bench/floor.py).",
        epilog=HELP_TARGETS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=parse_sizes("1000,2000,10000"),
        help="corpus sizes, comma-separated (default 1000,2000,10000)",
    )
    parser.add_argument("--repeat", type=positive, default=3, help="rounds per size (default 3)")
    parser.add_argument(
        "--single-repeat",
        type=positive,
        default=10,
        help="runs of each tool on a single file (default 10)",
    )
    parser.add_argument(
        "--repo-files",
        type=positive,
        default=REPO_FILES,
        help=f"files in the repository without contracts (default {REPO_FILES})",
    )
    parser.add_argument(
        "--repo-repeat",
        type=positive,
        default=10,
        help="rounds on the repository without contracts (default 10)",
    )
    parser.add_argument(
        "--rules-files",
        type=positive,
        default=RULES_FILES,
        help=f"files in the corpus the team rules run on (default {RULES_FILES})",
    )
    parser.add_argument(
        "--rules-repeat",
        type=positive,
        default=5,
        help="rounds without and with the team rules (default 5)",
    )
    parser.add_argument(
        "--formats-files",
        type=positive,
        default=FORMATS_FILES,
        help=f"files in the corpus the output formats run on (default {FORMATS_FILES})",
    )
    parser.add_argument(
        "--formats-repeat",
        type=positive,
        default=7,
        help="rounds of the output formats (default 7)",
    )
    parser.add_argument(
        "--only",
        choices=("corpus", "repo", "rules", "formats"),
        help="run only the contract corpora (with the parse floor and the single file), "
        "only the repository "
        "without contracts, only the team rules, or only the output formats (default: all)",
    )
    parser.add_argument(
        "--jobs",
        type=positive,
        default=None,
        help="pass --jobs N to contractlint (default: not passed)",
    )
    parser.add_argument(
        "--markdown", type=Path, metavar="FILE", help="also write the tables as Markdown to FILE"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep the corpora in DIR instead of a temp dir"
    )
    parser.add_argument(
        "--venv",
        type=Path,
        metavar="DIR",
        help="run the tools from a virtual environment in DIR (created when missing, with "
        "check-jsonschema and yamllint; this checkout of contractlint is installed into it "
        "on every run), as users run them, instead of from this Python's environment",
    )
    return parser.parse_args(argv)


def corpus_folder(keep: Path | None, scratch: Path, name: str) -> Path:
    folder = (keep if keep is not None else scratch) / name
    shutil.rmtree(folder, ignore_errors=True)  # fresh every time
    folder.mkdir(parents=True)
    return folder


def bench_corpora(
    args: argparse.Namespace, tools: Tools, scratch: Path, jobs: list[str]
) -> tuple[list[tuple[str, list[Table]]], list[Ratio]]:
    """The contract corpora, the single file and the memory ratio."""
    sizes: list[int] = args.sizes
    single_size = SINGLE_SIZE if SINGLE_SIZE in sizes else sizes[0]
    sections: list[tuple[str, list[Table]]] = []
    ratios: list[Ratio] = []
    results: dict[int, dict[str, list[Sample]]] = {}
    single_section: tuple[list[Table], list[Ratio]] = ([], [])
    schema_folder = scratch / "schemas"
    schema_folder.mkdir()
    schemas = write_schemas(tools, schema_folder)
    for size in sizes:
        folder = corpus_folder(args.keep, scratch, f"corpus-{size}")
        progress(f"{size} files in {folder}")
        paths = corpus.write(folder, size)
        results[size], warnings = bench_corpus(tools, folder, paths, schemas, args.repeat, jobs)
        tables, size_ratios = size_tables(size, args.repeat, results[size], warnings)
        sections.append((f"{size} files", tables))
        ratios += size_ratios
        if size == single_size:
            progress(f"  single file, {args.single_repeat} runs each")
            single = bench_single(tools, folder, paths, schemas, args.single_repeat, jobs)
            single_section = single_tables(size, args.single_repeat, single)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    sections.append(("Single file", single_section[0]))
    ratios += single_section[1]
    memory, memory_ratios = memory_tables(results)
    if memory:
        sections.append(("Memory", memory))
        ratios += memory_ratios
    return sections, ratios


def bench_no_contracts(
    args: argparse.Namespace, tools: Tools, scratch: Path, jobs: list[str]
) -> tuple[list[tuple[str, list[Table]]], list[Ratio]]:
    """The repository without contracts."""
    folder = corpus_folder(args.keep, scratch, f"repo-{args.repo_files}")
    progress(f"repository without contracts, {args.repo_files} files in {folder}")
    tree = write_repo(tools, folder, args.repo_files)
    samples = bench_repo(tools, folder, args.repo_repeat, jobs)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    tables, ratios = repo_tables(tree, args.repo_repeat, samples)
    return [("Repository without contracts", tables)], ratios


def bench_team_rules(
    args: argparse.Namespace, tools: Tools, scratch: Path, jobs: list[str]
) -> tuple[list[tuple[str, list[Table]]], list[Ratio]]:
    """The corpus cold, without and with the 50 team rules."""
    files: int = args.rules_files
    folder = corpus_folder(args.keep, scratch, f"rules-{files}")
    progress(f"team rules, {files} files in {folder}")
    corpus.write(folder, files)
    configs = teamrules.write(folder)
    fired = team_rule_findings(tools, folder, configs[1], jobs)
    samples = bench_rules(tools, folder, configs, args.rules_repeat, jobs)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    tables, ratios = rules_tables(files, args.rules_repeat, samples, fired)
    return [("Team rules", tables)], ratios


def bench_output_formats(
    args: argparse.Namespace, tools: Tools, scratch: Path, jobs: list[str]
) -> tuple[list[tuple[str, list[Table]]], list[Ratio]]:
    """The corpus warm, in each output format."""
    files: int = args.formats_files
    folder = corpus_folder(args.keep, scratch, f"formats-{files}")
    progress(f"output formats, {files} files in {folder}")
    corpus.write(folder, files)
    samples = bench_formats(tools, folder, args.formats_repeat, jobs)
    if args.keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    tables, ratios = formats_tables(files, args.formats_repeat, samples)
    return [("Output formats", tables)], ratios


def benchmark(args: argparse.Namespace) -> int:
    if args.venv is not None:
        prepare_venv(args.venv.resolve())
    corpora, repo = args.only in (None, "corpus"), args.only in (None, "repo")
    rules = args.only in (None, "rules")
    formats = args.only in (None, "formats")
    tools = find_tools(args.venv.resolve() if args.venv is not None else None, corpora, repo)
    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    sections: list[tuple[str, list[Table]]] = []
    ratios: list[Ratio] = []
    with tempfile.TemporaryDirectory(prefix="contractlint-bench-") as scratch_name:
        scratch = Path(scratch_name)
        for wanted, bench in (
            (corpora, bench_corpora),
            (repo, bench_no_contracts),
            (rules, bench_team_rules),
            (formats, bench_output_formats),
        ):
            if wanted:
                more_sections, more_ratios = bench(args, tools, scratch, jobs)
                sections += more_sections
                ratios += more_ratios

    failed = [f"{item.where}{item.name}" for item in ratios if not item.passed]
    summary = (
        f"FAIL: {len(failed)} target(s) missed: {'; '.join(failed)}"
        if failed
        else "PASS: every target met"
    )
    print("\n".join(machine_lines(tools)))
    print(f"command: {command_line()}")
    for _, tables in sections:
        for table in tables:
            print()
            print(text_table(table))
    print()
    print(summary)
    if args.markdown is not None:
        write_markdown(args.markdown, sections, summary, tools)
        progress(f"Markdown written to {args.markdown}")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return benchmark(args)
    except (BenchError, OSError) as error:
        print(f"run.py: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
