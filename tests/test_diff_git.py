"""`journey diff` against git, end to end in a temporary repository.

Sides read as `REF:PATH` (with includes read from the same revision), `--git BASE [HEAD]`, and the
two modes git itself invokes: `textconv` and the external diff driver, run by a real `git diff`.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import RunCli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PERSONAS_V1 = """\
personas:
  - id: olivia
    name: Olivia
  - id: dev
    name: Dev
"""
PERSONAS_V2 = PERSONAS_V1.replace("name: Olivia", "name: Olivia Reyes")

MAP_V1 = """\
journeykit: 1
id: trial
title: Trial to paid
include: [../shared/personas.yaml]
stages:
  - {id: trial, name: Trial}
  - {id: onboarding, name: Onboarding}
touchpoints:
  - id: signup
    name: Sign up
    stage: trial
    experiences: [{persona: olivia, score: 4}, {persona: dev, score: 4}]
  - id: connect-data
    name: Connect data
    stage: trial
    experiences: [{persona: olivia, score: 1}, {persona: dev, score: 3}]
  - id: pricing-page
    name: Pricing page
    stage: onboarding
    experiences: [{persona: dev, score: 4}]
"""
MAP_V2 = MAP_V1.replace(
    "    stage: trial\n    experiences: [{persona: olivia, score: 1}",
    "    stage: onboarding\n    experiences: [{persona: olivia, score: 3}",
).replace("[{persona: dev, score: 4}]\n", "[{persona: dev, score: 2}]\n")
# MAP_V2 restyled: flow mappings, another key order, quotes and comments; the same map.
MAP_V2_RESTYLED = """\
# restyled: nothing changes
{title: "Trial to paid", id: 'trial', journeykit: 1, include: ["../shared/personas.yaml"],
 stages: [{name: Trial, id: trial}, {name: Onboarding, id: onboarding}],
 touchpoints: [
  {id: signup, stage: trial, name: "Sign up",
   experiences: [{score: 4, persona: olivia}, {score: 4, persona: dev}]},
  {id: connect-data, stage: onboarding, name: Connect data,   # moved
   experiences: [{score: 3, persona: olivia}, {score: 3, persona: dev}]},
  {id: pricing-page, stage: onboarding, name: Pricing page,
   experiences: [{score: 2, persona: dev}]}]}
"""
OTHER_MAP = """\
journeykit: 1
id: other
title: Another map
personas: [{id: ann, name: Ann}]
stages: [{id: one, name: One}]
touchpoints: [{id: only, name: Only, stage: one}]
"""
MAP = "journeys/trial.journey.yaml"
LIBRARY = "shared/personas.yaml"


class Repo:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str, files: dict[str, str]) -> None:
        for path, text in files.items():
            self.write(path, text)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def journey(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the real `journey` command (a new process, as git would) inside the repository."""
        return subprocess.run(
            [sys.executable, "-m", "journeykit", *args],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """A repository with two commits: v1 of a map and its library, then v2 of both."""
    home = tmp_path / "home"
    home.mkdir()
    root = tmp_path / "repo"
    root.mkdir()
    isolation = {
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "JOURNEYKIT_TODAY": "2026-11-22",
        "NO_COLOR": "1",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    }
    for key, value in isolation.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    import os

    env = dict(os.environ)
    r = Repo(root, env)
    r.git("init", "-q", "-b", "main")
    r.git("config", "user.name", "Test")
    r.git("config", "user.email", "test@example.com")
    r.git("config", "commit.gpgsign", "false")
    r.commit("v1", {MAP: MAP_V1, LIBRARY: PERSONAS_V1})
    r.commit("v2", {MAP: MAP_V2, LIBRARY: PERSONAS_V2})
    monkeypatch.chdir(root)
    return r


def changes(stdout: str) -> dict[str, dict[str, object]]:
    data = json.loads(stdout)
    assert data["version"] == 1
    return {c["path"]: c for m in data["maps"] for c in m["changes"]}


# -- REF:PATH -------------------------------------------------------------------------------------


def test_ref_path_against_the_working_tree_reads_includes_from_the_revision(
    repo: Repo, cli: RunCli
) -> None:
    result = cli("diff", f"HEAD~1:{MAP}", MAP, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = changes(result.stdout)
    assert found["touchpoints.connect-data.stage"]["new"] == "onboarding"
    assert found["touchpoints.connect-data.experiences.olivia.score"]["class"] == "improvement"
    assert found["touchpoints.pricing-page.experiences.dev.score"]["class"] == "regression"
    # The library changed between the commits: HEAD~1's map must see HEAD~1's library.
    assert (found["personas.olivia.name"]["old"], found["personas.olivia.name"]["new"]) == (
        "Olivia",
        "Olivia Reyes",
    )
    data = json.loads(result.stdout)
    assert data["maps"][0]["old_path"] == f"HEAD~1:{MAP}"


def test_ref_path_on_both_sides_and_relative_to_the_current_folder(
    repo: Repo, cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = cli("diff", f"HEAD~1:{MAP}", f"HEAD:{MAP}", "--format", "json")
    assert both.exit_code == 0, both.stderr
    assert "personas.olivia.name" in changes(both.stdout)
    monkeypatch.chdir(repo.root / "journeys")
    relative = cli("diff", "HEAD~1:./trial.journey.yaml", "main:./trial.journey.yaml", "-f", "json")
    assert relative.exit_code == 0, relative.stderr
    assert changes(relative.stdout) == changes(both.stdout)


def test_ref_folder_matches_maps_by_id(repo: Repo, cli: RunCli) -> None:
    repo.commit("add another map", {"journeys/other.journey.yaml": OTHER_MAP})
    result = cli("diff", "HEAD~2:journeys", "journeys", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(m["id"], m["status"]) for m in data["maps"]] == [
        ("other", "added"),
        ("trial", "changed"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope:journeys/trial.journey.yaml", MAP], "unknown revision 'nope'"),
        (["HEAD~1:journeys/missing.journey.yaml", MAP], "does not exist in revision 'HEAD~1'"),
        ([":journeys/trial.journey.yaml", MAP], "needs a revision before the colon"),
        (["HEAD~1:trial.journey.yaml", MAP], "does not exist"),
    ],
)
def test_clear_errors_for_bad_revisions_and_paths(
    repo: Repo, cli: RunCli, args: list[str], message: str
) -> None:
    result = cli("diff", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_ref_path_outside_a_repository_is_a_clear_error(
    tmp_path: Path, cli: RunCli, monkeypatch: pytest.MonkeyPatch, write_map: Callable[..., Path]
) -> None:
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(outside)
    path = write_map()
    result = cli("diff", "HEAD:m.journey.yaml", str(path))
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_a_shallow_clone_says_why_the_base_is_missing(
    repo: Repo, cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "shallow"
    repo.git("clone", "-q", "--depth", "1", repo.root.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    for args in (["--git", "HEAD~1"], [f"HEAD~1:{MAP}", MAP]):
        result = cli("diff", *args)
        assert result.exit_code == 2
        assert "unknown revision 'HEAD~1'" in result.stderr
        assert "this clone is shallow" in result.stderr


# -- --git BASE [HEAD] ----------------------------------------------------------------------------


def test_git_mode_between_two_revisions(repo: Repo, cli: RunCli) -> None:
    result = cli("diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [m["id"] for m in data["maps"]] == ["trial"]
    assert (data["old"], data["new"]) == ("HEAD~1", "HEAD")
    assert "touchpoints.connect-data.stage" in changes(result.stdout)


def test_git_mode_reads_a_range_as_git_diff_does(repo: Repo, cli: RunCli) -> None:
    """HEAD..HEAD~1 was taken as one revision and compared with the working tree (exit 0)."""
    repo.write(MAP, MAP_V2.replace("title: Trial to paid", "title: Edited"))  # not compared
    forward = cli("diff", "--git", "HEAD~1..HEAD", "--format", "json")
    assert forward.exit_code == 0, forward.stderr
    assert forward.stdout == cli("diff", "--git", "HEAD~1", "HEAD", "--format", "json").stdout
    backward = cli("diff", "--git", "HEAD..HEAD~1", "--format", "json")
    assert backward.exit_code == 0, backward.stderr
    data = json.loads(backward.stdout)
    assert (data["old"], data["new"]) == ("HEAD", "HEAD~1")
    moved = changes(backward.stdout)["touchpoints.connect-data.stage"]
    assert (moved["old"], moved["new"]) == ("onboarding", "trial")
    assert "title" not in changes(backward.stdout)
    open_ended = cli("diff", "--git", "HEAD~1..", "--format", "json")
    assert json.loads(open_ended.stdout)["new"] == "HEAD"


def test_git_mode_three_dots_start_from_the_merge_base(repo: Repo, cli: RunCli) -> None:
    repo.git("checkout", "-q", "-b", "feature", "HEAD~1")
    repo.commit("retitle", {MAP: MAP_V1.replace("title: Trial to paid", "title: Trial")})
    repo.git("checkout", "-q", "main")
    result = cli("diff", "--git", "main...feature", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert set(changes(result.stdout)) == {"title"}  # not main's own changes since the fork
    base = repo.git("rev-parse", "--short", "main~1").strip()
    assert json.loads(result.stdout)["old"] == base
    both = changes(cli("diff", "--git", "main..feature", "--format", "json").stdout)
    assert "title" in both and "touchpoints.connect-data.stage" in both


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["HEAD~1..HEAD", "HEAD"], "give a range (HEAD~1..HEAD) or two revisions, not both"),
        (["..."], "is not a range"),
        (["HEAD~1..nope"], "unknown revision 'nope'"),
    ],
)
def test_bad_ranges_are_clear_errors(
    repo: Repo, cli: RunCli, args: list[str], message: str
) -> None:
    result = cli("diff", "--git", *args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr


def test_a_path_in_a_submodule_is_a_clear_error(repo: Repo, cli: RunCli, tmp_path: Path) -> None:
    inner = Repo(tmp_path / "inner", repo.env)
    inner.root.mkdir()
    inner.git("init", "-q", "-b", "main")
    inner.git("config", "user.name", "Test")
    inner.git("config", "user.email", "test@example.com")
    inner.commit("map", {"x.journey.yaml": OTHER_MAP})
    repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner.root), "sub")
    repo.git("commit", "-q", "-m", "submodule")
    for old in ("HEAD:sub", "HEAD:sub/x.journey.yaml"):
        result = cli("diff", old, "sub" if old == "HEAD:sub" else "sub/x.journey.yaml")
        assert result.exit_code == 2, result.stdout
        assert "'sub' is a git submodule in revision 'HEAD'" in result.stderr
        assert "Traceback" not in result.stderr


def test_git_mode_against_the_working_tree_sees_edits_new_and_deleted_maps(
    repo: Repo, cli: RunCli
) -> None:
    repo.commit("add another map", {"journeys/other.journey.yaml": OTHER_MAP})
    repo.write(MAP, MAP_V2.replace("name: Pricing page", "name: Plans and pricing"))
    (repo.root / "journeys" / "other.journey.yaml").unlink()
    repo.write("journeys/brand-new.journey.yaml", OTHER_MAP.replace("id: other", "id: fresh"))
    result = cli("diff", "--git", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["new"] == "working tree"
    status = {m["id"]: m["status"] for m in data["maps"]}
    assert status == {"fresh": "added", "other": "removed", "trial": "changed"}
    assert changes(result.stdout)["touchpoints.pricing-page.name"]["new"] == "Plans and pricing"


def test_git_mode_follows_a_changed_library_to_the_maps_that_include_it(
    repo: Repo, cli: RunCli
) -> None:
    repo.commit("rename a persona", {LIBRARY: PERSONAS_V2.replace("name: Dev", "name: Dev Okafor")})
    result = cli("diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert list(changes(result.stdout)) == ["personas.dev.name"]


def test_git_mode_pairs_copies_of_one_map_by_path(repo: Repo, cli: RunCli) -> None:
    """Before/after fixtures share an id with each other: they pair by path, each with itself."""
    fixture = MAP_V1.replace("../shared", "../../shared")
    repo.commit("fixtures", {"fx/a/m.journey.yaml": fixture, "fx/b/m.journey.yaml": fixture})
    repo.commit(
        "edit",
        {
            "fx/a/m.journey.yaml": fixture.replace("name: Sign up", "name: Join"),
            "fx/b/m.journey.yaml": fixture.replace("title: Trial", "title: Try"),
        },
    )
    result = cli("diff", "--git", "HEAD~1", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = {
        m["new_path"]: [c["path"] for c in m["changes"]] for m in json.loads(result.stdout)["maps"]
    }
    assert found == {
        "HEAD:fx/a/m.journey.yaml": ["touchpoints.signup.name"],
        "HEAD:fx/b/m.journey.yaml": ["title"],
    }


def test_git_mode_with_nothing_changed_and_reformatting_only(repo: Repo, cli: RunCli) -> None:
    nothing = cli("diff", "--git", "HEAD")
    assert nothing.exit_code == 0
    assert "no journey maps to compare" in nothing.stdout
    repo.commit("restyle", {MAP: MAP_V2_RESTYLED})
    restyled = cli("diff", "--git", "HEAD~1", "HEAD", "--fail-on", "any")
    assert restyled.exit_code == 0, restyled.stdout + restyled.stderr
    assert "no semantic changes" in restyled.stdout


# -- --fail-on ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "code"), [(None, 0), ("regression", 1), ("removal", 1), ("change", 1), ("any", 1)]
)
def test_fail_on_between_revisions(repo: Repo, cli: RunCli, fail_on: str | None, code: int) -> None:
    args = ["diff", f"HEAD~1:{MAP}", f"HEAD:{MAP}"] + (["--fail-on", fail_on] if fail_on else [])
    assert cli(*args).exit_code == code


def test_fail_on_an_improvement_only(repo: Repo, cli: RunCli) -> None:
    repo.commit(
        "better", {MAP: MAP_V2.replace("{persona: dev, score: 2}", "{persona: dev, score: 5}")}
    )
    args = ["diff", f"HEAD~1:{MAP}", f"HEAD:{MAP}", "--fail-on"]
    assert [
        cli(*args, level).exit_code for level in ("regression", "removal", "change", "any")
    ] == [
        0,
        0,
        0,
        1,
    ]


# -- what git itself runs: textconv and the external driver ---------------------------------------


def attributes(repo: Repo) -> None:
    repo.write(".gitattributes", "*.journey.yaml diff=journey\n")


def test_textconv_invoked_by_git_diff(repo: Repo) -> None:
    attributes(repo)
    repo.git("config", "diff.journey.textconv", f'"{sys.executable}" -m journeykit diff --textconv')
    out = repo.git("diff", "HEAD~1", "HEAD", "--", MAP)
    assert '-touchpoints.connect-data.stage: "trial"' in out
    assert '+touchpoints.connect-data.stage: "onboarding"' in out
    assert "+touchpoints.connect-data.experiences.olivia.score: 3" in out
    assert "flow" not in out and "{" not in out  # the canonical view, not the YAML text
    repo.commit("restyle", {MAP: MAP_V2_RESTYLED})
    restyled = repo.git("diff", "HEAD~1", "HEAD", "--", MAP)
    assert "@@" not in restyled  # reformatting: no line of the canonical view changed


def test_textconv_of_a_file_that_is_not_yaml_prints_it_as_is(repo: Repo) -> None:
    repo.write("broken.journey.yaml", "key: [unclosed\n")
    result = repo.journey("diff", "--textconv", "broken.journey.yaml")
    assert (result.returncode, result.stdout) == (0, "key: [unclosed\n")
    missing = repo.journey("diff", "--textconv", "missing.journey.yaml")
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_external_driver_invoked_by_git_diff(repo: Repo) -> None:
    attributes(repo)
    repo.git("config", "diff.journey.command", f'"{sys.executable}" -m journeykit git-diff-driver')
    out = repo.git("diff", "HEAD~1", "HEAD", "--", MAP)
    assert f"journey diff a/{MAP} → b/{MAP}" in out
    assert "touchpoints.connect-data.stage  [change]" in out
    assert "touchpoints.pricing-page.experiences.dev.score  [regression]" in out
    # personas come from the library through the include, read from the working tree
    assert "@@" not in out  # no line diff: every journey map went through the driver
    repo.commit("add and delete", {"journeys/other.journey.yaml": OTHER_MAP})
    added = repo.git("diff", "HEAD~1", "HEAD")
    assert "journey diff /dev/null → b/journeys/other.journey.yaml" in added
    assert "(the whole map)  [change]" in added
    (repo.root / "journeys" / "other.journey.yaml").unlink()
    deleted = repo.git("diff")
    assert "journey diff a/journeys/other.journey.yaml → /dev/null" in deleted
    assert "(the whole map)  [removal]" in deleted


def test_external_driver_falls_back_to_a_line_diff_for_an_invalid_map(repo: Repo) -> None:
    attributes(repo)
    repo.git("config", "diff.journey.command", f'"{sys.executable}" -m journeykit git-diff-driver')
    repo.write(MAP, MAP_V2.replace("score: 3}", "score: 9}"))
    out = repo.git("diff")
    assert "is not a valid journey map" in out
    assert "+    experiences: [{persona: olivia, score: 9}" in out


def test_external_driver_protocol_directly(repo: Repo, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(MAP_V1.replace("../shared/personas.yaml", "../shared/personas.yaml"))
    args = [MAP, str(old), "a" * 40, "100644", str(repo.root / MAP), "b" * 40, "100644"]
    result = repo.journey("git-diff-driver", *args)
    assert result.returncode == 0, result.stderr
    assert "touchpoints.connect-data.stage" in result.stdout
    unmerged = repo.journey("git-diff-driver", MAP)
    assert unmerged.stdout == f"* Unmerged path {MAP}\n"
    wrong = repo.journey("git-diff-driver", "a", "b")
    assert wrong.returncode == 2 and "seven arguments" in wrong.stderr


def test_external_driver_takes_paths_that_look_like_options(repo: Repo) -> None:
    """git appends the path as it is: `-hero...` must not be read as `-h` (help, exit 0)."""
    attributes(repo)
    repo.git("config", "diff.journey.command", f'"{sys.executable}" -m journeykit git-diff-driver')
    repo.commit("a map whose name starts with a dash", {"-hero.journey.yaml": OTHER_MAP})
    repo.write("-hero.journey.yaml", OTHER_MAP.replace("name: Only", "name: The only one"))
    out = repo.git("diff")
    assert "journey diff a/-hero.journey.yaml → b/-hero.journey.yaml" in out
    assert "touchpoints.only.name  [change]" in out
    assert "Usage" not in out


def test_external_driver_reads_a_renamed_maps_includes_from_its_new_place(repo: Repo) -> None:
    """git passes nine arguments for a rename; the new side's include paths fit the new folder."""
    attributes(repo)
    repo.git("config", "diff.journey.command", f'"{sys.executable}" -m journeykit git-diff-driver')
    (repo.root / MAP).unlink()
    moved = MAP_V2.replace("../shared/", "../../shared/").replace("title: Trial", "title: Trials")
    repo.commit("move the map a folder down", {"journeys/deep/trial.journey.yaml": moved})
    out = repo.git("diff", "-M", "HEAD~1", "HEAD")
    assert "journey diff a/journeys/trial.journey.yaml → b/journeys/deep/trial.journey.yaml" in out
    assert "is not a valid journey map" not in out
    assert "title  [change]" in out


def test_external_driver_fallback_escapes_the_path(tmp_path: Path) -> None:
    from journeykit.diff.driver import external_diff

    broken = tmp_path / "broken.yaml"
    broken.write_text("journeykit: 1\nid: x\n")
    out = external_diff(
        "evil\x1b[2J.journey.yaml", str(broken), str(broken), dt.date.today(), False
    )
    assert "is not a valid journey map" in out
    assert "\x1b" not in out and "evil\\x1b[2J" in out


def test_git_mode_skips_ignored_paths(repo: Repo, cli: RunCli) -> None:
    repo.commit(
        "config and a broken fixture",
        {
            "journeykit.yaml": "ignore: [broken/]\n",
            "broken/bad.journey.yaml": "journeykit: 1\nid: bad\n",
        },
    )
    result = cli("diff", "--git", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert "no journey maps to compare" in result.stdout
    repo.write("journeykit.yaml", "ignore: []\n")
    assert cli("diff", "--git", "HEAD~1").exit_code == 2  # the broken map is in play again
