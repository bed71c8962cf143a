"""The language server end to end, as VS Code drives it (push diagnostics, dynamic
registration of watched files): one server for the module, over stdio.

Open, change and save publish what ``check`` finds (the engine's findings for the
same text are the oracle here; ``test_parity.py`` holds the server to the CLI's JSON);
every code action, applied to the text, leaves it clean of what it addressed and adds
nothing; hover explains the rule and the key; completion offers what the schema
allows; a change to the configuration reloads it; a crashing rule is CL000 and a
malformed request an error, and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import yaml

pytest.importorskip("pytest_lsp")

import pytest_lsp
from lsp_client import (
    Client,
    actions_at,
    apply_edits,
    codes,
    edit,
    initialize,
    lsp_range,
    open_document,
    opened,
    published,
    raw_request,
    replace_all,
    server_config,
    uri,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from contractlint import api

pytestmark = pytest.mark.asyncio(loop_scope="module")

OWNERS = "{scope: pm@example.com, feasibility: eng@example.com, method: ds@example.com}"
MODEL = f"""\
kind: model-contract
name: ranking-service
version: 1.10
owners: {OWNERS}
fallback: {{strategy: serve_most_popular, feature_flag: ranking_fallback}}
latency_budget_ms: {{p50: 50, p95: 120}}
timeouts_ms: 300
endpoint: /v1/rank
request: {{user_id: string}}
response:
  ranked_item_ids: [string]
  scores: [0.0]
throughput_rps: 400
monitoring: [score_distribution, ctr_by_bucket, latency_p95]
retraining_trigger: weekly_or_ctr_drop_2pct
rollback: redeploy the previous model_version behind the ranking flag
logging: [request_id, user_id, model_version, scores]
"""
PLAN = f"""\
kind: experiment-plan
name: ranking-v2
owners: {OWNERS}
contract: model.yaml
primary_metric: {{name: add_to_cart_rate, type: proportion, baseline: 0.18, \
minimum_detectable_effect: {{relative: 0.04}}, direction: increase}}
guardrails: [{{metric: latency_p95, max: 120}}]
unit_of_randomization: user
arms: 2
sample_size: {{per_arm: 46000, alpha: 0.05, power: 0.8, alternative: two-sided}}
duration_days: 14
traffic: {{daily_units: 500000, allocation: 0.2}}
stopping_rule: fixed_horizon
interim_looks: 0
decision_rule: {{threshold: 0.04, confidence: 0.95}}
data_quality: [srm, bounces]
"""
CONFIG = """\
plugins: [acme]
rules:
  ACME101:
    name: endpoint-under-api
    severity: warning
    kinds: [model-contract]
    given: "$.endpoint"
    then: {function: pattern, match: "^/api/"}
    message: "endpoint {value} is not under /api/"
    summary: Endpoints live under /api/.
    docs: https://wiki.example.com/endpoints
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("workspace")
    (folder / ".contractlint.yaml").write_text(CONFIG, encoding="utf-8")
    # The oracle's configuration: the same but the plugin, which this process does not
    # load (it is on the server's PYTHONPATH only); no test compares ACME9xx findings.
    oracle = CONFIG.replace("plugins: [acme]\n", "")
    (folder / "oracle.contractlint.yaml").write_text(oracle, encoding="utf-8")
    (folder / "model.yaml").write_text(MODEL, encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return folder


@pytest_lsp.fixture(scope="module", config=server_config())
async def client(lsp_client: Client, folder: Path) -> AsyncIterator[None]:
    await initialize(lsp_client, "visual_studio_code", [folder], {"baseline": "baseline.json"})
    yield
    await lsp_client.shutdown_session()


def engine_view(text: str, path: Path) -> list[tuple[str, str, types.Range]]:
    """What ``check`` reports for ``text`` at ``path``: code, message, LSP range."""
    config = api.load_config(str(path.parent / "oracle.contractlint.yaml"))
    return sorted(
        (f.code, f.message, lsp_range(text, f.line, f.column, f.end_line, f.end_column))
        for f in api.lint_text(text, str(path), config)
    )


def server_view(found: list[types.Diagnostic]) -> list[tuple[str, str, types.Range]]:
    return sorted((str(d.code), d.message, d.range) for d in found)


def _key(item: tuple[str, str, types.Range]) -> tuple[str, str, int, int, int, int]:
    code, message, where = item
    return (
        code,
        message,
        where.start.line,
        where.start.character,
        where.end.line,
        where.end.character,
    )


def same(a: list[tuple[str, str, types.Range]], b: list[tuple[str, str, types.Range]]) -> bool:
    return sorted(map(_key, a)) == sorted(map(_key, b))


# -- diagnostics ------------------------------------------------------------------------


async def test_open_publishes_what_check_finds_in_the_unsaved_text(
    client: Client, folder: Path
) -> None:
    # Not on disk: no fallback (CL101) and a throughput that is no number (CL003).
    text = MODEL.replace("fallback: {strategy", "# fallback: {strategy").replace(
        "throughput_rps: 400", "throughput_rps: lots"
    )
    address = open_document(client, folder / "model.yaml", text)
    found = await published(client, address, 1)
    assert "CL101" in codes(found) and "CL003" in codes(found)  # the buffer, not the file
    assert same(server_view(found), engine_view(text, folder / "model.yaml"))
    for diagnostic in found:
        assert diagnostic.source == "contractlint"
        assert diagnostic.data["code"] == diagnostic.code
    severity = {str(d.code): d.severity for d in found}
    assert severity["CL101"] == types.DiagnosticSeverity.Error
    assert severity["CL505"] == types.DiagnosticSeverity.Information
    assert severity["ACME101"] == types.DiagnosticSeverity.Warning  # a team rule, as in check
    links = {str(d.code): d.code_description.href for d in found if d.code_description}
    assert links["ACME101"] == "https://wiki.example.com/endpoints"
    assert links["CL101"].endswith("docs/rules.md#cl101-missing-fallback")
    replace_all(client, address, MODEL)


async def test_ranges_count_utf16_units_after_non_ascii_text(client: Client, folder: Path) -> None:
    # VS Code negotiates nothing: UTF-16, where 😀 is two units and é one.
    text = MODEL.replace(
        "owners: {scope: pm@example.com,", 'owners: {scope: "\u00e9quipe\U0001f600@example.com",'
    ).replace("method: ds@example.com}", "method: TBD}")
    address = open_document(client, folder / "unicode.yaml", text)
    found = await published(client, address, 1)
    owner = next(d for d in found if d.code == "CL401")
    line = text.split("\n")[owner.range.start.line]
    assert (
        line[: line.index("TBD")].encode("utf-16-le").__len__() // 2 == owner.range.start.character
    )
    assert owner.range.start.character == line.index("TBD") + 1  # one more unit than code points
    assert same(server_view(found), engine_view(text, folder / "unicode.yaml"))


async def test_changes_publish_for_the_latest_version(client: Client, folder: Path) -> None:
    address = opened(client, folder / "model.yaml")
    version = replace_all(client, address, MODEL)
    before = await published(client, address, version)
    assert "CL101" not in codes(before)
    # Three quick edits: the fallback line goes, comes back misspelt, then as a comment.
    line = MODEL.split("\n").index(next(x for x in MODEL.split("\n") if x.startswith("fallback")))
    edit(client, address, (line, 0), (line, 8), "fallbak")
    edit(client, address, (line, 0), (line, 7), "xfallback")
    last = edit(client, address, (line, 0), (line, 0), "# ")
    found = await published(client, address, last)
    text = MODEL.split("\n")
    text[line] = "# x" + text[line]
    assert same(server_view(found), engine_view("\n".join(text), folder / "model.yaml"))
    assert "CL101" in codes(found)
    versions = [p.version for p in client.published if p.uri == address]
    assert versions == sorted(versions)  # never an older version after a newer one
    # Debounced: the three changes, sent back to back, are linted once or twice (the
    # first at once, the rest together at the end of the window), never three times.
    assert 1 <= len([v for v in versions if v is not None and v > version]) <= 2
    replace_all(client, address, MODEL)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x1e"])
async def test_an_edit_after_a_character_splitlines_breaks_at_lands_where_lsp_says(
    client: Client, folder: Path, separator: str
) -> None:
    """LSP ends lines at \\r\\n, \\r and \\n only: an incremental edit on the line after
    a U+2028 (which ``str.splitlines`` also breaks at) edits that line."""
    text = f'{{"kind": "model-contract", "name": "x", "description": "a{separator}b",\n'
    text += ' "version": 1.1}\n'
    path = folder / f"separator-{ord(separator):x}.json"
    address = open_document(client, path, text)
    await published(client, address, client.versions[address])
    version = edit(client, address, (1, 12), (1, 15), '"1.1"')
    found = await published(client, address, version)
    after = text.replace('"version": 1.1', '"version": "1.1"')
    assert same(server_view(found), engine_view(after, path))
    if separator in "\u2028\u2029\x85":  # valid in a JSON string: the fix is the 1.10's
        assert "CL001" not in codes(found) and "CL005" not in codes(found)


async def test_save_and_references_follow_the_open_buffers(client: Client, folder: Path) -> None:
    model = opened(client, folder / "model.yaml")
    replace_all(client, model, MODEL)
    plan = open_document(client, folder / "plan.yaml")
    found = await published(client, plan, 1)
    # The contract monitors no add_to_cart_rate: CL605, as check finds it.
    assert "CL605" in codes(found)
    assert same(server_view(found), engine_view(PLAN, folder / "plan.yaml"))
    # Monitor it in the contract's buffer (unsaved): the plan is linted again against it.
    monitored = MODEL.replace("latency_p95]", "latency_p95, add_to_cart_rate]")
    replace_all(client, model, monitored)
    assert "CL605" not in await settled(client, plan, lambda found: "CL605" not in found)
    # Saving publishes again, at once.
    count = len([p for p in client.published if p.uri == model])
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=model))
    )
    for _ in range(400):
        if len([p for p in client.published if p.uri == model]) > count:
            break
        await asyncio.sleep(0.01)
    assert len([p for p in client.published if p.uri == model]) > count
    replace_all(client, model, MODEL)


async def test_closing_a_referenced_contract_unsaved_lints_its_dependents_from_disk(
    client: Client, folder: Path
) -> None:
    """The plan reads the contract from its open buffer; closed without saving, the
    contract is what is on disk again, and so is what the plan is linted against."""
    (folder / "closing").mkdir(exist_ok=True)
    monitored = MODEL.replace("latency_p95]", "latency_p95, add_to_cart_rate]")
    (folder / "closing" / "model.yaml").write_text(monitored, encoding="utf-8")
    (folder / "closing" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    model = open_document(client, folder / "closing" / "model.yaml", monitored)
    plan = open_document(client, folder / "closing" / "plan.yaml", PLAN)
    assert "CL605" not in codes(await published(client, plan, 1))
    replace_all(client, model, MODEL)  # unsaved: the buffer monitors no add_to_cart_rate
    assert "CL605" in await settled(client, plan, lambda found: "CL605" in found)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=model))
    )
    assert "CL605" not in await settled(client, plan, lambda found: "CL605" not in found)


async def settled(client: Client, uri: str, done: Callable[[list[str]], bool]) -> list[str]:
    """The codes last published for ``uri`` once ``done`` holds of them (or after 4 s)."""
    for _ in range(400):
        found = codes(list([p for p in client.published if p.uri == uri][-1].diagnostics))
        if done(found):
            break
        await asyncio.sleep(0.01)
    return found


async def test_a_file_that_is_not_a_contract_gets_no_diagnostics(
    client: Client, folder: Path
) -> None:
    manifest = folder / "deploy.yaml"
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: x\n", encoding="utf-8")
    address = open_document(client, manifest)
    assert await published(client, address, 1) == []
    workflow = folder / "ci.json"
    workflow.write_text('{"on": [push], "jobs": {}, // JSONC\n}', encoding="utf-8")
    assert await published(client, open_document(client, workflow), 1) == []


async def test_a_file_the_configuration_excludes_gets_no_diagnostics(
    client: Client, tmp_path: Path
) -> None:
    """As the pre-commit hook (`--force-exclude`): `extend-exclude` skips a vendored
    contract in the editor too; the same contract elsewhere is linted."""
    folder = tmp_path / "excluding"
    (folder / "vendor").mkdir(parents=True)
    (folder / ".contractlint.yaml").write_text('extend-exclude: ["vendor/"]\n')
    vendored = open_document(client, folder / "vendor" / "model.yaml", MODEL)
    assert await published(client, vendored, client.versions[vendored]) == []
    own = open_document(client, folder / "model.yaml", MODEL)
    assert codes(await published(client, own, client.versions[own]))


@pytest.mark.parametrize(("language", "suffix"), [("yaml", ".yaml"), ("json", ".json")])
async def test_an_untitled_buffer_is_linted_as_check_lints_stdin(
    client: Client, folder: Path, language: str, suffix: str
) -> None:
    """A new buffer has no file yet: it is linted as a file of its language in the
    workspace folder (`check - --stdin-filename untitled.yaml`), not ignored."""
    text = MODEL if language == "yaml" else json.dumps(yaml.safe_load(MODEL))
    address = f"untitled:Untitled-{language}"
    client.versions[address] = 1
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=address, language_id=language, version=1, text=text
            )
        )
    )
    found = await published(client, address, 1)
    assert found and same(server_view(found), engine_view(text, folder / f"untitled{suffix}"))


# -- code actions -------------------------------------------------------------------------


async def test_every_code_action_applied_leaves_the_text_clean_of_its_finding(
    client: Client, folder: Path
) -> None:
    path = folder / "actions.yaml"
    path.write_text(MODEL, encoding="utf-8")
    address = open_document(client, path)
    found = await published(client, address, 1)
    assert {"CL005", "CL502", "CL505"} <= set(codes(found))
    scratch = open_document(client, folder / "scratch.yaml", MODEL)
    await published(client, scratch, 1)
    tried: dict[str, int] = {}
    for diagnostic in found:
        offered = await actions_at(
            client, address, diagnostic.range, [types.CodeActionKind.QuickFix]
        )
        titles = [a.title for a in offered]
        code = str(diagnostic.code)
        assert f"Disable {code} on this line" in titles, titles
        assert f"Disable {code} in this file" in titles, titles
        assert f"Add {code} to the baseline" in titles, titles
        if code in ("CL005", "CL502", "CL505"):
            assert offered[0].is_preferred and code in offered[0].title  # the fix comes first
        for action in offered:
            if action.edit is None:
                continue
            assert action.diagnostics and action.diagnostics[0].code == code
            edits = action.edit.changes[address]
            new_text = apply_edits(MODEL, edits)
            assert new_text != MODEL
            version = replace_all(client, scratch, new_text)
            after = await published(client, scratch, version)
            remaining = [str(d.code) for d in after]
            # The finding it addressed is gone, and nothing new came (no CL008, no CL010).
            assert remaining.count(code) == codes(found).count(code) - 1 or code not in remaining, (
                action.title,
                remaining,
            )
            assert set(remaining) <= set(codes(found)), (action.title, remaining)
            assert same(server_view(after), engine_view(new_text, folder / "scratch.yaml"))
            tried[action.title.split(" ")[0]] = tried.get(action.title.split(" ")[0], 0) + 1
    assert tried["Disable"] >= 2 * len(found)
    assert {"Quote", "Add", "Rename"} <= set(tried)  # the three fixes of --fix


async def test_the_quick_fix_is_the_edit_check_fix_makes(
    client: Client, folder: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    address = opened(client, folder / "actions.yaml", MODEL)
    fixes = await actions_at(
        client,
        address,
        types.Range(
            start=types.Position(line=0, character=0), end=types.Position(line=40, character=0)
        ),
        [types.CodeActionKind.SourceFixAll],
    )
    assert [a.kind for a in fixes] == [types.CodeActionKind.SourceFixAll]
    fixed = apply_edits(MODEL, fixes[0].edit.changes[address])
    # `check --fix` on the same file in a copy of the project writes the same text.
    (tmp_path / ".contractlint.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "actions.yaml").write_text(MODEL, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "contractlint", "check", "--fix", "--no-cache", "actions.yaml"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert fixed == (tmp_path / "actions.yaml").read_text(encoding="utf-8")
    assert not {"CL005", "CL502", "CL505"} & {
        f.code for f in api.lint_text(fixed, str(tmp_path / "actions.yaml"))
    }


async def test_add_to_baseline_writes_the_entry_and_holds_the_finding_back(
    client: Client, folder: Path
) -> None:
    path = folder / "baselined.yaml"
    path.write_text(MODEL, encoding="utf-8")
    address = open_document(client, path)
    found = await published(client, address, 1)
    target = next(d for d in found if d.code == "CL502")
    offered = await actions_at(client, address, target.range)
    action = next(a for a in offered if a.title == "Add CL502 to the baseline")
    assert action.command is not None
    await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments
        )
    )
    entries = json.loads((folder / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert [(e["path"], e["code"], e["pointer"]) for e in entries] == [
        ("baselined.yaml", "CL502", "/response")
    ]
    for _ in range(400):
        latest = [p for p in client.published if p.uri == address][-1]
        if "CL502" not in codes(list(latest.diagnostics)):
            break
        await asyncio.sleep(0.01)
    assert codes(list(latest.diagnostics)) == sorted(c for c in codes(found) if c != "CL502")
    # `check --baseline` agrees: it holds the same finding back.
    import subprocess
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "contractlint",
            "check",
            "--no-cache",
            "--format",
            "json",
            "--baseline",
            "baseline.json",
            "baselined.yaml",
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={
            **__import__("os").environ,
            "PYTHONPATH": __import__("os").pathsep.join(
                map(
                    str,
                    [
                        Path(__file__).parent / "data" / "site",
                        Path(__file__).parents[2] / "examples" / "plugin",
                    ],
                )
            ),
        },
    )
    assert sorted(f["code"] for f in json.loads(done.stdout)["findings"]) == codes(
        list(latest.diagnostics)
    )
    (folder / "baseline.json").unlink()


# -- hover and completion ------------------------------------------------------------------


async def hover_at(client: Client, address: str, line: int, character: int) -> str:
    found = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=address),
            position=types.Position(line=line, character=character),
        )
    )
    assert found is not None
    assert isinstance(found.contents, types.MarkupContent)
    return found.contents.value


def _manifest(client: Client, folder: Path) -> str:
    manifest = folder / "deploy.yaml"
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: x\n", encoding="utf-8")
    return opened(client, manifest)


async def test_hover_explains_the_rule_and_the_key(client: Client, folder: Path) -> None:
    from contractlint import explain, schemas
    from contractlint.rules import BY_CODE

    address = opened(client, folder / "actions.yaml", MODEL)
    shown = await hover_at(client, address, 6, 3)  # `timeouts_ms`: CL505 and the key
    assert explain.as_markdown(BY_CODE["CL505"], level=3).strip() in shown
    assert (
        schemas.load_schema("model-contract")["properties"]["timeouts_ms"]["description"] in shown
    )
    endpoint = schemas.load_schema("model-contract")["properties"]["endpoint"]["description"]
    shown = await hover_at(client, address, 7, 2)  # the key `endpoint`: its description only
    assert endpoint in shown and "ACME101" not in shown
    shown = await hover_at(client, address, 7, 12)  # its value: the team rule's finding too
    assert endpoint in shown and "ACME101 endpoint-under-api" in shown
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=_manifest(client, folder)),
            position=types.Position(line=0, character=1),
        )
    )
    assert nothing is None


async def complete(client: Client, address: str, line: int, character: int) -> list[str]:
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address),
            position=types.Position(line=line, character=character),
        )
    )
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


async def test_completion_offers_what_the_schema_allows_here(client: Client, folder: Path) -> None:
    from contractlint import schemas

    text = "kind: experiment-plan\nname: x\nprimary_metric:\n  name: ctr\n  type: \n  \nst\n"
    address = open_document(client, folder / "typing.yaml", text)
    schema = schemas.load_schema("experiment-plan")
    # `type: ` under primary_metric: the enum of its schema.
    assert (
        await complete(client, address, 4, 8)
        == schema["properties"]["primary_metric"]["properties"]["type"]["enum"]
    )
    # A new key in primary_metric: its properties but `name` and `type`, already there.
    nested = await complete(client, address, 5, 2)
    assert sorted(nested) == sorted(
        set(schema["properties"]["primary_metric"]["properties"]) - {"name", "type"}
    )
    # A top-level key: the kind's properties not yet written.
    top = await complete(client, address, 6, 2)
    assert "stopping_rule" in top and "guardrails" in top
    assert "kind" not in top and "primary_metric" not in top
    # A value of `stopping_rule`, and the items of a checklist's `status`.
    replace_all(client, address, "kind: experiment-plan\nname: x\nstopping_rule: \n")
    assert await complete(client, address, 2, 15) == schema["properties"]["stopping_rule"]["enum"]


async def test_completion_in_json_too(client: Client, folder: Path) -> None:
    from contractlint import schemas

    schema = schemas.load_schema("experiment-plan")
    text = (
        '{\n  "kind": "experiment-plan",\n  "name": "x",\n'
        '  "primary_metric": {"name": "ctr", "type": ""},\n  "st\n}\n'
    )
    address = open_document(client, folder / "typing.json", text)
    quotes = text.split("\n")[3].index('""') + 1
    # Inside `"type": "|"`: the enum, each replacing both quotes with its JSON text.
    found = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=address),
            position=types.Position(line=3, character=quotes),
        )
    )
    items = found.items if isinstance(found, types.CompletionList) else found or []
    assert [i.label for i in items] == schema["properties"]["primary_metric"]["properties"]["type"][
        "enum"
    ]
    edit = items[0].text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.new_text == '"proportion"'
    assert (edit.range.start.character, edit.range.end.character) == (quotes - 1, quotes + 1)
    # A key at the top: the kind's properties not yet written, each as `"key": `.
    top = await complete(client, address, 4, 5)
    assert "stopping_rule" in top and "guardrails" in top
    assert "kind" not in top and "name" not in top and "primary_metric" not in top
    # A value of `stopping_rule`, and the items of a checklist's `status`.
    replace_all(client, address, '{"kind": "experiment-plan", "stopping_rule": ')
    assert await complete(client, address, 0, 45) == schema["properties"]["stopping_rule"]["enum"]
    checklist = '{"kind": "acceptance-checklist", "items": [{"id": "a", "status": "'
    replace_all(client, address, checklist)
    assert await complete(client, address, 0, len(checklist)) == ["done", "todo", "n/a"]
    replace_all(client, address, '{"kind": "not-a-kind", ')
    assert await complete(client, address, 0, 23) == []


# -- configuration, crashes, bad requests ---------------------------------------------------


async def test_the_client_is_asked_to_watch_a_base_and_a_schema(
    client: Client, tmp_path: Path
) -> None:
    """Files a configuration is read from that no configuration glob matches (a base
    it extends, a declared kind's schema) are watched by name."""
    folder = tmp_path / "watched"
    (folder / "policy").mkdir(parents=True)
    base, schema = folder / "policy" / "base.yaml", folder / "policy" / "dc.json"
    schema.write_text('{"type": "object"}', encoding="utf-8")
    base.write_text("kinds: {data-contract: {schema: ./dc.json}}\n", encoding="utf-8")
    (folder / ".contractlint.yaml").write_text("extends: [./policy/base.yaml]\n")
    address = open_document(client, folder / "model.yaml", MODEL)
    await published(client, address, client.versions[address])
    watched: list[str] = []
    for _ in range(400):
        watched = [  # as the client gets them: JSON
            f"{w['globPattern']['baseUri']}/{w['globPattern']['pattern']}"
            for r in client.registrations
            if r.id == "contractlint-sources"
            for w in r.register_options["watchers"]
        ]
        if uri(base) in watched and uri(schema) in watched:
            break
        await asyncio.sleep(0.01)
    assert uri(base) in watched and uri(schema) in watched, watched


async def test_a_configuration_change_reloads_it(client: Client, folder: Path) -> None:
    for _ in range(400):  # the server registers the watchers once initialized
        if any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations):
            break
        await asyncio.sleep(0.01)
    watchers = [
        r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    ]
    assert watchers, client.registrations
    address = opened(client, folder / "model.yaml")
    version = replace_all(client, address, MODEL)
    assert "CL505" in codes(await published(client, address, version))
    config = folder / ".contractlint.yaml"
    config.write_text(
        CONFIG + "ignore: [CL505]\nseverity: {CL005: error}\n"
        "docs-url: https://docs.example.com/{code}/{name}\n",
        encoding="utf-8",
    )
    count = len(client.published)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]
        )
    )
    for _ in range(400):
        fresh = [p for p in client.published[count:] if p.uri == address]
        if fresh:
            break
        await asyncio.sleep(0.01)
    found = list(fresh[-1].diagnostics)
    assert "CL505" not in codes(found)
    assert next(d for d in found if d.code == "CL005").severity == types.DiagnosticSeverity.Error
    # The configuration's `docs-url` links the rules without `docs` of their own.
    links = {str(d.code): d.code_description.href for d in found if d.code_description}
    assert links["CL005"] == "https://docs.example.com/CL005/ambiguous-scalar"
    assert links["ACME101"] == "https://wiki.example.com/endpoints"
    config.write_text(CONFIG, encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri(config), type=types.FileChangeType.Changed)]
        )
    )
    version = replace_all(client, address, MODEL + "\n")
    assert "CL505" in codes(await published(client, address, version))


async def test_a_crashing_rule_is_cl000_and_the_server_goes_on(
    client: Client, folder: Path
) -> None:
    path = folder / "boom.yaml"
    text = MODEL + "x-boom: true\n"
    path.write_text(text, encoding="utf-8")
    address = open_document(client, path)
    found = await published(client, address, 1)
    crash = [d for d in found if d.code == "CL000"]
    assert len(crash) == 1 and "ACME901" in crash[0].message
    assert "CL505" in codes(found)  # the other rules still ran
    version = replace_all(client, address, MODEL)
    assert "CL000" not in codes(await published(client, address, version))


async def test_a_malformed_request_is_an_error_and_the_server_goes_on(
    client: Client, folder: Path
) -> None:
    with pytest.raises(JsonRpcException):
        await raw_request(client, types.TEXT_DOCUMENT_HOVER, {"textDocument": {"uri": 7}})
    with pytest.raises(JsonRpcException):
        await raw_request(client, types.TEXT_DOCUMENT_CODE_ACTION, {"range": "everywhere"})
    with pytest.raises(JsonRpcException):
        await raw_request(client, "contractlint/nonsense", {})
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(
            types.ExecuteCommandParams(
                command="contractlint.addToBaseline",
                arguments=[uri(folder / "model.yaml"), "no-such-finding"],
            )
        )
    shown = await hover_at(client, opened(client, folder / "model.yaml", MODEL), 6, 3)
    assert "timeouts_ms" in shown
