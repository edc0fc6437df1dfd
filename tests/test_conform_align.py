"""The alignment behind ``journey conform``: small hand-made traces with known cost, an independent
search over every move as the oracle, and the properties the issue names."""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.conform.align import Flow, align, align_all, collapse_repeats

LINE = Flow.of("abcd", {"a": "b", "b": "c", "c": "d", "d": ""})


def flow(order: str, edges: dict[str, str]) -> Flow:
    return Flow.of(order, {k: list(v) for k, v in edges.items()})


@pytest.mark.parametrize(
    ("name", "plan", "trace", "cost", "ad_hoc", "missing"),
    [
        ("exact path", LINE, "abcd", 0, (), ""),
        ("a prefix: dropping off is free", LINE, "ab", 0, (), ""),
        ("a skipped step", LINE, "abd", 1, (), "c"),
        ("an extra step", LINE, "abxc", 1, (2,), ""),
        ("a swap", LINE, "acbd", 2, (2,), "b"),
        ("a late start", LINE, "cd", 2, (), "ab"),
        (
            "a loop back along a planned cycle",
            flow("abc", {"a": "b", "b": "ac", "c": ""}),
            "ababc",
            0,
            (),
            "",
        ),
        ("a loop that is not planned", LINE, "abab", 2, (2, 3), ""),
        ("an empty flow", Flow.of((), {}), "ab", 2, (0, 1), ""),
        ("touchpoints without steps", flow("ab", {"a": "", "b": ""}), "ab", 1, (1,), ""),
        (
            "branching next: one branch",
            flow("abcd", {"a": "bc", "b": "d", "c": "d"}),
            "acd",
            0,
            (),
            "",
        ),
        (
            "branching next: both branches",
            flow("abcd", {"a": "bc", "b": "d", "c": "d"}),
            "abcd",
            1,
            (2,),
            "",
        ),
        ("several starts", flow("xyz", {"x": "z", "y": "z", "z": ""}), "yz", 0, (), ""),
        ("several starts: the other", flow("xyz", {"x": "z", "y": "z", "z": ""}), "xz", 0, (), ""),
        ("several starts: both", flow("xyz", {"x": "z", "y": "z", "z": ""}), "xyz", 1, (1,), ""),
        (
            "every touchpoint entered: the first starts",
            flow("ab", {"a": "b", "b": "a"}),
            "ba",
            1,
            (),
            "a",
        ),
    ],
)
def test_hand_made_traces(name, plan, trace, cost, ad_hoc, missing):
    result = align(plan, trace)
    assert (result.cost, result.ad_hoc, "".join(result.missing)) == (cost, ad_hoc, missing), name
    assert result.cost == oracle_cost(plan, trace)


def test_the_tiny_log_of_shared_data():
    plan = Flow.of(
        ["ad", "search", "product", "cart", "order"],
        {"ad": ["product"], "search": ["product"], "product": ["cart"], "cart": ["order"]},
    )
    traces = {
        "c1": ["ad", "product", "cart", "order"],
        "c2": ["search", "product", "cart"],
        "c3": ["search", "cart", "order"],
        "c4": ["ad", "product", "order"],
        "c5": ["product", "ad"],
        "c6": ["ad", "product", "cart", "order"],
    }
    results = {c: align(plan, t) for c, t in traces.items()}
    assert {c: r.cost for c, r in results.items()} == {
        "c1": 0, "c2": 0, "c3": 1, "c4": 1, "c5": 1, "c6": 0
    }  # fmt: skip
    assert results["c3"].missing == ("product",)
    assert results["c4"].missing == ("cart",)
    assert results["c5"].ad_hoc == (0,)
    fitness = sum(r.fitness for r in results.values()) / len(results)
    assert round(fitness, 6) == 0.805556


def test_collapse_repeats_keeps_returns():
    assert collapse_repeats("aabbba") == tuple("aba")


# -- the oracle: a plain shortest-path search over every (position, place) with every move ---------

START = object()


def oracle_cost(plan: Flow, trace) -> int:
    """0-1 BFS over states (entries read, where the walk stands), straight from the definition."""
    steps = list(trace)
    best: dict[tuple[int, object], int] = {(0, START): 0}
    queue = deque([(0, START)])
    while queue:
        state = queue.popleft()
        i, place = state
        cost = best[state]
        nexts = plan.starts if place is START else plan.successors[place]
        moves = []
        if i < len(steps):
            moves.append(((i + 1, place), 1))  # ad-hoc
        for node in nexts:
            if i < len(steps) and steps[i] == node:
                moves.append(((i + 1, node), 0))  # sync
            moves.append(((i, node), 1))  # missing
        for target, step in moves:
            if cost + step < best.get(target, 1 << 30):
                best[target] = cost + step
                (queue.appendleft if step == 0 else queue.append)(target)
    return min(c for (i, _), c in best.items() if i == len(steps))


NODES = "abcdef"


@st.composite
def flows(draw):
    size = draw(st.integers(min_value=0, max_value=len(NODES)))
    order = NODES[:size]
    edges = {
        n: draw(st.lists(st.sampled_from(order), max_size=3, unique=True)) if order else []
        for n in order
    }
    return Flow.of(order, edges)


traces = st.lists(st.sampled_from(NODES + "xy"), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(flows(), traces)
def test_cost_matches_the_oracle_and_fitness_stays_in_range(plan, trace):
    result = align(plan, trace)
    assert result.cost == oracle_cost(plan, trace)
    assert 0.0 <= result.fitness <= 1.0
    # the explanation adds up: every deviation is one unit of cost
    assert len(result.ad_hoc) + len(result.missing) == result.cost


@settings(max_examples=200, deadline=None)
@given(flows(), st.data())
def test_a_planned_path_prefix_costs_nothing(plan, data):
    if not plan.order:
        return
    node = data.draw(st.sampled_from(plan.starts))
    path = [node]
    for _ in range(data.draw(st.integers(min_value=0, max_value=8))):
        options = plan.successors[path[-1]]
        if not options:
            break
        path.append(data.draw(st.sampled_from(options)))
    assert align(plan, path).cost == 0


@settings(max_examples=300, deadline=None)
@given(flows(), traces, st.data())
def test_one_unplanned_touchpoint_costs_at_most_one_more(plan, trace, data):
    where = data.draw(st.integers(min_value=0, max_value=len(trace)))
    longer = [*trace[:where], "zz", *trace[where:]]
    assert align(plan, trace).cost <= align(plan, longer).cost <= align(plan, trace).cost + 1


@settings(max_examples=200, deadline=None)
@given(flows(), st.lists(traces, min_size=1, max_size=12))
def test_aligning_many_traces_at_once_reuses_prefixes_without_changing_results(plan, many):
    # traces that share prefixes (every prefix of each, too) are aligned in one pass
    many = [*many, *(t[:cut] for t in many for cut in range(len(t)))]
    together = align_all(plan, many)
    assert set(together) == {tuple(t) for t in many}
    for trace in many:
        result = together[tuple(trace)]
        assert result == align(plan, trace)
        assert result.cost == oracle_cost(plan, trace)
