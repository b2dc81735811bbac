from __future__ import annotations

from typing import Any

from django import forms

from hearth.accounts.models import User
from hearth.audit.models import AuditAction


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label="Staff member",
        queryset=User.objects.none(),
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": "Select a staff member from the list"},
    )
    person = forms.IntegerField(
        label="Person’s Hearth ID",
        required=False,
        min_value=1,
        help_text="The number shown on the person's record, for example 1042",
        error_messages={
            "invalid": "Enter the person’s Hearth ID as a number, like 1042",
            "min_value": "Enter the person’s Hearth ID as a number, like 1042",
        },
    )
    action = forms.ChoiceField(
        label="What happened",
        choices=[("", "Anything"), *AuditAction.choices],
        required=False,
        error_messages={"invalid_choice": "Select what happened from the list"},
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        help_text="For example, 27 3 2026",
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"],
        error_messages={"invalid": "Enter the start date as day month year, for example 27 3 2026"},
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"],
        error_messages={"invalid": "Enter the end date as day month year, for example 27 3 2026"},
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = staff  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data
