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

# CIN census assessment factors. A: concerns about the child; B: about a parent or carer; C: about another
# person in the household. "21" (no factors) must be the only code.
_ABC = (("1", "Alcohol misuse"), ("2", "Drug misuse"), ("3", "Domestic violence"), ("4", "Mental health"),
        ("5", "Learning disability"), ("6", "Physical disability or illness"))  # fmt: skip
_WHO = {"A": "the child", "B": "a parent or carer", "C": "another person in the household"}
ASSESSMENT_FACTORS = (
    *((f"{n}{w}", f"{label}: {_WHO[w]}") for n, label in _ABC for w in "ABC"),
    ("7A", "Young carer"), ("8B", "Privately fostered: overseas child, parents intend to leave the UK"),
    ("8C", "Privately fostered: overseas child, parents remain overseas"), ("8D", "Privately fostered: UK child in education"),
    ("8E", "Privately fostered: UK child, parents cannot care"), ("8F", "Privately fostered: other"),
    ("9A", "Unaccompanied asylum-seeking child"), ("10A", "Going missing"), ("11A", "Child sexual exploitation"),
    ("12A", "Trafficking"), ("13A", "Gangs"), ("14A", "Socially unacceptable behaviour"), ("15A", "Self-harm"),
    ("16A", "Neglect"), ("17A", "Emotional abuse"), ("18B", "Physical abuse: child on child"),
    ("18C", "Physical abuse: adult on child"), ("19B", "Sexual abuse: child on child"),
    ("19C", "Sexual abuse: adult on child"), ("20", "Other"), ("21", "No factors identified"),
    ("22A", "Female genital mutilation"), ("23A", "Abuse linked to faith or belief"),
    ("24A", "Child criminal exploitation"),
)  # fmt: skip

PRIMARY_NEED = (
    ("N1", "Abuse or neglect"), ("N2", "Child's disability"), ("N3", "Parental disability or illness"),
    ("N4", "Family in acute stress"), ("N5", "Family dysfunction"), ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"), ("N8", "Absent parenting"), ("N9", "Cases other than children in need"),
)  # fmt: skip

# CIN census reasons an episode of need ended.
CIN_CLOSURE_REASON = (
    ("RC1", "Adopted"), ("RC2", "Died"), ("RC3", "Child arrangements order"), ("RC4", "Special guardianship order"),
    ("RC5", "Transferred to another local authority"), ("RC6", "Transferred to adult social care"),
    ("RC7", "Services ceased for any other reason"), ("RC8", "Closed after assessment, no further action"),
    ("RC9", "Closed after assessment, referred to early help"),
)  # fmt: skip
