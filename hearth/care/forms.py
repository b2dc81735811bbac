"""Forms for the care pages. Each only parses what was typed; the services in hearth.care decide what is
allowed and say why not."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from hearth.accounts.roles import Role
from hearth.care import codes
from hearth.care.finding import NEEDS
from hearth.care.models import (
    AdopterStage,
    HealthKind,
    InterviewOutcome,
    MissingEpisode,
    PermanenceKind,
    ProspectiveAdopter,
    Provider,
)
from hearth.care.permanence import ADOPTION_STEPS
from hearth.core.access import Action, scoped
from hearth.core.fields import DateField, TimeField

YES_NO = (("yes", "Yes"), ("no", "No"))


def _choices(codes_list: tuple[tuple[str, str], ...], blank: str = "") -> list[tuple[str, str]]:
    listed = [(code, f"{words} ({code})") for code, words in codes_list]
    return [("", blank), *listed] if blank else listed


def _select(
    label: str, options: list[tuple[str, str]], required: bool = True, **kwargs: Any
) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=options, required=required,
                             error_messages={"required": f"Select {label[0].lower() + label[1:]}",
                                             "invalid_choice": "Select an option from the list"}, **kwargs)  # fmt: skip


class _WithProviders(forms.Form):
    """A form that offers the council's active providers, grouped by kind."""

    wants_context = True

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        providers = scoped(user, Provider.objects.filter(active=True)).order_by("kind", "name")
        self.providers = {str(p.pk): p for p in providers}
        field = cast(forms.ChoiceField, self.fields["provider"])
        field.choices = [("", "No provider (parents, or a temporary placement)")] + [
            (str(p.pk), f"{p.name} ({p.get_kind_display()})") for p in providers
        ]

    def chosen_provider(self) -> Provider | None:
        return self.providers.get(self.cleaned_data.get("provider") or "")


class StartCareForm(_WithProviders):
    started_on = DateField(label="Date the child started to be looked after")
    legal_status = _select("Legal status", _choices(codes.LEGAL_STATUS, "Select the legal status"))
    category_of_need = _select("Category of need", _choices(codes.CATEGORY_OF_NEED, "Select the category"))
    placement_type = _select("Placement type", _choices(codes.PLACEMENT_TYPE, "Select the placement type"))
    provider = forms.ChoiceField(label="Carer or provider", required=False)
    carer = forms.CharField(label="Who the child lives with, if there is no provider", required=False, max_length=150,
                            help_text="For example, Mother")  # fmt: skip
    distance_miles = forms.DecimalField(label="Distance from the child’s home, in miles (optional)", required=False,
                                        max_digits=6, decimal_places=1, min_value=0,
                                        error_messages={"invalid": "Enter the distance as a number, like 12.5"})  # fmt: skip
    home_postcode = forms.CharField(
        label="Postcode of the child’s home before care", required=False, max_length=8
    )
    unaccompanied = forms.BooleanField(label="An unaccompanied asylum-seeking child", required=False)


class ChangeCareForm(_WithProviders):
    on = DateField(label="Date of the change")
    legal_status = _select("New legal status", _choices(codes.LEGAL_STATUS, "No change"), required=False)
    placement_type = _select("New placement type", _choices(codes.PLACEMENT_TYPE, "No change of placement"),
                             required=False)  # fmt: skip
    provider = forms.ChoiceField(label="New carer or provider", required=False)
    carer = forms.CharField(
        label="Who the child lives with, if there is no provider", required=False, max_length=150
    )
    distance_miles = forms.DecimalField(label="Distance from the child’s home, in miles (optional)", required=False,
                                        max_digits=6, decimal_places=1, min_value=0,
                                        error_messages={"invalid": "Enter the distance as a number, like 12.5"})  # fmt: skip
    change_reason = _select("Why the placement changed", _choices(codes.REASON_PLACE_CHANGE, "Not a move"),
                            required=False)  # fmt: skip


class EndCareForm(forms.Form):
    on = DateField(label="Date the child stopped being looked after")
    reason = _select("Reason", _choices(codes.REASON_CEASED, "Select the reason"))


class MissingForm(forms.Form):
    kind = forms.ChoiceField(label="What happened", choices=codes.MISSING_KIND, widget=forms.RadioSelect,
                             error_messages={"required": "Select whether the child was missing or away"})  # fmt: skip
    started_on = DateField(label="Date they went missing")
    started_time = TimeField(label="Time they went missing")
    ended_on = DateField(label="Date they came back (if they have)", required=False)
    ended_time = TimeField(label="Time they came back")
    where_found = forms.CharField(label="Where they were found (optional)", required=False, max_length=200)
    police_reference = forms.CharField(label="Police reference (optional)", required=False, max_length=30)


class _ForEpisode(forms.Form):
    """A form about one of the child's missing episodes, chosen from a list."""

    wants_context = True
    episode = forms.ChoiceField(
        label="Missing episode", error_messages={"required": "Select the missing episode"}
    )

    def episodes(self, person: Any, user: Any) -> Any:
        raise NotImplementedError

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open = {str(e.pk): e for e in self.episodes(person, user)}
        cast(forms.ChoiceField, self.fields["episode"]).choices = [
            (key, f"{e.get_kind_display()} from {e.started_at:%d/%m/%Y %H:%M}")
            for key, e in self.open.items()
        ]


class ReturnForm(_ForEpisode):
    ended_on = DateField(label="Date they came back")
    ended_time = TimeField(label="Time they came back")
    where_found = forms.CharField(label="Where they were found (optional)", required=False, max_length=200)

    def episodes(self, person: Any, user: Any) -> Any:
        return scoped(
            user, MissingEpisode.objects.filter(person=person, ended_at__isnull=True), Action.CHANGE
        )


class InterviewForm(_ForEpisode):
    outcome = forms.ChoiceField(label="What happened to the offer", choices=InterviewOutcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Select what happened"})  # fmt: skip
    offered_on = DateField(label="Date it was offered", required=False)
    offered_time = TimeField(label="Time it was offered")
    held_on = DateField(label="Date the interview was held (if it was)", required=False)
    notes = forms.CharField(label="What the child said (optional)", widget=forms.Textarea, required=False)

    def episodes(self, person: Any, user: Any) -> Any:
        return scoped(user, MissingEpisode.objects.filter(person=person, ended_at__isnull=False,
                                                          interview_outcome=""), Action.CHANGE)  # fmt: skip


class ReviewForm(forms.Form):
    held_on = DateField(label="Date of the review")
    participation = _select("How the child took part", _choices(codes.REVIEW_PARTICIPATION, "Select one"))
    decisions = forms.CharField(label="Decisions and recommendations", widget=forms.Textarea, required=False)


class CareVisitForm(forms.Form):
    visited_on = DateField(label="Date of the visit")
    seen_alone = forms.ChoiceField(label="Was the child seen alone?", choices=YES_NO, widget=forms.RadioSelect,
                                   error_messages={"required": "Select yes if the child was seen alone"})  # fmt: skip


class HealthForm(forms.Form):
    kind = forms.ChoiceField(label="Check", choices=HealthKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of check"})  # fmt: skip
    done_on = DateField(label="Date of the check")
    sdq_score = forms.IntegerField(label="SDQ score, 0 to 40 (for an SDQ)", required=False,
                                   error_messages={"invalid": "The score must be a whole number from 0 to 40"})  # fmt: skip
    sdq_reason = _select(
        "Why there is no SDQ score", _choices(codes.SDQ_REASON, "There is a score"), required=False
    )
    notes = forms.CharField(label="Notes (optional)", required=False, max_length=500)


class EducationForm(forms.Form):
    held_on = DateField(label="Date of the personal education plan meeting")
    school = forms.CharField(
        label="School or setting", max_length=150, error_messages={"required": "Enter the school"}
    )
    targets = forms.CharField(label="Targets", widget=forms.Textarea, required=False)


class PermanenceForm(forms.Form):
    kind = forms.ChoiceField(label="Permanence plan", choices=PermanenceKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the plan"})  # fmt: skip
    agreed_on = DateField(label="Date the plan was agreed")


class AdoptionDecisionForm(forms.Form):
    decided_on = DateField(label="Date of the ‘should be placed for adoption’ decision")


class AdoptionStepForm(forms.Form):
    wants_context = True
    step = forms.ChoiceField(label="Step", choices=[(k, v[1]) for k, v in ADOPTION_STEPS.items()],
                             widget=forms.RadioSelect, error_messages={"required": "Select the step"})  # fmt: skip
    on = DateField(label="Date")
    adopter = forms.ChoiceField(label="Adopters (when matched)", required=False)

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adopters = scoped(user, ProspectiveAdopter.objects.filter(stage="approved")).order_by("name")
        self.adopters = {str(a.pk): a for a in adopters}
        cast(forms.ChoiceField, self.fields["adopter"]).choices = [("", "Not matching now")] + [
            (key, a.name) for key, a in self.adopters.items()
        ]


class AdoptionStopForm(forms.Form):
    on = DateField(label="Date the plan for adoption stopped")
    reason = _select("Why it stopped", _choices(codes.REASON_PLACED_CEASED, "Select the reason"))


class LeaverForm(forms.Form):
    wants_context = True
    adviser = forms.ChoiceField(label="Personal adviser", required=False)

    def __init__(self, *args: Any, user: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hearth.accounts.models import User

        staff = scoped(
            user, User.objects.filter(is_active=True, role=Role.PRACTITIONER, team__kind="care_leavers")
        )
        self.staff = {str(u.pk): u for u in staff.order_by("last_name", "first_name")}
        cast(forms.ChoiceField, self.fields["adviser"]).choices = [("", "Not yet chosen")] + [
            (key, u.get_full_name()) for key, u in self.staff.items()
        ]


class PathwayForm(forms.Form):
    on = DateField(label="Date of the pathway plan")
    staying_put = forms.BooleanField(label="Staying put with their former foster carers", required=False)


class LeaverContactForm(forms.Form):
    contacted_on = DateField(label="Date of contact")
    in_touch = _select("In touch", _choices(codes.IN_TOUCH, "Select one"))
    activity = _select("What they are doing", _choices(codes.ACTIVITY, "Not in touch"), required=False)
    accommodation = _select("Where they live", _choices(codes.ACCOMMODATION, "Not in touch"), required=False)


class HostedForm(forms.Form):
    home_authority = forms.CharField(label="The council that looks after the child", max_length=100,
                                     error_messages={"required": "Enter the council that looks after the child"})  # fmt: skip
    home_authority_code = forms.CharField(label="Its 3-digit code (optional)", required=False, max_length=3)
    started_on = DateField(label="Date the child came to live here")


class PlacementRequestForm(forms.Form):
    needed_by = DateField(label="Date the placement is needed by")
    needs = forms.MultipleChoiceField(label="What the placement must offer", choices=list(NEEDS.items()),
                                      widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip
    description = forms.CharField(label="About the child and their needs", widget=forms.Textarea,
                                  error_messages={"required": "Describe the child and what the placement must offer"})  # fmt: skip


class DecideRequestForm(forms.Form):
    provider = forms.ChoiceField(label="Choose a placement", widget=forms.RadioSelect,
                                 error_messages={"required": "Select a provider from the matches"})  # fmt: skip
    reason = forms.CharField(label="Why this placement, if it is not the cheapest match", widget=forms.Textarea,
                             required=False)  # fmt: skip

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["provider"]).choices = options


class AdopterStageForm(forms.Form):
    adopter = forms.ChoiceField(label="Adopters", error_messages={"required": "Select the adopters"})
    stage = forms.ChoiceField(label="Stage reached", choices=[("", "Select the stage"), *AdopterStage.choices],
                              error_messages={"required": "Select the stage"})  # fmt: skip
    on = DateField(label="Date they reached it")

    def __init__(self, *args: Any, adopters: list[ProspectiveAdopter], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adopters = {str(a.pk): a for a in adopters}
        cast(forms.ChoiceField, self.fields["adopter"]).choices = [("", "Select the adopters")] + [
            (key, f"{a.name} ({a.get_stage_display().lower()})") for key, a in self.adopters.items()
        ]


class RateForm(forms.Form):
    weekly = forms.DecimalField(label="Weekly rate in pounds", max_digits=9, decimal_places=2, min_value=0,
                                error_messages={"required": "Enter the weekly rate", "invalid": "Enter the weekly rate "
                                                "as a number, like 850.00"})  # fmt: skip
    starts_on = DateField(label="Date the rate starts")
