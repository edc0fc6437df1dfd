"""Static checks of the HTML page: escaping discipline, contrast, self-containment, print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeykit.model import MapView
from journeykit.render import FORMATS
from journeykit.render.colors import (
    INK,
    PAPER,
    PERSONA_COLORS,
    SCORE_SCALE,
    contrast,
    score_color,
    text_on,
)
from journeykit.render.html import environment
from journeykit.render.markdown import markdown
from journeykit.render.readings import format_value, round_half_up
from tests.render_helpers import journey, options, visible

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
RENDER = TEMPLATES.parent / "src" / "journeykit" / "render"


@pytest.fixture(scope="module")
def page() -> str:
    return FORMATS["html"].render(journey("small.journey.yaml"), options()).decode("utf-8")


# --------------------------------------------------------------------------- escaping discipline


def test_autoescape_is_on() -> None:
    assert environment().autoescape is True


def test_no_template_marks_anything_safe() -> None:
    """Markup reaches templates only as values made by our own code (listed below)."""
    for path in TEMPLATES.iterdir():
        if path.suffix not in {".j2", ".css", ".js"}:
            continue
        text = path.read_text("utf-8")
        assert not re.search(r"\|\s*safe\b", text), path.name
        assert "autoescape false" not in text and "Markup" not in text, path.name


def test_markup_is_only_made_by_known_generators() -> None:
    """Every ``Markup(...)`` in render/ wraps text made there with user text escaped."""
    allowed = {"svg.py": 3, "markdown.py": 2, "html.py": 2}
    for path in sorted(RENDER.glob("*.py")):
        count = len(re.findall(r"\bMarkup\(", path.read_text("utf-8")))
        assert count == allowed.get(path.name, 0), (path.name, count)


def test_markdown_subset_escapes_first() -> None:
    html = markdown(
        "Hi **bold** *em* `<b>x</b>` [ok](https://a.example/?q=1&r=2) "
        '[no](javascript:alert(1)) <script>x</script> [q](https://x.example/"onmouseover=1)'
        "\n\nsecond"
    )
    assert "<strong>bold</strong>" in html and "<em>em</em>" in html
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html
    assert '<a href="https://a.example/?q=1&amp;r=2" rel="noopener noreferrer">ok</a>' in html
    assert "javascript:" in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert '"onmouseover' not in html
    assert html.count("<p>") == 2
    assert markdown(None) == "" and markdown("") == ""


def test_markdown_nests_links_inside_emphasis_as_commonmark_does() -> None:
    """Regexes applied emphasis across a link's URL: <strong><a href="…</strong>x">."""
    html = markdown("**[i](https://x.com/**x)** and *[j](mailto:a@b.example)* `**no**`")
    assert html == (
        '<p><strong><a href="https://x.com/**x" rel="noopener noreferrer">i</a></strong> and '
        '<em><a href="mailto:a@b.example" rel="noopener noreferrer">j</a></em> '
        "<code>**no**</code></p>"
    )


@pytest.mark.parametrize(
    "text",
    ["[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,hi)",
     "[x](file:///etc/passwd)", "[x](/relative)", "<a href='https://x.example'>x</a>"],
)  # fmt: skip
def test_markdown_links_only_to_web_and_mail(text: str) -> None:
    html = markdown(text)
    assert "<a " not in html and 'href="' not in html
    assert "<img" not in markdown("![img](https://x.example/i.png)")  # no request on opening


# --------------------------------------------------------------------------- self-contained


def test_page_requests_nothing(page: str) -> None:
    parsed = visible(page)
    for tag, attrs in parsed.elements:
        assert "src" not in attrs, tag
        if tag == "link":
            assert attrs.get("href") == "data:,"
    assert "@import" not in page and "url(" not in page
    csp = next(a["content"] for t, a in parsed.elements if a.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp and "script-src 'sha256-" in csp


def test_script_hash_matches_the_inline_script(page: str) -> None:
    import base64
    import hashlib

    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    csp = next(a["content"] for t, a in visible(page).elements if a.get("http-equiv"))
    assert csp is not None and f"script-src 'sha256-{digest}'" in csp


def test_print_stylesheet_is_a3_landscape(page: str) -> None:
    assert re.search(r"@media print \{\s*@page \{ size: A3 landscape;", page)


# --------------------------------------------------------------------------- accessibility


def test_table_headers_have_scope(page: str) -> None:
    for tag, attrs in visible(page).elements:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row", "colgroup"), attrs


def test_images_have_text(page: str) -> None:
    parsed = visible(page)
    for tag, attrs in parsed.elements:
        if attrs.get("role") == "img":
            assert attrs.get("aria-label") or attrs.get("aria-labelledby"), (tag, attrs)
    assert any(tag == "html" and attrs.get("lang") == "en" for tag, attrs in parsed.elements)


def _css_colours() -> tuple[dict[str, str], list[tuple[str, str, str | None]]]:
    """Custom properties, and (selector, color, background-or-None) of every rule."""
    css = (TEMPLATES / "style.css").read_text("utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    variables = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", css))
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decl = dict(
            (k.strip(), v.strip())
            for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        if "color" not in decl:
            continue
        back = decl.get("background") or decl.get("background-color") or decl.get("--on")
        rules.append((selector.strip(), decl["color"], back))
    return variables, rules


def _resolve(value: str, variables: dict[str, str]) -> str | None:
    found = re.match(r"var\((--[\w-]+)\)", value)
    if found:
        return variables.get(found.group(1))
    hexa = re.match(r"#[0-9a-fA-F]{6}\b", value)
    return hexa.group(0) if hexa else None


def test_css_text_colours_meet_wcag_aa() -> None:
    """Every ``color`` in the stylesheet reads at 4.5:1 or more on its rule's background (or on
    ``--on``, a marker for the background it sits on), else on both page backgrounds."""
    variables, rules = _css_colours()
    assert len(rules) > 40
    checked = 0
    for selector, color, back in rules:
        fg = _resolve(color, variables)
        if fg is None or "@media print" in selector or selector.startswith("@"):
            continue
        backs = [_resolve(back, variables)] if back else [variables["--paper"], variables["--bg"]]
        for bg in backs:
            if bg is None:
                continue
            checked += 1
            assert contrast(fg, bg) >= 4.5, (selector, fg, bg, round(contrast(fg, bg), 2))
    assert checked > 40


def test_score_fills_carry_readable_text() -> None:
    for tenth in range(10, 51):
        fill = score_color(tenth / 10)
        assert contrast(text_on(fill), fill) >= 4.5, (tenth / 10, fill)
    for fill in SCORE_SCALE:
        assert contrast(text_on(fill), fill) >= 4.5


def test_persona_lines_stand_out_from_the_page() -> None:
    # WCAG 1.4.11: graphics need 3:1; markers and dashes also tell personas apart
    for colour in PERSONA_COLORS[:4]:
        assert contrast(colour, PAPER) >= 3.0
    assert contrast(INK, PAPER) >= 12


# --------------------------------------------------------------------------- content


def test_page_shows_the_lanes_and_cards(page: str) -> None:
    text = visible(page).text
    for lane in ("Doing", "Thinking", "Feeling", "Experiences", "Pain points", "Opportunities",
                 "Backstage", "KPIs", "Owner"):  # fmt: skip
        assert f"{lane} " in text
    for item in ("Get the usual quickly", "Queues at 8am", "Counter interviews 2026",
                 "Reviewed 2026-10-01", "5 min", "≤ 4 min", "Above target", "On target",
                 "The queue never moves.", "Run till updates overnight.", "Scorecard"):  # fmt: skip
        assert item in text, item
    # the wait (lower is better) misses by being above its target; CSAT 4.6 ≥ 4.5 is on target
    assert "5 min target ≤ 4 min ✗ Above target" in text and "Below target" not in text


def test_emotion_curve_has_a_line_per_persona_and_labels(page: str) -> None:
    curve = re.search(r'<svg class="curve".*?</svg>', page, re.DOTALL)
    assert curve is not None
    body = curve.group(0)
    assert body.count('class="persona-line"') == 2
    assert "3 neutral" in body and "5 very positive" in body and "1 very negative" in body
    for word in ("curious", "neutral", "rushed", "unsure", "happy", "pleased"):
        assert f">{word}</text>" in body
    assert 'stroke-dasharray="6 4"' in body  # the neutral line


def test_switcher_has_a_button_per_persona(page: str) -> None:
    assert page.count("data-show=") == 3
    assert "data-switcher hidden" in page  # shown by the script only


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [(0.615, "conversion", "61.5%"), (187000, "duration", "2.2 d"), (90, "duration", "1.5 min"),
     (12, "duration", "12 s"), (41, "nps", "+41"), (4.5, "csat", "4.5"), (3.0, "count", "3"),
     (1e308, "custom", "1e+308"), (1e-308, "custom", "1e-308"), (-0.00001, "count", "-1e-05"),
     (0.0, "custom", "0"), (123456.789, "custom", "123\u202f456.789")],
)  # fmt: skip
def test_values_are_formatted_by_metric_kind(value: float, kind: str, shown: str) -> None:
    from journeykit.model import Metric

    assert format_value(value, Metric(id="m", name="m", kind=kind)) == shown  # type: ignore[arg-type]


def test_rounding_is_half_up() -> None:
    assert [round_half_up(x) for x in (2.5, 3.5, 2.49, 4.0)] == [3, 4, 2, 4]


def test_persona_flow_skips_touchpoints_it_does_not_pass() -> None:
    view = MapView(journey("small.journey.yaml"), "bo")
    assert [t.id for t in view.touchpoints] == ["window", "counter", "cup"]
    assert view.edges == [("window", "counter"), ("counter", "cup")]
    full = MapView(journey("small.journey.yaml"))
    assert full.edges == [("window", "app"), ("app", "counter"), ("counter", "cup")]


def test_pain_notes_in_the_flow_are_readable() -> None:
    from journeykit.render.colors import SEVERITY_COLORS, SEVERITY_FILLS

    for severity, ink in SEVERITY_COLORS.items():
        assert contrast(ink, SEVERITY_FILLS[severity]) >= 4.5, severity
