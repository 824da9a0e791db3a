"""`socialbot post ...`: queue, edit, list, show and cancel posts."""

from __future__ import annotations

import sys
from typing import Any

import click

from adapters import REGISTRY
from policies.rendering import visible
from social_bot.cli.common import (
    SKIP,
    cli_console,
    current_staff,
    open_app,
    os_login,
    print_json,
    print_table,
    printed_with_commit,
    render_findings,
    render_media,
    shown,
    staff_option,
    stderr_console,
)
from social_bot.domain import STATUS_WORDS, status_words
from social_bot.inputs import MAX_ID, is_id_text
from social_bot.revision_code import shown_code
from social_bot.timefmt import show_time


def _post_id(value: str) -> int:
    if not is_id_text(value):
        raise click.BadParameter(f"{value[:30]!r} is not a post id (a number, digits 0-9 only)")
    number = int(value)
    if number < 1:
        raise click.BadParameter(f"{value!r} is not a post id (a positive number)")
    if number > MAX_ID:
        raise click.BadParameter(f"{value[:30]!r}… is not a post id (too large: ids go up "
                                 f"to {MAX_ID})")
    return number


post_id_argument = click.argument("post_id", metavar="ID",
                                  callback=lambda _c, _p, v: _post_id(v))


SHORT = {name: entry.short for name, entry in REGISTRY.items()}


@click.group()
def post() -> None:
    """Queue, edit, list, show and cancel posts."""


@post.command("create")
@click.option("--text", help="The post's text.")
@click.option("--file", "file", type=click.Path(dir_okay=False), help="Read the text from a file.")
@click.option("--platform", "platforms", multiple=True, required=True,
              help="linkedin, facebook or x (repeat for several).")
@click.option("--at", "at", metavar="ISO-8601",
              help="When to publish, with a time zone (default: as soon as approved).")
@click.option("--media", "media", multiple=True, type=click.Path(dir_okay=False),
              help="An image to attach (repeatable): metadata is stripped, text in it and "
                   "faces are screened.")
@click.option("--alt", "alts", multiple=True,
              help="Alt text for each --media, in the same order (screened like the text).")
@staff_option
def create(text: str | None, file: str | None, platforms: tuple[str, ...], at: str | None,
           media: tuple[str, ...], alts: tuple[str, ...], as_staff: str | None) -> None:
    """Queue a new post. Prints the new post's id on stdout."""
    from social_bot.drafts import read_text
    from social_bot.posts import create_post, prepare_draft

    staff = current_staff(as_staff)
    body = read_text(text, file)
    app = open_app(policy_required=True)
    app.db  # noqa: B018 - fail on an unreachable database before the slow screen
    app.policy  # noqa: B018 - and on a broken policy file
    draft = prepare_draft(app, body, platforms, at, media, alts=list(alts) if alts else None)
    with printed_with_commit():
        post_id = create_post(app, staff, draft)
        click.echo(post_id)  # first: a script that is stopped now still learns the id
    console = stderr_console()
    render_media(console, [m.stored() for m in draft.content.media])
    if draft.findings:
        console.print(f"The PHI screen found {len(draft.findings)} thing(s) in post {post_id}:")
        render_findings(console, draft.findings)
    if draft.blocked:
        console.print(f"[bold red]Post {post_id} is blocked[/]: edit it with "
                      f"`socialbot post edit {post_id} {_edit_hint(draft.findings)}` before "
                      "it can be approved, "
                      "or dismiss a finding you judge wrong, with a reason the approvers see "
                      f"(`socialbot post show {post_id}` numbers the findings and shows how).",
                      soft_wrap=True)
    else:
        console.print(f"Post {post_id} is waiting for two approvals "
                      f"({', '.join(draft.content.platforms)}).")
    if (note := _unnamed_login(app, staff)) is not None:
        click.echo(visible(note), err=True)
    _unwitnessed_note(app, post_id)


def _unwitnessed_note(app: Any, post_id: int) -> None:
    """With [approval] os_witness, a note when no witness could be left (no daemon has
    made its folder yet): the approvals would be refused, saying this later."""
    from social_bot import witness

    if witness.required(app.policy) and not witness.spool_dir(app.settings).is_dir():
        click.echo(f"note: the daemon's witness folder {witness.spool_dir(app.settings)} "
                   "does not exist yet (the daemon makes it at its first start), so the OS "
                   f"has not witnessed that you wrote post {post_id}; once the daemon runs, "
                   f"run `socialbot post witness {post_id}`, or it cannot be approved",
                   err=True)


def _unnamed_login(app: Any, staff: Any) -> str | None:
    """A note when the policy names nobody with the writer's login: the post was accepted
    and shown "by root", with no word of how to give it a name (the newcomer walk-through,
    session 50, finding 15). Accepted still: writing needs no entry (policy.example.toml)."""
    approval = app.policy.approval
    if approval is None or not staff.os_user or approval.staff_name(staff.os_user):
        return None
    return (f"note: the policy names nobody with the OS login {staff.os_user!r}, so the "
            f"audit trail and the approvers see this post as written by {staff.os_user!r}; "
            f"to give it a name, add {{ name = \"...\", os_user = \"{staff.os_user}\" }} "
            "to `staff` under [approval] in the policy file")


def _edit_hint(findings: list) -> str:
    """The `post edit` options that change what blocks: the text, an alt text, the images
    (`--text` was suggested when only the picture blocked: the newcomer walk-through,
    session 49)."""
    kinds = {str(getattr(f, "source", None) or "text").partition(":")[0] for f in findings
             if getattr(f, "severity", None) == "block"} or {"text"}
    hints = [hint for kind, hint in (("text", "--text ..."), ("alt", "--alt ...")) if kind in kinds]
    if kinds - {"text", "alt"}:
        hints.append("--media PATH (another image) or --no-media")
    return " / ".join(hints)


@post.command("edit")
@post_id_argument
@click.option("--text", help="The new text.")
@click.option("--file", "file", type=click.Path(dir_okay=False),
              help="Read the new text from a file.")
@click.option("--platform", "platforms", multiple=True, help="Replace the platforms.")
@click.option("--at", "at", metavar="ISO-8601", help="Change when to publish.")
@click.option("--media", "media", multiple=True, type=click.Path(dir_okay=False),
              help="Replace the post's images with these (repeatable): checked and screened "
                   "as `post create --media` does.")
@click.option("--no-media", "no_media", is_flag=True, help="Remove the post's images.")
@click.option("--alt", "alts", multiple=True,
              help="Alt text for each image, in order (with --media: one per --media; alone: "
                   "replaces the current images' alt texts).")
@staff_option
def edit(post_id: int, text: str | None, file: str | None, platforms: tuple[str, ...],
         at: str | None, media: tuple[str, ...], no_media: bool, alts: tuple[str, ...],
         as_staff: str | None) -> None:
    """Make a new revision: it is screened again and earlier approvals are voided."""
    from social_bot.drafts import read_text
    from social_bot.posts import edit_post

    staff = current_staff(as_staff)
    if media and no_media:
        raise click.UsageError("--media replaces the images and --no-media removes them: "
                               "give one of them")
    if no_media and alts:
        raise click.UsageError("--alt describes an image, and --no-media removes them all")
    body = read_text(text, file) if (text is not None or file is not None) else None
    if body is None and not platforms and at is None and not alts and not media \
            and not no_media:
        raise click.UsageError("nothing to change: give --text/--file, --platform, --at, "
                               "--media, --no-media or --alt")
    images = [] if no_media else list(media) if media else None
    app = open_app(policy_required=True)
    result = edit_post(app, staff, post_id, body, platforms or None, at, images,
                       alts=list(alts) if alts else None)
    console = stderr_console()
    render_media(console, result["media"])
    if result["media_removed"]:
        console.print(f"{result['media_removed']} image(s) removed from post {post_id}.")
    if result["findings"]:
        render_findings(console, result["findings"])
    voided = result["approvals_voided"]
    console.print(f"Post {post_id} is now revision {result['revision']}, "
                  f"{status_words(result['status'])}"
                  + (f"; {voided} earlier approval(s) voided." if voided else "."))
    _unwitnessed_note(app, post_id)


@post.command("list")
@click.option("--status", help="Only posts in this state, by its name: " + ", ".join(
    f"{name} ({said})" if said != name else name for name, said in STATUS_WORDS.items()) + ".")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=SKIP,
              help="Skip the N newest posts first (with --limit: the next page).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def list_(status: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List posts, newest first."""
    from social_bot.posts import list_posts

    app = open_app()
    rows = list_posts(app, status, limit, offset)
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo("no posts", err=True)
        return
    console = cli_console()
    # at a terminal a post's first line, in a fitted table; piped, its whole text, line
    # breaks escaped (print_table), as the README promises "untruncated" (session 51)
    # a person reads the state in words; a pipe keeps the name `--status` takes (session 52)
    state = status_words if console.is_terminal else str
    cells = [[str(row["id"]), state(row["status"]), str(row["revision"]), _approvals_cell(row),
              ",".join(SHORT.get(p, p) for p in row["platforms"]),
              show_time(row["scheduled_at"], app.settings.timezone, empty="asap"),
              shown(row["author"]), shown(_first_line(row["text"]) if console.is_terminal
                                          else row["text"] or "")]
             for row in rows]
    print_table(console, ["id", "status", "rev", "ok", "on", "at", "author", "text"], cells)
    for row in rows:
        if row["approvals_note"]:  # recorded votes that no longer count, and why
            console.print(f"Post {row['id']}: {shown(row['approvals_note'])}", soft_wrap=True)


def _first_line(text: str | None) -> str:
    return text.splitlines()[0] if text else ""


def _approvals_cell(row: dict) -> str:
    """The approvals that count now, and how many recorded ones do not ("1 (1 void)")."""
    void = row["approvals"] - row["approvals_holding"]
    return f"{row['approvals_holding']}" + (f" ({void} void)" if void else "")


post.add_command(list_, "list")


@post.command("show")
@post_id_argument
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show(post_id: int, as_json: bool) -> None:
    """Revisions, findings, approvals and deliveries of one post."""
    from social_bot.cli_views import changed_images, chat_code, record_read
    from social_bot.domain import BEFORE_PUBLISHING, Status
    from social_bot.posts import show_post
    from social_bot.review_card import preview_line

    app = open_app()
    detail = show_post(app, post_id)
    changed = changed_images(detail["media"])
    if changed:  # the images shown are not the ones hashed: no code, no read recorded
        detail = {**detail, "not_shown": (
            f"image(s) {', '.join(map(str, changed))} of revision {detail['revision']} do "
            "not match the hash it was written with (changed on disk or in the database), "
            "so they are not shown; run `socialbot audit verify`")}
    # an approver's login reading a revision chat cannot show in full: its code then counts
    # for them (and only them) in chat (session 51's attack review, finding 4)
    record_read(app, os_login(), detail)
    if as_json:  # with the code where chat's card would show one (session 52)
        print_json({**detail, **chat_code(app, detail)})
        return
    from rich.table import Table

    console = cli_console()
    # no code for words that do not hash to what a vote names: they are not shown (P1)
    code = ("no code: not shown" if detail.get("not_shown") else
            "code " + shown_code(detail["revision"], detail["revision_hash"]))
    console.print(f"[bold]Post {detail['id']}[/]  {status_words(detail['status'])}  revision "
                  f"{detail['revision']} ({code})  by {shown(detail['author'])}")
    if detail["status_reason"]:
        console.print(f"Reason: {shown(detail['status_reason'])}")
    when = show_time(detail["scheduled_at"], app.settings.timezone, empty="as soon as approved")
    console.print(f"Platforms: {', '.join(detail['platforms'])}   At: {when}")
    answered = detail["reply_to"]
    if answered:  # a reply is judged by what it answers
        said = ("(text and author's name purged)" if answered["purged"] else
                f"{shown(answered['author'])}: {shown(answered['text'])}")
        console.print(f"In reply to comment {answered['id']} on {answered['platform']} "
                      f"({answered['state']}) from {said}", soft_wrap=True)
    current = next(r for r in detail["revisions"] if r["number"] == detail["revision"])
    console.print("(text purged: its hash and the findings' categories remain)"
                  if current["purged"] else shown(detail["text"]), soft_wrap=True)
    if detail.get("hidden"):  # the text above looks clean: say what it hides, and where
        console.print(f"[bold red]Hidden characters[/]: {shown(detail['hidden'])}",
                      soft_wrap=True)
    previews = preview_line(detail, shown)
    if previews:
        console.print(previews, soft_wrap=True)
    render_media(console, detail["media"], purged=current["purged"],
                 editable=Status(detail["status"]) in BEFORE_PUBLISHING, changed=changed)
    if changed:
        console.print(f"[bold red]Not shown[/]: {shown(detail['not_shown'])}", soft_wrap=True)
    if detail["findings"]:
        console.print("PHI screen findings:")
        render_findings(console, detail["findings"])
        if detail["status"] == "blocked_phi":
            from policies.review import REASON_LABELS
            from social_bot.cli.review_cmd import REASONS

            console.print(f"To dismiss a finding you judge wrong: `socialbot post dismiss "
                          f"{detail['id']} F1 --reason {'|'.join(REASONS)} "
                          "[--consent ID] [--note TEXT]`", soft_wrap=True)
            console.print("  reasons: " + "; ".join(f"{r} = {said}" for r, said in
                                                      REASON_LABELS.items()), soft_wrap=True)
    if detail["approvals_note"]:  # recorded votes that no longer count, and why
        console.print(f"Approvals of this revision: "
                      f"{shown(', '.join(detail['approvals_holding'])) or 'none hold'} · "
                      f"{shown(detail['approvals_note'])}", soft_wrap=True)
    else:
        console.print(f"Approvals of this revision: "
                      f"{shown(', '.join(detail['approvals'])) or 'none yet'}")
    table = Table("platform", "status", "attempts", "last error")
    for d in detail["deliveries"]:
        table.add_row(d["platform"], _delivery_status(d["status"], detail["status"]),
                      str(d["attempts"]), shown(d["last_error"]))
    console.print(table)
    for line in _delivery_ids(detail["deliveries"]):
        console.print(line, soft_wrap=True)


def _delivery_ids(deliveries: list[dict[str, Any]]) -> list[str]:
    """Each delivery's platform id and account, a line each under the table: in it, at 80
    columns, they were cut ("100000000000…"; the newcomer, session 52), and the platform id
    is what finds the post on the platform (and what a sandbox test comment names)."""
    lines = []
    for d in deliveries:
        said = [f"{label} {shown(d[key])}" for key, label in (("remote_id", "platform id"),
                                                              ("account", "account"))
                if d[key]]
        if said:
            lines.append(f"  {d['platform']}: {', '.join(said)}")
    return lines


# Post states in which a delivery's "pending" means nothing will go out as things stand.
_NOT_SENDING = frozenset({"draft", "blocked_phi", "pending_approval", "rejected", "held"})


def _delivery_status(delivery: str, post: str) -> str:
    """A blocked or rejected post's deliveries read "pending", which a newcomer took for
    "about to publish" (session 50): say they are not sent, and why. --json is unchanged."""
    return f"not sent (post {status_words(post)})" if delivery == "pending" \
        and post in _NOT_SENDING \
        else delivery


@post.command("witness")
@post_id_argument
@click.option("--yes", is_flag=True,
              help="Without a terminal: you have read the revisions and wrote them yourself.")
def witness_(post_id: int, yes: bool) -> None:
    """Leave, in the daemon's witness folder, the OS's word that your login wrote this
    post's revisions that name it (`post create` and `post edit` do so themselves; needed
    with [approval] os_witness when they could not, e.g. before the daemon's first start).
    It shows each such revision and asks "Did you write this?": another login can write a
    revision under your name, and this command is what makes it count as yours."""
    from social_bot import witness
    from social_bot.errors import UserError

    app = open_app(policy_required=True)
    login = os_login()
    mine = _written_as(app, post_id, login)
    if not mine:
        raise UserError(f"post {post_id}: no revision names your login ({login}) as its "
                        "writer; only a revision's writer can witness it")
    unshown = next((r["not_shown"] for r in mine if r["not_shown"]), None)
    if unshown is not None:  # nothing shown, nothing witnessed (session 54, P2)
        raise UserError(f"post {post_id}: {unshown}; nothing was witnessed. Tell your "
                        "administrator: the post's text was changed in the database")
    if not yes and not sys.stdin.isatty():
        raise UserError(f"post {post_id}: `socialbot post witness` shows the revisions "
                        "written under your login and asks whether you wrote them; run it at "
                        "a terminal, or add --yes once you have read them with `socialbot "
                        f"post show {post_id}`")
    console = cli_console()
    for revision in mine:
        console.print(f"[bold]Post {post_id}[/]  revision {revision['number']}, written "
                      f"{revision['at']} under your login ({shown(login)}), hash "
                      f"{revision['hash'][:12]}:")
        console.print(revision["text"], soft_wrap=True)
        if revision["hidden"]:  # as `post show`: what the clean-looking text hides
            console.print(f"[bold red]Hidden characters[/]: {shown(revision['hidden'])}",
                          soft_wrap=True)
    # `post create` and `post edit` leave this file themselves: a writer asked to run this
    # for a post they just wrote from their own login has reason to doubt the text
    click.echo("note: `post create` and `post edit` leave this witness themselves; it is "
               "needed only for a revision written before the daemon's first start", err=True)
    if not yes and not click.confirm("Did you write this?", default=False, err=True):
        raise UserError(f"post {post_id}: not witnessed. If you did not write it, cancel the "
                        f"post (`socialbot post cancel {post_id}`) and tell your "
                        "administrator: another login wrote it under your name")
    for revision in mine:
        problem = witness.leave(app.settings, witness.WROTE, post_id, revision["number"],
                                revision["hash"])
        if problem is not None:
            raise UserError(problem)
    numbers = ", ".join(str(r["number"]) for r in mine)
    click.echo(f"post {post_id}: your login ({login}) is witnessed as the writer of "
               f"revision(s) {numbers}; the daemon seals it at the next approval", err=True)


def _written_as(app: Any, post_id: int, login: str | None) -> list[dict[str, Any]]:
    """The revisions of the post whose writer is this login, as `post show` prints them."""
    from sqlalchemy import select

    from social_bot import audit
    from social_bot.db.models import Revision
    from social_bot.posts import hidden_in_revision, show_post

    show_post(app, post_id)  # the post's own refusals (no such post) first
    if not login:
        return []
    with app.db.read() as session:
        rows = session.scalars(select(Revision).where(
            Revision.post_id == post_id, Revision.written_by == f"os:{login}")
            .order_by(Revision.number)).all()
        keys = session.info.get("audit_keys")
        # each row's words are checked against the hash the witness will name, as
        # `post show` checks them (audit.not_shown): a decoy put in the row while the writer
        # reads it had them vouch for words they never saw (session 54's attack review, P2)
        return [{"number": r.number, "hash": r.content_hash,
                 "at": show_time(r.created_at) if r.created_at else "at an unknown time",
                 "text": "(text purged)" if r.purged_at is not None else shown(r.text),
                 "hidden": hidden_in_revision(post_id, r) or "",
                 "not_shown": audit.not_shown(r, keys)}
                for r in rows]


@post.command("cancel")
@post_id_argument
@staff_option
def cancel(post_id: int, as_staff: str | None) -> None:
    """Cancel a post; once it has started publishing, withdraw what has not gone out yet
    (a delivery held or waiting on one platform); what was published stays."""
    from social_bot.posts import cancel_post

    withdrawn = cancel_post(open_app(), current_staff(as_staff), post_id)
    if withdrawn:
        click.echo(f"post {post_id}: withdrawn from {', '.join(withdrawn)}; what was already "
                   "published stays (delete it on the platform if it must go)", err=True)
    else:
        click.echo(f"post {post_id} cancelled", err=True)


@post.command("purge")
@post_id_argument
@staff_option
def purge(post_id: int, as_staff: str | None) -> None:
    """Erase the text of a post's blocked revisions now, and their image files that no
    other post uses (hashes and categories remain)."""
    from social_bot.retention import purge_post

    done = purge_post(open_app(), post_id, current_staff(as_staff))
    numbers = ", ".join(str(n) for n in done.revisions)
    removed = (f"; {done.media_removed} image file(s) no other post uses deleted"
               if done.media_removed else "")
    kept = (f"; {done.media_deferred} image file(s) used in the last hour kept for now (the "
            "daemon deletes them later if no post uses them)" if done.media_deferred else "")
    click.echo(f"post {post_id}: text of blocked revision(s) {numbers} purged{removed}{kept}"
               + ("; the post is cancelled" if done.cancelled else ""), err=True)
    if done.scrub_note:
        click.echo(f"note: {done.scrub_note}", err=True)


def _add_dismiss() -> None:
    from social_bot.cli.review_cmd import dismiss

    post.add_command(dismiss)


_add_dismiss()
