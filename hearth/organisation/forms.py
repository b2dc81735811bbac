from __future__ import annotations

from typing import Any

from django import forms

from hearth.accounts.roles import Role
from hearth.organisation.models import District, Team


def district_filter() -> forms.ModelChoiceField[District]:
    """An optional district to filter a list by. The view sets the choices to the user's districts, so a
    district of another authority is refused with a plain error."""
    return forms.ModelChoiceField(
        label="District",
        queryset=District.objects.none(),
        required=False,
        empty_label="All districts",
        error_messages={"invalid_choice": "Select a district from the list"},
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label="Name or job title", required=False, max_length=100)
    district = district_filter()
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": "Select a team from the list"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "All roles"), *Role.choices],
        required=False,
        error_messages={"invalid_choice": "Select a role from the list"},
    )

    def __init__(self, *args: Any, districts: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
