"""``bench/run.py``'s verdicts: which ratios are targets, at which corpus sizes; the
pieces of its "repository without contracts" case; and the 50 team rules of its "team
rules" case.

The benchmark itself takes minutes and needs the peer tools; these tests feed its
report functions made-up timings and check what it would print and decide. The
repository case is checked on a small tree: the generator is deterministic and writes
no contract, and the read-only floor reads exactly the files contractlint walks.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"
FLOOR = BENCH.parent / "floor.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def floor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_floor", FLOOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def samples(bench: ModuleType, **seconds: float) -> dict[str, list]:
    return {name: [bench.Sample(seconds[name], 20_000, 10_000)] for name, _ in bench.MEASURES}


TIMES = {"cold": 1.0, "check-jsonschema": 10.0, "yamllint": 10.0, "changed": 0.3}


@pytest.mark.parametrize("size", [2000, 10000])
def test_the_timing_targets_hold_from_2000_files(bench: ModuleType, size: int) -> None:
    _, ratios = bench.size_tables(size, 3, samples(bench, warm=0.09, **TIMES), [])
    found = {r.name: (round(r.value, 3), r.target, r.result) for r in ratios}
    assert found["cold / check-jsonschema"] == (0.1, 0.20, "PASS")
    assert found["warm / cold"] == (0.09, 0.10, "PASS")
    _, missed = bench.size_tables(size, 3, samples(bench, warm=0.11, **TIMES), [])
    assert [r.name for r in missed if not r.passed] == ["warm / cold"]


def test_below_2000_files_the_timing_ratios_are_information(bench: ModuleType) -> None:
    _, ratios = bench.size_tables(1000, 3, samples(bench, warm=0.5, **TIMES), [])
    assert {r.name: r.result for r in ratios} == {
        "cold / check-jsonschema": "info",
        "warm / cold": "info",
        "one changed / cold": "info",
        "cold / yamllint": "info",
    }
    assert all(r.passed for r in ratios)


# -- the repository without contracts --------------------------------------------------

REPO_FILES = 200


def tree_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def repo(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("repo")
    paths = bench.nocontract.write(folder, REPO_FILES)
    assert len(paths) == len(set(paths)) == REPO_FILES
    return folder


def test_the_no_contract_repo_is_the_same_every_time(
    bench: ModuleType, repo: Path, tmp_path: Path
) -> None:
    bench.nocontract.write(tmp_path, REPO_FILES)
    assert tree_of(tmp_path) == tree_of(repo)


def test_the_no_contract_repo_holds_no_contract(bench: ModuleType, repo: Path) -> None:
    files = tree_of(repo)
    assert len(files) == REPO_FILES
    for path, data in files.items():
        for kind in bench.corpus.KINDS:
            assert kind.encode() not in data, f"{path} names {kind}"


def test_the_no_contract_repo_is_a_mixed_repository(
    bench: ModuleType, floor: ModuleType, repo: Path
) -> None:
    files = tree_of(repo)
    suffixes = {Path(path).suffix for path in files}
    assert {".yaml", ".yml", ".json", ".md", ".py", ".ts", ".txt"} <= suffixes
    texts = b"\n".join(files.values())
    for marker in (b"kind: Deployment", b"{{ .Values.", b"${{ ", b"!!python/name:", b"// "):
        assert marker in texts
    assert any(b"\n{" in data and path.endswith(".json") for path, data in files.items())
    # Folders contractlint skips, with YAML, JSON or Markdown files in them.
    skipped = {
        path.split("/")[0]
        for path in files
        if path.endswith((".yaml", ".yml", ".json", ".md")) and "/" in path
    } & floor.SKIPPED
    assert {".git", "node_modules", ".venv", ".mypy_cache", "build", "dist"} <= skipped
    sizes = sorted(len(data) for data in files.values())
    assert 500 <= sizes[len(sizes) // 2] <= 10_000


def test_the_floor_reads_the_files_contractlint_walks(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contractlint import config
    from contractlint.pipeline import discover

    listed = subprocess.run(
        [sys.executable, str(FLOOR), "--list", "."],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    monkeypatch.chdir(repo)
    settings = config.load()
    found = discover.discover(["."], settings.root, settings.include, settings.exclusions)
    walked = sorted(target.display for target in found.targets)
    assert listed == walked
    assert len(listed) > REPO_FILES // 2
    assert not any(path.startswith((".git/", "node_modules/", ".venv/")) for path in listed)


def repo_samples(bench: ModuleType, contractlint: float, code: int = 0) -> dict[str, list]:
    return {
        "contractlint": [bench.Sample(contractlint, 20_000, 10_000, code)],
        "floor": [bench.Sample(0.1, 9_000, 10_000)],
    }


def test_the_no_contract_repo_target_is_three_times_the_floor(bench: ModuleType) -> None:
    tree = bench.RepoTree(3000, 2000, 9 * 1024 * 1024)
    tables, ratios = bench.repo_tables(tree, 10, repo_samples(bench, 0.29))
    assert [(r.name, round(r.value, 3), r.target, r.result) for r in ratios] == [
        ("no-contract repo: contractlint / read-only floor", 2.9, 3.0, "PASS")
    ]
    assert "contractlint exited 0 in every round" in tables[0].notes
    assert "no-contract repo: contractlint / read-only floor" in bench.text_table(tables[1])
    _, missed = bench.repo_tables(tree, 10, repo_samples(bench, 0.31))
    assert [r.result for r in missed] == ["FAIL"]


def test_findings_in_the_no_contract_repo_are_reported_not_judged(bench: ModuleType) -> None:
    tree = bench.RepoTree(3000, 2000, 9 * 1024 * 1024)
    tables, ratios = bench.repo_tables(tree, 10, repo_samples(bench, 0.2, code=1))
    assert [r.result for r in ratios] == ["PASS"]
    assert any("exited 1" in note for note in tables[0].notes)


def test_below_2000_files_the_no_contract_ratio_is_information(bench: ModuleType) -> None:
    tree = bench.RepoTree(1000, 700, 3 * 1024 * 1024)
    _, ratios = bench.repo_tables(tree, 10, repo_samples(bench, 0.9))
    assert [r.result for r in ratios] == ["info"]
    assert all(r.passed for r in ratios)


def test_the_floor_runs_on_the_python_that_runs_contractlint(
    bench: ModuleType, tmp_path: Path
) -> None:
    default = Path("/default/python")
    script = tmp_path / "contractlint"
    script.write_text("#!/env/bin/python3.12\nimport sys\n", encoding="utf-8")
    assert bench.interpreter_of([str(script)], default) == "/env/bin/python3.12"
    script.write_text(
        "#!/bin/sh\n'''exec' \"/a long/path/bin/python\" \"$0\" \"$@\"\n' '''\n",
        encoding="utf-8",
    )
    assert bench.interpreter_of([str(script)], default) == "/a long/path/bin/python"
    assert bench.interpreter_of(["/x/bin/python3", "-m", "contractlint"], default) == (
        "/x/bin/python3"
    )
    script.write_bytes(b"\x7fELF\x02\x01")
    assert bench.interpreter_of([str(script)], default) == str(default)
    assert bench.interpreter_of([str(tmp_path / "missing")], default) == str(default)


def test_only_repo_runs_the_no_contract_case_alone(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    code = bench.main(["--only", "repo", "--repo-files", str(REPO_FILES), "--repo-repeat", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Repository without contracts ({REPO_FILES} files), 1 round" in out
    assert "no-contract repo: contractlint / read-only floor" in out
    assert "check-jsonschema" not in out
    assert "files:" not in out  # no corpus table


# -- team rules ------------------------------------------------------------------------

RULES_FILES = 200  # flawed files of every kind, a second to check


@pytest.fixture(scope="module")
def rules_corpus(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    bench.corpus.write(folder, RULES_FILES)
    bench.teamrules.write(folder)
    return folder


def test_the_generator_writes_fifty_rules_the_same_every_time(
    bench: ModuleType, tmp_path: Path
) -> None:
    rules = bench.teamrules
    text = rules.config_text(True)
    assert text == rules.config_text(True)
    parsed = yaml.safe_load(text)
    assert list(parsed) == ["rules"] and parsed["rules"] == rules.RULES
    codes = re.findall(r"^  ([A-Z0-9]+):$", text, flags=re.MULTILINE)
    assert len(codes) == len(set(codes)) == 50
    names = [rule["name"] for rule in rules.RULES.values()]
    assert len(set(names)) == 50
    without, with_rules = rules.write(tmp_path)
    assert with_rules.read_text(encoding="utf-8") == text
    assert yaml.safe_load(without.read_text(encoding="utf-8")) is None  # the defaults
    assert text.startswith(without.read_text(encoding="utf-8"))


def test_the_rules_use_every_function_kind_and_kind_of_given(bench: ModuleType) -> None:
    rules = bench.teamrules.RULES.values()
    clauses = [
        clause
        for rule in rules
        for clause in (rule["then"] if isinstance(rule["then"], list) else [rule["then"]])
    ]
    assert {clause["function"] for clause in clauses} == set(bench.teamrules.FUNCTIONS)
    assert {"match", "not-match"} <= {key for clause in clauses for key in clause}
    givens = [rule["given"] for rule in rules]
    for function in bench.teamrules.JSONPATH_FUNCTIONS:
        assert any(f"{function}(" in given for given in givens), function
    assert any(given.startswith("/") for given in givens)  # JSON Pointers
    assert any(given.startswith("$..") for given in givens)  # recursive descent
    assert any("[?" in given for given in givens)  # filters
    assert any("[*]" in given or ".*" in given for given in givens)  # wildcards
    assert any("$." in given.partition("[?")[2] for given in givens)  # absolute in a filter
    kinds = {kind for rule in rules for kind in rule.get("kinds", [])}
    assert kinds == set(bench.corpus.KINDS)
    assert any("kinds" not in rule for rule in rules)  # every kind


CHECK = [sys.executable, "-m", "contractlint", "check", "--no-cache"]


def check_json(folder: Path, config: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CHECK, "--config", config, "--format", "json", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )


def test_contractlint_accepts_the_rules_and_they_fire_on_the_flawed_files(
    bench: ModuleType, rules_corpus: Path
) -> None:
    run = check_json(rules_corpus, "bench-config-team-rules.yaml")
    assert run.returncode in (0, 1), run.stderr  # never 2: every rule is accepted
    report = json.loads(run.stdout)
    fired = {f["code"] for f in report["findings"] if f["code"] in bench.teamrules.RULES}
    assert fired == set(bench.teamrules.FIRE_ON_FLAWS)
    without = check_json(rules_corpus, "bench-config-without-rules.yaml")
    assert without.returncode in (0, 1), without.stderr
    assert json.loads(without.stdout)["summary"]["files"] == report["summary"]["files"]
    assert not any(f["code"].startswith("ACME") for f in json.loads(without.stdout)["findings"])


def test_the_bench_counts_what_the_rules_report_and_refuses_rules_that_do_not_run(
    bench: ModuleType, rules_corpus: Path
) -> None:
    tools = bench.find_tools(None, peers=False)
    fired = bench.team_rule_findings(
        tools, rules_corpus, rules_corpus / "bench-config-team-rules.yaml", []
    )
    assert fired.rules == len(bench.teamrules.FIRE_ON_FLAWS) and fired.findings >= fired.files
    with pytest.raises(bench.BenchError, match="did not run"):
        bench.team_rule_findings(
            tools, rules_corpus, rules_corpus / "bench-config-without-rules.yaml", []
        )


def rules_samples(bench: ModuleType, with_rules: float) -> dict[str, list]:
    return {
        "without": [bench.Sample(1.0, 20_000, 10_000, 1)],
        "with": [bench.Sample(with_rules, 22_000, 10_000, 1)],
    }


FIRED = {"findings": 540, "files": 520, "rules": 8}


def test_the_team_rules_target_is_twenty_percent_on_2000_files(bench: ModuleType) -> None:
    fired = bench.RuleFindings(**FIRED)
    tables, ratios = bench.rules_tables(2000, 5, rules_samples(bench, 1.19), fired)
    assert [(r.name, round(r.value, 3), r.target, r.result) for r in ratios] == [
        ("50 team rules: cold with / cold without", 1.19, 1.20, "PASS")
    ]
    assert "Team rules (2000 files), 5 rounds" in bench.text_table(tables[0])
    assert any("540 findings in 520 files (8 of the 50 rules fire)" in n for n in tables[0].notes)
    assert "50 team rules: cold with / cold without  1.190  <= 1.20  PASS" in (
        bench.text_table(tables[1])
    )
    _, missed = bench.rules_tables(2000, 5, rules_samples(bench, 1.21), fired)
    assert [(r.result, r.passed) for r in missed] == [("FAIL", False)]


@pytest.mark.parametrize("files", [1000, 10000])
def test_on_another_corpus_the_team_rules_ratio_is_information(
    bench: ModuleType, files: int
) -> None:
    _, ratios = bench.rules_tables(files, 5, rules_samples(bench, 3.0), bench.RuleFindings(**FIRED))
    assert [(r.target, r.result, r.passed) for r in ratios] == [(None, "info", True)]


def test_the_rule_runs_name_their_config_both_times(bench: ModuleType, tmp_path: Path) -> None:
    tools = bench.Tools(["contractlint"], "", "", Path(sys.executable))
    configs = bench.teamrules.write(tmp_path)
    commands = bench.rules_commands(tools, configs, ["--jobs", "2"])
    cold = ["contractlint", "check", "--no-cache", "--config"]
    assert commands == {
        "without": [*cold, "bench-config-without-rules.yaml", ".", "--jobs", "2"],
        "with": [*cold, "bench-config-team-rules.yaml", ".", "--jobs", "2"],
    }


def test_only_rules_runs_the_team_rules_case_alone(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    code = bench.main(["--only", "rules", "--rules-files", "40", "--rules-repeat", "1"])
    out = capsys.readouterr().out
    assert code == 0, out  # 40 files: the ratio is information
    assert "Team rules (40 files), 1 round" in out
    assert "50 team rules: cold with / cold without" in out
    assert "check-jsonschema" not in out and "yamllint" not in out
    assert "Repository without contracts" not in out


# Output formats -------------------------------------------------------------------------


def formats_samples(bench: ModuleType, factor: float) -> dict[str, list]:
    """Text at 0.1 s, every other format at ``factor`` times that."""
    return {
        name: [bench.Sample(0.1 if name == "text" else 0.1 * factor, 20_000, 0)]
        for name in bench.FORMATS
    }


def test_every_format_is_held_to_1_3_times_text_on_2000_files(bench: ModuleType) -> None:
    tables, ratios = bench.formats_tables(2000, 7, formats_samples(bench, 1.25))
    assert [(r.name, round(r.value, 3), r.target, r.result) for r in ratios] == [
        (f"warm --format {name} / --format text", 1.25, 1.30, "PASS")
        for name in ("json", "github", "gitlab", "junit", "sarif")
    ]
    assert "Output formats (2000 files, warm), 7 rounds" in bench.text_table(tables[0])
    _, missed = bench.formats_tables(2000, 7, formats_samples(bench, 1.31))
    assert all(r.result == "FAIL" for r in missed)
    _, small = bench.formats_tables(40, 7, formats_samples(bench, 3.0))
    assert all((r.target, r.result) == (None, "info") for r in small)


def test_only_formats_runs_the_formats_case_alone(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    code = bench.main(["--only", "formats", "--formats-files", "40", "--formats-repeat", "1"])
    out = capsys.readouterr().out
    assert code == 0, out  # 40 files: the ratios are information
    for name in bench.FORMATS:
        assert f"contractlint warm --format {name}" in out
    assert "warm --format sarif / --format text" in out
    assert "Team rules" not in out and "check-jsonschema" not in out
