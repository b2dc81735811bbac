"""The history loaders for children looked after (see `load_records.py`).

A period of care runs from its first episode to the end of its last, when that ended for a reason other than
a change within care (X1). Its home postcode and whether the child was unaccompanied come from the address
("Home when care began") and immigration status rows of its start date. A placement's provider kind is not in
the SSD: a placement with an independent fostering agency is known by its provider code (PR4).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from hearth.care import codes
from hearth.care.models import (
    AdoptionJourney,
    CareReview,
    Episode,
    HealthCheck,
    MissingEpisode,
    PeriodOfCare,
    Placement,
    ProspectiveAdopter,
)
from hearth.care.more_models import AdopterStage, InterviewOutcome, Responsible

if TYPE_CHECKING:
    from hearth.returns.ssd.load_records import Loader


def load_care(x: Loader) -> None:
    periods = _periods(x)
    _placements_and_episodes(x, periods)
    spans = _spans(x)
    _reviews(x, spans)
    _health(x, spans)
    _missing(x, spans)
    _adoptions(x, spans)


def _periods(x: Loader) -> dict[str, PeriodOfCare]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    owner: dict[str, Any] = {}
    for person, e in x.rows("episodes"):
        grouped[e["period"]].append(e)
        owner[e["period"]] = person
    made = []
    for key, episodes in grouped.items():
        if x.keys.get("ssd_cla_episodes:period", key) is not None:
            continue
        episodes.sort(key=lambda e: e["started_on"])
        person, last = owner[key], episodes[-1]
        details = x.checked.people[x.pid_of[person.pk]]
        start = episodes[0]["started_on"]
        ended = last["ended_on"] if last["ended_on"] and last["reason_ceased"] != "X1" else None
        made.append((key, PeriodOfCare(
            **x.kw(person), started_on=start, ended_on=ended, reason_ceased=last["reason_ceased"] if ended else "",
            home_postcode=details["home_postcodes"].get(start, ""), unaccompanied=start in details["uasc"],
            started_by=x.by)))  # fmt: skip
    made_periods = x.save("ssd_cla_episodes:period", made)
    return made_periods


def _placements_and_episodes(x: Loader, periods: dict[str, PeriodOfCare]) -> None:
    placements: dict[str, tuple[Any, dict[str, Any], PeriodOfCare]] = {}
    episodes = []
    for person, e in x.rows("episodes"):
        period = periods.get(e["period"])
        if period is None:
            continue  # imported before
        placements.setdefault(e["placement"]["id"], (person, e["placement"], period))
        episodes.append((person, e, period))
    made = x.save("ssd_cla_placement", [(key, Placement(
        **x.kw(person), period=period, carer="", placement_type=p["placement_type"], place_provider=p["place_provider"],
        category=codes.category_of(p["placement_type"], "ifa" if p["place_provider"] == "PR4" else ""),
        urn=p["urn"], postcode=p["postcode"], distance_miles=p["distance_miles"], started_on=p["started_on"],
        ended_on=p["ended_on"], change_reason=p["change_reason"])) for key, (person, p, period) in placements.items()])  # fmt: skip
    x.save("ssd_cla_episodes", [(e["id"], Episode(
        **x.kw(person), period=period, placement=made[e["placement"]["id"]], started_on=e["started_on"],
        ended_on=e["ended_on"], reason_new=e["reason_new"], legal_status=e["legal_status"],
        category_of_need=e["category_of_need"], reason_ceased=e["reason_ceased"], recorded_by=x.by))
        for person, e, period in episodes])  # fmt: skip


def _spans(x: Loader) -> dict[int, list[PeriodOfCare]]:
    """Each person's periods of care, earliest first."""
    spans: dict[int, list[PeriodOfCare]] = defaultdict(list)
    # By council, not a list of people: an IN list of a whole county's people is too long for SQLite.
    for period in PeriodOfCare.objects.filter(authority_id=x.authority_id).order_by("started_on"):
        spans[period.person_id].append(period)
    return spans


def _period_on(spans: dict[int, list[PeriodOfCare]], person: Any, day: Any) -> PeriodOfCare | None:
    """The period of care open on `day`, or else the last one before it."""
    found = None
    for period in spans.get(person.pk, []):
        if period.started_on <= day:
            found = period
            if period.ended_on is None or day <= period.ended_on:
                return period
    return found


def _reviews(x: Loader, spans: dict[int, list[PeriodOfCare]]) -> None:
    numbers: dict[int, int] = defaultdict(int)
    made = []
    rows = sorted(x.new("care_reviews", "ssd_cla_reviews"), key=lambda pr: pr[1]["due_on"])
    for person, r in rows:
        period = _period_on(spans, person, r["held_on"] or r["due_on"])
        if period is None:
            continue
        numbers[period.pk] += 1
        made.append((r["id"], CareReview(**x.kw(person), period=period, number=numbers[period.pk], due_on=r["due_on"],
                                         held_on=r["held_on"], participation=r["participation"])))  # fmt: skip
    x.save("ssd_cla_reviews", made)


def _health(x: Loader, spans: dict[int, list[PeriodOfCare]]) -> None:
    made = []
    for person, r in x.new("health", "ssd_cla_health"):
        period = _period_on(spans, person, r["done_on"])
        if period is not None:
            made.append((r["id"], HealthCheck(**x.kw(person), period=period, kind=r["kind"], done_on=r["done_on"],
                                              sdq_score=r["sdq_score"], sdq_reason=r["sdq_reason"], recorded_by=x.by)))  # fmt: skip
    x.save("ssd_cla_health", made)


def _missing(x: Loader, spans: dict[int, list[PeriodOfCare]]) -> None:
    made = []
    for person, r in x.new("missing", "ssd_missing"):
        day = r["started_at"].date()
        period = _period_on(spans, person, day)
        in_care = period is not None and (period.ended_on is None or day <= period.ended_on)
        outcome = (
            InterviewOutcome.ACCEPTED
            if r["accepted"]
            else (InterviewOutcome.DECLINED if r["offered"] else "")
        )
        made.append((r["id"], MissingEpisode(
            **x.kw(person), kind=r["kind"], started_at=r["started_at"], ended_at=r["ended_at"],
            responsible=Responsible.OURS_IN_CARE if in_care else Responsible.AT_HOME, interview_outcome=outcome,
            recorded_by=x.by)))  # fmt: skip
    x.save("ssd_missing", made)


def _adoptions(x: Loader, spans: dict[int, list[PeriodOfCare]]) -> None:
    journeys, adopters = [], []
    for person, r in x.new("adoptions", "ssd_permanence"):
        period = _period_on(spans, person, r["should_be_placed_on"])
        if period is None:
            continue
        adopter = _adopter(r)
        if adopter is not None:
            adopter.authority_id = x.authority_id
            adopters.append(adopter)
        journeys.append((r["id"], AdoptionJourney(
            **x.kw(person), period=period, should_be_placed_on=r["should_be_placed_on"],
            placement_order_on=r["placement_order_on"], matched_on=r["matched_on"], adopter=adopter,
            placed_on=r["placed_on"], adoption_order_on=r["adoption_order_on"], ceased_on=r["ceased_on"],
            ceased_reason=r["ceased_reason"])))  # fmt: skip
    # In one go, before the journeys: saving an adopter gives it the ID its journey is saved with.
    ProspectiveAdopter.objects.bulk_create(adopters, batch_size=1000)
    x.save("ssd_permanence", journeys)


def _adopter(r: dict[str, Any]) -> ProspectiveAdopter | None:
    if not (r["adopter_sex"] or r["adopter_legal_status"] or r["adopters"]):
        return None
    return ProspectiveAdopter(name="Adopters (from the SSD extract)", agency="Not recorded in the extract",
                              stage=AdopterStage.ADOPTED if r["adoption_order_on"] else AdopterStage.MATCHED,
                              number=r["adopters"] or 2, sex=r["adopter_sex"][:2], legal_status=r["adopter_legal_status"][:3])  # fmt: skip
