"""The social workers a looked-after child had before the one allocated now.

The demo's allocations start within the last two years, but many children have been in care for longer;
the SSDA903 return reports every social worker episode since care began (rule SW12STG2). Each period of
care gets an earlier, ended allocation to another social worker of a children in care team in the child's
district, from the start of care to the day before the present allocation (or to the end of care).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.organisation.models import Authority, Team, TeamKind
from hearth.people.models import Allocation
from hearth.synth.care_history import Story


def earlier_social_workers(rng: random.Random, authority: Authority, stories: list[Story],
                           members: list[tuple[User, Team]]) -> int:  # fmt: skip
    """Write the earlier allocations; returns how many."""
    by_district: dict[Any, list[tuple[User, Team]]] = defaultdict(list)
    for user, team in members:
        if user.role == Role.PRACTITIONER and team.kind == TeamKind.CHILDREN_IN_CARE:
            by_district[team.district_id].append((user, team))
    anyone = [m for ms in by_district.values() for m in ms]
    starts: dict[int, date] = {}
    for person_id, started in Allocation.objects.filter(person_id__in=[s.child.pk for s in stories],
                                                        worker__isnull=False).values_list("person_id", "started_on"):  # fmt: skip
        starts[person_id] = min(started, starts.get(person_id, started))
    made = []
    for story in stories:
        first = starts.get(story.child.pk)
        if first is not None and first <= story.start:
            continue
        until = first - timedelta(days=1) if first is not None else story.end
        if story.end is not None and (until is None or until > story.end):
            until = story.end
        if until is not None and until < story.start:
            continue
        pool = by_district.get(story.child.district_id) or anyone
        worker, team = rng.choice(pool)
        made.append(Allocation(authority=authority, person=story.child, worker=worker, team=team,
                               role="Social worker", started_on=story.start, ended_on=until))  # fmt: skip
    Allocation.objects.bulk_create(made, batch_size=2000)
    return len(made)
