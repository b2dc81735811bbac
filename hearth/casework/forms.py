from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.utils import timezone

from hearth.casework.models import AbuseCategory, AssessmentOutcome
from hearth.core.fields import DateField
from hearth.people.codes import ASSESSMENT_FACTORS, CIN_CLOSURE_REASON, PRIMARY_NEED


class CaseNoteForm(forms.Form):
    people = forms.MultipleChoiceField(label="Who is this note about?", required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text="Select everyone it is about: it is recorded once, on each of their records",
                                       error_messages={"invalid_choice": "Select people from the list"})  # fmt: skip
    occurred_on = DateField(label="Date it happened", required=False)
    occurred_time = forms.CharField(label="Time (optional)", max_length=5, required=False,
                                    help_text="For example, 14:30")  # fmt: skip
    title = forms.CharField(label="Summary", max_length=200, required=False,
                            help_text="For example, Home visit, Ava seen alone")  # fmt: skip
    text = forms.CharField(label="Note", widget=forms.Textarea, required=False, max_length=50_000)
    significant = forms.BooleanField(label="This is a significant event", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people_by_id = {str(p.pk): p for p in people}
        cast(forms.ChoiceField, self.fields["people"]).choices = [(str(p.pk), p.full_name) for p in people]

    def clean_occurred_time(self) -> str:
        value = (self.cleaned_data.get("occurred_time") or "").strip()
        if value and not re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", value):
            raise forms.ValidationError("Enter the time as hours and minutes, like 14:30")
        return value.replace(".", ":")

    def occurred_at(self) -> datetime | None:
        day = self.cleaned_data.get("occurred_on")
        if not day:
            return None
        hours, minutes = (self.cleaned_data.get("occurred_time") or "12:00").split(":")
        return timezone.make_aware(datetime.combine(day, time(int(hours), int(minutes))))

    def chosen_people(self) -> list[Any]:
        return [self.people_by_id[i] for i in self.cleaned_data.get("people") or [] if i in self.people_by_id]


class OversightForm(forms.Form):
    text = forms.CharField(label="Your oversight", widget=forms.Textarea, required=False, max_length=10_000,
                           help_text="What you have read, what you agree with, and what should happen next")  # fmt: skip


class AssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    child_seen_on = DateField(label="Date the child was seen", required=False)
    child_seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    factors = forms.MultipleChoiceField(label="Assessment factors", choices=ASSESSMENT_FACTORS, required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        help_text="What the assessment found, as the children in need census records it",
                                        error_messages={"invalid_choice": "Choose factors from the list"})  # fmt: skip
    primary_need = forms.ChoiceField(label="Primary need (optional)", choices=[("", "Not decided yet"), *PRIMARY_NEED],
                                     required=False, error_messages={"invalid_choice": "Choose the primary need from the list"})  # fmt: skip
    outcome = forms.ChoiceField(label="What happens next", choices=[("", "Not decided yet"), *AssessmentOutcome.choices],
                                required=False, error_messages={"invalid_choice": "Choose what happens next from the list"})  # fmt: skip
    summary = forms.CharField(
        label="Analysis and summary", widget=forms.Textarea, required=False, max_length=50_000
    )


class AssessmentDecisionForm(forms.Form):
    comment = forms.CharField(label="Comments (needed when you return it)", widget=forms.Textarea, required=False,
                              max_length=10_000)  # fmt: skip


YES_NO = [("yes", "Yes"), ("no", "No")]


class StrategyDiscussionForm(forms.Form):
    held_on = DateField(label="Date of the strategy discussion", required=False)
    section_47 = forms.ChoiceField(label="Was a section 47 enquiry started?", choices=YES_NO,
                                   error_messages={"required": "Select yes if a section 47 enquiry was started"})  # fmt: skip
    attendees = forms.CharField(label="Who took part", max_length=300, required=False,
                                help_text="For example, police, health and children’s social care")  # fmt: skip
    notes = forms.CharField(label="Notes (optional)", max_length=5000, required=False)


class VisitForm(forms.Form):
    visited_on = DateField(label="Date of the visit", required=False)
    child_seen = forms.ChoiceField(label="Was the child seen?", choices=YES_NO,
                                   error_messages={"required": "Select yes if the child was seen"})  # fmt: skip
    seen_alone = forms.ChoiceField(label="Was the child seen alone?", choices=YES_NO,
                                   error_messages={"required": "Select yes if the child was seen alone"})  # fmt: skip


class ConferenceForm(forms.Form):
    held_on = DateField(label="Date of the conference", required=False)
    plan_needed = forms.ChoiceField(label="Does the child need a child protection plan?", choices=YES_NO,
                                    error_messages={"required": "Select yes if the child needs a plan"})  # fmt: skip
    category = forms.ChoiceField(label="Category of abuse (for a new plan)", required=False,
                                 choices=[("", "Choose"), *AbuseCategory.choices],
                                 error_messages={"invalid_choice": "Select the category of abuse"})  # fmt: skip


class StepDownForm(forms.Form):
    """Choices come from the user's authority and the child's record (DetailsPage passes them)."""

    wants_context = True
    key_worker = forms.ChoiceField(
        label="Early help key worker (if the family does not have one yet)", required=False
    )

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.accounts.models import User
        from hearth.accounts.roles import PractitionerKind
        from hearth.core.access import scoped

        workers = scoped(
            user,
            User.objects.filter(practitioner_kind=PractitionerKind.EARLY_HELP_KEY_WORKER, is_active=True),
        )
        if person.district_id:
            workers = workers.filter(team__district_id=person.district_id)
        self.workers = {str(w.pk): w for w in workers.order_by("last_name")[:200]}
        cast(forms.ChoiceField, self.fields["key_worker"]).choices = [
            ("", "Keep the family’s key worker"),
            *((k, w.display_name) for k, w in self.workers.items()),
        ]


class StepUpForm(forms.Form):
    wants_context = True
    confirm = forms.BooleanField(label="Refer the child to children’s social care (an assessment will start)",
                                 error_messages={"required": "Tick the box to confirm the step up"})  # fmt: skip

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CloseInvolvementForm(forms.Form):
    wants_context = True
    involvement = forms.ChoiceField(
        label="Involvement to close", error_messages={"required": "Select the involvement to close"}
    )
    reason = forms.ChoiceField(
        label="Why it is closing", required=False, choices=[("", "Choose"), *CIN_CLOSURE_REASON]
    )
    ended_on = DateField(label="Date it closes", required=False, help_text="Leave blank for today")

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.casework.models import Involvement
        from hearth.core.access import Action, scoped

        self.open = {
            str(i.pk): i
            for i in scoped(
                user, Involvement.objects.filter(person=person, ended_on__isnull=True), Action.CHANGE
            )
        }
        cast(forms.ChoiceField, self.fields["involvement"]).choices = [
            ("", "Choose"),
            *((k, f"{i.get_kind_display()} since {i.started_on:%d/%m/%Y}") for k, i in self.open.items()),
        ]
