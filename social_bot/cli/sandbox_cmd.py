"""`socialbot sandbox`: serve the local platform stand-ins in the foreground until a signal."""

from __future__ import annotations

import signal
import threading

import click

from adapters import PLATFORMS
from social_bot.errors import UserError


@click.command("sandbox")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8700,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--fault-delay",
    type=click.FloatRange(0, 30),
    default=3.0,
    show_default=True,
    help="Seconds a 'timeout' fault holds the response.",
)
def sandbox(port: int, fault_delay: float) -> None:
    """Serve stand-ins for the LinkedIn, Facebook and X APIs on 127.0.0.1.

    The credential is `sandbox` (or SOCIALBOT_SANDBOX_TOKEN). Stops on Ctrl-C or SIGTERM.
    """
    from social_bot.sandbox import sandbox_env, start_sandbox

    try:
        server = start_sandbox(port, fault_delay=fault_delay)
    except OSError as exc:
        raise UserError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    stop = threading.Event()
    previous = {
        sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        click.echo(f"sandbox listening on {server.url}", err=True)
        for platform in PLATFORMS:
            click.echo(f"  {platform:<9} {server.url}/{platform}", err=True)
        click.echo(
            "  control   GET /_sandbox/posts, /_sandbox/comments; POST /_sandbox/comments,"
            " /_sandbox/faults, /_sandbox/reset",
            err=True,
        )
        for line in comment_example(server.url):
            click.echo(line, err=True)
        # The settings go to stdout as a .env file (`socialbot sandbox > sandbox.env`; the
        # newcomer's `>` caught nothing when they went to stderr, session 49); the rest is
        # a log and stays on stderr. click.echo flushes each line: the file fills at once.
        click.echo(f"# settings that point the adapters at the sandbox on {server.url}")
        for name, value in sandbox_env(server.url, server.token).items():
            click.echo(f"{name}={value}")
        from social_bot.sandbox.oauth import oauth_env

        # `socialbot connect` and `check` need the app's credentials and the authorization
        # bases too; with these (and without the token settings above) connect obtains
        # expiring, scoped tokens from the sandbox's OAuth endpoints. Commented out, so the
        # file as written is the plain token set.
        click.echo("# for 'socialbot connect': uncomment these and leave out the token "
                   "settings above")
        static = set(sandbox_env(server.url, server.token).items())
        for name, value in oauth_env(server.url, server.token).items():
            if (name, value) not in static:
                click.echo(f"# {name}={value}")
        click.echo("the settings are on standard output (`socialbot sandbox > sandbox.env` "
                   "keeps them)", err=True)
        while not stop.wait(0.5):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        server.stop()
        click.echo("sandbox stopped", err=True)


def comment_example(url: str) -> list[str]:
    """How to send a test comment, as `socialbot sandbox` says it when it starts (the
    newcomer, session 52: it named the endpoint, not the body; docs/adapters.md, "Control
    endpoints", has the rest)."""
    body = ('{"platform": "facebook", "post_id": "POST_ID", "text": "Thanks, see you '
            'Saturday!", "author": "Sam Rivera"}')
    return ["  a test comment (POST_ID: the platform's id of a published post, the remote id "
            "`socialbot post show N` lists):",
            f"    curl -s -X POST {url}/_sandbox/comments -H 'Content-Type: application/json' "
            f"-d '{body}'"]
