"""Forms for the Supporting Families pages. Each only parses what was typed; the services decide what is
allowed and say why not."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from hearth.core.fields import DateField
from hearth.organisation.forms import district_filter
from hearth.supporting.models import ClaimKind, Criterion
from hearth.supporting.programme import programme_year, year_label
from hearth.supporting.selectors import CLOSED, OPEN, SUCCESSFUL
from hearth.supporting.services import CLOSE_BY_HAND

CRITERIA_HINTS = {
    Criterion.CHILDREN_IN_NEED: "A child who needs help: a child in need, on a plan, or with needs found by an "
                                "early help assessment",
    Criterion.CRIME: "A child or adult who has offended or whose anti-social behaviour has been reported",
    Criterion.DOMESTIC_ABUSE: "Domestic abuse in the family, whether reported to the police or not",
    Criterion.WORKLESSNESS: "An adult out of work, or the family in debt or at risk of losing their home",
    Criterion.SCHOOL: "A child who misses school often, is excluded, or is not in school",
    Criterion.HEALTH: "A physical or mental health problem, or drugs or alcohol, affecting the family",
}  # fmt: skip


def _required(label: str) -> dict[str, str]:
    return {"required": f"Enter {label}", "max_length": f"Enter {label} in 300 characters or fewer"}


def whole_number(text: str, words: str, example: str) -> int:
    """A whole number typed with or without thousands separators (and £): "4,680", "£250,000"."""
    cleaned = text.strip().replace(",", "").replace("£", "").replace(" ", "")
    if not cleaned.isdigit() or int(cleaned) == 0:
        raise forms.ValidationError(f"Enter the {words} as a whole number more than 0, like {example}")
    return int(cleaned)


def year_choices() -> list[tuple[str, str]]:
    """The programme years a target or plan can be set for: the last five, this one and the next."""
    this = programme_year(timezone.localdate())
    return [("", "Select a year")] + [(str(y), year_label(y)) for y in range(this + 1, this - 6, -1)]


class FamilyFilters(forms.Form):
    q = forms.CharField(label="Name of the lead person", required=False, max_length=100)
    district = district_filter()
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("", "All families"), (OPEN, "Open"), (CLOSED, "Closed"), (SUCCESSFUL, "Successful (a claim stands)")],
        error_messages={"invalid_choice": "Select a status from the list"},
    )  # fmt: skip
    mine = forms.BooleanField(label="Only families I am the key worker for", required=False)

    def __init__(self, *args: Any, district_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices  # type: ignore[attr-defined]


class FindPersonForm(forms.Form):
    q = forms.CharField(label="Name of the lead person", max_length=100, min_length=2,
                        help_text="The parent or carer the family is known by, or a child",
                        error_messages={"required": "Enter a name to search for",
                                        "min_length": "Enter at least 2 letters of the name"})  # fmt: skip


class AttachForm(forms.Form):
    attached_on = DateField(label="Date the family was attached")
    criteria = forms.MultipleChoiceField(
        label="Criteria the family meets", choices=Criterion.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the criteria the family meets", "invalid_choice": "Select criteria from the list"},
    )  # fmt: skip
    members = forms.MultipleChoiceField(
        label="Family members on the programme", required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select family members from the list"},
    )  # fmt: skip
    key_worker = forms.ChoiceField(label="Key worker", error_messages={"required": "Select the family’s key worker",
                                                                       "invalid_choice": "Select a key worker from the list"})  # fmt: skip

    def __init__(self, *args: Any, members: list[Any], workers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in members}
        self.workers = {str(w.pk): w for w in workers}
        cast(forms.MultipleChoiceField, self.fields["members"]).choices = [
            (key, p.full_name) for key, p in self.people.items()
        ]
        cast(forms.ChoiceField, self.fields["key_worker"]).choices = [
            (key, f"{w.get_full_name()}, {w.job_title}" if w.job_title else w.get_full_name())
            for key, w in self.workers.items()
        ]


class CriterionForm(forms.Form):
    criterion = forms.ChoiceField(label="Criterion", error_messages={"required": "Select the criterion the family meets",
                                                                     "invalid_choice": "Select a criterion from the list"})  # fmt: skip
    note = forms.CharField(label="What shows the family meets it (optional)", required=False, max_length=300,
                           error_messages={"max_length": "Enter what shows it in 300 characters or fewer"})  # fmt: skip

    def __init__(self, *args: Any, met: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["criterion"]).choices = [("", "Select a criterion")] + [
            (c.value, c.label) for c in Criterion if c.value not in met
        ]


class OutcomeForm(forms.Form):
    criterion = forms.ChoiceField(label="Criterion", error_messages={"required": "Select the criterion the outcome is for",
                                                                     "invalid_choice": "Select a criterion from the list"})  # fmt: skip
    description = forms.CharField(label="Outcome", max_length=300, help_text="What will be different for the family",
                                  error_messages=_required("the outcome the family is working towards"))  # fmt: skip
    measure = forms.CharField(label="Measure", max_length=300, help_text="How you will know, for example school attendance",
                              error_messages=_required("how the outcome is measured"))  # fmt: skip
    target = forms.CharField(label="Target", max_length=300,
                             help_text="What counts as significant and sustained progress, for example 90% for 3 terms",
                             error_messages=_required("the target that shows significant and sustained progress"))  # fmt: skip

    def __init__(self, *args: Any, met: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["criterion"]).choices = [("", "Select a criterion")] + [
            (c, Criterion(c).label) for c in met
        ]


class CloseForm(forms.Form):
    closed_on = DateField(label="Date the family left the programme")
    reason = forms.ChoiceField(label="Why the family is leaving the programme", widget=forms.RadioSelect,
                               choices=[(c.value, c.label) for c in CLOSE_BY_HAND],
                               error_messages={"required": "Select why the family is leaving the programme"})  # fmt: skip
    note = forms.CharField(label="More about why (optional unless you chose another reason)", required=False,
                           max_length=300, error_messages={"max_length": "Enter the reason in 300 characters or fewer"})  # fmt: skip


class ClaimForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of claim", widget=forms.RadioSelect, choices=ClaimKind.choices,
                             error_messages={"required": "Select the kind of claim"})  # fmt: skip
    claimed_on = DateField(label="Date of the claim")
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea, max_length=5000,
                               help_text="What shows the progress or the job, and where the evidence is kept",
                               error_messages={"required": "Enter the evidence for the claim",
                                               "max_length": "Enter the evidence in 5,000 characters or fewer"})  # fmt: skip
    outcomes = forms.MultipleChoiceField(label="Outcomes achieved (significant and sustained progress)", required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         error_messages={"invalid_choice": "Select outcomes from the family’s plan"})  # fmt: skip
    employed_person = forms.ChoiceField(label="Adult who moved into work (continuous employment)", required=False,
                                        error_messages={"invalid_choice": "Select someone in the family"})  # fmt: skip
    employed_from = DateField(label="Date they started work (continuous employment)", required=False)

    def __init__(self, *args: Any, outcomes: list[Any], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = {str(o.pk): o for o in outcomes}
        self.people = {str(p.pk): p for p in people}
        cast(forms.MultipleChoiceField, self.fields["outcomes"]).choices = [
            (key, f"{Criterion(o.criterion).label}: {o.description}") for key, o in self.plan.items()
        ]
        cast(forms.ChoiceField, self.fields["employed_person"]).choices = [("", "Select a person")] + [
            (key, p.full_name) for key, p in self.people.items()
        ]

    def chosen(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"outcomes": [self.plan[k] for k in d["outcomes"]],
                "employed_person": self.people.get(d["employed_person"] or "")}  # fmt: skip


class ClaimEndForm(forms.Form):
    decision = forms.ChoiceField(label="What happened to the claim", widget=forms.RadioSelect,
                                 choices=[("withdrawn", "We withdrew it"), ("rejected", "It was rejected when checked")],
                                 error_messages={"required": "Select whether the claim was withdrawn or rejected"})  # fmt: skip
    on = DateField(label="Date")
    reason = forms.CharField(label="Why", max_length=300, error_messages=_required("why"))


class TargetForm(forms.Form):
    year = forms.TypedChoiceField(label="Programme year", coerce=int,
                                  error_messages={"required": "Select a programme year",
                                                  "invalid_choice": "Select a programme year from the list"})  # fmt: skip
    families = forms.CharField(label="Families to attach", max_length=12, error_messages={
        "required": "Enter the attachment target, the number of families to attach"})  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = year_choices()

    def clean_families(self) -> int:
        return whole_number(self.cleaned_data["families"], "attachment target", "1,200")


class InvestmentPlanForm(forms.Form):
    district = district_filter()
    year = forms.TypedChoiceField(label="Programme year", coerce=int,
                                  error_messages={"required": "Select a programme year",
                                                  "invalid_choice": "Select a programme year from the list"})  # fmt: skip
    amount = forms.CharField(label="Amount, in pounds", max_length=14,
                             error_messages={"required": "Enter the amount devolved to the district, in pounds"})  # fmt: skip
    priorities = forms.CharField(label="What it buys", widget=forms.Textarea, max_length=3000,
                                 help_text="The plan’s priorities, one on each line",
                                 error_messages={"required": "Enter what the plan buys, one priority on each line",
                                                 "max_length": "Enter the priorities in 3,000 characters or fewer"})  # fmt: skip

    def __init__(self, *args: Any, district_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["district"])
        field.queryset, field.required, field.empty_label = district_choices, True, "Select a district"
        field.error_messages["required"] = "Select the district"
        cast(forms.ChoiceField, self.fields["year"]).choices = year_choices()

    def clean_amount(self) -> int:
        return whole_number(self.cleaned_data["amount"], "amount", "£250,000")
