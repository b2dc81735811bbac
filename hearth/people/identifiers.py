"""Identifier and postcode checks. Each returns the normalised value or raises ValidationError with a
message that names the field, as GOV.UK error messages do."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.gb import nhs, upn

# BS 7666 postcode shape: outward code (area, district) and inward code (sector, unit). GIR 0AA is the
# one historic exception. The shape cannot prove a postcode exists, only that it could.
_POSTCODE = re.compile(r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$")
_LA_CHILD_ID = re.compile(r"^[A-Z0-9]{1,10}$")


def normalise_nhs_number(value: str) -> str:
    """Ten digits whose last is a modulus 11 check digit. Spaces and hyphens are allowed when typed."""
    compact = nhs.compact(value)
    if not compact.isdigit() or len(compact) != 10:
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919", code="nhs_format")
    try:
        return str(nhs.validate(compact))
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            "Enter a real NHS number: the last digit does not match the others. Check it was copied correctly",
            code="nhs_checksum",
        ) from error


def normalise_upn(value: str) -> str:
    """A unique pupil number: a check letter, an LA code, 8 digits and a final digit or letter."""
    compact = upn.compact(value)
    if len(compact) != 13:
        raise ValidationError("Enter a UPN with 13 characters, like B801200005001", code="upn_format")
    try:
        return str(upn.validate(compact))
    except stdnum_errors.InvalidChecksum as error:
        raise ValidationError(
            "Enter a real UPN: the first letter does not match the rest. Check it was copied correctly",
            code="upn_checksum",
        ) from error
    except stdnum_errors.InvalidComponent as error:
        raise ValidationError(
            "Enter a real UPN: characters 2 to 4 must be a local authority’s code", code="upn_la"
        ) from error
    except stdnum_errors.ValidationError as error:
        raise ValidationError(
            "Enter a UPN as a letter, 11 digits and a final digit or letter, like B801200005001",
            code="upn_format",
        ) from error


def normalise_la_child_id(value: str) -> str:
    compact = re.sub(r"\s+", "", value).upper()
    if not _LA_CHILD_ID.match(compact):
        raise ValidationError(
            "Enter a local authority child ID of up to 10 letters and numbers", code="la_id"
        )
    return compact


def normalise_postcode(value: str) -> str:
    """Upper case with one space before the inward code, as Royal Mail writes it: "ST16 2LH"."""
    compact = re.sub(r"\s+", "", value).upper()
    if not _POSTCODE.match(compact) or len(compact) < 5:
        raise ValidationError("Enter a full UK postcode, like ST16 2LH", code="postcode")
    return f"{compact[:-3]} {compact[-3:]}"


NORMALISERS = {"nhs": normalise_nhs_number, "upn": normalise_upn, "la_child_id": normalise_la_child_id}
