"""Manager approval, shared by assessments and plans: the worker submits, a team manager approves or
returns it with comments. And the version check that stops two people overwriting each other.

The record needs the fields `status`, `submitted_at`, `decided_by`, `decided_at`, `manager_comment` and
`version`; "submitted" and "returned" are the same status values on every such record. Callers lock the
row (select_for_update) and save it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.accounts.roles import Role

SUBMITTED, RETURNED = "submitted", "returned"


def check_version(current: Any, expected_version: int | None, what: str) -> None:
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(f"Someone saved this {what} while you were working on it. "
                              "Open it again to see their changes, then make yours")  # fmt: skip


def approval_submit(current: Any, *, editable: Collection[str], missing: list[str], what: str) -> None:
    if current.status not in editable:
        raise ValidationError(f"This {what} has already been submitted")
    if missing:
        raise ValidationError(f"Before you submit, record {', '.join(missing)}")
    current.status, current.submitted_at = SUBMITTED, timezone.now()
    current.version += 1


def approval_decide(current: Any, *, by: Any, approve: bool, comment: str, approved_status: str,
                    what: str) -> None:  # fmt: skip
    if by.role != Role.TEAM_MANAGER:
        raise ValidationError(f"Only a team manager can approve or return this {what}")
    if current.status != SUBMITTED:
        raise ValidationError(f"Only a submitted {what} can be approved or returned")
    if not approve and not comment.strip():
        raise ValidationError({"comment": [f"Say what needs to change before the {what} is approved"]})
    current.decided_by, current.decided_at, current.manager_comment = by, timezone.now(), comment.strip()
    current.status = approved_status if approve else RETURNED
    current.version += 1
