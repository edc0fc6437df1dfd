"""The language server checks with the cyclic garbage collector paused (benchmarks/bench_lsp.py
measures the time): a full collection over the maps the server holds, set off by a check's own
allocations, tripled the lint rules' time on a 1,000-touchpoint map."""

from __future__ import annotations

import gc

import pytest

from journeykit.lsp.server import JourneyServer, gc_paused


def test_a_refresh_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    server = JourneyServer()
    seen: list[bool] = []
    monkeypatch.setattr(server, "_refresh", lambda path: seen.append(gc.isenabled()))
    assert gc.isenabled()
    server.refresh("map.journey.yaml")
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_resumes_after_a_failure_and_not_inside_a_nested_pause() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("a check that failed")
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # paused by someone else: left as it was
    finally:
        gc.enable()
