"""Checking the SSD tables of casework and care, row by row (see `check.py`)."""

from __future__ import annotations

from typing import Any

from hearth.casework.models import AbuseCategory, AssessmentOutcome, AssessmentStatus
from hearth.people import codes as people_codes
from hearth.returns.ssd.check import Checked, _Rows
from hearth.returns.ssd.read import Table, parse_day


def _worker(t: Table, n: int, row: dict[str, str], column: str, checked: Checked) -> str:
    key = t.text(row, column)
    if key and key not in checked.professionals:
        t.problem(n, column, f"No worker with ID “{key}” is in ssd_professionals.csv")
        return ""
    return key


def _in_order(t: Table, n: int, start: Any, end: Any, column: str) -> None:
    if start and end and end < start:
        t.problem(n, column, "This date is before the start date")


def casework_records(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_involvements"]
    rows = _Rows(t, checked, "invo_person_id")
    for n, row, pid in rows:
        key = rows.unique(n, row, "invo_involvements_id")
        team = t.required(n, row, "invo_professional_team", "the team")
        if team and team not in checked.departments:
            t.problem(n, "invo_professional_team", f"No team with ID “{team}” is in ssd_department.csv")
        start = t.day(n, row, "invo_involvement_start_date", required="the date the allocation began")
        end = t.day(n, row, "invo_involvement_end_date")
        _in_order(t, n, start, end, "invo_involvement_end_date")
        rows.add(pid, "allocations", {"n": n, "id": key, "worker": _worker(t, n, row, "invo_professional_id", checked),
                                      "team": team, "role": t.text(row, "invo_professional_role_id") or "Allocated worker",
                                      "started_on": start, "ended_on": end})  # fmt: skip
    t = tables["ssd_contacts"]
    rows = _Rows(t, checked, "cont_person_id")
    for n, row, pid in rows:
        rows.add(pid, "contacts", {
            "n": n, "id": rows.unique(n, row, "cont_contact_id"),
            "received_at": t.moment(n, row, "cont_contact_date", required="the date of the contact"),
            "source": t.code(n, row, "cont_contact_source_code", people_codes.REFERRAL_SOURCE, "the contact’s source", required=False),
            "outcome": t.json(n, row, "cont_contact_outcome_json"),
        })  # fmt: skip
    t = tables["ssd_early_help_episodes"]
    rows = _Rows(t, checked, "earl_person_id")
    for n, row, pid in rows:
        start = t.day(n, row, "earl_episode_start_date", required="the date early help began")
        end = t.day(n, row, "earl_episode_end_date")
        _in_order(t, n, start, end, "earl_episode_end_date")
        rows.add(pid, "early_help", {"n": n, "id": rows.unique(n, row, "earl_episode_id"), "started_on": start,
                                     "ended_on": end, "closure_reason": t.text(row, "earl_episode_end_reason")[:3]})  # fmt: skip
    _cin(tables, checked)


def _cin(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_cin_episodes"]
    rows = _Rows(t, checked, "cine_person_id")
    episodes: dict[str, str] = {}
    for n, row, pid in rows:
        key = rows.unique(n, row, "cine_referral_id")
        referred = t.day(n, row, "cine_referral_date", required="the referral date")
        started = t.json(n, row, "cine_referral_outcome_json").get("episode_started")
        end = t.day(n, row, "cine_close_date")
        _in_order(t, n, referred, end, "cine_close_date")
        reason = t.code(
            n,
            row,
            "cine_close_reason",
            people_codes.CIN_CLOSURE_REASON,
            "the reason the case closed",
            required=bool(end),
        )
        episodes[key] = pid
        rows.add(pid, "cin_episodes", {
            "n": n, "id": key, "referred_on": referred, "started_on": _iso(started) or referred, "ended_on": end,
            "closure_reason": reason,
            "source": t.code(n, row, "cine_referral_source_code", people_codes.REFERRAL_SOURCE, "the referral’s source"),
            "referred_by": _worker(t, n, row, "cine_referral_worker_id", checked),
        })  # fmt: skip
    t = tables["ssd_assessment_factors"]
    factors: dict[str, list[str]] = {}
    known = dict(people_codes.ASSESSMENT_FACTORS)
    for n, row in t.numbered():
        found = t.json(n, row, "cinf_assessment_factors_json") or []
        wrong = (
            [str(f) for f in found if str(f) not in known] if isinstance(found, list) else ["(not a list)"]
        )
        if wrong:
            t.problem(n, "cinf_assessment_factors_json", f"Not factor codes: {', '.join(wrong)}")
        factors[t.text(row, "cinf_assessment_id")] = [str(f) for f in found] if not wrong else []
    t = tables["ssd_cin_assessments"]
    rows = _Rows(t, checked, "cina_person_id")
    for n, row, pid in rows:
        key = rows.unique(n, row, "cina_assessment_id")
        episode = _episode(t, n, row, "cina_referral_id", pid, episodes, required=False)
        outcome = t.json(n, row, "cina_assessment_outcome_json")
        start = t.day(n, row, "cina_assessment_start_date", required="the date the assessment began")
        done = t.day(n, row, "cina_assessment_auth_date")
        _in_order(t, n, start, done, "cina_assessment_auth_date")
        status = str(
            outcome.get("status") or (AssessmentStatus.APPROVED if done else AssessmentStatus.IN_PROGRESS)
        )
        if status not in AssessmentStatus.values:
            t.problem(n, "cina_assessment_outcome_json", f"“{status}” is not an assessment status")
        need = str(outcome.get("primary_need") or "")
        if need and need not in dict(people_codes.PRIMARY_NEED):
            t.problem(n, "cina_assessment_outcome_json", f"“{need}” is not a primary need code")
        result = str(outcome.get("outcome") or ("nfa" if t.flag(row, "cina_assessment_outcome_nfa") else ""))
        if result and result not in AssessmentOutcome.values:
            t.problem(n, "cina_assessment_outcome_json", f"“{result}” is not an assessment outcome")
        rows.add(pid, "assessments", {
            "n": n, "id": key, "episode": episode, "started_on": start, "completed_on": done, "status": status,
            "outcome": result, "primary_need": need, "due_on": _iso(outcome.get("due_on")),
            "child_seen_on": _iso(outcome.get("child_seen_on")) or (start if t.flag(row, "cina_assessment_child_seen") else None),
            "child_seen_alone": bool(outcome.get("child_seen_alone")), "factors": factors.get(key, []),
            "worker": _worker(t, n, row, "cina_assessment_worker_id", checked),
        })  # fmt: skip
    t = tables["ssd_cin_plans"]
    rows = _Rows(t, checked, "cinp_person_id")
    for n, row, pid in rows:
        start = t.day(n, row, "cinp_cin_plan_start_date", required="the date the plan began")
        end = t.day(n, row, "cinp_cin_plan_end_date")
        _in_order(t, n, start, end, "cinp_cin_plan_end_date")
        rows.add(pid, "cin_plans", {"n": n, "id": rows.unique(n, row, "cinp_cin_plan_id"), "started_on": start,
                                    "ended_on": end, "episode": _episode(t, n, row, "cinp_referral_id", pid, episodes)})  # fmt: skip
    _protection(tables, checked)


def _episode(t: Table, n: int, row: dict[str, str], column: str, pid: str, episodes: dict[str, str], *,
             required: bool = True) -> str:  # fmt: skip
    key = t.text(row, column)
    if not key:
        if required:
            t.problem(n, column, "Enter the CIN episode (referral) this belongs to")
        return ""
    if episodes.get(key) != pid:
        t.problem(n, column, f"No CIN episode with ID “{key}” for this person is in ssd_cin_episodes.csv")
        return ""
    return key


def _protection(tables: dict[str, Table], checked: Checked) -> None:
    t = tables["ssd_s47_enquiry"]
    rows = _Rows(t, checked, "s47e_person_id")
    for n, row, pid in rows:
        rows.add(pid, "enquiries", {"n": n, "id": rows.unique(n, row, "s47e_s47_enquiry_id"),
                                    "held_on": t.day(n, row, "s47e_s47_start_date", required="the date the enquiry began"),
                                    "worker": _worker(t, n, row, "s47e_s47_completed_by_worker_id", checked)})  # fmt: skip
    t = tables["ssd_cp_plans"]
    rows = _Rows(t, checked, "cppl_person_id")
    for n, row, pid in rows:
        start = t.day(n, row, "cppl_cp_plan_start_date", required="the date the plan began")
        end = t.day(n, row, "cppl_cp_plan_end_date")
        _in_order(t, n, start, end, "cppl_cp_plan_end_date")
        category = t.code(
            n, row, "cppl_cp_plan_latest_category", AbuseCategory.choices, "the category of abuse"
        )
        rows.add(pid, "cp_plans", {"n": n, "id": rows.unique(n, row, "cppl_cp_plan_id"), "started_on": start,
                                   "ended_on": end, "category": category})  # fmt: skip
    plans = rows.ids
    enquiries = {e["id"] for kinds in checked.records.values() for e in kinds.get("enquiries", [])}
    t = tables["ssd_initial_cp_conference"]
    rows = _Rows(t, checked, "icpc_person_id")
    for n, row, pid in rows:
        enquiry, plan = t.text(row, "icpc_s47_enquiry_id"), t.text(row, "icpc_cp_plan_id")
        if enquiry and enquiry not in enquiries:
            t.problem(n, "icpc_s47_enquiry_id", f"No enquiry with ID “{enquiry}” is in ssd_s47_enquiry.csv")
        if plan and plan not in plans:
            t.problem(n, "icpc_cp_plan_id", f"No plan with ID “{plan}” is in ssd_cp_plans.csv")
        rows.add(pid, "initial_conferences", {
            "n": n, "id": rows.unique(n, row, "icpc_icpc_id"), "enquiry": enquiry, "plan": plan,
            "due_on": t.day(n, row, "icpc_icpc_target_date", required="the date the conference was due"),
            "held_on": t.day(n, row, "icpc_icpc_date"), "plan_needed": t.flag(row, "icpc_icpc_outcome_cp_flag"),
        })  # fmt: skip
    t = tables["ssd_cp_reviews"]
    rows = _Rows(t, checked, "cppr_person_id")
    for n, row, pid in rows:
        plan = t.text(row, "cppr_cp_plan_id")
        if plan and plan not in plans:
            t.problem(n, "cppr_cp_plan_id", f"No plan with ID “{plan}” is in ssd_cp_plans.csv")
        rows.add(pid, "reviews_cp", {
            "n": n, "id": rows.unique(n, row, "cppr_cp_review_id"), "plan": plan,
            "due_on": t.day(n, row, "cppr_cp_review_due", required="the date the review was due"),
            "held_on": t.day(n, row, "cppr_cp_review_date"), "continues": t.flag(row, "cppr_cp_review_outcome_continue_cp"),
        })  # fmt: skip


def _iso(value: Any) -> Any:
    return parse_day(str(value)) if value else None
