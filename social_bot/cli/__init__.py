"""`socialbot`: the staff command line. Sub-commands load lazily so `--help` stays fast."""

from __future__ import annotations

import importlib
import sys

import click

from policies.allocation import long_lived
from policies.rendering import visible
from social_bot.errors import UserError


class PipeClosed(Exception):  # noqa: N818 - not an error: the reader stopped reading
    """Standard output's reader closed the pipe (`socialbot screen ... | head -c 3`)."""


# What a command exits with when the reader of its output stops early: the shell's code for
# a death by SIGPIPE (128 + 13), never 0 (done) or 1 (blocked/flagged), and silent.
PIPE_CLOSED_EXIT = 141


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
            with long_lived():  # the command's libraries (SQLAlchemy, ...)
                return getattr(importlib.import_module(module_name), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        """The command, with a reader that went away told apart from a verdict: click
        turns a BrokenPipeError into exit 1 and rich's console exits 1 itself, and 1 means
        "blocked"/"flagged" for `screen` and `comments classify` (session 49)."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise PipeClosed from exc
        except SystemExit as exc:  # rich's Console.on_broken_pipe, inside its except
            if isinstance(exc.__context__, BrokenPipeError):
                raise PipeClosed from exc
            raise

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


def describe_error(exc: BaseException) -> str:
    """The one line a person sees for an error that reached the top of the CLI.

    The project's errors say what to do already; files and encodings get a plain reason;
    anything unforeseen still gets one line (and exit 2, never 1, which means "blocked"
    or "flagged" for `screen` and `comments classify`): a crash must not read as a verdict.
    """
    if isinstance(exc, UserError):
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, UnicodeEncodeError) and isinstance(exc.object, str):
        from social_bot.inputs import surrogate_problem  # an argument not in UTF-8

        return f"an argument {surrogate_problem(exc.object) or 'is not UTF-8 text'}"
    if isinstance(exc, UnicodeDecodeError):
        return (f"the input is not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset "
                f"{exc.start}); save it as UTF-8 and try again")
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or type(exc).__name__}{where}"
    if type(exc).__module__.startswith("sqlalchemy"):
        from social_bot.db.engine import describe_db_error

        return describe_db_error(exc)
    if isinstance(exc, MemoryError):
        return "out of memory: the input is too large"
    if isinstance(exc, OverflowError):  # each known case has its own reason; the rest
        return f"a number or date is out of range ({str(exc)[:120]})"
    if isinstance(exc, RecursionError):
        return "the input is nested too deeply to read"
    text = str(exc).strip().splitlines()
    return (f"unexpected {type(exc).__name__}: {text[0][:200] if text else ''} "
            "(set SOCIALBOT_DEBUG=1 to see the traceback)")


def _debug() -> bool:
    try:
        from social_bot.settings import environment

        return environment().get("SOCIALBOT_DEBUG", "") not in ("", "0")
    except Exception:  # noqa: BLE001 - a broken .env must not hide the original error
        return False


def main(argv: list[str] | None = None) -> None:
    """Run the CLI: every error ends as one `error:` line on stderr and exit status 2; a
    reader that closes the pipe early ends it silently with exit 141 (``PIPE_CLOSED_EXIT``)."""
    try:
        _standard_streams()
        _main(argv)
    except PipeClosed:
        _pipe_closed()
    except StdoutClosed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except SystemExit:
        if isinstance(sys.stdout, getattr(click.core, "_PacifyFlushWrapper", ())):
            _pipe_closed()  # click met the broken pipe itself (top-level --help) and exits 1
        try:  # what is still buffered goes now: at shutdown a failure would exit 120
            sys.stdout.flush()
        except BrokenPipeError:
            _pipe_closed()
        raise


class StdoutClosed(UserError):
    """Standard output was closed when socialbot started (`socialbot post list >&-`)."""


def _standard_streams() -> None:
    """Descriptors 0-2 that were closed when the process started (`>&-`, `<&-`, `2>&-`) get
    /dev/null, and a closed standard output refuses the command before it does anything.

    Python leaves ``sys.stdout`` None for a closed descriptor 1, so every command ended in
    a traceback with exit 1 ("blocked"/"flagged" for `screen`), and the lowest free number
    went to the next file opened, which could be the database. A command whose output
    cannot go anywhere is refused before it starts, with nothing done (`post create` would
    have nowhere to say the new post's id). Stdin closed reads as empty; stderr closed
    discards."""
    import os

    closed = []
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            closed.append(fd)
    for fd in closed:
        devnull = os.open(os.devnull, os.O_RDWR)
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
    if 0 in closed or sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - for the process
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if 1 in closed or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        raise StdoutClosed("standard output is closed; nothing was done (send it to a file, "
                           "or to /dev/null to discard it)")


def _pipe_closed() -> None:
    """Exit 141 without a word: stdout and stderr point at /dev/null first, so the
    interpreter's last flush of what is still buffered cannot fail again and print a
    traceback. Stderr too: read as `2>&1 | head -1` the closed pipe is stderr's as well, and
    its failed flush at shutdown made the exit status 120 (the newcomer walk-through,
    session 50); nothing is said after this anyway."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):  # no descriptor (a test's capture)
            pass
    sys.exit(PIPE_CLOSED_EXIT)


def _main(argv: list[str] | None) -> None:
    from social_bot.filesafety import private_umask

    private_umask()  # every file this process creates is the owner's alone (0600 / 0700)
    try:
        code = cli.main(args=argv, prog_name="socialbot", standalone_mode=False)
    except PipeClosed:
        raise
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:  # one line, with where to look, not click's four
        where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
        first = exc.format_message().strip().splitlines()
        click.echo(f"error: {visible(first[0] if first else 'bad usage')}{where}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        first = exc.format_message().strip().splitlines()
        click.echo(f"error: {visible(first[0] if first else type(exc).__name__)}", err=True)
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - the one place every error becomes one line
        if not isinstance(exc, UserError) and _debug():
            raise
        click.echo(f"error: {visible(describe_error(exc))}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
