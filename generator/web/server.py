"""`casebook kit` serving: a socket on 127.0.0.1 only, then uvicorn on it."""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

import uvicorn

from generator.web.app import KitSettings, create_app
from generator.web.guards import LOOPBACK, new_token


class PortInUse(Exception):
    pass


def bind(port: int) -> socket.socket:
    """The listening socket on the loopback address (port 0: any free port); PortInUse when taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise PortInUse(str(exc)) from None
    sock.listen(64)
    return sock


def serve(
    sock: socket.socket, config_path: Path, mkdocs_file: Path, theme_dir: Path, *, open_browser: bool, announce
) -> None:
    """Serve the kit builder on `sock` until interrupted; `announce(url)` is called once it listens."""
    port = sock.getsockname()[1]
    url = f"http://{LOOPBACK}:{port}/"
    settings = KitSettings(config_path, mkdocs_file, theme_dir, port, new_token())
    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    announce(url)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, [url]).start()
    server.run(sockets=[sock])
