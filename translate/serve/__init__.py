"""``dragoman serve``: a review workspace in the browser over a folder of JSONL runs.

``Workspace`` (runs + review store + translation memory + user glossary) holds the rules;
``create_app`` is the Starlette app over it; ``serve`` runs it with uvicorn. Starlette and uvicorn
come with the ``serve`` extra and are imported only here.
"""

from __future__ import annotations

import socket
import sys

from translate.errors import DragomanError
from translate.serve.auth import LOOPBACK, Guard
from translate.serve.workspace import Workspace, WorkspacePaths, default_paths

__all__ = ["Guard", "Workspace", "WorkspacePaths", "default_paths", "serve"]


def serve(
    paths: WorkspacePaths, host: str = "127.0.0.1", port: int = 8765, reviewer: str = "reviewer"
) -> None:
    """Run the workspace until interrupted; prints the URL (with the token on a non-loopback bind)."""
    try:
        import uvicorn

        from translate.serve.app import create_app
    except ImportError:
        raise DragomanError(
            "serve", "starlette/uvicorn not installed; pip install 'dragoman[serve]'"
        ) from None
    workspace = Workspace(paths, reviewer=reviewer)
    sock = listen(host, port)
    port = int(sock.getsockname()[1])
    guard = Guard.for_bind(host, port)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    if guard.token:
        url += f"?token={guard.token}"
        print(f"dragoman serve: token {guard.token} (required on every request)", file=sys.stderr)
    elif host not in LOOPBACK:  # pragma: no cover - for_bind always makes one
        raise DragomanError(host, "refusing a non-local bind without a token")
    docs = len(workspace.documents)
    print(f"dragoman serve: {docs} documents from {paths.runs}; open {url}", file=sys.stderr, flush=True)
    print(
        f"dragoman serve: accepted segments go to {paths.memory} (translate with --tm {paths.memory});"
        f" proposed terms to {paths.glossary}",
        file=sys.stderr,
        flush=True,
    )
    config = uvicorn.Config(
        create_app(workspace, guard), host=host, port=port, log_level="warning", server_header=False,
        date_header=False, access_log=False,
    )  # fmt: skip
    uvicorn.Server(config).run(sockets=[sock])


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (0: any free port); a one-line error when it cannot be had."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise DragomanError(f"{host}:{port}", f"cannot listen ({err.strerror or err})") from None
    return sock
