"""SSD tables from the front door and casework: ssd_contacts, ssd_early_help_episodes, ssd_cin_episodes,
ssd_cin_assessments, ssd_assessment_factors, ssd_cin_plans, ssd_s47_enquiry, ssd_initial_cp_conference,
ssd_cp_plans and ssd_cp_reviews.

- A contact is one row per child it is about.
- A CIN episode is a children's social care involvement, named by its Hearth ID; its referral's date and
  source go on the same row. An assessment's primary need, outcome and status go in its outcome JSON, since
  the census takes the need from the assessment (the SSD keeps one need per episode, written here as the
  latest assessment's).
- A section 47 enquiry is a strategy discussion that decided on one; its outcome JSON says whether an initial
  conference followed (CP_CONFERENCE_FLAG).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hearth.casework.models import (
    Assessment,
    AssessmentStatus,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Plan,
    PlanKind,
    ProtectionPlan,
    StrategyDiscussion,
)
from hearth.frontdoor.models import ContactSubject, SubjectRole

if TYPE_CHECKING:
    from hearth.returns.ssd.export import Extract

Row = dict[str, Any]


def tables(x: Extract) -> Iterator[tuple[str, Iterator[Row]]]:
    yield "ssd_contacts", _contacts(x)
    yield "ssd_early_help_episodes", _early_help(x)
    yield "ssd_cin_episodes", _cin_episodes(x)
    yield "ssd_cin_assessments", _assessments(x)
    yield "ssd_assessment_factors", _factors(x)
    yield "ssd_cin_plans", _cin_plans(x)
    yield "ssd_s47_enquiry", _enquiries(x)
    yield "ssd_initial_cp_conference", _initial_conferences(x)
    yield "ssd_cp_plans", _cp_plans(x)
    yield "ssd_cp_reviews", _cp_reviews(x)


def _contacts(x: Extract) -> Iterator[Row]:
    subjects = ContactSubject.objects.filter(authority_id=x.authority_id, role=SubjectRole.CHILD)
    for s in subjects.select_related("contact").order_by("contact_id", "pk").iterator(5000):
        c = s.contact
        outcome = {"status": c.status, "outcome": c.outcome, "rag": c.rag, "threshold": c.threshold}
        yield {"cont_contact_id": s.pk, "cont_person_id": x.pid(s.person_id), "cont_contact_date": c.received_at,
               "cont_contact_source_code": c.source, "cont_contact_source_desc": c.get_source_display() if c.source else "",
               "cont_contact_outcome_json": json.dumps({k: v for k, v in outcome.items() if v})}  # fmt: skip


def _involvements(x: Extract, kind: str) -> Any:
    return Involvement.objects.filter(authority_id=x.authority_id, kind=kind).order_by("pk")


def _early_help(x: Extract) -> Iterator[Row]:
    for i in _involvements(x, InvolvementKind.EARLY_HELP).iterator(5000):
        yield {"earl_episode_id": i.pk, "earl_person_id": x.pid(i.person_id), "earl_episode_start_date": i.started_on,
               "earl_episode_end_date": i.ended_on, "earl_episode_end_reason": i.closure_reason}  # fmt: skip


def _episode_of(x: Extract) -> dict[int, int]:
    """Each referral's social care involvement."""
    return dict(
        _involvements(x, InvolvementKind.SOCIAL_CARE)
        .filter(referral__isnull=False)
        .values_list("referral_id", "pk")
    )


def _cin_episodes(x: Extract) -> Iterator[Row]:
    needs: dict[int, str] = {}
    for referral_id, need in (
        Assessment.objects.filter(authority_id=x.authority_id).exclude(primary_need="")
        .order_by("started_on", "pk").values_list("referral_id", "primary_need")
    ):  # fmt: skip
        needs[referral_id] = need
    for i in _involvements(x, InvolvementKind.SOCIAL_CARE).select_related("referral").iterator(5000):
        r = i.referral
        yield {"cine_referral_id": i.pk, "cine_person_id": x.pid(i.person_id),
               "cine_referral_date": r.referred_on if r else i.started_on,
               "cine_cin_primary_need_code": needs.get(r.pk, "") if r else "",
               # An episode Hearth holds no referral for is returned with source 10 (unknown), as the census does.
               "cine_referral_source_code": r.source if r else "10",
               "cine_referral_source_desc": r.get_source_display() if r else "Unknown",
               "cine_referral_outcome_json": json.dumps({"episode_started": i.started_on.isoformat()}),
               "cine_referral_nfa": False, "cine_close_reason": i.closure_reason, "cine_close_date": i.ended_on,
               "cine_referral_worker_id": r.referred_by_id if r else ""}  # fmt: skip


def _assessments(x: Extract) -> Iterator[Row]:
    episode_of = _episode_of(x)
    for a in Assessment.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        outcome = {"status": a.status, "outcome": a.outcome, "primary_need": a.primary_need,
                   "due_on": a.due_on.isoformat() if a.due_on else "",
                   "child_seen_on": a.child_seen_on.isoformat() if a.child_seen_on else "",
                   "child_seen_alone": a.child_seen_alone}  # fmt: skip
        yield {"cina_assessment_id": a.pk, "cina_person_id": x.pid(a.person_id),
               "cina_referral_id": episode_of.get(a.referral_id or 0, ""), "cina_assessment_start_date": a.started_on,
               "cina_assessment_child_seen": a.child_seen_on is not None,
               "cina_assessment_auth_date": a.completed_on if a.status == AssessmentStatus.APPROVED else None,
               "cina_assessment_outcome_json": json.dumps({k: v for k, v in outcome.items() if v}),
               "cina_assessment_outcome_nfa": a.outcome == "nfa", "cina_assessment_worker_id": a.worker_id}  # fmt: skip


def _factors(x: Extract) -> Iterator[Row]:
    found = Assessment.objects.filter(authority_id=x.authority_id).exclude(factors=[]).order_by("pk")
    for pk, factors in found.values_list("pk", "factors").iterator(5000):
        yield {
            "cinf_table_id": pk,
            "cinf_assessment_id": pk,
            "cinf_assessment_factors_json": json.dumps(factors),
        }


def _cin_plans(x: Extract) -> Iterator[Row]:
    plans = Plan.objects.filter(
        authority_id=x.authority_id, kind=PlanKind.CHILD_IN_NEED, status__in=["agreed", "ended"]
    )
    for p in plans.order_by("pk"):
        yield {"cinp_cin_plan_id": p.pk, "cinp_referral_id": p.involvement_id or "", "cinp_person_id": x.pid(p.person_id),
               "cinp_cin_plan_start_date": p.started_on, "cinp_cin_plan_end_date": p.ended_on}  # fmt: skip


def _enquiries(x: Extract) -> Iterator[Row]:
    conferenced = set(
        Conference.objects.filter(authority_id=x.authority_id, kind=ConferenceKind.INITIAL)
        .values_list("strategy_discussion_id", flat=True)
    )  # fmt: skip
    for d in StrategyDiscussion.objects.filter(authority_id=x.authority_id, section_47=True).order_by("pk"):
        yield {"s47e_s47_enquiry_id": d.pk, "s47e_person_id": x.pid(d.person_id), "s47e_s47_start_date": d.held_on,
               "s47e_s47_nfa": d.pk not in conferenced,
               "s47e_s47_outcome_json": json.dumps({"CP_CONFERENCE_FLAG": "Y" if d.pk in conferenced else "N"}),
               "s47e_s47_completed_by_worker_id": d.recorded_by_id or ""}  # fmt: skip


def _initial_conferences(x: Extract) -> Iterator[Row]:
    initial = Conference.objects.filter(authority_id=x.authority_id, kind=ConferenceKind.INITIAL)
    for c in initial.order_by("pk"):
        yield {"icpc_icpc_id": c.pk, "icpc_s47_enquiry_id": c.strategy_discussion_id or "",
               "icpc_person_id": x.pid(c.person_id), "icpc_cp_plan_id": c.plan_id or "",
               "icpc_icpc_transfer_in": False, "icpc_icpc_target_date": c.due_on, "icpc_icpc_date": c.held_on,
               "icpc_icpc_outcome_cp_flag": c.plan_needed if c.held_on else None}  # fmt: skip


def _cp_plans(x: Extract) -> Iterator[Row]:
    started_by = dict(
        Conference.objects.filter(authority_id=x.authority_id, kind=ConferenceKind.INITIAL, plan__isnull=False)
        .values_list("plan_id", "pk")
    )  # fmt: skip
    for p in ProtectionPlan.objects.filter(authority_id=x.authority_id).order_by("pk"):
        yield {"cppl_cp_plan_id": p.pk, "cppl_icpc_id": started_by.get(p.pk, ""), "cppl_person_id": x.pid(p.person_id),
               "cppl_cp_plan_start_date": p.started_on, "cppl_cp_plan_end_date": p.ended_on, "cppl_cp_plan_ola": False,
               "cppl_cp_plan_initial_category": p.category, "cppl_cp_plan_latest_category": p.category}  # fmt: skip


def _cp_reviews(x: Extract) -> Iterator[Row]:
    reviews = Conference.objects.filter(authority_id=x.authority_id, kind=ConferenceKind.REVIEW)
    for c in reviews.order_by("pk"):
        yield {"cppr_cp_review_id": c.pk, "cppr_person_id": x.pid(c.person_id), "cppr_cp_plan_id": c.plan_id or "",
               "cppr_cp_review_due": c.due_on, "cppr_cp_review_date": c.held_on,
               "cppr_cp_review_outcome_continue_cp": c.plan_needed if c.held_on else None}  # fmt: skip
