"""The duplicate-detection index and the candidate search, on top of hearth.people.matching."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from hearth.core.access import Action, beyond_reach, scoped
from hearth.people.matching import SHOW_FROM, Match, Probe, probe_keys, score
from hearth.people.models import Address, Identifier, MatchKey, Person, PersonName

# The people sharing the most keys with the probe are scored in memory. Someone who shares many keys
# (date of birth, both names' sounds, postcode) is far likelier to be the person than someone who shares
# one, so a common surname cannot crowd the right person out. bench/person_search.py measures this.
MAX_CANDIDATES = 200


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

    Uses the index: one grouped lookup by key finds the people sharing most keys with the probe; they
    are scored from plain values (no model instances until the few shown). Sealed records are never
    shown or counted.
    """
    ids = list(
        MatchKey.objects.filter(authority_id=user.authority_id, key__in=sorted(probe_keys(probe)))
        .values("person_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "person_id")
        .values_list("person_id", flat=True)[:MAX_CANDIDATES]
    )
    if exclude_id is not None:
        ids = [i for i in ids if i != exclude_id]
    visible = probes_of(
        scoped(user, Person.objects.filter(pk__in=ids, merged_into__isnull=True), Action.VIEW_NAME),
        scoped(user, Identifier.objects.filter(person_id__in=ids), Action.VIEW_NAME),
        scoped(user, PersonName.objects.filter(person_id__in=ids), Action.VIEW_NAME),
        scoped(user, Address.objects.filter(person_id__in=ids), Action.VIEW_NAME),
    )
    scored = sorted(
        ((pk, score(probe, held)) for pk, held in visible.items()), key=lambda c: (-c[1].score, c[0])
    )
    shown = [(pk, match) for pk, match in scored if match.score >= SHOW_FROM][:limit]
    people = scoped(
        user, Person.objects.filter(pk__in=[pk for pk, _ in shown]), Action.VIEW_NAME
    ).select_related("district")
    by_pk = {p.pk: p for p in people}
    openable = set(
        scoped(user, Person.objects.filter(pk__in=list(by_pk)), Action.VIEW).values_list("pk", flat=True)
    )
    # Matches outside the user's reach are counted, not shown, so that the user asks the front door
    # rather than creating a second record.
    unseen = [i for i in ids if i not in visible]
    hidden = 0
    if unseen:
        others = probes_of(
            beyond_reach(user, Person.objects.filter(pk__in=unseen, merged_into__isnull=True)),
            beyond_reach(user, Identifier.objects.filter(person_id__in=unseen)),
            beyond_reach(user, PersonName.objects.filter(person_id__in=unseen)),
            beyond_reach(user, Address.objects.filter(person_id__in=unseen)),
        )
        hidden = sum(1 for held in others.values() if score(probe, held).score >= SHOW_FROM)
    return [Candidate(by_pk[pk], match, pk in openable) for pk, match in shown if pk in by_pk], hidden


def probes_of(
    people: QuerySet[Person],
    identifier_rows: QuerySet[Identifier],
    name_rows: QuerySet[PersonName],
    address_rows: QuerySet[Address],
) -> dict[int, Probe]:
    """Probes from four plain-value queries (no model instances), each already scoped by the caller."""
    rows = list(people.values_list("pk", "given_name", "family_name", "date_of_birth", "sex"))
    identifiers: dict[int, dict[str, str]] = {}
    for pk, kind, value in identifier_rows.values_list("person_id", "kind", "value"):
        identifiers.setdefault(pk, {})[kind] = value
    names: dict[int, list[tuple[str, str]]] = {}
    for pk, given, family in name_rows.values_list("person_id", "given_name", "family_name"):
        names.setdefault(pk, []).append((given, family))
    postcodes: dict[int, list[str]] = {}
    for pk, code in address_rows.values_list("person_id", "postcode"):
        postcodes.setdefault(pk, []).append(code)
    return {
        pk: Probe(
            given_name=given,
            family_name=family,
            date_of_birth=born,
            sex=sex,
            identifiers=identifiers.get(pk, {}),
            postcodes=tuple(postcodes.get(pk, ())),
            other_family_names=tuple(f for _, f in names.get(pk, ())),
            other_given_names=tuple(g for g, _ in names.get(pk, ()) if g),
        )
        for pk, given, family, born, sex in rows
    }
