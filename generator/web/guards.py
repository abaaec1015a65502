"""What keeps the kit builder to the person at this computer.

It listens on 127.0.0.1 only. A web page elsewhere could still reach it
through the browser: by a name of its own that resolves to 127.0.0.1 (DNS
rebinding; the Host header then carries that name, so only the loopback
address and port are accepted), or by posting a form to it (every POST must
carry the token this server drew at start, which only its own pages hold).
"""

from __future__ import annotations

import hmac
import secrets

LOOPBACK = "127.0.0.1"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def allowed_hosts(port: int) -> frozenset[str]:
    """The Host headers of a request typed into this computer's browser for this server."""
    return frozenset({f"{LOOPBACK}:{port}", f"localhost:{port}"})


def host_is_allowed(host: str | None, port: int) -> bool:
    return host is not None and host.lower() in allowed_hosts(port)


def origin_is_allowed(origin: str | None, port: int) -> bool:
    """A POST's Origin, when the browser sends one, must be this server's page."""
    return origin is None or origin in {f"http://{host}" for host in allowed_hosts(port)}


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


class HostGuard:
    """ASGI middleware: a request whose Host is not this server's loopback address and port gets 403."""

    def __init__(self, app, port: int):
        self.app = app
        self.port = port

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            host = headers.get(b"host", b"").decode("latin-1")
            if not host_is_allowed(host, self.port):
                await _refuse(send, b"Refused: open this page as http://127.0.0.1 on this computer.\n")
                return
        await self.app(scope, receive, send)


async def _refuse(send, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
