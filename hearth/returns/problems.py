"""What the pre-submission check finds: a rule, and a problem with one child's record that breaks it.

Kept apart from the checks themselves (`checks_ssda903.py`, `checks_cin.py`, gathered by `checks.py`) so
that each check module can name its rules without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from hearth.returns.ids import child_ids

SSDA903 = "SSDA903"
CIN = "CIN census"


@dataclass(frozen=True)
class Rule:
    """One check. `code` is the DfE validator's rule number where the check mirrors a DfE rule, otherwise a
    Hearth code starting "H-". `message` says what is wrong in plain words; `field` what to correct."""

    code: str
    return_name: str
    message: str
    field: str

    def problem(self, person_id: int, detail: str = "", field: str = "") -> Problem:
        return Problem(rule=self.code, return_name=self.return_name, message=self.message, person_id=person_id,
                       field=field or self.field, detail=detail)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    rule: str
    return_name: str  # SSDA903 or CIN census
    message: str  # the rule's words, the same for every child it finds
    person_id: int  # the child's Hearth ID, for the link to their record
    field: str  # what to correct, in the words of the child's record
    detail: str = ""  # which episode, review or assessment, and when


def person_ids_of(authority_id: int) -> dict[str, int]:
    """Hearth ID by the child ID the returns use: the council's own child ID where Hearth holds one
    (`la_child_id`), otherwise the Hearth ID itself (read by `person_id_of`)."""
    return {value: person_id for person_id, value in child_ids(authority_id=authority_id).items()}


def person_id_of(ids: dict[str, int], child: str | None) -> int | None:
    if not child:
        return None
    if child in ids:
        return ids[child]
    return int(child) if child.isdigit() else None
