"""Request and reply values the sandbox's platform stand-ins work with (no sockets here)."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Upload:
    filename: str
    content_type: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str  # without the platform prefix and the query string
    query: dict[str, list[str]]
    headers: Message
    body: bytes
    _form: dict[str, str] | None = None
    _files: dict[str, Upload] | None = None

    def header(self, name: str) -> str:
        return self.headers.get(name) or ""

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None

    def _parse_form(self) -> None:
        form: dict[str, str] = {}
        files: dict[str, Upload] = {}
        ctype = self.header("Content-Type")
        if ctype.startswith("multipart/form-data"):
            raw = b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + self.body
            message = BytesParser(policy=HTTP).parsebytes(raw)
            for part in message.iter_parts() if message.is_multipart() else []:
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if not isinstance(name, str):
                    continue
                if part.get_filename():
                    files[name] = Upload(part.get_filename(), part.get_content_type(), payload)
                else:
                    form[name] = payload.decode("utf-8", "replace")
        elif ctype.startswith("application/x-www-form-urlencoded"):
            parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
            form = {k: v[-1] for k, v in parsed.items()}
        self._form, self._files = form, files

    def form(self) -> dict[str, str]:
        if self._form is None:
            self._parse_form()
        return self._form or {}

    def files(self) -> dict[str, Upload]:
        if self._files is None:
            self._parse_form()
        return self._files or {}

    def param(self, name: str, default: str | None = None) -> str | None:
        """A query parameter, else a form field (Graph accepts either)."""
        if name in self.query:
            return self.query[name][-1]
        return self.form().get(name, default)


@dataclass
class Reply:
    status: int
    body: Any = None  # JSON-able, or bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if self.body is None:
            return b"", headers
        if isinstance(self.body, bytes):
            return self.body, headers
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
        return json.dumps(self.body).encode("utf-8"), headers


def trace_id() -> str:
    return secrets.token_urlsafe(8)
