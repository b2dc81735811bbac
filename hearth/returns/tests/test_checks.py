"""The pre-submission check: records that make clean returns give no problem; breaking one thing at a time
gives the one rule that should find it, with the child it is about."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from hearth.care.episodes import NewPlacement, care_change, care_end, care_start
from hearth.care.models import (
    CareLeaver,
    CareReview,
    Episode,
    HealthCheck,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    Placement,
    ProviderKind,
    Responsible,
)
from hearth.care.tests.factories import provider
from hearth.casework.models import (
    Assessment,
    AssessmentStatus,
    Conference,
    Involvement,
    ProtectionPlan,
    Referral,
    StrategyDiscussion,
)
from hearth.casework.services import referral_open
from hearth.core.tests.factories import PersonFactory
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.people.models import Identifier, IdentifierKind, Person
from hearth.returns.checks import RULES, Problem, problems_by_rule, return_checks
from hearth.returns.checks_cin import working_days_back
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2026)  # 1 April 2025 to 31 March 2026
TODAY = date(2026, 11, 23)


def check(county) -> list[Problem]:
    return return_checks(authority=county.authority, year=YEAR, today=TODAY)


def rules(county) -> set[str]:
    return {p.rule for p in check(county)}


def found(county, rule: str) -> list[Problem]:
    return [p for p in check(county) if p.rule == rule]


def _known(person: Person, **changes: object) -> None:
    """What the returns need of a person's own record: ethnicity, disability, UPN."""
    for name, value in {"ethnicity": "WBRI", "disabilities": ["NONE"], "sex": "F", **changes}.items():
        setattr(person, name, value)
    person.save()


@pytest.fixture
def clean(county) -> SimpleNamespace:
    """A child looked after since June 2024, a child in need referred in September 2025 and a care leaver,
    with every record their returns need."""
    by = county.social_worker
    foster = provider(county.authority, name="The Hills", postcode="ST16 1AA")
    home = provider(county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
                    place_provider="PR4", postcode="ST17 4AB")  # fmt: skip

    looked_after = county.allocated_child  # born 1 June 2015
    _known(looked_after)
    Identifier.objects.create(authority=county.authority, person=looked_after, kind=IdentifierKind.UPN,
                              value="A123456789012")  # fmt: skip
    period = care_start(by=by, person=looked_after, started_on=date(2024, 6, 3), legal_status="C2",
                        category_of_need="N1", placement=NewPlacement("U6", foster), home_postcode="WS11 0AA")  # fmt: skip
    CareReview.objects.filter(period=period).update(held_on=date(2025, 10, 1), participation="PN1")
    CareReview.objects.create(authority=county.authority, person=looked_after, period=period, number=2,
                              due_on=date(2026, 4, 1))  # fmt: skip
    for kind, day in (("review", date(2025, 9, 1)), ("dental", date(2025, 9, 2)), ("sdq", date(2025, 9, 3))):
        HealthCheck.objects.create(authority=county.authority, person=looked_after, period=period, kind=kind,
                                   done_on=day, sdq_score=12 if kind == "sdq" else None)  # fmt: skip

    in_need = county.unallocated_child
    _known(in_need, sex="M")
    referral = referral_open(
        by=county.front_door_officer, person=in_need, referred_on=date(2025, 9, 1), source="2A"
    )
    Assessment.objects.filter(referral=referral).update(
        child_seen_on=date(2025, 9, 3), completed_on=date(2025, 10, 15), primary_need="N1", factors=["16A"],
        status=AssessmentStatus.APPROVED, outcome="cin",
    )  # fmt: skip

    leaver = county.eastwold_child
    _known(leaver, date_of_birth=date(2007, 6, 1))  # 18 on 1 June 2025
    PeriodOfCare.objects.create(authority=county.authority, person=leaver, started_on=date(2020, 1, 6),
                                ended_on=date(2025, 5, 1), reason_ceased="E5")  # fmt: skip
    CareLeaver.objects.create(authority=county.authority, person=leaver, category="former_relevant")
    LeaverContact.objects.create(authority=county.authority, person=leaver, contacted_on=date(2025, 6, 10),
                                 in_touch="YES", activity="F2", accommodation="U1")  # fmt: skip
    return SimpleNamespace(looked_after=looked_after, in_need=in_need, leaver=leaver, period=period, home=home,
                           foster=foster, referral=referral)  # fmt: skip


def test_records_that_make_clean_returns_give_no_problems(county, clean):
    assert check(county) == []


def test_every_rule_has_a_plain_message_and_a_field_to_correct():
    for rule in RULES:
        assert rule.message[0].isupper() and not rule.message.endswith(".")
        assert rule.field and rule.return_name in {"SSDA903", "CIN census"}
        assert rule.code[0].isdigit() or rule.code.startswith("H-")


# SSDA903: episodes, with the rules the care services keep (care.rules.check_period).


def _moved(county, clean):
    care_change(by=county.social_worker, person=clean.looked_after, on=date(2025, 9, 1),
                placement=NewPlacement("K2", clean.home), change_reason="CREQB")  # fmt: skip
    assert check(county) == []
    return Episode.objects.filter(person=clean.looked_after).order_by("started_on")


def test_an_episode_that_starts_before_the_previous_one_ends_is_rule_501(county, clean):
    first, _second = _moved(county, clean)
    Episode.objects.filter(pk=first.pk).update(ended_on=date(2025, 9, 10))
    Placement.objects.filter(pk=first.placement_id).update(ended_on=date(2025, 9, 10))
    (problem,) = found(county, "501")
    assert (problem.person_id, problem.return_name) == (clean.looked_after.pk, "SSDA903")
    assert problem.message == "Episode starts before the previous one ends"
    assert problem.detail.startswith("Period of care from 3 June 2024: Episodes cannot overlap")
    assert rules(county) == {"501"}


def test_a_gap_between_episodes_is_rule_433(county, clean):
    first, _second = _moved(county, clean)
    Episode.objects.filter(pk=first.pk).update(ended_on=date(2025, 8, 20))
    Placement.objects.filter(pk=first.placement_id).update(ended_on=date(2025, 8, 20))
    assert rules(county) == {"433"}


def test_a_move_with_no_reason_is_rule_225_and_a_reason_for_no_move_226(county, clean):
    first, _second = _moved(county, clean)
    Placement.objects.filter(pk=first.placement_id).update(change_reason="")
    assert rules(county) == {"225"}
    Placement.objects.filter(pk=first.placement_id).update(change_reason="CARPL")
    care_change(by=county.social_worker, person=clean.looked_after, on=date(2025, 12, 1), legal_status="E1")
    # Recorded as if the placement ended with the legal status, with a reason, though the child stayed.
    Placement.objects.filter(person=clean.looked_after, ended_on__isnull=True).update(
        ended_on=date(2025, 12, 1), change_reason="OTHER"
    )
    assert rules(county) == {"226"}


def test_a_reason_for_a_new_episode_that_does_not_fit_what_changed_is_hearths_rule(county, clean):
    _first, second = _moved(county, clean)
    Episode.objects.filter(pk=second.pk).update(reason_new="L")
    (problem,) = found(county, "H-RNE")
    assert problem.field == "Reason for the new episode"


# SSDA903: what the return's rows hold.


def test_a_placement_with_no_postcode_and_a_home_with_none_are_rule_392b(county, clean):
    Placement.objects.filter(person=clean.looked_after).update(postcode="")
    (problem,) = found(county, "392b")
    assert (problem.field, problem.detail) == ("Placement postcode", "Placement from 3 June 2024 (Foster care with "
                                                                     "another carer, not long term)")  # fmt: skip
    Placement.objects.filter(person=clean.looked_after).update(postcode="ST16 1AA")
    PeriodOfCare.objects.filter(pk=clean.period.pk).update(home_postcode="")
    assert [p.field for p in found(county, "392b")] == ["Postcode of the child’s home before care"]
    PeriodOfCare.objects.filter(pk=clean.period.pk).update(unaccompanied=True)  # no home postcode for them
    assert found(county, "392b") == []


def test_a_childrens_home_with_no_ofsted_urn_is_rule_218(county, clean):
    _moved(county, clean)
    Placement.objects.filter(person=clean.looked_after, placement_type="K2").update(urn="")
    assert rules(county) == {"218"}


def test_a_placement_with_no_provider_code_is_rule_526(county, clean):
    Placement.objects.filter(person=clean.looked_after).update(place_provider="")
    assert rules(county) == {"526"}


def test_a_looked_after_child_of_school_age_with_no_upn_is_found(county, clean):
    Identifier.objects.filter(person=clean.looked_after).delete()
    (problem,) = found(county, "H-UPN")
    assert (problem.person_id, problem.detail) == (clean.looked_after.pk, "Aged 9 on 1 April 2025")


def test_no_date_of_birth_is_found_in_both_returns(county, clean):
    _known(clean.looked_after, date_of_birth=None)
    assert {(p.rule, p.person_id) for p in check(county)} == {("102", clean.looked_after.pk),
                                                              ("8525Q", clean.looked_after.pk)}  # fmt: skip


def test_a_review_that_does_not_say_how_the_child_took_part_is_rule_167(county, clean):
    CareReview.objects.filter(number=1).update(participation="")
    (problem,) = found(county, "167")
    assert problem.detail == "Review held on 1 October 2025"


def test_a_review_not_held_by_its_due_date_is_overdue(county, clean):
    CareReview.objects.filter(number=2).update(due_on=date(2026, 2, 2))
    (problem,) = found(county, "H-REVIEW")
    assert (problem.message, problem.detail) == (
        "Looked-after review is overdue",
        "Review 2 was due on 2 February 2026",
    )
    PeriodOfCare.objects.filter(pk=clean.period.pk).update(
        ended_on=date(2026, 1, 30)
    )  # left care before it was due
    assert found(county, "H-REVIEW") == []


@pytest.mark.parametrize(
    "kind, rule", [("review", "H-OC2-HEALTH"), ("dental", "H-OC2-TEETH"), ("sdq", "H-OC2-SDQ")]
)
def test_a_child_looked_after_for_12_months_needs_the_years_health_checks(county, clean, kind, rule):
    HealthCheck.objects.filter(kind=kind).delete()
    assert rules(county) == {rule}


def test_health_checks_of_a_year_still_running_are_counted_to_today(county, clean):
    """In November, a child whose dental check was last March is not yet overdue for 2026/27."""
    running = CollectionYear(2027)
    problems = return_checks(authority=county.authority, year=running, today=date(2026, 8, 1))
    assert "H-OC2-TEETH" not in {p.rule for p in problems}
    problems = return_checks(authority=county.authority, year=running, today=date(2026, 11, 23))
    assert "H-OC2-TEETH" in {p.rule for p in problems}


def test_a_care_leaver_with_no_contact_around_their_birthday_is_found(county, clean):
    LeaverContact.objects.all().delete()
    (problem,) = found(county, "H-OC3")
    assert (problem.person_id, problem.detail) == (clean.leaver.pk, "Birthday on 1 June 2025")


def test_a_care_leaver_in_touch_needs_an_activity_and_accommodation(county, clean):
    LeaverContact.objects.update(activity="")
    assert rules(county) == {"345"}


def test_a_child_who_left_care_while_missing_is_rule_577(county, clean):
    care_end(by=county.social_worker, person=clean.looked_after, on=date(2026, 2, 2), reason="E4A")
    london = ZoneInfo("Europe/London")
    MissingEpisode.objects.create(authority=county.authority, person=clean.looked_after, kind="M",
                                  started_at=datetime(2026, 1, 10, 21, tzinfo=london),
                                  responsible=Responsible.OURS_IN_CARE)  # fmt: skip
    problems = found(county, "577")
    assert [(p.person_id, p.detail) for p in problems] == [
        (clean.looked_after.pk, "Missing since 10 January 2026")
    ]
    MissingEpisode.objects.update(ended_at=datetime(2026, 1, 11, 9, tzinfo=london))
    assert found(county, "577") == []


# The CIN census.


def test_a_referral_with_no_source_is_rule_8866(county, clean):
    Referral.objects.update(source="")
    (problem,) = found(county, "8866")
    assert (problem.person_id, problem.detail) == (clean.in_need.pk, "Referral on 1 September 2025")
    assert rules(county) == {"8866"}


def test_a_completed_assessment_with_no_primary_need_is_rule_8610(county, clean):
    Assessment.objects.update(primary_need="")
    assert rules(county) == {"8610"}


def test_an_episode_closed_with_no_reason_is_rule_8640(county, clean):
    Involvement.objects.filter(person=clean.in_need).update(ended_on=date(2026, 1, 12), closure_reason="")
    (problem,) = found(county, "8640")
    assert (problem.person_id, problem.detail) == (clean.in_need.pk, "Closed on 12 January 2026")
    Involvement.objects.filter(person=clean.in_need).update(closure_reason="RC8")
    assert check(county) == []


def test_a_child_in_need_with_no_disability_recorded_is_rule_8540(county, clean):
    _known(clean.in_need, disabilities=[])
    assert [(p.rule, p.person_id) for p in check(county)] == [("8540", clean.in_need.pk)]


def test_ethnicity_not_yet_obtained_and_no_ethnicity_are_found(county, clean):
    _known(clean.in_need, ethnicity="NOBT")
    assert rules(county) == {"H-NOBT"}
    _known(clean.in_need, ethnicity="")
    assert rules(county) == {"4220"}


def test_no_date_of_birth_and_no_expected_date_is_rule_8525q(county, clean):
    _known(clean.in_need, date_of_birth=None)
    assert rules(county) == {"8525Q"}
    _known(clean.in_need, date_of_birth=None, expected_date_of_birth=date(2026, 5, 1), sex="U")
    assert check(county) == []


def test_an_assessment_not_authorised_45_working_days_after_it_started_is_rule_8670q(county, clean):
    Assessment.objects.update(completed_on=None, status=AssessmentStatus.IN_PROGRESS)
    (problem,) = found(county, "8670Q")
    assert problem.detail == "Assessment started on 1 September 2025"
    assert rules(county) == {"8670Q"}
    Assessment.objects.update(started_on=date(2026, 3, 2))  # within 45 working days of 31 March
    assert check(county) == []


def test_an_assessment_that_starts_while_another_is_open_is_rule_8863q(county, clean):
    Assessment.objects.create(authority=county.authority, person=clean.in_need, started_on=date(2025, 10, 1),
                              due_on=date(2025, 12, 3), completed_on=date(2025, 11, 3), primary_need="N1",
                              child_seen_on=date(2025, 10, 2))  # fmt: skip
    (problem,) = found(county, "8863Q")
    assert problem.detail == "Assessment started on 1 October 2025"
    assert rules(county) == {"8863Q"}


def test_an_assessment_completed_without_seeing_the_child_is_found(county, clean):
    Assessment.objects.update(child_seen_on=None)
    assert rules(county) == {"H-SEEN"}


def test_a_protection_plan_with_no_category_of_abuse_is_rule_8905(county, clean):
    plan = ProtectionPlan.objects.create(authority=county.authority, person=clean.in_need, category="",
                                         started_on=date(2025, 11, 3), core_group_due_on=date(2025, 11, 17),
                                         next_review_due_on=date(2026, 2, 3))  # fmt: skip
    (problem,) = found(county, "8905")
    assert problem.detail == "Plan started on 3 November 2025"
    ProtectionPlan.objects.filter(pk=plan.pk).update(category="NEG")
    assert "8905" not in rules(county)


def test_a_section_47_enquiry_with_no_conference_by_its_target_date_is_found(county, clean):
    discussion = StrategyDiscussion.objects.create(authority=county.authority, person=clean.in_need, held_on=date(2025, 10, 1),
                                                   section_47=True, attendees="Police", recorded_by=county.social_worker)  # fmt: skip
    conference = Conference.objects.create(authority=county.authority, person=clean.in_need, kind="initial",
                                           strategy_discussion=discussion, due_on=date(2025, 10, 22))  # fmt: skip
    (problem,) = found(county, "H-S47")
    assert problem.detail == "Enquiry started on 1 October 2025; the conference was due by 22 October 2025"
    Conference.objects.filter(pk=conference.pk).update(held_on=date(2025, 10, 20), plan_needed=False)
    assert "H-S47" not in rules(county)


def test_a_child_known_by_the_councils_own_id_is_still_linked_to_their_record(county, clean):
    for person, value in ((clean.looked_after, "LA000123"), (clean.in_need, "LA000456")):
        Identifier.objects.create(authority=county.authority, person=person, kind=IdentifierKind.LA_CHILD_ID,
                                  value=value)  # fmt: skip
    Placement.objects.filter(person=clean.looked_after).update(place_provider="")
    _known(clean.in_need, ethnicity="NOBT")
    assert {(p.rule, p.person_id) for p in check(county)} == {("526", clean.looked_after.pk),
                                                              ("H-NOBT", clean.in_need.pk)}  # fmt: skip


# Counting, and speed.


def test_counts_by_rule_are_of_children_with_the_most_first_in_each_return(county, clean):
    for person in (clean.in_need, clean.looked_after):
        _known(person, disabilities=[])
    _known(clean.in_need, disabilities=[], ethnicity="NOBT")
    Referral.objects.update(source="")
    Placement.objects.filter(person=clean.looked_after).update(postcode="")
    PeriodOfCare.objects.filter(pk=clean.period.pk).update(home_postcode="")  # a second 392b, the same child
    assert problems_by_rule(check(county)) == [
        ("392b", "SSDA903", "No postcode for the placement or the child’s home", 1),
        ("8540", "CIN census", "Disability not recorded", 2),
        ("8866", "CIN census", "Referral has no source", 1),
        ("H-NOBT", "CIN census", "Ethnicity not yet obtained for a child in need", 1),
    ]


def test_the_check_asks_the_same_number_of_queries_however_many_children_it_finds(county, clean):
    def more_children():
        for n in range(3):
            child = PersonFactory(district=county.aldermoor, given_name=f"More{n}")
            referral_open(
                by=county.front_door_officer, person=child, referred_on=date(2025, 10, 1), source=""
            )
            care_start(by=county.social_worker, person=child, started_on=date(2025, 11, 3), legal_status="V2",
                       category_of_need="N1", placement=NewPlacement("U6", clean.foster))  # fmt: skip

    assert_queries_do_not_grow(lambda: check(county), more_children)
    assert len(check(county)) > 10


def test_working_days_back_skips_weekends_and_bank_holidays():
    # 31 March 2026 is a Tuesday; Good Friday is 3 April 2026, after it.
    assert working_days_back(date(2026, 3, 31), 1) == date(2026, 3, 30)
    assert working_days_back(date(2026, 3, 31), 2) == date(2026, 3, 27)  # Friday, over the weekend
    assert working_days_back(date(2026, 1, 2), 1) == date(2025, 12, 31)  # over New Year's Day
