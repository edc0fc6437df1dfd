"""One error type: every exception class journeykit defines derives from ``JourneyError`` (but
the base and the loader's private control-flow ``_Abort``); the CLI reports it in one place."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest

import journeykit
from journeykit.errors import JourneyError, LocatedError
from journeykit.problems import Problem

from .conftest import RunCli

WriteMap = Callable[..., Path]

# The classes allowed to derive straight from a builtin exception.
FROM_BUILTINS = {"journeykit.errors.JourneyError", "journeykit.loader._Abort"}

CLI = Path(journeykit.__file__).parent / "cli"


def exception_classes() -> dict[str, type[BaseException]]:
    """Every exception class defined at the top of a journeykit module, by dotted name."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(journeykit.__path__, "journeykit."):
        if info.name == "journeykit.__main__":  # runs the CLI when imported
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


def test_at_most_two_exception_classes_derive_straight_from_builtins() -> None:
    classes = exception_classes()
    assert "journeykit.discovery.UsageError" in classes  # the walk reaches the whole package
    straight = {
        name
        for name, cls in classes.items()
        if any(base.__module__ == "builtins" for base in cls.__bases__)
    }
    assert straight == FROM_BUILTINS


@pytest.mark.parametrize(
    "name",
    [
        "journeykit.discovery.UsageError",
        "journeykit.diff.sources.SourceError",
        "journeykit.output.OutputError",
        "journeykit.render.RenderError",
        "journeykit.render.GraphvizMissing",
        "journeykit.scaffold.ScaffoldError",
        "journeykit.diff.build.InvalidSide",
        "journeykit.measure.plan.MeasureError",
    ],
)
def test_the_exit_2_errors_are_journey_errors(name: str) -> None:
    cls = exception_classes()[name]
    assert issubclass(cls, JourneyError)
    assert cls.exit_code == 2


def test_a_located_error_is_reported_as_its_problems_after_its_headline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from journeykit.cli.app import report_error

    problems = [
        Problem("b.yaml", 3, 1, "schema", "second"),
        Problem("a.yaml", 1, 2, "yaml", "first\nline"),
    ]
    assert report_error(LocatedError(problems)) == 2
    assert capsys.readouterr().err == (
        "a.yaml:1:2: error [yaml] first line\nb.yaml:3:1: error [schema] second\n"
    )
    assert report_error(LocatedError(problems[:1], "cannot go on", headline=True)) == 2
    assert capsys.readouterr().err == (
        "journey: error: cannot go on\nb.yaml:3:1: error [schema] second\n"
    )
    assert report_error(JourneyError("bad\nthing", exit_code=3)) == 3
    assert capsys.readouterr().err == "journey: error: bad thing\n"


def test_a_journey_error_from_a_command_exits_with_its_message_once(
    cli: RunCli, write_map: WriteMap
) -> None:
    path = write_map()
    result = cli("render", str(path), "-f", "html", "-o", str(path))  # it would replace the map
    assert result.exit_code == 2
    assert result.stderr.count("journey: error: ") == 1
    assert result.stderr.startswith("journey: error: refusing to write ")
    assert "it would replace the map" in result.stderr


def test_cli_modules_do_not_import_common_again_inside_functions() -> None:
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {
            node.module
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module is not None
        } | {
            f"journeykit.cli.{alias.name}"
            for node in tree.body
            if isinstance(node, ast.ImportFrom) and node.module == "journeykit.cli"
            for alias in node.names
        }
        if "journeykit.cli.common" not in top:
            continue
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                again = isinstance(node, ast.ImportFrom) and (
                    node.module == "journeykit.cli.common"
                    or (
                        node.module == "journeykit.cli"
                        and any(a.name == "common" for a in node.names)
                    )
                )
                assert not again, f"{path.name}:{node.lineno} imports journeykit.cli.common again"


def test_commands_return_their_exit_code_instead_of_raising_typer_exit() -> None:
    for path in sorted(CLI.glob("*.py")):
        assert "typer.Exit" not in path.read_text(encoding="utf-8"), path.name
