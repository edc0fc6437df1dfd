"""The composite action (action.yml), run step by step as the runner would run it.

Each step's `if:` and its `env:` / `with:` expressions go through a small evaluator of the
expressions GitHub Actions offers; it knows just what action.yml uses and raises on anything else,
so a new expression cannot make these tests pass by accident. `run:` scripts run with
`bash --noprofile --norc -eo pipefail`, GitHub's command for `shell: bash`, in a temporary git
repository, with the runner's files and variables (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, ...).
`uses:` steps (setup-python, upload-sarif) are recorded with their evaluated inputs, not run.

The install step is real: it pip-installs a copy of this repository into the action's virtualenv.
The test creates that virtualenv first (the step reuses one it finds) with a .pth file that puts
this interpreter's site-packages on its path, so the dependencies resolve without downloads; pip
fetches only the build backend (setuptools), as the action does on a runner.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from .conftest import MINIMAL, ROOT, shared_file

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
INPUTS: dict[str, dict[str, str]] = ACTION["inputs"]
BASH = shutil.which("bash") or "/bin/bash"
BAD_LINE = next(i for i, line in enumerate(MINIMAL.splitlines(), 1) if "score: 3" in line)


# --- a small evaluator of GitHub Actions expressions ----------------------------------------


LITERALS = {"true": True, "false": False, "null": None}


class UnknownExpression(Exception):
    """An expression (or a part of one) the evaluator does not know: the test must fail."""


_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||[!().])|(?P<name>[A-Za-z_][\w-]*))"
)


@dataclass
class Context:
    inputs: dict[str, str]
    github: dict[str, Any]  # event_name, base_ref, and event: the webhook payload
    steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: bool = False  # a step before this one failed
    cancelled: bool = False  # the run was cancelled

    FUNCTIONS = ("always", "success", "failure", "cancelled")
    GITHUB_KEYS = ("event_name", "base_ref")


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            raise UnknownExpression(f"cannot read {text[pos:]!r} in {text!r}")
        kind = match.lastgroup
        assert kind is not None
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def _equal(a: Any, b: Any) -> bool:
    # GitHub compares strings case-insensitively; null equals only null (no coercion needed here)
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if isinstance(a, bool) != isinstance(b, bool) and None not in (a, b):
        raise UnknownExpression(f"comparing {a!r} with {b!r}: GitHub would coerce, this does not")
    return bool(a == b)


def evaluate(text: str, ctx: Context) -> Any:
    tokens = _tokens(text)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return tokens[pos] if pos < len(tokens) else None

    def take(value: str | None = None) -> tuple[str, str]:
        nonlocal pos
        token = peek()
        if token is None or (value is not None and token[1] != value):
            raise UnknownExpression(f"expected {value or 'more'} in {text!r}")
        pos += 1
        return token

    def either() -> Any:
        left = both()
        while peek() == ("op", "||"):
            take()
            right = both()
            left = left if left else right
        return left

    def both() -> Any:
        left = unary()
        while peek() == ("op", "&&"):
            take()
            right = unary()
            left = right if left else left
        return left

    def unary() -> Any:
        if peek() == ("op", "!"):
            take()
            return not unary()
        return comparison()

    def comparison() -> Any:
        left = primary()
        token = peek()
        if token in (("op", "=="), ("op", "!=")):
            take()
            right = primary()
            same = _equal(left, right)
            return same if token[1] == "==" else not same
        return left

    def primary() -> Any:
        kind, value = take()
        if kind == "string":
            return value[1:-1].replace("''", "'")
        if (kind, value) == ("op", "("):
            inner = either()
            take(")")
            return inner
        if kind != "name":
            raise UnknownExpression(f"unexpected {value!r} in {text!r}")
        if value in LITERALS and peek() != ("op", "."):
            return LITERALS[value]
        if peek() == ("op", "("):
            take("(")
            take(")")
            return call(value)
        path = [value]
        while peek() == ("op", "."):
            take()
            path.append(take()[1])
        return lookup(path)

    def call(name: str) -> bool:
        if name not in Context.FUNCTIONS:
            raise UnknownExpression(f"function {name}() in {text!r}")
        return {
            "always": True,
            "success": not ctx.failed and not ctx.cancelled,
            "failure": ctx.failed,
            "cancelled": ctx.cancelled,
        }[name]

    def lookup(path: list[str]) -> Any:
        head, rest = path[0], path[1:]
        if head == "inputs" and len(rest) == 1:
            if rest[0] not in INPUTS:
                raise UnknownExpression(f"inputs.{rest[0]} is not declared in action.yml")
            return ctx.inputs[rest[0]]
        if head == "github" and len(rest) == 1 and rest[0] in Context.GITHUB_KEYS:
            return ctx.github[rest[0]]
        if head == "github" and rest[:1] == ["event"]:
            value: Any = ctx.github.get("event", {})
            for key in rest[1:]:  # a missing property reads as null, as on GitHub
                value = value.get(key) if isinstance(value, dict) else None
            return value
        if head == "steps" and len(rest) >= 2:
            ids = {s.get("id") for s in STEPS}
            if rest[0] not in ids:
                raise UnknownExpression(f"steps.{rest[0]}: no step has that id")
            step = ctx.steps.get(rest[0], {"outcome": "", "outputs": {}})
            if rest[1:] == ["outcome"] or rest[1:] == ["conclusion"]:
                return step["outcome"]
            if rest[1] == "outputs" and len(rest) == 3:
                return step["outputs"].get(rest[2], "")
        raise UnknownExpression(f"{'.'.join(path)} in {text!r}")

    result = either()
    if pos != len(tokens):
        raise UnknownExpression(f"trailing {tokens[pos:]} in {text!r}")
    return result


def substitute(template: str, ctx: Context) -> str:
    """A value with `${{ ... }}` parts, as the runner fills `env:` and `with:`."""

    def one(match: re.Match[str]) -> str:
        value = evaluate(match.group(1), ctx)
        return "" if value is None else str(value).lower() if isinstance(value, bool) else value

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(template))


def condition(step: Mapping[str, Any], ctx: Context) -> bool:
    """A step's `if:`; as on GitHub, `success() && ` goes in front unless it names a status."""
    text = str(step.get("if", "success()")).strip()
    match = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
    expression = match.group(1) if match else text
    if not any(name for kind, name in _tokens(expression) if name in Context.FUNCTIONS):
        expression = f"success() && ({expression})"
    return bool(evaluate(expression, ctx))


def test_evaluator_reads_what_it_knows_and_refuses_the_rest() -> None:
    ctx = Context({"lint": "true", "sarif": ""}, {"event_name": "pull_request", "base_ref": "m"})
    assert evaluate("inputs.lint == 'TRUE' && !cancelled()", ctx) is True
    assert evaluate("inputs.sarif != '' || (github.event_name == 'push')", ctx) is False
    assert evaluate("inputs.sarif || 'fallback'", ctx) == "fallback"
    assert evaluate("github.event.pull_request.head.repo.fork != true", ctx) is True
    for unknown in (
        "inputs.nope == 'x'",
        "github.token",
        "steps.nope.outcome",
        "hashFiles('x')",
        "inputs.lint == 1",
        "inputs.lint == true",
        "env.HOME",
    ):
        with pytest.raises(UnknownExpression):
            evaluate(unknown, ctx)


# --- the runner -----------------------------------------------------------------------------


@dataclass
class StepRun:
    name: str
    outcome: str  # success, failure, skipped
    code: int | None = None
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: list[StepRun]
    summary: str
    runner_temp: Path
    outputs: dict[str, str]

    def step(self, name: str) -> StepRun:
        (found,) = [s for s in self.steps if s.name == name]
        return found

    @property
    def succeeded(self) -> bool:
        return all(s.outcome != "failure" for s in self.steps)


def _read_outputs(path: Path) -> dict[str, str]:
    """GITHUB_OUTPUT's `name=value` lines and `name<<DELIM` blocks."""
    out: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines()) if path.exists() else iter(())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for item in lines:
                if item == delimiter:
                    break
                block.append(item)
            out[name] = "\n".join(block)
        elif line:
            name, value = line.split("=", 1)
            out[name] = value
    return out


def run_action(
    workspace: Path,
    runner_temp: Path,
    inputs: Mapping[str, str],
    github: Mapping[str, Any],
    action_path: Path,
    extra_env: Mapping[str, str] = {},
    select: Callable[[Mapping[str, Any]], bool] = lambda step: True,
    steps: Mapping[str, dict[str, Any]] = {},
) -> ActionRun:
    """Run the action's steps (those ``select`` keeps; ``steps`` presets earlier steps' results)."""
    unknown = set(inputs) - set(INPUTS)
    assert not unknown, f"the test passes inputs action.yml does not declare: {unknown}"
    values = {name: str(spec.get("default", "")) for name, spec in INPUTS.items()}
    values.update(inputs)
    ctx = Context(values, {"event_name": "", "base_ref": "", **github}, dict(steps))
    runner_temp.mkdir(parents=True, exist_ok=True)
    summary = runner_temp / "step_summary.md"
    summary.touch()
    path_file = runner_temp / "github_path"
    base_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "RUNNER_"))},
        **extra_env,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_PATH": str(path_file),
        "GITHUB_ENV": str(runner_temp / "github_env"),
        "GITHUB_EVENT_NAME": ctx.github["event_name"],
        "GITHUB_BASE_REF": ctx.github["base_ref"],
        "RUNNER_TEMP": str(runner_temp),
        "RUNNER_OS": "Linux",
    }
    base_env.pop("NO_COLOR", None)
    runs: list[StepRun] = []
    for index, step in enumerate(STEPS):
        name = step["name"]
        if not select(step):
            continue
        if not condition(step, ctx):
            runs.append(StepRun(name, "skipped"))
        elif "uses" in step:
            with_ = {k: substitute(v, ctx) for k, v in step.get("with", {}).items()}
            runs.append(StepRun(name, "success", with_=with_))  # recorded, not run
        else:
            assert step["shell"] == "bash", name
            env = dict(base_env)
            env.update({k: substitute(v, ctx) for k, v in step.get("env", {}).items()})
            if path_file.exists():  # what earlier steps added to GITHUB_PATH comes first
                added = path_file.read_text().split()
                env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
            output = runner_temp / f"output_{index}"
            output.touch()
            env["GITHUB_OUTPUT"] = str(output)
            script = runner_temp / f"step_{index}.sh"
            script.write_text(step["run"], encoding="utf-8")
            done = subprocess.run(
                [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                cwd=workspace, env=env, capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
            outcome = "success" if done.returncode == 0 else "failure"
            runs.append(
                StepRun(
                    name, outcome, done.returncode, done.stdout, done.stderr, _read_outputs(output)
                )
            )
        current = runs[-1]
        if "id" in step:
            ctx.steps[step["id"]] = {"outcome": current.outcome, "outputs": current.outputs}
        ctx.failed = ctx.failed or current.outcome == "failure"
    outputs = {k: substitute(v["value"], ctx) for k, v in ACTION.get("outputs", {}).items()}
    return ActionRun(runs, summary.read_text(encoding="utf-8"), runner_temp, outputs)


# --- fixtures: the action's checkout, its virtualenv, repositories to check -----------------


def _git(cwd: Path, *args: str) -> str:
    identity = ("-c", "user.name=journeykit tests", "-c", "user.email=tests@example.invalid")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", *identity, *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture(scope="module")
def action_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what a checkout of this action holds, so pip builds there, not in the tree."""
    target = tmp_path_factory.mktemp("action") / "journeykit"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "src", target / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy2(ROOT / name, target / name)
    return target


def _seed_venv(runner_temp: Path) -> None:
    """The action's virtualenv, made before it runs: deps come from this interpreter's
    site-packages (through a .pth file), so the install resolves them without the registry."""
    venv = runner_temp / "journeykit-venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    ask = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = Path(
        subprocess.run(
            [str(venv / "bin" / "python"), "-c", ask], capture_output=True, text=True, check=True
        ).stdout.strip()
    )
    # this interpreter's packages, journeykit's own install left out: pip must install it anew
    deps = runner_temp / "test-deps"
    deps.mkdir()
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(folder).iterdir():
            name = entry.name.lower()
            if name.startswith(("journeykit", "__editable__", "_journeykit")) or name.endswith(
                ".pth"
            ):
                continue
            if not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry)
    (purelib / "_journeykit_tests.pth").write_text(f"{deps}\n")


@pytest.fixture(scope="module")
def python_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PATH entry whose python3 is this interpreter (3.11+), as actions/setup-python gives."""
    folder = tmp_path_factory.mktemp("python-bin")
    (folder / "python3").symlink_to(sys.executable)
    return folder


BAD_MAP = MINIMAL.replace("score: 3", "score: 9")


def _pull_request_repo(base: Path) -> Path:
    """An `origin` whose main holds a valid map and an invalid one, and a branch that lowers a
    score in the valid map; the workspace holds only the branch's tip, shallow, as
    actions/checkout leaves it. (The invalid map is unchanged: `journey diff` does not compare a
    map it cannot read, see test_a_diff_that_cannot_be_made_says_so_in_the_summary.)"""
    origin = base / "origin"
    (origin / "maps").mkdir(parents=True)
    _git(origin, "init", "-q", "-b", "main")
    (origin / "maps" / "shop.journey.yaml").write_text(MINIMAL, encoding="utf-8")
    (origin / "maps" / "bad.journey.yaml").write_text(BAD_MAP, encoding="utf-8")
    _git(origin, "add", ".")
    _git(origin, "commit", "-q", "-m", "two maps")
    _git(origin, "checkout", "-q", "-b", "feature")
    lowered = MINIMAL.replace("score: 4", "score: 2")
    (origin / "maps" / "shop.journey.yaml").write_text(lowered, encoding="utf-8")
    _git(origin, "commit", "-q", "-am", "lower a score")
    workspace = base / "workspace"
    workspace.mkdir()
    _git(workspace, "init", "-q")
    _git(workspace, "remote", "add", "origin", origin.as_uri())
    _git(workspace, "fetch", "-q", "--depth=1", "origin", "feature")
    _git(workspace, "checkout", "-q", "FETCH_HEAD")
    return workspace


@pytest.fixture(scope="module")
def pull_request(
    tmp_path_factory: pytest.TempPathFactory, action_path: Path, python_bin: Path
) -> ActionRun:
    base = tmp_path_factory.mktemp("pull-request")
    workspace = _pull_request_repo(base)
    assert "origin/main" not in _git(workspace, "branch", "-r")
    runner_temp = base / "runner-temp"
    runner_temp.mkdir()
    _seed_venv(runner_temp)
    return run_action(
        workspace,
        runner_temp,
        inputs={"paths": "maps", "sarif": "reports/journeykit.sarif"},
        github={"event_name": "pull_request", "base_ref": "main"},
        action_path=action_path,
        extra_env={"PATH": os.pathsep.join([str(python_bin), os.environ["PATH"]])},
    )


@pytest.fixture(scope="module")
def clean_push(
    tmp_path_factory: pytest.TempPathFactory, action_path: Path, python_bin: Path
) -> ActionRun:
    """A push with valid maps, lint off, and an explicit diff-base."""
    base = tmp_path_factory.mktemp("push")
    workspace = base / "workspace"
    (workspace / "maps").mkdir(parents=True)
    _git(workspace, "init", "-q")
    (workspace / "maps" / "shop.journey.yaml").write_text(MINIMAL, encoding="utf-8")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "one")
    better = MINIMAL.replace("score: 3", "score: 5")
    (workspace / "maps" / "shop.journey.yaml").write_text(better, encoding="utf-8")
    _git(workspace, "commit", "-q", "-am", "two")
    runner_temp = base / "runner-temp"
    runner_temp.mkdir()
    _seed_venv(runner_temp)
    return run_action(
        workspace,
        runner_temp,
        inputs={"paths": "maps/*.journey.yaml", "lint": "false", "diff-base": "HEAD~1"},
        github={"event_name": "push"},
        action_path=action_path,
        extra_env={"PATH": os.pathsep.join([str(python_bin), os.environ["PATH"]])},
    )


# --- the pull request: invalid map, SARIF, lint table, diff ---------------------------------


def _outcomes(run: ActionRun) -> dict[str, str]:
    return {s.name: s.outcome for s in run.steps}


def test_install_puts_journey_in_its_own_virtualenv(pull_request: ActionRun) -> None:
    install = pull_request.step("Install journeykit")
    assert install.outcome == "success", install.stderr
    journey = Path(install.outputs["journey"])
    assert journey == pull_request.runner_temp / "journeykit-venv" / "bin" / "journey"
    assert pull_request.outputs["journey"] == str(journey)
    from journeykit import __version__

    assert install.stdout.strip() == f"journey {__version__}"
    # the action's own copy, not this checkout's editable install
    where = subprocess.run(
        [str(journey.parent / "python"), "-c", "import journeykit; print(journeykit.__file__)"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(pull_request.runner_temp / "journeykit-venv"))


def test_the_version_input_installs_that_release_from_the_index(
    tmp_path: Path, action_path: Path, python_bin: Path
) -> None:
    """`version: X` asks pip for journeykit==X; a local wheelhouse stands in for PyPI."""
    from journeykit import __version__

    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
         str(action_path)],
        check=True, capture_output=True,
    )  # fmt: skip
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    _seed_venv(runner_temp)
    index_only = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}
    path = os.pathsep.join([str(python_bin), os.environ["PATH"]])
    install = "Install journeykit"
    missing = tmp_path / "nowhere"  # the action's own checkout must not be used
    run = run_action(
        tmp_path, runner_temp, inputs={"version": __version__}, github={}, action_path=missing,
        extra_env={**index_only, "PATH": path}, select=lambda step: step["name"] == install,
    )  # fmt: skip
    assert run.step(install).outcome == "success", run.step(install).stderr
    assert run.step(install).stdout.strip() == f"journey {__version__}"
    run = run_action(
        tmp_path, tmp_path / "runner-temp-2", inputs={"version": "999.0"}, github={},
        action_path=missing, extra_env={**index_only, "PATH": path},
        select=lambda step: step["name"] == install,
    )  # fmt: skip
    assert run.step(install).outcome == "failure"
    assert "journeykit==999.0" in run.step(install).stderr


def test_the_pull_request_run_takes_the_expected_steps(pull_request: ActionRun) -> None:
    assert _outcomes(pull_request) == {
        "Set up Python": "skipped",
        "Install journeykit": "success",
        "Install Graphviz": "success",
        "Validate": "failure",
        "Write SARIF": "success",
        "Lint": "failure",
        "Upload SARIF": "success",
        "Journey diff to the job summary": "success",
        "Conformance to the job summary": "skipped",
    }
    assert not pull_request.succeeded  # the job fails


def test_validate_fails_and_lint_annotates_the_invalid_map(pull_request: ActionRun) -> None:
    validate = pull_request.step("Validate")
    assert validate.code == 1, validate.stdout + validate.stderr
    # with lint on, validate writes its log only: lint annotates the same problems once
    assert "maps/bad.journey.yaml" in validate.stdout and "::error" not in validate.stdout
    lint = pull_request.step("Lint")
    assert lint.code == 1
    annotation = (
        rf"^::error file=maps/bad\.journey\.yaml,line={BAD_LINE},col=\d+,title=out-of-range::"
    )
    assert len(re.findall(annotation, lint.stdout, re.M)) == 1, lint.stdout
    assert "::error file=maps/shop.journey.yaml" not in lint.stdout


def test_validate_annotates_when_lint_is_off(pull_request: ActionRun, tmp_path: Path) -> None:
    workspace = pull_request.runner_temp.parent / "workspace"
    run = run_action(
        workspace,
        tmp_path / "runner-temp",
        inputs={"paths": "maps", "lint": "false"},
        github={"event_name": "push"},
        action_path=ROOT,
        select=lambda step: step["name"] in ("Validate", "Lint"),
        steps={"install": {"outcome": "success", "outputs": pull_request.outputs}},
    )
    validate = run.step("Validate")
    assert validate.code == 1
    annotation = (
        rf"^::error file=maps/bad\.journey\.yaml,line={BAD_LINE},col=\d+,title=out-of-range::"
    )
    assert re.search(annotation, validate.stdout, re.M), validate.stdout
    assert run.step("Lint").outcome == "skipped"
    assert run.summary.startswith("### journey validate: 1 errors")
    assert f"| maps/bad.journey.yaml:{BAD_LINE}:" in run.summary


def test_lint_fills_the_step_summary(pull_request: ActionRun) -> None:
    summary = pull_request.summary
    assert "### journey validate" not in summary  # lint's table has validate's problems
    assert re.search(r"### journey lint: 1 errors, \d+ warnings, \d+ infos in 2 files", summary)
    assert "| location | severity | code | message |" in summary
    assert f"| maps/bad.journey.yaml:{BAD_LINE}:" in summary


def test_sarif_is_written_and_handed_to_upload(pull_request: ActionRun) -> None:
    workspace = pull_request.runner_temp.parent / "workspace"
    sarif = workspace / "reports" / "journeykit.sarif"
    log = json.loads(sarif.read_text(encoding="utf-8"))
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "journeykit"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "maps/bad.journey.yaml" in uris
    upload = pull_request.step("Upload SARIF")
    assert upload.with_ == {"sarif_file": "reports/journeykit.sarif", "category": "journeykit"}


def test_sarif_matches_the_oasis_schema(pull_request: ActionRun) -> None:
    schema = json.loads(shared_file("schemas/sarif-schema-2.1.0.json").read_text())
    workspace = pull_request.runner_temp.parent / "workspace"
    log = json.loads((workspace / "reports" / "journeykit.sarif").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def test_the_pull_request_diff_goes_to_the_step_summary(pull_request: ActionRun) -> None:
    diff = pull_request.step("Journey diff to the job summary")
    assert diff.code == 0, diff.stderr
    summary = pull_request.summary
    assert "## Journey map diff" in summary
    assert "origin/main → working tree" in summary
    assert re.search(
        r"\| 🔴 regression \| changed \(-2\) \| `experiences\.ann\.score` \| 4 \| 2 \|", summary
    )
    # the summary keeps the order of the steps: lint, then the diff
    assert summary.index("### journey lint") < summary.index("## Journey map diff")


def test_a_diff_that_cannot_be_made_says_so_in_the_summary(
    pull_request: ActionRun, tmp_path: Path
) -> None:
    """A branch adding an invalid map: `journey diff` exits 2; the step warns and passes."""
    workspace = tmp_path / "workspace"
    (workspace / "maps").mkdir(parents=True)
    _git(workspace, "init", "-q")
    (workspace / "maps" / "shop.journey.yaml").write_text(MINIMAL, encoding="utf-8")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "one")
    (workspace / "maps" / "bad.journey.yaml").write_text(BAD_MAP, encoding="utf-8")
    journey = pull_request.outputs["journey"]
    run = run_action(
        workspace,
        tmp_path / "runner-temp",
        inputs={"diff-base": "HEAD"},
        github={"event_name": "push"},
        action_path=ROOT,
        select=lambda step: step["name"] == "Journey diff to the job summary",
        steps={"install": {"outcome": "success", "outputs": {"journey": journey}}},
    )
    diff = run.step("Journey diff to the job summary")
    assert diff.outcome == "success", diff.stderr
    assert "::warning title=journeykit::journey diff --git could not compare" in diff.stdout
    assert "not a valid journey map" in diff.stderr
    assert run.summary.startswith("## Journey map diff\n\nNo diff: `journey diff --git` could not")


def _conform_run(pull_request: ActionRun, tmp_path: Path, inputs: dict[str, str]) -> ActionRun:
    """The conform step alone, on the shared tiny map and log (fitness 0.805556)."""
    workspace = tmp_path / "workspace"
    (workspace / "data").mkdir(parents=True)
    for name in ("tiny.journey.yaml", "tiny.csv"):
        shutil.copy2(shared_file(f"data/events/{name}"), workspace / "data" / name)
    return run_action(
        workspace,
        tmp_path / "runner-temp",
        inputs={"paths": "data/tiny.journey.yaml", "events": "data/*.csv", **inputs},
        github={"event_name": "push"},
        action_path=ROOT,
        select=lambda step: step["name"] == "Conformance to the job summary",
        steps={"install": {"outcome": "success", "outputs": pull_request.outputs}},
    )


def test_conform_writes_its_markdown_to_the_summary(
    pull_request: ActionRun, tmp_path: Path
) -> None:
    run = _conform_run(pull_request, tmp_path, {"fail-under": "0.8"})
    step = run.step("Conformance to the job summary")
    assert step.outcome == "success", step.stderr
    assert run.summary.startswith("## Conformance: `tiny-shop`")
    assert "fitness 0.81 over 6 customers" in run.summary


def test_conform_fails_the_job_below_fail_under(pull_request: ActionRun, tmp_path: Path) -> None:
    run = _conform_run(pull_request, tmp_path, {"conform-map": "data/tiny.journey.yaml",
                                                "paths": ".", "fail-under": "0.9"})  # fmt: skip
    step = run.step("Conformance to the job summary")
    assert (step.outcome, step.code) == ("failure", 1)
    assert "::error title=journeykit::the map's fitness is below fail-under (0.9)" in step.stdout
    assert "## Conformance" in run.summary  # the report is there to read why


def test_conform_that_cannot_run_says_so(pull_request: ActionRun, tmp_path: Path) -> None:
    run = _conform_run(pull_request, tmp_path, {"events": "data/missing.csv"})
    step = run.step("Conformance to the job summary")
    assert (step.outcome, step.code) == ("failure", 2)
    assert "journey conform could not run (exit 2)" in step.stdout


def test_conform_runs_only_with_events() -> None:
    step = "Conformance to the job summary"
    assert step not in _plan({}, {"event_name": "push"}, set())
    assert step in _plan({"events": "events.csv"}, {"event_name": "push"}, set())
    assert step not in _plan({"events": "e.csv"}, {}, failed={"Install journeykit"})
    assert step in _plan({"events": "e.csv"}, {}, failed={"Validate", "Lint"})


# --- a clean push -----------------------------------------------------------------------------


def test_a_clean_push_passes_and_skips_what_was_not_asked(clean_push: ActionRun) -> None:
    assert _outcomes(clean_push) == {
        "Set up Python": "skipped",
        "Install journeykit": "success",
        "Install Graphviz": "success",
        "Validate": "success",
        "Write SARIF": "skipped",
        "Lint": "skipped",
        "Upload SARIF": "skipped",
        "Journey diff to the job summary": "success",
        "Conformance to the job summary": "skipped",
    }
    assert clean_push.step("Validate").stdout == ""
    assert "### journey validate: 0 errors, 0 warnings, 0 infos in 1 file" in clean_push.summary
    assert "No problems found." in clean_push.summary
    assert "HEAD\\~1 → working tree" in clean_push.summary  # Markdown-escaped
    assert "🟢 improvement" in clean_push.summary
    assert "### journey lint" not in clean_push.summary


# --- the conditions alone, for the cases the runs above do not take ---------------------------


def _plan(
    inputs: Mapping[str, str], github: Mapping[str, Any], failed: set[str], cancelled: bool = False
) -> set[str]:
    """The steps that would run, when the steps named in ``failed`` fail and the others pass."""
    values = {name: str(spec.get("default", "")) for name, spec in INPUTS.items()} | dict(inputs)
    ctx = Context(values, {"event_name": "", "base_ref": "", **github}, cancelled=cancelled)
    ran = set()
    for step in STEPS:
        if condition(step, ctx):
            ran.add(step["name"])
            outcome = "failure" if step["name"] in failed else "success"
        else:
            outcome = "skipped"
        if "id" in step:
            ctx.steps[step["id"]] = {"outcome": outcome, "outputs": {}}
        ctx.failed = ctx.failed or outcome == "failure"
    return ran


def test_a_failed_install_stops_everything() -> None:
    ran = _plan({"sarif": "x.sarif", "diff-base": "main"}, {}, failed={"Install journeykit"})
    assert ran == {"Install journeykit"}  # graphviz is skipped too: success() is false


def test_a_cancelled_run_stops_after_the_install() -> None:
    pr = {"event_name": "pull_request", "base_ref": "main"}
    assert _plan({"sarif": "x.sarif"}, pr, set(), cancelled=True) == set()
    # all but setup-python and conform (no events)
    assert len(_plan({"sarif": "x.sarif"}, pr, {"Validate"})) == len(STEPS) - 2


def test_setup_python_runs_only_when_asked() -> None:
    assert "Set up Python" in _plan({"python-version": "3.12"}, {}, set())
    assert "Set up Python" not in _plan({}, {}, set())
    assert "Install Graphviz" not in _plan({"graphviz": "false"}, {}, set())


def test_the_diff_runs_on_pull_requests_or_with_a_base() -> None:
    diff = "Journey diff to the job summary"
    pr = {"event_name": "pull_request", "base_ref": "main"}
    assert diff in _plan({}, pr, set())
    assert diff in _plan({}, {"event_name": "pull_request_target", "base_ref": "main"}, set())
    assert diff not in _plan({}, {"event_name": "push"}, set())
    assert diff in _plan({"diff-base": "v1"}, {"event_name": "push"}, set())


def test_no_upload_from_a_fork_whose_token_cannot_write() -> None:
    fork = {"pull_request": {"head": {"repo": {"fork": True}}}}
    same = {"pull_request": {"head": {"repo": {"fork": False}}}}
    pr = {"event_name": "pull_request", "base_ref": "main"}
    assert "Upload SARIF" not in _plan({"sarif": "x.sarif"}, {**pr, "event": fork}, set())
    assert "Upload SARIF" in _plan({"sarif": "x.sarif"}, {**pr, "event": same}, set())
    assert "Upload SARIF" in _plan({"sarif": "x.sarif"}, {"event_name": "push"}, set())


def test_upload_follows_a_written_sarif_even_when_checks_fail() -> None:
    ran = _plan({"sarif": "x.sarif"}, {}, failed={"Validate", "Lint"})
    assert {"Write SARIF", "Upload SARIF", "Lint"} <= ran
    assert "Upload SARIF" not in _plan({"sarif": "x.sarif"}, {}, failed={"Write SARIF"})
    assert "Upload SARIF" not in _plan({}, {}, set())


# --- the Graphviz step's branches, with fake tools ------------------------------------------


def _graphviz_step() -> dict[str, Any]:
    (step,) = [s for s in STEPS if s["name"] == "Install Graphviz"]
    return step


@pytest.mark.parametrize(
    ("uid", "system", "tools", "expected"),
    [
        ("1001", "Linux", ("apt-get", "sudo"), ["sudo -n apt-get update -qq", "sudo -n env"]),
        ("0", "Linux", ("apt-get", "sudo"), ["apt-get update -qq", "apt-get install"]),
        ("501", "Darwin", ("brew",), ["brew install graphviz"]),
        ("1001", "Linux", (), ["::warning title=journeykit::Graphviz (dot) is missing"]),
    ],
)
def test_graphviz_is_installed_the_way_the_runner_allows(
    tmp_path: Path, uid: str, system: str, tools: tuple[str, ...], expected: list[str]
) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "calls.log"
    for name in tools:
        script = f'#!{BASH}\necho "{name} $*" >> "{log}"\n'
        if name == "sudo":  # log, then run the command
            script += '[ "$1" = -n ] && shift\nexec "$@"\n'
        (fake / name).write_text(script)
    (fake / "id").write_text(f"#!{BASH}\necho {uid}\n")
    (fake / "uname").write_text(f"#!{BASH}\necho {system}\n")
    (fake / "env").symlink_to(shutil.which("env") or "/usr/bin/env")
    for item in fake.iterdir():
        item.chmod(0o755)
    script_file = tmp_path / "step.sh"
    script_file.write_text(_graphviz_step()["run"])
    done = subprocess.run(
        [BASH, "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
        env={"PATH": str(fake), "HOME": str(tmp_path)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    calls = log.read_text() if log.exists() else ""
    seen = calls + done.stdout
    for item in expected:
        assert item in seen, seen
    if tools and "apt-get" in tools:
        assert "install -y -qq --no-install-recommends graphviz" in calls
    if uid == "0":
        assert "sudo" not in calls


# --- the file itself --------------------------------------------------------------------------


def test_no_expression_inside_a_script() -> None:
    """User inputs reach scripts through `env:` only (GitHub's script-injection advice)."""
    for step in STEPS:
        assert "${{" not in step.get("run", ""), step["name"]


def test_every_expression_in_the_file_is_understood() -> None:
    ctx = Context({n: "" for n in INPUTS}, {"event_name": "push", "base_ref": ""})
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    found = re.findall(r"\$\{\{(.*?)\}\}", text)
    assert found
    for expression in found:
        evaluate(expression, ctx)
    for step in STEPS:
        condition(step, ctx)


def test_the_inputs_other_tools_rely_on_are_kept() -> None:
    assert {"paths", "lint", "fail-level", "sarif", "diff-base", "version"} <= set(INPUTS)


# --- the workflows the documentation shows --------------------------------------------------


def _documented_workflows() -> list[tuple[str, str]]:
    found = []
    for name in ("README.md", "docs/ci.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL):
            if block.startswith("# .github/workflows/"):
                found.append((name, block))
    return found


def test_documented_workflows_pass_only_declared_inputs() -> None:
    workflows = _documented_workflows()
    assert {name for name, _ in workflows} == {"README.md", "docs/ci.md"}
    for name, block in workflows:
        steps = [s for job in yaml.safe_load(block)["jobs"].values() for s in job["steps"]]
        ours = [s for s in steps if str(s.get("uses", "")).startswith("journeykit/journeykit@")]
        assert ours, name
        for step in ours:
            assert set(step.get("with", {})) <= set(INPUTS), (name, step)


def test_documented_workflows_are_valid_github_workflows(tmp_path: Path) -> None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    checker = str(beside) if beside.exists() else shutil.which("check-jsonschema")
    assert checker, "check-jsonschema (a dev dependency) is not installed"
    files = []
    for index, (_, block) in enumerate(_documented_workflows()):
        files.append(tmp_path / f"workflow{index}.yml")
        files[-1].write_text(block, encoding="utf-8")
    result = subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", *map(str, files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
