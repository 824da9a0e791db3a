"""`socialbot comments classify`: how a comment would be flagged, before it is ever posted.

Exit codes: 0 nothing flagged, 1 something flagged, 2 error.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO, TextIO

import click

from social_bot.cli.common import json_text, visible

BATCH_SIZE = 256  # comments per classify_many call: the PHI model batches them through spaCy


class ClassifyError(click.ClickException):
    """Bad input or an unusable setting: one line on stderr, exit 2."""

    exit_code = 2


class _InputFile(click.File):
    """click.File, a missing file said as `screen --file` says it ("file not found: F"), not
    click's "Invalid value for '--file': ..." (the newcomer walk-through, session 49), and a
    FIFO or a socket refused before the open that would wait for a writer (session 53)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and value != "-":
            if not os.path.lexists(value):
                raise ClassifyError(f"file not found: {value}")
            try:  # a FIFO's open waits for a writer, for ever: refused as `screen` refuses it
                kind = stat.S_IFMT(os.stat(value).st_mode)
            except OSError:
                kind = None  # a loop or no permission: click's open says which
            if kind in (stat.S_IFIFO, stat.S_IFSOCK):
                raise ClassifyError(f"file {value} is not a regular file (a pipe or a socket)")
        return super().convert(value, param, ctx)


@click.command("classify")
@click.argument("text", required=False)
@click.option("--file", "file_", type=_InputFile("r", encoding="utf-8"),
              help="Read one comment from a file ('-' for stdin).")
@click.option("--batch", type=_InputFile("rb"),
              help="Classify one comment per line (plain text, or JSONL with a \"text\" key); "
                   "prints one JSON result per comment, naming its \"line\"; blank lines "
                   "are skipped.")
@click.option("--json", "as_json", is_flag=True, help="Print {\"flags\": [...]} as JSON.")
@click.option("--fast", is_flag=True,
              help="Quicker: skip the full PHI reading (its spaCy model); PHI is then found "
                   "by word lists only.")
@click.pass_context
def classify(ctx: click.Context, text: str | None, file_: TextIO | None, batch: BinaryIO | None,
             as_json: bool, fast: bool) -> None:
    """How a comment would be flagged: negative, abuse, phi, self_disclosure,
    medical_advice, spam, crisis, or unjudged (a language the models cannot read).

    Exit 0 when nothing is flagged, 1 when something is, 2 on error.
    """
    sources = [s for s in (text, file_, batch) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of TEXT, --file F or --batch F")
    from social_bot.errors import UserError
    from social_bot.inputs import MAX_TEXT_CHARS, check_text

    if batch is not None:
        # read and checked before the models load: bad input costs no model
        numbered = _batch_comments(batch)
        classifier, _ = _classifier(fast)
        ctx.exit(_run_batch(classifier, numbered))
    classifier, policy = _classifier(fast)
    try:
        # Read no more than a text can hold: `--file /dev/zero` would otherwise never end.
        comment = text if text is not None else file_.read(MAX_TEXT_CHARS + 1)  # type: ignore[union-attr]
        check_text(comment, "the comment")  # blank, or too long for the PHI model
    except UserError as exc:
        raise ClassifyError(str(exc)) from None
    flags = _classify(classifier, [comment])[0]
    if as_json:
        click.echo(json_text({"flags": [f.to_dict() for f in flags]}))
    else:
        _print_human(flags, policy)
    ctx.exit(1 if flags else 0)


def _classifier(fast: bool) -> tuple[Any, Any]:
    """The policy's classifier; with the PHI screen unless --fast."""
    from policies.moderation import CommentClassifier
    from social_bot.errors import UserError
    from social_bot.settings import load_policy, load_settings

    try:
        settings = load_settings()
        policy = load_policy(settings, required=False)
    except UserError as exc:
        raise ClassifyError(str(exc)) from None
    allow = policy.phi
    screen = None
    if not fast:
        from policies.phi import get_screen

        phi = get_screen(allow, settings.spacy_model)

        def screen(texts: list[str]) -> list[list[Any]]:
            return phi.screen_many(texts, context="comment")

    classifier = CommentClassifier(policy.moderation, screen, allow_domains=allow.domains)
    return classifier, policy.moderation


def _classify(classifier: Any, texts: list[str]) -> list[list[Any]]:
    try:
        return classifier.classify_many(texts)
    except Exception as exc:  # a model failing to load: say why, in one line
        if type(exc).__name__ == "CommentModelMissing":
            raise ClassifyError(str(exc).splitlines()[0]) from None
        if isinstance(exc, _screen_unavailable()):
            raise ClassifyError(f"{str(exc).splitlines()[0]} (or use --fast)") from None
        raise


def _screen_unavailable() -> type[Exception]:
    from policies.phi import ScreenUnavailable

    return ScreenUnavailable


def _batch_texts(stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """(line number, comment) per comment line. Lines end at "\\n" only: read as text, a lone
    carriage return also ended a line, so one comment became two and every later result
    landed on the wrong line (an outside review, session 42: a PHI verdict on the wrong
    comment). A blank line (spaces and tabs at most) is skipped, as `screen --batch` skips
    it, and each result names its line (session 51, the newcomer's #17: one blank line in
    the middle failed the whole batch); a line of invisible characters or {"text": ""} is
    still refused with its number."""
    from social_bot.inputs import MAX_BATCH_BYTES, MAX_TEXT_CHARS

    # Bounded as `screen --batch` is: a line is read up to what the longest comment can take
    # (12 bytes a character: a JSON line's "\ud83d\ude00"), the whole batch up to
    # MAX_BATCH_BYTES. Iterating the stream read a line whole, so `--batch /dev/zero` grew
    # until MemoryError (an outside review, session 43: 650 MB for a 300 MB line).
    line_cap = 12 * MAX_TEXT_CHARS + 2
    total = 0
    for number in range(1, MAX_BATCH_BYTES + 2):  # each line is a byte at least
        raw = stream.readline(line_cap + 1)
        if not raw:
            return
        if number == 1:  # a byte-order mark is no part of the text, as `screen --batch` drops
            raw = raw.removeprefix(b"\xef\xbb\xbf")  # it (Notepad, PowerShell write one)
        total += len(raw)
        if len(raw) > line_cap:
            raise ClassifyError(f"line {number}: longer than {line_cap:,} bytes; at most "
                                f"{MAX_TEXT_CHARS:,} characters per comment")
        if total > MAX_BATCH_BYTES:
            raise ClassifyError(f"the batch is larger than {MAX_BATCH_BYTES:,} bytes, more "
                                "than socialbot reads at once; split it")
        if not raw.removesuffix(b"\n").removesuffix(b"\r").strip(b" \t"):
            continue  # the same blank `screen --batch` skips (its results name their line)
        try:
            line = raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
        except UnicodeDecodeError:
            raise ClassifyError(f"line {number}: not UTF-8 text") from None
        if len(line) > MAX_TEXT_CHARS:
            raise ClassifyError(f"line {number}: {len(line):,} characters; at most "
                                f"{MAX_TEXT_CHARS:,} per comment")
        stripped = line.strip()
        if stripped.startswith("{"):
            try:
                row = json.loads(stripped)
            except json.JSONDecodeError:
                row = None  # a comment that happens to start with "{"
            except RecursionError:
                raise ClassifyError(f"line {number}: JSON nested too deep") from None
            if isinstance(row, dict):
                if not isinstance(row.get("text"), str):
                    raise ClassifyError(f"line {number}: JSON object without a \"text\" string")
                yield number, _checked(number, row["text"])
                continue
        yield number, _checked(number, line)


def _checked(number: int, text: str) -> str:
    """A blank comment (or one of invisible characters only) is refused with its line, as
    the single-text form refuses it: a clean result for it read as a comment that passed
    (an outside review, session 47)."""
    from social_bot.errors import UserError
    from social_bot.inputs import check_text

    try:
        return check_text(text, "the comment")
    except UserError as exc:
        raise ClassifyError(f"line {number}: {exc}") from None


def _batch_comments(stream: BinaryIO) -> list[tuple[int, str]]:
    """Every comment line read and checked before the first result is printed, so a bad line
    stops the batch with nothing half done (bounded by MAX_BATCH_BYTES); a batch of none is
    refused as `screen --batch` refuses it (session 54: it exited 0, judging nothing)."""
    from social_bot.cli.screen_cmd import EMPTY_BATCH, note_skipped

    numbered = list(_batch_texts(stream))
    if not numbered:
        # stdin reopened on descriptor 0 (cli._standard_streams) is named 0, not "<stdin>"
        name = getattr(stream, "name", None)
        raise ClassifyError(f"{name if isinstance(name, str) else '<stdin>'}: {EMPTY_BATCH}")
    note_skipped([n for n, _ in numbered])
    return numbered


def _run_batch(classifier: Any, numbered: list[tuple[int, str]]) -> int:
    """One JSON line out per comment line in, naming its "line"."""
    any_flagged = False
    for start in range(0, len(numbered), BATCH_SIZE):
        chunk = numbered[start:start + BATCH_SIZE]
        for (n, _), flags in zip(chunk, _classify(classifier, [t for _, t in chunk]),
                                 strict=True):
            any_flagged = any_flagged or bool(flags)
            sys.stdout.write(json_text({"flags": [f.to_dict() for f in flags], "line": n})
                             + "\n")
        sys.stdout.flush()
    return 1 if any_flagged else 0


def _print_human(flags: list[Any], policy: Any) -> None:
    from policies.moderation import should_auto_hide
    from policies.moderation.wording import WEAK, flag_words, plain_reason

    if not flags:
        click.echo("no flags")
        return
    for f in flags:
        # in words; the scores and the models' drivers are in --json (session 52)
        weak = ", a weak reading" if f.score < WEAK else ""
        click.echo(f"{flag_words(f.flag)}{weak}: {visible(plain_reason(f.reason))}")
    if should_auto_hide(flags, policy):
        from adapters import PLATFORMS, can_hide

        # "hidden" is untrue where the platform has no hiding (session 50)
        cannot = [name for name in PLATFORMS if not can_hide(name)]
        where = (f" ({', '.join(cannot)} cannot hide comments: there it stays visible until "
                 "someone deletes it)") if cannot else ""
        click.echo(f"would be hidden on the platform until a person reviews it{where}")
    else:
        click.echo("would wait in the review queue (not hidden)")
