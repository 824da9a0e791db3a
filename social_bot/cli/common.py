"""What every CLI command shares: the App, the acting staff member, output helpers."""

from __future__ import annotations

import json
import os
import pwd
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from policies.rendering import visible
from social_bot.app import App
from social_bot.inputs import MAX_ID, is_blank, is_id_text, refuse_surrogates
from social_bot.posts import Staff
from social_bot.review_card import lapsed as dismissal_lapse
from social_bot.settings import Settings, load_settings


def open_app(policy_required: bool = False) -> App:
    return App(load_settings(), policy_required=policy_required)


def os_login() -> str | None:
    """The login that runs this process, from the password database only: $USER and
    $LOGNAME can be set to anything, and this name is who wrote a post (issue 14.6)."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except (KeyError, OSError):
        return None


def staff_option(function):  # noqa: ANN001, ANN201
    return click.option(
        "--as", "as_staff", metavar="STAFF",
        help="A display name (default: $SOCIALBOT_USER); the audit record keeps only its "
             "length and a keyed digest, not the name. Who you are is your OS login, mapped "
             "to a name by the policy; this never changes that.",
    )(function)


class Whole(click.ParamType):
    """A whole number typed in digits 0-9 only (inputs.is_id_text), ``least`` to MAX_ID:
    click's IntRange read "1_1" as 11, and its help printed the bounds as
    "0<=x<=9223372036854775807" (the newcomer walk-through, session 50, finding 12)."""

    def __init__(self, name: str, what: str, least: int) -> None:
        self.name, self.what, self.least = name, what, least

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        if isinstance(value, int):
            return value
        text = str(value)
        if not is_id_text(text):
            self.fail(f"{text[:30]!r} is not {self.what} (a number, digits 0-9 only)", param,
                      ctx)
        number = int(text)
        if not self.least <= number <= MAX_ID:
            self.fail(f"{text[:30]!r} is not in the range {self.least}<=x<={MAX_ID}", param,
                      ctx)
        return number


# A comment's or an authorization's id.
RECORD_ID = Whole("id", "an id", 1)
# How many rows a listing skips (`post list --offset`).
SKIP = Whole("N", "a count", 0)


def current_staff(as_staff: str | None, settings: Settings | None = None) -> Staff:
    """The OS login is the identity (something the writer cannot type); --as and
    SOCIALBOT_USER only give a display name (the service layer then uses the policy's
    name for the login, if it has one)."""
    login = os_login()
    if not login:
        raise click.UsageError("cannot tell who you are: this process's user has no entry in "
                               "the password database")
    display = refuse_surrogates((as_staff or (settings or load_settings()).user or "").strip(),
                                "the display name (--as or SOCIALBOT_USER)")
    return Staff(name=login, os_user=login, display=None if is_blank(display) else display)


def shown(text: str | None) -> str:
    """``visible(text)`` escaped for rich markup: a person's words inside a markup string."""
    from rich.markup import escape

    return escape(visible(text))


def json_text(value: Any, **options: Any) -> str:
    """json.dumps without ASCII escapes, except DEL and the C1 controls, which it would
    write raw (ensure_ascii=False escapes only C0): a terminal obeys some of them."""
    return _C1.sub(lambda m: f"\\u{ord(m.group(0)):04x}",
                   json.dumps(value, ensure_ascii=False, default=str, **options))


_C1 = re.compile(r"[\x7f-\x9f]")


@contextmanager
def printed_with_commit() -> Iterator[None]:
    """SIGTERM, SIGINT and SIGHUP wait while the block runs: a command that commits a new
    record and prints its id does both or, killed before the commit, neither. A SIGTERM
    between the two had left a post created, stdout empty and exit 143, so a script that
    retried created it twice (an outside review, session 43). The signal is delivered when
    the block ends, stdout flushed; the wait is as long as the database write."""
    if not hasattr(signal, "pthread_sigmask"):  # not on this platform: as before
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK,
                                    {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    try:
        yield
        sys.stdout.flush()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value, indent=2) + "\n")


def cli_console(**options: Any):  # noqa: ANN201
    """A rich console for the CLI's output, with rich's emoji codes off: ":smile:" in a post
    or a comment is what the platform shows, so it is what staff read (the newcomer
    walk-through, session 52: `post show` and `post list` showed it as an emoji, and an X
    error's "DELETE /2/tweets/:id:" as "/2/tweets/🆔")."""
    from rich.console import Console

    return Console(emoji=False, **options)


def stderr_console():  # noqa: ANN201
    return cli_console(stderr=True, highlight=False)


def render_findings(console, findings: list[Any]) -> None:  # noqa: ANN001
    """Plain-words findings for staff: what, where, why, and what to write instead."""
    for f in findings:
        get = f.get if isinstance(f, dict) else (lambda k, f=f: getattr(f, k, None))
        dismissed = bool(get("dismissal"))
        lapsed = dismissal_lapse(get("dismissal"))
        style = ("bold red" if lapsed or (not dismissed and get("severity") == "block")
                 else "green" if dismissed else "yellow")
        label = "BLOCKS" if lapsed else "OK" if dismissed else get("severity").upper()
        ref = f"{get('ref')} " if get("ref") else ""
        where = (f"{get('source')} " if (get("source") or "text") != "text" else "") + \
            f"characters {get('start')}-{get('end')}"
        if not get("text") and not get("reason"):  # `post purge` kept the category alone
            console.print(f"  {ref}[{style}]{label:5}[/] {shown(get('category') or 'finding')} "
                          f"({where}): text purged", markup=True, soft_wrap=True)
        else:
            console.print(
                f"  {ref}[{style}]{label:5}[/] \"{shown(get('text'))}\" "
                f"({where}): {shown(get('reason'))} "
                f"Suggested: [bold]{shown(get('redaction'))}[/]",
                markup=True, soft_wrap=True,
            )
        if dismissed:
            # imported only here: dismissals (with consents and policies.review) is ~15 ms
            # of start-up that `post create`, whose findings are never dismissed, never uses
            from social_bot.dismissals import dismissal_line

            # the line the chat card shows (session 49: the card said "NOT IN FORCE" where
            # this said BLOCKS), lapsed or not
            line = shown(dismissal_line(f))
            console.print(f"        [bold red]{line}[/]" if lapsed else
                          f"        [green]dismissed[/]: {line}", soft_wrap=True)


def fitted_table(console, headers: list[str], rows: list[list[str]]):  # noqa: ANN001, ANN201
    """A rich table whose last column (free text) takes what the others leave, truncated.

    Ids and states are never squeezed: a truncated status is worse than a short preview.
    """
    from rich.table import Column, Table

    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers[:-1])]
    room = max(12, console.width - sum(widths) - 3 * len(headers) - 1)
    table = Table(*(Column(h, no_wrap=True, min_width=w) for h, w in zip(headers, widths,
                                                                         strict=False)),
                  Column(headers[-1], no_wrap=True, overflow="ellipsis", max_width=room))
    for row in rows:
        table.add_row(*row)
    return table


def print_table(console, headers: list[str], rows: list[list[str]]) -> None:  # noqa: ANN001
    """A list for a person (a fitted table, its last column truncated to the terminal) or,
    when stdout is not a terminal, for a pipe or a file: one tab-separated line per row
    with a header line, nothing truncated. Piped or redirected, rich took 80 columns and
    dropped the right-hand ones, the whole text column with them (the newcomer
    walk-through, session 48). Cells are rich markup (``shown``); the plain form is their
    text with a backslash, a tab and a line break escaped (``tab_escaped``): one line a row,
    and a script gets the text back whole (session 51; before, line breaks became spaces
    and `post list` gave a post's first line only)."""
    if console.is_terminal:
        console.print(fitted_table(console, headers, rows))
        return
    from rich.text import Text

    for line in (headers, *rows):
        click.echo("\t".join(tab_escaped(Text.from_markup(cell, emoji=False).plain)
                              for cell in line))


_TAB_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TAB_SPECIAL = re.compile(r"[\\\t\n\r]")


def tab_escaped(text: str) -> str:
    r"""A cell of tab-separated output: backslash, tab, line feed and carriage return as
    ``\\``, ``\t``, ``\n``, ``\r`` (the escapes PostgreSQL's COPY text format and most
    TSV readers undo), so no cell splits a row or a column."""
    return _TAB_SPECIAL.sub(lambda m: _TAB_ESCAPES[m.group(0)], text)


def render_media(console, media: list[dict[str, Any]], *, purged: bool = False,  # noqa: ANN001
                 editable: bool = True, changed: Sequence[int] = ()) -> None:
    """Each image: what was removed from it, where the cleaned copy is, its alt text.
    ``purged``: the revision's text was purged (its files go once no other post uses them);
    ``editable``: the post can still change, so a missing alt text can still be added;
    ``changed``: the images (numbered from 1) whose file does not hash to what the revision
    binds (cli_views.changed_images): their path is not given, so nobody opens it."""
    for n, m in enumerate(media, start=1):
        removed = ", ".join(m.get("removed") or []) or "no metadata found"
        dims = f"{m['width']}x{m['height']} " if m.get("width") else ""
        console.print(f"Image {n}: {dims}{(m.get('type') or 'image').upper()}, "
                      f"removed: {shown(removed)}", soft_wrap=True)
        if purged:  # the path may name a file already deleted, or another post's
            console.print("  cleaned copy: purged with the text (the file is deleted once no "
                          "other post uses it)", soft_wrap=True)
        elif n in changed:
            console.print("  [bold red]cleaned copy not shown[/]: the file does not match the "
                          "hash this revision was written with", soft_wrap=True)
        elif not Path(str(m.get("path") or "")).is_file():
            console.print(f"  [red]cleaned copy missing[/]: {shown(str(m.get('path')))} is "
                          "not on disk", soft_wrap=True)
        else:
            console.print(f"  cleaned copy (what is published): {shown(m['path'])}",
                          soft_wrap=True)
        if m.get("alt"):
            console.print(f"  alt text: {shown(m['alt'])}", soft_wrap=True)
        elif editable:
            console.print("  [yellow]WARN[/]  no alt text: readers using a screen reader "
                          "will not know what it shows (add --alt)", soft_wrap=True)
