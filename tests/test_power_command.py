"""``contractlint power`` (SPEC 1.2, section 3): from a plan or from flags, text and JSON,
the terminal curve, ``--plot`` pictures, and bad numbers as one message and exit 2."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from contractlint.cli.commands import cli

from conftest import cli_runner, contractlint

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "experiment-plan"
FLAGS = ("--baseline", "0.33", "--relative-mde", "0.02")


def power(*args: str) -> Result:
    result = cli_runner().invoke(cli, ["power", *args])
    assert "Traceback" not in result.stdout + result.stderr
    return result


def as_json(*args: str) -> dict[str, Any]:
    result = power(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- from flags ------------------------------------------------------------------------------


def test_flags_give_the_spec_sample_size() -> None:
    result = power(*FLAGS, "--daily-units", "20000")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "required per arm:    80,078" in out
    assert "two-sided test at alpha 0.05, power 0.8" in out
    # 2 x 80,078 at 20,000 a day: 9 days, rounded up to two whole weeks.
    assert "9 days, 14 in whole weeks (2 weeks)" in out
    assert "factors:           none" in out


def test_the_terminal_curve() -> None:
    out = power(*FLAGS).stdout
    curve = out[out.index("Power against the true effect") :].splitlines()
    rows = [line for line in curve if "|" in line]
    assert len(rows) == 11  # power 1.0 down to 0.0
    assert rows[0].startswith("  1.0 |") and rows[-1].startswith("  0.0 |")
    assert all(line == line.rstrip() for line in curve)
    assert sum(line.count("*") for line in rows) == 41  # one point per column
    assert "0.0066" in out and "0.0132" in out  # the MDE and twice the MDE on the axis


def test_flags_json() -> None:
    data = as_json(*FLAGS, "--per-arm", "82000", "--daily-units", "20000")
    (metric,) = data["metrics"]
    assert metric["required_per_arm"] == metric["fixed_per_arm"] == 80078
    assert metric["power_reached"] == pytest.approx(0.80923, abs=1e-5)
    assert metric["detectable_effect"]["relative"] == pytest.approx(0.019764, abs=1e-5)
    assert (metric["days_needed"], metric["weeks_needed"]) == (9, 2)
    assert len(metric["curve"]) == 41
    assert metric["curve"][20]["effect"] == pytest.approx(0.0066)
    assert data["required_per_arm"] == 80078 and data["weeks_needed"] == 2


@pytest.mark.parametrize(
    ("args", "required"),
    [
        (("--one-sided",), 63077),
        (("--alpha", "0.01"), 119154),
        (("--power", "0.9"), 107201),
        (("--arms", "3"), 96975),  # Bonferroni over two comparisons
        (("--cuped-correlation", "0.5"), 60058),
        (("--sequential", "pocock", "--analyses", "3"), 93402),  # x 1.1664
        (
            ("--type", "mean", "--std-dev", "1.2", "--baseline", "10", "--absolute-mde", "0.05"),
            9042,
        ),
    ],
)
def test_flags_change_the_design(args: tuple[str, ...], required: int) -> None:
    base = ("--baseline", "0.33", "--relative-mde", "0.02")
    if "--absolute-mde" in args:
        base = ()
    data = as_json(*base, *args)
    assert data["metrics"][0]["required_per_arm"] == required


def test_sequential_flags_name_their_factor() -> None:
    out = power(*FLAGS, "--sequential", "obrien_fleming", "--analyses", "5").stdout
    assert "O'Brien-Fleming with 5 analyses x 1.028" in out


@pytest.mark.parametrize("analyses", [(), ("--analyses", "1")])
def test_computed_boundaries_without_analyses_are_an_error_not_dropped(
    analyses: tuple[str, ...],
) -> None:
    """One analysis is the fixed horizon: `--sequential pocock` alone would be sized as
    if it were not asked for."""
    result = power(*FLAGS, "--sequential", "pocock", *analyses)
    assert result.exit_code == 2 and "needs --analyses K" in result.stderr
    assert result.stdout == ""


def test_a_method_of_the_plans_factor_takes_any_number_of_analyses(tmp_path: Path) -> None:
    """An mSPRT looks continuously (here 121 analyses): its cost is the plan's factor."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "kind: experiment-plan\nname: x\n"
        "primary_metric: {name: open_rate, type: proportion, baseline: 0.33,"
        " minimum_detectable_effect: {relative: 0.02}}\n"
        "sample_size: {per_arm: 10}\nstopping_rule: sequential\nsequential_method: msprt\n"
        "interim_looks: 120\ninflation_factor: 1.3\n",
        encoding="utf-8",
    )
    data = as_json(str(plan))
    assert data["metrics"][0]["required_per_arm"] == 104_101  # 80,077.25 x 1.3


# --- from a plan -----------------------------------------------------------------------------


def test_a_plan_with_a_guardrail() -> None:
    result = power(str(EXAMPLES / "email-subject-review.yaml"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Primary metric open_rate" in out and "Guardrail unsubscribe_rate" in out
    assert "required per arm:    617,020" in out
    assert "per_arm 82,000 reaches: power 23.01% (short)" in out
    assert "The plan needs 617,020 per arm" in out
    assert "62 days, 63 in whole weeks (9 weeks)" in out


def test_a_plan_json_lists_every_factor() -> None:
    data = as_json(str(EXAMPLES / "sequential-sized.yaml"))
    primary = data["metrics"][0]
    assert [f["kind"] for f in primary["factors"]] == ["cuped", "obrien_fleming"]
    assert primary["factors"][0]["value"] == 0.75
    assert primary["factors"][1]["value"] == pytest.approx(1.0174, abs=1e-4)
    assert primary["fixed_per_arm"] == 80078 and primary["required_per_arm"] == 61104
    assert primary["per_arm"] == 62000 and primary["power_reached"] >= 0.8
    assert data["not_sized"] == [
        {
            "name": "spam_complaint_rate",
            "reason": "an absolute `max`/`min` bound, not a non-inferiority margin",
        }
    ]


def test_the_command_agrees_with_cl302(lint_text: Any) -> None:
    text = (EXAMPLES / "email-subject.yaml").read_text(encoding="utf-8")
    cl302 = next(f for f in lint_text(text) if f.code == "CL302")
    data = as_json(str(EXAMPLES / "email-subject.yaml"))
    assert f"{data['metrics'][0]['required_per_arm']:,} per arm" in cl302.message
    assert "79.96%" in cl302.message
    assert int(data["metrics"][0]["power_reached"] * 10000) / 100 == 79.96


def test_flags_override_the_plan() -> None:
    plan = str(EXAMPLES / "complete.yaml")
    assert as_json(plan)["metrics"][0]["required_per_arm"] == 80078
    assert as_json(plan, "--power", "0.9")["metrics"][0]["required_per_arm"] == 107201


def test_a_plan_in_markdown(tmp_path: Path) -> None:
    body = (EXAMPLES / "complete.yaml").read_text(encoding="utf-8")
    page = tmp_path / "plan.md"
    page.write_text(f"# The plan\n\n```yaml\n{body}```\n", encoding="utf-8")
    assert as_json(str(page))["metrics"][0]["required_per_arm"] == 80078


# --- pictures --------------------------------------------------------------------------------


def test_plot_svg(tmp_path: Path) -> None:
    target = tmp_path / "curve.svg"
    result = power(*FLAGS, "--plot", str(target))
    assert result.exit_code == 0
    assert f"to {target}" in result.stderr
    root = ElementTree.fromstring(target.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    (line,) = root.iter("{http://www.w3.org/2000/svg}polyline")
    assert len(line.attrib["points"].split()) == 41
    assert [p.name for p in tmp_path.iterdir()] == ["curve.svg"]  # no temporary file left


def test_plot_png_needs_matplotlib(tmp_path: Path) -> None:
    target = tmp_path / "curve.png"
    result = power(*FLAGS, "--plot", str(target))
    if importlib.util.find_spec("matplotlib") is None:
        assert result.exit_code == 2
        assert "matplotlib" in result.stderr and "contractlint[plot]" in result.stderr
        assert not target.exists()
    else:
        assert result.exit_code == 0
        assert target.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_plot_other_suffix(tmp_path: Path) -> None:
    result = power(*FLAGS, "--plot", str(tmp_path / "curve.pdf"))
    assert result.exit_code == 2 and ".svg or .png" in result.stderr


# --- bad numbers: one message, exit 2 --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--baseline", "1.3", "--relative-mde", "0.02"), "strictly between 0 and 1, not 1.3"),
        (("--baseline", "0.33", "--relative-mde", "-0.02"), "must be positive, not -0.02"),
        (("--baseline", "0.33", "--absolute-mde", "-0.01"), "must be positive"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--alpha", "0"), "alpha"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--power", "1.5"), "power"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--arms", "1"), "arms"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--daily-units", "0"), "daily units"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--absolute-mde", "0.01"), "exactly one"),
        (("--baseline", "0.33"), "exactly one"),
        (("--baseline", "0.9", "--relative-mde", "0.2"), "outside (0, 1)"),
        (("--type", "mean", "--baseline", "10", "--absolute-mde", "1"), "--std-dev"),
        (("--baseline", "0.33", "--relative-mde", "0.02", "--cuped-correlation", "1"), "CUPED"),
        ((), "give a plan file"),
    ],
)
def test_bad_numbers_are_one_message_and_exit_2(args: tuple[str, ...], message: str) -> None:
    result = power(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("contractlint: power: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ("kind: experiment-plan\nname: x\nprimary_metric: engagement\n", "bare name"),
        (
            "kind: experiment-plan\nname: x\nprimary_metric: {name: o, baseline: 1.3,"
            " minimum_detectable_effect: {relative: 0.02}}\n",
            "not 1.3",
        ),
        ("kind: experiment-plan\nname: x\n", "no baseline"),
        ("kind: model-contract\nname: x\n", "holds no experiment-plan"),
        (
            "kind: experiment-plan\nname: x\nprimary_metric: {name: o, baseline: 0.3,"
            " minimum_detectable_effect: {relative: 0.02}}\n"
            "guardrails: [{metric: refunds, baseline: 1.3, max_regression: 0.1}]\n",
            "guardrail `refunds`: baseline of a proportion must be strictly between 0 and 1",
        ),
        ("kind: experiment-plan\nname: [unclosed\n", "plan.yaml"),
        (
            "kind: experiment-plan\nname: x\nprimary_metric: {name: o, baseline: 0.3,"
            " minimum_detectable_effect: {relative: 0.02}}\nsample_size: {alpha: 0}\n",
            "alpha",
        ),
    ],
)
def test_bad_plans_are_one_message_and_exit_2(tmp_path: Path, plan: str, message: str) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    result = power(str(path))
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_mean_guardrail_without_std_dev_is_listed_not_sized(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(
        "kind: experiment-plan\nname: x\nprimary_metric: {name: o, baseline: 0.3,"
        " minimum_detectable_effect: {relative: 0.02}}\n"
        "guardrails: [{metric: minutes, type: mean, baseline: 12, max_regression: 0.1},"
        " {metric: minutes2, type: mean, baseline: 12, std_dev: 9, max_regression: 0.1}]\n",
        encoding="utf-8",
    )
    data = as_json(str(path))
    assert data["not_sized"] == [
        {"name": "minutes", "reason": "a mean guardrail needs its std_dev"}
    ]
    assert [m["name"] for m in data["metrics"]] == ["o", "minutes2"]


def test_a_missing_plan_file(tmp_path: Path) -> None:
    result = contractlint(tmp_path, "power", "nowhere.yaml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


# --- start-up stays light ---------------------------------------------------------------------


def test_check_imports_the_power_modules_only_for_plans(tmp_path: Path) -> None:
    """`check` on a model contract imports neither the power calculator nor the boundary
    integration; a fixed-horizon plan needs the first only."""
    (tmp_path / "model.yaml").write_text("kind: model-contract\nname: m\n", encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        (EXAMPLES / "complete.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    probe = (
        "import sys\n"
        "from contractlint.cli.entry import main\n"
        "try:\n"
        "    main(['check', '--no-cache', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m in ('contractlint.power',"
        " 'contractlint.sequential', 'contractlint.cli.power_command')))\n"
    )

    def imported(name: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, name],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    assert imported("model.yaml") == "[]"
    assert imported("plan.yaml") == "['contractlint.power']"


def test_a_level_is_never_shown_rounded_to_one_it_is_not() -> None:
    out = power(*FLAGS, "--power", "0.9999999").stdout
    assert "power 0.9999999" in out and "power 1," not in out and "power 1\n" not in out


def test_too_few_units_detect_no_effect_and_say_so() -> None:
    out = power(*FLAGS, "--per-arm", "1").stdout
    assert "per_arm 1 detects effects of: none at this power" in out


def test_a_week_count_has_its_thousands_separated() -> None:
    out = power(*FLAGS, "--daily-units", "10").stdout  # 2 x 80,078 at 10 a day
    assert "16,016 days, 16,016 in whole weeks (2,288 weeks)" in out
