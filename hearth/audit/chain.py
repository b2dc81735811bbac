"""Hashing and verification of the audit chain. No Django request handling here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "chain", "seq", "at", "authority_id", "actor_id", "actor_label", "action", "object_type", "object_id",
    "person_id", "summary", "changes", "channel", "ip_address", "path", "method", "prev_hash",
)  # fmt: skip


def chain_name(authority_id: int | None) -> str:
    return f"authority:{authority_id}" if authority_id else "platform"


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return value


def entry_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over the entry's fields (including the previous hash) as canonical JSON."""
    payload = {name: _canonical(fields[name]) for name in HASHED_FIELDS}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Problem:
    chain: str
    seq: int
    message: str


def verify_entries(
    chain: str, entries: Iterable[dict[str, Any]], head_seq: int, head_hash: str
) -> Iterator[Problem]:
    """Yield every problem found in one chain's entries, given in sequence order.

    An edited entry no longer matches its own hash; a deleted entry leaves a gap in the sequence and a
    broken link to the next entry; entries deleted from the end leave the chain short of its head.
    """
    expected_seq = 1
    prev = GENESIS
    for entry in entries:
        seq = entry["seq"]
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq} to {seq - 1}"
            yield Problem(chain, seq, f"entries {missing} are missing")
        elif entry["prev_hash"] != prev:
            yield Problem(chain, seq, "it does not link to the entry before it")
        if entry_hash(entry) != entry["hash"]:
            yield Problem(chain, seq, "its contents were changed after it was written")
        prev = entry["hash"]
        expected_seq = seq + 1
    if expected_seq - 1 != head_seq:
        yield Problem(
            chain, head_seq, f"the chain ends at entry {expected_seq - 1} but {head_seq} were written"
        )
    elif head_seq and prev != head_hash:
        yield Problem(chain, head_seq, "the last entry is not the one that was written last")
