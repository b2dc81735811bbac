"""One small change to a person's record on its own page: the people, casework and care apps each list
theirs, and hearth.people.views.person_details shows and saves them all the same way."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from hearth.core.access import Action


@dataclass(frozen=True)
class DetailsPage:
    """One small change to a person's details: its form, how to show each field, and the service to call."""

    heading: str
    form: Callable[..., forms.Form]  # a form class; those with `wants_context` take user= and person=
    fields: tuple[tuple[str, str], ...]  # (field name, text | date | radios | select)
    apply: Callable[..., object]
    done: str
    goto: Callable[[Any], str] | None = None  # where to go next, given what apply made (else the person page)
    action: Action = Action.CHANGE  # what the user must be allowed to do to the person (IROs review: VIEW)
