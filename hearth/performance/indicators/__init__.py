"""Every performance indicator, in the order the dashboard shows them (ADR 20)."""

from __future__ import annotations

from hearth.performance.indicators import care, caseloads, frontdoor, missing, protection
from hearth.performance.indicators.base import Indicator

INDICATORS: dict[str, Indicator] = {
    indicator.key: indicator
    for module in (frontdoor, protection, care, missing, caseloads)
    for indicator in module.INDICATORS
}
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(i.group for i in INDICATORS.values()))

__all__ = ["GROUPS", "INDICATORS", "Indicator"]
