"""An ASGI guard in front of the Gradio app: a Host allow-list, and no uploads (no gradio import here).

DNS rebinding: a page on evil.example can make a browser send requests to 127.0.0.1 under the name
evil.example, so a server bound to localhost must still refuse a Host header it does not know. The
app takes no files (every input is text), so the upload route is closed too, whatever its prefix.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOCAL_NAMES = ("127.0.0.1", "localhost", "::1")
_WILDCARDS = {"0.0.0.0", "::", ""}


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """127.0.0.1, localhost and ::1, the address the server binds to (unless a wildcard), and `extra` names."""
    names = {*LOCAL_NAMES, *(name.strip().lower() for name in extra if name.strip())}
    if bind.strip().lower() not in _WILDCARDS:
        names.add(bind.strip().lower().strip("[]"))
    return frozenset(names)


def host_name(header: str) -> str:
    """The name in a Host header, without its port: `127.0.0.1:7860` -> `127.0.0.1`, `[::1]:80` -> `::1`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def is_upload(path: str) -> bool:
    return path.rstrip("/").split("/")[-1] == "upload"


class HostAndUploadGuard:
    """Refuses a request whose Host is not allowed (400) and any request to an upload route (403)."""

    def __init__(self, app: ASGIApp, allowed: Iterable[str] = LOCAL_NAMES) -> None:
        self.app = app
        self.allowed = frozenset(allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope.get("headers", [])}
        if host_name(headers.get("host", "")) not in self.allowed:
            await _refuse(scope, receive, send, 400, "invalid Host header")
        elif is_upload(scope.get("path", "")):
            await _refuse(scope, receive, send, 403, "uploads are disabled: this app takes no files")
        else:
            await self.app(scope, receive, send)


async def _refuse(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    if scope["type"] == "websocket":
        await receive()  # the connect event
        await send({"type": "websocket.close", "code": 1008})
        return
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
