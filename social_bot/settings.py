"""Settings from the environment (and ``.env``), and the practice policy file.

This module is the only one that reads the process environment (``os.environ``) or a
``.env`` file: everything else gets a ``Settings`` (typed fields, plus ``env`` for the
adapters' credentials) or calls ``environment()``. tests/test_settings_owner.py checks it.

Secrets stay in the environment; the policy (who approves, what the PHI screen may
allow) is a TOML file named by ``SOCIALBOT_POLICY``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from social_bot.errors import UserError

if TYPE_CHECKING:
    from policies.config import Policy
    from social_bot.audit_key import AuditKeys, KeyWatch

DEFAULT_PORT = 8787


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    policy_path: Path | None
    http_host: str = "127.0.0.1"
    http_port: int = DEFAULT_PORT
    env: Mapping[str, str] = field(default_factory=dict, repr=False)
    # The staff name recorded as author when --as is not given (SOCIALBOT_USER).
    user: str | None = None
    # The spaCy pipeline behind the PHI screen; None means the pinned default.
    spacy_model: str | None = None
    # IANA zone name times are shown in (social_bot/timefmt.py); None: the machine's zone.
    timezone: str | None = None
    # The chat door's vote key (SOCIALBOT_VOTE_KEY_FILE); None: vote.key in the data dir.
    vote_key_file: Path | None = None
    # The chat door's Unix socket (SOCIALBOT_CHAT_SOCKET); None: TCP on http_host:http_port.
    chat_socket: Path | None = None


def _dotenv_path(env: Mapping[str, str] | None = None) -> Path:
    """Where ``.env`` is read from: the file named by SOCIALBOT_ENV_FILE, else ``.env`` in
    the data directory. Never the current directory's, which whoever controls that
    directory could plant (issue 14.9)."""
    env = os.environ if env is None else env
    named = env.get("SOCIALBOT_ENV_FILE")
    if named:
        return Path(named).expanduser()
    return Path(env.get("SOCIALBOT_DATA_DIR") or _default_data_dir(env)).expanduser() / ".env"


def _dotenv_values() -> dict[str, str]:
    path = _dotenv_path()
    stray = Path.cwd() / ".env"
    if stray.is_file() and stray.resolve() != path.resolve():
        logging.getLogger("socialbot.settings").warning(
            "warning: ignoring %s: settings are read from %s (or the file named by "
            "SOCIALBOT_ENV_FILE)", stray, path)
    read = _read_once(path, follow_link=True)
    if read is None or read.st is None and read.file_problem is None:
        return {}  # no file: nothing to read (the daemon alone refuses a missing one)
    if read.file_problem:
        # A colleague's file chose the database, the audit key and the tokens a staff
        # command used, with only a warning (session 50, left open): refused now, as the
        # daemon refuses it. root's file and the caller's own are read.
        raise UserError(f"refusing to read settings file {path}: it {read.file_problem}; "
                        "keep your settings in a file of your own (SOCIALBOT_ENV_FILE)")
    values = read.values
    _refuse_if_secrets_readable(path, values, read.st)
    if read.folder_problem:
        # The file is the caller's or root's, but others may put another in its place
        # (a shared data directory): read, with the warning, but not where it sends
        # credentials: a colleague's planted LINKEDIN_AUTH_BASE with SOCIALBOT_SANDBOX=1
        # would take `connect`'s client secret.
        log = logging.getLogger("socialbot.settings")
        log.warning("warning: settings file %s %s", path, read.folder_problem)
        dropped = sorted(k for k in values if k in _CREDENTIAL_ROUTES
                         or k.endswith(("_API_BASE", "_AUTH_BASE")))
        if dropped:
            log.warning("warning: ignoring %s from %s: a file others can change does not "
                        "choose where credentials go", ", ".join(dropped), path)
        values = {k: v for k, v in values.items() if k not in dropped}
    return values


@dataclass(frozen=True)
class _SettingsRead:
    """A settings file opened once: what its open file and its folders allow others."""

    file_problem: str | None  # how another login could have written the file itself
    folder_problem: str | None  # how another login could put another file in its place
    values: dict[str, str] = field(default_factory=dict, repr=False)  # when no file problem
    st: os.stat_result | None = None


def _read_once(path: Path, *, follow_link: bool = False) -> _SettingsRead | None:
    """Open the settings file once (no blocking on a FIFO; a symlink is followed only for
    a staff command, whose folders are then checked where it points too), check the
    *open* file (fstat: a regular file, owned by this account or root, not group/other-
    writable) and its folders, and parse that same file only when the file itself passed.
    None: no file there and nothing wrong with where it would be. A check of the path and
    a second open lost a rename race (~7 % of daemon starts, session 50's F7)."""
    import errno

    from social_bot.filesafety import folder_problem, open_checked, opened_file_problem

    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = open_checked(path, flags if follow_link else flags | os.O_NOFOLLOW)
    except (FileNotFoundError, NotADirectoryError):
        fd = None  # nothing there: a data directory under a plain file holds no settings file
    except OSError as exc:
        return _SettingsRead("is a symbolic link" if exc.errno == errno.ELOOP
                             else f"cannot be opened ({exc.strerror})", None)
    try:
        try:
            folder = folder_problem(path)
        except OSError as exc:
            folder = f"is in a folder that cannot be checked ({exc.strerror})"
        if fd is None:
            return _SettingsRead(None, folder) if folder else None
        st = os.fstat(fd)
        problem = opened_file_problem(st, path)
        if problem:
            return _SettingsRead(problem, folder, st=st)
        with os.fdopen(fd, "rb") as stream:
            fd = None
            values = _parsed(path, stream.read())
        return _SettingsRead(None, folder, values, st)
    finally:
        if fd is not None:
            os.close(fd)


def _parsed(path: Path, data: bytes) -> dict[str, str]:
    """A settings file's NAME=value pairs, or a UserError naming the file and the first line
    that is none: python-dotenv skips such a line with a warning of its own and the command
    went on without the setting the line was meant to give (an audit key, a database URL;
    session 53). A file that is not UTF-8 is named too, not said as "the input"."""
    import io

    from dotenv import dotenv_values
    from dotenv.parser import parse_stream

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"settings file {path} is not UTF-8 text (byte "
                        f"0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
                        ) from None
    # a byte order mark (Windows Notepad's UTF-8) made the first name "\ufeffNAME": lost
    text = text.removeprefix("\ufeff")
    for binding in parse_stream(io.StringIO(text)):
        # a bare NAME (no "=") parses as no value and was dropped without a word
        if binding.error or (binding.key is not None and binding.value is None):
            raise UserError(f"settings file {path}, line {binding.original.line}: not a "
                            "NAME=value line (quote a value that holds spaces or '#')")
    return {k: v for k, v in dotenv_values(stream=io.StringIO(text)).items() if v is not None}


# Settings that decide where a credential or a chat reply is sent, besides the *_BASE ones.
_CREDENTIAL_ROUTES = frozenset({"SOCIALBOT_SANDBOX", "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES"})


def daemon_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The daemon's environment: the process's, with the settings file filling gaps, read
    once from a file only this account or root can change.

    The daemon's settings choose its chat secrets and the hosts its tokens go to, so a
    settings file another login could write or replace is refused (session 50's first
    attack review, finding 2). The check and the read were two opens of the path, and a
    file renamed in between was read unchecked (~7 % a start, the second review's F7): now
    the file is opened once (no symlink followed), the open file is checked (fstat: a
    regular file, its owner, its mode), its folder is checked, and the values are parsed
    from that same open file. A missing file in a folder others may write in is refused
    too: what this start reads and what the next one finds there is theirs to choose."""
    base = dict(os.environ if env is None else env)
    path = _dotenv_path(base)
    read = _read_once(path)
    if read is None:
        return base
    if read.st is None and read.file_problem is None:  # no file, in a folder others write
        why = read.folder_problem or ""
        raise _untrusted(path, f"does not exist, and {why.removeprefix('is ')}")
    why = read.file_problem or read.folder_problem
    if why:
        raise _untrusted(path, why)
    _refuse_if_secrets_readable(path, read.values, read.st)
    for key, value in read.values.items():
        base.setdefault(key, value)
    return base


def _untrusted(path: Path, why: str) -> UserError:
    return UserError(f"refusing to start the daemon: settings file {path} {why}; keep the "
                     "daemon's settings in a file only its account or root can change, "
                     "named by SOCIALBOT_ENV_FILE (docs/daemon.md)")


def _refuse_if_secrets_readable(path: Path, values: Mapping[str, str],
                                st: os.stat_result) -> None:
    """A `.env` holding a secret that others may read is refused, as credentials.json is:
    .env.example puts the platforms' tokens and the audit key there, and a 0644 copy was read
    silently (an outside review, session 43). The secret's name is shown, never its value."""
    import re
    import stat

    from social_bot.logs import SECRET_NAME

    # ``st``: the open file's (`_read_once`), never a second stat of the path
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o004 and (not mode & 0o040 or _own_group_alone(st)):
        return
    password_url = re.compile(r"://[^:/@\s]+:[^@\s]+@")
    secret = sorted(k for k, v in values.items()
                    if v and (SECRET_NAME.search(k) or password_url.search(v)))
    if secret:
        shown = ", ".join(secret[:3]) + (" ..." if len(secret) > 3 else "")
        raise UserError(f"{path} holds secrets ({shown}) and is readable by other users "
                        f"(mode {mode:o}); run 'chmod 600 {path}' (and change those secrets "
                        "if others may have read them)")


def _own_group_alone(st: os.stat_result) -> bool:
    """A root-owned file shared with this account's own group, which has no other member:
    readable by root and this account only (docs/daemon.md's 0640 root:socialbot file)."""
    import grp
    import pwd

    if st.st_uid != 0 or st.st_gid != os.getegid():
        return False
    me = pwd.getpwuid(os.geteuid()).pw_name
    try:
        members = set(grp.getgrgid(st.st_gid).gr_mem)
    except KeyError:
        return False
    members |= {p.pw_name for p in pwd.getpwall() if p.pw_gid == st.st_gid}
    return members <= {me}


def environment(*, dotenv: bool = True) -> dict[str, str]:
    """A copy of the process environment; ``.env`` fills gaps but never overrides.

    Child processes (demo, daemon trials) start from this, and nothing here writes to
    ``os.environ``: a value from ``.env`` reaches a child only through this dict.
    """
    env = dict(os.environ)
    if dotenv:
        for key, value in _dotenv_values().items():
            env.setdefault(key, value)
    return env


@contextlib.contextmanager
def library_environment(values: Mapping[str, str]) -> Iterator[None]:
    """Set variables a third-party library reads from os.environ (e.g. oauthlib's
    OAUTHLIB_INSECURE_TRANSPORT) for the duration of a block, then restore them."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _default_data_dir(env: Mapping[str, str]) -> Path:
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "socialbot"


def _text(env: Mapping[str, str], name: str) -> str | None:
    return (env.get(name) or "").strip() or None


def _zone_name(env: Mapping[str, str]) -> str | None:
    """SOCIALBOT_TIMEZONE, refused at once when it names no zone: it was refused only where
    a time is shown, so `post list` of posts without a schedule ran on (session 53)."""
    name = _text(env, "SOCIALBOT_TIMEZONE")
    if name:
        from social_bot.timefmt import display_zone

        display_zone(name)
    return name


def load_settings(env: Mapping[str, str] | None = None, *, dotenv: bool = True) -> Settings:
    """Read settings; the ``.env`` file (see _dotenv_path) fills gaps, never overrides."""
    if env is None:
        env = environment(dotenv=dotenv)
    data_dir = Path(env.get("SOCIALBOT_DATA_DIR") or _default_data_dir(env)).expanduser()
    database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'socialbot.db'}"
    policy = env.get("SOCIALBOT_POLICY")
    if policy:
        policy_path: Path | None = Path(policy).expanduser()
    else:
        candidate = data_dir / "policy.toml"
        policy_path = candidate if candidate.exists() else None
    port_text = env.get("SOCIALBOT_HTTP_PORT") or str(DEFAULT_PORT)
    try:
        port = int(port_text)
    except ValueError:
        raise UserError(f"SOCIALBOT_HTTP_PORT must be a number, got {port_text!r}") from None
    if data_dir.exists() and not data_dir.is_dir():
        # `init` said "File exists: ..." and other commands "no database at FILE/socialbot.db"
        # (the newcomer, session 51, #17)
        raise UserError(f"the data directory {data_dir} (SOCIALBOT_DATA_DIR) is a file, not a "
                        "folder: point SOCIALBOT_DATA_DIR at a folder (`socialbot init` makes "
                        "it if missing)")
    vote_key_file = Path(vote_key).expanduser() if (vote_key := _text(
        env, "SOCIALBOT_VOTE_KEY_FILE")) else None
    if vote_key_file is not None and vote_key_file.is_dir():
        # a folder read as the key: vote.pub was looked for beside it, `check` told to chmod
        # the folder's parent (/tmp), votes went unchecked (the newcomer, session 51, #5)
        raise UserError(f"SOCIALBOT_VOTE_KEY_FILE names a folder ({vote_key_file}); it takes "
                        f"the key's file path, e.g. {vote_key_file / 'vote.key'}, in a folder "
                        "only the daemon's account can write")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        policy_path=policy_path,
        http_host=env.get("SOCIALBOT_HTTP_HOST") or "127.0.0.1",
        http_port=port,
        env=env,
        user=_text(env, "SOCIALBOT_USER"),
        spacy_model=_text(env, "SOCIALBOT_SPACY_MODEL"),
        timezone=_zone_name(env),
        vote_key_file=vote_key_file,
        chat_socket=Path(socket).expanduser() if (socket := _text(
            env, "SOCIALBOT_CHAT_SOCKET")) else None,
    )


def policy_next_step(settings: Settings) -> str:
    """How to make the policy file `socialbot` looks for (the newcomer walk-through, session
    49: no step said so, and the first `post create` only named SOCIALBOT_POLICY)."""
    example = Path(__file__).with_name("policy.example.toml")
    return (f"copy {example} to {settings.data_dir / 'policy.toml'} and put your approvers "
            "in it (or set SOCIALBOT_POLICY to a TOML file with an [approval] table)")


def load_policy(settings: Settings, required: bool = True, *,
                daemon: bool = False) -> Policy:
    """The practice policy. Without a file: an error, or (``required=False``) empty allow-lists.

    ``daemon``: the file is refused, not warned about, when another login could change it
    (its owner, its mode, a folder others may write): the daemon's policy names who approves,
    and a staff login that swapped the file in the shared data directory approved as a
    made-up approver mapped to his own chat id (session 52's attack review, finding 2)."""
    from policies.config import PolicyError, empty_policy, load_policy_file

    if settings.policy_path is None:
        if required:
            raise UserError(f"no policy file: {policy_next_step(settings)}")
        return empty_policy()
    from policies.approval import identity_problem
    from social_bot.filesafety import open_checked, warn_if_writable_by_others

    if settings.policy_path.exists() and not settings.policy_path.is_file():
        # said first: the permission warning below advised `chmod go-w /tmp` for a policy
        # path mistyped as a folder (the newcomer walk-through, session 49)
        raise UserError(f"policy file {settings.policy_path} is not a regular file "
                        "(SOCIALBOT_POLICY names a folder or a device?)")
    if daemon:
        _refuse_replaceable_policy(settings.policy_path)
    else:
        warn_if_writable_by_others(settings.policy_path, "policy file")
    try:
        policy = load_policy_file(settings.policy_path, open_checked)
    except PolicyError as exc:
        raise UserError(str(exc)) from None
    one_word = policy.phi.one_word_names()
    if one_word:  # a first name alone is every patient who shares it (docs/phi.md)
        shown = ", ".join(repr(n) for n in one_word[:5]) + (" ..." if len(one_word) > 5 else "")
        logging.getLogger("socialbot.settings").warning(
            "warning: policy %s: [phi] allow_names lists one-word name(s) %s; every post naming "
            "them is read as about your staff, so a patient with that name is not screened by "
            "name; list staff by full name where you can", settings.policy_path, shown)
    # Where approvals matter (queueing, the daemon) a policy that cannot tell an approver
    # from an author is refused; the screen and classifier only read its allow-lists.
    problem = identity_problem(policy.approval) if required and policy.approval else None
    if problem:
        raise UserError(f"policy {settings.policy_path}: {problem}")
    return policy


def _refuse_replaceable_policy(path: Path) -> None:
    from social_bot.filesafety import replaceable_by_others

    why = replaceable_by_others(path)
    if why is not None:
        raise UserError(f"refusing policy file {path}: it {why}; the daemon takes its "
                        "approvers only from a file no other login can change: keep it "
                        "root's (or the daemon account's) in a folder only they can write, "
                        "e.g. SOCIALBOT_POLICY=/etc/socialbot/policy.toml (docs/daemon.md)")


def load_audit_keys(settings: Settings) -> AuditKeys | None:
    """The audit chain's HMAC key(s): SOCIALBOT_AUDIT_KEY, else audit.key in the data dir."""
    from social_bot.audit_key import load_keys

    return load_keys(settings.data_dir, settings.env)


def audit_key_watch(settings: Settings) -> KeyWatch:
    """What tells a running process that `audit rotate-key` changed the key files."""
    from social_bot.audit_key import KeyWatch

    return KeyWatch(settings.data_dir, settings.env)


@dataclass(frozen=True)
class ChatSettings:
    """The chat endpoint's limits (docs/chat.md)."""

    # Where socialbot may POST replies (a request's response_url): Slack's own host only,
    # unless the practice adds its Mattermost server. Never an internal address by default.
    response_url_prefixes: tuple[str, ...] = ("https://hooks.slack.com/",)
    body_timeout: float = 10.0  # seconds to receive a whole request body
    refusal_limit: int = 10  # refused attempts per person and window before a pause
    refusal_window: float = 600.0  # seconds


def _positive(env: Mapping[str, str], name: str, default: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UserError(f"{name} must be a number, got {raw[:40]!r}") from None
    if not 0 < value < float("inf"):  # NaN fails both comparisons
        raise UserError(f"{name} must be a finite number greater than 0, got {raw[:40]!r}")
    return value


def _loopback_http(prefix: str) -> bool:
    """Is ``prefix`` an http:// URL of this machine (loopback address or localhost)?"""
    import ipaddress
    from urllib.parse import urlsplit

    if not prefix.startswith("http://"):
        return False
    try:
        host = urlsplit(prefix).hostname or ""
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name that is not an address
        return False


def _port_ok(prefix: str) -> bool:
    """Does ``prefix`` parse with its port (if any) in range? ``:99999`` was taken here and
    then raised ValueError in the door on every reply URL of that host (a 500 and a
    traceback per command; session 55's re-read)."""
    from urllib.parse import urlsplit

    try:
        urlsplit(prefix).port  # noqa: B018 - the property raises on a bad port
    except ValueError:
        return False
    return True


def chat_settings(settings: Settings) -> ChatSettings:
    env = settings.env
    raw = (env.get("SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES") or "").strip()
    prefixes = tuple(p.strip() for p in raw.split(",") if p.strip()) if raw else None
    for prefix in prefixes or ():
        if not (prefix.startswith("https://") or _loopback_http(prefix)) \
                or not prefix.endswith("/") or not _port_ok(prefix):
            # http:// only to this machine (a stand-in, the sandbox, tests): elsewhere the
            # replies, cards with a post's text included, went in clear (session 55's review)
            raise UserError("SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES: each entry is a URL "
                            "starting with https:// (http:// only for 127.0.0.1, [::1] or "
                            f"localhost), with a port (if any) up to 65535, ending with '/', "
                            f"not {prefix[:60]!r}")
    defaults = ChatSettings()
    return ChatSettings(
        response_url_prefixes=prefixes or defaults.response_url_prefixes,
        body_timeout=_positive(env, "SOCIALBOT_HTTP_BODY_TIMEOUT", defaults.body_timeout),
        refusal_limit=int(_positive(env, "SOCIALBOT_CHAT_REFUSAL_LIMIT",
                                    defaults.refusal_limit)),
        refusal_window=_positive(env, "SOCIALBOT_CHAT_REFUSAL_WINDOW", defaults.refusal_window),
    )
