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
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"
FLOOR = BENCH.parent / "floor.py"
PARSE_FLOOR = BENCH.parent / "parsefloor.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def load_script(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def floor() -> ModuleType:
    return load_script("bench_floor", FLOOR)


@pytest.fixture(scope="module")
def parsefloor() -> ModuleType:
    return load_script("bench_parsefloor", PARSE_FLOOR)


def samples(bench: ModuleType, **seconds: float) -> dict[str, list[Any]]:
    return {name: [bench.Sample(seconds[name], 20_000, 10_000)] for name, _ in bench.MEASURES}


TIMES = {"cold": 1.0, "check-jsonschema": 10.0, "yamllint": 10.0, "changed": 0.3}
# Every corpus ratio passing: warm / cold 0.04 in text and in JSON, cold 1.4 x the floor.
PASSING = {**TIMES, "warm": 0.04, "cold-json": 2.0, "warm-json": 0.08, "parse-floor": 1 / 1.4}


@pytest.mark.parametrize("size", [2000, 10000])
def test_the_timing_targets_hold_from_2000_files(bench: ModuleType, size: int) -> None:
    tables, ratios = bench.size_tables(size, 3, samples(bench, **PASSING), [])
    found = {r.name: (round(r.value, 3), r.target, r.result) for r in ratios}
    assert found == {
        "cold / check-jsonschema": (0.1, 0.20, "PASS"),
        "cold / parse floor": (1.4, 1.5, "PASS"),
        "warm / cold": (0.04, 0.05, "PASS"),
        "warm / cold (json)": (0.04, 0.05, "PASS"),
        "one changed / cold": (0.3, None, "info"),
        "cold / yamllint": (0.1, None, "info"),
    }
    ratio_table = bench.text_table(tables[1])
    assert re.search(r"^cold / parse floor +1\.400  <= 1\.50  PASS$", ratio_table, re.M)
    assert re.search(r"^warm / cold \(json\) +0\.040  <= 0\.05  PASS$", ratio_table, re.M)
    assert re.search(r"^warm / cold +0\.040  <= 0\.05  PASS$", ratio_table, re.M)
    measures = [row[0] for row in tables[0].rows]
    for label in (
        "contractlint cold --format json",
        "parse floor (bench/parsefloor.py)",
        "contractlint warm --format json",
    ):
        assert label in measures


@pytest.mark.parametrize(
    ("missed", "name"),
    [
        ({"warm": 0.06}, "warm / cold"),  # the 0.10 it was passes no more
        ({"warm-json": 0.11}, "warm / cold (json)"),  # 0.055: JSON has its own target
        ({"parse-floor": 1 / 1.6}, "cold / parse floor"),
        ({"check-jsonschema": 4.0}, "cold / check-jsonschema"),
    ],
)
@pytest.mark.parametrize("size", [2000, 10000])
def test_each_timing_target_fails_on_its_own(
    bench: ModuleType, size: int, missed: dict[str, float], name: str
) -> None:
    _, ratios = bench.size_tables(size, 3, samples(bench, **{**PASSING, **missed}), [])
    assert [(r.name, r.result) for r in ratios if not r.passed] == [(name, "FAIL")]


def test_the_json_ratio_divides_warm_json_by_cold_json(bench: ModuleType) -> None:
    # Warm JSON within 0.05 of cold JSON, though not of cold text: passes.
    times = {**PASSING, "cold": 1.0, "cold-json": 4.0, "warm-json": 0.19}
    _, ratios = bench.size_tables(2000, 3, samples(bench, **times), [])
    found = {r.name: round(r.value, 4) for r in ratios}
    assert found["warm / cold (json)"] == 0.0475
    assert all(r.passed for r in ratios)


def test_below_2000_files_the_timing_ratios_are_information(bench: ModuleType) -> None:
    slow = {**PASSING, "warm": 0.5, "warm-json": 1.0, "parse-floor": 0.1}
    _, ratios = bench.size_tables(1000, 3, samples(bench, **slow), [])
    assert {r.name: r.result for r in ratios} == {
        "cold / check-jsonschema": "info",
        "cold / parse floor": "info",
        "warm / cold": "info",
        "warm / cold (json)": "info",
        "one changed / cold": "info",
        "cold / yamllint": "info",
    }
    assert all(r.passed for r in ratios)


def single_samples(bench: ModuleType, contractlint: float) -> dict[str, list[Any]]:
    """check-jsonschema at 0.5 s, yamllint at 0.2 s, contractlint at ``contractlint``."""
    seconds = {"contractlint": contractlint, "check-jsonschema": 0.5, "yamllint": 0.2}
    return {key: [bench.Sample(seconds[key], 20_000, 0)] for key, _ in bench.SINGLE_MEASURES}


def test_one_file_is_held_to_0_6_check_jsonschema_and_0_7_yamllint(bench: ModuleType) -> None:
    tables, ratios = bench.single_tables(1000, 10, single_samples(bench, 0.138))
    assert [(r.name, round(r.value, 3), r.target, r.result) for r in ratios] == [
        ("single file: contractlint / check-jsonschema", 0.276, 0.60, "PASS"),
        ("single file: contractlint / yamllint", 0.69, 0.70, "PASS"),
    ]
    assert [row[0] for row in tables[0].rows] == [
        "contractlint check --no-cache FILE",
        "check-jsonschema FILE",
        "yamllint -d relaxed FILE",
    ]
    assert "single file: contractlint / yamllint" in bench.text_table(tables[1])
    assert "<= 0.70" in bench.markdown_table(tables[1])
    _, missed = bench.single_tables(1000, 10, single_samples(bench, 0.142))
    assert [(r.name, r.result) for r in missed if not r.passed] == [
        ("single file: contractlint / yamllint", "FAIL")
    ]
    _, both = bench.single_tables(1000, 10, single_samples(bench, 0.31))
    assert [r.result for r in both] == ["FAIL", "FAIL"]


def test_the_help_and_the_docstring_name_the_new_targets(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        bench.parse_args(["--help"])
    text = capsys.readouterr().out
    for line in (
        "cold / parse floor                   <= 1.50",
        "warm / cold                          <= 0.05",
        "warm / cold (json)                   <= 0.05",
        "single file: contractlint / yamllint <= 0.70",
    ):
        assert line in text
    doc = bench.__doc__ or ""
    assert "* cold / parse floor <= 1.5" in doc
    assert "* warm / cold <= 0.05" in doc and "* warm / cold (json) <= 0.05" in doc
    assert "* single file contractlint / yamllint <= 0.70" in doc
    assert "warm / cold <= 0.10" not in doc


# -- the parse floor ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_corpus(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    bench.corpus.write(folder, 60)  # both formats (one file in ten is JSON), every kind
    return folder


def parse_floor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PARSE_FLOOR), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_parse_floor_composes_every_file_contractlint_lints_in_the_corpus(
    small_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from contractlint import config
    from contractlint.pipeline import discover

    done = parse_floor("--list", ".", cwd=small_corpus)
    assert done.returncode == 0, done.stderr
    listed = done.stdout.splitlines()
    written = sorted(
        path.relative_to(small_corpus).as_posix()
        for path in small_corpus.rglob("*")
        if path.is_file()
    )
    assert listed == written
    assert {Path(path).suffix for path in listed} == {".yaml", ".json"}
    monkeypatch.chdir(small_corpus)
    settings = config.load()
    found = discover.discover(["."], settings.root, settings.include, settings.exclusions)
    assert listed == sorted(target.display for target in found.targets)


def test_the_parse_floor_prunes_what_the_read_only_floor_prunes(
    floor: ModuleType, parsefloor: ModuleType
) -> None:
    # The same walk: the read-only floor's own function (and its list of folders).
    assert Path(parsefloor.files.__code__.co_filename).resolve() == FLOOR.resolve()
    assert parsefloor.files.__code__.co_code == floor.files.__code__.co_code
    assert tuple(s for s in floor.SUFFIXES if s != ".md") == parsefloor.SUFFIXES


def test_the_parse_floor_composes_every_document_with_the_c_loader(
    parsefloor: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = PARSE_FLOOR.read_text(encoding="utf-8")
    imported = re.findall(r"^(?:import|from) (\S+)", source, flags=re.MULTILINE)
    assert sorted(imported) == ["floor", "os", "sys", "yaml"]  # floor: its list of folders
    (tmp_path / "three.yaml").write_text("a: 1\n---\nb: 2\n---\n- c\n", encoding="utf-8")
    assert parsefloor.compose(str(tmp_path / "three.yaml"), yaml.CSafeLoader) == 3
    composed: list[object] = []
    real = yaml.compose_all

    def spy(data: bytes, Loader: type) -> object:
        composed.append((type(data), Loader))
        return real(data, Loader=Loader)

    monkeypatch.setattr(parsefloor.yaml, "compose_all", spy)
    assert parsefloor.main([str(tmp_path)]) == 0
    assert composed == [(bytes, yaml.CSafeLoader)]


def test_a_file_that_does_not_parse_fails_the_parse_floor_loudly(tmp_path: Path) -> None:
    (tmp_path / "fine.json").write_text('{"a": [1, 2]}\n', encoding="utf-8")
    # The first document parses; the second does not: every document is composed.
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "broken.yml").write_text("a: 1\n---\nb: [1, 2\n", encoding="utf-8")
    done = parse_floor(".", cwd=tmp_path)
    assert done.returncode == 1
    assert "does not parse" in done.stderr and "broken.yml" in done.stderr
    (tmp_path / "team" / "broken.yml").unlink()
    assert parse_floor("--list", ".", cwd=tmp_path).stdout.splitlines() == ["fine.json"]


def test_the_parse_floor_refuses_to_run_without_the_c_loader(
    parsefloor: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delattr(parsefloor.yaml, "CSafeLoader")
    assert parsefloor.main([str(tmp_path)]) == 2
    assert "CSafeLoader" in capsys.readouterr().err


def test_the_floors_run_on_the_python_that_runs_contractlint(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = tmp_path / "bin" / "contractlint"
    script.parent.mkdir()
    script.write_text("#!/env/bin/python3.12\nimport sys\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("CONTRACTLINT", str(script))
    # The peers need not be installed (CI has neither): only where they would be matters.
    real = bench.find_tool
    monkeypatch.setattr(
        bench,
        "find_tool",
        lambda name, scripts=None: (
            f"/peers/{name}" if name in ("check-jsonschema", "yamllint") else real(name, scripts)
        ),
    )
    tools = bench.find_tools(None, peers=True, repo=True)
    assert tools.parse_floor == ["/env/bin/python3.12", str(PARSE_FLOOR)]
    assert tools.floor == ["/env/bin/python3.12", str(FLOOR)]
    assert bench.corpus_commands(tools, [])["parse-floor"] == [*tools.parse_floor, "."]
    assert shlex.join(tools.parse_floor) in bench.machine_lines(tools)[2]
    without_peers = bench.find_tools(None, peers=False, repo=True)
    assert without_peers.parse_floor == [] and without_peers.floor


def test_the_corpus_commands(bench: ModuleType) -> None:
    tools = bench.Tools(["contractlint"], "", "", Path(sys.executable), [], ["py", "pf.py"])
    check = ["contractlint", "check"]
    assert bench.corpus_commands(tools, ["--jobs", "2"]) == {
        "cold": [*check, "--no-cache", ".", "--jobs", "2"],
        "cold-json": [*check, "--no-cache", "--format", "json", ".", "--jobs", "2"],
        "parse-floor": ["py", "pf.py", "."],
        "warm": [*check, ".", "--jobs", "2"],
        "warm-json": [*check, "--format", "json", ".", "--jobs", "2"],
    }
    assert [bench.alternated(("a", "b", "c"), n) for n in (1, 2, 3)] == [
        ["b", "c", "a"],
        ["c", "a", "b"],
        ["a", "b", "c"],
    ]


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


def repo_samples(bench: ModuleType, contractlint: float, code: int = 0) -> dict[str, list[Any]]:
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


def test_the_generator_writes_no_file_named_like_an_option(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["--help"], ["-h"], [], ["a", "b"]):
        with pytest.raises(SystemExit, match="usage"):
            bench.teamrules.main(argv)
    assert list(tmp_path.iterdir()) == []


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


def rules_samples(bench: ModuleType, with_rules: float) -> dict[str, list[Any]]:
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


def formats_samples(bench: ModuleType, factor: float) -> dict[str, list[Any]]:
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


def test_the_corpus_rounds_alternate_and_run_cold_without_a_cache(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every run of a round, in order (the tools stubbed, the parse floor's ``--list``
    check real): cold runs find no cache, warm runs a filled one, the orders rotate."""
    parse_floor = [sys.executable, str(PARSE_FLOOR)]
    tools = bench.Tools(["contractlint"], "cjs", "yamllint", Path(sys.executable), [], parse_floor)
    names = {tuple(command): key for key, command in bench.corpus_commands(tools, []).items()}
    runs: list[tuple[str, bool]] = []

    def stub(cmd: list[str], cwd: Path, ok: tuple[int, ...]) -> object:
        cache = cwd / bench.CACHE_DIR
        name = names.get(tuple(cmd), cmd[0])
        runs.append((name, cache.exists()))
        if cmd[:2] == ["contractlint", "check"] and "--no-cache" not in cmd:
            cache.mkdir(exist_ok=True)
        return bench.Sample(0.1, 1, 0)

    monkeypatch.setattr(bench, "checked", stub)
    paths = bench.corpus.write(tmp_path, 12)
    schemas = {kind: Path(f"{kind}.json") for kind in bench.corpus.KINDS}
    got, warnings = bench.bench_corpus(tools, tmp_path, paths, schemas, 2, [])
    assert warnings == []
    assert {key: len(values) for key, values in got.items()} == {
        key: 2 for key, _ in bench.MEASURES
    }
    timed = [(name, cached) for name, cached in runs if name != "cjs"]
    warmup, first, second = timed[:3], timed[3:11], timed[11:]
    assert warmup == [("cold", False), ("cold-json", False), ("yamllint", False)]
    assert first == [
        ("cold-json", False),
        ("parse-floor", False),
        ("cold", False),
        ("yamllint", False),
        ("warm", False),  # the untimed fill
        ("warm-json", True),
        ("warm", True),
        ("warm", True),  # one changed
    ]
    assert second == [
        ("parse-floor", False),
        ("cold", False),
        ("cold-json", False),
        ("yamllint", False),
        ("warm", False),
        ("warm", True),
        ("warm-json", True),
        ("warm", True),
    ]
    assert sum(name == "cjs" for name, _ in runs) == 4 + 2 * 4  # warm-up, one per kind


def test_the_single_file_rounds_rotate_contractlint_check_jsonschema_and_yamllint(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = bench.corpus.write(tmp_path, 12)
    tools = bench.Tools(["contractlint"], "cjs", "yamllint", Path(sys.executable))
    runs: list[list[str]] = []

    def stub(cmd: list[str], cwd: Path, ok: tuple[int, ...]) -> object:
        runs.append(cmd)
        return bench.Sample(0.1, 1, 0)

    monkeypatch.setattr(bench, "checked", stub)
    schemas = {kind: Path(f"{kind}.json") for kind in bench.corpus.KINDS}
    got = bench.bench_single(tools, tmp_path, paths, schemas, 3, [])
    assert {key: len(values) for key, values in got.items()} == {
        "contractlint": 3,
        "check-jsonschema": 3,
        "yamllint": 3,
    }
    target = runs[0][-1]
    assert target.endswith(".yaml") and all(cmd[-1] == target for cmd in runs)
    assert [cmd[0] for cmd in runs] == [
        *("cjs", "yamllint", "contractlint"),
        *("yamllint", "contractlint", "cjs"),
        *("contractlint", "cjs", "yamllint"),
    ]
    assert ["yamllint", "-d", "relaxed", target] in runs
    assert ["contractlint", "check", "--no-cache", target] in runs


PEERS = all(
    shutil.which(name) or (Path(sys.executable).parent / name).exists()
    for name in ("check-jsonschema", "yamllint")
)


@pytest.mark.skipif(not PEERS, reason="check-jsonschema and yamllint are not installed")
def test_only_corpus_prints_every_corpus_and_single_file_ratio(
    bench: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    markdown = tmp_path / "bench.md"
    code = bench.main(
        [
            *("--only", "corpus", "--sizes", "12", "--repeat", "1", "--single-repeat", "1"),
            *("--markdown", str(markdown)),
        ]
    )
    out = capsys.readouterr().out
    assert code in (0, 1), out  # 12 files: only the single-file ratios are targets
    for line in (
        r"cold / parse floor +[0-9.]+  -  +info",
        r"warm / cold +[0-9.]+  -  +info",
        r"warm / cold \(json\) +[0-9.]+  -  +info",
        r"single file: contractlint / check-jsonschema +[0-9.]+  <= 0\.60  (PASS|FAIL)",
        r"single file: contractlint / yamllint +[0-9.]+  <= 0\.70  (PASS|FAIL)",
        r"parse floor \(bench/parsefloor\.py\) +[0-9.]+",
        r"contractlint cold --format json +[0-9.]+",
        r"contractlint warm --format json +[0-9.]+",
        r"yamllint -d relaxed FILE +[0-9.]+",
    ):
        assert re.search(f"^{line}", out, re.MULTILINE), line
    assert f"{sys.executable} {PARSE_FLOOR}" in out  # the commands line
    written = markdown.read_text(encoding="utf-8")
    for name in (
        "| cold / parse floor |",
        "| warm / cold (json) |",
        "| single file: contractlint / yamllint |",
        "| parse floor (bench/parsefloor.py) |",
    ):
        assert name in written
