from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hearth.people.identifiers import (
    normalise_la_child_id,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
)


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919"])
def test_a_valid_nhs_number_is_accepted_however_it_is_spaced(typed):
    assert normalise_nhs_number(typed) == "9434765919"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9434765918", "the last digit does not match"),  # check digit wrong
        ("1000000010", "the last digit does not match"),  # remainder 1 gives check 10: never valid
        ("943476591", "with 10 digits"),
        ("94347659190", "with 10 digits"),
        ("94347A5919", "with 10 digits"),
    ],
)
def test_an_invalid_nhs_number_is_refused_with_the_reason(typed, message):
    with pytest.raises(ValidationError, match=message):
        normalise_nhs_number(typed)


def test_a_valid_upn_is_accepted_in_capitals():
    assert normalise_upn("b801200005001") == "B801200005001"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("A801200005001", "first letter does not match"),  # check letter wrong
        ("E000200005001", "local authority’s code"),  # no such LA
        ("X80120000A001", "a letter, 11 digits"),  # letter in the numeric part
        ("B80120000500", "13 characters"),
    ],
)
def test_an_invalid_upn_is_refused_with_the_reason(typed, message):
    with pytest.raises(ValidationError, match=message):
        normalise_upn(typed)


def test_an_la_child_id_is_up_to_ten_letters_and_numbers():
    assert normalise_la_child_id(" brk 00123 ") == "BRK00123"
    with pytest.raises(ValidationError):
        normalise_la_child_id("BRK-00123")
    with pytest.raises(ValidationError):
        normalise_la_child_id("A" * 11)


@pytest.mark.parametrize(
    ("typed", "written"),
    [("st162lh", "ST16 2LH"), ("SW1A 1AA", "SW1A 1AA"), ("ec1a1bb", "EC1A 1BB"), ("M1 1AE", "M1 1AE"),
     ("  DN55   1PT ", "DN55 1PT")],
)  # fmt: skip
def test_a_postcode_is_written_as_royal_mail_writes_it(typed, written):
    assert normalise_postcode(typed) == written


@pytest.mark.parametrize("typed", ["ST16", "Q1 1AA", "ST16 2LHX", "12345", "ST16 2CI", ""])
def test_a_malformed_postcode_is_refused(typed):
    with pytest.raises(ValidationError, match="Enter a full UK postcode"):
        normalise_postcode(typed)
