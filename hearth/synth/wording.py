"""The words in the demo county's plans, meetings and actions: small templates, mixed so that no two
children's records read quite alike. `{first}` is the child's first name."""

from __future__ import annotations

import random

WORKER = ""  # an action owned by the child’s allocated worker (a staff user, not a name)

CIN_NEEDS = (
    "{first} has missed a lot of school this year and is often late. Mum is struggling with her own mental "
    "health and finds mornings hard.",
    "The home has been cold and cluttered at visits, and {first} has come to school hungry and in the same "
    "clothes several days running.",
    "{first} has heard arguments between the adults at home and has started wetting the bed again.",
    "Money is very tight since the family moved; there are rent arrears and the electricity meter often runs out.",
    "{first} has been spending time with older young people nobody in the family knows, and has come home late.",
    "Dad has been drinking more since losing his job, and {first} says the house is noisy at night.",
    "{first} is isolated at school and has told a teacher they feel nobody listens to them at home.",
)
DISABLED_NEEDS = (
    "{first} has complex health needs; the family need help to manage hospital appointments and equipment.",
    "{first} does not sleep for more than a few hours a night and the family are exhausted.",
    "{first}’s parents want short breaks so that they can spend time with their other children.",
)
CIN_OUTCOMES = (
    "{first} goes to school every day and arrives on time: attendance above 90% by the next review.",
    "The home is warm, clean and safe, checked at announced and unannounced visits.",
    "{first} tells us they feel safe at home, and there are no more police call-outs to the address.",
    "Mum is seeing her GP and going to her appointments; she tells us she is coping better.",
    "{first} is home by the agreed time every night and an adult always knows where they are.",
    "The family have a budget they can keep to, and the rent arrears are being paid off.",
    "{first} has a trusted adult at school and meets them every week.",
)
DISABLED_OUTCOMES = (
    "Short breaks in place for one weekend a month; the family say they are less tired.",
    "Equipment and adaptations assessed by occupational therapy and in place at home.",
    "A sleep plan agreed with the community paediatrician and followed at home.",
)
FAMILY_NEEDS = (
    "The family want help with {first}’s behaviour at home and with bedtime routines.",
    "Rent arrears and debts are worrying Mum; the family could lose their tenancy.",
    "{first}’s attendance has dropped to 82% this term.",
    "Dad has been out of work for a year and feels low; the adults argue more.",
    "{first} is anxious about going to school and has stopped seeing friends.",
    "Mum has no family nearby and feels on her own with three children under five.",
)
FAMILY_OUTCOMES = (
    "A bedtime routine the family can keep to; Mum says evenings are calmer.",
    "A payment plan agreed with the landlord after debt advice.",
    "{first}’s attendance back above 95% by the end of term.",
    "Dad registered with the employment support service and going to sessions.",
    "{first} going to the after-school club once a week.",
    "Mum going to the stay-and-play group at the family hub and knowing who to call.",
)

# (what, who). WORKER means the allocated worker; other owners are named only when they are in the cast.
ACTIONS = (
    ("See {first} alone at home at least every four weeks", WORKER),
    ("Make a referral to the school nurse about {first}’s sleep", WORKER),
    ("Complete the referral for debt advice with the family", WORKER),
    ("Write up the plan in words {first} can understand and share it with them", WORKER),
    ("Arrange a joint visit with the health visitor", WORKER),
    ("Take {first} to the GP about the bedwetting", "Mother"),
    ("Go to the first session of the parenting course", "Mother"),
    ("Apply for the school uniform grant", "Mother"),
    ("Keep the kitchen and {first}’s bedroom clean and tidy", "Mother"),
    ("Go to the drug and alcohol service assessment", "Father"),
    ("Tell the social worker about any absence on the first day", "School"),
    ("Set up weekly check-ins for {first} with the learning mentor", "School"),
    ("Check {first}’s weight and development at the next clinic", "Health visitor"),
    ("Share any police call-outs to the address within one working day", "Police"),
)
CORE_GROUP_DECISIONS = (
    "The plan is progressing. {first}’s attendance is up to {pct}%. Mum has been to {n} of the parenting "
    "sessions. The core group agreed the actions below.",
    "Some progress, but home conditions have slipped again since the last meeting. The social worker will "
    "visit unannounced this week. The core group will ask the review conference to keep the plan.",
    "{first} was seen alone and said things are better at home. The police report no call-outs since the last "
    "meeting. Actions updated.",
    "Mum did not come; the core group is worried that she is not engaging. The social worker will meet her at "
    "home and go through the plan. Attendance at {first}’s school is {pct}%.",
)
CIN_REVIEW_DECISIONS = (
    "The plan continues. {first} is settled at school and the family are working with the plan.",
    "Good progress on most outcomes. Attendance is {pct}%. The plan continues with the actions below.",
    "Less progress than hoped: the family missed two appointments. The plan continues; the social worker will "
    "talk to the team manager if nothing changes by the next review.",
)
FAMILY_REVIEW_DECISIONS = (
    "Good progress: the bedtime routine is working and school report better attendance. The family want to keep "
    "the plan going for another six weeks.",
    "The family are managing the debts with the adviser. {first}’s attendance is {pct}%. Plan continues.",
    "Things have been harder since the last review. The family agreed to a family group conference and the "
    "key worker will visit weekly for now.",
)


def fill(text: str, first: str, rng: random.Random, name: str = "") -> str:
    return text.format(
        first=first, name=name, pct=rng.randint(78, 97), n=rng.choice(("two", "three", "four"))
    )


def some(rng: random.Random, options: tuple[str, ...], first: str, count: int = 2) -> str:
    return "\n\n".join(fill(t, first, rng) for t in rng.sample(options, count))


MARAC_DECISIONS = (
    "Risk confirmed as high. Police will flag the address for an urgent response. The IDVA will complete a "
    "safety plan with {name}. Housing will fit extra locks through the sanctuary scheme. Children’s services "
    "will share the plan with the school.",
    "High risk: the partner has breached bail twice. Police will review the bail conditions; the IDVA will "
    "support {name} to apply for a non-molestation order; health will flag the records of the children.",
)
MARAC_ACTIONS = (
    ("Flag the address for an urgent response", "Police"),
    ("Complete a safety plan with {name}", "IDVA"),
    ("Fit extra locks through the sanctuary scheme", "Housing"),
    ("Flag the children’s health records", "Health"),
    ("Tell the designated safeguarding lead about the MARAC plan", "Education"),
)
EXPLOITATION_DECISIONS = (
    "{first} is at high risk of criminal exploitation: found with cash and a second phone, and missing three "
    "times this month. Police will share what they know about the older associates and try to disrupt it; "
    "youth justice will offer one-to-one sessions; school will keep a full timetable with a named mentor.",
    "High risk of sexual exploitation. Police will visit the addresses {first} has been found at; health will "
    "offer the sexual health nurse; the social worker will do return home interviews after every episode.",
)
EXPLOITATION_ACTIONS = (
    ("Share intelligence on the older associates", "Police"),
    ("Offer {first} one-to-one sessions", "Youth justice"),
    ("Name a mentor and keep a full timetable", "Education"),
    ("Offer an appointment with the sexual health nurse", "Health"),
)
FGC_REASONS = (
    "To bring the family together to plan how the children can stay safely at home.",
    "Grandparents have offered to help; a family plan would make that support reliable.",
    "Mum has asked for help from her family with childcare while she goes to treatment.",
    "The family want to make their own plan for {first} before the next review.",
    "To plan who {first} can stay with if things get difficult at home again.",
)
FAMILY_PLANS = (
    "Nan will take {first} to school on Mondays and Wednesdays. Auntie will have the children every other "
    "weekend so Mum can rest. If Mum is struggling she will ring Nan first, then the key worker.",
    "The family agreed that {first} will stay with their grandmother when there is an argument at home. Dad "
    "will not come to the house when he has been drinking. The family will meet again in six weeks.",
    "Mum’s sister will help with the morning routine; the grandparents will pay for the school trip; the "
    "family will tell the social worker if anyone is worried.",
)
FGC_ACTIONS = (
    ("Take {first} to school on Mondays and Wednesdays", "Maternal grandmother"),
    ("Have the children every other weekend", "Aunt"),
    ("Ring Nan first if things get difficult", "Mother"),
    ("Check in with the family every week", WORKER),
)
