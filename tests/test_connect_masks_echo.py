"""A platform (or a proxy) that echoes what it was sent in its error body must not put the
client secret, the code or the token into `connect`'s one-line error."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import pytest

from social_bot.accounts.connect import debug_token, refresh_linkedin, x_whoami
from social_bot.accounts.store import Credential
from social_bot.errors import UserError

APP_SECRET = "app-secret-9f8e7d6c5b4a"
TOKEN = "EAAB-user-token-0123456789"
REFRESH = "AQX-refresh-token-abcdef012345"


class Echo(BaseHTTPRequestHandler):
    """Answers 400 quoting every value the request carried (body, Authorization)."""

    def _answer(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        sent = dict(parse_qsl(self.rfile.read(size).decode()))
        echoed = f"bad request {sent} auth={self.headers.get('Authorization')}"
        if self.path.endswith("/oauth/v2/accessToken"):
            body = {"error": "invalid_grant", "error_description": echoed}
        else:
            body = {"error": {"message": echoed}}
        data = json.dumps(body).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def echo() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_connect_error_masks_secret_and_token_echoed_by_the_platform(echo):
    with pytest.raises(UserError) as caught:
        debug_token(echo, "12345", APP_SECRET, TOKEN)
    text = str(caught.value)
    assert "HTTP 400" in text and "***" in text
    assert APP_SECRET not in text and TOKEN not in text

    with pytest.raises(UserError) as caught:
        x_whoami(echo, "consumer-key", APP_SECRET, TOKEN, "token-secret-0123456")
    assert "HTTP 400" in str(caught.value)
    assert TOKEN not in str(caught.value) and APP_SECRET not in str(caught.value)


def test_refresh_error_masks_client_secret_and_refresh_token_echoed(echo):
    env = {"LINKEDIN_CLIENT_ID": "client-id", "LINKEDIN_CLIENT_SECRET": APP_SECRET,
           "LINKEDIN_AUTH_BASE": echo, "SOCIALBOT_SANDBOX": "1"}
    credential = Credential(platform="linkedin", values={"LINKEDIN_ACCESS_TOKEN": TOKEN},
                            refresh_token=REFRESH)
    with pytest.raises(UserError) as caught:
        refresh_linkedin(env, credential)
    text = str(caught.value)
    assert "invalid_grant" in text and "***" in text
    assert APP_SECRET not in text and REFRESH not in text
