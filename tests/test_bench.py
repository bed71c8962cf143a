"""``bench/run.py``'s verdicts: which ratios are targets, at which corpus sizes; and the
pieces of its "repository without contracts" case.

The benchmark itself takes minutes and needs the peer tools; these tests feed its
report functions made-up timings and check what it would print and decide. The
repository case is checked on a small tree: the generator is deterministic and writes
no contract, and the read-only floor reads exactly the files contractlint walks.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

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
