"""What the front door pages show: waiting times, due and overdue, summaries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from hearth.core.jinja import govuk_date
from hearth.frontdoor.models import Contact, SubjectRole
from hearth.people.codes import REFERRAL_SOURCE

SOURCES = dict(REFERRAL_SOURCE)


def duration_text(delta: timedelta) -> str:
    """ "3 days", "5 hours", "40 minutes": the largest whole unit."""
    seconds = int(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "less than a minute"


def due_text(due: datetime | None, now: datetime) -> tuple[str, bool]:
    """("Due in 5 hours" or "Overdue by 2 hours", overdue?)."""
    if due is None:
        return "", False
    if due < now:
        return f"Overdue by {duration_text(now - due)}", True
    return f"Due in {duration_text(due - now)}", False


def queue_rows(contacts: Iterable[Contact], now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or timezone.now()
    rows = []
    for contact in contacts:
        due, overdue = due_text(contact.decision_due_at, now)
        children = [s.person.full_name for s in contact.subjects.all() if s.role == SubjectRole.CHILD]
        rows.append({
            "pk": contact.pk, "children": children or ["No child linked yet"],
            "source": SOURCES.get(contact.source, ""), "received": govuk_date(contact.received_at, time=True),
            "waiting": duration_text(now - contact.received_at), "due": due, "overdue": overdue,
            "rag": contact.get_rag_display().split(":")[0] if contact.rag else "",
            "outcome": contact.get_outcome_display() if contact.outcome else "",
            "decided_by": contact.decided_by.display_name if contact.decided_by else "",
        })  # fmt: skip
    return rows


def contact_summary(contact: Contact) -> list[tuple[str, str, str]]:
    """(question, answer, step to change it) for the check page and the contact page."""
    caller = contact.caller_name or ("Anonymous" if contact.source == "9" else "")
    if contact.caller_relationship:
        caller += f" ({contact.caller_relationship})"
    if contact.caller_phone:
        caller += f", {contact.caller_phone}"
    if contact.partner_id:
        caller += f" through the partner service: {contact.partner}"
    return [
        ("When it came in", govuk_date(contact.received_at, time=True), ""),
        ("Where it came from", SOURCES.get(contact.source, "Not answered yet"), "caller"),
        ("Who got in touch", caller or "Not answered yet", "caller"),
        ("What they are worried about", contact.worries or "Not answered yet", "worries"),
        (
            "Consent to share",
            contact.get_consent_display() if contact.consent else "Not answered yet",
            "consent",
        ),
    ]
