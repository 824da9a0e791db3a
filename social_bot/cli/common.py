"""What every CLI command shares: the App, the acting staff member, output helpers."""

from __future__ import annotations

import json
import os
import pwd
import sys
from pathlib import Path
from typing import Any

import click

from social_bot.app import App
from social_bot.inputs import is_blank
from social_bot.posts import Staff
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
        help="A display name for the audit record (default: $SOCIALBOT_USER). Who you are "
             "is your OS login, mapped to a name by the policy; this never changes that.",
    )(function)


def current_staff(as_staff: str | None, settings: Settings | None = None) -> Staff:
    """The OS login is the identity (something the writer cannot type); --as and
    SOCIALBOT_USER only give a display name (the service layer then uses the policy's
    name for the login, if it has one)."""
    login = os_login()
    if not login:
        raise click.UsageError("cannot tell who you are: this process's user has no entry in "
                               "the password database")
    display = (as_staff or (settings or load_settings()).user or "").strip()
    return Staff(name=login, os_user=login, display=None if is_blank(display) else display)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def stderr_console():  # noqa: ANN201
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def render_findings(console, findings: list[Any]) -> None:  # noqa: ANN001
    """Plain-words findings for staff: what, where, why, and what to write instead."""
    from rich.markup import escape

    for f in findings:
        get = f.get if isinstance(f, dict) else (lambda k, f=f: getattr(f, k, None))
        dismissed = bool(get("dismissal"))
        style = "green" if dismissed else "bold red" if get("severity") == "block" else "yellow"
        label = "OK" if dismissed else get("severity").upper()
        ref = f"{get('ref')} " if get("ref") else ""
        where = (f"{get('source')} " if (get("source") or "text") != "text" else "") + \
            f"characters {get('start')}-{get('end')}"
        console.print(
            f"  {ref}[{style}]{label:5}[/] \"{escape(get('text'))}\" "
            f"({where}): {escape(get('reason'))} "
            f"Suggested: [bold]{escape(get('redaction'))}[/]",
            markup=True, soft_wrap=True,
        )
        if dismissed:
            # imported only here: dismissals (with consents and policies.review) is ~15 ms
            # of start-up that `post create`, whose findings are never dismissed, never uses
            from social_bot.dismissals import dismissal_line

            console.print(f"        [green]dismissed[/]: {escape(dismissal_line(f))}",
                          soft_wrap=True)


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


def render_media(console, media: list[dict[str, Any]], *, purged: bool = False,  # noqa: ANN001
                 editable: bool = True) -> None:
    """Each image: what was removed from it, where the cleaned copy is, its alt text.
    ``purged``: the revision's text was purged (its files go once no other post uses them);
    ``editable``: the post can still change, so a missing alt text can still be added."""
    from rich.markup import escape

    for n, m in enumerate(media, start=1):
        removed = ", ".join(m.get("removed") or []) or "no metadata found"
        dims = f"{m['width']}x{m['height']} " if m.get("width") else ""
        console.print(f"Image {n}: {dims}{(m.get('type') or 'image').upper()}, "
                      f"removed: {escape(removed)}", soft_wrap=True)
        if purged:  # the path may name a file already deleted, or another post's
            console.print("  cleaned copy: purged with the text (the file is deleted once no "
                          "other post uses it)", soft_wrap=True)
        elif not Path(str(m.get("path") or "")).is_file():
            console.print(f"  [red]cleaned copy missing[/]: {escape(str(m.get('path')))} is "
                          "not on disk", soft_wrap=True)
        else:
            console.print(f"  cleaned copy (what is published): {escape(m['path'])}",
                          soft_wrap=True)
        if m.get("alt"):
            console.print(f"  alt text: {escape(m['alt'])}", soft_wrap=True)
        elif editable:
            console.print("  [yellow]WARN[/]  no alt text: readers using a screen reader "
                          "will not know what it shows (add --alt)", soft_wrap=True)
