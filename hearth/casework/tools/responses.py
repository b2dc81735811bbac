"""Completing a structured tool: score it with its definition, keep the answers and the result, and act on
its triggers (a DASH at high risk refers to MARAC; a high exploitation risk puts the child on the panel
list). Both are meetings (hearth.casework.meetings) that partner agencies attend."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.meetings import meeting_create
from hearth.casework.models import Meeting, MeetingKind, ToolResponse
from hearth.casework.tools.engine import Definition, definition, score
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record

TRIGGERS = {"marac_referral": MeetingKind.MARAC, "exploitation_panel": MeetingKind.EXPLOITATION}


def referral_kinds(tool: Definition) -> set[str]:
    """The kinds of panel meeting this tool can refer a person to, from its definition's triggers."""
    return {TRIGGERS[t] for names in tool.spec.get("triggers", {}).values() for t in names if t in TRIGGERS}


@transaction.atomic
def tool_complete(*, by: Any, person: Any, key: str, answers: dict[str, Any], professional_judgement: bool = False,
                  request: Any = None) -> ToolResponse:  # fmt: skip
    """Raises ValidationError keyed by question id when an answer is missing or not a choice."""
    tool = definition(key)
    result = score(tool, answers, professional_judgement=professional_judgement)
    response = ToolResponse.objects.create(
        authority_id=person.authority_id, person=person, key=tool.key, version=tool.version, title=tool.title,
        answers=answers, professional_judgement=professional_judgement, level=result.level, score=result.score,
        summary=result.summary[:500], details=result.details, completed_by=by, completed_at=timezone.now(),
    )  # fmt: skip
    chronology_record(people=[person], occurred_at=response.completed_at, kind=EntryKind.TOOL, source=response,
                      by=by, title=f"{tool.title}: {result.summary}", significant=bool(result.triggers))  # fmt: skip
    audit_record(action=AuditAction.CREATE, summary=f"Completed the {tool.title}", actor=by, obj=response,
                 person=person, request=request)  # fmt: skip
    for trigger in result.triggers:
        kind = TRIGGERS.get(trigger)
        if kind is None:
            continue
        if not Meeting.objects.filter(person=person, kind=kind, held_on__isnull=True).exists():
            meeting_create(by=by, person=person, kind=kind, reason=f"{tool.title}: {result.summary}",
                           request=request)  # fmt: skip
    return response
