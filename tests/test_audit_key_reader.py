"""Session 49 (newcomer's item 13): a reader on another account (README "Read-only use")
gives the keys in the environment; the practice's own 0600 retired key files, which that
account cannot open, no longer refuse every command once the reader holds those keys."""

from __future__ import annotations

import os

import pytest

from social_bot import audit_key
from social_bot.audit_key import key_id, load_keys
from social_bot.errors import UserError

CURRENT = "c" * 40
OLD = "o" * 40


@pytest.fixture
def practice_dir(tmp_path, monkeypatch):
    """A data directory after one rotation, whose retired key file this account may not
    read (as root the test cannot lose the permission, so os.access says so)."""
    retired = tmp_path / f"audit.key.{key_id(OLD.encode())}.retired"
    retired.write_text(OLD)
    retired.chmod(0o600)
    real_access, real_read = os.access, audit_key._read_key_file

    def read(path):  # noqa: ANN001, ANN202 - what the practice's 0600 file answers
        if str(path) == str(retired):
            raise UserError(f"cannot read the audit key {path}: Permission denied")
        return real_read(path)

    monkeypatch.setattr(audit_key.os, "access",
                        lambda path, mode: False if str(path) == str(retired)
                        else real_access(path, mode))
    monkeypatch.setattr(audit_key, "_read_key_file", read)
    return tmp_path


def test_a_reader_holding_the_retired_key_is_not_refused_by_the_file(practice_dir):
    keys = load_keys(practice_dir, {"SOCIALBOT_AUDIT_KEY": CURRENT,
                                    "SOCIALBOT_AUDIT_OLD_KEYS": OLD})
    assert keys.get(key_id(OLD.encode())) == OLD.encode()
    assert keys.current_id == key_id(CURRENT.encode())


def test_a_reader_without_it_is_told_which_key_to_give(practice_dir):
    with pytest.raises(UserError) as refused:
        load_keys(practice_dir, {"SOCIALBOT_AUDIT_KEY": CURRENT})
    message = str(refused.value)
    assert key_id(OLD.encode()) in message and "SOCIALBOT_AUDIT_OLD_KEYS" in message
    assert OLD not in message
