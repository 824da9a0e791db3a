"""The signed manifest of an audit export, and the checks on it that need no key but the
public one (the functional core of `audit export -o` and `audit verify-export`).

A manifest file is two lines: the body (canonical JSON: sorted keys, no spaces, ASCII) and
the base64 Ed25519 signature of exactly those bytes. The verifier checks the signature over
the bytes it was given and only then parses them, so no re-encoding of the body (spaces,
key order, escapes, ``10`` as ``10.0``) can verify. The body binds the export file by its
SHA-256 and size, and says what the trail was when it was exported: how many records, the
first and last seq, the last record's MAC (the chain head, as `audit anchor` prints it).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from social_bot.export_key import PublicKey, SigningKey

KIND = "socialbot audit export"
VERSION = 1
GENESIS = "0" * 64
MAX_MANIFEST_BYTES = 64 * 1024
MAX_PROBLEMS = 20  # lines; a reordered file of 10,000 records is not 10,000 lines


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True)
class Manifest:
    format: ExportFormat
    sha256: str
    size: int
    records: int
    first_seq: int  # 0 when the trail is empty
    last_seq: int
    head_mac: str  # the last record's MAC; GENESIS when the trail is empty
    exported_at: str
    key_id: str

    def body(self) -> bytes:
        fields = {**asdict(self), "format": str(self.format), "kind": KIND, "version": VERSION}
        return json.dumps(fields, sort_keys=True, separators=(",", ":"),
                          ensure_ascii=True).encode("ascii")

    @classmethod
    def from_body(cls, body: bytes) -> Manifest:
        """The fields of a body whose signature was checked; ValueError if it is not one."""
        fields = json.loads(body.decode("ascii"), object_pairs_hook=_no_duplicates)
        if not isinstance(fields, dict) or fields.pop("kind", None) != KIND \
                or fields.pop("version", None) != VERSION:
            raise ValueError("not a version-1 socialbot audit export manifest")
        ints = ("size", "records", "first_seq", "last_seq")
        strs = ("format", "sha256", "head_mac", "exported_at", "key_id")
        if set(fields) != {*ints, *strs} or not all(
                type(fields[k]) is int and fields[k] >= 0 for k in ints) or not all(
                isinstance(fields[k], str) and fields[k].isprintable() for k in strs) or not (
                _is_hex(fields["sha256"], 64) and _is_hex(fields["head_mac"], 64)
                and _is_hex(fields["key_id"], 16)):
            raise ValueError("the manifest's fields are not those of an audit export")
        return cls(**{**fields, "format": ExportFormat(fields["format"])})


def _is_hex(value: str, length: int) -> bool:
    return len(value) == length and all(c in "0123456789abcdef" for c in value)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("a field appears twice in the manifest")
    return dict(pairs)


def signed(manifest: Manifest, key: SigningKey) -> bytes:
    """The manifest file's bytes: the body and its signature, a line each."""
    body = manifest.body()
    return body + b"\n" + base64.b64encode(key.sign(body)) + b"\n"


@dataclass(frozen=True)
class SignedManifest:
    """A manifest file split into what was signed and the signature, nothing trusted yet."""

    body: bytes
    signature: bytes

    @classmethod
    def split(cls, data: bytes) -> SignedManifest:
        # a manifest that went through a Windows mail client or editor (CRLF, a UTF-8 byte
        # order mark): the body has neither of its own, and the signature is checked over
        # the body's bytes alone, so dropping them changes nothing that is signed
        lines = data.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").split(b"\n")
        if len(lines) != 3 or lines[2] != b"" or not lines[0].startswith(b"{"):
            raise ValueError("it is not a manifest written by `socialbot audit export -o` "
                             "(a JSON line and a signature line)")
        try:
            signature = base64.b64decode(lines[1], validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("its signature line is not base64") from None
        return cls(lines[0], signature)

    def claimed_key_id(self) -> str:
        """The key id the body names, read before the signature is checked: only to choose
        which of the given keys to check it with, and shown only if it is one (a forged
        manifest's text must not reach the terminal: "\\u001b" is an escape sequence)."""
        try:
            value = json.loads(self.body.decode("ascii")).get("key_id")
        except (UnicodeDecodeError, ValueError, AttributeError):
            return "?"
        return value if isinstance(value, str) and _is_hex(value, 16) else "?"

    def verified(self, keys: Iterable[PublicKey]) -> tuple[Manifest | None, str]:
        """The manifest, if one of ``keys`` signed it; else None and the one-line reason."""
        by_id = {k.key_id: k for k in keys}
        claimed = self.claimed_key_id()
        key = by_id.get(claimed)
        if key is None:
            return None, (f"the manifest names signing key {claimed}, which is not the "
                          f"public key you gave ({', '.join(sorted(by_id))}): signed by "
                          "another key, or an older export (give that key too)")
        if not key.verifies(self.signature, self.body):
            return None, (f"the manifest's signature does not verify with key {key.key_id}: "
                          "the manifest was changed, or made without socialbot's signing key")
        try:
            return Manifest.from_body(self.body), ""
        except (UnicodeDecodeError, ValueError, TypeError) as exc:
            return None, f"the signed manifest cannot be read: {exc}"


@dataclass(frozen=True)
class Link:
    """What the verifier reads of each exported record: its place in the chain."""

    line: int
    seq: int
    prev_hash: str
    hash: str
    # the export signing key an `audit.signing_key_rotated` record retired (its old_key_id)
    retires: str | None = None


def link_problems(links: Iterable[Link | str], manifest: Manifest) -> list[str]:
    """Are the records the contiguous chain the manifest signs? ``links`` holds a str for a
    line that is not a record. Record MACs need the audit key; the chain's linking (each
    record names its predecessor's MAC) and the numbering do not."""
    found: list[str] = []
    count, expected, last = 0, 1, None
    for link in links:
        if isinstance(link, str):
            found.append(link)
            continue
        count += 1
        if link.seq < expected:
            found.append(f"line {link.line}: record #{link.seq} comes after #{expected - 1}: "
                         "records were reordered or repeated")
        elif link.seq > expected:
            gap = f"#{expected}" if link.seq == expected + 1 else f"#{expected}-#{link.seq - 1}"
            found.append(f"line {link.line}: record {gap} missing before #{link.seq}")
        elif link.prev_hash != (last.hash if last is not None else GENESIS):
            found.append(f"line {link.line}: record #{link.seq} does not follow the record "
                         "before it (its prev_hash is not that record's MAC)")
        expected, last = max(expected, link.seq + 1), link
    if count != manifest.records:
        found.append(f"the file holds {count} records, the manifest signs {manifest.records}")
    if last is not None and last.seq != manifest.last_seq:
        found.append(f"the file ends at record #{last.seq}, the manifest signs "
                     f"#{manifest.last_seq} as the last")
    head = last.hash if last is not None else GENESIS
    if head != manifest.head_mac:
        found.append("the last record's MAC is not the chain head the manifest signs")
    return found


def capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    return [*problems[:MAX_PROBLEMS], f"... and {len(problems) - MAX_PROBLEMS} more"]
