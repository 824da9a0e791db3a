"""Run the ASGI app under uvicorn: in the foreground, or in a thread (daemon, demo, tests)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from social_bot.errors import UserError


def _config(asgi_app: Any, host: str, port: int, log_level: str) -> Any:
    import uvicorn

    # log_config=None: uvicorn adds no handlers of its own, so its lines reach the root
    # logger's JSON formatter (social_bot/logs.py) with secrets masked like every other line.
    return uvicorn.Config(asgi_app, host=host, port=port, log_level=log_level, lifespan="on",
                          access_log=False, server_header=False, timeout_keep_alive=30,
                          log_config=None)


def serve(asgi_app: Any, host: str = "127.0.0.1", port: int = 8787,
          log_level: str = "info") -> None:
    """Serve until SIGINT/SIGTERM (uvicorn handles the signals in the main thread)."""
    import uvicorn

    uvicorn.Server(_config(asgi_app, host, port, log_level)).run()


@dataclass
class ServerHandle:
    url: str
    host: str
    port: int
    server: Any
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def serve_in_thread(asgi_app: Any, host: str = "127.0.0.1", port: int = 0,
                    log_level: str = "warning", start_timeout: float = 10.0) -> ServerHandle:
    """Start uvicorn in a background thread; port 0 picks a free one (see ``.url``)."""
    import uvicorn

    server = uvicorn.Server(_config(asgi_app, host, port, log_level))
    thread = threading.Thread(target=server.run, name="socialbot-http", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise UserError(f"the chat endpoint could not start on {host}:{port} "
                            "(is the port in use?)")
        time.sleep(0.01)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return ServerHandle(f"http://{shown}:{bound_port}", host, bound_port, server, thread)
