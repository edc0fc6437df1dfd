"""``journey conform``'s formats by name: stylish, json, markdown, html."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from journeykit.conform.result import ConformResult
    from journeykit.model.map import JourneyMap


def names_of(journey: JourneyMap | None) -> dict[str, str]:
    """Touchpoint names by id (the id where a touchpoint has no name)."""
    if journey is None:
        return {}
    return {t.id: t.name or t.id for t in journey.touchpoints}


def write(
    result: ConformResult, fmt: str, stream: TextIO, journey: JourneyMap | None = None
) -> None:
    from journeykit.conform import formats

    if fmt == "json":
        stream.write(result.dumps())
    elif fmt == "markdown":
        stream.write(formats.markdown(result, names_of(journey)))
    elif fmt == "html":
        from journeykit.conform.format_html import render

        stream.write(render(result, journey))
    else:
        stream.write(formats.stylish(result, names_of(journey)))


__all__ = ["names_of", "write"]
