"""Session 53's fixes of the attack review's low findings A2-A4 (docs/history/security.md,
"Session 53: fixes for the attack review's low findings A2, A3, A4"):
`init` writes nothing on bad settings and undoes its own writes on a later failure; `--at`
is bounded and a far stored time still shows; the sandbox refuses overlong texts exactly when
the adapters' checks do. The texts are this file's own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters import adapter_class
from adapters.base import AdapterError, Draft
from social_bot.errors import UserError
from social_bot.sandbox import SandboxServer, sandbox_env

GOOD_KEY = "k" * 40


# --- A2: init ------------------------------------------------------------------------


def _settings(data: Path, **env: str):  # noqa: ANN202
    from social_bot.settings import load_settings

    return load_settings({"SOCIALBOT_DATA_DIR": str(data), **env}, dotenv=False)


@pytest.mark.parametrize("env", [
    {"SOCIALBOT_AUDIT_OLD_KEYS": "an-old-key-too-short"},
    {"SOCIALBOT_AUDIT_KEY": GOOD_KEY, "DATABASE_URL": "mysql://clinic@db.invalid/social"},
    {"DATABASE_URL": "not a url at all"},
], ids=["short-old-key", "unsupported-database", "unparseable-url"])
def test_init_refuses_a_bad_setting_before_making_the_data_directory(
        tmp_path: Path, env: dict[str, str]) -> None:
    from social_bot.storage import init_storage

    data = tmp_path / "new" / "data"
    with pytest.raises(UserError):
        init_storage(_settings(data, **env))
    assert not (tmp_path / "new").exists()


def test_a_failure_after_the_first_write_removes_only_what_this_run_made(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot.db import migrate
    from social_bot.storage import init_storage

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "readme-from-the-admin.txt").write_text("ours, not init's\n")
    key = data / "audit.key"
    key.write_text(GOOD_KEY + "\n")
    key.chmod(0o600)

    def broken(_db) -> None:  # noqa: ANN001
        raise RuntimeError("the disk filled up during the migration")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(RuntimeError):
        init_storage(_settings(data))
    assert sorted(p.name for p in data.iterdir()) == ["audit.key", "readme-from-the-admin.txt"]
    assert key.read_text() == GOOD_KEY + "\n"
    # a new folder (and its new parents) goes too
    fresh = tmp_path / "brand" / "new"
    with pytest.raises(RuntimeError):
        init_storage(_settings(fresh))
    assert not (tmp_path / "brand").exists()


# --- A3: the schedule's horizon and far times ------------------------------------------


def test_at_refuses_a_schedule_more_than_a_year_ahead() -> None:
    from social_bot.drafts import parse_when

    now = datetime(2026, 12, 7, 15, tzinfo=UTC)
    assert parse_when("2027-12-07T09:00-06:00", now) == datetime(2027, 12, 7, 15, tzinfo=UTC)
    with pytest.raises(UserError, match=r"more than a year ahead \(the latest is 2027-12-08\)"):
        parse_when("2027-12-09T09:00-06:00", now)
    # the last minute of year 9999 west of UTC overflowed into a generic error before
    with pytest.raises(UserError, match="more than a year ahead"):
        parse_when("9999-12-31T23:59-14:00", now)


def test_a_stored_time_the_zone_cannot_show_is_shown_in_utc() -> None:
    from social_bot.timefmt import show_time

    far = "9999-12-31T23:59:00+00:00"
    assert show_time(far, "Pacific/Kiritimati") == "9999-12-31 23:59 UTC"
    assert show_time(far, "America/Chicago") == "9999-12-31 17:59 CST"  # west: as before


# --- A4: the sandbox and the adapters count alike ---------------------------------------

_LINK = " https://clinic.example.org/" + "hours/" * 12  # 100 characters, weighs 23 on X


def _texts(platform: str) -> list[str]:
    from adapters.limits import TEXT_LIMITS  # new in session 53: imported here, so the A2/A3
    # tests above also run (and fail) on the code before it

    most = TEXT_LIMITS[platform].most
    texts = [f"{n}" + "z" * (n - len(str(n))) for n in (most, most + 1)]
    if platform == "x":
        texts += ["診" * 140, "診" * 141, "🩺" * 140, "🩺" * 141,
                  "q" * 256 + _LINK, "q" * 257 + _LINK]
    else:  # by code point: an emoji is one
        texts += ["🩺" * most, "🩺" * (most + 1)]
    return texts


@pytest.mark.parametrize("platform", ["x", "linkedin", "facebook"])
def test_the_sandbox_refuses_a_text_exactly_when_the_adapter_check_does(
        sandbox: SandboxServer, platform: str) -> None:
    from adapters.limits import text_length

    cls = adapter_class(platform)
    adapter = cls.from_env(sandbox_env(sandbox.url, "sandbox"))
    seen = []
    for text in _texts(platform):
        too_long = any("over)" in p for p in cls.validate(Draft(text=text)))
        try:
            adapter.publish(text)
            refused = ""
        except AdapterError as exc:
            refused = str(exc)
        assert bool(refused) == too_long, (platform, text_length(platform, text), refused)
        seen.append(too_long)
    assert seen.count(True) == len(seen) // 2  # each pair: the limit passes, one more fails


def test_each_stand_in_refuses_in_its_platforms_shape(sandbox: SandboxServer) -> None:
    import requests

    x = requests.post(sandbox.url + "/x/2/tweets", timeout=5, json={"text": "診" * 141},
                      headers={"Authorization": 'OAuth oauth_consumer_key="sandbox", '
                               'oauth_token="sandbox", oauth_signature_method="HMAC-SHA1", '
                               'oauth_signature="s", oauth_timestamp="1", oauth_nonce="n", '
                               'oauth_version="1.0"'})
    assert x.status_code == 400 and x.json()["detail"].startswith("Your Tweet text is too long")
    facebook = requests.post(sandbox.url + "/facebook/v25.0/100000000000001/feed", timeout=10,
                             data={"message": "m" * 63207, "access_token": "sandbox"})
    assert facebook.status_code == 400 and facebook.json()["error"]["code"] == 100
    assert facebook.json()["error"]["type"] == "OAuthException"


def test_linkedin_refusal_names_the_field_and_the_limit(sandbox: SandboxServer) -> None:
    import requests

    from adapters.versions import LINKEDIN_DEFAULT

    headers = {"Authorization": "Bearer sandbox", "LinkedIn-Version": LINKEDIN_DEFAULT,
               "X-Restli-Protocol-Version": "2.0.0"}
    post = dict(author="urn:li:organization:5515715", visibility="PUBLIC",
                distribution={"feedDistribution": "MAIN_FEED"}, lifecycleState="PUBLISHED",
                commentary="🩺" * 3001)
    answer = requests.post(f"{sandbox.url}/linkedin/rest/posts", json=post, headers=headers,
                           timeout=5)
    body = answer.json()
    assert answer.status_code == 400 and body["status"] == 400
    assert "(3001 characters) exceeded the maximum allowed (3000" in body["message"]
    error = body["errorDetails"]["inputErrors"][0]
    assert error["input"]["inputPath"]["fieldPath"] == "/commentary"
    assert error["maxLength"] == 3000
