"""Assessment and child protection: assessments in 45 working days, section 47 enquiries, initial
conferences in 15 working days, children on plans by category of abuse, repeat plans, children in need.
Timescales come from hearth.casework.timescales, in working days (bank holidays do not count)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import lru_cache

from hearth.casework.models import (
    AbuseCategory,
    Assessment,
    AssessmentStatus,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    ProtectionPlan,
    StrategyDiscussion,
)
from hearth.casework.timescales import add_months, assessment_due, initial_conference_due
from hearth.performance.figures import NO_TEAM, Counter, Figures, Selection
from hearth.performance.indicators.base import Indicator, count_flow, open_on_each, shared

GROUP = "Assessment and child protection"
REPEAT_WITHIN_MONTHS = 24  # the DfE's "within two years of the previous plan ending"

# Many rows share a start date: work each deadline out once.
_assessment_due = lru_cache(maxsize=4096)(assessment_due)
_conference_due = lru_cache(maxsize=4096)(initial_conference_due)


def assessments_in_time(selection: Selection) -> Figures:
    rows = (
        Assessment.objects.filter(
            authority_id=selection.authority_id, status=AssessmentStatus.APPROVED,
            completed_on__gte=selection.start, completed_on__lte=selection.end,
        )
        .order_by()
        .values_list("person__district_id", "worker__team_id", "started_on", "referral__referred_on", "completed_on")
    )  # fmt: skip
    counter = Counter(selection)
    for district, team, started_on, referred_on, completed_on in rows:
        if completed_on is None:  # never: the filter asks for a completion in the range
            continue
        in_time = completed_on <= _assessment_due(referred_on or started_on)
        counter.flow(district, completed_on, int(in_time), 1, team=team or NO_TEAM)
    return counter.figures()


def section_47(selection: Selection) -> Figures:
    rows = StrategyDiscussion.objects.filter(authority_id=selection.authority_id, section_47=True)
    return count_flow(selection, rows, "held_on", "person__district_id")


def conferences_in_time(selection: Selection) -> Figures:
    rows = (
        Conference.objects.filter(
            authority_id=selection.authority_id, kind=ConferenceKind.INITIAL,
            held_on__gte=selection.start, held_on__lte=selection.end, strategy_discussion__isnull=False,
        )
        .order_by()
        .values_list("person__district_id", "held_on", "strategy_discussion__held_on")
    )  # fmt: skip
    counter = Counter(selection)
    for district, held_on, discussed_on in rows:
        if held_on is None or discussed_on is None:  # never: the filter asks for both
            continue
        counter.flow(district, held_on, int(held_on <= _conference_due(discussed_on)), 1)
    return counter.figures()


def plans(selection: Selection) -> Figures:
    ends = selection.period_ends()
    rows = open_on_each(
        ProtectionPlan.objects.filter(authority_id=selection.authority_id),
        ends,
        ("person__district_id", "category"),
    )
    counter = Counter(selection)
    labels = dict(AbuseCategory.choices)
    for (district, category), counts in rows:
        for n, count in enumerate(counts):
            counter.stock(district, n, count, part=labels.get(category, category))
    return counter.figures()


@shared
def _plan_histories(selection: Selection) -> dict[int, list[tuple[date, date | None, int | None]]]:
    """Every plan, to the range's end, of each child who started a plan in the range, in order."""
    starters = ProtectionPlan.objects.filter(
        authority_id=selection.authority_id, started_on__gte=selection.start, started_on__lte=selection.end
    ).values("person_id")
    rows = (
        ProtectionPlan.objects.filter(authority_id=selection.authority_id, person_id__in=starters,
                                      started_on__lte=selection.end)
        .order_by()
        .values_list("person_id", "started_on", "ended_on", "person__district_id")
    )  # fmt: skip
    history: dict[int, list[tuple[date, date | None, int | None]]] = defaultdict(list)
    for person, started_on, ended_on, district in rows:
        history[person].append((started_on, ended_on, district))
    for plans_of_child in history.values():
        plans_of_child.sort(key=lambda p: (p[0], p[1] or date.max))
    return history


def repeat_plans(selection: Selection) -> Figures:
    counter = Counter(selection)
    for plans_of_child in _plan_histories(selection).values():
        for n, (started_on, _, district) in enumerate(plans_of_child):
            if started_on >= selection.start:
                counter.flow(district, started_on, int(n > 0), 1)
    return counter.figures()


def repeat_plans_within_two_years(selection: Selection) -> Figures:
    counter = Counter(selection)
    for plans_of_child in _plan_histories(selection).values():
        for n, (started_on, _, district) in enumerate(plans_of_child):
            if started_on < selection.start:
                continue
            previous_end = plans_of_child[n - 1][1] if n else None
            soon = n > 0 and (
                previous_end is None or started_on <= add_months(previous_end, REPEAT_WITHIN_MONTHS)
            )
            counter.flow(district, started_on, int(soon), 1)
    return counter.figures()


def children_in_need(selection: Selection) -> Figures:
    involvements = Involvement.objects.filter(
        authority_id=selection.authority_id,
        kind__in=[InvolvementKind.SOCIAL_CARE, InvolvementKind.CHILD_PROTECTION],
    )
    counter = Counter(selection)
    for (district,), counts in open_on_each(involvements, selection.period_ends(), ("person__district_id",)):
        for n, count in enumerate(counts):
            counter.stock(district, n, count)
    return counter.figures()


INDICATORS = (
    Indicator(
        "assessments", "Assessments completed in 45 working days", GROUP,
        "Of the assessments a manager signed off as complete in the period, the share completed within 45 "
        "working days of the referral (of the assessment’s start, if it followed no referral). Weekends "
        "and England and Wales bank holidays are not working days. By team: the team of the assessing "
        "worker.",
        "percent", assessments_in_time, counted="In 45 working days", base="Assessments completed",
        by_team="the team of the assessing worker",
    ),
    Indicator(
        "section-47", "Section 47 enquiries", GROUP,
        "Strategy discussions held in the period that decided to start a section 47 enquiry (to find out "
        "whether a child is suffering, or likely to suffer, significant harm).",
        "count", section_47, counted="Section 47 enquiries",
    ),
    Indicator(
        "conferences", "Initial child protection conferences in 15 working days", GROUP,
        "Of the initial child protection conferences held in the period after a strategy discussion, the "
        "share held within 15 working days of that discussion. Weekends and England and Wales bank holidays "
        "are not working days. A conference with no strategy discussion recorded is not counted.",
        "percent", conferences_in_time, counted="In 15 working days", base="Initial conferences",
    ),
    Indicator(
        "cp-plans", "Children on a child protection plan", GROUP,
        "Children on a child protection plan at the end of the last day of the period (the plan started on "
        "or before that day and had not ended), by the category of abuse the plan names.",
        "count", plans, stock=True, counted="Children on a plan", parts="Category of abuse",
    ),
    Indicator(
        "repeat-plans", "Second or later child protection plans", GROUP,
        "Of the child protection plans that started in the period, the share that were the child’s second "
        "or later plan, at any time.",
        "percent", repeat_plans, counted="Second or later plans", base="Plans started",
    ),
    Indicator(
        "repeat-plans-2-years", "Repeat plans within 2 years", GROUP,
        "Of the child protection plans that started in the period, the share that started within 2 years of "
        "the end of the child’s previous plan.",
        "percent", repeat_plans_within_two_years, counted="Within 2 years of the last", base="Plans started",
    ),
    Indicator(
        "children-in-need", "Children in need", GROUP,
        "Children with an open episode of children’s social care (a child in need, on a child protection "
        "plan or looked after) at the end of the last day of the period, as the children in need census "
        "counts them.",
        "count", children_in_need, stock=True, counted="Children in need",
    ),
)  # fmt: skip
