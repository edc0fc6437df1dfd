"""`journey lsp` at the protocol level: garbage on stdin costs an error, never the server."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from .test_lsp import ENV, JOURNEY


def test_protocol_garbage_does_not_kill_the_server(tmp_path: Path) -> None:
    """Bytes no client should send: bad JSON, bad params, a message without header."""

    def frame(message: bytes) -> bytes:
        return b"Content-Length: %d\r\n\r\n" % len(message) + message

    def request(ident: int, method: str, params: object = None) -> bytes:
        body = {"jsonrpc": "2.0", "id": ident, "method": method, "params": params}
        return frame(json.dumps(body).encode())

    stream = b"".join(
        [
            frame(b"{{{{ not json"),
            frame(b'{"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": 5}'),
            frame(b"\xff\xfe\x00"),
            request(2, "initialize", {"capabilities": {}, "rootUri": tmp_path.as_uri()}),
            b"no header at all\r\n\r\n",
            request(3, "textDocument/hover", {"textDocument": {"uri": "file:///x"}}),
            request(4, "shutdown"),
            frame(b'{"jsonrpc": "2.0", "method": "exit"}'),
        ]
    )
    result = subprocess.run(
        [str(JOURNEY), "lsp"], input=stream, capture_output=True, timeout=120, env=ENV, check=False
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    replies = [
        json.loads(body)
        for body in re.split(rb"Content-Length: \d+\r\n(?:[^\r\n]+\r\n)*\r\n", result.stdout)
        if body.strip()
    ]
    answered = {reply.get("id"): reply for reply in replies if "id" in reply}
    assert answered[2]["result"]["serverInfo"]["name"] == "journeykit"
    assert "result" in answered[4]  # the server was alive to shut down cleanly
