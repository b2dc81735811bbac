"""SSDA903 code lists, collection year 2025/26 (`../shared/specs/statutory-returns.md`, section 1.3), and
the placement categories of the council's budget (seed 000, Appendix 4).

The codes are what the return holds; the words are what users see.
"""

from __future__ import annotations

LEGAL_STATUS = (
    ("C1", "Interim care order"), ("C2", "Full care order"), ("D1", "Freeing order"), ("E1", "Placement order"),
    ("V2", "Accommodated under section 20 (single period)"),
    ("V3", "Short breaks, individual episodes recorded"), ("V4", "Short breaks, agreements recorded"),
    ("L1", "Police protection, in council accommodation"), ("L2", "Emergency protection order"),
    ("L3", "Child assessment order, in council accommodation"),
    ("J1", "Remanded to council or youth detention accommodation"),
    ("J2", "Council accommodation under PACE"),
    ("J3", "Youth rehabilitation order with residence or intensive fostering requirement"),
)  # fmt: skip
SHORT_BREAKS = frozenset({"V3", "V4"})  # legal statuses of short breaks: not continuous care

CATEGORY_OF_NEED = (
    ("N1", "Abuse or neglect"), ("N2", "Child’s disability"), ("N3", "Parental disability or illness"),
    ("N4", "Family in acute stress"), ("N5", "Family dysfunction"), ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"), ("N8", "Absent parenting"),
)  # fmt: skip

# Reason for new episode. Hearth works it out from what changed; the words say what changed.
RNE = (
    ("S", "Started to be looked after"), ("L", "Change of legal status only"),
    ("P", "Change of placement and carer"), ("B", "Change of legal status and of placement and carer"),
    ("T", "Change of placement type, same carer"), ("U", "Change of legal status and placement type, same carer"),
)  # fmt: skip

PLACEMENT_TYPE = (
    ("A3", "Placed for adoption with consent, with current foster carer"),
    ("A4", "Placed for adoption with consent, not with current foster carer"),
    ("A5", "Placed for adoption with a placement order, with current foster carer"),
    ("A6", "Placed for adoption with a placement order, not with current foster carer"),
    ("K1", "Secure children’s home"), ("K2", "Children’s home"),
    ("K3", "Supported accommodation (16 and over)"),
    ("P1", "Placed with parents or others with parental responsibility"), ("P3", "Residential employment"),
    ("R1", "Residential care home"), ("R2", "NHS or health trust"), ("R3", "Family centre or mother and baby unit"),
    ("R5", "Young offender institution"), ("S1", "Residential school"),
    ("T0", "Temporary move"), ("T1", "Temporary, in hospital"), ("T2", "Temporary, on holiday"),
    ("T3", "Temporary, carer’s holiday"), ("T4", "Temporary, 7 days or less"),
    ("U1", "Foster care with a relative or friend, long term"),
    ("U2", "Foster care with a relative or friend, fostering for adoption or concurrent planning"),
    ("U3", "Foster care with a relative or friend, not long term"),
    ("U4", "Foster care with another carer, long term"),
    ("U5", "Foster care with another carer, fostering for adoption or concurrent planning"),
    ("U6", "Foster care with another carer, not long term"),
    ("Z11", "Other placement (Z11)"), ("Z12", "Other placement (Z12)"), ("Z13", "Other placement (Z13)"),
    ("Z14", "Other placement (Z14)"),
)  # fmt: skip

PLACE_PROVIDER = (
    ("PR0", "Parents or others with parental responsibility"), ("PR1", "Our own council’s provision"),
    ("PR2", "Another council’s provision"), ("PR3", "Another public provider"), ("PR4", "Private provider"),
    ("PR5", "Voluntary or third sector provider"),
)  # fmt: skip

REASON_CEASED = (
    ("E11", "Adopted: application unopposed"), ("E12", "Adopted: consent dispensed with"), ("E2", "Died"),
    ("E3", "Care taken over by another council"),
    ("E4A", "Returned home to parents or relatives as part of the care plan"),
    ("E4B", "Returned home to parents or relatives, not as part of the care plan"),
    ("E13", "Left care to live with parents, relatives or others without parental responsibility"),
    ("E41", "Child arrangements order"),
    ("E45", "Special guardianship order to former foster carers who are relatives or friends"),
    ("E46", "Special guardianship order to other former foster carers"),
    ("E47", "Special guardianship order to relatives or friends (not former foster carers)"),
    ("E48", "Special guardianship order to other people"),
    ("E5", "Moved to independent living with formal support"),
    ("E6", "Moved to independent living without formal support"),
    ("E7", "Transferred to residential care funded by adult social care"), ("E9", "Sentenced to custody"),
    ("E14", "Remand ended"), ("E15", "Age assessment found the young person to be 18 or over"),
    ("E16", "Moved abroad"), ("E17", "Aged 18 or over and stayed with their carers (staying put)"),
    ("E8", "Any other reason"),
)  # fmt: skip

REASON_PLACE_CHANGE = (
    ("CARPL", "Change to or carrying out the care plan"), ("CLOSE", "The provider resigned or closed"),
    ("ALLEG", "Allegation (section 47 enquiry)"), ("STAND", "Concern about standards of care"),
    ("APPRR", "The carer’s approval was removed"), ("CREQB", "The carer asked to end it because of the child’s behaviour"),
    ("CREQO", "The carer asked to end it for another reason"), ("CHILD", "The child asked to end it"),
    ("LAREQ", "The responsible or area council asked to end it"), ("PLACE", "Change in the placement’s status only"),
    ("CUSTOD", "The child went into custody"), ("OTHER", "Another reason"),
)  # fmt: skip

REVIEW_PARTICIPATION = (
    ("PN0", "Child under 4 at the time of the review"), ("PN1", "Attended and spoke for themselves"),
    ("PN2", "Attended, an advocate spoke for them"), ("PN3", "Attended and gave their views without words"),
    ("PN4", "Attended but did not speak, give views or use an advocate"),
    ("PN5", "Did not attend, briefed an advocate"), ("PN6", "Did not attend, gave their views another way"),
    ("PN7", "Did not attend and their views were not given"),
)  # fmt: skip

SDQ_REASON = (
    ("SDQ1", "Under 4 or over 17"), ("SDQ2", "The carer refused"), ("SDQ3", "The child’s disability is too severe"),
    ("SDQ4", "Another reason"), ("SDQ5", "The young person refused"),
)  # fmt: skip

IN_TOUCH = (
    ("YES", "In touch"), ("NO", "Not in touch"), ("DIED", "Died"), ("REFU", "Refused contact"),
    ("NREQ", "No longer needs services"), ("RHOM", "Returned home"),
)  # fmt: skip

ACTIVITY = (
    ("F1", "Higher education, full time"), ("P1", "Higher education, part time"),
    ("F2", "Other education, full time"), ("P2", "Other education, part time"),
    ("F4", "Training or employment, full time"), ("P4", "Training or employment, part time"),
    ("F5", "Apprenticeship, full time"), ("P5", "Apprenticeship, part time"),
    ("G4", "Not in education, employment or training: illness or disability"),
    ("G5", "Not in education, employment or training: other reasons"),
    ("G6", "Not in education, employment or training: pregnancy or parenting"),
    ("0", "Not known"),
)  # fmt: skip

_ACCOMMODATION = {
    "B": "With parents or relatives", "C": "Community home or other residential care",
    "D": "Semi-independent, transitional accommodation", "E": "Supported lodgings", "G": "Gone abroad",
    "H": "Deported", "K": "Ordinary lodgings", "R": "Residence not known", "S": "No fixed abode or homeless",
    "T": "Foyer", "U": "Independent living", "V": "Emergency accommodation", "W": "Bed and breakfast",
    "X": "In custody", "Y": "Other accommodation", "Z": "With former foster carers (staying put)",
}  # fmt: skip
_ACCOMMODATION_VALID = ["B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "Y1", "Y2", "Z1", "Z2"]  # fmt: skip
ACCOMMODATION = (
    *tuple(
        (code, f"{_ACCOMMODATION[code[0]]}: {'suitable' if code[1] == '1' else 'not suitable'}")
        for code in _ACCOMMODATION_VALID
    ),
    ("0", "Not known"),
)

REASON_PLACED_CEASED = (
    ("RD1", "The child’s needs changed"), ("RD2", "The court did not make a placement order"),
    ("RD3", "Prospective adopters could not be found"), ("RD4", "Any other reason"),
)  # fmt: skip

MISSING_KIND = (("M", "Missing"), ("A", "Away from placement without permission"))

# Groups of codes the rules use.
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
OTHER_Z = frozenset({"Z11", "Z12", "Z13", "Z14"})
NO_PROVIDER = TEMPORARY | OTHER_Z  # PLACE_PROVIDER must be blank (903 rules 178, 213)
NO_URN = TEMPORARY | OTHER_Z | {"P1", "P3", "R1", "R2", "R5"}  # no Ofsted URN on these (903 rule 222)
ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
FOSTER_CONNECTED = frozenset({"U1", "U2", "U3"})
FOSTER_OTHER = frozenset({"U4", "U5", "U6"})
FOSTER = FOSTER_CONNECTED | FOSTER_OTHER
YOUTH_JUSTICE = frozenset({"J1", "J2", "J3"})
SPECIAL_GUARDIANSHIP = frozenset({"E45", "E46", "E47", "E48"})
ADOPTED = frozenset({"E11", "E12"})

# The youngest a child may be at the start of a placement of this type. K3: 903 rule 371.
MIN_AGE = {"K3": 16, "P3": 16, "R5": 15}
MIN_AGE_LEGAL_STATUS = {code: 10 for code in YOUTH_JUSTICE}  # the age of criminal responsibility


class Category:
    """The ten placement categories of the council's budget (seed 000, Appendix 4)."""

    RELATIVE_FRIEND = "relative_friend"
    IN_HOUSE = "in_house"
    INDEPENDENT_FOSTERING = "ifa"
    HOMES = "homes"
    PARENTS = "parents"
    ADOPTIVE = "adoptive"
    INDEPENDENT_LIVING = "independent_living"
    RESIDENTIAL_SCHOOL = "residential_school"
    MOTHER_AND_BABY = "mother_and_baby"
    OTHER = "other"


CATEGORIES = (
    (Category.RELATIVE_FRIEND, "Foster placement: relative or friend"),
    (Category.IN_HOUSE, "Foster placement: in house"),
    (Category.INDEPENDENT_FOSTERING, "Foster placement: independent agency"),
    (Category.HOMES, "Children’s homes or hostels"),
    (Category.PARENTS, "Parents or people with parental responsibility"),
    (Category.ADOPTIVE, "Placed for adoption"),
    (Category.INDEPENDENT_LIVING, "Supported accommodation and independent living"),
    (Category.RESIDENTIAL_SCHOOL, "Residential school"),
    (Category.MOTHER_AND_BABY, "Mother and baby unit"),
    (Category.OTHER, "Other placements"),
)

# Appendix 4, "current split": children and average yearly cost of each category. The demo county is
# calibrated to these; the placements page shows how today's placements compare.
APPENDIX_4 = {
    Category.RELATIVE_FRIEND: (189, 18_890), Category.IN_HOUSE: (314, 18_890),
    Category.INDEPENDENT_FOSTERING: (362, 39_613), Category.HOMES: (117, 172_316), Category.PARENTS: (120, 0),
    Category.ADOPTIVE: (30, 0), Category.INDEPENDENT_LIVING: (90, 42_037),
    Category.RESIDENTIAL_SCHOOL: (3, 172_316), Category.MOTHER_AND_BABY: (4, 57_610),
    Category.OTHER: (26, 172_316),
}  # fmt: skip


def category_of(placement_type: str, provider_kind: str) -> str:
    """The budget category of a placement, from its SSDA903 type and the kind of provider."""
    if placement_type in FOSTER_CONNECTED:
        return Category.RELATIVE_FRIEND
    if placement_type in FOSTER_OTHER:
        return Category.INDEPENDENT_FOSTERING if provider_kind == "ifa" else Category.IN_HOUSE
    if placement_type == "K2":
        return Category.HOMES
    if placement_type == "P1":
        return Category.PARENTS
    if placement_type in ADOPTION:
        return Category.ADOPTIVE
    if placement_type == "K3":
        return Category.INDEPENDENT_LIVING
    if placement_type == "S1":
        return Category.RESIDENTIAL_SCHOOL
    if placement_type == "R3":
        return Category.MOTHER_AND_BABY
    return Category.OTHER


def label(codes: tuple[tuple[str, str], ...], code: str) -> str:
    return dict(codes).get(code, code)
