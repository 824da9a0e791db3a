"""The staff CLI as a person runs it: real process, real screen, both databases."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from social_bot.cli.common import os_login
from social_bot.db.models import AuditRecord, Post


def run(env, *args, input_text=None):  # noqa: ANN001, ANN201
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120, input=input_text)


def counts(db) -> tuple[int, int]:
    with db.read() as session:
        return (session.scalar(select(func.count(Post.id))),
                session.scalar(select(func.count(AuditRecord.id))))


def test_create_show_list_cancel_and_audit(cli_env, db):
    done = run(cli_env, "post", "create", "--text",
               "Join Dr. Priya Raman for our free flu-shot clinic this Saturday!",
               "--platform", "x", "--platform", "linkedin")
    assert done.returncode == 0, done.stderr
    post_id = int(done.stdout.strip())  # the id is the only line on stdout
    assert done.stdout.strip().splitlines() == [str(post_id)]

    shown = json.loads(run(cli_env, "post", "show", str(post_id), "--json").stdout)
    assert shown["id"] == post_id and shown["status"] == "pending_approval"
    assert shown["revision"] == 1 and shown["approvals"] == []
    assert sorted(d["platform"] for d in shown["deliveries"]) == ["linkedin", "x"]
    assert all({"platform", "status", "remote_id"} <= set(d) for d in shown["deliveries"])

    listed = json.loads(run(cli_env, "post", "list", "--status", "pending_approval",
                            "--json").stdout)
    assert [row["id"] for row in listed] == [post_id]
    table = run({**cli_env, "COLUMNS": "160"}, "post", "list")
    assert table.returncode == 0 and "pending_approval" in table.stdout

    assert run(cli_env, "post", "cancel", str(post_id)).returncode == 0
    assert json.loads(run(cli_env, "post", "show", str(post_id), "--json").stdout)[
        "status"] == "cancelled"
    verified = run(cli_env, "audit", "verify")
    assert verified.returncode == 0 and "intact" in verified.stdout
    exported = run(cli_env, "audit", "export", "--format", "jsonl").stdout.splitlines()
    actions = [json.loads(line)["action"] for line in exported]
    assert actions == ["post.created", "post.screened", "post.cancelled"]
    # The actor is the OS login (unmapped by the test policy); SOCIALBOT_USER is only shown.
    first = json.loads(exported[0])
    assert first["actor"] == first["os_user"] == os_login()
    # The typed name is kept as its length and keyed digest only (review, session 43).
    assert json.loads(first["detail"])["display_name"]["chars"] == len("Pat Author")
    assert "Pat Author" not in exported[0]


def test_phi_in_a_post_blocks_it_and_shows_why(cli_env):
    done = run(cli_env, "post", "create", "--platform", "facebook", "--text",
               "Congrats to our patient Mark Ellison on finishing chemo! Call him at 253-555-0188.")
    assert done.returncode == 0, done.stderr
    post_id = int(done.stdout)
    assert "blocked" in done.stderr
    shown = json.loads(run(cli_env, "post", "show", post_id.__str__(), "--json").stdout)
    assert shown["status"] == "blocked_phi"
    assert {f["category"] for f in shown["findings"]} >= {"phone"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["post", "create", "--text", "  ", "--platform", "x"], "empty"),
        (["post", "create", "--text", "hi", "--platform", "myspace"], "unknown platform"),
        (["post", "create", "--text", "hi", "--platform", "x", "--at", "tomorrow 9am"],
         "not an ISO-8601 time"),
        (["post", "create", "--text", "hi", "--platform", "x", "--at", "2030-01-01T09:00"],
         "no time zone"),
        (["post", "create", "--text", "hi", "--platform", "x", "--at", "2001-01-01T09:00Z"],
         "in the past"),
        (["post", "create", "--text", "hi", "--platform", "x", "--media", "/nope/a.png"],
         "media file not found"),
        (["post", "create", "--file", "/nope/post.txt", "--platform", "x"], "not found"),
        (["post", "create", "--text", "x" * 300, "--platform", "x"], "x:"),
        (["post", "create", "--text", "hi"], "--platform"),
        (["post", "show", "999"], "no post with id 999"),
        (["post", "show", "abc"], "not a post id"),
        (["post", "edit", "999", "--text", "new"], "no post with id 999"),
        (["post", "cancel", "0"], "not a post id"),
        (["post", "list", "--status", "nope"], "unknown status"),
    ],
)
def test_bad_input_is_one_line_nonzero_and_writes_nothing(cli_env, db, args, message):
    before = counts(db)
    done = run(cli_env, *args)
    assert done.returncode != 0
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert counts(db) == before


def test_editing_a_published_post_is_refused(cli_env, db):
    post_id = int(run(cli_env, "post", "create", "--text", "Clinic closed Monday",
                      "--platform", "x").stdout)
    with db.write() as session:
        session.get(Post, post_id).status = "published"
    done = run(cli_env, "post", "edit", str(post_id), "--text", "Clinic closed Tuesday")
    assert done.returncode == 2 and "published" in done.stderr
    assert json.loads(run(cli_env, "post", "show", str(post_id), "--json").stdout)[
        "revision"] == 1


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ("[approval\nrequired = 2", "not valid TOML"),
        ("[approval]\nrequired = 2\n", "approvers is missing"),
        ('[approval]\nrequired = 1\napprovers = [{name="A"},{name="B"}]\n', "at least 2"),
    ],
)
def test_broken_policy_is_refused(cli_env, db, tmp_path, policy, message):
    path = tmp_path / "bad-policy.toml"
    path.write_text(policy)
    done = run({**cli_env, "SOCIALBOT_POLICY": str(path)}, "post", "create", "--text", "hi",
               "--platform", "x")
    assert done.returncode == 2 and message in done.stderr
    assert counts(db) == (0, 0)


# Its own DATABASE_URL, whatever the back end: one run is enough.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_unreachable_database_is_one_line(cli_env):
    env = {**cli_env, "DATABASE_URL": "postgresql+psycopg://nobody:secret-pw@127.0.0.1:9/none"}
    done = run(env, "post", "list")
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot reach the database")
    assert "secret-pw" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


# Its own DATABASE_URL, whatever the back end: one run is enough.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_uninitialised_database_says_run_init(cli_env, tmp_path):
    env = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    done = run(env, "post", "list")
    assert done.returncode == 2 and "socialbot init" in done.stderr


def test_init_is_idempotent(cli_env):
    assert run(cli_env, "init").returncode == 0
    assert run(cli_env, "init").returncode == 0
