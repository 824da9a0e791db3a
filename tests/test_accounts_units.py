"""The credential store, the judgement of a connection, and the sandbox's token rules."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, date, datetime, timedelta

import pytest
import requests
from dates_ahead import a_live_linkedin_version

from adapters.base import AuthError, PermanentError
from adapters.facebook import FacebookAdapter
from adapters.linkedin import LinkedInAdapter
from social_bot.accounts.status import Facts, Level, evaluate, exit_code
from social_bot.accounts.store import (
    Credential,
    CredentialStore,
    env_fingerprint,
    platform_env,
)
from social_bot.errors import UserError
from social_bot.sandbox import start_sandbox
from social_bot.sandbox.oauth import registry

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def credential(platform: str = "linkedin", token: str = "tok-123456",  # noqa: S107
               **kw) -> Credential:
    values = {"linkedin": {"LINKEDIN_ACCESS_TOKEN": token, "LINKEDIN_ORG_ID": "42"},
              "facebook": {"FACEBOOK_PAGE_TOKEN": token, "FACEBOOK_PAGE_ID": "7"},
              "x": {"X_ACCESS_TOKEN": token, "X_ACCESS_TOKEN_SECRET": token + "s"}}[platform]
    return Credential(platform=platform, values=values, **kw)


def test_store_is_0600_in_a_0700_directory_and_round_trips(tmp_path):
    store = CredentialStore(tmp_path / "data")
    saved = credential(expires_at=NOW, scopes=("a", "b"), account="Org (organization 42)")
    store.save(saved)
    store.save(credential("x"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.data_dir.stat().st_mode) == 0o700
    assert store.get("linkedin") == saved
    assert "tok-123456" not in repr(store.get("linkedin"))  # never in a log line by accident
    assert store.remove("x") and store.get("x") is None and not store.remove("x")
    assert [p.name for p in store.data_dir.iterdir()] == ["credentials.json"]  # no temp left


def test_store_refuses_a_file_others_can_read(tmp_path):
    store = CredentialStore(tmp_path)
    store.save(credential())
    os.chmod(store.path, 0o644)
    with pytest.raises(UserError, match="readable by others"):
        store.load_all()


def test_a_damaged_file_is_one_clear_error(tmp_path):
    store = CredentialStore(tmp_path)
    store.save(credential())
    store.path.write_text(json.dumps({"linkedin": {"values": "oops"}}))
    with pytest.raises(UserError, match="damaged"):
        store.get("linkedin")
    assert store.load_all() == {}  # left out, so the other platforms keep working


def test_the_environment_wins_setting_by_setting(tmp_path):
    CredentialStore(tmp_path).save(credential(token="stored-token"))
    merged = platform_env({"LINKEDIN_ORG_ID": "99", "OTHER": "x"}, tmp_path)
    assert merged["LINKEDIN_ACCESS_TOKEN"] == "stored-token" and merged["LINKEDIN_ORG_ID"] == "99"
    merged = platform_env({"LINKEDIN_ACCESS_TOKEN": "env-token"}, tmp_path)
    assert merged["LINKEDIN_ACCESS_TOKEN"] == "env-token" and merged["LINKEDIN_ORG_ID"] == "42"
    assert env_fingerprint("linkedin", merged) != credential(token="stored-token").fingerprint
    assert env_fingerprint("facebook", merged) is None


def facts(**kw) -> Facts:
    base = {"platform": "linkedin", "configured": True, "source": "store",
            "granted": ("r_organization_social", "rw_organization_admin",
                        "w_organization_social"),
            "expires_at": NOW + timedelta(days=40), "api_version": "202601",
            "version_sunset": date(2027, 1, 15)}
    return Facts(**{**base, **kw})


def test_evaluate_token_expiry_windows():
    assert evaluate(facts(), NOW).level == Level.OK
    soon = evaluate(facts(expires_at=NOW + timedelta(days=6, hours=1)), NOW)
    assert soon.level == Level.WARN and "expires in 6 days 1 hour" in soon.findings[0].message
    gone = evaluate(facts(expires_at=NOW - timedelta(minutes=1)), NOW)
    assert gone.level == Level.PROBLEM and "socialbot connect linkedin" in gone.findings[0].message
    assert exit_code([evaluate(facts(), NOW), soon]) == 1


def test_evaluate_scopes_version_and_unknowns():
    lacking_read = evaluate(facts(granted=("w_organization_social",)), NOW)
    # Can publish, cannot read comments: posts wait (session 43), unless the practice chose
    # to publish there unwatched.
    assert lacking_read.level == Level.PROBLEM
    assert evaluate(facts(granted=("w_organization_social",)), NOW,
                    unwatched=frozenset({"linkedin"})).level == Level.WARN
    lacking_write = evaluate(facts(granted=("r_organization_social",)), NOW)
    assert lacking_write.level == Level.PROBLEM
    retiring = evaluate(facts(version_sunset=date(2026, 12, 20)), NOW)
    assert retiring.level == Level.WARN and "retired on 2026-12-20" in retiring.findings[0].message
    assert evaluate(facts(version_sunset=date(2026, 11, 16)), NOW).level == Level.PROBLEM
    unknown = evaluate(facts(expires_at=None, granted=None), NOW)
    assert unknown.ok and {f.level for f in unknown.findings} == {Level.NOTE}
    x = evaluate(Facts("x", True, "store", granted=("read",), never_expires=True), NOW)
    assert x.level == Level.PROBLEM and "read-write" in x.findings[0].message
    assert evaluate(Facts("x", False), NOW).level == Level.PROBLEM


def _issue(server, platform: str, kind: str, scopes: set[str], ttl: float | None,
           subject: str = "me") -> str:
    token, _ = registry(server.state).issue(platform, kind, frozenset(scopes), ttl, subject,
                                            "T")
    return token


def test_sandbox_issued_tokens_expire_and_carry_their_scopes():
    with start_sandbox() as server:
        base = server.url
        li = dict(base_url=f"{base}/linkedin", org_id="5515715", version=a_live_linkedin_version())
        writer = _issue(server, "linkedin", "access", {"w_organization_social"}, 3600)
        adapter = LinkedInAdapter(token=writer, **li)
        assert adapter.publish("Flu shots this week.").id.startswith("urn:li:share:")
        with pytest.raises(PermanentError, match="permission denied"):  # no read scope
            adapter.find_published("Flu shots this week.")
        expired = _issue(server, "linkedin", "access", {"w_organization_social"}, -1)
        with pytest.raises(AuthError):
            LinkedInAdapter(token=expired, **li).publish("Another post")
        answer = requests.post(f"{base}/linkedin/rest/posts", timeout=5, headers={
            "Authorization": f"Bearer {expired}", "LinkedIn-Version": a_live_linkedin_version(),
            "X-Restli-Protocol-Version": "2.0.0"}, json={})
        assert answer.status_code == 401 and answer.json()["code"] == "EXPIRED_ACCESS_TOKEN"

        fb = dict(base_url=f"{base}/facebook", page_id="100000000000001")
        poster = _issue(server, "facebook", "page", {"pages_manage_posts",  # the Page's own
                                                    "pages_read_engagement"}, None,
                        subject="100000000000001")
        remote = FacebookAdapter(token=poster, **fb).publish("Open Saturday 9-12.")
        with pytest.raises(AuthError, match="permission missing"):  # pages_read_user_content
            FacebookAdapter(token=poster, **fb).fetch_comments(remote.id, None)
        # The static credential keeps every scope and never expires.
        assert FacebookAdapter(token="sandbox", **fb).fetch_comments(remote.id, None)[0] == []


def test_a_damaged_credential_file_error_does_not_quote_its_values(tmp_path) -> None:  # noqa: ANN001
    """A refresh token written where a time belongs: the error names the field, never the
    value (datetime's own message quotes it, and the CLI prints and logs the error)."""
    from social_bot.accounts.store import CredentialFileError

    secret = "AQXr3fr3shT0kenThatMustNotLeak"
    path = tmp_path / "credentials.json"
    path.write_text(json.dumps({"linkedin": {"values": {"LINKEDIN_ACCESS_TOKEN": "AQVx"},
                                             "refresh_expires_at": secret}}))
    path.chmod(0o600)
    with pytest.raises(CredentialFileError) as caught:
        CredentialStore(tmp_path).get("linkedin")
    assert "refresh_expires_at" in str(caught.value)
    assert secret not in str(caught.value) and secret not in caught.value.reason
