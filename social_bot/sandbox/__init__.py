"""Local stand-ins for the LinkedIn, Facebook Graph and X APIs, over real HTTP on 127.0.0.1.

with start_sandbox() as sandbox:
    env = sandbox_env(sandbox.url)      # point all three adapters at it
"""

from __future__ import annotations

import threading
from types import TracebackType

DEFAULT_TOKEN = "sandbox"  # noqa: S105 - the documented sandbox credential, not a secret
SANDBOX_PAGE_ID = "100000000000001"
SANDBOX_ORG_ID = "5515715"


def sandbox_token(env: dict[str, str] | None = None) -> str:
    if env is None:
        from social_bot.settings import environment

        env = environment()
    return env.get("SOCIALBOT_SANDBOX_TOKEN") or DEFAULT_TOKEN


class SandboxServer:
    """A running sandbox: `.url`, `.stop()`, usable as a context manager."""

    def __init__(self, port: int = 0, *, token: str | None = None, fault_delay: float = 3.0,
                 reject_duplicates: bool = True):
        from social_bot.sandbox.server import SandboxHTTPServer

        self.token = token or sandbox_token()
        self._httpd = SandboxHTTPServer(port, self.token, fault_delay, reject_duplicates)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="socialbot-sandbox",
            daemon=True,
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return self._httpd.base_url

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def state(self):  # noqa: ANN201 - SandboxState, imported lazily
        return self._httpd.state

    def stop(self) -> None:
        self._httpd.stopping.set()  # wakes handlers sleeping in a timeout fault
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_sandbox(
    port: int = 0, *, token: str | None = None, fault_delay: float = 3.0,
    reject_duplicates: bool = True,
) -> SandboxServer:
    """Start the sandbox on 127.0.0.1 (port 0: an ephemeral port) in a background thread."""
    return SandboxServer(port, token=token, fault_delay=fault_delay,
                         reject_duplicates=reject_duplicates)


def sandbox_env(url: str, token: str | None = None) -> dict[str, str]:
    """The settings that point the three adapters at a sandbox at `url`."""
    token = token or sandbox_token()
    base = url.rstrip("/")
    return {
        # the adapters send credentials to a host not the platform's only when told so
        "SOCIALBOT_SANDBOX": "1",
        "LINKEDIN_API_BASE": f"{base}/linkedin",
        "LINKEDIN_ACCESS_TOKEN": token,
        "LINKEDIN_ORG_ID": SANDBOX_ORG_ID,
        "FACEBOOK_API_BASE": f"{base}/facebook",
        "FACEBOOK_PAGE_ID": SANDBOX_PAGE_ID,
        "FACEBOOK_PAGE_TOKEN": token,
        "X_API_BASE": f"{base}/x",
        "X_CONSUMER_KEY": token,
        "X_CONSUMER_SECRET": token,
        "X_ACCESS_TOKEN": token,
        "X_ACCESS_TOKEN_SECRET": token,
    }


__all__ = ["SandboxServer", "sandbox_env", "sandbox_token", "start_sandbox"]
