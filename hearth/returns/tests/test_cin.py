from __future__ import annotations

from datetime import date

from hearth.casework.models import Involvement, Plan, ProtectionPlan
from hearth.casework.services import referral_open
from hearth.returns.cin import cin_census
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2026)


def tags(element):
    return [child.tag for child in element]


def test_a_referral_in_the_year_is_one_cin_episode_with_its_assessment(county):
    child = county.allocated_child
    referral_open(by=county.front_door_officer, person=child, referred_on=date(2025, 9, 1), source="2A")
    message = cin_census(authority=county.authority, year=YEAR)
    assert tags(message) == ["Header", "Children"]
    assert message.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    assert message.findtext("Header/Source/LEA") == county.authority.dfe_code
    (node,) = message.findall("Children/Child")
    assert tags(node) == ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"]
    assert tags(node.find("ChildIdentifiers")) == ["LAchildID", "UPNunknown", "PersonBirthDate", "Sex"]
    details = node.find("CINdetails")
    assert tags(details) == [
        "CINreferralDate",
        "ReferralSource",
        "PrimaryNeedCode",
        "Assessments",
        "ReferralNFA",
    ]
    assert (details.findtext("CINreferralDate"), details.findtext("ReferralSource")) == ("2025-09-01", "2A")
    assert details.findtext("Assessments/AssessmentActualStartDate") == "2025-09-01"


def test_only_modules_active_in_the_year_are_sent(county):
    child = county.allocated_child
    Involvement.objects.create(
        authority=county.authority, person=child, kind="social_care", started_on=date(2024, 1, 8)
    )
    Plan.objects.create(authority=county.authority, person=child, involvement=Involvement.objects.get(), kind="cin",
                        started_on=date(2024, 2, 1), ended_on=date(2024, 12, 1), status="ended",
                        created_by=county.social_worker)  # fmt: skip
    ProtectionPlan.objects.create(authority=county.authority, person=child, category="NEG", started_on=date(2025, 1, 6),
                                  core_group_due_on=date(2025, 1, 20), next_review_due_on=date(2025, 4, 6))  # fmt: skip
    details = cin_census(authority=county.authority, year=YEAR).find("Children/Child/CINdetails")
    assert details.find("CINPlanDates") is None  # ended before the year
    assert details.findtext("ChildProtectionPlans/CPPstartDate") == "2025-01-06"  # open into the year
    assert details.findtext("ChildProtectionPlans/NumberOfPreviousCPP") == "0"


def test_a_conference_in_the_year_after_an_enquiry_last_year_is_on_the_episode(county):
    from hearth.casework.models import Conference, StrategyDiscussion

    child = county.allocated_child
    Involvement.objects.create(
        authority=county.authority, person=child, kind="social_care", started_on=date(2025, 3, 3)
    )
    discussion = StrategyDiscussion.objects.create(authority=county.authority, person=child, held_on=date(2025, 3, 31),
                                                   section_47=True, attendees="Police", recorded_by=county.social_worker)  # fmt: skip
    Conference.objects.create(authority=county.authority, person=child, kind="initial", strategy_discussion=discussion,
                              due_on=date(2025, 4, 22), held_on=date(2025, 4, 15), plan_needed=True)  # fmt: skip
    details = cin_census(authority=county.authority, year=YEAR).find("Children/Child/CINdetails")
    assert details.findtext("DateOfInitialCPC") == "2025-04-15"
    assert details.find("Section47") is None
    assert tags(details)[:4] == ["CINreferralDate", "ReferralSource", "PrimaryNeedCode", "DateOfInitialCPC"]
