"""An outside review of accounts and platform checks, session 43 (findings 4-10): secrets over
plain http, organizations and Pages the account cannot post to, retired and nonexistent API
versions, NaN settings, a readable `.env` holding secrets, X out of credits, a damaged
credentials.json entry. Each test fails on the code before the fix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from dates_ahead import a_live_linkedin_version
from test_daemon_helpers import approved_post

from adapters import adapter_class
from adapters.base import AuthError, NeedsAction, PermanentError, timeout_from_env
from social_bot.accounts.inspect import gather, introspect
from social_bot.accounts.settings import warn_windows
from social_bot.accounts.status import Facts, Level, evaluate, exit_code
from social_bot.accounts.store import Credential, CredentialStore, platform_env
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.errors import UserError
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox
from social_bot.sandbox.oauth import registry

TODAY = date(2026, 12, 6)
NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
ANALYST_ORG = "5515717"  # the sandbox member is only an ANALYST there
ANALYST_PAGE = "100000000000002"  # the sandbox person may only ANALYZE this Page


@pytest.fixture(scope="module")
def box() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as server:
        yield server


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting of the machine running the tests leaks in; `.env` is read from tmp_path."""
    for name in list(os.environ):
        if name.startswith(("SOCIALBOT_", "LINKEDIN_", "FACEBOOK_", "X_", "DATABASE_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))


def posts_on(box: SandboxServer, platform: str) -> list[dict[str, Any]]:
    requests_posts = requests.get(box.url + "/_sandbox/posts", timeout=5).json()
    return requests_posts[platform]


def build(box: SandboxServer, platform: str, **overrides: str) -> Any:
    env = {**sandbox_env(box.url, "sandbox"), **overrides}
    return adapter_class(platform).from_env(env, timeout=(1.0, 3.0))


def check(platform: str, env: dict[str, str], data_dir: Path | None = None) -> Any:
    return evaluate(gather(platform, env, data_dir), NOW)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The CLI in this process; main() sets umask 077 for itself, restored after."""
    from social_bot.cli import main

    umask = os.umask(0o022)
    os.umask(umask)
    try:
        main(argv)
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        os.umask(umask)
    out, err = capsys.readouterr()
    return code, out, err


# -- 4. credentials never travel over plain http -----------------------------------------------


@responses.activate
def test_check_sends_nothing_to_a_plain_http_server_and_says_why() -> None:
    env = {"LINKEDIN_API_BASE": "http://api.example.net", "LINKEDIN_AUTH_BASE":
           "http://auth.example.net", "LINKEDIN_ACCESS_TOKEN": "AQVtokenForTheTest",
           "LINKEDIN_ORG_ID": "5515715", "LINKEDIN_CLIENT_ID": "app",
           "LINKEDIN_CLIENT_SECRET": "ClientSecretForTheTest"}
    status = check("linkedin", env)
    assert status.level == Level.PROBLEM
    assert any("refusing to send credentials to http://auth.example.net" in f.message
               for f in status.findings)
    assert len(responses.calls) == 0  # neither the client secret nor the token went out
    with pytest.raises(UserError, match="refusing to send credentials"):
        introspect("linkedin", env)  # the daemon's daily check asks this one
    assert len(responses.calls) == 0


def test_no_adapter_is_built_to_send_its_token_over_plain_http() -> None:
    settings = {
        "linkedin": {"LINKEDIN_API_BASE": "http://api.example.net",
                     "LINKEDIN_ACCESS_TOKEN": "AQVtokenForTheTest", "LINKEDIN_ORG_ID": "1"},
        "facebook": {"FACEBOOK_API_BASE": "http://graph.example.net",
                     "FACEBOOK_PAGE_ID": "1", "FACEBOOK_PAGE_TOKEN": "EAAtokenForTheTest"},
        "x": {"X_API_BASE": "http://x.example.net", "X_CONSUMER_KEY": "ck1234",
              "X_CONSUMER_SECRET": "cs1234", "X_ACCESS_TOKEN": "at1234",
              "X_ACCESS_TOKEN_SECRET": "as1234"},
    }
    for platform, env in settings.items():
        with pytest.raises(NeedsAction, match="refusing to send credentials") as caught:
            adapter_class(platform).from_env(env)
        assert caught.value.kind == "config"  # held until the setting is fixed, not failed


def test_a_loopback_sandbox_over_http_still_works(box: SandboxServer) -> None:
    assert build(box, "linkedin").publish("Walk-in flu shots all week at the front desk.").id
    assert check("facebook", {**sandbox_env(box.url, "sandbox")}).ok


# -- 5. an organization or Page the account cannot post to -------------------------------------


def test_the_sandbox_refuses_posts_as_an_organization_without_a_posting_role(
        box: SandboxServer) -> None:
    for org in (ANALYST_ORG, "424242"):
        with pytest.raises(AuthError, match="not allowed to post as the organization"):
            build(box, "linkedin", LINKEDIN_ORG_ID=org).publish(f"Our new hours, {org}.")
    authors = {p["author"] for p in posts_on(box, "linkedin")}
    assert not authors & {f"urn:li:organization:{o}" for o in (ANALYST_ORG, "424242")}
    answer = requests.get(box.url + "/linkedin/rest/organizations/424242", timeout=5, headers={
        "Authorization": "Bearer sandbox", "LinkedIn-Version": a_live_linkedin_version(),
        "X-Restli-Protocol-Version": "2.0.0"})
    assert answer.status_code == 404


def test_the_sandbox_refuses_a_page_token_used_on_another_page(box: SandboxServer) -> None:
    with pytest.raises(AuthError):  # the static token is Page ...001's
        build(box, "facebook", FACEBOOK_PAGE_ID=ANALYST_PAGE).publish("Parking lot repaved.")
    own, _ = registry(box.state).issue("facebook", "page", frozenset({
        "pages_manage_posts", "pages_read_engagement"}), None, ANALYST_PAGE, "EAAP")
    with pytest.raises(AuthError):  # its own token, but the person may only ANALYZE
        build(box, "facebook", FACEBOOK_PAGE_ID=ANALYST_PAGE,
              FACEBOOK_PAGE_TOKEN=own).publish("Parking lot repaved.")
    assert not [p for p in posts_on(box, "facebook") if p["author"] == ANALYST_PAGE]


def test_check_names_an_organization_or_page_it_cannot_post_to(box: SandboxServer) -> None:
    env = sandbox_env(box.url, "sandbox")
    analyst = check("linkedin", {**env, "LINKEDIN_ORG_ID": ANALYST_ORG})
    assert analyst.level == Level.PROBLEM
    assert any("ANALYST" in f.message for f in analyst.findings)
    missing = check("linkedin", {**env, "LINKEDIN_ORG_ID": "424242"})
    assert missing.level == Level.PROBLEM
    for page in (ANALYST_PAGE, "555"):
        other = check("facebook", {**env, "FACEBOOK_PAGE_ID": page})
        assert other.level == Level.PROBLEM
        assert any("100000000000001" in f.message and "another Page" in f.message
                   for f in other.findings)
    assert check("linkedin", env).level != Level.PROBLEM  # the administered one is fine
    assert exit_code([analyst]) == 1


def test_an_approved_post_for_an_analyst_only_organization_is_held_not_published(
        box: SandboxServer, make_app) -> None:  # noqa: ANN001
    app = make_app()
    adapters = {"linkedin": build(box, "linkedin", LINKEDIN_ORG_ID=ANALYST_ORG)}
    post_id = approved_post(app, "Our pharmacy opens at eight on Saturdays.", ["linkedin"])
    Publisher(app, adapters.__getitem__, "w1",
              DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10)).run_lane("linkedin")
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "held" and "not allowed to post" in delivery["last_error"]


# -- 6. retired and nonexistent API versions ---------------------------------------------------


def test_versions_older_than_the_oldest_malformed_or_to_come_are_not_live() -> None:
    from adapters.versions import Standing, standing

    cases = {("linkedin", "202401"): Standing.RETIRED, ("linkedin", "202413"): Standing.MALFORMED,
             ("linkedin", "209912"): Standing.UNRELEASED, ("linkedin", "202603"): Standing.LIVE,
             ("facebook", "v2.0"): Standing.RETIRED, ("facebook", "v20.0"): Standing.RETIRED,
             ("facebook", "v99.0"): Standing.UNRELEASED, ("facebook", "v26.0"): Standing.LIVE}
    for (platform, version), expected in cases.items():
        assert standing(platform, version, TODAY).standing == expected, version


def test_the_sandbox_refuses_linkedin_versions_linkedin_does_not_serve(
        box: SandboxServer) -> None:
    for version in ("202401", "202413", "209912"):
        answer = requests.get(box.url + "/linkedin/rest/posts", timeout=5, headers={
            "Authorization": "Bearer sandbox", "LinkedIn-Version": version,
            "X-Restli-Protocol-Version": "2.0.0"},
            params={"q": "author", "author": "urn:li:organization:5515715"})
        assert answer.status_code == 426, version
    unknown = requests.get(box.url + "/facebook/v99.0/me", timeout=5,
                           headers={"Authorization": "Bearer sandbox"})
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == 100


def test_check_calls_a_retired_or_impossible_version_a_problem(box: SandboxServer) -> None:
    env = sandbox_env(box.url, "sandbox")
    for setting, version, platform in (("LINKEDIN_API_VERSION", "202401", "linkedin"),
                                       ("LINKEDIN_API_VERSION", "202413", "linkedin"),
                                       ("LINKEDIN_API_VERSION", "209912", "linkedin"),
                                       ("FACEBOOK_GRAPH_VERSION", "v20.0", "facebook"),
                                       ("FACEBOOK_GRAPH_VERSION", "v99.0", "facebook")):
        status = check(platform, {**env, setting: version})
        assert status.level == Level.PROBLEM, version
        assert any(f.level == Level.PROBLEM and version in f.message for f in status.findings)
        assert exit_code([status]) == 1


def test_an_undated_version_past_its_earliest_sunset_is_a_problem_not_a_warning() -> None:
    facts = Facts("linkedin", True, api_version="202607", version_sunset=date(2027, 7, 1),
                  version_sunset_estimated=True, never_expires=True, granted=())
    status = evaluate(facts, datetime(2027, 7, 2, tzinfo=UTC))
    assert [f.level for f in status.findings if "202607" in f.message] == [Level.PROBLEM]


def test_an_impossible_version_holds_rather_than_builds_an_adapter(box: SandboxServer) -> None:
    with pytest.raises(NeedsAction, match="LINKEDIN_API_VERSION 202413"):
        build(box, "linkedin", LINKEDIN_API_VERSION="202413")
    with pytest.raises(NeedsAction, match="FACEBOOK_GRAPH_VERSION v99.0"):
        build(box, "facebook", FACEBOOK_GRAPH_VERSION="v99.0")


# -- 7. NaN and out-of-range numbers -----------------------------------------------------------


def test_nan_and_infinite_daemon_numbers_are_refused_at_start() -> None:
    from social_bot.daemon.config import rate_reserve

    for env in ({"SOCIALBOT_READ_TIMEOUT": "nan", "SOCIALBOT_CLAIM_LEASE": "1"},
                {"SOCIALBOT_PUBLISH_INTERVAL": "nan"}, {"SOCIALBOT_CLAIM_LEASE": "inf"},
                {"SOCIALBOT_CONNECT_TIMEOUT": "-inf"}):
        with pytest.raises(UserError, match="finite"):
            DaemonConfig.from_env(env)
    with pytest.raises(UserError, match="SOCIALBOT_RATE_RESERVE must be a finite"):
        rate_reserve({"SOCIALBOT_RATE_RESERVE": "nan"}, 0.1)
    with pytest.raises(UserError, match="from 0 to 1"):
        rate_reserve({"SOCIALBOT_RATE_RESERVE": "7"}, 0.1)
    assert DaemonConfig.from_env({"SOCIALBOT_PUBLISH_INTERVAL": "3"}).publish_interval == 3.0


def test_adapter_timeouts_refuse_nan_infinity_and_zero() -> None:
    for value in ("nan", "inf", "0", "-3"):
        with pytest.raises(PermanentError, match="SOCIALBOT_READ_TIMEOUT"):
            timeout_from_env({"SOCIALBOT_READ_TIMEOUT": value})
    assert timeout_from_env({"SOCIALBOT_READ_TIMEOUT": "12"}) == (5.0, 12.0)


def test_a_nan_warning_window_is_one_clear_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(UserError, match="SOCIALBOT_TOKEN_WARN_DAYS"):
        warn_windows({"SOCIALBOT_TOKEN_WARN_DAYS": "nan"})
    monkeypatch.setenv("SOCIALBOT_TOKEN_WARN_DAYS", "nan")
    code, _out, err = run_cli(["check", "x"], capsys)
    assert code == 2 and "unexpected" not in err
    assert err.strip().splitlines() == [
        "error: SOCIALBOT_TOKEN_WARN_DAYS must be a number of days from 0 to 3650, got 'nan'"]


# -- 8. a .env others can read, holding secrets ------------------------------------------------


def test_a_readable_env_file_holding_a_token_is_refused_with_the_chmod(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from social_bot.settings import load_settings

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    dotenv = data / ".env"
    dotenv.write_text("LINKEDIN_ACCESS_TOKEN=AQVreadableByEveryone\nSOCIALBOT_USER=Pat\n")
    dotenv.chmod(0o644)
    with pytest.raises(UserError, match=f"run 'chmod 600 {dotenv}'") as caught:
        load_settings()
    assert "LINKEDIN_ACCESS_TOKEN" in str(caught.value)
    assert "AQVreadableByEveryone" not in str(caught.value)
    code, _out, err = run_cli(["check", "x"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1 and "chmod 600" in err
    dotenv.chmod(0o600)
    assert load_settings().user == "Pat"
    dotenv.write_text("SOCIALBOT_USER=Pat\nSOCIALBOT_TIMEZONE=UTC\n")  # nothing secret
    dotenv.chmod(0o644)
    assert load_settings().user == "Pat"


# -- 9. X out of prepaid credits ---------------------------------------------------------------


def test_x_out_of_credits_holds_the_approved_post_until_a_restart(
        box: SandboxServer, make_app) -> None:  # noqa: ANN001
    from social_bot.daemon.claims import release_holds
    from social_bot.domain import HoldKind

    requests.post(box.url + "/_sandbox/reset", timeout=5)
    set_fault = requests.post(box.url + "/_sandbox/faults", timeout=5,
                              json={"platform": "x", "mode": "402", "every": 1})
    assert set_fault.status_code == 200
    refused = requests.post(box.url + "/_sandbox/faults", timeout=5,
                            json={"platform": "linkedin", "mode": "402", "every": 1})
    assert refused.status_code == 400  # only X sells API credits
    app = make_app()
    adapters = {"x": build(box, "x")}
    publisher = Publisher(app, adapters.__getitem__, "w1",
                          DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10))
    post_id = approved_post(app, "Blood drive in the lobby on Friday morning.", ["x"])
    publisher.run_lane("x")
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "held" and "out of API credits" in delivery["last_error"]
    requests.post(box.url + "/_sandbox/faults", timeout=5,
                  json={"platform": "x", "mode": "402", "every": 0})
    # someone bought credits and restarted the daemon, which releases these holds
    assert release_holds(app, "x", (HoldKind.CONFIG, HoldKind.CREDITS), actor="daemon:w1") == 1
    publisher.run_lane("x")
    assert show_post(app, post_id)["deliveries"][0]["status"] == "published"


# -- 10. a damaged credentials.json entry ------------------------------------------------------


def _damaged_store(data_dir: Path) -> CredentialStore:
    store = CredentialStore(data_dir)
    store.save(Credential("linkedin", {"LINKEDIN_ACCESS_TOKEN": "sandbox",
                                       "LINKEDIN_ORG_ID": "5515715"}, scopes=()))
    raw = json.loads(store.path.read_text())
    store.path.write_text(json.dumps({**raw, "facebook": "oops"}))
    return store


def test_a_damaged_entry_names_its_platform_and_spares_the_others(
        tmp_path: Path, box: SandboxServer, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    store = _damaged_store(tmp_path / "data")
    assert set(store.load_all()) == {"linkedin"} and store.damaged() == ("facebook",)
    assert platform_env({}, store.data_dir)["LINKEDIN_ACCESS_TOKEN"] == "sandbox"
    code, _out, err = run_cli(["check", "facebook"], capsys)
    assert code == 2
    assert err.strip() == ("error: credentials.json: the facebook entry is damaged (not a JSON "
                           "object); run `socialbot connect facebook` again")
    for name, value in sandbox_env(box.url, "sandbox").items():
        if name.startswith("LINKEDIN_API"):
            monkeypatch.setenv(name, value)
    code, out, err = run_cli(["check", "linkedin"], capsys)
    assert code != 2 and out.startswith("linkedin") and "entry is damaged" not in err


def test_the_daemon_holds_only_the_damaged_platform_and_says_why(
        tmp_path: Path, make_app) -> None:  # noqa: ANN001
    from social_bot.accounts.watch import AccessWatch

    app = make_app()
    _damaged_store(app.settings.data_dir)
    watch = AccessWatch(app, env={})
    assert watch.problem("facebook") == ("credentials.json: the facebook entry is damaged; "
                                         "run `socialbot connect facebook` again")
    assert watch.problem("linkedin") is None
