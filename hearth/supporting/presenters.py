"""What the Supporting Families pages show of a family: its status in words and its criteria as labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearth.core.jinja import govuk_date
from hearth.supporting.models import Attachment, Claim, ClaimKind, ClaimStatus, ClosureReason, Criterion
from hearth.supporting.programme import year_label


def status_of(attachment: Attachment, standing: Claim | None = None) -> tuple[str, str]:
    """The family's status in words, and the GOV.UK tag colour for it."""
    if standing is not None:
        kind = "SSP" if standing.kind == ClaimKind.SSP else "CE"
        return f"Successful ({kind})", "govuk-tag--green"
    if attachment.closed_on is None:
        return "Open", "govuk-tag--blue"
    reason = ClosureReason(attachment.closure_reason).label if attachment.closure_reason else "Closed"
    return f"Closed: {reason[0].lower() + reason[1:]}", "govuk-tag--grey"


def claim_status(claim: Claim) -> str:
    if claim.status == ClaimStatus.MADE:
        return "Stands: a successful closure"
    return f"{claim.get_status_display()} on {govuk_date(claim.status_on)}: {claim.status_reason}"


def claim_lines(claim: Claim, named: set[int]) -> list[str]:
    """The claim's evidence, then the outcomes it claims (SSP) or who is in work and since when (CE). The adult
    in work is named only if they are in `named`, the members whose names the user may see."""
    lines = [claim.evidence, *(f"Outcome: {o.description}" for o in claim.outcomes.all())]
    if claim.employed_person is not None:
        who = (
            claim.employed_person.full_name if claim.employed_person_id in named else "An adult in the family"
        )
        lines.append(f"{who}, in work since {govuk_date(claim.employed_from)}")
    return lines


@dataclass(frozen=True)
class FamilyRow:
    attachment: Attachment
    status: str
    tag: str
    criteria: list[str]
    year: str
    people: int


def family_rows(attachments: list[Any]) -> list[FamilyRow]:
    """Rows of the families list, from `selectors.attachments_visible` (criteria and standing claims prefetched)."""
    rows = []
    for a in attachments:
        standing = a.standing[0] if getattr(a, "standing", None) else None
        status, tag = status_of(a, standing)
        criteria = [c.label for c in Criterion if c.value in {row.criterion for row in a.criteria.all()}]
        rows.append(FamilyRow(a, status, tag, criteria, year_label(a.programme_year), len(a.members.all())))
    return rows
