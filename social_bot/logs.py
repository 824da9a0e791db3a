"""Structured logs: one JSON object per line, one line per event, never a secret.

Call sites say what happened and give fields: ``event(log, "delivery.published",
post_id=3, platform="x")``. The formatter also masks the value of every secret-looking
setting (tokens, keys, secrets, passwords) wherever it might appear in a message.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TextIO
from urllib.parse import quote, quote_plus

# A webhook URL is a credential too: anyone holding it can post to the channel.
SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSWORD|PASSWD|_KEY$|^KEY_|CREDENTIAL|WEBHOOK",
                         re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
# Query parameters that carry a credential. Graph's debug_token takes the token to inspect
# only as `input_token` in the URL (session 46: its POST with method=GET is refused to new
# apps), and a library quotes the URL it used (urllib3's retry warnings, requests'
# exceptions): the value goes, wherever the URL is quoted, known secret or not.
URL_CREDENTIAL_PARAMS = ("access_token", "input_token", "fb_exchange_token", "client_secret",
                         "refresh_token", "code", "oauth_token", "oauth_verifier",
                         "appsecret_proof", "token")
# The value stops at a separator, a quote or a backslash (a JSON-escaped quote stays whole).
_URL_CREDENTIAL = re.compile(
    r"([?&;](?:" + "|".join(URL_CREDENTIAL_PARAMS) + r")=)[^&;\s'\"#<>\\]+", re.IGNORECASE)
# LogRecord attributes that are not event fields.
_RESERVED = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {
    "message", "asctime", "taskName",
}


def secret_values(env: Mapping[str, str]) -> tuple[str, ...]:
    """The values of settings whose names say they are secret (long enough to be real)."""
    return tuple(
        sorted({v for k, v in env.items() if SECRET_NAME.search(k) and v and len(v) >= 4},
               key=len, reverse=True)
    )


# Libraries that log request or response bodies (comment text, tokens) at DEBUG/INFO.
PAYLOAD_LOGGERS = ("tweepy", "requests_oauthlib", "oauthlib", "urllib3", "requests", "httpx",
                   "httpcore", "slack_sdk", "apscheduler", "uvicorn.access", "multipart",
                   "python_multipart", "asyncio")
# Libraries whose INFO lines are no event of ours: presidio-analyzer (spaCy loads it through
# its factory entry point with the PHI model) said "Using device of type: cpu" as the
# daemon's first line (the newcomer walk-through, session 50, finding 11).
CHATTY_LOGGERS = ("presidio-analyzer",)
QUIET_LOGGERS = PAYLOAD_LOGGERS + CHATTY_LOGGERS


def _forms(secret: str) -> set[str]:
    """Every way a secret is commonly written: as is, JSON-escaped (once, or twice when a
    JSON body is logged inside JSON), URL-encoded (path or form style), Python-quoted."""
    json_once = json.dumps(secret)[1:-1]
    forms = {secret, json_once, json.dumps(json_once)[1:-1], quote(secret, safe=""),
             quote_plus(secret), quote(secret), repr(secret)[1:-1]}
    for form in list(forms):
        forms.add(json.dumps(form)[1:-1])
    return {f for f in forms if len(f) >= 4}


def redact_url(text: str) -> str:
    """`text` with the password of any URL and every credential query parameter masked."""
    return _URL_CREDENTIAL.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


def mask(text: str, secrets: Iterable[str]) -> str:
    forms = sorted({form for secret in secrets for form in _forms(secret)}, key=len,
                   reverse=True)
    for form in forms:
        text = text.replace(form, "***")
    return redact_url(text)


class QuietLibraries(logging.Filter):
    """Below WARNING, nothing from a payload-logging library reaches the output, even if
    someone sets that library's level to DEBUG later."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            return True
        name = record.name
        return not any(name == lib or name.startswith(lib + ".") for lib in QUIET_LOGGERS)


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "event", ...fields}`` on one line."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(secrets)
        self._forms = sorted({form for secret in self.secrets for form in _forms(secret)},
                             key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _RESERVED and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The type and message only: tracebacks span lines and may quote locals.
            exc = record.exc_info[1]
            entry["error"] = f"{record.exc_info[0].__name__}: {exc}"
        line = json.dumps(entry, ensure_ascii=False, default=str).replace("\n", " ")
        for form in self._forms:
            line = line.replace(form, "***")
        return redact_url(line)


def configure(
    level: str | int = "INFO",
    stream: TextIO | None = None,
    env: Mapping[str, str] | None = None,
) -> None:
    """Send every log record of the process to ``stream`` (stderr) as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(secret_values(env or {})))
    handler.addFilter(QuietLibraries())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level if isinstance(level, int) else level.upper())
    # Library chatter that is not an event of ours, and bodies that may carry PHI or tokens.
    for noisy in QUIET_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # uvicorn's own lines (startup, errors) go through the handler above: its server is
    # configured with log_config=None (social_bot/web/server.py), so its loggers propagate.
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True


def event(logger: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event with fields (fields whose names clash with LogRecord get a ``_`` suffix)."""
    extra = {(f"{k}_" if k in _RESERVED else k): v for k, v in fields.items()}
    logger.log(level, name, extra=extra)
