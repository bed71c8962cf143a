"""Real-world files that are not contracts, and broken contracts beside them (SPEC section 1).

``tests/data/realworld/clean/`` holds files in the shapes real tools write them:
JSONC (``tsconfig.json``, ``.vscode/*.json``, ``devcontainer.json``), NDJSON named
``.json``, Helm templates, ``mkdocs.yml`` with ``!!python/name:`` tags, Ansible
``!vault`` values, CloudFormation tags, Kubernetes, Argo and Kubeflow manifests, CI
configs, fixtures that are broken on purpose, Latin-1 / Windows-1252 / UTF-16 / binary
files, Markdown with ``...`` elisions, and other tools' ``kind`` values. None is a
contract, so none may get a finding of any code, walked or named on the command line.

``tests/data/realworld/broken/`` holds contracts that are broken; each must still be
reported, with exactly the findings ``EXPECTED_BROKEN`` names.

The corpus is copied into a temporary folder with ``git init`` and an empty
``.contractlint.yaml``, so neither this repository's ``.gitignore`` nor its config
applies. The CLI runs in a subprocess a handful of times; the per-file cases use
click's runner in-process.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contractlint.cli.commands import cli

from conftest import cli_runner

DATA = Path(__file__).resolve().parent / "data" / "realworld"
CLEAN = DATA / "clean"
BROKEN = DATA / "broken"

OUR_KINDS = ("model-contract", "experiment-plan", "problem-framing", "acceptance-checklist")
LINTED_SUFFIXES = (".yaml", ".yml", ".json", ".md")

# What ruff skips by default (its `exclude` setting); SPEC section 1: walking skips
# "by default what ruff skips". Of the corpus, only `.vscode/` is among them.
RUFF_DEFAULT_EXCLUDES = frozenset(
    {
        ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
        ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype",
        ".ruff_cache", ".svn", ".tox", ".venv", ".vscode", "__pypackages__", "_build",
        "buck-out", "build", "dist", "node_modules", "site-packages", "venv",
        ".contractlint_cache", "__pycache__",
    }
)  # fmt: skip

# Every broken file and the findings it must get: (code, line). Lines are the
# parser's (CL001), the document's first line (a missing top-level field), the
# kind's line (CL002), the bad byte's line (CL006) or 1 (a byte-order mark).
EXPECTED_BROKEN: dict[str, set[tuple[str, int]]] = {
    # `monitoring: [...` never closed; PyYAML stops at the `:` of the next key.
    "invalid-yaml.yaml": {("CL001", 21)},
    # The same with CRLF line endings: the line numbers do not change.
    "crlf-invalid.yaml": {("CL001", 21)},
    # Truncated after `"duration_days": ` on line 16 (no final newline).
    "invalid.json": {("CL001", 16)},
    # `é` in Latin-1 on line 4.
    "latin1.yaml": {("CL006", 4)},
    # A complete contract saved as UTF-16 LE with a byte-order mark.
    "utf16-contract.yaml": {("CL006", 1)},
    # Near-misses of our kinds: CL002 and nothing about any other rule.
    "misspelled.yaml": {("CL002", 2)},
    "ModelContract.yaml": {("CL002", 1)},
    "experiment_plan.json": {("CL002", 2)},
    "acceptance-checklist.yaml": {("CL002", 2)},
    # A fenced contract that does not parse (CL001 in the Markdown file's lines);
    # the fenced non-contract snippets beside it get nothing.
    "README.md": {("CL001", 15)},
    # Front matter contract without a fallback (CL101 at its first line), and a
    # fenced JSON plan with a trailing comma (CL001 at the closing brace).
    "docs/ranking-contract.md": {("CL101", 2), ("CL001", 35)},
    # A plan in a `~~~yaml` fence (a fenced block too) with an unclosed flow sequence.
    "docs/tilde-fence.md": {("CL001", 12)},
    # A stream: only the contract (document 2, line 19) is linted; the Deployment's
    # and ConfigMap's duplicate keys, tags and `on`/`0755` scalars are not ours.
    "stream.yaml": {("CL105", 19)},
    # Unknown tags are read as the plain node beneath them: a complete contract.
    "tagged.yaml": set(),
    "tagged-nodes.yaml": set(),
    # ...and the value under `!Sub` is read: `/rank` has no version segment.
    "tagged-unversioned.yaml": {("CL503", 6)},
}
WARNING_CODES = frozenset({"CL503"})

# `kind` values of other tools that look close to ours but are not near-misses.
CLOSE_BUT_NOT_OURS = (
    "DataContract",  # Open Data Contract Standard (other-kinds/orders.odcs.yaml)
    "Contract",  # an in-house operator's custom resource (other-kinds/pact-contract.yaml)
    "ExperimentConfig",  # other-kinds/experiment-config.yaml
    "Model",  # Seldon Core v2 (other-kinds/seldon-model.yaml)
    "plan",  # a rollout plan (other-kinds/rollout-plan.json)
    "Experiment",  # Katib, Seldon
    "model-card",  # Markdown front matter (other-kinds/model-card.md)
    "ModelServing",  # a CRD's kind
    "InferenceService",  # KServe
    "contract",  # NDJSON events (analytics/clickstream.json)
    "experiment",
    "model",
)
# Our kinds and their near-misses: the helper must flag every one of these.
NEAR_MISSES = (
    "model-contract",
    "ModelContract",
    "model_contract",
    "Model Contract",
    "MODEL-CONTRACT",
    "modelContract",
    "model-contrct",
    "model-contrcat",
    "experiment_plan",
    "ExperimentPlan",
    "experiment-plans",
    "problemFraming",
    "problem-framin",
    "Acceptance Checklist",
    "acceptance-check-list",
)

# Clean files whose text holds one of our kinds after `kind:` where it is no key of a
# document: the sniff may look at them, but they must still get no finding.
EMBEDS_OUR_KIND = {
    "k8s/base/contract-configmap.yaml": "a ConfigMap carries a contract's text in a block scalar",
    "k8s/base/modelserving-ranker.yaml": "a custom resource nests a contract under spec",
    "schemas/model-contract.schema.json": "a JSON Schema's example",
    "docs/contracts.md": "prose, a console block and a text block",
    "docs/writing-contracts.md": "a yaml fence inside a markdown fence, a tilde text fence, "
    "an indented code block",
    "charts/ranker/templates/contract-configmap.yaml": "a Go-template comment in a Helm template",
    "charts/ranker/templates/prometheusrule.yaml": "YAML comments in a Helm template",
}

# A `kind` key (YAML, JSON or TOML front matter) and its value, for the corpus guard.
KIND_VALUE = re.compile(
    r"""(?:^|(?<=[\s{,]))["']?kind["']?[ \t]*[:=][ \t]*(?:![^\s]*[ \t]+)?["']?"""
    r"""([A-Za-z][A-Za-z0-9_. -]*[A-Za-z0-9]|[A-Za-z])""",
    re.MULTILINE,
)


def corpus_files(folder: Path) -> list[str]:
    """Every file under ``folder``, as sorted POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


CLEAN_FILES = corpus_files(CLEAN)
BROKEN_FILES = corpus_files(BROKEN)


# --- the near-miss rule, as SPEC section 1 states it --------------------------------------


def normalise(value: str) -> str:
    """camelCase -> kebab-case, ``_`` and spaces -> ``-``, lower case."""
    kebab = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", value.strip())
    return re.sub(r"[_\s]+", "-", kebab).lower()


def levenshtein(a: str, b: str) -> int:
    """The edit distance between ``a`` and ``b`` (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def ours_or_near_miss(value: str) -> bool:
    """``value`` is one of our kinds or a near-miss of one (would be linted or be CL002)."""
    forms = {value.lower().strip(), normalise(value)}
    return any(levenshtein(form, kind) <= 2 for form in forms for kind in OUR_KINDS)


def text_of(path: Path) -> str:
    """A corpus file's text, best effort (UTF-16 by its mark, else UTF-8 with replacements)."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8", errors="replace")


def kind_values(text: str) -> list[str]:
    return [match.group(1).strip() for match in KIND_VALUE.finditer(text)]


# --- running the CLI -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus copied into a fresh git work tree with an empty config at its root."""
    root = tmp_path_factory.mktemp("realworld")
    shutil.copytree(CLEAN, root / "clean")
    shutil.copytree(BROKEN, root / "broken")
    (root / ".contractlint.yaml").write_bytes(b"")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    else:  # a `.git` folder is all that marks the project root
        (root / ".git").mkdir()
    return root


_NEUTRAL_ENV = ("NO_COLOR", "CONTRACTLINT_OUTPUT_FORMAT", "GITHUB_ACTIONS", "CONTRACTLINT_DEBUG")


def run_subprocess(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m contractlint check --no-cache ARGS`` in ``cwd``, as a user runs it."""
    env = {k: v for k, v in os.environ.items() if k not in _NEUTRAL_ENV}
    env["CONTRACTLINT_NO_CACHE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


def run_json(cwd: Path, *args: str) -> tuple[int, dict[str, Any]]:
    done = run_subprocess(cwd, "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    payload: dict[str, Any] = json.loads(done.stdout)
    assert payload["version"] == 1
    return done.returncode, payload


def run_in_process(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """``contractlint check --no-cache --format json ARGS`` through click, in ``cwd``."""
    monkeypatch.chdir(cwd)
    env: dict[str, str | None] = dict.fromkeys(_NEUTRAL_ENV)
    result = cli_runner().invoke(cli, ["check", "--no-cache", "--format", "json", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    return result


def located(payload: dict[str, Any]) -> set[tuple[str, str, int]]:
    """(code, path, line) of every finding, paths with forward slashes."""
    return {(f["code"], f["path"].replace("\\", "/"), f["line"]) for f in payload["findings"]}


def described(payload: dict[str, Any]) -> list[str]:
    """The findings as ``path:line:col CODE message`` lines, for failure messages."""
    return [
        f"{f['path']}:{f['line']}:{f['column']} {f['code']} {f['message']}"
        for f in payload["findings"]
    ]


def expected_broken(prefix: str) -> set[tuple[str, str, int]]:
    return {
        (code, f"{prefix}{name}", line)
        for name, findings in EXPECTED_BROKEN.items()
        for code, line in findings
    }


def walked(files: list[str]) -> list[str]:
    """The corpus files that walking a folder reads (none under a default-excluded folder)."""
    return [
        name
        for name in files
        if name.endswith(LINTED_SUFFIXES)
        and not RUFF_DEFAULT_EXCLUDES.intersection(Path(name).parts[:-1])
    ]


# --- the corpus itself ---------------------------------------------------------------------


def test_corpus_is_large_and_accounted_for() -> None:
    assert len(CLEAN_FILES) >= 45, CLEAN_FILES
    assert all(name.endswith(LINTED_SUFFIXES) for name in CLEAN_FILES + BROKEN_FILES)
    # Every broken file has its expected findings written down, and no more.
    assert set(EXPECTED_BROKEN) == set(BROKEN_FILES)
    assert set(EMBEDS_OUR_KIND) <= set(CLEAN_FILES)


def test_corpus_bytes_are_kept_as_written() -> None:
    """git must not touch the bytes (``* -text``): encodings, marks and line endings."""
    assert (DATA / ".gitattributes").read_text().split() == ["*", "-text"]

    def not_utf8(data: bytes) -> bool:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False

    stores = (CLEAN / "legacy/stores.yaml").read_bytes()
    assert not_utf8(stores) and "München".encode("latin-1") in stores
    prices = (CLEAN / "legacy/prices.json").read_bytes()
    assert not_utf8(prices) and "€".encode("cp1252") in prices
    utf16 = (CLEAN / "legacy/deployment-utf16.yaml").read_bytes()
    assert utf16.startswith(codecs.BOM_UTF16_LE)
    assert "\r\nkind: Deployment\r\n" in utf16.decode("utf-16")
    assert (CLEAN / "legacy/report-utf8-bom.json").read_bytes().startswith(codecs.BOM_UTF8)
    assert b"\x00" in (CLEAN / "assets/logo.json").read_bytes()
    assert (CLEAN / "assets/logo.json").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert b"\t" in (CLEAN / "tests/fixtures/invalid/tabs.yaml").read_bytes()
    assert (CLEAN / "tests/fixtures/empty.yaml").read_bytes() == b""
    assert (CLEAN / "tests/fixtures/empty.json").read_bytes() == b""
    assert not (CLEAN / "tests/fixtures/invalid/truncated.json").read_bytes().endswith(b"}")

    assert not_utf8((BROKEN / "latin1.yaml").read_bytes())
    utf16_contract = (BROKEN / "utf16-contract.yaml").read_bytes()
    assert utf16_contract.startswith(codecs.BOM_UTF16_LE)
    assert utf16_contract.decode("utf-16").startswith("kind: model-contract\n")
    crlf = (BROKEN / "crlf-invalid.yaml").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 20
    assert not (BROKEN / "invalid.json").read_bytes().endswith(b"\n")


# --- A: walking the clean folder ------------------------------------------------------------


def test_walking_the_clean_folder_reports_nothing(corpus: Path) -> None:
    code, payload = run_json(corpus, "clean")
    assert payload["findings"] == [], "\n".join(described(payload))
    assert code == 0


def test_walking_the_clean_folder_reads_every_file_and_finds_no_contract(corpus: Path) -> None:
    """The text summary (SPEC section 1): no contract, and every walkable file seen."""
    done = run_subprocess(corpus, "--format", "text", "clean")
    assert done.returncode == 0, done.stdout + done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    match = re.match(r"No contract found in ([\d,]+) files? \(a contract has kind: ", summary)
    assert match, done.stdout
    assert int(match.group(1).replace(",", "")) == len(walked(CLEAN_FILES))


# --- B: naming the clean files, as pre-commit does ------------------------------------------


def test_naming_every_clean_file_reports_nothing(corpus: Path) -> None:
    names = [f"clean/{name}" for name in CLEAN_FILES]
    code, payload = run_json(corpus, "--force-exclude", *names)
    assert payload["findings"] == [], "\n".join(described(payload))
    assert code == 0


@pytest.mark.parametrize("name", CLEAN_FILES)
def test_naming_one_clean_file_reports_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # Without --force-exclude a named file is always read (even under `.vscode/`);
    # with it, as pre-commit runs the hook.
    for flags in ((), ("--force-exclude",)):
        result = run_in_process(corpus, monkeypatch, *flags, f"clean/{name}")
        payload = json.loads(result.stdout)
        assert payload["findings"] == [], (flags, described(payload))
        assert result.exit_code == 0, (flags, result.output)


def test_a_data_file_over_the_size_limit_is_no_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """6 MiB of NDJSON events named `.json` (over the default 5 MiB limit): not a
    candidate, so not CL006 either, walked or named."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".contractlint.yaml").write_bytes(b"")
    line = (CLEAN / "data/raw/events.json").read_bytes().splitlines(keepends=True)[2]
    events = tmp_path / "data" / "events-2024-05.json"
    events.parent.mkdir()
    events.write_bytes(line * (6 * 1024 * 1024 // len(line) + 1))
    assert events.stat().st_size > 6 * 1024 * 1024
    for args in (("data",), ("data/events-2024-05.json",), ("--force-exclude", "data")):
        result = run_in_process(tmp_path, monkeypatch, *args)
        payload = json.loads(result.stdout)
        assert payload["findings"] == [], (args, described(payload))
        assert result.exit_code == 0, (args, result.output)


# --- C: the broken contracts ----------------------------------------------------------------


def test_broken_folder_reports_exactly_the_expected_findings(corpus: Path) -> None:
    code, payload = run_json(corpus, "broken")
    assert located(payload) == expected_broken("broken/"), "\n".join(described(payload))
    assert len(payload["findings"]) == len(expected_broken("broken/"))  # each reported once
    assert code == 1


def test_clean_files_add_nothing_beside_broken_ones(corpus: Path) -> None:
    code, payload = run_json(corpus, "broken", "clean")
    assert located(payload) == expected_broken("broken/"), "\n".join(described(payload))
    assert code == 1

    names = [f"clean/{name}" for name in CLEAN_FILES] + [f"broken/{n}" for n in BROKEN_FILES]
    code, payload = run_json(corpus, "--force-exclude", *names)
    assert located(payload) == expected_broken("broken/"), "\n".join(described(payload))
    assert code == 1


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_each_broken_file_alone(corpus: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    result = run_in_process(corpus, monkeypatch, "--force-exclude", f"broken/{name}")
    payload = json.loads(result.stdout)
    found = {(code, line) for code, _path, line in located(payload)}
    assert found == EXPECTED_BROKEN[name], described(payload)
    fails = any(code not in WARNING_CODES for code, _line in EXPECTED_BROKEN[name])
    assert result.exit_code == (1 if fails else 0), result.output


def test_unknown_tags_are_read_as_the_plain_node_beneath(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_in_process(
        corpus,
        monkeypatch,
        "broken/tagged.yaml",
        "broken/tagged-nodes.yaml",
        "broken/tagged-unversioned.yaml",
    )
    payload = json.loads(result.stdout)
    codes = {(path, code) for code, path, _line in located(payload)}
    # A tag never breaks the file.
    assert not any(code == "CL001" for _path, code in codes), described(payload)
    # `rollback: !vault |`, `retraining_trigger: !Ref ...`, `endpoint: !Sub /v1/rank`
    # are read: no rule finds them missing, and `/v1/rank` is versioned.
    assert not any(path == "broken/tagged.yaml" for path, _code in codes), described(payload)
    # Tagged mappings and sequences (owners, response, latency budget, fallback,
    # monitoring, logging) are read as well.
    assert not any(path == "broken/tagged-nodes.yaml" for path, _code in codes)
    # The value under `!Sub` is really read: `/rank` has no version segment.
    assert codes == {("broken/tagged-unversioned.yaml", "CL503")}, described(payload)


# --- D: the near-miss guard -----------------------------------------------------------------


@pytest.mark.parametrize("value", CLOSE_BUT_NOT_OURS)
def test_close_kinds_are_not_near_misses(value: str) -> None:
    assert not ours_or_near_miss(value), f"{value!r} is a near-miss of one of our kinds"


@pytest.mark.parametrize("value", NEAR_MISSES)
def test_the_guard_flags_near_misses(value: str) -> None:
    assert ours_or_near_miss(value), f"the guard misses {value!r}"


def test_the_guard_is_the_spec_rule() -> None:
    assert normalise("ModelContract") == "model-contract"
    assert normalise("acceptance_Checklist") == "acceptance-checklist"
    assert normalise("Problem Framing") == "problem-framing"
    assert levenshtein("model-contrct", "model-contract") == 1
    assert levenshtein("model-contrcat", "model-contract") == 2
    assert levenshtein("model-contr", "model-contract") == 3
    assert not ours_or_near_miss("model-contr")  # distance 3


def _clean_texts() -> Iterator[tuple[str, str]]:
    for name in CLEAN_FILES:
        yield name, text_of(CLEAN / name)


def test_every_kind_in_the_clean_corpus_is_someone_elses() -> None:
    seen: dict[str, set[str]] = {}
    for name, text in _clean_texts():
        for value in kind_values(text):
            seen.setdefault(value, set()).add(name)
    # The guard reads the corpus: Kubernetes kinds, the "close" kinds above, NDJSON.
    for value in ("Deployment", "CustomResourceDefinition", "Workflow", "click", "page"):
        assert value in seen, sorted(seen)
    for value in CLOSE_BUT_NOT_OURS:
        assert value in seen, f"{value!r} is listed but no clean file holds it"
    offenders = {
        value: sorted(names - set(EMBEDS_OUR_KIND))
        for value, names in seen.items()
        if ours_or_near_miss(value) and names - set(EMBEDS_OUR_KIND)
    }
    assert offenders == {}, "clean files hold a kind that is ours or a near-miss"


@pytest.mark.parametrize("name", sorted(EMBEDS_OUR_KIND))
def test_files_that_embed_our_kind_really_do(name: str) -> None:
    """Each allow-listed file holds one of our kinds after `kind:`, so it tests the sniff."""
    assert any(value in OUR_KINDS for value in kind_values(text_of(CLEAN / name)))
