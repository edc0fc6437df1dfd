"""`journey lsp` driven over stdio by pytest-lsp's client, as an editor drives it.

The workspace: a persona library included by two maps; only `shop.journey.yaml` is opened, so
references and renames must reach the other map through the server's workspace scan.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

JOURNEY = Path(sys.executable).parent / "journey"

LIBRARY = """\
# shared personas
personas:
  - id: owner-olivia
    name: Olivia Reyes
    goals:
      - See her own sales numbers on the first evening
      - Spend less time on the books
  - id: dev-dan
    name: Dan Okafor
    goals: [Automate stock updates]
"""

SHOP = """\
journeykit: 1
id: shop
title: Shop
include:
  - personas.yaml
stages:
  - id: discover
    name: Discover
  - id: trial
    name: Trial
    goal: Try it with real data
touchpoints:
  - id: ad
    name: Search ad
    stage: discover
    personas: [owner-olivia, dev-dan]
    next: [signup]
    experiences:
      - persona: owner-olivia
        score: 2
      - persona: dev-dan
        score: 5
  - id: signup
    name: Sign up
    stage: trial
    experiences:
      - persona: owner-olivia
        score: 4
pain_points:
  - id: slow-ad
    description: The ad promises too much
    touchpoint: ad
    personas: [owner-olivia]
"""

TRIAL = """\
journeykit: 1
id: trial
title: Trial
include: [personas.yaml]
stages:
  - id: start
    name: Start
touchpoints:
  - id: first-login
    name: First login
    stage: start
    experiences:
      - persona: owner-olivia
        score: 3
"""


def _line(text: str, needle: str) -> int:
    """0-based line of the first line containing ``needle``."""
    return next(i for i, line in enumerate(text.splitlines()) if needle in line)


def _pos(text: str, needle: str, offset: int = 0) -> types.Position:
    line = _line(text, needle)
    return types.Position(line, text.splitlines()[line].index(needle) + offset)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("maps")
    (folder / "journeykit.yaml").write_text("rules:\n  touchpoint-without-owner: off\n")
    (folder / "personas.yaml").write_text(LIBRARY)
    (folder / "shop.journey.yaml").write_text(SHOP)
    (folder / "trial.journey.yaml").write_text(TRIAL)
    return folder


ENV = {**os.environ, "JOURNEYKIT_LSP_DEBOUNCE": "0.05", "JOURNEYKIT_TODAY": "2026-12-01"}


# One server for the module (starting one costs seconds); each test closes what it opened.
pytestmark = pytest.mark.asyncio(loop_scope="module")
OPENED: set[str] = set()
INITIALIZED: list[types.InitializeResult] = []  # the server's answer to `initialize`


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[str(JOURNEY), "lsp"], server_env=ENV),
    scope="module",
)
async def client(lsp_client: LanguageClient, workspace: Path):  # type: ignore[no-untyped-def]
    INITIALIZED.append(
        await lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("neovim"),
                root_uri=workspace.as_uri(),
                workspace_folders=[types.WorkspaceFolder(workspace.as_uri(), "maps")],
            )
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(autouse=True, loop_scope="module")
async def close_documents(client: LanguageClient):  # type: ignore[no-untyped-def]
    """After each test, close its documents: the server goes back to the files on disk."""
    yield
    for target in sorted(OPENED):
        client.diagnostics.pop(target, None)
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(target))
        )
        await fresh_diagnostics(client, target)  # the close clears them: wait for that
    OPENED.clear()


def uri(workspace: Path, name: str) -> str:
    return (workspace / name).as_uri()


async def fresh_diagnostics(client: LanguageClient, target: str) -> list[types.Diagnostic]:
    """Wait for the next diagnostics published for ``target``."""
    client.diagnostics.pop(target, None)

    async def wait() -> list[types.Diagnostic]:
        while target not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[target])

    return await asyncio.wait_for(wait(), timeout=20)


async def open_doc(client: LanguageClient, target: str, text: str) -> list[types.Diagnostic]:
    OPENED.add(target)
    client.diagnostics.pop(target, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=target, language_id="yaml", version=1, text=text)
        )
    )
    return await fresh_diagnostics(client, target)


async def change(client: LanguageClient, target: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=target, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def test_initialize_advertises_the_features(client: LanguageClient) -> None:
    (result,) = INITIALIZED
    assert result.server_info is not None and result.server_info.name == "journeykit"
    offered = result.capabilities
    assert offered.definition_provider and offered.references_provider
    assert offered.rename_provider and offered.hover_provider
    assert offered.document_symbol_provider and offered.document_formatting_provider
    assert offered.completion_provider is not None
    assert "[" in (offered.completion_provider.trigger_characters or [])
    assert isinstance(offered.code_action_provider, types.CodeActionOptions)
    assert list(offered.code_action_provider.code_action_kinds or []) == ["quickfix"]
    # the session is live: a request about a file nobody opened gets an (empty) answer
    answer = await client.text_document_completion_async(
        types.CompletionParams(
            types.TextDocumentIdentifier("file:///nowhere.yaml"), types.Position(0, 0)
        )
    )
    assert isinstance(answer, types.CompletionList) and not answer.items


async def test_broken_map_diagnostic_then_fixed(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    broken = SHOP.replace("stage: trial", "stage: trail")
    diagnostics = await open_doc(client, target, broken)
    errors = [d for d in diagnostics if d.code == "broken-reference"]
    assert len(errors) == 1, diagnostics
    error = errors[0]
    line = _line(broken, "stage: trail")
    column = broken.splitlines()[line].index("trail")
    assert (error.range.start.line, error.range.start.character) == (line, column)
    assert (error.range.end.line, error.range.end.character) == (line, column + len("trail"))
    assert error.severity == types.DiagnosticSeverity.Error
    assert error.source == "journeykit"
    assert error.code_description is not None
    assert error.code_description.href.endswith("format.md#validation-problem-codes")
    assert "did you mean `trial`" in error.message

    await change(client, target, SHOP, 2)
    diagnostics = await fresh_diagnostics(client, target)
    assert [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error] == []


async def test_lint_findings_carry_their_rule_and_link(
    client: LanguageClient, workspace: Path
) -> None:
    target = uri(workspace, "shop.journey.yaml")
    diagnostics = await open_doc(client, target, SHOP)
    by_code = {d.code: d for d in diagnostics}
    # the pain point is addressed by no opportunity: a lint rule, with its docs anchor
    finding = by_code["unaddressed-pain-point"]
    assert finding.severity in (types.DiagnosticSeverity.Warning, types.DiagnosticSeverity.Error)
    assert finding.code_description is not None
    assert finding.code_description.href.endswith("lint.md#unaddressed-pain-point")
    # journeykit.yaml is read as the CLI reads it: a rule turned off there stays silent
    assert "touchpoint-without-channel" in by_code
    assert "touchpoint-without-owner" not in by_code
    # findings located in the included library show on the library's own diagnostics
    library = await open_doc(client, uri(workspace, "personas.yaml"), LIBRARY)
    assert {d.code for d in library} >= {"persona-without-evidence"}
    assert all(d.range.start.line < len(LIBRARY.splitlines()) for d in library)


async def test_definition_across_the_library(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            types.TextDocumentIdentifier(target), _pos(SHOP, "persona: owner-olivia", 12)
        )
    )
    assert isinstance(found, types.Location)
    assert found.uri == uri(workspace, "personas.yaml")
    assert found.range.start.line == _line(LIBRARY, "id: owner-olivia")
    # and a stage within the map
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(target), _pos(SHOP, "stage: trial", 8))
    )
    assert isinstance(found, types.Location)
    assert found.uri == target
    assert found.range.start == _pos(SHOP, "id: trial", 4)


async def test_references_of_a_persona(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri(workspace, "personas.yaml")),
            position=_pos(LIBRARY, "owner-olivia", 2),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert found is not None
    places = sorted((loc.uri.rsplit("/", 1)[1], loc.range.start.line) for loc in found)
    shop_lines = [i for i, line in enumerate(SHOP.splitlines()) if "owner-olivia" in line]
    trial_lines = [i for i, line in enumerate(TRIAL.splitlines()) if "owner-olivia" in line]
    assert places == sorted(
        [("shop.journey.yaml", n) for n in shop_lines]
        + [("trial.journey.yaml", n) for n in trial_lines]
    )


async def test_rename_across_map_and_library(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    edit = await client.text_document_rename_async(
        types.RenameParams(
            types.TextDocumentIdentifier(target),
            _pos(SHOP, "persona: owner-olivia", 12),
            "owner-ola",
        )
    )
    assert edit is not None and edit.changes is not None
    texts = {"shop.journey.yaml": SHOP, "personas.yaml": LIBRARY, "trial.journey.yaml": TRIAL}
    assert {u.rsplit("/", 1)[1] for u in edit.changes} == set(texts)
    for file_uri, edits in edit.changes.items():
        name = file_uri.rsplit("/", 1)[1]
        after = _apply(texts[name], edits)
        assert "owner-olivia" not in after
        assert after.count("owner-ola") == texts[name].count("owner-olivia")


async def test_rename_refuses_bad_slug_and_existing_id(
    client: LanguageClient, workspace: Path
) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    where = _pos(SHOP, "persona: owner-olivia", 12)
    for bad in ("Owner Ola", "dev-dan"):
        with pytest.raises(Exception, match=r"not a valid id|already exists"):
            await client.text_document_rename_async(
                types.RenameParams(types.TextDocumentIdentifier(target), where, bad)
            )
    # while the map does not parse, the index is out of date: no edits at stale places
    await change(client, target, "pain_points: [\n" + SHOP, 2)
    with pytest.raises(Exception, match=r"does not parse"):
        await client.text_document_rename_async(
            types.RenameParams(types.TextDocumentIdentifier(target), where, "owner-ola")
        )


async def test_completion_of_stage_and_persona_ids(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    typing = SHOP.replace("    stage: trial\n", "    stage: \n").replace(
        "    personas: [owner-olivia]\n", "    personas: [\n"
    )
    await change(client, target, typing, 2)
    await fresh_diagnostics(client, target)

    async def labels(position: types.Position) -> set[str]:
        result = await client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(target), position)
        )
        assert isinstance(result, types.CompletionList)
        return {item.label for item in result.items}

    lines = typing.splitlines()
    stage_line = next(i for i, line in enumerate(lines) if line == "    stage: ")
    assert await labels(types.Position(stage_line, len(lines[stage_line]))) == {"discover", "trial"}
    persona_line = next(i for i, line in enumerate(lines) if line == "    personas: [")
    assert await labels(types.Position(persona_line, len(lines[persona_line]))) == {
        "owner-olivia",
        "dev-dan",
    }
    # and `next: [` offers touchpoints
    next_line = _line(typing, "next: [signup]")
    assert await labels(types.Position(next_line, lines[next_line].index("[") + 1)) == {
        "ad",
        "signup",
    }
    # an enum: a pain point's severity
    enum = typing.replace("    touchpoint: ad\n", "    touchpoint: ad\n    severity: \n")
    await change(client, target, enum, 3)
    await fresh_diagnostics(client, target)
    severity_line = enum.splitlines().index("    severity: ")
    position = types.Position(severity_line, len("    severity: "))
    assert await labels(position) == {"low", "medium", "high", "critical"}


async def test_hover_on_persona_and_touchpoint(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    result = await client.text_document_hover_async(
        types.HoverParams(
            types.TextDocumentIdentifier(target), _pos(SHOP, "persona: owner-olivia", 12)
        )
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert "Olivia Reyes" in result.contents.value
    assert "See her own sales numbers on the first evening" in result.contents.value
    result = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(target), _pos(SHOP, "next: [signup]", 8))
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert "Sign up" in result.contents.value
    assert "Trial" in result.contents.value  # the stage's name
    assert "4.0" in result.contents.value  # the mean score of its one experience


async def test_did_you_mean_code_action(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    broken = SHOP.replace("stage: trial", "stage: trail")
    diagnostics = await open_doc(client, target, broken)
    error = next(d for d in diagnostics if d.code == "broken-reference")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(target),
            error.range,
            types.CodeActionContext(diagnostics=[error]),
        )
    )
    assert actions is not None and len(actions) == 1
    action = actions[0]
    assert isinstance(action, types.CodeAction)
    assert action.edit is not None and action.edit.changes is not None
    assert _apply(broken, action.edit.changes[target]) == SHOP


async def test_library_change_rechecks_the_maps(client: LanguageClient, workspace: Path) -> None:
    shop = uri(workspace, "shop.journey.yaml")
    library = uri(workspace, "personas.yaml")
    diagnostics = await open_doc(client, shop, SHOP)
    assert not [d for d in diagnostics if d.code == "broken-reference"]
    await open_doc(client, library, LIBRARY)
    await change(client, library, LIBRARY.replace("id: dev-dan", "id: dev-don"), 2)

    def broken() -> list[types.Diagnostic]:
        return [d for d in client.diagnostics.get(shop, []) if d.code == "broken-reference"]

    while not broken():  # the map is re-checked with the library as edited, not as saved
        await asyncio.wait_for(fresh_diagnostics(client, shop), timeout=20)
    assert [d.range.start.line for d in broken()] == [
        _line(SHOP, "personas: [owner-olivia, dev-dan]"),
        _line(SHOP, "persona: dev-dan"),
    ]


async def test_garbage_does_not_kill_the_server(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    garbage = [
        "journeykit: 1\ntouchpoints:\n  - id: [\n",
        "\t\x00\x01:::\n- - - {{{{",
        "[" * 5000,
        "journeykit: 1\n" + "  " * 40 + "x: :\n",
        "",
        "touchpoints: 5\nstages: {a: b}\npain_points: [1, [2], {id: 3}]\n",
    ]
    for version, text in enumerate(garbage, start=2):
        await change(client, target, text, version)
        await fresh_diagnostics(client, target)
        # requests at odd places still answer
        for position in (types.Position(0, 0), types.Position(999, 999), types.Position(1, 3)):
            ident = types.TextDocumentIdentifier(target)
            await client.text_document_hover_async(types.HoverParams(ident, position))
            await client.text_document_completion_async(types.CompletionParams(ident, position))
            await client.text_document_definition_async(types.DefinitionParams(ident, position))
    # the last good index still answers navigation while the YAML is broken
    await change(client, target, SHOP, 98)
    await fresh_diagnostics(client, target)
    await change(client, target, SHOP.replace("stages:", "stages: [", 1), 99)
    await fresh_diagnostics(client, target)
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(target), _pos(SHOP, "stage: trial", 8))
    )
    assert found is not None
    await change(client, target, SHOP, 100)
    diagnostics = await fresh_diagnostics(client, target)
    assert not [d for d in diagnostics if d.severity == types.DiagnosticSeverity.Error]


async def test_outline_and_formatting(client: LanguageClient, workspace: Path) -> None:
    target = uri(workspace, "shop.journey.yaml")
    await open_doc(client, target, SHOP)
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(target))
    )
    assert outline is not None
    shape = [(s.name, [c.name for c in s.children or []]) for s in outline]  # type: ignore[union-attr]
    assert shape == [("discover", ["ad"]), ("trial", ["signup"])]
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            types.TextDocumentIdentifier(target), types.FormattingOptions(2, True)
        )
    )
    assert not edits  # already canonical
    tidy = (
        "  - id: ad\n    name: Search ad\n    stage: discover\n"
        "    personas: [owner-olivia, dev-dan]\n"
    )
    messy = (
        "  - stage: discover\n    id: ad\n    personas:\n      - owner-olivia\n"
        "      - dev-dan\n    name: Search ad\n"
    )
    assert tidy in SHOP
    await change(client, target, SHOP.replace(tidy, messy), 2)
    await fresh_diagnostics(client, target)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            types.TextDocumentIdentifier(target), types.FormattingOptions(2, True)
        )
    )
    assert edits is not None and len(edits) == 1
    assert edits[0].new_text == SHOP


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply single-line edits (as the server makes them) to ``text``."""
    lines = text.splitlines(keepends=True)
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line
        line = lines[start.line]
        lines[start.line] = line[: start.character] + edit.new_text + line[end.character :]
    return "".join(lines)


async def test_saving_the_config_rechecks_open_maps(
    client: LanguageClient, workspace: Path
) -> None:
    shop = uri(workspace, "shop.journey.yaml")
    config = workspace / "journeykit.yaml"
    before = config.read_text()
    diagnostics = await open_doc(client, shop, SHOP)
    assert "touchpoint-without-channel" in {d.code for d in diagnostics}
    try:
        config.write_text(before + "  touchpoint-without-channel: off\n")
        client.diagnostics.pop(shop, None)
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
        )
        diagnostics = await fresh_diagnostics(client, shop)
        assert "touchpoint-without-channel" not in {d.code for d in diagnostics}
        assert "unaddressed-pain-point" in {d.code for d in diagnostics}
    finally:
        config.write_text(before)
        client.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(config.as_uri()))
        )
        await fresh_diagnostics(client, shop)


async def test_a_diagnostic_after_non_ascii_text_is_in_client_units(
    client: LanguageClient, workspace: Path
) -> None:
    """Problems count columns in characters; the server turns them into the client's units
    (UTF-16 unless another encoding was agreed), so emoji and accents before the place count
    as the client counts them."""
    target = uri(workspace, "shop.journey.yaml")
    pain = "  - id: slow-ad\n    description: The ad promises too much\n    touchpoint: ad\n"
    flow = '  - {id: slow-ad, description: "😀 é 日本", touchpoint: adx, personas: [dev-dan]}\n'
    broken = SHOP.replace(pain + "    personas: [owner-olivia]\n", flow)
    assert broken != SHOP
    diagnostics = await open_doc(client, target, broken)
    (error,) = [d for d in diagnostics if d.code == "broken-reference"]
    before = flow[: flow.index("adx")]
    (result,) = INITIALIZED
    encoding = result.capabilities.position_encoding or types.PositionEncodingKind.Utf16
    units = {
        types.PositionEncodingKind.Utf8: len(before.encode("utf-8")),
        types.PositionEncodingKind.Utf16: len(before.encode("utf-16-le")) // 2,
        types.PositionEncodingKind.Utf32: len(before),
    }[encoding]
    assert (error.range.start.line, error.range.start.character) == (_line(broken, "adx"), units)
    assert error.range.end.character == units + len("adx")
