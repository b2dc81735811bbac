"""What scrutiny officers type: committees, members, meetings, the work programme and the agenda."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.core import reports
from hearth.core.fields import DateField, TimeField
from hearth.scrutiny.models import AgendaItem, AgendaKind, CommitteeMeeting, MemberRole, ProgrammeKind
from hearth.scrutiny.presenters import meeting_when


class CommitteeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, required=False)
    remit = forms.CharField(label="What it scrutinises (optional)", widget=forms.Textarea, required=False)
    venue = forms.CharField(label="Where it usually meets (optional)", max_length=150, required=False,
                            help_text="For example, Oak Room, County Buildings")  # fmt: skip
    contact = forms.CharField(label="Contact officer (optional)", max_length=150, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, required=False,
                           help_text="Without ‘Councillor’, for example Jo Bloggs")  # fmt: skip
    party = forms.CharField(label="Party", max_length=80, required=False,
                            help_text="Leave it blank for a co-opted member who is not a councillor")  # fmt: skip
    role = forms.ChoiceField(label="Role", choices=MemberRole.choices, initial=MemberRole.MEMBER,
                             error_messages={"required": "Choose the member’s role", "invalid_choice": "Choose the member’s role"})  # fmt: skip


class ScheduleForm(forms.Form):
    on = DateField(label="Date", required=False)
    starts = TimeField(label="Start time", help_text="Use the 24-hour clock, for example 10:00")
    venue = forms.CharField(label="Venue", max_length=150, required=False,
                            help_text="Leave it blank for the committee’s usual venue")  # fmt: skip


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why is the meeting cancelled?", max_length=200, required=False)


class ProgrammeForm(forms.Form):
    kind = forms.ChoiceField(label="Part of the work programme", choices=ProgrammeKind.choices,
                             initial=ProgrammeKind.MEETING, error_messages={"required": "Choose the part of the work programme"})  # fmt: skip
    title = forms.CharField(label="Item", max_length=200, required=False,
                            help_text="For example, Customer feedback and complaints annual report")  # fmt: skip
    meeting = forms.TypedChoiceField(label="Meeting", coerce=int, empty_value=None, required=False,
                                     help_text="Or leave it as ‘No meeting yet’ and give a date, or neither")  # fmt: skip
    on = DateField(
        label="Date (optional)",
        required=False,
        help_text="For briefing notes and visits, for example 17 9 2026",
    )
    details = forms.CharField(label="Details (optional)", widget=forms.Textarea, required=False)
    lead_officer = forms.CharField(label="Lead officer (optional)", max_length=150, required=False)
    cabinet_member = forms.CharField(label="Cabinet member (optional)", max_length=150, required=False)

    def __init__(self, *args: Any, meetings: list[CommitteeMeeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in meetings}
        choices = [("", "No meeting yet"), *((m.pk, meeting_when(m)) for m in meetings)]
        self.fields["meeting"].choices = choices  # type: ignore[attr-defined]

    def chosen_meeting(self) -> CommitteeMeeting | None:
        return self.meetings.get(self.cleaned_data.get("meeting") or 0)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label="Action or outcome", widget=forms.Textarea, required=False,
                              help_text="What members noted, asked for or resolved")  # fmt: skip


def _report_choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.title) for kind in reports.REPORTS.values()]


class ReportItemForm(forms.Form):
    """Add a report to the agenda. The report's choices are read when the form is made, so they are always
    the reports registered now."""

    report = forms.ChoiceField(label="Report", choices=(),
                               error_messages={"required": "Choose a report", "invalid_choice": "Choose one of the reports listed"})  # fmt: skip
    on = DateField(label="Figures as at", required=False,
                   help_text="The date the report’s figures are for. It must not be after the meeting or in the future")  # fmt: skip
    title = forms.CharField(label="Title on the agenda (optional)", max_length=200, required=False,
                            help_text="Leave it blank to use the report’s own title")  # fmt: skip
    cover_note = forms.CharField(label="Cover note (optional)", widget=forms.Textarea, required=False,
                                 help_text="For example, who presents the report and what members are asked to do")  # fmt: skip
    position = forms.IntegerField(label="Item number (optional)", required=False, min_value=1, max_value=999,
                                  help_text="Leave it blank to add the item at the end",
                                  error_messages={"invalid": "The item number must be a whole number, like 4",
                                                  "min_value": "The item number must be 1 or more",
                                                  "max_value": "The item number must be 999 or less"})  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [("", "Choose a report"), *_report_choices()]  # type: ignore[attr-defined]


PLAIN_KINDS = [(k.value, k.label) for k in AgendaKind if k != AgendaKind.REPORT]


class OtherItemForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of item?", choices=PLAIN_KINDS,
                             error_messages={"required": "Choose the kind of item", "invalid_choice": "Choose the kind of item"})  # fmt: skip
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="Apologies, minutes, declarations and the work programme have a title already")  # fmt: skip
    cover_note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False,
                                 help_text="Printed in the pack on a page of its own")  # fmt: skip
    position = ReportItemForm.base_fields["position"]


class OrderForm(forms.Form):
    """A number box for each item of the agenda, to put them in a new order."""

    def __init__(self, *args: Any, items: list[AgendaItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.IntegerField(
                label=item.title, required=False, initial=item.position,
                error_messages={"invalid": f"The number for ‘{item.title}’ must be a whole number, like 4"},
            )  # fmt: skip

    def positions(self) -> dict[int, int | None]:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}") for item in self.items}


class ChooseForm(forms.Form):
    """A button beside one row of a table (remove this item, this member): the row's id."""

    choice = forms.IntegerField(widget=forms.HiddenInput)
