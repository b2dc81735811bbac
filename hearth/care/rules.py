"""The SSDA903 rules between episodes, as plain functions over plain rows, so the services, the demo
county's checks and the statutory return (issue 6) all apply the same ones.

Each rule that fails gives (field, message): the field names the form field to show it against, the
message names the rule in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearth.care import codes
from hearth.core.dates import age_on
from hearth.core.jinja import govuk_date


@dataclass(frozen=True)
class Row:
    """One episode, with what the rules need of its placement."""

    started_on: date
    ended_on: date | None
    reason_new: str
    legal_status: str
    placement_type: str
    carer: str  # who the child lives with: "provider:12", or a named carer such as "Mother"
    reason_ceased: str = ""
    change_reason: str = ""  # REASON_PLACE_CHANGE, on the episode whose placement ends


def reason_new_for(previous: Row, legal_status: str, placement_type: str, carer: str) -> str | None:
    """The reason for a new episode that fits what changed, or None when nothing did."""
    legal = previous.legal_status != legal_status
    if previous.carer != carer:
        return "B" if legal else "P"
    if previous.placement_type != placement_type:
        return "U" if legal else "T"
    return "L" if legal else None


def placement_changes(reason_new: str) -> bool:
    return reason_new in {"P", "T", "U", "B"}


def check_period(rows: Sequence[Row], date_of_birth: date | None) -> list[tuple[str, str]]:
    """Every rule a period of care's episodes (in order) must keep."""
    errors: list[tuple[str, str]] = []
    if not rows:
        return [("started_on", "A period of care needs at least one episode")]
    for i, row in enumerate(rows):
        following = rows[i + 1] if i + 1 < len(rows) else None
        errors += _check_dates(row, following)
        errors += _check_reason_new(rows[i - 1] if i else None, row)
        errors += _check_ages(row, date_of_birth)
        errors += _check_reason_ceased(row, following, date_of_birth)
        errors += _check_change_reason(row, following, date_of_birth)
    return errors


def _check_dates(row: Row, following: Row | None) -> list[tuple[str, str]]:
    if row.ended_on is not None and row.ended_on < row.started_on:
        return [("ended_on", f"An episode cannot end ({govuk_date(row.ended_on)}) before it starts "
                             f"({govuk_date(row.started_on)})")]  # fmt: skip
    if following is None:
        return []
    if row.ended_on is None:
        return [("started_on", "Episodes cannot overlap: the earlier episode is still open")]
    if following.started_on < row.ended_on:
        return [("started_on", f"Episodes cannot overlap: the next episode must start on "
                               f"{govuk_date(row.ended_on)}, the day the earlier one ends")]  # fmt: skip
    if following.started_on > row.ended_on:
        return [("started_on", f"Episodes cannot leave a gap: the next episode must start on "
                               f"{govuk_date(row.ended_on)}, the day the earlier one ends")]  # fmt: skip
    return []


def _check_reason_new(previous: Row | None, row: Row) -> list[tuple[str, str]]:
    if previous is None:
        if row.reason_new != "S":
            return [("reason_new", "The first episode of a period of care must have the reason ‘started to be "
                                   "looked after’ (S)")]  # fmt: skip
        return []
    expected = reason_new_for(previous, row.legal_status, row.placement_type, row.carer)
    if expected is None:
        return [("legal_status", "Nothing has changed: a new episode needs a new legal status or placement")]
    if row.reason_new != expected:
        return [("reason_new", f"The reason for the new episode must be {expected} "
                               f"({codes.label(codes.RNE, expected).lower()}), not {row.reason_new}")]  # fmt: skip
    return []


def _check_ages(row: Row, date_of_birth: date | None) -> list[tuple[str, str]]:
    age = age_on(date_of_birth, row.started_on)
    if age is None:
        return []
    errors = []
    if age >= 18:
        errors.append(("started_on", "A young person of 18 or over cannot start an episode of care"))
    youngest = codes.MIN_AGE.get(row.placement_type)
    if youngest is not None and age < youngest:
        errors.append(("placement_type", f"{codes.label(codes.PLACEMENT_TYPE, row.placement_type)} is only for "
                                         f"young people aged {youngest} or over; this child is {age}"))  # fmt: skip
    youngest = codes.MIN_AGE_LEGAL_STATUS.get(row.legal_status)
    if youngest is not None and age < youngest:
        errors.append(("legal_status", f"{codes.label(codes.LEGAL_STATUS, row.legal_status)} is only for "
                                       f"children aged {youngest} or over; this child is {age}"))  # fmt: skip
    return errors


def _check_reason_ceased(
    row: Row, following: Row | None, date_of_birth: date | None
) -> list[tuple[str, str]]:
    reason = row.reason_ceased
    if following is not None:
        return [] if reason == "X1" else [("reason", "An episode followed by another must end with X1")]
    if row.ended_on is None:
        return [("reason", "An open episode has no reason it ended")] if reason else []
    if reason not in dict(codes.REASON_CEASED):
        return [("reason", "Select the reason the child stopped being looked after")]
    kind = row.placement_type
    if reason in codes.ADOPTED and kind not in codes.ADOPTION:
        return [("reason", "A child can only leave care through adoption from a placement for adoption")]
    if reason == "E45" and kind not in codes.FOSTER_CONNECTED:
        return [("reason", "A special guardianship order to former foster carers who are relatives or friends "
                           "needs the child to be living with those carers (U1 to U3)")]  # fmt: skip
    if reason == "E46" and kind not in codes.FOSTER_OTHER:
        return [("reason", "A special guardianship order to other former foster carers needs the child to be "
                           "in foster care with them (U4 to U6)")]  # fmt: skip
    age = age_on(date_of_birth, row.ended_on)
    if reason == "E17" and age is not None and age < 18:
        return [("reason", "Staying put is for young people aged 18 or over")]
    return []


def _check_change_reason(
    row: Row, following: Row | None, date_of_birth: date | None
) -> list[tuple[str, str]]:
    moved = following is not None and placement_changes(following.reason_new)
    temporary = row.placement_type in codes.TEMPORARY or (
        following is not None and following.placement_type in codes.TEMPORARY
    )
    if not moved or temporary:
        if row.change_reason:
            why = "for a temporary placement" if temporary else "unless the placement changes"
            return [("change_reason", f"Do not give a reason for the placement change {why}")]
        return []
    if not row.change_reason:
        return [("change_reason", "Select why the placement changed")]
    if row.change_reason not in dict(codes.REASON_PLACE_CHANGE):
        return [("change_reason", "Select a reason from the list")]
    age = age_on(date_of_birth, row.ended_on) if row.ended_on else None
    if row.change_reason == "CUSTOD" and age is not None and age < 10:
        return [("change_reason", "A child under 10 cannot go into custody")]
    return []
