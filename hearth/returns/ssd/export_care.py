"""SSD tables about children looked after and care leavers: ssd_cla_episodes, ssd_legal_status,
ssd_cla_placement, ssd_cla_reviews, ssd_cla_health, ssd_sdq_scores, ssd_missing, ssd_care_leavers and
ssd_permanence.

- A CLA episode is an SSDA903 episode; `clae_cla_id` is its period of care. Its legal status is in
  ssd_legal_status, one row for each run of episodes with the same status.
- A placement's carer is not an SSD column: the URN and postcode stand for it.
- Health checks other than SDQs are written with Hearth's names for them ("Dental check"); SDQs go in
  ssd_sdq_scores with the score or the reason there is none.
- ssd_care_leavers has a row for each contact with a care leaver (the SSD keeps only the latest; every one is
  kept so the SSDA903's birthday contacts survive), and one row for a care leaver not yet contacted.
- ssd_permanence has a row for each adoption journey with its adopters' SSDA903 details.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    CareReview,
    Episode,
    HealthCheck,
    HealthKind,
    LeaverContact,
    MissingEpisode,
    Placement,
)
from hearth.care.more_models import InterviewOutcome, LeaverCategory

if TYPE_CHECKING:
    from hearth.returns.ssd.export import Extract

Row = dict[str, Any]
ELIGIBILITY: dict[str, str] = {
    LeaverCategory.ELIGIBLE: "Eligible",
    LeaverCategory.RELEVANT: "Relevant",
    LeaverCategory.FORMER_RELEVANT: "Former relevant",
    LeaverCategory.QUALIFYING: "Qualifying",
}


def tables(x: Extract) -> Iterator[tuple[str, Iterator[Row]]]:
    yield "ssd_cla_placement", _placements(x)
    yield "ssd_cla_episodes", _episodes(x)
    yield "ssd_legal_status", _legal_statuses(x)
    yield "ssd_cla_reviews", _reviews(x)
    yield "ssd_cla_health", _health(x)
    yield "ssd_sdq_scores", _sdq(x)
    yield "ssd_missing", _missing(x)
    yield "ssd_care_leavers", _leavers(x)
    yield "ssd_permanence", _permanence(x)


def _placements(x: Extract) -> Iterator[Row]:
    for p in Placement.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        yield {"clap_cla_placement_id": p.pk, "clap_cla_id": p.period_id, "clap_person_id": x.pid(p.person_id),
               "clap_cla_placement_start_date": p.started_on, "clap_cla_placement_type": p.placement_type,
               "clap_cla_placement_urn": p.urn, "clap_cla_placement_distance": p.distance_miles,
               "clap_cla_placement_provider": p.place_provider, "clap_cla_placement_postcode": p.postcode,
               "clap_cla_placement_end_date": p.ended_on, "clap_cla_placement_change_reason": p.change_reason}  # fmt: skip


def _episodes(x: Extract) -> Iterator[Row]:
    episodes = Episode.objects.filter(authority_id=x.authority_id).select_related("period")
    for e in episodes.order_by("pk").iterator(5000):
        yield {"clae_cla_episode_id": e.pk, "clae_person_id": x.pid(e.person_id), "clae_cla_placement_id": e.placement_id,
               "clae_cla_episode_start_date": e.started_on, "clae_cla_episode_start_reason": e.reason_new,
               "clae_cla_primary_need_code": e.category_of_need, "clae_cla_episode_ceased_date": e.ended_on,
               "clae_cla_episode_ceased_reason": e.reason_ceased, "clae_cla_id": e.period_id,
               "clae_entered_care_date": e.period.started_on}  # fmt: skip


def _legal_statuses(x: Extract) -> Iterator[Row]:
    run: Any = None
    episodes = Episode.objects.filter(authority_id=x.authority_id).order_by("person_id", "started_on", "pk")
    for e in episodes.iterator(5000):
        joins = run is not None and run["person"] == e.person_id and run["status"] == e.legal_status \
            and run["ended_on"] == e.started_on  # fmt: skip
        if joins:
            run["ended_on"] = e.ended_on
            continue
        if run is not None:
            yield _status_row(x, run)
        run = {"id": e.pk, "person": e.person_id, "status": e.legal_status, "started_on": e.started_on,
               "ended_on": e.ended_on}  # fmt: skip
    if run is not None:
        yield _status_row(x, run)


def _status_row(x: Extract, run: dict[str, Any]) -> Row:
    return {"lega_legal_status_id": run["id"], "lega_person_id": x.pid(run["person"]),
            "lega_legal_status": run["status"], "lega_legal_status_start_date": run["started_on"],
            "lega_legal_status_end_date": run["ended_on"]}  # fmt: skip


def _reviews(x: Extract) -> Iterator[Row]:
    for r in CareReview.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        yield {"clar_cla_review_id": r.pk, "clar_cla_id": r.period_id, "clar_cla_person_id": x.pid(r.person_id),
               "clar_cla_review_due_date": r.due_on, "clar_cla_review_date": r.held_on,
               "clar_cla_review_cancelled": False, "clar_cla_review_participation": r.participation}  # fmt: skip


def _health(x: Extract) -> Iterator[Row]:
    checks = HealthCheck.objects.filter(authority_id=x.authority_id).exclude(kind=HealthKind.SDQ)
    for h in checks.order_by("pk").iterator(5000):
        yield {"clah_health_check_id": h.pk, "clah_person_id": x.pid(h.person_id),
               "clah_health_check_type": h.get_kind_display(), "clah_health_check_date": h.done_on,
               "clah_health_check_status": "Completed"}  # fmt: skip


def _sdq(x: Extract) -> Iterator[Row]:
    for h in HealthCheck.objects.filter(authority_id=x.authority_id, kind=HealthKind.SDQ).order_by("pk"):
        yield {"csdq_table_id": h.pk, "csdq_person_id": x.pid(h.person_id), "csdq_sdq_completed_date": h.done_on,
               "csdq_sdq_score": h.sdq_score, "csdq_sdq_reason": h.sdq_reason}  # fmt: skip


def _missing(x: Extract) -> Iterator[Row]:
    for m in MissingEpisode.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        offered = m.interview_offered_at is not None or m.interview_outcome in {
            InterviewOutcome.ACCEPTED, InterviewOutcome.DECLINED
        }  # fmt: skip
        yield {"miss_table_id": m.pk, "miss_person_id": x.pid(m.person_id), "miss_missing_episode_start_date": m.started_at,
               "miss_missing_episode_type": m.kind, "miss_missing_episode_end_date": m.ended_at,
               "miss_missing_rhi_offered": "Y" if offered else "N",
               "miss_missing_rhi_accepted": "Y" if m.interview_outcome == InterviewOutcome.ACCEPTED else ("N" if offered else "NA")}  # fmt: skip


def _leavers(x: Extract) -> Iterator[Row]:
    leavers = {
        c.person_id: c
        for c in CareLeaver.objects.filter(authority_id=x.authority_id).select_related("adviser")
    }
    contacted: set[int] = set()
    for c in LeaverContact.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        leaver = leavers.get(c.person_id)
        contacted.add(c.person_id)
        yield {**_leaver(x, c.person_id, leaver), "clea_table_id": f"C{c.pk}", "clea_care_leaver_in_touch": c.in_touch,
               "clea_care_leaver_latest_contact": c.contacted_on, "clea_care_leaver_accommodation": c.accommodation,
               "clea_care_leaver_activity": c.activity}  # fmt: skip
    for person_id, leaver in sorted(leavers.items()):
        if person_id not in contacted:
            yield {**_leaver(x, person_id, leaver), "clea_table_id": f"L{leaver.pk}"}


def _leaver(x: Extract, person_id: int, leaver: CareLeaver | None) -> Row:
    if leaver is None:
        return {"clea_person_id": x.pid(person_id)}
    return {"clea_person_id": x.pid(person_id), "clea_care_leaver_eligibility": ELIGIBILITY.get(leaver.category, ""),
            "clea_pathway_plan_review_date": leaver.pathway_plan_on,
            "clea_care_leaver_personal_advisor": leaver.adviser.display_name if leaver.adviser else "",
            "clea_care_leaver_worker_id": leaver.adviser_id or ""}  # fmt: skip


def _permanence(x: Extract) -> Iterator[Row]:
    journeys = AdoptionJourney.objects.filter(authority_id=x.authority_id).select_related("adopter")
    for j in journeys.order_by("pk"):
        a = j.adopter
        yield {"perm_table_id": j.pk, "perm_person_id": x.pid(j.person_id), "perm_cla_id": j.period_id,
               "perm_adm_decision_date": j.should_be_placed_on, "perm_placement_order_date": j.placement_order_on,
               "perm_matched_date": j.matched_on, "perm_adopter_sex": a.sex if a else "",
               "perm_adopter_legal_status": a.legal_status if a else "", "perm_number_of_adopters": a.number if a else "",
               "perm_placed_for_adoption_date": j.placed_on, "perm_decision_reversed_date": j.ceased_on,
               "perm_decision_reversed_reason": j.ceased_reason, "perm_permanence_order_date": j.adoption_order_on,
               "perm_permanence_order_type": "Adoption" if j.adoption_order_on else ""}  # fmt: skip
