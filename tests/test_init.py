"""``journey init``: a repository that validates, lints clean, renders and scores on any day."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from journeykit import __version__
from journeykit.scaffold import GITATTRIBUTES_LINES, Template, fill, render_files

from .conftest import ROOT, RunCli

TEMPLATES = [t.value for t in Template]
WRITTEN = (
    "journeykit.yaml",
    "journeys/personas.yaml",
    ".pre-commit-config.yaml",
    ".github/workflows/journeys.yml",
    ".gitattributes",
)
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in tmp_path; git reads no user or system config, and a global one would show."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "home" / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("JOURNEYKIT_TODAY", raising=False)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def map_of(root: Path) -> Path:
    (found,) = (root / "journeys").glob("*.journey.yaml")
    return found


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_command_passes_on_a_new_repository(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    result = cli("init", "repo", "--template", template)
    assert result.exit_code == 0, result.stderr
    root = tmp_path / "repo"
    for name in WRITTEN:
        assert name in result.stdout and (root / name).is_file()
    assert map_of(root).relative_to(root).as_posix() in result.stdout
    for command in ("validate", "lint", "score", "render -o site/"):
        assert f"journey {command.split()[0]} journeys/" in result.stdout  # the next steps

    monkeypatch.chdir(root)
    validated = cli("validate", "journeys/")
    assert validated.exit_code == 0, validated.stdout
    linted = cli("lint", "--fail-level", "info", "--format", "parsable", "journeys/")
    assert (linted.exit_code, linted.stdout) == (0, ""), linted.stdout
    assert cli("score", "journeys/").exit_code == 0
    rendered = cli("render", "journeys/", "-o", "site/")
    assert rendered.exit_code == 0, rendered.stderr
    assert (root / "site" / "index.html").is_file()
    mermaid = cli("render", str(map_of(root).relative_to(root)), "--format", "mermaid")
    assert mermaid.exit_code == 0 and mermaid.stdout.startswith("journey")


@pytest.mark.parametrize("template", TEMPLATES)
def test_maps_are_modest_but_use_the_whole_format(template: str) -> None:
    from journeykit.validate import load

    root = Path("repo")
    files = render_files(Template(template), dt.date(2026, 11, 22), __version__)
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    path = map_of(root)
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=https://")
    loaded = load(path)
    journey = loaded.journey
    assert journey is not None, loaded.problems
    assert journey.include == ["personas.yaml"]
    assert not yaml.safe_load(text).get("personas")  # they come from the library
    assert 2 <= len(journey.personas) <= 4 and 3 <= len(journey.stages) <= 5
    assert 6 <= len(journey.touchpoints) <= 12
    assert all(tp.channel and tp.owner for tp in journey.touchpoints)
    experiences = [e for tp in journey.touchpoints for e in tp.experiences]
    assert all(e.emotion for e in experiences) and any(e.quote for e in experiences)
    assert any(e.evidence for e in experiences)
    assert any(tp.moment_of_truth for tp in journey.touchpoints)
    assert any(tp.next for tp in journey.touchpoints)
    readings = [m.metric for tp in journey.touchpoints for m in tp.measurements]
    assert len(readings) > len(set(readings)), "no KPI history"
    assert journey.pain_points and journey.opportunities and journey.objectives
    assert len({a.status for a in journey.actions}) >= 3
    assert all(o.metric for o in journey.objectives)
    assert journey.updated == dt.date(2026, 11, 22)


def test_the_three_maps_are_different_journeys() -> None:
    today = dt.date(2026, 11, 22)
    maps = {t: render_files(t, today, __version__) for t in Template}
    names = {next(n for n in files if n.endswith(".journey.yaml")) for files in maps.values()}
    assert len(names) == 3
    personas = {files["journeys/personas.yaml"] for files in maps.values()}
    assert len(personas) == 3


@pytest.mark.parametrize("template", TEMPLATES)
def test_lint_clean_on_a_far_away_day(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.setenv("JOURNEYKIT_TODAY", "2031-03-01")
    assert cli("init", "--no-git", "--template", template).exit_code == 0
    assert yaml.safe_load(map_of(tmp_path).read_text("utf-8"))["updated"] == dt.date(2031, 3, 1)
    linted = cli("lint", "--fail-level", "info", "--format", "parsable", "journeys/")
    assert (linted.exit_code, linted.stdout) == (0, "")
    # and the dates move with the day: a year later the same files are stale
    later = cli("lint", "--today", "2032-06-01", "--format", "parsable", "journeys/")
    assert "[persona-stale]" in later.stdout and "[map-stale]" in later.stdout


@pytest.mark.parametrize("day", ["9999-12-30", "0001-01-02"])
def test_a_day_at_the_end_of_the_calendar(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str
) -> None:
    monkeypatch.setenv("JOURNEYKIT_TODAY", day)
    result = cli("init", "--no-git")
    assert result.exit_code == 2
    assert f"days from {day}) fall outside the calendar" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_template_tokens() -> None:
    today = dt.date(2026, 2, 27)
    text = "{{today}} {{today+2}} {{today-60}} v{{version}} ${{ github.ref }} {{schema}}"
    filled = fill(text, today, "1.2.3")
    assert filled.startswith("2026-02-27 2026-03-01 2025-12-29 v1.2.3 ${{ github.ref }} https://")
    assert "/v1.2.3/schemas/journey-map.v1.schema.json" in filled
    with pytest.raises(ValueError, match="tomorrow"):
        fill("{{tomorrow}}", today, "1")
    for template in Template:
        for name, data in render_files(template, today, "1.2.3").items():
            assert not re.search(r"(?<!\$)\{\{", data.decode()), name


def test_schema_url_names_the_committed_schema() -> None:
    text = render_files(Template.shop, dt.date(2026, 11, 22), __version__)
    modeline = next(t for n, t in text.items() if n.endswith(".journey.yaml")).decode()
    url = modeline.splitlines()[0].split("$schema=", 1)[1]
    assert url.startswith(
        f"https://raw.githubusercontent.com/journeykit/journeykit/v{__version__}/"
    )
    assert (ROOT / url.split(f"/v{__version__}/", 1)[1]).is_file()


def test_config_has_every_section_and_is_accepted(cli: RunCli, tmp_path: Path) -> None:
    from journeykit.config import load_config

    assert cli("init", "--no-git").exit_code == 0
    text = (tmp_path / "journeykit.yaml").read_text("utf-8")
    config = load_config(str(tmp_path / "journeykit.yaml"))
    assert set(yaml.safe_load(text)) == {"files", "ignore", "rules", "score", "render"}
    assert config.settings.rules and config.settings.score
    for section in ("files", "ignore", "rules", "score", "render"):
        before = text.split(f"\n{section}:", 1)[0].rstrip().splitlines()[-1]
        assert before.startswith("#"), f"`{section}` has no comment above it"


def test_a_second_init_refuses_and_writes_nothing(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "--no-git").exit_code == 0
    (tmp_path / "journeykit.yaml").write_text("files: ['*.journey.yaml']\n")
    before = snapshot(tmp_path)

    result = cli("init", "--no-git", "--template", "saas")
    assert result.exit_code == 1
    assert "journey: error: journeykit.yaml exists" in result.stderr
    assert "journey: error: journeys/personas.yaml exists" in result.stderr
    assert "--force" in result.stderr and "nothing was written" in result.stderr
    assert ".pre-commit-config.yaml" not in result.stderr  # identical: not in the way
    assert snapshot(tmp_path) == before  # the saas map was not created either

    forced = cli("init", "--no-git", "--template", "saas", "--force")
    assert forced.exit_code == 0, forced.stderr
    expected = render_files(Template.saas, dt.date.today(), __version__)
    for name, data in expected.items():
        if name != ".gitattributes":
            assert (tmp_path / name).read_bytes() == data, name
    assert "replaced   journeykit.yaml" in forced.stdout


def test_a_second_init_with_identical_files_changes_nothing(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "--no-git").exit_code == 0
    before = snapshot(tmp_path)
    again = cli("init", "--no-git")
    assert again.exit_code == 0, again.stderr
    assert "kept       journeykit.yaml" in again.stdout
    assert snapshot(tmp_path) == before


def test_an_existing_dot_config_is_in_the_way(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".journeykit.yaml").write_text("rules: {}\n")
    result = cli("init", "--no-git")
    assert result.exit_code == 1
    assert ".journeykit.yaml exists" in result.stderr
    assert not (tmp_path / "journeykit.yaml").exists()
    forced = cli("init", "--no-git", "--force")
    assert forced.exit_code == 0
    assert ".journeykit.yaml: the commands now read journeykit.yaml instead" in forced.stdout
    assert (tmp_path / ".journeykit.yaml").read_text() == "rules: {}\n"


def test_gitattributes_lines_are_added_not_replaced(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / ".gitattributes").write_bytes(b"*.png binary\n*.journey.yaml   diff=journey")
    result = cli("init", "--no-git")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".gitattributes").read_bytes() == (
        b"*.png binary\n*.journey.yaml   diff=journey\n*.journey.yml diff=journey\n"
    )
    assert "updated    .gitattributes (added *.journey.yml diff=journey)" in result.stdout


def test_gitattributes_that_set_another_diff_keep_it(cli: RunCli, tmp_path: Path) -> None:
    """As with a diff driver already in git's config: theirs stays unless --force."""
    text = b"*.journey.yaml -diff\n# *.journey.yml binary\n*.journey.yml diff=journey text\n"
    (tmp_path / ".gitattributes").write_bytes(text)
    result = cli("init", "--no-git")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".gitattributes").read_bytes() == text
    assert (
        "kept       .gitattributes (left *.journey.yaml -diff as it is: --force adds "
        "*.journey.yaml diff=journey after it)"
    ) in result.stdout
    forced = cli("init", "--no-git", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / ".gitattributes").read_bytes() == text + b"*.journey.yaml diff=journey\n"


def test_gitattributes_with_both_lines_is_left_alone(cli: RunCli, tmp_path: Path) -> None:
    text = b"# ours\n" + b"\n".join(line.encode() for line in GITATTRIBUTES_LINES)
    (tmp_path / ".gitattributes").write_bytes(text)
    assert cli("init", "--no-git").exit_code == 0
    assert (tmp_path / ".gitattributes").read_bytes() == text


@needs_git
def test_git_init_and_the_local_diff_driver(cli: RunCli, tmp_path: Path) -> None:
    result = cli("init", "new")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "new" / ".git").is_dir()
    got = subprocess.run(
        ["git", "-C", "new", "config", "--local", "--get", "diff.journey.command"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert got.stdout.strip() == "journey git-diff-driver"
    assert not (tmp_path / "home" / "gitconfig").exists()  # global config untouched
    check = subprocess.run(
        ["git", "-C", "new", "check-attr", "diff", "journeys/first-purchase.journey.yaml"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert check.stdout.strip().endswith("diff: journey")


@needs_git
def test_git_speaking_another_language(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether PATH is in a repository must not depend on the words of git's messages."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANGUAGE", "de")
    probe = subprocess.run(["git", "rev-parse"], capture_output=True, text=True, check=False)
    if "not a git repository" in probe.stderr:
        pytest.skip("this git speaks only English (no translations or no C.UTF-8 locale)")
    result = cli("init", "x")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "x" / ".git").is_dir(), result.stderr
    assert "git init   x (a new repository)" in result.stdout


@needs_git
def test_inside_a_repository_no_nested_one(cli: RunCli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "outer"], check=True)
    result = cli("init", "outer/cx")
    assert result.exit_code == 0, result.stderr
    assert not (tmp_path / "outer" / "cx" / ".git").exists()
    assert "git init" not in result.stdout
    got = subprocess.run(
        ["git", "-C", "outer", "config", "--get", "diff.journey.command"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert got.stdout.strip() == "journey git-diff-driver"
    # GitHub and pre-commit read their files only at the top of the repository
    note = next(line for line in result.stderr.splitlines() if "subfolder" in line)
    assert "outer/.github/workflows/" in note and "outer/.pre-commit-config.yaml" in note
    assert "`paths:` to `cx/journeys`" in note
    # through a symbolic link, the top is where git says, not the link's parent
    (tmp_path / "outer" / "ux").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "outer" / "ux")
    linked = cli("init", "link")
    assert linked.exit_code == 0, linked.stderr
    assert "link is a subfolder of the git repository outer," in linked.stderr
    assert "`paths:` to `ux/journeys`" in linked.stderr


@needs_git
def test_at_the_top_of_a_repository_no_note_on_where_files_go(cli: RunCli, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "top"], check=True)
    result = cli("init", "top")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_no_git_leaves_no_repository(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "plain", "--no-git").exit_code == 0
    assert not (tmp_path / "plain" / ".git").exists()


def test_without_git_it_says_how_to_do_it_later(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli("init", "my repo")
    assert result.exit_code == 0
    assert "git was not found" in result.stderr
    assert "git init 'my repo'" in result.stderr
    assert "git -C 'my repo' config diff.journey.command" in result.stderr
    assert not (tmp_path / "my repo" / ".git").exists()


def test_commands_shown_for_a_folder_named_like_an_option(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cd -` goes back to the previous folder and `git init -x` is an unknown switch."""
    dashed = cli("init", "--no-git", "--", "-")
    assert dashed.exit_code == 0, dashed.stderr
    assert (tmp_path / "-" / "journeykit.yaml").is_file()
    assert "  cd ./-\n" in dashed.stdout
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    optional = cli("init", "--", "-x")
    assert optional.exit_code == 0, optional.stderr
    assert "  cd ./-x\n" in optional.stdout
    assert "  git init ./-x\n" in optional.stderr
    assert "  git -C ./-x config diff.journey.command" in optional.stderr


def test_workflow_is_a_valid_github_workflow(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "--no-git").exit_code == 0
    workflow = tmp_path / ".github" / "workflows" / "journeys.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr

    data = yaml.safe_load(workflow.read_text("utf-8"))
    assert set(data[True]) == {"push", "pull_request"}  # PyYAML reads the key `on` as True
    assert data["permissions"] == {"contents": "read", "security-events": "write"}
    steps = data["jobs"]["journeys"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@")
    assert steps[0]["with"]["fetch-depth"] == 0
    ours = next(s for s in steps if s["uses"].startswith("journeykit/journeykit@"))
    assert ours["uses"] == f"journeykit/journeykit@v{__version__}"
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert set(ours["with"]) <= set(action["inputs"])  # in step with the composite action
    assert ours["with"]["paths"] == "journeys" and ours["with"]["sarif"]


def test_pre_commit_config_uses_the_hooks_we_ship(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "--no-git").exit_code == 0
    config = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "https://github.com/journeykit/journeykit"
    assert repo["rev"] == f"v{__version__}"
    shipped = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in shipped]


def test_path_is_a_file(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    result = cli("init", "taken")
    assert result.exit_code == 2
    assert "journey: error: taken is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="symbolic links and FIFOs")
def test_links_to_nothing_and_pipes(cli: RunCli, tmp_path: Path) -> None:
    Path("loop").symlink_to("loop")
    looped = cli("init", "loop", "--no-git")
    assert looped.exit_code == 2 and "loop is a symbolic link to nothing" in looped.stderr
    Path("d").mkdir()
    Path("d/journeykit.yaml").symlink_to(tmp_path / "nowhere")
    dangling = cli("init", "d", "--no-git", "--force")
    assert dangling.exit_code == 2 and "journeykit.yaml is a symbolic link" in dangling.stderr
    Path("d/journeykit.yaml").unlink()
    os.mkfifo("d/journeykit.yaml")  # reading it would block: it must not be read
    piped = cli("init", "d", "--no-git", "--force")
    assert piped.exit_code == 2 and "journeykit.yaml is not a file" in piped.stderr
    assert sorted(p.name for p in Path("d").iterdir()) == ["journeykit.yaml"]


def test_a_name_too_long(cli: RunCli) -> None:
    result = cli("init", "x" * 300, "--no-git")
    assert result.exit_code == 2
    assert "File name too long" in result.stderr and "Traceback" not in result.stderr


def test_a_file_in_the_way_of_a_folder(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "journeys").write_text("not a folder")
    result = cli("init", "--no-git")
    assert result.exit_code == 2
    assert "journeys is a file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journeys"]


def test_a_folder_where_a_file_goes(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "journeykit.yaml").mkdir()
    result = cli("init", "--no-git", "--force")
    assert result.exit_code == 2
    assert "journeykit.yaml is a folder" in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anyway")
def test_unwritable_folder(cli: RunCli, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("init", "locked/repo", "--no-git")
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert "permission denied" in result.stderr
    assert not (locked / "repo").exists()


def test_a_folder_without_write_permission(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above, for root too: what the permission check sees is faked."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: Path(p).resolve() != locked and real_access(p, mode)
    )
    result = cli("init", "locked/repo/inner", "--no-git")
    assert result.exit_code == 2
    assert "journey: error: cannot write in locked: permission denied" in result.stderr
    assert list(locked.iterdir()) == []


def test_a_failed_write_removes_what_it_created(
    cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journeykit.output
    from journeykit.output import OutputError, write_file

    calls = []

    def failing(target: Path, data: bytes, **options: bool) -> None:
        calls.append(target)
        if len(calls) == 4:
            raise OutputError(f"cannot write {target}: No space left on device")
        write_file(target, data, **options)

    monkeypatch.setattr(journeykit.output, "write_file", failing)
    (tmp_path / "mine.txt").write_text("keep me")
    result = cli("init", "--no-git")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_help_lists_the_templates_and_init_comes_first(cli: RunCli) -> None:
    from journeykit.cli.app import COMMANDS

    assert COMMANDS[0] == "init"
    shown = cli("init", "--help").stdout
    for template in TEMPLATES:
        assert template in shown
    bad = cli("init", "--template", "bakery")
    assert bad.exit_code == 2 and "bakery" in bad.stderr


def test_the_shell_completes_template_names(tmp_path: Path) -> None:
    journey = Path(sys.executable).parent / "journey"
    env = {**os.environ, "_JOURNEY_COMPLETE": "complete_bash", "COMP_CWORD": "3"}
    env["COMP_WORDS"] = "journey init --template "
    done = subprocess.run([str(journey)], env=env, capture_output=True, text=True, check=False)
    assert done.stdout.split() == TEMPLATES


@pytest.mark.skipif(
    not (Path(sys.executable).parent / "pre-commit").exists(), reason="pre-commit not installed"
)
def test_pre_commit_accepts_the_config(cli: RunCli, tmp_path: Path) -> None:
    assert cli("init", "--no-git").exit_code == 0
    checker = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run(
        [str(checker), "validate-config", ".pre-commit-config.yaml"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_templates_ship_in_the_wheel(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
         str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    if built.returncode != 0 and "Could not find a version" in built.stderr:
        pytest.skip("building a wheel needs setuptools from the package index, unreachable here")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("journeykit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = ROOT / "src" / "journeykit" / "scaffold" / "templates"
    expected = {
        "journeykit/" + p.relative_to(ROOT / "src" / "journeykit").as_posix()
        for p in templates.rglob("*")
        if p.is_file()
    }
    assert expected and expected <= names
