"""How long `journey lsp` takes to re-check a 1,000-touchpoint map after a change (target < 200 ms).

    python benchmarks/bench_lsp.py [--touchpoints 1000] [--repeat 15]

Reports, in one run on this machine:
* end to end over stdio, as an editor sees it: from sending `textDocument/didChange` (one edited
  score) to receiving its `textDocument/publishDiagnostics`, with the debounce set to 0 (the real
  server waits 0.2 s after the last keystroke before it starts); and the CPU time the server
  process spent on it (from /proc, in clock ticks of 10 ms), which a busy shared machine inflates
  far less than wall time;
* the server's CPU time per change over the whole run, including what it does after publishing
  (it pauses the garbage collector during a check; collection follows between keystrokes);
* in-process, in CPU time, the parts of one re-check (the collector paused, as in the server):
  load (parse, merge, schema, references) and the lint rules; and the symbol index, which the
  server builds only when a navigation request (definition, references, rename, completion,
  hover) first needs it after a change;
* a calibration: the CPU time of ``sum(range(1000))`` here (about 8 to 10 µs on an idle laptop of
  2024), to scale the figures of a busy shared machine;
* medians with their spread (min to max) over --repeat changes, and each part as a share of the
  whole.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from common import generate

JOURNEY = Path(sys.executable).parent / "journey"


def spread(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return f"median {statistics.median(ms):7.1f} ms  (min {ms[0]:.1f}, max {ms[-1]:.1f})"


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def end_to_end(path: Path, repeat: int) -> tuple[list[float], list[float], float]:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    published: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(time.perf_counter())

    env = {**os.environ, "JOURNEYKIT_LSP_DEBOUNCE": "0", "JOURNEYKIT_TODAY": "2026-11-22"}
    await client.start_io(str(JOURNEY), "lsp", env=env)
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=path.parent.as_uri()
        )
    )
    client.initialized(types.InitializedParams())
    uri = path.as_uri()
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await published.get()
    pid = client._server.pid  # type: ignore[union-attr]
    times, cpu = [], []
    first = cpu_seconds(pid)
    for version in range(2, repeat + 2):
        edited = text.replace("score: 3", f"score: {1 + version % 5}", 1)
        cpu_start = cpu_seconds(pid)
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        times.append(await published.get() - start)
        cpu.append(cpu_seconds(pid) - cpu_start)
    await asyncio.sleep(0.5)  # whatever the server does after publishing (collecting garbage)
    overall = (cpu_seconds(pid) - first) / repeat
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times, cpu, overall


def parts(path: Path, repeat: int) -> dict[str, list[float]]:
    from journeykit.config import Config
    from journeykit.lint import Policy, lint
    from journeykit.lsp.symbols import build
    from journeykit.validate import load

    policy = Policy(Config())
    data = path.read_bytes()
    found: dict[str, list[float]] = {"load": [], "lint rules": [], "symbols": []}
    clock = time.process_time  # CPU time: what the work costs, whatever else runs
    gc.disable()  # as the server checks (lsp/server.py gc_paused)
    for _ in range(repeat):
        t0 = clock()
        loaded = load(str(path), data=data)
        t1 = clock()
        lint([loaded], policy, dt.date(2026, 11, 22))
        t2 = clock()
        build(loaded)
        t3 = clock()
        found["load"].append(t1 - t0)
        found["lint rules"].append(t2 - t1)
        found["symbols"].append(t3 - t2)
    gc.enable()
    return found


def calibration() -> str:
    start = time.process_time()
    for _ in range(20_000):
        sum(range(1000))
    each = (time.process_time() - start) / 20_000
    return f"sum(range(1000)) takes {each * 1e6:.0f} µs of CPU time"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--touchpoints", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate(Path(tmp), "--count", "1", "--touchpoints", str(args.touchpoints))[0]
        size = path.stat().st_size // 1024
        print(f"one map of {args.touchpoints} touchpoints ({size} KB), {args.repeat} changes\n")
        wire, cpu, overall = asyncio.run(end_to_end(path, args.repeat))
        print(f"didChange -> publishDiagnostics, wall time: {spread(wire)}")
        print(f"  the server's CPU time for it:           {spread(cpu)}")
        print(f"  the server's CPU time per change, all of it (after publishing too): "
              f"{overall * 1000:.0f} ms")  # fmt: skip
        split = parts(path, args.repeat)
        whole = statistics.median(cpu)
        print("  of which, in-process (the index is built on the first navigation request):")
        for name, times in split.items():
            share = statistics.median(times) / whole
            print(f"    {name:<11} CPU time:               {spread(times)}  {share:4.0%}")
        load1, _, _ = os.getloadavg()
        print(f"\nload average {load1:.1f} ({os.cpu_count()} CPUs); {calibration()}")
        for label, value in (("wall", statistics.median(wire)), ("CPU", whole)):
            verdict = "under" if value < 0.2 else "OVER"
            print(f"median re-check, {label}: {value * 1000:.0f} ms: {verdict} the 200 ms target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
