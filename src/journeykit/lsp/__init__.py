"""The language server behind ``journey lsp``: :mod:`.symbols` knows where ids are defined and
named (no LSP library), :mod:`.server` speaks the protocol with pygls."""
