from __future__ import annotations

from typing import Any

from django import forms

from hearth.core.fields import DateField
from hearth.organisation.forms import district_filter
from hearth.people import codes
from hearth.people.models import ContactKind, FlagKind, PersonKind, Sex
from hearth.people.relationships import RelationshipType
from hearth.people.services import AddressInput, PersonInput


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    district = district_filter()

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]


class PersonForm(forms.Form):
    """Add a person. Validation of meaning (dates, identifiers, postcodes) is the service's, so that the
    API and imports get the same rules; this form only parses what was typed."""

    kind = forms.ChoiceField(label="Who are you adding?", choices=PersonKind.choices, initial=PersonKind.CHILD,
                             error_messages={"required": "Select who you are adding"})  # fmt: skip
    given_name = forms.CharField(label="First name", max_length=100, required=False)
    middle_names = forms.CharField(label="Middle names (optional)", max_length=100, required=False)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = DateField(
        label="Date of birth", required=False, help_text="Leave blank if it is not known"
    )
    expected_date_of_birth = DateField(label="Expected date of birth", required=False,
                                       help_text="Only for an unborn child. For example, 27 3 2027")  # fmt: skip
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=Sex.UNKNOWN,
                            error_messages={"required": "Select the person’s sex, or Not known"})  # fmt: skip
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=codes.ETHNICITY, initial="NOBT")
    first_language = forms.CharField(label="First language (optional)", max_length=60, required=False)
    disabilities = forms.MultipleChoiceField(label="Disability (optional)", choices=codes.DISABILITY, required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={"invalid_choice": "Select disabilities from the list"})  # fmt: skip
    organisation = forms.CharField(label="Organisation and role (professionals only)", max_length=150, required=False,
                                   help_text="For example, Designated safeguarding lead, Fernbridge Academy")  # fmt: skip
    district = district_filter()
    nhs = forms.CharField(label="NHS number (optional)", max_length=20, required=False,
                          help_text="10 digits, for example 943 476 5919")  # fmt: skip
    upn = forms.CharField(label="Unique pupil number (optional)", max_length=20, required=False,
                          help_text="13 characters, for example B801200005001")  # fmt: skip
    la_child_id = forms.CharField(label="Local authority child ID (optional)", max_length=20, required=False)
    line_1 = forms.CharField(label="Address line 1 (optional)", max_length=120, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=120, required=False)
    town = forms.CharField(label="Town or city", max_length=80, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["district"].empty_label = "Not known yet"  # type: ignore[attr-defined]
        self.fields["district"].label = "District responsible"

    def to_input(self) -> PersonInput:
        """The input as far as it parsed: fields with errors count as blank."""
        data = self.cleaned_data

        def text(name: str) -> str:
            return str(data.get(name) or "")

        has_address = any(text(f) for f in ("line_1", "line_2", "town", "postcode"))
        return PersonInput(
            kind=text("kind") or PersonKind.CHILD, given_name=text("given_name"), middle_names=text("middle_names"),
            family_name=text("family_name"), date_of_birth=data.get("date_of_birth"),
            expected_date_of_birth=data.get("expected_date_of_birth"), sex=text("sex") or Sex.UNKNOWN,
            ethnicity=text("ethnicity") or "NOBT", first_language=text("first_language"),
            disabilities=list(data.get("disabilities") or []), organisation=text("organisation"),
            district_id=data["district"].pk if data.get("district") else None,
            identifiers={k: text(k) for k in ("nhs", "upn", "la_child_id") if text(k)},
            address=AddressInput(line_1=text("line_1"), line_2=text("line_2"), town=text("town"),
                                 postcode=text("postcode")) if has_address else None,
        )  # fmt: skip


class MergeForm(forms.Form):
    other = forms.IntegerField(label="Hearth ID of the other record", min_value=1,
                               help_text="The duplicate. Its history moves to this record, which is kept.",
                               error_messages={"required": "Enter the Hearth ID of the other record",
                                               "invalid": "Enter the Hearth ID as a number, like 1042",
                                               "min_value": "Enter the Hearth ID as a number, like 1042"})  # fmt: skip
    reason = forms.CharField(label="Why are they the same person?", max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class NameForm(forms.Form):
    given_name = forms.CharField(label="New first name", max_length=100, required=False)
    family_name = forms.CharField(label="New last name", max_length=100, required=False)


class AddressForm(forms.Form):
    line_1 = forms.CharField(label="Address line 1", max_length=120, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=120, required=False)
    town = forms.CharField(label="Town or city", max_length=80, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    moved_on = DateField(
        label="Date they moved", required=False, help_text="Leave blank for today. For example, 27 3 2026"
    )


class ContactDetailForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type",
        choices=ContactKind.choices,
        error_messages={"required": "Select phone, mobile or email"},
    )
    value = forms.CharField(label="Number or email address", max_length=200, required=False)
    note = forms.CharField(
        label="Note (optional)", max_length=120, required=False, help_text="For example, mum’s mobile"
    )


class FlagForm(forms.Form):
    kind = forms.ChoiceField(label="Type of flag", choices=FlagKind.choices,
                             error_messages={"required": "Select whether it is a warning to staff or a risk to the person"})  # fmt: skip
    text = forms.CharField(label="What staff need to know", max_length=200, required=False)


class RelationshipForm(forms.Form):
    other = forms.IntegerField(label="Hearth ID of the other person", min_value=1,
                               error_messages={"required": "Enter the Hearth ID of the other person",
                                               "invalid": "Enter the Hearth ID as a number, like 1042",
                                               "min_value": "Enter the Hearth ID as a number, like 1042"})  # fmt: skip
    type = forms.ChoiceField(label="The other person is this person’s", choices=RelationshipType.choices,
                             error_messages={"required": "Select the relationship"})  # fmt: skip


class HouseholdForm(forms.Form):
    household = forms.IntegerField(label="Household number (optional)", min_value=1, required=False,
                                   help_text="To join a household already on Hearth: the number in its web address. "
                                   "Leave blank to start a new household",
                                   error_messages={"invalid": "Enter the household number as a number"})  # fmt: skip
    name = forms.CharField(label="Name for a new household", max_length=150, required=False,
                           help_text="For example, Smith household, 12 Mill Lane")  # fmt: skip
