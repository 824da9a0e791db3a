"""`socialbot connect linkedin|facebook|x` and `socialbot check [--json]`."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime

import click

from policies.rendering import visible

PLATFORM_CHOICE = click.Choice(["linkedin", "facebook", "x"])


@click.command()
@click.argument("platform", type=PLATFORM_CHOICE)
@click.option("--org", metavar="ID", help="LinkedIn: the organization to post as (numeric id).")
@click.option("--page", metavar="ID", help="Facebook: the Page to post to (numeric id).")
@click.option("--no-browser", is_flag=True,
              help="Print the address instead of opening a browser; paste the address the "
                   "browser is sent back to (or X's PIN) on standard input.")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Loopback port for the OAuth redirect (default: SOCIALBOT_OAUTH_PORT, "
                   "else a free one). Register http://127.0.0.1:PORT/callback with the app.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=300.0, show_default=True,
              help="Seconds to wait for the browser, a pasted address or X's PIN.")
def connect(platform: str, org: str | None, page: str | None, no_browser: bool,
            port: int | None, timeout: float) -> None:
    """Connect a platform account (OAuth) and store its credential 0600 in the data dir."""
    from social_bot.accounts.connect import FLOWS, Console
    from social_bot.accounts.store import SETTINGS, CredentialStore
    from social_bot.cli.common import os_login
    from social_bot.errors import UserError
    from social_bot.inputs import is_id_text
    from social_bot.settings import load_settings

    settings = load_settings()
    env = settings.env
    if port is None:
        raw = env.get("SOCIALBOT_OAUTH_PORT") or "0"
        if not raw.isdigit() or int(raw) > 65535:
            raise UserError(f"SOCIALBOT_OAUTH_PORT must be a port number, got {raw!r}")
        port = int(raw)
    if org is not None and platform != "linkedin" or page is not None and platform != "facebook":
        raise click.UsageError("--org is for linkedin, --page for facebook")
    for option, value in (("--org", org), ("--page", page)):  # before the consent round trip
        if value is not None and not is_id_text(value):
            raise click.UsageError(f"{option} is the numeric id (digits 0-9 only), got "
                                   f"{value[:30]!r}")
    console = Console(open_browser=not no_browser, timeout=timeout, port=port,
                      paste_only=no_browser)
    options = {"org": org} if platform == "linkedin" else {"page": page} if (
        platform == "facebook") else {}
    try:
        credential = FLOWS[platform](env, console, **options)
    except (UserError, click.ClickException):
        raise
    except Exception as exc:  # one line; the text may hold a URL with a code, so not shown
        raise UserError(f"{platform}: connect failed ({type(exc).__name__})") from None
    credential = replace(credential, connected_by=os_login())
    store = CredentialStore(settings.data_dir)
    _hold_for_switch(store, env, credential)  # before the daemon can read the new account
    store.save(credential)
    expiry = (f"token expires {credential.expires_at:%Y-%m-%d %H:%M} UTC"
              if credential.expires_at else "token does not expire")
    scopes = ", ".join(credential.scopes) or "none reported"
    click.echo(visible(f"connected {platform} as {credential.account}; {expiry}; granted: "
                       f"{scopes}"))  # the account's name is the platform's: no escapes
    click.echo(f"stored in {store.path} (mode 600)", err=True)
    _record(credential)
    shadowed = [n for n in SETTINGS[platform] if env.get(n)]
    if shadowed:
        click.echo(f"note: {', '.join(shadowed)} set in the environment win(s) over what was "
                   "just stored; unset them to use this connection", err=True)


def _record(credential) -> None:  # noqa: ANN001
    """Audit the connection and release held deliveries; the credential is stored already,
    so a database that is not there yet (`socialbot init` not run) is only a note."""
    from social_bot.accounts.service import record_connect
    from social_bot.cli.common import current_staff, open_app, os_login
    from social_bot.errors import UserError

    try:
        app = open_app()
        try:
            released = record_connect(app, credential, current_staff(None).name, os_login())
        finally:
            app.close()
    except (UserError, click.UsageError) as exc:
        click.echo(f"note: not recorded in the audit trail ({exc})", err=True)
        return
    if released:
        click.echo(f"released {released} delivery(ies) held for lack of access", err=True)


def _hold_for_switch(store, env, credential) -> None:  # noqa: ANN001
    """Posts approved while the platform posted to another account wait for two approvers
    (the account is part of what they approved). Without the database, nothing is stored."""
    from social_bot.accounts.identity import switched
    from social_bot.accounts.service import hold_for_new_destination
    from social_bot.accounts.store import CredentialFileError, destination_with
    from social_bot.cli.common import current_staff, open_app, os_login
    from social_bot.errors import UserError

    platform = credential.platform
    try:
        before = destination_with(platform, env, store.get(platform))
    except CredentialFileError:
        before = None  # the daemon could not use it either: nothing went out with it
    after = destination_with(platform, env, credential)
    if not switched(platform, before, after):
        return
    try:
        app = open_app()
        try:
            held = hold_for_new_destination(app, platform, before, after,
                                            current_staff(None).name, os_login())
        finally:
            app.close()
    except (UserError, click.UsageError) as exc:  # not stored: they might go to `after`
        raise UserError(f"{platform}: not connected to {after}: the posts approved for "
                        f"{before} could not be held first ({exc})") from None
    if held:
        posts = ", ".join(str(p) for p in held)
        click.echo(f"{platform} now posts to {after}, not {before}: post(s) {posts} approved "
                   f"before are on hold until two approvers release them (`/socialbot "
                   f"release ID`)", err=True)


@click.command()
@click.argument("platforms", nargs=-1, type=PLATFORM_CHOICE)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per platform, in a list.")
def check(platforms: tuple[str, ...], as_json: bool) -> None:
    """Who we are connected as, permissions, token expiry, API version sunset (exit 1 if not
    all is well)."""
    from social_bot.accounts.inspect import gather_all
    from social_bot.accounts.settings import unwatched_platforms, warn_windows
    from social_bot.accounts.status import Level, evaluate, exit_code
    from social_bot.cli.common import print_json
    from social_bot.daemon.config import no_chat_channel, poll_interval, slow_first_poll
    from social_bot.settings import load_settings

    settings = load_settings()
    token_warn, version_warn = warn_windows(settings.env)
    unwatched = unwatched_platforms(settings.env)
    slow_poll = slow_first_poll(poll_interval(settings.env))
    now = datetime.now(UTC)
    chosen = platforms or ("linkedin", "facebook", "x")
    statuses = [evaluate(f, now, token_warn=token_warn, version_warn=version_warn,
                         unwatched=unwatched, slow_poll=slow_poll)
                for f in gather_all(chosen, settings.env, settings.data_dir)]
    if as_json:
        print_json([s.to_json() for s in statuses])
    else:
        marks = {Level.OK: "ok", Level.NOTE: "ok", Level.WARN: "WARN", Level.PROBLEM: "PROBLEM"}
        for status in statuses:
            f = status.facts
            who = f.account or "(unknown account)"
            click.echo(visible(f"{f.platform:9} {marks[status.level]:8} {who}  [{f.source}]"))
            for finding in status.findings:
                click.echo(visible(f"          - {finding.level}: {finding.message}"))
    from social_bot.db.pg_role import role_warning
    from social_bot.web.verify import slack_team_warning, weak_secret_warnings

    for exposed in [*_vote_key_exposure(settings), slack_team_warning(settings.env),
                    *weak_secret_warnings(settings.env),
                    no_chat_channel(settings.env), role_warning(settings.database_url)]:
        if exposed:
            click.echo(visible(f"warning: {exposed}"), err=True)
    sys.exit(exit_code(statuses))


def _vote_key_exposure(settings: object) -> list[str]:
    """Whether staff could seal votes with the chat door's key, or replace or delete it
    (social_bot/vote_seal.py), or take the door's TCP port (session 52, finding 3)."""
    from social_bot.cli.common import os_login
    from social_bot.errors import UserError
    from social_bot.settings import load_policy
    from social_bot.vote_seal import exposure, placement
    from social_bot.web.server import tcp_door_warning

    try:
        approval = load_policy(settings, required=False).approval
    except UserError:
        approval = None
    people = [p.os_user for p in (*approval.approvers, *approval.staff) if p.os_user] \
        if approval is not None else []
    exposed = exposure(settings, people=people, login=os_login())
    from social_bot.witness import off_warning

    unwitnessed = off_warning(approval)
    return [*([exposed] if exposed else []), *placement(settings),
            *filter(None, [tcp_door_warning(settings, people, _daemon_login(settings),
                                            daemons_settings=_runs_as_daemon(settings))]),
            *([unwitnessed] if unwitnessed else [])]


def _runs_as_daemon(settings: object) -> bool:
    """Are these the daemon's settings, as far as `check` can tell: the vote key is this
    login's, or not made yet (an administrator setting up); not when another login owns it,
    or this login cannot even look (a staff login of a shared deployment)."""
    import os

    from social_bot.vote_seal import key_file

    try:
        return key_file(settings).stat().st_uid == os.geteuid()
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _daemon_login(settings: object) -> str | None:
    """The daemon's login as far as `check` can tell: the vote key's owner (its first start
    made it), else this login's (`check` is run as the daemon's account)."""
    import pwd

    from social_bot.cli.common import os_login
    from social_bot.vote_seal import key_file

    try:
        return pwd.getpwuid(key_file(settings).stat().st_uid).pw_name
    except (OSError, KeyError):
        return os_login()
