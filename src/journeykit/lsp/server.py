"""The state of the journey map language server (pygls over stdio); the handlers are in
:mod:`journeykit.lsp.features`.

The server keeps, per map, its last load whose YAML gave a mapping, and the problems of its last
check; the symbol index (:class:`MapSymbols`) of a map is built when a request first needs it, so
a keystroke costs a load and the lint rules only.

A file is a *map* when it matches the config's ``files`` patterns (``*.journey.yaml``) or starts
with ``journeykit:``; a file some map includes is a *library*: a change to it re-checks every map
that includes it. Maps in the workspace folders are read once at start, so references and renames
reach maps that are not open.

Every piece of work runs through :meth:`JourneyServer.guard`: a map half-typed into nonsense
costs its diagnostics, never the server.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from journeykit import __version__
from journeykit.config import Config, ConfigError, find_config, load_config
from journeykit.lint import Policy, lint
from journeykit.lsp.symbols import (
    MapSymbols,
    Occurrence,
    Span,
    build,
    token_span,
)
from journeykit.problems import Problem, Severity
from journeykit.rules import RULES
from journeykit.today import resolve_today
from journeykit.validate import load
from journeykit.workspace import OVERLAY, LoadedMap

DEBOUNCE = float(os.environ.get("JOURNEYKIT_LSP_DEBOUNCE", "0.2"))  # seconds after a keystroke
MAX_SCAN = 500  # maps read from the workspace folders at start
MAX_FOLDERS = 5000  # folders looked into for them
DOCS = "https://github.com/journeykit/journeykit/blob/main/docs"
DID_YOU_MEAN = re.compile(r"did you mean `([^`]+)`\?")
_MAP_START = re.compile(r"^journeykit\s*:", re.M)
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
log = logging.getLogger(__name__)
T = TypeVar("T")


class RequestFailed(JsonRpcException):
    """LSP's RequestFailed: the request was valid but cannot be carried out (a refused rename)."""

    CODE = -32803


def docs_link(code: str) -> str:
    if code in RULES:
        return f"{DOCS}/lint.md#{code}"
    return f"{DOCS}/format.md#validation-problem-codes"


class JourneyServer(LanguageServer):
    """pygls' server plus what journeykit knows about the workspace."""

    def __init__(self) -> None:
        super().__init__("journeykit", __version__)
        # map path -> the map as last loaded with its main file parsing to a mapping ("good"),
        # the files it reads (itself first), and its symbol index, built when first asked for
        self.good: dict[str, LoadedMap] = {}
        self.files: dict[str, list[str]] = {}
        self.indexed: dict[str, MapSymbols] = {}
        self.problems: dict[str, list[Problem]] = {}  # map path -> problems of its last check
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.configs: dict[str, tuple[Config, Policy]] = {}
        self.pending: list[str] = []  # workspace maps still to read

    # -- files -------------------------------------------------------------------------------

    def open_paths(self) -> dict[str, str]:
        """Open documents: path -> uri."""
        return {to_fs_path(uri) or uri: uri for uri in self.workspace.text_documents}

    def buffer(self, path: str) -> str | None:
        uri = self.open_paths().get(path)
        return self.workspace.get_text_document(uri).source if uri else None

    def lines(self, path: str) -> list[str]:
        text = self.buffer(path)
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                return []
        return text.splitlines()

    def overlay(self) -> dict[str, bytes]:
        found = {}
        for path, uri in self.open_paths().items():
            found[str(Path(path).resolve())] = self.workspace.get_text_document(uri).source.encode()
        return found

    def config_for(self, path: str) -> tuple[Config, Policy]:
        found = find_config(Path(path).parent)
        key = str(found) if found else ""
        if key not in self.configs:
            try:
                config = load_config(str(found)) if found else Config()
                self.configs[key] = (config, Policy(config))
            except ConfigError as exc:
                first = exc.problems[0]
                self.window_show_message(
                    types.ShowMessageParams(
                        types.MessageType.Warning,
                        f"journeykit: {first.path}:{first.line}:{first.column}: {first.message}; "
                        "using the default settings",
                    )
                )
                config = Config()
                self.configs[key] = (config, Policy(config))
        return self.configs[key]

    def is_map(self, path: str, text: str | None) -> bool:
        if any(path in files[1:] for files in self.files.values()):
            return False
        config, _ = self.config_for(path)
        if config.wanted(os.path.basename(path)):
            return True
        return text is not None and bool(_MAP_START.search(text))

    # -- checking ----------------------------------------------------------------------------

    def check(self, path: str) -> LoadedMap:
        """Load and lint one map, keeping its symbols when its YAML gave a mapping."""
        config, policy = self.config_for(path)
        text = self.buffer(path)
        token = OVERLAY.set(self.overlay())
        try:
            loaded = load(path, data=text.encode() if text is not None else None)
            problems = lint([loaded], policy, resolve_today(os.environ.get("JOURNEYKIT_TODAY")))
        finally:
            OVERLAY.reset(token)
        if isinstance(loaded.main.data, dict):
            self.good[path] = loaded
            self.files[path] = list(dict.fromkeys([path, *(s.path for s in loaded.sources)]))
            self.indexed.pop(path, None)
        self.problems[path] = [p for p in problems if not config.ignored(p.path)]
        return loaded

    def affected(self, path: str) -> list[str]:
        """The maps to re-check when ``path`` changes: itself if a map, and its includers."""
        maps = [m for m, files in self.files.items() if m != path and path in files]
        if self.is_map(path, self.buffer(path)):
            maps.insert(0, path)
        return maps

    def refresh(self, path: str) -> None:
        """Re-check what depends on ``path`` and publish the diagnostics of open files."""
        with gc_paused():
            self._refresh(path)

    def _refresh(self, path: str) -> None:
        self.timers.pop(path, None)
        touched: set[str] = {path}
        for map_path in self.affected(path):
            self.guard(partial(self.check, map_path), None)
            touched.add(map_path)
            touched.update(self.files.get(map_path, ()))
        open_paths = self.open_paths()
        for file in sorted(touched):
            if file in open_paths:
                self.publish(file, open_paths[file])

    def schedule(self, path: str) -> None:
        timer = self.timers.pop(path, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self.timers[path] = loop.call_later(DEBOUNCE, self.refresh, path)

    def publish(self, path: str, uri: str) -> None:
        seen: set[tuple[int, int, str, str]] = set()
        lines = self.lines(path)
        diagnostics = []
        for map_path, problems in self.problems.items():
            if map_path != path and path not in self.files.get(map_path, ()):
                continue
            for problem in problems:
                key = (problem.line, problem.column, problem.code, problem.message)
                if problem.path != path or key in seen:
                    continue
                seen.add(key)
                diagnostics.append(self.diagnostic(problem, lines))
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics)
        )

    def diagnostic(self, problem: Problem, lines: list[str]) -> types.Diagnostic:
        line = max(problem.line - 1, 0)
        text = lines[line] if line < len(lines) else ""
        start, end = token_span(text, min(max(problem.column - 1, 0), len(text)))
        if end <= start:  # an empty token (a syntax error at the end of a line): one character
            end = min(start + 1, len(text)) if start < len(text) else start
        fix = DID_YOU_MEAN.search(problem.message)
        return types.Diagnostic(
            range=self.to_range(lines, Span(problem.path, line, start, end)),
            message=problem.message,
            severity=_SEVERITY[problem.severity],
            code=problem.code,
            code_description=types.CodeDescription(href=docs_link(problem.code)),
            source="journeykit",
            data={"fix": fix.group(1)} if fix else None,
        )

    def scan(self, folders: list[str]) -> None:
        """Queue the maps of the workspace folders, read one per turn of the event loop (requests
        are answered in between), so that references and renames reach maps that are not open."""
        for folder in folders:
            config, _ = self.config_for(os.path.join(folder, "journeykit.yaml"))
            self.pending.extend(_find_maps(folder, config, MAX_SCAN - len(self.pending)))
        if self.pending:
            asyncio.get_running_loop().call_soon(self.scan_step)

    def scan_step(self) -> None:
        if self.pending:
            path = self.pending.pop(0)
            if path not in self.good:
                with gc_paused():
                    self.guard(partial(self.check, path), None)
                # a library opened before the map that includes it was read: show its findings
                open_paths = self.open_paths()
                for file in self.files.get(path, ())[1:]:
                    if file in open_paths:
                        self.guard(partial(self.publish, file, open_paths[file]), None)
            asyncio.get_running_loop().call_soon(self.scan_step)

    def settle(self) -> None:
        """Finish reading the workspace, and run the re-checks still waiting out their delay:
        references and renames need every map as it stands."""
        for path, timer in list(self.timers.items()):
            timer.cancel()
            self.refresh(path)
        while self.pending:
            path = self.pending.pop(0)
            if path not in self.good:
                self.guard(partial(self.check, path), None)

    def stale(self, symbols: MapSymbols) -> str | None:
        """A file of the map whose editor text is not what the index was built from (it does not
        parse at the moment), if any."""
        for file in symbols.files:
            text = self.buffer(file)
            if text is not None and text != symbols.sources[file].text:
                return file
        return None

    def guard(self, work: Callable[[], T], fallback: T) -> T:
        """Run ``work``; log a failure instead of letting it reach the client."""
        try:
            return work()
        except Exception:
            log.exception("journeykit language server: internal error")
            return fallback

    # -- positions ---------------------------------------------------------------------------

    def to_range(self, lines: list[str], span: Span) -> types.Range:
        codec = self.workspace.position_codec
        return codec.range_to_client_units(
            lines,
            types.Range(types.Position(span.line, span.start), types.Position(span.line, span.end)),
        )

    def location(self, span: Span) -> types.Location:
        return types.Location(from_fs_path(span.file) or span.file, self.span_range(span))

    def span_range(self, span: Span) -> types.Range:
        return self.to_range(self.lines(span.file), span)

    def cursor(self, uri: str, position: types.Position) -> tuple[str, int, int]:
        path = to_fs_path(uri) or uri
        lines = self.lines(path)
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return path, server.line, server.character

    # -- symbols -----------------------------------------------------------------------------

    def symbols(self, map_path: str) -> MapSymbols | None:
        """The symbol index of a map, built on first use after each check."""
        if map_path not in self.indexed and map_path in self.good:
            with gc_paused():
                self.indexed[map_path] = build(self.good[map_path])
        return self.indexed.get(map_path)

    def all_symbols(self) -> Iterator[MapSymbols]:
        for map_path in list(self.good):
            found = self.symbols(map_path)
            if found is not None:
                yield found

    def maps_of(self, path: str) -> Iterator[MapSymbols]:
        """The indexes of the maps that read ``path`` (the map itself first)."""
        owners = [m for m, files in self.files.items() if path in files]
        owners.sort(key=lambda m: m != path)
        for map_path in owners:
            found = self.symbols(map_path)
            if found is not None:
                yield found

    def at(self, uri: str, position: types.Position) -> tuple[MapSymbols, Occurrence] | None:
        path, line, column = self.cursor(uri, position)
        for symbols in self.maps_of(path):
            found = symbols.at(path, line, column)
            if found is not None:
                return symbols, found
        return None

    def same_symbol(self, symbols: MapSymbols, occurrence: Occurrence) -> list[Occurrence]:
        """Every occurrence, in every known map, of what ``occurrence`` names."""
        key = symbols.key(occurrence)
        found: dict[Span, Occurrence] = {}
        for other in self.all_symbols():
            for candidate in other.occurrences:
                if candidate.ident == occurrence.ident and other.key(candidate) == key:
                    found.setdefault(candidate.span, candidate)
        return sorted(found.values(), key=lambda o: o.span)


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during a check: the server holds the maps, their problems
    and their indexes, hundreds of thousands of objects that a full collection walks each time
    a check's allocations set one off (it tripled the lint rules' time on a 1,000-touchpoint
    map). Collection resumes after the diagnostics are out, between keystrokes."""
    if not gc.isenabled():  # nested, or paused by someone else
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _find_maps(folder: str, config: Config, limit: int) -> list[str]:
    """Up to ``limit`` maps under ``folder`` as the CLI finds them (hidden folders and
    node_modules skipped), looking into at most :data:`MAX_FOLDERS` folders: an editor opened
    on a home folder must not walk the whole disk."""
    found: list[str] = []
    for visited, (current, dirs, names) in enumerate(os.walk(folder)):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        for name in sorted(names):
            path = os.path.abspath(os.path.join(current, name))
            if config.wanted(name) and not config.ignored(path):
                found.append(path)
        if len(found) >= limit or visited >= MAX_FOLDERS:
            break
    return found[:limit]
