"""Session 46: a platform's name is looked up inside the request's deadline.

getaddrinfo blocks and ignores socket timeouts, so a resolver that never answered held a
request (and a publish lane, a comment's decision lock or a chat thread behind it) past
SOCIALBOT_REQUEST_DEADLINE. Here the resolver is a fake (socket.getaddrinfo monkeypatched)
that holds one name for HANG seconds, then gives up; the deadline is 2 s. Every other name
goes to 127.0.0.1, where the servers of these tests listen.
"""

from __future__ import annotations

import datetime
import http.server
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from test_session45_deadline import DEADLINE, SLACK, _adapter

from adapters import _deadline
from adapters._deadline import request_within
from adapters.base import TransientError

HUNG = "graph.unanswered.test"  # the fake resolver holds this name
HANG = 6.0  # seconds it holds it (old code: each request waited this long, then failed)


@pytest.fixture
def resolver(monkeypatch) -> Iterator[Counter[str]]:
    real, release, asked = socket.getaddrinfo, threading.Event(), Counter[str]()

    def fake(host, port, *args, **kwargs):  # noqa: ANN001, ANN202 - getaddrinfo's own
        asked[host] += 1
        if host == HUNG:
            release.wait(HANG)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        if host.endswith(".test"):
            host = "127.0.0.1"
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield asked
    release.set()
    # The held lookup now fails on its own thread and leaves the shared table. Wait for
    # that, so the next test starts its own lookup instead of joining this one's failure
    # (seen on a loaded CI machine: a waiter got this test's gaierror, not a timeout).
    gone = time.monotonic() + 5.0
    while any(key[0] == HUNG for key in list(_deadline._lookups)) and time.monotonic() < gone:
        time.sleep(0.01)


def test_a_request_whose_name_is_never_resolved_ends_at_the_deadline(resolver) -> None:
    began = time.monotonic()
    with pytest.raises(requests.RequestException) as caught:
        request_within(DEADLINE, "GET", f"http://{HUNG}:9/v1/me", timeout=1.0)
    assert time.monotonic() - began < DEADLINE + SLACK
    assert isinstance(caught.value, requests.ConnectTimeout)  # nothing was sent
    assert HUNG in str(caught.value)


def test_a_write_whose_name_hangs_is_not_in_doubt(resolver) -> None:
    # nothing left the machine, so the delivery is retried, not reconciled
    adapter = _adapter("facebook", f"https://{HUNG}:9")
    began = time.monotonic()
    with pytest.raises(TransientError) as caught:
        adapter.hide_comment("7_1_3")
    assert time.monotonic() - began < DEADLINE + SLACK
    assert caught.value.ambiguous is False
    assert "could not connect" in str(caught.value)


def test_requests_waiting_on_one_hung_name_share_one_lookup(resolver) -> None:
    outcomes: list[BaseException | None] = []

    def call() -> None:
        try:
            request_within(DEADLINE, "GET", f"http://{HUNG}:9/v1/me", timeout=1.0)
        except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
            outcomes.append(exc)
        else:
            outcomes.append(None)

    began = time.monotonic()
    threads = [threading.Thread(target=call) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(HANG + 5)
    assert time.monotonic() - began < DEADLINE + SLACK
    assert len(outcomes) == 4 and all(isinstance(o, requests.ConnectTimeout) for o in outcomes)
    assert resolver[HUNG] == 1  # one thread held by the hung resolver, not one per request


# ---- TLS: the certificate is still checked against the name, not the address ----

def _certificate(tmp_path: Path, name: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(hours=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        host = self.headers.get("Host", "").encode()  # the answer is the Host header
        self.wfile.write(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%b" % (len(host), host))


@pytest.fixture
def tls_server(tmp_path) -> Iterator[tuple[int, Path]]:
    cert, key = _certificate(tmp_path, "api.platform.test")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                     daemon=True).start()
    yield server.server_address[1], cert
    server.shutdown()
    server.server_close()


def test_a_name_resolved_off_thread_still_has_its_certificate_checked(resolver,
                                                                        tls_server) -> None:
    port, cert = tls_server
    answer = request_within(DEADLINE, "GET", f"https://api.platform.test:{port}/v1/me",
                            timeout=1.0, verify=str(cert))
    assert answer.status_code == 200
    assert answer.text == f"api.platform.test:{port}"  # the Host header names the host
    with pytest.raises(requests.exceptions.SSLError):  # same address, another name
        request_within(DEADLINE, "GET", f"https://other.platform.test:{port}/v1/me",
                       timeout=1.0, verify=str(cert))
