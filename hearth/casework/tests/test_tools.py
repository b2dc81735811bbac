from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.tools.engine import definition, score

DASH = definition("dash")
NEGLECT = definition("neglect")
MATRIX = definition("exploitation")


def dash_answers(yes: int, not_known: int = 0) -> dict[str, str]:
    ids = [q["id"] for q in DASH.spec["questions"]]
    return {
        qid: "yes" if n < yes else "not_known" if n < yes + not_known else "no" for n, qid in enumerate(ids)
    }


def test_the_dash_checklist_has_24_questions_and_is_version_1():
    assert (DASH.version, len(DASH.spec["questions"])) == (1, 24)


def test_13_yes_answers_are_below_the_marac_threshold():
    result = score(DASH, dash_answers(13, not_known=4))
    assert (result.level, result.score, result.triggers) == ("below", 13, [])
    assert "13 of 24 answered yes" in result.summary


def test_14_yes_answers_are_high_risk_and_trigger_a_marac_referral():
    result = score(DASH, dash_answers(14))
    assert (result.level, result.triggers) == ("high", ["marac_referral"])


def test_professional_judgement_makes_any_case_high_risk():
    result = score(DASH, dash_answers(3), professional_judgement=True)
    assert result.level == "high" and "professional judgement" in result.summary


def test_a_dash_with_a_question_unanswered_or_an_unknown_answer_is_refused():
    answers = dash_answers(5)
    del answers["q7"]
    answers["q8"] = "maybe"
    answers["q99"] = "yes"
    with pytest.raises(ValidationError) as caught:
        score(DASH, answers)
    assert set(caught.value.message_dict) == {"q7", "q8", "q99"}


def neglect_answers(**grades: list[int]) -> dict[str, int]:
    answers = {}
    for area in NEGLECT.spec["areas"]:
        values = grades.get(area["id"], [1] * len(area["items"]))
        answers.update({item["id"]: v for item, v in zip(area["items"], values, strict=True)})
    return answers


def test_neglect_areas_are_the_rounded_mean_of_their_items_and_the_summary_names_areas_at_4_or_5():
    result = score(
        NEGLECT, neglect_answers(physical=[4, 5, 4, 4, 5], safety=[3, 4, 3], love=[2, 3], esteem=[1, 1, 2])
    )
    assert result.details["areas"] == {"Physical care": 4, "Safety": 3, "Love and care": 3, "Esteem": 1}
    assert result.score == 4 and result.details["concerns"] == ["Physical care"]
    assert "Needs action: Physical care" in result.summary


def test_a_mean_of_exactly_half_rounds_up():
    result = score(NEGLECT, neglect_answers(love=[3, 4]))  # 3.5
    assert result.details["areas"]["Love and care"] == 4


def test_a_neglect_grade_outside_1_to_5_is_refused():
    answers = neglect_answers()
    answers["safety_1"] = 6
    answers["safety_2"] = True
    with pytest.raises(ValidationError) as caught:
        score(NEGLECT, answers)
    assert set(caught.value.message_dict) == {"safety_1", "safety_2"}


def matrix_answers(*present: str) -> dict[str, str]:
    return {i["id"]: "yes" if i["id"] in present else "no" for i in MATRIX.spec["indicators"]}


@pytest.mark.parametrize(
    ("present", "level", "panel"),
    [((), "none", False), (("school",), "low", False), (("missing", "travel"), "medium", False),
     (("missing", "travel", "older_associates"), "high", True), (("weapon",), "high", True)],
)  # fmt: skip
def test_the_exploitation_matrix_level_and_panel_list(present, level, panel):
    result = score(MATRIX, matrix_answers(*present))
    assert result.level == level
    assert ("exploitation_panel" in result.triggers) == panel


def test_an_unknown_tool_or_version_says_so():
    with pytest.raises(LookupError):
        definition("dash", version=9)
    with pytest.raises(LookupError):
        definition("horoscope")
