"""The daemon the crash trials kill, when they are told not to load the PHI model.

    python bench/crash_daemon.py WORKER_ID      # settings from the environment, as the CLI

It calls `run_daemon`, the function `socialbot daemon --no-http` runs
(social_bot/cli/daemon_cmd.py), so it has the same settings, policy checks, JSON logs,
Daemon, publisher, claims and SIGTERM handling. One thing differs: the PHI screen finds
nothing instead of loading spaCy. The trials' posts are plain notices that the real screen
passes too, so what a trial proves (every approved delivery on the platform exactly once,
across kill -9 and restarts) does not rest on the screen, while each restart no longer
spends seconds of a loaded machine's CPU loading a model (7.5 s at load 6 on this 2-core
machine, the most of a restart).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any


def finds_nothing(texts: Sequence[str], context: str) -> list[list[Any]]:
    return [[] for _ in texts]


def main(argv: Sequence[str]) -> None:
    from social_bot.app import App
    from social_bot.cli.daemon_cmd import run_daemon
    from social_bot.settings import load_settings

    run_daemon(App(load_settings(), policy_required=True, screener=finds_nothing),
               worker_id=argv[0], serve_http=False, once=False, log_level="info")


if __name__ == "__main__":
    main(sys.argv[1:])
