"""With --persona, the action plan and its "Open actions" figure keep to that persona's pains."""

from __future__ import annotations

import html as html_lib
import re

from journeykit.model import MapIndex
from journeykit.render import FORMATS
from journeykit.validate import load

from .conftest import EXAMPLES
from .render_helpers import options

OPEN = {"proposed", "planned", "in-progress"}


def plan_rows(page: str) -> list[str]:
    table = page.split("Action plan</caption>", 1)[1].split("</table>", 1)[0]
    return [
        html_lib.unescape(t)
        for t in re.findall(r'<tr[^>]*><th scope="row"><span class="desc">(.*?)</span></th>', table)
    ]


def test_persona_page_lists_only_that_personas_actions() -> None:
    saas = load(EXAMPLES / "saas-trial-to-paid.journey.yaml").journey
    assert saas is not None
    index = MapIndex(saas)
    checked = 0
    for persona in saas.personas:
        pains = {p.id for p in saas.pain_points if persona.id in index.pain_personas(p)}
        opps = {o.id for o in saas.opportunities if pains & set(o.addresses)}
        expected = [a for a in saas.actions if a.opportunity in opps]
        page = FORMATS["html"].render(saas, options(persona.id)).decode("utf-8")
        assert plan_rows(page) == [a.description for a in expected]
        opened = sum(1 for a in expected if a.status in OPEN)
        assert re.search(
            rf'<span class="value">{opened}</span>\s*<span class="name">Open actions', page
        )
        checked += len(expected) < len(saas.actions)
    assert checked, "every persona sees every action: the example no longer tests the filter"
    everyone = FORMATS["html"].render(saas, options()).decode("utf-8")
    assert plan_rows(everyone) == [a.description for a in saas.actions]
