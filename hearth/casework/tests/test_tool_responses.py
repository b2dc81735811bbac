from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.models import Meeting, MeetingKind, ToolResponse
from hearth.casework.tools.engine import definition
from hearth.casework.tools.responses import tool_complete


def dash_answers(yes: int) -> dict[str, str]:
    ids = [q["id"] for q in definition("dash").spec["questions"]]
    return {qid: "yes" if n < yes else "no" for n, qid in enumerate(ids)}


def test_a_high_risk_dash_refers_to_marac_once(county):
    child = county.allocated_child
    response = tool_complete(by=county.social_worker, person=child, key="dash", answers=dash_answers(14))
    assert (response.level, response.score, response.version) == ("high", 14, 1)
    tool_complete(by=county.social_worker, person=child, key="dash", answers=dash_answers(16))
    marac = Meeting.objects.get(person=child, kind=MeetingKind.MARAC)
    assert marac.held_on is None and "14 of 24 answered yes" in marac.reason


def test_below_the_threshold_no_referral_unless_professional_judgement(county):
    child = county.allocated_child
    tool_complete(by=county.social_worker, person=child, key="dash", answers=dash_answers(13))
    assert not Meeting.objects.filter(kind=MeetingKind.MARAC).exists()
    tool_complete(by=county.social_worker, person=child, key="dash", answers=dash_answers(13),
                  professional_judgement=True)  # fmt: skip
    assert Meeting.objects.filter(kind=MeetingKind.MARAC).count() == 1


def test_a_high_exploitation_risk_puts_the_child_on_the_panel_list(county):
    spec = definition("exploitation").spec
    answers = {i["id"]: "yes" if i["level"] == "medium" else "no" for i in spec["indicators"]}
    tool_complete(by=county.social_worker, person=county.allocated_child, key="exploitation", answers=answers)
    assert Meeting.objects.filter(kind=MeetingKind.EXPLOITATION, person=county.allocated_child).exists()


def test_the_early_help_assessment_names_the_areas_needing_help(county):
    spec = definition("early_help").spec
    answers = {item["id"]: 1 for area in spec["areas"] for item in area["items"]}
    answers["housing_1"], answers["money_1"] = 4, 3
    response = tool_complete(by=county.social_worker, person=county.allocated_child, key="early_help",
                             answers=answers)  # fmt: skip
    assert response.details["concerns"] == ["Secure housing", "Financial stability"]
    assert response.summary.startswith("Highest area grade 4: Significant needs")


def test_missing_answers_are_refused_and_nothing_is_saved(county):
    answers = dash_answers(20)
    answers.pop(next(iter(answers)))
    with pytest.raises(ValidationError) as caught:
        tool_complete(by=county.social_worker, person=county.allocated_child, key="dash", answers=answers)
    assert list(caught.value.message_dict.values()) == [["Answer this question"]]
    assert not ToolResponse.objects.exists() and not Meeting.objects.exists()
