"""The language server behind ``journey lsp``: :mod:`.symbols` knows where ids are defined and
named (no LSP library), :mod:`.server` keeps the workspace's state, :mod:`.features` answers the
protocol's requests with pygls."""
