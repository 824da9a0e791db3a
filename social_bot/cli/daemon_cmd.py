"""`socialbot daemon`: the scheduler and the chat endpoint in one process."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from social_bot.app import App


@click.command("daemon")
@click.option("--once", is_flag=True,
              help="Run one publish pass and one comment poll, print a JSON summary, exit.")
@click.option("--worker-id", metavar="ID",
              help="This daemon's name in claims (default: $SOCIALBOT_WORKER_ID, else the host "
                   "name). Give each daemon sharing a database its own, stable across restarts.")
@click.option("--no-http", is_flag=True, help="Do not serve the chat endpoint and /metrics.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error"], case_sensitive=False))
def daemon(once: bool, worker_id: str | None, no_http: bool, log_level: str) -> None:
    """Publish approved posts when due (each exactly once) and watch their comments.

    Logs go to stderr, one JSON object per line. SIGTERM or SIGINT stops it cleanly:
    nothing new is claimed and what is in flight is recorded before it exits.
    """
    from social_bot.app import App
    from social_bot.settings import daemon_environment, load_settings

    # the settings file opened once, checked as opened and parsed from that open file
    # (session 50, second attack review, F7): no second read of the path by load_settings
    settings = load_settings(daemon_environment())
    run_daemon(App(settings, policy_required=True), worker_id=worker_id,
               serve_http=not no_http and not once, once=once, log_level=log_level)


def run_daemon(app: App, *, worker_id: str | None, serve_http: bool, once: bool,
               log_level: str) -> None:
    """The daemon's life on an opened App; bench/crash_daemon.py runs the same function
    with a screen that finds nothing, so the crash trials kill this code, not a copy."""
    from social_bot import logs
    from social_bot.cli.common import os_login
    from social_bot.daemon.config import default_worker_id
    from social_bot.daemon.runner import Daemon
    from social_bot.vote_seal import check_door_key, ensure_door_key

    try:
        # Refuse to start on a broken policy or an unreachable database, before any job runs;
        # a policy file another login could change is refused too (session 52, finding 2)
        app.policy_daemon = True
        app.policy.require_approval()
        app.db  # noqa: B018
        logs.configure(log_level, env=app.settings.env)
        # no rival door: the trail's seals are this daemon's key's (session 52, finding 8)
        worker_id = worker_id or default_worker_id(app.settings.env)
        check_door_key(app, ensure_door_key(app.settings), actor=f"daemon:{worker_id}",
                       os_user=os_login())
        runner = Daemon(app, worker_id=worker_id, serve_http=serve_http)
        if once:
            summary = runner.run_once()
            sys.stdout.write(json.dumps(summary) + "\n")
        else:
            runner.run_forever()
    finally:
        app.close()
