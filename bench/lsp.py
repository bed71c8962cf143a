"""The language server's latency: from a change to the diagnostics it brings.

``python bench/lsp.py`` starts ``contractlint server`` (stdio) as an editor does,
opens a 500-line model contract, then makes ``--changes`` one-line edits (each an
incremental ``didChange``, as editors send them) ``--interval`` seconds apart, and
measures for each the time from sending the change to receiving the
``publishDiagnostics`` of its version. It prints the median (the target: 50 ms or
less) and the spread. With ``--burst N``, each measured change is the last of N
changes sent back to back, as fast typing makes them: the debounce lints once, on
the latest text, and the time is from the last change.

Needs the extra (``pip install 'contractlint[lsp]'``). A benchmark, not a test: the
figure depends on the machine; ``docs/performance.md`` records it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TARGET_MS = 50.0


def contract(lines: int = 500) -> str:
    """A model contract of ``lines`` lines, block style with comments, with findings."""
    head = [
        "kind: model-contract",
        "name: ranking-service",
        "version: 1.10  # CL005: read as a number",
        "owners:",
        "  scope: pm-feed@example.com",
        "  feasibility: eng-feed@example.com",
        "  method: TBD  # CL401",
        "endpoint: /v1/rank",
        "latency_budget_ms: {p50: 50, p95: 120}",
        "timeouts_ms: 300  # CL505",
        "fallback: {strategy: serve_most_popular, feature_flag: ranking_fallback}",
        "monitoring:",
        "  - score_distribution",
        "  - latency_p95",
        "logging: [request_id, user_id, model_version, scores]",
        "retraining_trigger: weekly_or_ctr_drop_2pct",
        "rollback: redeploy the previous model_version behind the ranking flag",
        "response:",
        "  ranked_item_ids: [string]",
        "  scores: [number]",
        "request:",
    ]
    fields = [
        f"  feature_{i:03d}: number  # feature {i} of the ranking model" for i in range(10_000)
    ]
    return "\n".join([*head, *fields[: lines - len(head)]]) + "\n"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("contractlint-bench", "1")
        self.arrived: dict[int, float] = {}
        self.counts: dict[int, int] = {}

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(ls: Client, params: types.PublishDiagnosticsParams) -> None:
            if params.version is not None:
                ls.arrived[params.version] = time.perf_counter()
                ls.counts[params.version] = len(params.diagnostics)


async def wait_for(client: Client, version: int, timeout: float = 10.0) -> float:
    deadline = time.perf_counter() + timeout
    while version not in client.arrived:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no diagnostics for version {version}")
        await asyncio.sleep(0.0005)
    return client.arrived[version]


async def run(changes: int, interval: float, burst: int, lines: int) -> list[float]:
    client = Client()
    await client.start_io(sys.executable, "-m", "contractlint", "server")
    folder = Path(tempfile.mkdtemp(prefix="contractlint-bench-lsp-"))
    (folder / ".contractlint.yaml").write_text("{}\n", encoding="utf-8")
    path = folder / "ranking.yaml"
    text = contract(lines)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name="bench")],
        )
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await wait_for(client, 1, 30.0)
    line = text.split("\n").index("timeouts_ms: 300  # CL505")
    version = 1
    times: list[float] = []
    for index in range(changes + 3):  # three to warm up
        await asyncio.sleep(interval)
        for _ in range(burst):
            version += 1
            value = "301" if version % 2 else "300"
            start = time.perf_counter()
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[
                        types.TextDocumentContentChangePartial(
                            range=types.Range(
                                start=types.Position(line=line, character=13),
                                end=types.Position(line=line, character=16),
                            ),
                            text=value,
                        )
                    ],
                )
            )
        arrived = await wait_for(client, version)
        if index >= 3:
            times.append((arrived - start) * 1000)
    assert client.counts[version] >= 5, client.counts[version]  # the findings came
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between changes")
    parser.add_argument("--burst", type=int, default=1, help="changes sent back to back")
    parser.add_argument("--lines", type=int, default=500)
    args = parser.parse_args()
    times = asyncio.run(run(args.changes, args.interval, args.burst, args.lines))
    median = statistics.median(times)
    ordered = sorted(times)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    verdict = "met" if median <= TARGET_MS else "NOT met"
    print(
        f"didChange -> publishDiagnostics, {args.lines}-line contract, {len(times)} changes "
        f"(bursts of {args.burst}, {args.interval * 1000:.0f} ms apart): median {median:.1f} ms, "
        f"p90 {p90:.1f} ms, min {ordered[0]:.1f} ms, max {ordered[-1]:.1f} ms; "
        f"target <= {TARGET_MS:.0f} ms {verdict}"
    )


if __name__ == "__main__":
    main()
