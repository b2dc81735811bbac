"""Checking the SSD tables of children looked after and care leavers (see `check.py`)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from hearth.care import codes
from hearth.care.more_models import LeaverCategory
from hearth.returns.ssd.check import HEALTH_KINDS, Checked, _Rows
from hearth.returns.ssd.check_records import _in_order, _worker
from hearth.returns.ssd.export_care import ELIGIBILITY
from hearth.returns.ssd.read import Table

ELIGIBLE_FROM = {label.lower(): code for code, label in ELIGIBILITY.items()}


def care_rows(tables: dict[str, Table], checked: Checked) -> None:
    placements = _placements(tables["ssd_cla_placement"], checked)
    statuses = _legal_statuses(tables["ssd_legal_status"], checked)
    t = tables["ssd_cla_episodes"]
    rows = _Rows(t, checked, "clae_person_id")
    periods: dict[str, str] = {}
    for n, row, pid in rows:
        key = rows.unique(n, row, "clae_cla_episode_id")
        start = t.day(n, row, "clae_cla_episode_start_date", required="the date the episode began")
        end = t.day(n, row, "clae_cla_episode_ceased_date")
        _in_order(t, n, start, end, "clae_cla_episode_ceased_date")
        period = t.required(n, row, "clae_cla_id", "the period of care")
        if periods.setdefault(period, pid) != pid:
            t.problem(n, "clae_cla_id", f"Period of care “{period}” belongs to another person")
        placement = placements.get(t.text(row, "clae_cla_placement_id"))
        if placement is None or placement["person"] not in {pid, ""} or placement["period"] != period:
            t.problem(
                n,
                "clae_cla_placement_id",
                "No placement with this ID for this period of care is in ssd_cla_placement.csv",
            )
        status = next((s for s in statuses.get(pid, []) if start and s[0] <= start and (s[1] is None or start < s[1]
                                                                                        or s[0] == start)), None)  # fmt: skip
        if start and status is None:
            t.problem(
                n, "clae_cla_episode_start_date", "No legal status in ssd_legal_status.csv covers this date"
            )
        rows.add(pid, "episodes", {
            "n": n, "id": key, "period": period, "placement": placement or {}, "started_on": start, "ended_on": end,
            "entered": t.day(n, row, "clae_entered_care_date"),
            "reason_new": t.code(n, row, "clae_cla_episode_start_reason", codes.RNE, "the reason for a new episode"),
            "legal_status": status[2] if status else "",
            "category_of_need": t.code(n, row, "clae_cla_primary_need_code", codes.CATEGORY_OF_NEED, "the category of need"),
            "reason_ceased": t.code(n, row, "clae_cla_episode_ceased_reason", (*codes.REASON_CEASED, ("X1", "A change within care")),
                                    "the reason the episode ended", required=bool(end)),
        })  # fmt: skip
    _reviews_and_health(tables, checked, periods)
    _missing_and_leavers(tables, checked)


def _placements(t: Table, checked: Checked) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    rows = _Rows(t, checked, "clap_person_id")
    for n, row, pid in rows:
        key = rows.unique(n, row, "clap_cla_placement_id")
        start = t.day(n, row, "clap_cla_placement_start_date", required="the date the placement began")
        end = t.day(n, row, "clap_cla_placement_end_date")
        _in_order(t, n, start, end, "clap_cla_placement_end_date")
        distance = None
        if t.text(row, "clap_cla_placement_distance"):
            try:
                distance = Decimal(t.text(row, "clap_cla_placement_distance")).quantize(Decimal("0.1"))
            except InvalidOperation:
                t.problem(
                    n, "clap_cla_placement_distance", "Enter the distance in miles as a number, like 12.5"
                )
        urn, postcode = t.text(row, "clap_cla_placement_urn"), t.text(row, "clap_cla_placement_postcode")
        kind = t.code(n, row, "clap_cla_placement_type", codes.PLACEMENT_TYPE, "the placement type")
        found[key] = {
            "n": n, "id": key, "person": pid, "period": t.text(row, "clap_cla_id"), "placement_type": kind,
            "urn": "" if urn == "XXXXXXX" else urn, "postcode": postcode, "distance_miles": distance,
            "place_provider": t.code(n, row, "clap_cla_placement_provider", codes.PLACE_PROVIDER, "the provider", required=False),
            "started_on": start, "ended_on": end, "carer": f"{urn}|{postcode}" if urn or postcode else f"placement:{key}",
            "change_reason": t.code(n, row, "clap_cla_placement_change_reason", codes.REASON_PLACE_CHANGE,
                                    "the reason the placement changed", required=False),
        }  # fmt: skip
    return found


def _legal_statuses(t: Table, checked: Checked) -> dict[str, list[tuple[Any, Any, str]]]:
    found: dict[str, list[tuple[Any, Any, str]]] = {}
    for n, row, pid in _Rows(t, checked, "lega_person_id"):
        start = t.day(n, row, "lega_legal_status_start_date", required="the date the legal status began")
        end = t.day(n, row, "lega_legal_status_end_date")
        status = t.code(n, row, "lega_legal_status", codes.LEGAL_STATUS, "the legal status")
        if start and status:
            found.setdefault(pid, []).append((start, end, status))
    return found


def _reviews_and_health(tables: dict[str, Table], checked: Checked, periods: dict[str, str]) -> None:
    t = tables["ssd_cla_reviews"]
    rows = _Rows(t, checked, "clar_cla_person_id")
    for n, row, pid in rows:
        period = t.text(row, "clar_cla_id")
        if period and periods.get(period) != pid:
            t.problem(
                n, "clar_cla_id", f"No period of care “{period}” for this person is in ssd_cla_episodes.csv"
            )
        if t.flag(row, "clar_cla_review_cancelled"):
            continue
        rows.add(pid, "care_reviews", {
            "n": n, "id": rows.unique(n, row, "clar_cla_review_id"), "period": period,
            "due_on": t.day(n, row, "clar_cla_review_due_date", required="the date the review was due"),
            "held_on": t.day(n, row, "clar_cla_review_date"),
            "participation": t.code(n, row, "clar_cla_review_participation", codes.REVIEW_PARTICIPATION,
                                    "how the child took part", required=False),
        })  # fmt: skip
    t = tables["ssd_cla_health"]
    rows = _Rows(t, checked, "clah_person_id")
    for n, row, pid in rows:
        kind = HEALTH_KINDS.get(t.text(row, "clah_health_check_type"))
        if kind is None:
            t.problem(n, "clah_health_check_type", f"“{t.text(row, 'clah_health_check_type')}” is not a kind of "
                      f"health check Hearth knows: use one of {', '.join(HEALTH_KINDS)}")  # fmt: skip
        if t.text(row, "clah_health_check_status").lower() not in {"", "completed"}:
            continue  # planned, refused or cancelled: not a check that was done
        rows.add(pid, "health", {"n": n, "id": rows.unique(n, row, "clah_health_check_id"), "kind": kind,
                                 "done_on": t.day(n, row, "clah_health_check_date", required="the date of the check"),
                                 "sdq_score": None, "sdq_reason": ""})  # fmt: skip
    t = tables["ssd_sdq_scores"]
    rows = _Rows(t, checked, "csdq_person_id")
    for n, row, pid in rows:
        score = t.number(n, row, "csdq_sdq_score", "the SDQ score")
        if score is not None and not 0 <= score <= 40:
            t.problem(n, "csdq_sdq_score", "An SDQ score is from 0 to 40")
        rows.add(pid, "health", {
            "n": n, "id": rows.unique(n, row, "csdq_table_id"), "kind": "sdq",
            "done_on": t.day(n, row, "csdq_sdq_completed_date", required="the date of the SDQ"), "sdq_score": score,
            "sdq_reason": t.code(n, row, "csdq_sdq_reason", codes.SDQ_REASON, "the reason for no SDQ score", required=False),
        })  # fmt: skip


def _missing_and_leavers(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_missing"]
    rows = _Rows(t, checked, "miss_person_id")
    for n, row, pid in rows:
        start = t.moment(n, row, "miss_missing_episode_start_date", required="when the child went missing")
        end = t.moment(n, row, "miss_missing_episode_end_date")
        _in_order(t, n, start, end, "miss_missing_episode_end_date")
        rows.add(pid, "missing", {
            "n": n, "id": rows.unique(n, row, "miss_table_id"), "started_at": start, "ended_at": end,
            "kind": t.code(n, row, "miss_missing_episode_type", codes.MISSING_KIND, "missing or away (M or A)"),
            "offered": t.flag(row, "miss_missing_rhi_offered"), "accepted": t.flag(row, "miss_missing_rhi_accepted"),
        })  # fmt: skip
    t = tables["ssd_care_leavers"]
    rows = _Rows(t, checked, "clea_person_id")
    for n, row, pid in rows:
        eligibility = t.text(row, "clea_care_leaver_eligibility")
        category = ELIGIBLE_FROM.get(
            eligibility.lower(), "" if eligibility else LeaverCategory.FORMER_RELEVANT
        )
        if not category:
            t.problem(n, "clea_care_leaver_eligibility", f"“{eligibility}” is not a care leaver category: use "
                      f"{', '.join(ELIGIBILITY.values())}")  # fmt: skip
        contacted = t.day(n, row, "clea_care_leaver_latest_contact")
        rows.add(pid, "leavers", {
            "n": n, "id": rows.unique(n, row, "clea_table_id"), "category": category, "contacted_on": contacted,
            "in_touch": t.code(n, row, "clea_care_leaver_in_touch", codes.IN_TOUCH, "whether the council is in touch",
                               required=bool(contacted)),
            "activity": t.code(n, row, "clea_care_leaver_activity", codes.ACTIVITY, "the young person’s activity", required=False),
            "accommodation": t.code(n, row, "clea_care_leaver_accommodation", codes.ACCOMMODATION, "the accommodation",
                                    required=False),
            "pathway_plan_on": t.day(n, row, "clea_pathway_plan_review_date"),
            "adviser": _worker(t, n, row, "clea_care_leaver_worker_id", checked),
        })  # fmt: skip
    t = tables["ssd_permanence"]
    rows = _Rows(t, checked, "perm_person_id")
    for n, row, pid in rows:
        rows.add(pid, "adoptions", {
            "n": n, "id": rows.unique(n, row, "perm_table_id"), "period": t.text(row, "perm_cla_id"),
            "should_be_placed_on": t.day(n, row, "perm_adm_decision_date", required="the date of the decision to place for adoption"),
            "placement_order_on": t.day(n, row, "perm_placement_order_date"), "matched_on": t.day(n, row, "perm_matched_date"),
            "placed_on": t.day(n, row, "perm_placed_for_adoption_date"),
            "adoption_order_on": t.day(n, row, "perm_permanence_order_date"),
            "ceased_on": t.day(n, row, "perm_decision_reversed_date"),
            "ceased_reason": t.code(n, row, "perm_decision_reversed_reason", codes.REASON_PLACED_CEASED,
                                    "why adoption is no longer the plan", required=bool(t.text(row, "perm_decision_reversed_date"))),
            "adopter_sex": t.text(row, "perm_adopter_sex"), "adopter_legal_status": t.text(row, "perm_adopter_legal_status"),
            "adopters": t.number(n, row, "perm_number_of_adopters", "the number of adopters"),
        })  # fmt: skip
