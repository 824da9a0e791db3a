"""`socialbot post dismiss` and `socialbot consent add|list|revoke`: a person's recorded
decision about a finding, and the patient authorizations such a decision may rest on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from social_bot.cli.common import (
    RECORD_ID,
    cli_console,
    current_staff,
    open_app,
    print_json,
    shown,
    staff_option,
)

# policies.review.DismissReason's values, written out: importing it here cost every `post`
# command its start-up (tests/test_cli_session48.py holds the two equal). `post show`'s
# hint had its own copy, without not_identifiable (the newcomer walk-through, session 48).
REASONS = ("staff", "public_figure", "not_a_person", "authorization", "not_identifiable")


@click.command("dismiss")
@click.argument("post_id", metavar="ID", type=RECORD_ID)
@click.argument("finding", metavar="FINDING")
@click.option("--reason", required=True, type=click.Choice(REASONS),
              help="staff | public_figure (publicly disclosed) | not_a_person (fictional or "
                   "not a person) | authorization (written HIPAA authorization on file) | "
                   "not_identifiable (faces only).")
@click.option("--consent", "consent_id", type=RECORD_ID,
              help="The authorization's id in `socialbot consent list` (with --reason "
                   "authorization).")
@click.option("--note", help="Who the staff are, where it was disclosed, ... (shown to the "
                             "approvers).")
@staff_option
def dismiss(post_id: int, finding: str, reason: str, consent_id: int | None, note: str | None,
            as_staff: str | None) -> None:
    """Dismiss one blocking FINDING (its F-number in `post show`) of your own post.

    Recorded with the finding and its span, audited, and shown to both approvers; an edit
    keeps it only while the span reads the same.
    """
    from social_bot.dismissals import dismiss as dismiss_finding

    result = dismiss_finding(open_app(policy_required=True), current_staff(as_staff), post_id,
                             finding, reason, consent_id, note)
    left = result["still_blocking"]
    click.echo(f"post {post_id}: {result['finding']} ({result['category']}) dismissed as "
               f"{result['reason']}; "
               + (f"{left} blocking finding(s) left" if left else
                  f"the post is now {result['status']}"), err=True)
    for ref, why in result["lapsed"]:  # no command clears these: only an edit
        click.echo(f"{ref} blocks again: its dismissal no longer holds ({why}); edit the post "
                   "to remove what it covered", err=True)


@click.group()
def consent() -> None:
    """Patients' written HIPAA authorizations (name, story, photo)."""


@consent.command("add")
@click.option("--name", "patient_name", required=True,
              help="The patient's name exactly as it will appear in posts.")
@click.option("--scope", "scopes", required=True, multiple=True,
              help="What it covers: name, story, photo (comma-separated or repeated).")
@click.option("--expires", required=True, metavar="DATE",
              help="Last day it is valid (e.g. 2027-06-30), as written on the form: "
                   "through that day in SOCIALBOT_TIMEZONE (else this machine's zone).")
@click.option("--form", "form_ref", help="Where the signed form is filed (e.g. EHR doc id).")
@click.option("--form-file", type=click.Path(dir_okay=False),
              help="The scanned form: its SHA-256 is recorded (the file is not copied).")
@staff_option
def add(patient_name: str, scopes: tuple[str, ...], expires: str, form_ref: str | None,
        form_file: str | None, as_staff: str | None) -> None:
    """Record a signed authorization. Prints its id on stdout."""
    from social_bot.consents import add_consent

    consent_id = add_consent(open_app(), current_staff(as_staff), patient_name, scopes,
                             expires, form_ref=form_ref, form_file=form_file)
    click.echo(f"authorization #{consent_id} recorded", err=True)
    click.echo(consent_id)


@consent.command("list")
@click.option("--all", "include_inactive", is_flag=True,
              help="Include revoked and expired authorizations.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(include_inactive: bool, as_json: bool) -> None:
    """Authorizations in force (or all of them)."""
    from social_bot.consents import list_consents

    rows = list_consents(open_app(), include_inactive=include_inactive)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no authorizations" + ("" if include_inactive else " in force"), err=True)
        return
    from rich.table import Table

    table = Table("id", "patient", "covers", "valid", "recorded by", "state")
    forms = []
    for r in rows:
        form = r["form_ref"] or ""
        if r["form_sha256"]:
            form = (form + " " if form else "") + f"sha256:{r['form_sha256'][:12]}"
        table.add_row(str(r["id"]), shown(r["patient_name"]), ", ".join(r["scopes"]),
                      r["valid"], shown(r["recorded_by"]),
                      "in force" if r["in_force"] else shown(r["problem"]))
        if form:
            forms.append(f"  #{r['id']} form: {shown(form)}")
    console = cli_console()
    console.print(table)
    # the form's reference on a line of its own: in the table, at 80 columns, it was cut
    # ("SCAN-202…"), and it is what finds the paper form (the newcomer, session 52)
    for line in forms:
        console.print(line, soft_wrap=True)


consent.add_command(list_, "list")


@consent.command("revoke")
@click.argument("consent_id", metavar="ID", type=RECORD_ID)
@click.option("--reason", required=True, help="Why (e.g. patient withdrew it in writing).")
@staff_option
def revoke(consent_id: int, reason: str, as_staff: str | None) -> None:
    """Revoke an authorization: posts relying on it are blocked again before publishing."""
    from social_bot.consents import revoke_consent

    app = open_app()
    done = revoke_consent(app, current_staff(as_staff, app.settings), consent_id, reason)
    click.echo(f"authorization #{consent_id} revoked; {len(done.blocked)} post(s) relying on "
               "it went back to blocked_phi (their approvals voided)", err=True)
    for post_id in done.blocked:
        click.echo(f"post {post_id} is blocked_phi again: its approvals no longer count (the "
                   "approvers are told in chat); edit it to remove what the authorization "
                   "covered", err=True)
    for post_id in done.still_blocked:
        click.echo(f"post {post_id} stays blocked_phi: its dismissal citing authorization "
                   f"#{consent_id} no longer holds, so it cannot go to approval; edit it to "
                   "remove what the authorization covered", err=True)
    if done.live:
        from social_bot.posts import show_post

        for post_id in done.live:
            click.echo(live_post_line(post_id, show_post(app, post_id)["deliveries"]),
                       err=True)


TAKEDOWN_DOC = 'docs/accounts.md, "Taking a published post down"'


def live_post_line(post_id: int, deliveries: Sequence[Mapping[str, Any]]) -> str:
    """What to do about a live post whose authorization was revoked: where it is on each
    platform (its link, else its id there) and the doc step. socialbot deletes no post (no
    adapter has a post delete): "take it down on the platform" alone named no place (the
    newcomer, session 51, #8)."""
    where = []
    for d in deliveries:
        if d.get("url") or d.get("remote_id"):
            where.append(f"{d['platform']} {d.get('url') or 'id ' + str(d['remote_id'])}")
        else:
            where.append(f"{d['platform']} (not out yet: {d.get('status')})")
    return (f"post {post_id} is live and names this patient; if the patient asked, delete it "
            f"on each platform by hand (socialbot cannot): {'; '.join(where) or 'no delivery'} "
            f"({TAKEDOWN_DOC})")
