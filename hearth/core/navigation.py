"""The service navigation, by role: each role sees only the places it may go."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from hearth.core.access import Capability, has_capability


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    capability: Capability | None
    section: str


NAV_ITEMS = (
    NavItem("My work", "core:home", None, "home"),
    NavItem("Front door", "frontdoor:queue", Capability.FRONT_DOOR, "frontdoor"),
    NavItem("People", "people:list", Capability.PEOPLE_VIEW, "people"),
    NavItem("Panels", "casework:panels", Capability.PEOPLE_VIEW, "panels"),
    NavItem("Missing", "care:missing", Capability.PEOPLE_VIEW, "missing"),
    NavItem("Placements", "care:placements", Capability.PLACEMENTS, "placements"),
    NavItem("My team", "casework:team", Capability.TEAM_CASELOADS, "team"),
    NavItem("Districts", "casework:districts", Capability.COUNTY_FIGURES, "districts"),
    NavItem("Returns", "returns:index", Capability.RETURNS, "returns"),
    NavItem("Insight", "insight:index", Capability.INSIGHT, "insight"),
    NavItem("Performance", "performance:index", Capability.PERFORMANCE, "performance"),
    NavItem("Supporting Families", "supporting:index", Capability.SUPPORTING_FAMILIES, "supporting"),
    NavItem("Complaints", "complaints:index", Capability.COMPLAINTS, "complaints"),
    NavItem("Scrutiny", "scrutiny:index", Capability.SCRUTINY, "scrutiny"),
    NavItem("Reports", "core:reports", Capability.REPORTS, "reports"),
    NavItem("Staff directory", "organisation:directory", Capability.STAFF_VIEW, "staff"),
    NavItem("Audit log", "audit:list", Capability.AUDIT_VIEW, "audit"),
)


def navigation_for(user: Any, current_section: str = "") -> list[dict[str, Any]]:
    if not (user and user.is_authenticated):
        return []
    items = []
    for item in NAV_ITEMS:
        if item.capability is not None and not has_capability(user, item.capability):
            continue
        items.append(
            {"text": item.text, "href": reverse(item.url_name), "active": item.section == current_section}
        )
    return items
