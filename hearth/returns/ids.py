"""The identifiers Hearth's returns and extracts give people and workers.

A child keeps the council's own child ID (the `la_child_id` identifier) where Hearth holds one, so the ID the
DfE links from year to year survives a move into Hearth (an SSD import stores the old system's person ID
there); otherwise the Hearth ID. A social worker is named by their Social Work England registration number,
or by a number made from their Hearth ID where none is recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hearth.people.models import Identifier, IdentifierKind


def child_ids(*, authority_id: int, person_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Each person's ID for a return. With `person_ids`, only those people; otherwise the whole council
    (one query either way; a large set is read whole rather than as a long IN list)."""
    wanted = None if person_ids is None else set(person_ids)
    held = Identifier.objects.filter(authority_id=authority_id, kind=IdentifierKind.LA_CHILD_ID)
    if wanted is not None and len(wanted) < 5000:
        held = held.filter(person_id__in=wanted)
    found = dict(held.values_list("person_id", "value"))
    if wanted is None:
        return found
    return {pk: found.get(pk) or str(pk) for pk in wanted}


def child_id(found: dict[int, str], person_id: int) -> str:
    return found.get(person_id) or str(person_id)


def worker_id(worker: Any) -> str:
    """SW_ID in the SSDA903: the worker's registration number, or SW and their Hearth ID."""
    return getattr(worker, "registration_number", "") or f"SW{worker.pk:06d}"
