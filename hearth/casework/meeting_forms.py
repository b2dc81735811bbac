"""Forms for plans, meetings, actions, family group conferences and tools. Thin: the services check the rules."""

from __future__ import annotations

import re
from datetime import time
from typing import Any, cast

from django import forms

from hearth.casework.forms import YES_NO
from hearth.casework.models import FgcOutcome, PlanKind
from hearth.casework.tools.engine import Definition
from hearth.core.fields import DateField


class TimeText(forms.CharField):
    """A time typed as hours and minutes (14:30, 9.15 or 9:15)."""

    def to_python(self, value: Any) -> time | None:  # type: ignore[override]
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", text)
        if not match:
            raise forms.ValidationError(
                "Enter the time as hours and minutes on the 24-hour clock, like 14:30"
            )
        return time(int(match[1]), int(match[2]))


class PlanStartForm(forms.Form):
    kind = forms.ChoiceField(label="Which plan?", choices=PlanKind.choices,
                             error_messages={"required": "Select the kind of plan"})  # fmt: skip
    started_on = DateField(label="Date the plan starts", required=False)


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    needs = forms.CharField(label="What we are worried about, and the child’s and family’s needs",
                            widget=forms.Textarea, required=False, max_length=20_000)  # fmt: skip
    outcomes = forms.CharField(label="What needs to change, and how we will know it has",
                               widget=forms.Textarea, required=False, max_length=20_000)  # fmt: skip


class PlanEndForm(forms.Form):
    ended_on = DateField(label="Date the plan ended", required=False)
    reason = forms.CharField(label="Why it is ending", max_length=200, required=False,
                             help_text="For example, The outcomes were achieved")  # fmt: skip


class DecisionForm(forms.Form):
    comment = forms.CharField(label="Comments (needed when you return it)", widget=forms.Textarea, required=False,
                              max_length=10_000)  # fmt: skip


class ActionForm(forms.Form):
    description = forms.CharField(label="What needs to be done", max_length=300, required=False)
    owner = forms.ChoiceField(label="Who will do it", required=False)
    owner_name = forms.CharField(label="Or, someone who is not staff (optional)", max_length=120, required=False,
                                 help_text="For example, Mother, or the school’s designated safeguarding lead")  # fmt: skip
    due_on = DateField(label="Due by", required=False)

    def __init__(self, *args: Any, staff: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", "Choose"),
            *((k, u.display_name) for k, u in self.staff.items()),
        ]

    def chosen_owner(self) -> Any:
        return self.staff.get(self.cleaned_data.get("owner") or "")


class ArrangeForm(forms.Form):
    on = DateField(label="Date", required=False)
    starts = TimeText(label="Start time", required=False, help_text="For example, 10:00")
    ends = TimeText(label="Finish time", required=False, help_text="For example, 11:30")
    location = forms.CharField(label="Where", max_length=200, required=False,
                               help_text="An address, or how to join online")  # fmt: skip


class AttendeeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, required=False)
    role = forms.CharField(label="Role or agency", max_length=120, required=False,
                           help_text="For example, Mother, School, Health visitor or Police")  # fmt: skip


class RecordMeetingForm(forms.Form):
    held_on = DateField(label="Date it was held", required=False)
    attended = forms.MultipleChoiceField(
        label="Who came", required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = forms.CharField(label="What the meeting decided", widget=forms.Textarea, required=False,
                                max_length=20_000)  # fmt: skip
    plan_continues = forms.ChoiceField(label="Does the plan continue?", choices=YES_NO, required=False)

    def __init__(self, *args: Any, attendees: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["attended"]).choices = [
            (str(a.pk), f"{a.name} ({a.role})") for a in attendees
        ]


class FgcRequestForm(forms.Form):
    reason = forms.CharField(label="Why would a family group conference help?", widget=forms.Textarea,
                             required=False, max_length=5_000)  # fmt: skip


class FgcCoordinatorForm(forms.Form):
    coordinator = forms.ChoiceField(label="Coordinator", required=False)

    def __init__(self, *args: Any, staff: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.staff = {str(u.pk): u for u in staff}
        cast(forms.ChoiceField, self.fields["coordinator"]).choices = [
            ("", "Choose"),
            *((k, u.display_name) for k, u in self.staff.items()),
        ]


class FgcPlanForm(forms.Form):
    family_plan = forms.CharField(label="The family’s plan", widget=forms.Textarea, required=False,
                                  max_length=20_000, help_text="In the family’s own words")  # fmt: skip


class FgcCloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=FgcOutcome.choices,
                                error_messages={"required": "Select the outcome"})  # fmt: skip


ANSWER_LABELS = {"yes": "Yes", "no": "No", "not_known": "Not known"}


def tool_form(tool: Definition) -> type[forms.Form]:
    """A form built from a tool's definition: one set of radios per question, grouped as the definition
    groups them. `sections` lists (heading, field names) for the template."""
    spec = tool.spec
    fields: dict[str, forms.Field] = {}
    sections: list[tuple[str, list[str]]] = []
    if tool.method == "area_scale":
        scale = [(str(n), f"{n}: {text}") for n, text in sorted(spec["scale"].items())]
        for area in spec["areas"]:
            names = []
            for item in area["items"]:
                fields[item["id"]] = forms.TypedChoiceField(label=item["text"], choices=scale, coerce=int,
                                                            required=False)  # fmt: skip
                names.append(item["id"])
            sections.append((area["title"], names))
    else:
        questions = spec.get("questions") or spec.get("indicators") or []
        choices = [(a, ANSWER_LABELS.get(a, a)) for a in spec["answers"]]
        for question in questions:
            fields[question["id"]] = forms.ChoiceField(
                label=question["text"], choices=choices, required=False
            )
        sections.append(("Questions", [q["id"] for q in questions]))
        fields["professional_judgement"] = forms.BooleanField(
            label="High risk on professional judgement, whatever the count", required=False
        )
    form_class = type(f"{tool.key.title()}Form", (forms.Form,), fields)
    form_class.sections = sections  # type: ignore[attr-defined]
    return form_class
