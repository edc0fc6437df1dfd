"""Align a customer's trace with the planned flow, as process mining aligns a trace with a model.

A *trace* is the sequence of touchpoints a customer's used events reached, in time order. The plan
is the map's flow: ``next`` where given, else the implied journey order. An alignment walks the flow
from a start touchpoint while reading the trace, with three kinds of move:

* **sync**: the trace's next touchpoint is the next planned step. Cost 0.
* **ad-hoc**: a trace entry the plan does not allow there is passed over. Cost 1.
* **missing**: a planned touchpoint the customer never met is passed. Cost 1.

The customer may stop anywhere (dropping off is the funnel's business), so the walk need not reach
an end. The cost of a trace is that of its cheapest alignment; fitness is ``1 - cost / len(trace)``,
always in [0, 1] because passing over every entry costs ``len(trace)``.

Between two sync moves the cheapest alignment passes the fewest planned touchpoints, so only the
shortest walks of the flow matter: with those precomputed once per map, a trace of length L aligns
in O(L²) steps, whatever the size of the flow.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

_SCALE = 1 << 32  # ranks: cost * _SCALE + (_SCALE - 1 - reads)
_NO_RANK = 1 << 126  # no alignment reads this position last


@dataclass(frozen=True)
class Flow:
    """The planned flow: touchpoints in journey order and the planned steps after each."""

    order: tuple[str, ...]
    successors: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, order: Iterable[str], successors: Mapping[str, Iterable[str]]) -> Flow:
        ordered = tuple(order)
        known = set(ordered)
        return cls(
            ordered,
            {t: tuple(s for s in successors.get(t, ()) if s in known) for t in ordered},
        )

    @cached_property
    def starts(self) -> tuple[str, ...]:
        """Touchpoints no planned step enters; if every one is entered, the first touchpoint."""
        entered = {s for targets in self.successors.values() for s in targets}
        free = tuple(t for t in self.order if t not in entered)
        return free or self.order[:1]

    @cached_property
    def edges(self) -> frozenset[tuple[str, str]]:
        return frozenset((a, b) for a, targets in self.successors.items() for b in targets)

    @cached_property
    def _walks(self) -> _Walks:
        return _Walks.of(self)


@dataclass(frozen=True)
class Alignment:
    """The cheapest alignment of one trace: its cost and what deviated."""

    trace: tuple[str, ...]
    cost: int
    ad_hoc: tuple[int, ...] = ()  # positions in the trace passed over
    missing: tuple[str, ...] = ()  # planned touchpoints passed, in walking order

    @property
    def fitness(self) -> float:
        return 1.0 - self.cost / len(self.trace) if self.trace else 1.0


@dataclass(frozen=True)
class _Walks:
    """Shortest walks of the flow, counted in planned touchpoints passed on the way.

    ``gap[a][b]``: the fewest touchpoints strictly between ``a`` and ``b`` on a walk of at least
    one step from ``a`` to ``b`` (so ``gap[a][a]`` is a cycle back to ``a``); absent when none.
    ``entry[b]``: the fewest touchpoints passed before ``b`` on a walk from a start.
    ``via``: for each ``(a, b)``, the touchpoints passed on one such shortest walk, in order.
    """

    gap: dict[str, dict[str, int]] = field(default_factory=dict)
    entry: dict[str, int] = field(default_factory=dict)
    via: dict[tuple[str | None, str], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, flow: Flow) -> _Walks:
        walks = cls()
        for source in flow.order:
            distance, parent = _bfs(flow, flow.successors[source])
            walks.gap[source] = {t: d for t, d in distance.items()}
            for target in distance:
                walks.via[(source, target)] = _path(parent, target)
        distance, parent = _bfs(flow, flow.starts)
        walks.entry.update(distance)
        for target in distance:
            walks.via[(None, target)] = _path(parent, target)
        return walks


def _bfs(flow: Flow, first: Iterable[str]) -> tuple[dict[str, int], dict[str, str | None]]:
    """Touchpoints passed before reaching each node, walking from the nodes ``first``."""
    distance: dict[str, int] = {}
    parent: dict[str, str | None] = {}
    queue: deque[str] = deque()
    for node in first:
        if node not in distance:
            distance[node], parent[node] = 0, None
            queue.append(node)
    while queue:
        node = queue.popleft()
        for nxt in flow.successors[node]:
            if nxt not in distance:
                distance[nxt], parent[nxt] = distance[node] + 1, node
                queue.append(nxt)
    return distance, parent


def _path(parent: Mapping[str, str | None], target: str) -> tuple[str, ...]:
    """The touchpoints passed before ``target`` on the BFS tree's walk, in walking order."""
    passed: list[str] = []
    node = parent[target]
    while node is not None:
        passed.append(node)
        node = parent[node]
    return tuple(reversed(passed))


def align(flow: Flow, trace: Sequence[str]) -> Alignment:
    """The cheapest alignment of ``trace`` with ``flow``.

    ``best[j]`` ranks the alignments whose last move so far reads ``trace[j]`` as a planned step:
    everything between two such reads is passed over (ad-hoc) or walked without meeting (missing).
    Among alignments of equal cost, the one that reads more of the trace as planned steps wins
    (a customer who went ad, product, order *missed* the cart rather than *wandered* to the
    order), then the one whose reads come earliest.
    """
    return Aligner(flow).align(trace)


class Aligner:
    """Aligns many traces with one flow, reusing the work on the prefix a trace shares with the
    previous one: ``best[j]`` depends on the trace up to ``j`` only, so traces aligned in sorted
    order (as :func:`align_all` does) recompute only from where they part.

    A rank ``(cost, -reads)`` is one integer, ``cost * _SCALE + (_SCALE - 1 - reads)``: lower
    is better, and a move adds to it without building tuples.
    """

    def __init__(self, flow: Flow) -> None:
        self._walks = flow._walks
        self._steps: list[str] = []
        self._gaps: list[Mapping[str, int]] = []
        self._best: list[int] = []
        self._came: list[int | None] = []

    def align(self, trace: Sequence[str]) -> Alignment:
        steps = tuple(trace)
        size = len(steps)
        if size >= _SCALE:  # reads and positions must fit under the scale
            raise ValueError(f"a trace of {size:,} steps is too long to align")
        old = self._steps
        shared = 0
        limit = min(len(old), size)
        while shared < limit and old[shared] == steps[shared]:
            shared += 1
        del old[shared:], self._gaps[shared:], self._best[shared:], self._came[shared:]
        walks = self._walks
        gaps, best, came = self._gaps, self._best, self._came
        scale = _SCALE
        for j in range(shared, size):
            node = steps[j]
            old.append(node)
            entry = walks.entry.get(node)
            rank, previous = (
                ((entry + j) * scale + scale - 2, None) if entry is not None else (_NO_RANK, None)
            )
            for k in range(j):
                rank_k = best[k]
                if rank_k == _NO_RANK:
                    continue
                gap = gaps[k].get(node)
                if gap is None:
                    continue
                candidate = rank_k + (j - k - 1 + gap) * scale - 1
                if candidate < rank:
                    rank, previous = candidate, k
            gaps.append(walks.gap.get(node, {}))  # {}: a touchpoint off the flow
            best.append(rank)
            came.append(previous)
        total = size * scale + scale - 1  # everything passed over: cost size, no read
        last: int | None = None
        for j in range(size):
            if best[j] == _NO_RANK:
                continue
            rank = best[j] + (size - 1 - j) * scale
            if rank < total:
                total, last = rank, j
        return _explain(walks, steps, total // scale, last, came)


def align_all(flow: Flow, traces: Iterable[Sequence[str]]) -> dict[tuple[str, ...], Alignment]:
    """The alignment of each of ``traces``, aligned in sorted order to share their prefixes."""
    aligner = Aligner(flow)
    return {trace: aligner.align(trace) for trace in sorted({tuple(t) for t in traces})}


def _explain(
    walks: _Walks,
    steps: tuple[str, ...],
    total: int,
    last: int | None,
    came: list[int | None],
) -> Alignment:
    synced: list[int] = []
    j = last
    while j is not None:
        synced.append(j)
        j = came[j]
    synced.reverse()
    read = set(synced)
    missing: list[str] = []
    previous: str | None = None
    for j in synced:
        missing.extend(walks.via[(previous, steps[j])])
        previous = steps[j]
    ad_hoc = tuple(i for i in range(len(steps)) if i not in read)
    return Alignment(steps, total, ad_hoc, tuple(missing))


def collapse_repeats(trace: Iterable[str]) -> tuple[str, ...]:
    """The trace with consecutive repeats of one touchpoint counted once."""
    out: list[str] = []
    for node in trace:
        if not out or out[-1] != node:
            out.append(node)
    return tuple(out)
