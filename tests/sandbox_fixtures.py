"""One sandbox for a whole test module, emptied before each test (s55-small: the same
fixture pair was written out in test_s54_sandbox_strict.py and test_s54_reread_b.py).

A module takes it by importing both fixtures; its tests then ask for ``sandbox`` (which
overrides conftest's one-sandbox-per-test fixture of that name):

    from sandbox_fixtures import module_sandbox, module_sandbox_server  # noqa: F401 - fixtures

The Python names differ from the fixture names so that a test's ``sandbox`` parameter is no
redefinition of an import. Each importing module gets its own server (module scope).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from social_bot.sandbox import SandboxServer, start_sandbox


@pytest.fixture(scope="module", name="sandbox_server")
def module_sandbox_server() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as running:
        yield running


@pytest.fixture(name="sandbox")
def module_sandbox(sandbox_server: SandboxServer) -> SandboxServer:
    """The module's sandbox, emptied for each test."""
    requests.post(sandbox_server.url + "/_sandbox/reset", timeout=5)
    return sandbox_server
