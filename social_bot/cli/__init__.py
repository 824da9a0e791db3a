"""`socialbot`: the staff command line. Sub-commands load lazily so `--help` stays fast."""

from __future__ import annotations

import importlib
import sys

import click

from social_bot.errors import UserError


class LazyGroup(click.Group):
    """A group whose commands live in other modules and are imported only when run.

    ``lazy`` maps a command name to ("module:attribute", one-line help) so that the
    help listing needs no import at all.
    """

    def __init__(self, *args, lazy: dict[str, tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            target, _ = self.lazy[name]
            module_name, attr = target.split(":")
            return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy:
                rows.append((name, self.lazy[name][1]))
            else:
                command = super().get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(60)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy={
        "init": ("social_bot.cli.admin_cmd:init", "Create or migrate the database and audit key."),
        "post": ("social_bot.cli.posts_cmd:post", "Queue, edit, list, show and cancel posts."),
        "screen": ("social_bot.cli.screen_cmd:screen",
                   "Check a draft for patient identifiers (PHI)."),
        "comments": ("social_bot.cli.comments_cmd:comments",
                     "Review, classify and answer comments."),
        "audit": ("social_bot.cli.admin_cmd:audit", "Verify, anchor or export the audit trail."),
        "consent": ("social_bot.cli.review_cmd:consent",
                    "Record, list or revoke patients' written authorizations."),
        "daemon": ("social_bot.cli.daemon_cmd:daemon",
                   "Run the scheduler and the chat endpoint."),
        "sandbox": ("social_bot.cli.sandbox_cmd:sandbox",
                    "Serve local stand-ins for the platform APIs."),
        "demo": ("social_bot.cli.demo_cmd:demo", "Run the whole flow against the sandbox."),
        "connect": ("social_bot.cli.accounts_cmd:connect",
                    "Connect a platform account (OAuth); stored 0600."),
        "check": ("social_bot.cli.accounts_cmd:check",
                  "Check connections: account, permissions, expiry, API version."),
    },
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="socialbot")
def cli() -> None:
    """socialbot: screened, two-person-approved social posts for medical practices."""


def main(argv: list[str] | None = None) -> None:
    try:
        code = cli.main(args=argv, prog_name="socialbot", standalone_mode=False)
    except UserError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:  # one line, with where to look, not click's four
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        click.echo(f"error: {exc.format_message()}{where}", err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # one line, not a traceback, for anything unforeseen
        if type(exc).__module__.startswith("sqlalchemy"):
            from social_bot.db.engine import describe_db_error

            click.echo(f"error: {describe_db_error(exc)}", err=True)
            sys.exit(2)
        raise
    sys.exit(code if isinstance(code, int) else 0)
