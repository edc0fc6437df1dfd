"""Lint rules: one module per rule, named after its id, registered here from one tuple.

A rule module defines ``ID``, ``LEVEL`` (the default level), ``SUMMARY`` (one line), ``OPTIONS``
(name -> :class:`Option` with its default) and ``check(ctx)``, which only yields problems. Its
docstring, with a failing and a passing example, is the user documentation printed by
``journey rules RULE``. To add a rule: write the module, add it to ``MODULES``, add case files
under ``tests/rules/<rule-id>/``.
"""

from __future__ import annotations

from journeykit.rules import (
    action_overdue,
    action_without_owner,
    dead_end_touchpoint,
    emotion_not_one_word,
    emotional_cliff,
    flow_goes_backwards,
    low_score_without_pain_point,
    map_stale,
    measurement_off_target,
    missing_experience,
    moment_of_truth_unmeasured,
    objective_without_metric,
    opportunity_without_action,
    persona_stale,
    persona_without_evidence,
    stage_without_touchpoints,
    touchpoint_never_reached,
    touchpoint_without_channel,
    touchpoint_without_owner,
    unaddressed_pain_point,
    unplanned_move,
    unreachable_touchpoint,
    unused_metric,
)
from journeykit.rules.base import Option, OptionValue, Rule, RuleContext

# The registry, in the order of `journey rules`: the map, personas, stages and flow, touchpoints,
# experiences, measurements, then the action plan.
MODULES: tuple[Rule, ...] = (
    map_stale,
    objective_without_metric,
    unused_metric,
    persona_without_evidence,
    persona_stale,
    stage_without_touchpoints,
    unreachable_touchpoint,
    dead_end_touchpoint,
    flow_goes_backwards,
    touchpoint_never_reached,
    unplanned_move,
    touchpoint_without_owner,
    touchpoint_without_channel,
    missing_experience,
    low_score_without_pain_point,
    emotional_cliff,
    emotion_not_one_word,
    moment_of_truth_unmeasured,
    measurement_off_target,
    unaddressed_pain_point,
    opportunity_without_action,
    action_without_owner,
    action_overdue,
)

RULES: dict[str, Rule] = {rule.ID: rule for rule in MODULES}


def documentation(rule: Rule) -> str:
    """The user documentation of a rule: its module docstring, dedented."""
    import inspect

    return inspect.cleandoc(getattr(rule, "__doc__", None) or "")


__all__ = ["MODULES", "RULES", "Option", "OptionValue", "Rule", "RuleContext", "documentation"]
