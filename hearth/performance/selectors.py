"""Reads for the performance pages: the council's districts (with their child population, the denominator of
every rate per 10,000) and teams, and the districts a user may filter by. No person records: the indicators
themselves read those (hearth.performance.indicators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hearth.core.access import scoped
from hearth.organisation.models import Authority, District, Team
from hearth.performance.figures import NO_TEAM

NO_DISTRICT = "No district recorded"


@dataclass(frozen=True)
class Areas:
    council: str  # the council's short name, for total rows
    districts: dict[int, tuple[str, int]]  # id -> (name, children aged 0 to 17), in order of name
    teams: dict[int, str]  # id -> name

    def population(self, district_id: int | None = None) -> int:
        if district_id is None:
            return sum(population for _, population in self.districts.values())
        return self.districts[district_id][1] if district_id in self.districts else 0

    def district_name(self, district_id: int | None) -> str:
        return self.districts[district_id][0] if district_id in self.districts else NO_DISTRICT

    def team_name(self, team_id: int) -> str:
        return "No worker named" if team_id == NO_TEAM else self.teams.get(team_id, "Unknown team")


def council_areas(*, authority_id: int) -> Areas:
    council = Authority.objects.values_list("short_name", flat=True).get(pk=authority_id)
    districts = {
        pk: (name, population)
        for pk, name, population in District.objects.filter(authority_id=authority_id)
        .order_by("name")
        .values_list("pk", "name", "child_population")
    }
    teams = dict(Team.objects.filter(authority_id=authority_id).values_list("pk", "name"))
    return Areas(council, districts, teams)


def districts_for(*, user: Any) -> QuerySet[District]:
    """The districts a user may filter the dashboards by: their own council's."""
    return scoped(user, District).order_by("name")
