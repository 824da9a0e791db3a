"""`socialbot comments ...`: the review queue, and how a comment would be flagged."""

from __future__ import annotations

import click

from social_bot.cli import LazyGroup
from social_bot.cli.common import (
    RECORD_ID,
    cli_console,
    current_staff,
    open_app,
    print_json,
    print_table,
    render_findings,
    shown,
    staff_option,
    stderr_console,
)


@click.group(cls=LazyGroup, lazy={
    "classify": ("social_bot.cli.classify_cmd:classify", "How a comment would be flagged."),
})
def comments() -> None:
    """Review, classify and answer comments."""


@comments.command("list")
@click.option("--flagged", is_flag=True, help="Only comments waiting for a person's decision.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(flagged: bool, as_json: bool) -> None:
    """Comments on published posts, newest first."""
    from adapters import PLATFORMS
    from social_bot.accounts.queue_notes import polling_notes
    from social_bot.comments import flag_lines, list_comments

    app = open_app()
    rows = list_comments(app, flagged_only=flagged)
    if as_json:
        print_json(rows)
        return
    for note in polling_notes(app, PLATFORMS):  # why new comments may be missing
        click.echo(f"note: {note}", err=True)
    if not rows:
        click.echo("no comments" + (" waiting for review" if flagged else ""), err=True)
        return
    console = cli_console()
    cells = [[str(row["id"]), row["platform"], str(row["post_id"]),
              row["state"] + (" (hidden)" if row["hidden_on_platform"] and row["state"] != "hidden"
                              else ""),
              ",".join(f["flag"] for f in row["flags"]) or "-", shown(row["author"]),
              "(purged)" if row["purged"] else shown(row["text"])] for row in rows]
    print_table(console, ["id", "platform", "post", "state", "flags", "author", "text"], cells)
    from adapters import REGISTRY

    for platform in sorted({row["platform"] for row in rows}):  # what the API cannot serve
        note = REGISTRY[platform].monitor_note if platform in REGISTRY else ""
        if note:
            console.print(f"  note: {shown(note)}", soft_wrap=True)
    for row in rows:  # the reasons, in plain words, under the table
        for line in flag_lines([row]):  # a purged comment keeps the flag, not its reason
            console.print(f"  {shown(line)}", soft_wrap=True)
        if row["last_error"]:
            console.print(f"  #{row['id']} [red]last action failed: "
                          f"{shown(row['last_error'])}[/]", soft_wrap=True)


@comments.command("resolve")
@click.argument("comment_id", type=RECORD_ID, metavar="ID")
@click.option("--action", required=True, type=click.Choice(["keep", "hide", "delete"]))
@click.option("--reason", metavar="WHY",
              help="Why a comment flagged phi may be seen (needed to keep one): "
                   "not_phi (the screen was wrong), own_disclosure (the commenter wrote "
                   "about themselves) or your own words (screened; the audit trail keeps "
                   "their length and a keyed digest). Recorded as your claim, not checked.")
@staff_option
def resolve(comment_id: int, action: str, reason: str | None, as_staff: str | None) -> None:
    """Keep, hide or delete a comment on its platform."""
    from social_bot.comments import resolve_comment

    actor = current_staff(as_staff).name
    result = resolve_comment(open_app(), actor, comment_id, action, keep_reason=reason)
    # someone else's, when two people decided the same at once
    by = result["resolved_by"]
    # the result on stdout, notes on stderr (the newcomer, session 52: it was on stderr)
    click.echo(f"comment {comment_id} is now {result['state']}"
               + (f" (by {by})" if by and by != actor else ""))
    kept = result.get("kept_phi")
    if kept:
        seen, why = (("is visible again", "hidden") if kept["unhidden"] else
                     ("stays visible", "flagged"))
        stderr_console().print(f"comment {comment_id} {seen} on {result['platform']}; it was "
                               f"{why} for phi: {shown(kept['flagged_for'])}", soft_wrap=True)


@comments.command("purge")
@click.argument("comment_id", type=RECORD_ID, metavar="ID")
@staff_option
def purge(comment_id: int, as_staff: str | None) -> None:
    """Erase a settled comment's text and author's name now (ids, state and flags stay)."""
    from social_bot.comment_retention import purge_comment

    done = purge_comment(open_app(), comment_id, current_staff(as_staff))
    click.echo(f"comment {comment_id}: text and author's name purged", err=True)
    if done.scrub_note:
        click.echo(f"note: {done.scrub_note}", err=True)


class _ReplyCommand(click.Command):
    """`comments reply --help` lists the templates --template takes (the newcomer, session
    51, #17: it named none): the practice's policy's, else the built-in ones. Read only when
    help is asked for, so the command itself pays nothing."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        templates, whose = reply_templates()
        with formatter.section(f"Templates ({whose})"):
            formatter.write_dl([(name, _opening(text)) for name, text in templates.items()])


def reply_templates() -> tuple[dict[str, str], str]:
    """The templates `--template` takes, and whose they are: the built-in ones, with those
    the policy adds or rewords named as the policy's; the built-in ones alone when the
    policy adds none or cannot be read."""
    from policies.moderation.policy import DEFAULT_REPLY_TEMPLATES
    from social_bot.errors import UserError
    from social_bot.settings import load_policy, load_settings

    built_in = dict(sorted(DEFAULT_REPLY_TEMPLATES.items())), "built in; a policy may add more"
    try:
        settings = load_settings()
        if settings.policy_path is None:
            return built_in
        chosen = load_policy(settings, required=False).moderation.reply_templates
    except (UserError, OSError, ValueError):  # help shows, whatever the policy's state
        return built_in[0], "built in; the policy file cannot be read now"
    added = sorted(name for name, text in chosen.items()
                   if DEFAULT_REPLY_TEMPLATES.get(name) != text)
    if not added:  # "from policy.toml" when it holds none sent the newcomer looking (s52)
        return built_in[0], f"built in; {settings.policy_path} adds none"
    return dict(sorted(chosen.items())), (f"built in, and {', '.join(added)} from "
                                          f"{settings.policy_path}")


def _opening(text: str, words: int = 9) -> str:
    said = text.split()
    return " ".join(said[:words]) + (" ..." if len(said) > words else "")


@comments.command("reply", cls=_ReplyCommand)
@click.argument("comment_id", type=RECORD_ID, metavar="ID")
@click.option("--text", help="The reply's text.")
@click.option("--template", help="A reply template by name (listed below), from the policy "
              "file or built in.")
@staff_option
def reply(comment_id: int, text: str | None, template: str | None, as_staff: str | None) -> None:
    """Queue a reply: it is screened and needs two approvals like any post."""
    from social_bot.comments import reply_to_comment

    console = stderr_console()
    post_id, draft = reply_to_comment(
        open_app(), current_staff(as_staff), comment_id, text, template,
        warn=lambda line: console.print(f"warning: {shown(line)}", soft_wrap=True))
    if draft.findings:
        render_findings(console, draft.findings)
    if draft.blocked:  # what to do next, as `post create` says it (session 50)
        console.print(f"Reply {post_id} to comment {comment_id} is blocked by the PHI screen: "
                      f"edit it with `socialbot post edit {post_id} --text ...` before it can "
                      "be approved, or dismiss a finding you judge wrong "
                      f"(`socialbot post show {post_id}` numbers the findings and shows how).",
                      soft_wrap=True)
    else:
        console.print(f"Reply {post_id} to comment {comment_id} is waiting for two approvals.")
    click.echo(post_id)
