"""Disabilities recorded for the demo county's children known to children's social care.

About one child in eight in need has a disability recorded in the CIN census; every child whose primary need
was assessed as their own disability (N2) has one. The others known to social care have "No disability"
recorded, as the census asks. A random stream of its own, so the rest of the county comes out the same.
"""

from __future__ import annotations

import random

from hearth.care.models import PeriodOfCare
from hearth.casework.models import Assessment, Involvement
from hearth.organisation.models import Authority
from hearth.people.models import Person, PersonKind

SHARE = 0.125
# How common each CIN disability code is among disabled children in need (roughly).
CODES = (("LD", 28), ("AUT", 24), ("BEH", 14), ("COMM", 12), ("MOB", 6), ("PC", 4), ("HEAR", 3), ("VIS", 3),
         ("HAND", 2), ("INC", 2), ("CON", 1), ("DDA", 1))  # fmt: skip


def make_disabilities(seed: int, authority: Authority) -> int:
    """Record disabilities; returns how many children have one."""
    rng = random.Random(seed * 7919 + 17)
    known = set(Involvement.objects.filter(authority=authority).values_list("person_id", flat=True))
    known |= set(PeriodOfCare.objects.filter(authority=authority).values_list("person_id", flat=True))
    own_need = set(
        Assessment.objects.filter(authority=authority, primary_need="N2").values_list("person_id", flat=True)
    )
    codes, weights = zip(*CODES, strict=True)
    people = list(
        Person.objects.filter(authority=authority, kind=PersonKind.CHILD, pk__in=known).order_by("pk")
    )
    disabled = 0
    for person in people:
        if person.pk in own_need or rng.random() < SHARE:
            person.disabilities = sorted(set(rng.choices(codes, weights, k=1 + (rng.random() < 0.3))))
            disabled += 1
        else:
            person.disabilities = ["NONE"]
    Person.objects.bulk_update(people, ["disabilities"], batch_size=2000)
    return disabled
