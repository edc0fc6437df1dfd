"""docs/editor.md and editors/vscode: the set-ups start the server the way `journey lsp` runs."""

from __future__ import annotations

import json
import re
import tomllib

from .conftest import ROOT, RunCli

EDITOR = (ROOT / "docs" / "editor.md").read_text(encoding="utf-8")


def test_helix_languages_toml_starts_journey_lsp() -> None:
    (block,) = re.findall(r"```toml\n(.*?)```", EDITOR, re.S)
    config = tomllib.loads(block)
    assert config["language-server"]["journeykit"] == {"command": "journey", "args": ["lsp"]}
    (yaml_language,) = config["language"]
    assert "journeykit" in yaml_language["language-servers"]


def test_neovim_uses_vim_lsp_start() -> None:
    (block,) = re.findall(r"```lua\n(.*?)```", EDITOR, re.S)
    assert "vim.lsp.start(" in block
    assert 'cmd = { "journey", "lsp" }' in block


def test_vscode_extension_folder() -> None:
    folder = ROOT / "editors" / "vscode"
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    assert package["main"] == "./extension.js"
    assert "vscode-languageclient" in package["dependencies"]
    default = package["contributes"]["configuration"]["properties"]["journeykit.command"]["default"]
    assert default == ["journey", "lsp"]
    script = (folder / "extension.js").read_text(encoding="utf-8")
    assert 'require("vscode-languageclient/node")' in script
    assert '["journey", "lsp"]' in script


def test_the_documented_command_lines_parse(cli: RunCli) -> None:
    assert cli("lsp", "--help").exit_code == 0
    assert "--stdio" in cli("lsp", "--help").stdout
    assert cli("fmt", "--help").exit_code == 0
    assert "schema modeline" in EDITOR.lower()
