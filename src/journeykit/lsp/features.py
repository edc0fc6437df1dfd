"""The requests and notifications ``journey lsp`` answers, registered on one :class:`JourneyServer`.

Each handler turns LSP positions into the server's, asks :mod:`journeykit.lsp.symbols`, and
turns the answer back; failures are logged by :meth:`JourneyServer.guard`, never raised, except
a refused rename, which the client shows.
"""

from __future__ import annotations

import logging
import os
import re
from functools import partial
from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from journeykit.lsp.server import DID_YOU_MEAN, JourneyServer, RequestFailed
from journeykit.lsp.symbols import (
    MapSymbols,
    Span,
    describe,
    enum_values,
    key_path_at,
    reference_kind,
)
from journeykit.model.map import KINDS, SLUG_PATTERN

server = JourneyServer()


@server.feature(types.INITIALIZED)
def initialized(params: types.InitializedParams) -> None:
    folders = [to_fs_path(f.uri) or f.uri for f in server.workspace.folders.values()]
    if not folders and server.workspace.root_path:
        folders = [server.workspace.root_path]
    server.guard(lambda: server.scan(folders), None)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(params: types.DidOpenTextDocumentParams) -> None:
    server.guard(lambda: server.refresh(to_fs_path(params.text_document.uri) or ""), None)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(params: types.DidChangeTextDocumentParams) -> None:
    server.guard(lambda: server.schedule(to_fs_path(params.text_document.uri) or ""), None)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(params: types.DidSaveTextDocumentParams) -> None:
    path = to_fs_path(params.text_document.uri) or ""
    if os.path.basename(path) in ("journeykit.yaml", ".journeykit.yaml"):
        server.configs.clear()
        for open_path in list(server.open_paths()):
            server.guard(partial(server.refresh, open_path), None)
        return
    server.guard(lambda: server.refresh(path), None)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    path = to_fs_path(uri) or ""
    timer = server.timers.pop(path, None)
    if timer is not None:
        timer.cancel()
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
    )
    server.guard(lambda: server.refresh(path), None)  # back to the text on disk


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(params: types.DefinitionParams) -> types.Location | None:
    def work() -> types.Location | None:
        hit = server.at(params.text_document.uri, params.position)
        if hit is None:
            return None
        symbols, occurrence = hit
        target = symbols.definitions.get((occurrence.kind, occurrence.ident))
        return server.location(target.span) if target else None

    return server.guard(work, None)


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(params: types.ReferenceParams) -> list[types.Location]:
    def work() -> list[types.Location]:
        server.settle()
        hit = server.at(params.text_document.uri, params.position)
        if hit is None:
            return []
        found = server.same_symbol(*hit)
        keep = params.context.include_declaration
        return [server.location(o.span) for o in found if keep or not o.definition]

    return server.guard(work, [])


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(params: types.PrepareRenameParams) -> types.Range | None:
    hit = server.guard(lambda: server.at(params.text_document.uri, params.position), None)
    if hit is None:
        raise RequestFailed("journeykit renames ids: put the cursor on an id or a reference")
    return server.span_range(hit[1].span)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def rename(params: types.RenameParams) -> types.WorkspaceEdit:
    server.guard(server.settle, None)
    here = to_fs_path(params.text_document.uri) or ""
    for symbols in server.maps_of(here):
        _refuse_stale(symbols)
    hit = server.guard(lambda: server.at(params.text_document.uri, params.position), None)
    if hit is None:
        raise RequestFailed("journeykit renames ids: put the cursor on an id or a reference")
    symbols, occurrence = hit
    new = params.new_name
    word = KINDS[occurrence.kind]
    if not re.fullmatch(SLUG_PATTERN, new):
        raise RequestFailed(
            f"`{new[:60]}` is not a valid id: use lowercase letters, digits and hyphens, "
            "starting with a letter or digit"
        )
    found = server.same_symbol(symbols, occurrence)
    touched = {o.span.file for o in found}
    for other in server.all_symbols():
        if touched & set(other.files):
            _refuse_stale(other)
    key = symbols.key(occurrence)
    for other in server.all_symbols():
        shares = any(other.key(o) == key for o in other.occurrences if o.ident == occurrence.ident)
        if shares and (occurrence.kind, new) in other.definitions and new != occurrence.ident:
            raise RequestFailed(f"{word} `{new}` already exists in {os.path.basename(other.path)}")
    changes: dict[str, list[types.TextEdit]] = {}
    for o in found:
        uri = from_fs_path(o.span.file) or o.span.file
        changes.setdefault(uri, []).append(types.TextEdit(server.span_range(o.span), new))
    return types.WorkspaceEdit(changes=changes)


def _refuse_stale(symbols: MapSymbols) -> None:
    broken = server.stale(symbols)
    if broken is not None:
        raise RequestFailed(
            f"{os.path.basename(broken)} does not parse at the moment; fix its YAML first"
        )


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[" ", "[", ","]),
)
def completion(params: types.CompletionParams) -> types.CompletionList:
    def work() -> types.CompletionList:
        path, line, column = server.cursor(params.text_document.uri, params.position)
        keys, _ = key_path_at(server.lines(path), line, column)
        items: list[types.CompletionItem] = []
        kind = reference_kind(keys)
        if kind is not None:
            for symbols in server.maps_of(path):
                for ident in symbols.ids(kind):
                    item = symbols.items.get((kind, ident), {})
                    title = item.get("name") or item.get("description") or ""
                    items.append(
                        types.CompletionItem(
                            label=ident,
                            kind=types.CompletionItemKind.Reference,
                            detail=f"{KINDS[kind]}: {title}" if title else KINDS[kind],
                        )
                    )
                break  # the map being edited (or the first that includes this file)
        else:
            items = [
                types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember)
                for value in enum_values(keys)
            ]
        return types.CompletionList(is_incomplete=False, items=items)

    return server.guard(work, types.CompletionList(is_incomplete=False, items=[]))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(params: types.HoverParams) -> types.Hover | None:
    def work() -> types.Hover | None:
        hit = server.at(params.text_document.uri, params.position)
        if hit is None:
            return None
        symbols, occurrence = hit
        text = describe(symbols, occurrence.kind, occurrence.ident)
        if text is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(types.MarkupKind.Markdown, text),
            range=server.span_range(occurrence.span),
        )

    return server.guard(work, None)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
    actions = []
    for diagnostic in params.context.diagnostics:
        data: Any = diagnostic.data
        fix = data.get("fix") if isinstance(data, dict) else None
        if fix is None:
            match = DID_YOU_MEAN.search(diagnostic.message)
            fix = match.group(1) if match else None
        if not isinstance(fix, str):
            continue
        edit = types.TextEdit(diagnostic.range, fix)
        actions.append(
            types.CodeAction(
                title=f"Change to `{fix}`",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=True,
                edit=types.WorkspaceEdit(changes={params.text_document.uri: [edit]}),
            )
        )
    return actions


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    return server.guard(lambda: _outline(to_fs_path(params.text_document.uri) or ""), [])


def _outline(path: str) -> list[types.DocumentSymbol]:
    symbols = server.symbols(path)
    if symbols is None:
        return []
    lines = server.lines(path)

    def item_range(kind: str, ident: str) -> types.Range:
        first, last = symbols.extent(kind, ident)
        end = len(lines[last]) if last < len(lines) else 0
        return types.Range(
            server.to_range(lines, Span(path, first, 0, 0)).start,
            server.to_range(lines, Span(path, last, end, end)).end,
        )

    outline = []
    for kind, stage in [k for k in symbols.definitions if k[0] == "stages"]:
        children = []
        for key, item in symbols.items.items():
            touchpoint = symbols.definitions[key]
            here = touchpoint.span.file == path
            if key[0] != "touchpoints" or item.get("stage") != stage or not here:
                continue
            children.append(
                types.DocumentSymbol(
                    name=key[1],
                    detail=str(item.get("name", "")),
                    kind=types.SymbolKind.Event,
                    range=item_range(*key),
                    selection_range=server.span_range(touchpoint.span),
                )
            )
        definition = symbols.definitions[(kind, stage)]
        if definition.span.file == path:
            whole, chosen = item_range(kind, stage), server.span_range(definition.span)
        elif children:
            whole = types.Range(children[0].range.start, children[-1].range.end)
            chosen = children[0].selection_range
        else:
            continue
        name = symbols.items[(kind, stage)].get("name", "")
        outline.append(
            types.DocumentSymbol(
                name=stage,
                detail=str(name),
                kind=types.SymbolKind.Namespace,
                range=whole,
                selection_range=chosen,
                children=children,
            )
        )
    return outline


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(params: types.DocumentFormattingParams) -> list[types.TextEdit]:
    from journeykit.fmt import format_text

    path = to_fs_path(params.text_document.uri) or ""
    text = server.buffer(path)
    if text is None:
        return []
    result = server.guard(lambda: format_text(text, path), None)
    if result is None or result.after is None or not result.changed:
        return []
    lines = text.splitlines()
    end = server.to_range(lines, Span(path, len(lines), 0, 0)).end
    whole = types.Range(types.Position(0, 0), end)
    return [types.TextEdit(whole, result.after)]


def serve() -> None:
    """Run the server on stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
