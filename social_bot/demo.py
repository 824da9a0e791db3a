"""`socialbot demo`: the whole flow, end to end, against the local sandbox.

Everything runs on loopback with a throw-away database: the sandbox (in this process),
the daemon (a real `socialbot daemon` child process with its chat endpoint), posts queued
through the same service functions as the CLI, approvals through signed Slack requests,
publishing over real HTTP, and comments flagged and hidden by the daemon.
"""

from __future__ import annotations

import json
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from adapters import PLATFORMS
from social_bot.demo_marker import DEMO_MARKER

# The demo uses the policy example that ships with the package (staff Dr. Priya Raman,
# approvers Dana and Luis): what a new practice copies is what the demo shows.
EXAMPLE_POLICY = Path(__file__).with_name("policy.example.toml")

POSTS = [
    ("Flu shots are here! Walk in Monday to Friday, 8am to 5pm, at Northside Family Medicine, "
     "1200 Harbor Blvd, Suite 4, Tacoma. Questions? Call +1 253 555 0100."),
    ("Please welcome Dr. Priya Raman to Northside Family Medicine! She joins our family "
     "medicine team this month and is accepting new patients."),
    ("So proud of our patient Jane Doe, 54, who is recovering beautifully from her knee "
     "replacement! Send her your congratulations at jane.doe@example.com."),
]
# A post an approver rejects. The first reason typed names a patient: chat must refuse it.
REJECTED_POST = ("Reminder: our lab closes at 3pm this Thursday for staff training. Morning "
                 "draws run as usual.")
PHI_REASON = "Hold on: this is about Maria Gonzalez (MRN 5520-1187), she has not consented"
CLEAN_REASON = "Wrong day: the training moved to Friday"
COMMENTS = [
    ("Casey Lin", "Thank you for the reminder, got my shot this morning. Friendly staff!"),
    ("Rob Tanner", "Waited 90 minutes last week and nobody even apologized. Terrible service."),
    ("Alma Ruiz", "I'm Alma Ruiz, DOB 03/14/1961, and my A1C came back at 9.2 after my visit "
                  "last Tuesday. Should I double my metformin?"),
]
STAFF = "Pat Author"
# What a run leaves in its folder (fnmatch patterns). A later run into the folder removes
# them and starts afresh: the daemon polled the earlier run's posts against a sandbox that
# no longer holds them, used up the comment polling budget and paused, so this run's
# comments were never read (the walk-through, session 49). The daemon's vote key, its public
# half and the witness spool beside them (vote_seal.key_file, witness.spool_dir; session 52)
# are the demo's too: without them a second run into the folder was refused (session 53).
DEMO_FILES = ("socialbot.db*", "audit.*", "credentials.json", "policy.toml", "daemon.log",
              "media", "whiteboard.jpg", "comments.since", "vote.key", "vote.pub", "witness")
# Every patient identifier the demo seeds (a blocked post, a comment, a rejection reason).
# The Slack stand-in must receive none of them: chat sees only screened, redacted text.
PHI_SEEDS = ("Jane Doe", "jane.doe@example.com", "Alma Ruiz", "03/14/1961", "Maria Gonzalez",
             "5520-1187")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(what: str, check: Callable[[], Any], timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise RuntimeError(f"demo: timed out waiting for {what}")


class SlackStandIn:
    """Where Slack would receive follow-ups (response_url) and webhook notifications."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        received: list[dict[str, Any]] = []
        self.received = received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - stdlib name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    received.append({"path": self.path, **json.loads(body or b"{}")})
                except json.JSONDecodeError:
                    received.append({"path": self.path, "text": body.decode(errors="replace")})
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class SlackClient:
    """Sends /socialbot commands the way Slack does: form-encoded, signed, timestamped."""

    def __init__(self, url: str, secret: str, response_url: str) -> None:
        from slack_sdk.signature import SignatureVerifier

        self.url = url
        self.response_url = response_url
        self.verifier = SignatureVerifier(secret)
        self.answers: list[dict[str, Any]] = []  # everything the endpoint answered

    def command(self, user_id: str, user_name: str, text: str) -> dict[str, Any]:
        body = urlencode({
            "token": "unused-by-signed-requests", "team_id": "T0DEMO", "team_domain": "demo",
            "channel_id": "C0DEMO", "channel_name": "approvals", "user_id": user_id,
            "user_name": user_name, "command": "/socialbot", "text": text,
            "trigger_id": secrets.token_hex(8), "response_url": f"{self.response_url}/response",
        })
        timestamp = str(int(time.time()))
        response = requests.post(
            f"{self.url}/slack/commands", data=body, timeout=10,
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "X-Slack-Request-Timestamp": timestamp,
                     "X-Slack-Signature": self.verifier.generate_signature(
                         timestamp=timestamp, body=body)},
        )
        response.raise_for_status()
        self.answers.append(response.json())
        return response.json()


def demo_folder(keep_dir: Path | None) -> Path:
    """The folder the demo writes into: a new temporary one, or ``keep_dir`` when it is new,
    empty, or made by an earlier demo (``DEMO_MARKER``, and only ``DEMO_FILES`` beside it,
    which are removed); anything else is refused, before anything is written, with
    UserError."""
    from social_bot.errors import UserError

    if keep_dir is None:
        folder = Path(tempfile.mkdtemp(prefix="socialbot-demo-"))
    else:
        folder = keep_dir
        if folder.exists() and not folder.is_dir():
            raise UserError(f"--dir {folder} is not a folder")
        present = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
        foreign = [name for name in present if name != DEMO_MARKER and not any(
            fnmatch(name, pattern) for pattern in DEMO_FILES)] if DEMO_MARKER in present \
            else present
        if foreign:
            listed = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise UserError(
                f"--dir {folder} already holds files ({listed}) that no demo made; the demo "
                "writes its own policy, credentials, posts and audit records, so it runs only "
                "in a new or empty folder or one an earlier `socialbot demo --dir` made")
        folder.mkdir(parents=True, exist_ok=True)
        for name in present:  # an earlier run's: this run starts afresh
            path = folder / name
            if name == DEMO_MARKER:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    (folder / DEMO_MARKER).write_text(
        "made by `socialbot demo`: its sandbox data, not a practice's\n", encoding="utf-8")
    return folder


def run_demo(console: Console, keep_dir: Path | None = None) -> int:
    from social_bot.app import App
    from social_bot.audit import verify
    from social_bot.sandbox import sandbox_env, start_sandbox
    from social_bot.settings import environment, load_settings
    from social_bot.storage import init_storage

    data_dir = demo_folder(keep_dir)
    started = time.monotonic()
    (data_dir / "policy.toml").write_text(EXAMPLE_POLICY.read_text(encoding="utf-8"),
                                          encoding="utf-8")
    port = _free_port()
    slack_stand_in = SlackStandIn()
    env = {
        **{k: v for k, v in environment(dotenv=False).items()
           if not k.startswith(("SOCIALBOT_", "SLACK_", "MATTERMOST_", "LINKEDIN_",
                                "FACEBOOK_", "X_", "DATABASE_URL"))},
        "SOCIALBOT_DATA_DIR": str(data_dir),
        "SOCIALBOT_POLICY": str(data_dir / "policy.toml"),
        "DATABASE_URL": f"sqlite:///{data_dir / 'socialbot.db'}",
        "SOCIALBOT_HTTP_HOST": "127.0.0.1",
        "SOCIALBOT_HTTP_PORT": str(port),
        "SLACK_SIGNING_SECRET": secrets.token_hex(16),
        "SLACK_WEBHOOK_URL": f"{slack_stand_in.url}/webhook",
        # Replies may go only to allowed hosts (Slack's by default); here, the stand-in.
        "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES": f"{slack_stand_in.url}/",
        "SOCIALBOT_PUBLISH_INTERVAL": "0.5",
        "SOCIALBOT_POLL_INTERVAL": "1",
        "SOCIALBOT_POLL_TICK": "0.5",
        "SOCIALBOT_HOUSEKEEPING_INTERVAL": "0.5",
        "SOCIALBOT_WORKER_ID": "demo-daemon",
    }
    console.rule("[bold]socialbot demo")
    console.print(f"Data directory: {data_dir}")
    with start_sandbox() as sandbox:
        env.update(sandbox_env(sandbox.url))
        console.print(f"Sandbox (LinkedIn, Facebook, X stand-ins): {sandbox.url}\n")
        from social_bot.accounts.demo import connect_nearing_expiry, token_warnings

        connect_nearing_expiry(console, env, sandbox.url, data_dir)
        settings = load_settings(env, dotenv=False)
        db = init_storage(settings).db
        app = App(settings, db=db)
        log_path = data_dir / "daemon.log"
        with log_path.open("w") as log:
            daemon = subprocess.Popen([sys.executable, "-m", "social_bot", "daemon"], env=env,
                                      stdout=log, stderr=subprocess.STDOUT)
        try:
            chat_url = f"http://127.0.0.1:{port}"
            _wait("the daemon's chat endpoint",
                  lambda: _healthy(chat_url) or _exited(daemon), 60)
            if daemon.poll() is not None:
                raise RuntimeError(f"demo: the daemon exited early; see {log_path}")
            console.print(f"Daemon with chat endpoint: {chat_url} (log: {log_path})\n")
            slack = SlackClient(chat_url, env["SLACK_SIGNING_SECRET"], slack_stand_in.url)
            code, ids = _story(console, app, sandbox.url, slack)
            sent = _wait("the chat notifications", lambda: _outbox_sent(app), 15)
            kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(sent.items()))
            console.print(f"  the Slack channel (a local stand-in) received: {kinds}")
            for text in token_warnings(slack_stand_in.received):
                console.print(f"  Slack: {escape(text)}")
            code = _no_phi_in_chat(console, slack_stand_in.received, slack.answers) or code
        finally:
            daemon.send_signal(signal.SIGTERM)
            try:
                daemon.wait(timeout=20)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait()
        with db.read() as session:
            result = verify(session)
        console.print(f"Audit trail: {'intact' if result.ok else 'BROKEN: ' + result.problem}"
                      f" ({result.checked} records, hash-chained)")
        app.close()
    slack_stand_in.stop()
    console.print(f"Daemon stopped (exit {daemon.returncode}); sandbox stopped.")
    console.rule(f"done in {time.monotonic() - started:.0f} s")
    exe = _command_name()
    console.print("Look next:\n"
                  f"  export SOCIALBOT_DATA_DIR={data_dir}\n"
                  f"  {exe} post list            # posts {ids['all']} and their states\n"
                  f"  {exe} post show {ids['blocked']:<10} # the blocked post and why\n"
                  f"  {exe} post show {ids['photo']:<10} # the photo and what was read in it\n"
                  f"  {exe} comments list --flagged\n"
                  f"  {exe} audit export --format csv\n"
                  "Then docs/accounts.md (connecting LinkedIn, Facebook and X) and "
                  "docs/chat.md (connecting Slack).")
    # soft_wrap: one line a terminal may wrap, never a break inside the path to copy
    console.print(kept_note(data_dir), markup=False, highlight=False, soft_wrap=True)
    return code


def kept_note(data_dir: Path) -> str:
    """The summary's last line: the demo's folder is kept (the "Look next" commands read
    it), and how to remove it. Each run without --dir left a /tmp/socialbot-demo-* folder
    nobody was told about (the newcomer walk-through, session 51, #17)."""
    return (f"The demo's data is kept in {data_dir} for the commands above; remove it when "
            f"done with: rm -r {shlex.quote(str(data_dir))}")


def _command_name() -> str:
    """`socialbot` when that is on PATH, else the path this run used (scripts/demo.sh runs
    .venv/bin/socialbot without activating the venv)."""
    import shutil

    if shutil.which("socialbot"):
        return "socialbot"
    argv0 = Path(sys.argv[0])
    if argv0.name == "socialbot" and argv0.exists():
        try:
            return str(argv0.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(argv0)
    return f"{sys.executable} -m social_bot"


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def _exited(process: subprocess.Popen) -> bool:
    return process.poll() is not None


def _story(console: Console, app: Any, sandbox_url: str, slack: SlackClient
           ) -> tuple[int, dict[str, Any]]:
    """The flow; the exit code and the ids of the posts it made (a second run into the same
    folder numbers them on from the first's)."""
    from social_bot.cli.common import fitted_table, os_login, render_findings
    from social_bot.comments import flag_lines, list_comments
    from social_bot.posts import Staff, create_post, prepare_draft

    # the login running the demo, as the daemon's witness folder will see it (os_witness)
    staff = Staff(STAFF, os_login() or "demo")
    console.print("[bold]1. Staff queue four posts[/] (each passes the PHI screen first)")
    ids = []
    for text in [*POSTS, REJECTED_POST]:
        draft = prepare_draft(app, text, list(PLATFORMS))
        post_id = create_post(app, staff, draft)
        ids.append(post_id)
        state = "[red]BLOCKED[/]" if draft.blocked else "[green]queued for approval[/]"
        console.print(f"  post {post_id}: {state}  {escape(text[:70])}...")
        if draft.findings:
            render_findings(console, draft.findings)
    clean, blocked, to_reject = ids[:2], ids[2], ids[3]
    from social_bot.demo_media import photo_post

    photo = photo_post(console, app, staff, app.settings.data_dir)  # metadata, text, faces

    console.print("\n[bold]2. Two approvers read and approve in Slack[/] (signed /socialbot "
                  "requests; a vote binds to the revision its voter was shown)")
    for post_id in clean:
        for user_id, name in (("U01DANA", "dana"), ("U02LUIS", "luis")):
            slack.command(user_id, name, f"show {post_id}")
            reply = slack.command(user_id, name, f"approve {post_id}")
            console.print(f"  {name}: /socialbot show {post_id}, approve {post_id} -> "
                          f"{escape(_first_line(reply))}")
    reply = slack.command("U01DANA", "dana", f"approve {blocked}")
    console.print(f"  dana: /socialbot approve {blocked} -> {escape(_first_line(reply))}")
    shown = slack.command("U01DANA", "dana", f"show {blocked}")
    quoted = next((line for line in shown["text"].splitlines() if line.startswith(">")), "")
    console.print(f"  dana: /socialbot show {blocked} -> the blocked text, redacted for chat:")
    console.print(f"    {escape(quoted)}")
    slack.command("U02LUIS", "luis", f"show {to_reject}")
    reply = slack.command("U02LUIS", "luis", f"reject {to_reject} {PHI_REASON}")
    console.print(f"  luis: /socialbot reject {to_reject} <a reason naming a patient> -> "
                  f"{escape(_first_line(reply)[:150])}...")
    reply = slack.command("U02LUIS", "luis", f"reject {to_reject} {CLEAN_REASON}")
    console.print(f"  luis: /socialbot reject {to_reject} {CLEAN_REASON} -> "
                  f"{escape(_first_line(reply))}")

    console.print("\n[bold]3. The daemon publishes to LinkedIn, Facebook and X[/]")
    details = _wait("publishing", lambda: _all_published(app, clean), 40)
    table = Table("post", "platform", "status", "remote id", "url")
    for detail in details:
        for d in detail["deliveries"]:
            table.add_row(str(detail["id"]), d["platform"], d["status"], d["remote_id"] or "",
                          d["url"] or "")
    console.print(table)
    published = requests.get(f"{sandbox_url}/_sandbox/posts", timeout=5).json()
    counts = {platform: len(items) for platform, items in published.items()}
    console.print(f"  the sandbox received: {json.dumps(counts)} (each post exactly once)")

    console.print("\n[bold]4. Comments arrive; the daemon classifies them[/]")
    target = next(d for d in details[0]["deliveries"] if d["platform"] == "facebook")
    for author, text in COMMENTS:
        requests.post(f"{sandbox_url}/_sandbox/comments", timeout=5, json={
            "platform": "facebook", "post_id": target["remote_id"], "text": text,
            "author": author}).raise_for_status()
        console.print(f"  {author}: {escape(text)}")
    # ingested, and any hide the daemon asked for done (it hides right after storing)
    rows = _wait("the comments to be ingested",  # this run's: on the post just published
                 lambda: (lambda r: r if len(r) >= len(COMMENTS) and not any(
                     c["state"] == "hide_pending" for c in r) else None)(
                     [c for c in list_comments(app) if c["post_id"] in clean]), 30)
    sandbox_comments = requests.get(f"{sandbox_url}/_sandbox/comments", timeout=5).json()
    rows.sort(key=lambda r: r["id"])
    console.print(fitted_table(console, ["comment", "author", "state", "hidden", "flags"], [
        [str(r["id"]), escape(r["author"]), r["state"], "yes" if r["hidden_on_platform"] else "no",
         ",".join(f["flag"] for f in r["flags"]) or "-"] for r in rows]))
    for line in flag_lines(rows):
        console.print(f"  {escape(line)}")
    listing = slack.command("U01DANA", "dana", "comments")
    console.print("  dana: /socialbot comments ->")
    for line in listing["text"].splitlines()[1:-1]:
        console.print(f"    {escape(line)}")
    hidden = _count_hidden(sandbox_comments)
    console.print(f"  the sandbox shows {hidden} comment(s) hidden, waiting for a person "
                  "(`socialbot comments resolve ID --action keep|hide|delete`).")

    console.print("\n[bold]Summary[/]")
    console.print(f"  posts {clean[0]} and {clean[1]}: published on 3 platforms after two "
                  "approvals each")
    console.print(f"  post {blocked}: blocked by the PHI screen; approval refused until edited")
    console.print(f"  post {to_reject}: rejected in chat (the reason naming a patient was "
                  "refused first)")
    console.print(f"  post {photo}: a photo post, blocked by the text read in its picture")
    flagged = [r for r in rows if r["state"] != "new"]
    console.print(f"  comments: {len(rows)} ingested, {len(flagged)} flagged for review, "
                  f"{hidden} hidden on the platform")
    everything = sorted([*ids, photo])
    return 0, {"all": f"{everything[0]}-{everything[-1]}", "blocked": blocked, "photo": photo}


def _no_phi_in_chat(console: Console, received: list[dict[str, Any]],
                    answers: list[dict[str, Any]]) -> int:
    """Exit code 1 if any seeded identifier reached the Slack stand-in or a chat answer."""
    everything = json.dumps([received, answers])
    leaked = [seed for seed in PHI_SEEDS if seed in everything]
    if leaked:
        console.print(f"  [red]PHI reached chat:[/] {escape(', '.join(leaked))}")
        return 1
    console.print(f"  checked {len(received) + len(answers)} chat messages: none of the "
                  f"{len(PHI_SEEDS)} seeded patient identifiers reached chat (they stay in the "
                  "local CLI).")
    return 0


def _outbox_sent(app: Any) -> dict[str, int] | None:
    """Once every queued chat notification went out: how many of each kind."""
    from sqlalchemy import func, select

    from social_bot.db.models import OutboxMessage

    with app.db.read() as session:
        rows = session.execute(select(OutboxMessage.kind, func.count(OutboxMessage.id),
                                      func.count(OutboxMessage.sent_at))
                               .group_by(OutboxMessage.kind)).all()
    if any(total != sent for _, total, sent in rows):
        return None
    return {kind: total for kind, total, _ in rows}


def _first_line(reply: dict[str, Any]) -> str:
    text = reply.get("text") or ""
    return text.strip().splitlines()[0] if text.strip() else json.dumps(reply)[:100]


def _all_published(app: Any, ids: list[int]) -> list[dict] | None:
    from social_bot.posts import show_post

    details = [show_post(app, i) for i in ids]
    done = all(d["status"] == "published" for d in details)
    return details if done else None


def _count_hidden(payload: Any) -> int:
    items = payload
    if isinstance(payload, dict):
        items = [c for value in payload.values() for c in (value if isinstance(value, list)
                                                           else [])]
    return sum(1 for c in items if isinstance(c, dict) and c.get("hidden"))
