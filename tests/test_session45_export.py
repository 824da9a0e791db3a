"""Session 45: an audit export a third party can check with a public key alone, offline.

Before, `audit export` wrote records whose MACs only the audit key (a shared secret) could
check, so a copy handed to an auditor proved nothing. Now `audit export -o FILE` writes
FILE.manifest beside it, signed with an Ed25519 key kept in the data directory, and
`audit verify-export FILE --public-key KEY` checks it. Each test below is an attack on that
export, by someone who holds the file but not the signing key.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from social_bot import audit
from social_bot.audit_export import (
    TrailBroken,
    check_export,
    file_digest,
    manifest_path,
    read_manifest,
    write_export,
)
from social_bot.db.models import AuditRecord
from social_bot.errors import UserError
from social_bot.export_key import (
    PublicKey,
    SigningKey,
    create_signing_key,
    load_signing_key,
    rotate_signing_key,
)
from social_bot.export_manifest import ExportFormat, Link, Manifest, link_problems, signed

JSONL, CSV = ExportFormat.JSONL, ExportFormat.CSV


def new_key() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


PRACTICE = new_key()
ATTACKER = new_key()


def add_records(db, count: int, start: int = 0) -> None:  # noqa: ANN001
    for n in range(start, start + count):
        with db.write() as session:
            audit.append(session, actor=f"clerk{n}", action="post.note", post_id=n + 1,
                         detail={"step": n, "cell": "=SUM(A1)"})


def export(db, path: Path, fmt: ExportFormat = JSONL, key: SigningKey = PRACTICE) -> Manifest:  # noqa: ANN001
    with db.read(snapshot=True) as session:
        return write_export(session, path, fmt, key)


def exported(db, tmp_path: Path, count: int, fmt: ExportFormat = JSONL) -> Path:  # noqa: ANN001
    """``count`` records, exported and signed by the practice to trail.jsonl or trail.csv."""
    add_records(db, count)
    target = tmp_path / f"trail.{fmt}"
    export(db, target, fmt)
    return target


def problems(path: Path, keys=(PRACTICE.public,), manifest: Path | None = None,  # noqa: ANN001
             anchor: audit.Anchor | None = None) -> list[str]:
    signed_manifest = read_manifest(manifest or manifest_path(path))
    return check_export(path, signed_manifest, list(keys), anchor).problems


def forge_manifest(path: Path, fmt: ExportFormat, key: SigningKey, records: int,
                   last: Link, key_id: str | None = None) -> bytes:
    """A manifest that tells the truth about a tampered file, signed with ``key``."""
    sha256, size = file_digest(path)
    manifest = Manifest(format=fmt, sha256=sha256, size=size, records=records, first_seq=1,
                        last_seq=last.seq, head_mac=last.hash, exported_at="2026-01-01T00:00:00",
                        key_id=key_id or key.public.key_id)
    return signed(manifest, key)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


@pytest.mark.parametrize("fmt", [JSONL, CSV])
def test_a_signed_export_verifies_with_the_public_key_alone(db, tmp_path, fmt):
    add_records(db, 5)
    target = tmp_path / f"trail.{fmt}"
    manifest = export(db, target, fmt)
    with db.read() as session:
        head = session.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
    assert (manifest.records, manifest.first_seq, manifest.last_seq) == (5, 1, 5)
    assert manifest.head_mac == head.hash and manifest.format is fmt
    assert stat.S_IMODE(manifest_path(target).stat().st_mode) == 0o600
    assert problems(target) == []
    # and with the public key's PEM form, as OpenSSL users hold it
    assert problems(target, [PublicKey.parse(PRACTICE.public.pem())]) == []


@pytest.mark.parametrize("fmt", [JSONL, CSV])
def test_a_truncated_export_is_named(db, tmp_path, fmt):
    target = exported(db, tmp_path, 5, fmt)
    target.write_text("".join(lines(target)[:-2]), encoding="utf-8")
    found = problems(target)
    assert any("SHA-256" in p for p in found)
    assert any("holds 3 records, the manifest signs 5" in p for p in found)
    assert any("ends at record #3" in p for p in found)


def test_reordered_records_are_named(db, tmp_path):
    target = exported(db, tmp_path, 4)
    first, second, *rest = lines(target)
    target.write_text(second + first + "".join(rest), encoding="utf-8")
    found = problems(target)
    assert any("SHA-256" in p for p in found)
    assert any("#1 comes after #2" in p and "reordered" in p for p in found)


def test_a_record_edited_in_the_export_is_caught_by_its_hash(db, tmp_path):
    target = exported(db, tmp_path, 3)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace('"clerk1"', '"mallory"'), encoding="utf-8")
    found = problems(target)
    assert len(found) == 1 and "the file was changed" in found[0]


def test_a_manifest_from_another_export_does_not_vouch_for_this_one(db, tmp_path):
    add_records(db, 2)
    older = tmp_path / "older.jsonl"
    export(db, older)
    add_records(db, 2, start=2)
    newer = tmp_path / "newer.jsonl"
    export(db, newer)
    assert problems(newer) == [] and problems(older) == []
    found = problems(newer, manifest=manifest_path(older))
    assert any("SHA-256" in p for p in found)
    assert any("holds 4 records, the manifest signs 2" in p for p in found)


def test_a_csv_file_is_not_vouched_for_by_the_jsonl_manifest(db, tmp_path):
    add_records(db, 3)
    as_json, as_csv = tmp_path / "trail.jsonl", tmp_path / "trail.csv"
    export(db, as_json)
    export(db, as_csv, CSV)
    found = problems(as_csv, manifest=manifest_path(as_json))
    assert found and any("SHA-256" in p for p in found)


def test_resigned_by_another_key_with_its_public_key_left_beside_the_file(db, tmp_path):
    """The attacker edits the export, signs a truthful manifest with their own key and puts
    their public key in the folder: the verifier uses only the key its user gives."""
    target = exported(db, tmp_path, 3)
    rows = [json.loads(line) for line in lines(target)]
    target.write_text("".join(json.dumps(r) + "\n" for r in rows[:2]), encoding="utf-8")
    last = Link(2, rows[1]["seq"], rows[1]["prev_hash"], rows[1]["hash"])
    manifest_path(target).write_bytes(forge_manifest(target, JSONL, ATTACKER, 2, last))
    (tmp_path / "public.key").write_text(ATTACKER.public.text + "\n", encoding="utf-8")
    found = problems(target)
    assert len(found) == 1 and "not the public key you gave" in found[0]
    assert problems(target, [ATTACKER.public]) == []  # the given key decides, nothing else
    # naming the practice's key id in the body does not help: the signature is checked
    manifest_path(target).write_bytes(
        forge_manifest(target, JSONL, ATTACKER, 2, last, key_id=PRACTICE.public.key_id))
    found = problems(target)
    assert len(found) == 1 and "signature does not verify" in found[0]


def test_a_manifest_re_encoded_or_edited_does_not_verify(db, tmp_path):
    target = exported(db, tmp_path, 3)
    body, signature = manifest_path(target).read_bytes().split(b"\n")[:2]
    fields = json.loads(body)
    variants = [
        json.dumps(fields, sort_keys=True).encode(),  # same values, other spacing
        json.dumps(dict(reversed(list(fields.items()))), separators=(",", ":")).encode(),
        body.replace(b'"records":3', b'"records":3.0'),
        body.replace(b'"records":3', b'"records":2'),
    ]
    for variant in variants:
        assert variant != body
        manifest_path(target).write_bytes(variant + b"\n" + signature + b"\n")
        found = problems(target)
        assert len(found) == 1 and "signature does not verify" in found[0], variant


def test_a_broken_trail_is_not_signed(db, tmp_path):
    """Signing a tampered database would launder it into a verified export."""
    add_records(db, 3)
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 2).values(actor="Mallory"))
    target = tmp_path / "trail.jsonl"
    with pytest.raises(TrailBroken, match="#2"):
        export(db, target)
    assert not target.exists() and not manifest_path(target).exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".trail")] == []


def test_an_anchor_taken_earlier_must_be_in_the_export(db, tmp_path):
    target = exported(db, tmp_path, 4)
    row = json.loads(lines(target)[2])
    assert problems(target, anchor=audit.Anchor(3, row["hash"])) == []
    found = problems(target, anchor=audit.Anchor(3, "a" * 64))
    assert len(found) == 1 and "not the one anchored" in found[0]
    found = problems(target, anchor=audit.Anchor(9, row["hash"]))
    assert len(found) == 1 and "#9 is not in the export" in found[0]


def test_links_name_a_gap_and_a_record_that_does_not_follow():
    a, b, c = ("1" * 64, "2" * 64, "3" * 64)
    manifest = Manifest(JSONL, "0" * 64, 0, 3, 1, 4, c, "t", "k")
    found = link_problems([Link(1, 1, "0" * 64, a), Link(2, 2, "f" * 64, b),
                           Link(3, 4, b, c), "line 4: not an audit record"], manifest)
    assert any("#2 does not follow" in p for p in found)
    assert any("record #3 missing before #4" in p for p in found)
    assert "line 4: not an audit record" in found
    assert link_problems([Link(1, 1, "0" * 64, a)], Manifest(
        JSONL, "0" * 64, 0, 1, 1, 1, a, "t", "k")) == []


def test_the_signing_key_file_is_private_and_never_shown(tmp_path):
    created = create_signing_key(tmp_path)
    path = tmp_path / "audit.sign.key"
    assert created is not None and create_signing_key(tmp_path) is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_signing_key(tmp_path).public == created.public
    secret = path.read_text()
    assert secret.split("\n")[1] not in repr(created)
    path.chmod(0o640)
    with pytest.raises(UserError, match="chmod 600") as raised:
        load_signing_key(tmp_path)
    assert secret.split("\n")[1] not in str(raised.value)
    # another kind of key where the Ed25519 one belongs: refused in one line
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    path.write_bytes(ec.generate_private_key(ec.SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    path.chmod(0o600)
    with pytest.raises(UserError, match="not an Ed25519 private key"):
        load_signing_key(tmp_path)


def test_rotation_keeps_old_exports_verifiable_with_the_old_public_key(db, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    create_signing_key(data)
    first = load_signing_key(data)
    add_records(db, 2)
    before = tmp_path / "before.jsonl"
    export(db, before, key=first)
    old, new = rotate_signing_key(data)
    second = load_signing_key(data)
    assert old == first.public and new == second.public and old.key_id != new.key_id
    assert PublicKey.parse((data / f"audit.sign.{old.key_id}.pub").read_text()) == old
    after = tmp_path / "after.jsonl"
    export(db, after, key=second)
    assert problems(before, [old]) == [] and problems(after, [new]) == []
    assert problems(before, [old, new]) == [] and problems(after, [old, new]) == []
    assert "not the public key you gave" in problems(before, [new])[0]


# ---- the command line, end to end (one SQLite run is enough) ----

def run(env, *args):  # noqa: ANN001, ANN201
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_commands_from_init_to_a_rotated_key(cli_env, tmp_path):
    env = {**cli_env, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    outputs = [run(env, "init")]
    assert outputs[0].returncode == 0, outputs[0].stderr
    secret = (tmp_path / "data" / "audit.sign.key").read_text().split("\n")[1]
    assert run(env, "post", "create", "--text", "Lobby repainting begins next week.",
               "--platform", "x").returncode == 0
    outputs.append(run(env, "audit", "public-key"))
    key = outputs[-1].stdout.strip()
    assert key.startswith("ed25519:") and key in outputs[0].stderr
    first = tmp_path / "first.jsonl"
    outputs.append(run(env, "audit", "export", "-o", str(first)))
    assert outputs[-1].returncode == 0, outputs[-1].stderr
    outputs.append(run(env, "audit", "verify-export", str(first), "--public-key", key))
    assert outputs[-1].returncode == 0 and "export verified: 2 records" in outputs[-1].stdout
    outputs.append(run(env, "audit", "rotate-signing-key"))
    assert outputs[-1].returncode == 0, outputs[-1].stderr
    new_key = outputs[-1].stdout.strip()
    outputs.append(run(env, "audit", "verify-export", str(first), "--public-key", new_key))
    assert outputs[-1].returncode == 1 and outputs[-1].stderr.startswith(
        "export NOT VERIFIED: the manifest names signing key")
    keys = tmp_path / "keys.txt"
    outputs.append(run(env, "audit", "public-key", "--all"))
    keys.write_text(outputs[-1].stdout, encoding="utf-8")
    second = tmp_path / "second.csv"
    outputs.append(run(env, "audit", "export", "--format", "csv", "-o", str(second)))
    for done in (run(env, "audit", "verify-export", str(first), "--public-key", str(keys)),
                 run(env, "audit", "verify-export", str(second), "--public-key", str(keys))):
        outputs.append(done)
        assert done.returncode == 0, done.stderr
    assert "audit.signing_key_rotated" in second.read_text()
    # the auditor's machine: no database, no audit key, no data directory, no settings
    offline = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "HOME")}
    offline["SOCIALBOT_DATA_DIR"] = str(keys / "not-a-directory")
    done = run(offline, "audit", "verify-export", str(second), "--public-key", str(keys))
    assert done.returncode == 0 and "export verified" in done.stdout, done.stderr
    assert not any(secret in o.stdout + o.stderr for o in outputs)
    assert secret not in first.read_text() + second.read_text()
    # the second export holds the rotation record: tampered, it is named and exits 1
    second.write_text(second.read_text().replace("rotate-signing-key", "rotate-signing-kez"))
    done = run(env, "audit", "verify-export", str(second), "--public-key", str(keys))
    assert done.returncode == 1 and "SHA-256" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_without_the_signing_key_nothing_is_signed(cli_env, tmp_path):
    """Database access without the data directory: the export cannot be signed."""
    target = tmp_path / "out.jsonl"
    done = run(cli_env, "audit", "export", "-o", str(target))
    assert done.returncode == 2 and done.stderr.startswith("error: no export signing key")
    assert not target.exists() and not manifest_path(target).exists()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_bad_input_is_one_line_and_exit_2(cli_env, tmp_path):
    key = PRACTICE.public.text
    export_file = tmp_path / "trail.jsonl"
    export_file.write_text("", encoding="utf-8")
    garbage = tmp_path / "garbage.manifest"
    garbage.write_bytes(os.urandom(64))
    cases = [
        ("audit", "verify-export", str(export_file)),  # no --public-key: never one found
        ("audit", "verify-export", str(tmp_path / "absent.jsonl"), "--public-key", key),
        ("audit", "verify-export", str(export_file), "--public-key", "ed25519:AAAA"),
        ("audit", "verify-export", str(export_file), "--public-key", str(tmp_path / "no")),
        ("audit", "verify-export", str(export_file), "--public-key", key),  # no manifest
        ("audit", "verify-export", str(export_file), "--public-key", key, "--manifest",
         str(garbage)),
    ]
    (tmp_path / "public.key").write_text(ATTACKER.public.text, encoding="utf-8")
    for args in cases:
        done = run(cli_env, *args)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr


def test_a_key_value_decodes_strictly():
    assert PublicKey.parse(PRACTICE.public.text) == PRACTICE.public
    for text in ("ed25519:" + base64.b64encode(b"x" * 31).decode(), "ssh-ed25519 AAAA",
                 PRACTICE.public.text + "!"):
        with pytest.raises(ValueError):
            PublicKey.parse(text)


def test_a_forged_key_id_never_reaches_the_terminal(db, tmp_path):
    """The key id is read before the signature is checked: text that is not one (an escape
    sequence) is shown as '?'."""
    target = exported(db, tmp_path, 1)
    body, signature = manifest_path(target).read_bytes().split(b"\n")[:2]
    forged = json.loads(body)
    forged["key_id"] = "\u001b]2;owned\u0007"
    manifest_path(target).write_bytes(
        json.dumps(forged, separators=(",", ":")).encode() + b"\n" + signature + b"\n")
    [problem] = problems(target)
    assert "signing key ?," in problem and "\x1b" not in problem


def test_a_manifest_with_windows_line_ends_still_verifies(db, tmp_path):
    target = exported(db, tmp_path, 2)
    manifest = manifest_path(target)
    manifest.write_bytes(manifest.read_bytes().replace(b"\n", b"\r\n"))
    assert problems(target) == []


def test_an_endless_line_is_not_read_whole(db, tmp_path, monkeypatch):
    import social_bot.audit_export as shell

    target = exported(db, tmp_path, 2)
    monkeypatch.setattr(shell, "_MAX_LINE", 1000)
    target.write_text(lines(target)[0] + "x" * 5000, encoding="utf-8")
    found = problems(target)
    assert any("over 1,000 characters" in p for p in found)
    assert any("SHA-256" in p for p in found)
