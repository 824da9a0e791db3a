"""`socialbot screen`: check a draft for PHI before it is queued.

Exit 0 when nothing blocks, 1 when something does, 2 on error (model unavailable,
unreadable file, bad policy)."""

from __future__ import annotations

import json
import sys

import click


def _read(path: str, batch: bool = False) -> str:
    from social_bot.inputs import MAX_BATCH_BYTES, MAX_FILE_BYTES, read_text_file

    return read_text_file(path, "file", MAX_BATCH_BYTES if batch else MAX_FILE_BYTES)


CONTEXTS = ("post", "reply", "comment")
# Said by `screen --batch` and `comments classify --batch` alike: an empty batch (an export
# that failed, a wrong path's fresh file, a filter that matched nothing) is bad input, not
# a clean verdict (DESIGN.md: exit 0 is "nothing blocks", and a crash never reads as one).
EMPTY_BATCH = "no text to judge: the batch is empty or holds blank lines only"


def door_check(text: str, context: str) -> str:
    """``text`` as the door for ``context`` takes it, through that door's own check: a post
    or a reply through inputs.require_text, as `post create` and `comments reply` do (a
    hidden carrier, a control character: refused in the same one line; what the check
    normalises is what is screened), a comment through check_text alone (it comes from the
    platform, where no door of ours refused anything). Before session 51 `screen` only
    asked check_text and passed a tag character `post create` refused (newcomer, #9)."""
    from social_bot.inputs import check_text, require_text

    return check_text(text) if context == "comment" else require_text(text)


def _batch_texts(path: str, default_context: str) -> list[tuple[int, str, str]]:
    """(line number, text, context) per text line, every line checked before any is
    screened. A JSONL line may carry its own "context" (a content-calendar export mixing
    posts and replies): a reply is screened as the reply it is, as `comments reply` would;
    lines without one take --context. A blank line is skipped (session 51: one blank line
    in a calendar failed the whole batch) and each result names its line, so none is read
    as another's; a line of invisible characters only, or {"text": ""}, is still refused
    with its number, as the single-text forms refuse an empty text (an outside review,
    session 47: a clean verdict for it read as a text that passed)."""
    texts: list[tuple[int, str, str]] = []
    # lines end at "\n" only: str.splitlines() also breaks at U+2028, U+2029, U+0085 and a
    # few controls, which cut one text in two and shifted every later result onto the wrong
    # line (found by review)
    lines = _read(path, batch=True).split("\n")
    for n, line in enumerate(lines, 1):
        line = line.removesuffix("\r")
        if line.strip(" \t"):
            texts.append((n, *_batch_line(path, n, line, default_context)))
    if not texts:
        # a batch of nothing judged nothing: exit 0 read as "nothing blocks" (session 54)
        raise click.ClickException(f"{path}: {EMPTY_BATCH}")
    note_skipped([n for n, _, _ in texts])
    return texts


def note_skipped(kept: list[int]) -> None:
    """One note on stderr naming the blank lines a batch skipped between its first and last
    text (`kept`: the numbers of the lines read, in order); blank lines at the end (an
    editor's) shift nothing and get none. Shared by `screen --batch` and `comments classify
    --batch` so both say it alike."""
    taken = set(kept)
    inside = [n for n in range(1, kept[-1]) if n not in taken] if kept else []
    if inside:
        shown = ", ".join(str(n) for n in inside[:10]) + (" ..." if len(inside) > 10 else "")
        click.echo(f"note: skipped {len(inside)} blank line(s) ({shown}); each result names "
                   "its line (\"line\")", err=True)


def _checked(path: str, n: int, text: str, context: str) -> str:
    from social_bot.errors import UserError

    try:
        return door_check(text, context)
    except UserError as exc:
        raise click.ClickException(f"{path}:{n}: {exc}") from None


def _batch_line(path: str, n: int, line: str, default_context: str) -> tuple[str, str]:
    if not line.lstrip().startswith("{"):
        return _checked(path, n, line, default_context), default_context
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
    except RecursionError:
        raise click.ClickException(f"{path}:{n}: JSON nested too deep") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise click.ClickException(f'{path}:{n}: a JSON line needs a string "text" key')
    context = record.get("context", default_context)
    if context not in CONTEXTS:
        raise click.ClickException(
            f'{path}:{n}: "context" must be one of {", ".join(CONTEXTS)}')
    return _checked(path, n, record["text"], context), context


def _screen_batch(phi, items: list[tuple[int, str, str]]) -> list[list]:  # noqa: ANN001
    """Screen each context's texts in one batched call; results in input order."""
    results: list[list] = [[] for _ in items]
    for context in CONTEXTS:
        chosen = [(i, item[1]) for i, item in enumerate(items) if item[2] == context]
        if chosen:
            found = phi.screen_many([text for _, text in chosen], context=context)
            for (i, _), findings in zip(chosen, found, strict=True):
                results[i] = findings
    return results


def _result(findings: list) -> dict:
    from policies.phi import is_blocking

    return {"blocked": is_blocking(findings), "findings": [f.to_dict() for f in findings]}


def _render(text: str, findings: list) -> None:
    from rich.text import Text

    from social_bot.cli.common import cli_console, shown, visible

    console = cli_console()
    marked = Text(visible(text))  # one glyph a control: the spans stay in place
    for f in findings:
        marked.stylize(
            "bold white on red" if f.severity == "block" else "black on yellow", f.start, f.end
        )
    console.print(marked)
    if not findings:
        console.print("[green]No patient identifiers found.[/green]")
        return
    for f in findings:
        tag = "[bold red]BLOCK[/bold red]" if f.severity == "block" else "[yellow]check[/yellow]"
        console.print(
            f"{tag} [bold]{shown(f.text)}[/bold] -> suggest {shown(f.redaction)}", highlight=False
        )
        console.print(f"      {visible(f.reason)}", markup=False, highlight=False)
    blocked = sum(f.severity == "block" for f in findings)
    if blocked:
        console.print(
            f"[bold red]{blocked} blocking finding(s): edit the draft before it can be "
            "queued for approval.[/bold red]"
        )


@click.command("screen")
@click.argument("text", required=False)
@click.option("--file", "file_", type=str, metavar="F", help="Read the draft from a file.")
@click.option(
    "--batch",
    type=str,
    metavar="F",
    help='One text per line (or JSONL with a "text" key and an optional "context"); prints '
    "one JSON result per text line, naming its \"line\"; blank lines are skipped.",
)
@click.option("--json", "as_json", is_flag=True, help="Print {blocked, findings} as JSON.")
@click.option(
    "--context",
    type=click.Choice(CONTEXTS),
    default="post",
    show_default=True,
    help="What the text is: a post, a reply to a comment, a comment.",
)
def screen(
    text: str | None, file_: str | None, batch: str | None, as_json: bool, context: str
) -> None:
    """Check TEXT (or --file / --batch) for patient identifiers (HIPAA Safe Harbor).

    Exit 0: nothing blocks; 1: something must be removed; 2: error."""
    sources = [s for s in (text, file_, batch) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of TEXT, --file F or --batch F")
    from policies.phi import ScreenUnavailable, get_screen
    from social_bot.errors import UserError
    from social_bot.settings import load_policy, load_settings

    try:
        settings = load_settings()
        allow = load_policy(settings, required=False).phi
        # a batch is read and checked before the model loads: bad input costs no model
        items = _batch_texts(batch, context) if batch is not None else []
        phi = get_screen(allow, settings.spacy_model)
        if batch is not None:
            blocked = False
            for (n, _, _), findings in zip(items, _screen_batch(phi, items), strict=True):
                result = {**_result(findings), "line": n}
                blocked = blocked or result["blocked"]
                click.echo(json.dumps(result))
            sys.exit(1 if blocked else 0)
        draft = door_check(_read(file_) if file_ is not None else text or "", context)
        findings = phi.screen(draft, context=context)
    except ScreenUnavailable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except (UserError, ValueError) as exc:
        click.echo(
            f"error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", err=True
        )
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(_result(findings)))
    else:
        _render(draft, findings)
    sys.exit(1 if _result(findings)["blocked"] else 0)
