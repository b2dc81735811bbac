"""DfE code lists used on person records (../shared/specs/statutory-returns.md)."""

from __future__ import annotations

ETHNICITY = (
    ("WBRI", "White British"), ("WIRI", "White Irish"), ("WIRT", "Traveller of Irish heritage"),
    ("WROM", "Gypsy or Roma"), ("WOTH", "Any other White background"),
    ("MWBC", "White and Black Caribbean"), ("MWBA", "White and Black African"), ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"), ("AIND", "Indian"), ("APKN", "Pakistani"), ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"), ("BCRB", "Black Caribbean"), ("BAFR", "Black African"),
    ("BOTH", "Any other Black background"), ("CHNE", "Chinese"), ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"), ("NOBT", "Information not yet obtained"),
)  # fmt: skip

DISABILITY = (
    ("NONE", "No disability"), ("MOB", "Mobility"), ("HAND", "Hand function"), ("PC", "Personal care"),
    ("INC", "Incontinence"), ("COMM", "Communication"), ("LD", "Learning"), ("HEAR", "Hearing"),
    ("VIS", "Vision"), ("BEH", "Behaviour"), ("CON", "Consciousness"), ("AUT", "Autism or Asperger syndrome"),
    ("DDA", "Other disability"),
)  # fmt: skip

# The CIN census referral source codes, used for contacts and referrals.
REFERRAL_SOURCE = (
    ("1A", "Family member, relative or carer"), ("1B", "Acquaintance, including neighbours"), ("1C", "Self"),
    ("1D", "Other individual"), ("2A", "School"), ("2B", "Other education services"), ("3A", "GP"),
    ("3B", "Health visitor"), ("3C", "School nurse"), ("3D", "Other primary health services"),
    ("3E", "A&E"), ("3F", "Other health services"), ("4", "Housing"), ("5A", "Local authority social care"),
    ("5B", "Other internal local authority services"), ("5C", "External local authority"),
    ("5D", "Local authority early help"), ("6", "Police"), ("7", "Other legal agency"), ("8", "Other"),
    ("9", "Anonymous"), ("10", "Unknown"),
)  # fmt: skip
