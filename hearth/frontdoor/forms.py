from __future__ import annotations

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone

from hearth.core.fields import DateField
from hearth.frontdoor.models import Consent, Outcome, Rag, Threshold
from hearth.people.codes import REFERRAL_SOURCE


class FindPersonForm(forms.Form):
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = DateField(
        label="Date of birth", required=False, help_text="If you know it. For example, 27 3 2015"
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not (data.get("given_name") or data.get("family_name")):
            self.add_error("family_name", "Enter a first name or a last name to search for")
        return data


class CallerForm(forms.Form):
    received_on = DateField(label="Date the contact came in", required=False,
                            help_text="Leave blank for today. For example, 27 3 2026")  # fmt: skip
    received_time = forms.CharField(label="Time it came in (optional)", max_length=5, required=False,
                                    help_text="For example, 14:30")  # fmt: skip
    source = forms.ChoiceField(label="Where did the contact come from?", choices=[("", "Choose"), *REFERRAL_SOURCE],
                               error_messages={"required": "Select who the contact came from",
                                               "invalid_choice": "Select who the contact came from"})  # fmt: skip
    caller_name = forms.CharField(label="Name of the person who got in touch", max_length=150, required=False)
    caller_relationship = forms.CharField(label="Their relationship to the child (optional)", max_length=150,
                                          required=False, help_text="For example, class teacher or grandmother")  # fmt: skip
    caller_phone = forms.CharField(label="Their phone number (optional)", max_length=40, required=False)

    def clean_received_time(self) -> str:
        value = (self.cleaned_data.get("received_time") or "").strip().replace(".", ":")
        if value and not re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value):
            raise forms.ValidationError("Enter the time as hours and minutes, like 14:30")
        return value

    def received_at(self) -> datetime | None:
        day = self.cleaned_data.get("received_on")
        if not day:
            return None
        hours, minutes = (self.cleaned_data.get("received_time") or "09:00").split(":")
        return timezone.make_aware(datetime.combine(day, time(int(hours), int(minutes))))


class WorriesForm(forms.Form):
    worries = forms.CharField(label="What are they worried about?", widget=forms.Textarea, required=False,
                              max_length=10_000, help_text="In their words where you can: what happened, when, "
                              "who was there, and what they think could happen next")  # fmt: skip


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(label="Did the family agree to information being shared?", choices=Consent.choices,
                                error_messages={"required": "Select whether the family agreed to information being shared"})  # fmt: skip


class DecisionForm(forms.Form):
    rag = forms.ChoiceField(
        label="RAG rating", choices=Rag.choices, error_messages={"required": "Select a RAG rating"}
    )
    threshold = forms.ChoiceField(label="Level of need", choices=Threshold.choices,
                                  error_messages={"required": "Select the level of need"})  # fmt: skip
    outcome = forms.ChoiceField(label="What happens next?", choices=Outcome.choices,
                                error_messages={"required": "Select what happens next"})  # fmt: skip
    reasons = forms.CharField(
        label="Reasons for the decision", widget=forms.Textarea, required=False, max_length=10_000
    )


class SignOffForm(forms.Form):
    comment = forms.CharField(
        label="Manager’s comment (optional)", widget=forms.Textarea, required=False, max_length=5_000
    )
