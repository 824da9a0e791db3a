"""`socialbot init` and `socialbot audit ...`."""

from __future__ import annotations

import sys

import click

from social_bot.cli.common import open_app


@click.command()
def init() -> None:
    """Create or migrate the database (safe to run again)."""
    from social_bot.db.engine import Database
    from social_bot.db.migrate import upgrade
    from social_bot.settings import load_settings

    settings = load_settings()
    db = Database(settings.database_url)
    try:
        upgrade(db)
    finally:
        db.dispose()
    click.echo(f"database ready: {db.engine.url.render_as_string(hide_password=True)}", err=True)


@click.group()
def audit() -> None:
    """Verify or export the audit trail."""


@audit.command("verify")
def verify() -> None:
    """Check the hash chain; exit 1 naming the first record that was tampered with."""
    from social_bot import audit as trail

    app = open_app()
    with app.db.read() as session:
        result = trail.verify(session)
    if result.ok:
        click.echo(f"audit trail intact: {result.checked} records")
        return
    click.echo(f"audit trail BROKEN: {result.problem}", err=True)
    sys.exit(1)


@audit.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to a file instead of stdout.")
def export(fmt: str, output: str | None) -> None:
    """Write every audit record, oldest first."""
    from social_bot import audit as trail

    app = open_app()
    with app.db.read() as session:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                count = trail.export(session, fh, fmt)
            click.echo(f"{count} records written to {output}", err=True)
        else:
            trail.export(session, sys.stdout, fmt)
