"""Session 54, outside review B of the sandbox strictness and the empty-batch refusal
(docs/history/security.md). Each test failed on s54-merge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sandbox_fixtures import module_sandbox, module_sandbox_server  # noqa: F401 - fixtures
from test_moderation_cli import env as classify_env  # noqa: F401 - a fixture
from test_moderation_cli import run as classify
from test_s54_sandbox_strict import posts, tweet, x_auth, x_chunked, x_photo

from social_bot.sandbox import SandboxServer

ROOT = Path(__file__).resolve().parent.parent
EMPTY = "no text to judge: the batch is empty or holds blank lines only"


# -- the sandbox: a refusal X does not make, and a crash where X answers 400 -----------------

def test_x_takes_photos_sent_by_the_chunked_upload(sandbox: SandboxServer) -> None:
    # The sandbox's INIT takes image/png with tweet_image (X's chunked quickstart lists
    # tweet_image among its categories), but FINALIZE recorded every non-video as a GIF,
    # so two such photos were refused "up to 4 photos, 1 animated GIF or 1 video".
    chunked = [x_chunked(sandbox, "image/png", "tweet_image"),
               x_chunked(sandbox, "image/jpeg", "tweet_image")]
    answer = tweet(sandbox, [*chunked, x_photo(sandbox)])
    assert answer.status_code == 201, answer.text
    assert [len(p["media"]) for p in posts(sandbox, "x")] == [3]
    # the GIF rule itself still holds
    gif = x_chunked(sandbox, "image/gif", "tweet_gif")
    assert tweet(sandbox, [gif, chunked[0]]).status_code == 400


@pytest.mark.parametrize("value", ["²", "١٠", "1" * 5000],
                         ids=["superscript", "arabic-indic", "5000-digits"])
def test_x_max_results_not_ascii_digits_is_x_400_not_a_sandbox_500(
        sandbox: SandboxServer, value: str) -> None:
    # str.isdigit() took "²" and int() then failed: the sandbox answered 500 (which the
    # adapter retries) where X refuses the parameter with 400
    answer = requests.get(sandbox.url + "/x/2/users/1500000000000000001/tweets",
                          headers=x_auth(), params={"max_results": value}, timeout=5)
    assert answer.status_code == 400, answer.text
    assert [list(e["parameters"]) for e in answer.json()["errors"]] == [["max_results"]]


def test_x_error_line_says_no_none_for_an_error_without_message() -> None:
    import requests as rq

    from adapters.x import error_for

    response = rq.Response()
    response.status_code = 400
    response._content = json.dumps({
        "title": "Invalid Request", "type": "https://api.twitter.com/2/problems/invalid-request",
        "detail": "One or more parameters to your request was invalid.",
        "errors": [{"parameters": {"media.media_ids": ["1"]}}]}).encode()
    message = str(error_for(response, "POST", "/2/tweets"))
    assert "None" not in message and message.endswith("was invalid."), message


# -- the CLI: `comments classify --batch` read a byte-order mark as text ----------------------

PHI_COMMENT = "I saw John Smith in the waiting room, hope his chemo goes well"


def test_classify_batch_drops_a_byte_order_mark_as_screen_does(classify_env: Path) -> None:  # noqa: F811
    # screen --batch drops a leading BOM (inputs.read_text_file); classify --batch kept it,
    # so a BOM-first JSONL line was not read as JSON: its wrapper `{"text": ...}` was
    # classified, and this comment lost its phi flag (the one that hides it)
    line = json.dumps({"text": PHI_COMMENT}).encode() + b"\n"
    plain, marked = classify_env / "plain.jsonl", classify_env / "marked.jsonl"
    plain.write_bytes(line)
    marked.write_bytes(b"\xef\xbb\xbf" + line)
    expected = classify("--fast", "--batch", str(plain))
    assert "phi" in {f["flag"] for f in json.loads(expected.output)["flags"]}
    got = classify("--fast", "--batch", str(marked))
    assert (got.exit_code, got.output) == (expected.exit_code, expected.output)
    # a BOM and blank lines only is an empty batch, as screen --batch says it
    blank = classify_env / "blank.txt"
    blank.write_bytes(b"\xef\xbb\xbf\n\n")
    refused = classify("--fast", "--batch", str(blank))
    assert (refused.exit_code, refused.output) == (2, f"Error: {blank}: {EMPTY}\n")


def test_classify_batch_from_a_closed_stdin_names_stdin(tmp_path: Path) -> None:
    # a closed stdin is reopened on descriptor 0 (cli._standard_streams); the refusal
    # named the batch "0"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOCIALBOT_DATA_DIR": str(tmp_path / "d")}
    env.pop("SOCIALBOT_POLICY", None)
    done = subprocess.run(
        ["sh", "-c", 'exec "$0" -m social_bot comments classify --fast --batch - <&-',
         sys.executable], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"error: <stdin>: {EMPTY}\n"
