from social_bot.logs import secret_values


def test_webhook_urls_and_tokens_are_masked_in_logs():
    env = {"SLACK_WEBHOOK_URL": "https://hooks.slack.example/services/T0/B0/abcdef",
           "X_ACCESS_TOKEN": "tok-123456", "SOCIALBOT_HTTP_PORT": "8787"}
    masked = secret_values(env)
    assert env["SLACK_WEBHOOK_URL"] in masked and env["X_ACCESS_TOKEN"] in masked
    assert "8787" not in masked


# -- issue 14, item 10 -------------------------------------------------------------------

def _capture(env, emit):  # noqa: ANN001, ANN202
    import io
    import logging

    from social_bot import logs

    stream = io.StringIO()
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    logs.configure("DEBUG", stream=stream, env=env)
    try:
        emit()
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
    return stream.getvalue()


def test_secrets_are_masked_in_every_written_form():
    import json
    import logging
    from urllib.parse import quote, quote_plus

    secret = 'tok/en+with "quotes" & \\slashes\\ =='
    env = {"X_ACCESS_TOKEN": secret}
    forms = [secret, json.dumps(secret), json.dumps(json.dumps(secret)), quote(secret, safe=""),
             quote_plus(secret), repr(secret)]
    log = logging.getLogger("socialbot.test")
    out = _capture(env, lambda: [log.info("sent %s", form) for form in forms]
                   + [log.info("body", extra={"payload": {"token": secret}})])
    lines = out.splitlines()
    assert len(lines) == len(forms) + 1
    for line in lines:
        json.loads(line)  # still one JSON object per line
        for form in forms + [quote(secret, safe=""), json.dumps(secret)[1:-1]]:
            assert form.strip('"') not in line
        assert "***" in line


def test_payload_logging_libraries_stay_quiet_even_at_debug():
    import logging

    comment = "my daughter Emily has asthma, see you at her appointment"
    out = _capture({}, lambda: [
        logging.getLogger("tweepy.client").debug("Received: %s", comment),
        logging.getLogger("urllib3.connectionpool").info("body=%s", comment),
        logging.getLogger("requests_oauthlib.oauth2_session").debug(comment),
        logging.getLogger("httpx").info(comment),
        logging.getLogger("tweepy").setLevel(logging.DEBUG),  # someone turns it back on
        logging.getLogger("tweepy.client").debug("again %s", comment),
        logging.getLogger("socialbot.monitor").debug("ours"),
    ])
    assert comment not in out
    assert '"ours"' in out


def test_uvicorn_lines_use_the_json_formatter():
    import json
    import logging

    from social_bot.web.server import _config

    def emit() -> None:
        _config(lambda scope, receive, send: None, "127.0.0.1", 0, "info")
        logging.getLogger("uvicorn.error").info("Uvicorn running on http://127.0.0.1:1")

    out = _capture({}, emit)
    entry = json.loads(out.strip().splitlines()[-1])
    assert entry["logger"] == "uvicorn.error" and entry["event"].startswith("Uvicorn running")
