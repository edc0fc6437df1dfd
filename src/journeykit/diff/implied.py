"""Flow edges implied by a change of order, folded into the change that caused them.

A touchpoint without ``next`` flows to the one after it, so moving, adding or removing a
touchpoint, or reordering a stage, changes flow edges that nobody edited. :func:`fold_implied`
moves those edges from the list of changes into the ``implied`` detail of their cause.
"""

from __future__ import annotations

from dataclasses import replace

from journeykit.diff.model import Change, Kind


def _moved_touchpoint(change: Change) -> str | None:
    """The id of a touchpoint moved, added or removed by ``change``, else None."""
    path = change.path
    if len(path) == 2 and path[0] == "touchpoints" and change.kind in (Kind.ADDED, Kind.REMOVED):
        return path[1]
    if len(path) == 3 and path[0] == "touchpoints" and change.kind is Kind.MOVED:
        return path[1] if path[2] == "stage" else None
    return None


class _Causes:
    """The changes of order in a list of changes, to find the cause of an implied flow edge."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes
        self.moved: dict[str, int] = {}  # touchpoint id -> its move, addition or removal
        for i, change in enumerate(changes):
            ident = _moved_touchpoint(change)
            if ident is not None:
                self.moved.setdefault(ident, i)
        reorders = [i for i, c in enumerate(changes) if c.kind is Kind.REORDERED]
        self.in_stage = [(i, set(changes[i].new)) for i in reorders if len(changes[i].path) == 3]
        self.stages = [i for i in reorders if changes[i].path == ("stages",)]
        self.first = min([*self.moved.values(), *reorders], default=None)

    def of(self, ends: list[str], siblings: list[str]) -> int | None:
        """The index of the change that explains an edge between ``ends``, if any.

        ``siblings`` are the other ends of the edges of the same touchpoint that changed with it.
        The first that applies: a move, addition or removal of an end; a reorder within a stage
        holding an end; a move, addition or removal of a sibling; the reordering of the stages;
        the first change of order.
        """
        for ident in ends:
            if ident in self.moved:
                return self.moved[ident]
        for i, members in self.in_stage:
            if members.intersection(ends):
                return i
        for ident in siblings:
            if ident in self.moved:
                return self.moved[ident]
        return self.stages[0] if self.stages else self.first


def fold_implied(changes: list[Change], implied: list[tuple[str, list[Change]]]) -> list[Change]:
    """Move implied flow edges from the list into the ``implied`` detail of their cause."""
    causes = _Causes(changes)
    taken: dict[int, list[Change]] = {}
    folded: set[int] = set()
    for touchpoint, edges in implied:
        targets = [str(e.old if e.new is None else e.new) for e in edges]
        for edge, target in zip(edges, targets, strict=True):
            index = causes.of([touchpoint, target], [t for t in targets if t != target])
            if index is not None:
                taken.setdefault(index, []).append(edge)
                folded.add(id(edge))
    out = []
    for i, change in enumerate(changes):
        if id(change) in folded:
            continue
        if i in taken:
            change = replace(change, implied=(*change.implied, *taken[i]))
        out.append(change)
    return out


__all__ = ["fold_implied"]
