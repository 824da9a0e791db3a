"""`socialbot demo`: the whole flow against the local sandbox."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Keep the demo's database and logs here: a new or empty folder, or one an "
                   "earlier demo made, whose files are replaced (default: a new temporary "
                   "folder).")
def demo(directory: Path | None) -> None:
    """Queue, screen, approve in chat, publish, and moderate: all on this machine."""
    from rich.console import Console

    from social_bot.demo import run_demo

    sys.exit(run_demo(Console(highlight=False), directory))
