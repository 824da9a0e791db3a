"""What the audit trail keeps of text typed in chat that socialbot refused.

The audit chain is append-only and kept for years, so it must never hold PHI, and a
refused command line may be a patient's name typed into the wrong box. The screen cannot
be trusted to find every name in a few words without context, so the typed text is not
kept at all: only its length and a keyed digest (HMAC-SHA256 under the audit key, with a
label of its own). An investigator holding the key can check a guess ("did someone type
X?") or match two attempts; a reader of the export cannot recover X. A digest made before
`audit rotate-key` is checked with the retired key.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

LABEL = b"socialbot typed text\0"  # keeps these digests apart from the chain's MACs
DIGEST_HEX = 32


@dataclass(frozen=True)
class TypedTrace:
    chars: int
    digest: str

    def as_detail(self) -> dict[str, int | str]:
        return {"chars": self.chars, "digest": self.digest}


def trace(key: bytes, text: str) -> TypedTrace:
    """How the audit trail records ``text``: its length and keyed digest, never the text."""
    mac = hmac.new(key, LABEL + text.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return TypedTrace(len(text), mac.hexdigest()[:DIGEST_HEX])


IDENTIFIER_LABEL = b"socialbot identifier\0"


def identifier_digest(key: bytes, text: str) -> str:
    """A patient's name or a finding's span as the audit trail keeps it: HMAC-SHA256 under
    the audit key. A plain SHA-256 of a name can be confirmed by anyone who hashes a guess
    (names are few); this one only by a holder of the key."""
    return hmac.new(key, IDENTIFIER_LABEL + text.encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()
