"""Forms of the complaints pages, with GOV.UK error messages. The services check the rules (stage order,
dates, extension limits); these only parse what was typed."""

from __future__ import annotations

from typing import Any

from django import forms

from hearth.accounts.models import User
from hearth.complaints.models import (
    Complainant,
    ComplaintKind,
    ComplimentFrom,
    HowReceived,
    OmbudsmanDecision,
    Outcome,
    Service,
    Theme,
)
from hearth.core.fields import DateField


# Fields are optional here: the services say what is missing, so that every problem shows at once.
def _choice(
    label: str, choices: Any, message: str, *, required: bool = False, blank: str = ""
) -> forms.ChoiceField:
    options = list(choices)
    if blank:
        options = [("", blank), *options]
    return forms.ChoiceField(label=label, choices=options, required=required,
                             error_messages={"required": message, "invalid_choice": message})  # fmt: skip


def _text(label: str, message: str, *, max_length: int | None = None, required: bool = False,
          help_text: str = "", area: bool = False) -> forms.CharField:  # fmt: skip
    return forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                           widget=forms.Textarea if area else None,
                           error_messages={"required": message,
                                           "max_length": f"{label} must be {max_length} characters or fewer"})  # fmt: skip


def _team(label: str = "Team (optional)") -> forms.ModelChoiceField[Any]:
    from hearth.organisation.models import Team

    return forms.ModelChoiceField(label=label, queryset=Team.objects.none(), required=False, empty_label="No team",
                                  error_messages={"invalid_choice": "Select a team from the list"})  # fmt: skip


class ComplaintFilters(forms.Form):
    status = _choice("Open or closed", [("open", "Open"), ("closed", "Closed")],
                     "Select open or closed from the list", required=False, blank="Open and closed")  # fmt: skip
    kind = _choice("Procedure", ComplaintKind.choices, "Select a procedure from the list", required=False,
                   blank="Statutory and corporate")  # fmt: skip
    stage = _choice("Stage", [("1", "Stage 1"), ("2", "Stage 2"), ("3", "Stage 3")],
                    "Select a stage from the list", required=False, blank="Any stage")  # fmt: skip
    overdue = forms.BooleanField(label="Only overdue complaints", required=False)
    mine = forms.BooleanField(label="Only complaints I handle", required=False)


class ComplaintForm(forms.Form):
    kind = _choice("Which procedure is it handled under?", ComplaintKind.choices,
                   "Select whether the complaint is statutory or corporate")  # fmt: skip
    received_on = DateField(label="Date the complaint was received", required=False)
    how_received = _choice(
        "How was it received?", HowReceived.choices, "Select how the complaint was received"
    )
    complainant_name = _text("Complainant’s name", "Enter the complainant’s name", max_length=150)
    complainant_is = _choice("Who is the complainant?", Complainant.choices, "Select who the complainant is")
    child = forms.IntegerField(
        label="Hearth ID of the child the complaint is about (optional)", required=False, min_value=1,
        help_text="Leave it empty if the complaint is not about a particular child",
        error_messages={"invalid": "Enter the child’s Hearth ID as a number, like 1042",
                        "min_value": "Enter the child’s Hearth ID as a number, like 1042"},
    )  # fmt: skip
    service = _choice("Service", Service.choices, "Select the service the complaint is about",
                      blank="Select a service")  # fmt: skip
    team = _team()
    subject = _choice("What is it mainly about?", Theme.choices, "Select what the complaint is mainly about",
                      blank="Select a main area")  # fmt: skip
    summary = _text("Summary of the complaint", "Enter a summary of the complaint", area=True,
                    help_text="What the complainant says went wrong and what they want to happen")  # fmt: skip
    handled_by = forms.ModelChoiceField(label="Who will handle it?", queryset=User.objects.none(), required=False,
                                        empty_label="Me", error_messages={"invalid_choice": "Select who is handling the complaint from the list"})  # fmt: skip

    def __init__(self, *args: Any, teams: Any, handlers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["handled_by"].queryset = handlers  # type: ignore[attr-defined]


class StageStartForm(forms.Form):
    started_on = DateField(label="Date the council received the request", required=False)


class ExtendForm(forms.Form):
    new_due_on = DateField(label="New due date", required=False)
    reason = _text("Why the stage needs more time", "Enter why the stage needs more time", area=True)


class PanelForm(forms.Form):
    panel_on = DateField(label="Date the review panel met", required=False)
    findings_on = DateField(label="Date the panel sent its findings (optional)", required=False)


class RespondForm(forms.Form):
    responded_on = DateField(label="Date of the response", required=False)
    outcome = _choice("Outcome", Outcome.choices, "Select the outcome")
    summary = _text("What the response said (optional)", "", area=True, required=False)


class ActionForm(forms.Form):
    theme = _choice("What is the learning about?", Theme.choices, "Select what the learning is about",
                    blank="Select a theme")  # fmt: skip
    learning = _text("What the council learned", "Enter what the council learned", area=True)
    action = _text("Action agreed", "Enter the action agreed", max_length=300)
    owner = _text("Who owns the action", "Enter who owns the action, for example Service manager, Aldermoor",
                  max_length=150, help_text="A post, for example Service manager, Aldermoor")  # fmt: skip
    due_on = DateField(label="Date the action is due", required=False)


class ActionDoneForm(forms.Form):
    action = forms.ChoiceField(label="Action", choices=(), error_messages={
        "required": "Select the action that was done", "invalid_choice": "Select the action that was done"})  # fmt: skip
    done_on = DateField(label="Date it was done", required=False)

    def __init__(self, *args: Any, actions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actions = {str(a.pk): a for a in actions}
        self.fields["action"].choices = [(str(a.pk), a.action) for a in actions]  # type: ignore[attr-defined]


class OmbudsmanReferForm(forms.Form):
    referred_on = DateField(
        label="Date the council heard the complaint went to the Ombudsman", required=False
    )


class OmbudsmanDecisionForm(forms.Form):
    decision = _choice(
        "The Ombudsman’s decision", OmbudsmanDecision.choices, "Select the Ombudsman’s decision"
    )
    decided_on = DateField(label="Date of the decision", required=False)
    remedy = _text("What the Ombudsman asked the council to do (optional)", "", area=True, required=False)


class ComplimentForm(forms.Form):
    received_on = DateField(label="Date the compliment was received", required=False)
    service = _choice("Service", Service.choices, "Select the service the compliment is about",
                      blank="Select a service")  # fmt: skip
    team = _team()
    from_who = _choice("Who is it from?", ComplimentFrom.choices, "Select who the compliment is from")
    summary = _text("What the compliment said", "Enter what the compliment said", area=True,
                    help_text="Do not include names")  # fmt: skip

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class ComplimentFilters(forms.Form):
    service = _choice("Service", Service.choices, "Select a service from the list", required=False,
                      blank="All services")  # fmt: skip
