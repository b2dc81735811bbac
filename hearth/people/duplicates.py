"""The duplicate-detection index and the candidate search, on top of hearth.people.matching."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from hearth.core.access import Action, beyond_reach, scoped
from hearth.people.matching import SHOW_FROM, Match, Probe, probe_keys, score
from hearth.people.models import Address, MatchKey, Person

MAX_CANDIDATES = 1500  # people sharing a key with the probe; scored in memory


def probe_of(person: Person) -> Probe:
    """A person's record as a Probe. Expects identifiers, other_names and addresses prefetched."""
    return Probe(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        identifiers={i.kind: i.value for i in person.identifiers.all()},
        postcodes=tuple(a.postcode for a in person.addresses.all()),
        other_family_names=tuple(n.family_name for n in person.other_names.all()),
        other_given_names=tuple(n.given_name for n in person.other_names.all() if n.given_name),
    )


def probe_from_input(data: Any) -> Probe:
    """A Probe from a validated PersonInput (identifiers and postcode already normalised)."""
    return Probe(
        given_name=data.given_name,
        family_name=data.family_name,
        date_of_birth=data.date_of_birth,
        sex=data.sex,
        identifiers=dict(data.identifiers),
        postcodes=(data.address.postcode,) if data.address else (),
    )


def with_match_details(qs: QuerySet[Person]) -> QuerySet[Person]:
    return qs.prefetch_related(
        "identifiers",
        "other_names",
        Prefetch("addresses", queryset=Address.objects.only("person_id", "postcode")),
    )


@dataclass
class Candidate:
    person: Person
    match: Match
    may_open: bool  # False: the user may see only the name (restricted, or outside their reach)


def duplicate_candidates(
    *, user: Any, probe: Probe, exclude_id: int | None = None, limit: int = 10
) -> tuple[list[Candidate], int]:
    """People who may be the one described, best first, and how many more the user cannot see.

    Uses the index: a few indexed lookups by key, then scoring of the (at most MAX_CANDIDATES) people
    found. Sealed records are never shown or counted.
    """
    ids = list(
        MatchKey.objects.filter(authority_id=user.authority_id, key__in=sorted(probe_keys(probe)))
        .values_list("person_id", flat=True)
        .distinct()[:MAX_CANDIDATES]
    )
    if exclude_id is not None:
        ids = [i for i in ids if i != exclude_id]
    people = with_match_details(
        scoped(user, Person.objects.filter(pk__in=ids, merged_into__isnull=True), Action.VIEW_NAME)
    ).select_related("district")
    scored = [(p, score(probe, probe_of(p))) for p in people]
    shown = sorted((c for c in scored if c[1].score >= SHOW_FROM), key=lambda c: (-c[1].score, c[0].pk))[
        :limit
    ]
    openable = set(
        scoped(user, Person.objects.filter(pk__in=[p.pk for p, _ in shown]), Action.VIEW).values_list(
            "pk", flat=True
        )
    )
    # Matches outside the user's reach are counted, not shown, so that the user asks the front door
    # rather than creating a second record.
    unseen = [i for i in ids if i not in {p.pk for p, _ in scored}]
    hidden = 0
    if unseen:
        others = with_match_details(
            beyond_reach(user, Person.objects.filter(pk__in=unseen, merged_into__isnull=True))
        )
        hidden = sum(1 for p in others if score(probe, probe_of(p)).score >= SHOW_FROM)
    return [Candidate(p, m, p.pk in openable) for p, m in shown], hidden
