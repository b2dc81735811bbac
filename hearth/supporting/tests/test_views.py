from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.accounts.roles import Role
from hearth.core.tests.factories import UserFactory
from hearth.core.tests.queries import assert_queries_do_not_grow
from hearth.organisation.models import TeamKind
from hearth.supporting.models import Attachment, AttachmentTarget, Claim, ClaimKind, Outcome
from hearth.supporting.tests.conftest import attach, household, plan

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def date_fields(name: str, day: date) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def test_the_overview_shows_the_programme_s_figures_to_those_with_the_capability(client, county, programme):
    client.force_login(county.social_worker)
    page = body(client.get("/supporting-families/"))
    assert "Supporting Families" in page and "Families attached" in page
    assert "Supporting Families (BRFC) performance report" in page and "Presenting needs of families" in page
    assert "Attach a family" in page and "Attachment targets" not in page  # no claims capability
    for user in (county.administrator, county.front_door_officer):
        client.force_login(user)
        assert client.get("/supporting-families/").status_code == 403
    scrutiny = UserFactory(
        team=county.central, username="scrutiny", role=Role.SCRUTINY_OFFICER, practitioner_kind=""
    )
    client.force_login(scrutiny)
    assert client.get("/supporting-families/").status_code == 403
    assert client.get("/reports/brfc/").status_code == 200  # members' report: figures only


def test_the_list_shows_only_the_families_the_worker_may_see(client, county, programme):
    client.force_login(county.social_worker)
    page = body(client.get("/supporting-families/families/"))
    assert "Mary Fenwick" in page and "Mary Later" in page and "Mary Eastly" not in page
    assert "2 families you can see" in page and "Successful (SSP)" in page
    client.force_login(county.analyst)
    page = body(client.get("/supporting-families/families/?status=successful"))
    assert "Mary Eastly" in page and "Mary Fenwick" in page and "Mary Later" not in page
    client.force_login(county.partner_worker)  # another council's practitioner
    assert "No families match" in body(client.get("/supporting-families/families/"))


def test_the_list_filters_refuse_a_district_that_does_not_exist(client, county, programme):
    client.force_login(county.analyst)
    response = client.get("/supporting-families/families/?district=999999")
    assert "Select a district from the list" in body(response) and "Error:" in body(response)


def test_the_list_takes_the_same_queries_however_many_families_it_shows(client, county, programme):
    client.force_login(county.analyst)

    def more() -> None:
        for n in range(6):
            attach(county, household(county, county.eastwold, f"More{n}"), on=date(2026, 1, n + 1))

    assert_queries_do_not_grow(lambda: client.get("/supporting-families/families/"), more)


def test_a_worker_attaches_a_family_of_someone_they_may_change(client, county, family):
    client.force_login(county.social_worker)
    found = body(client.get("/supporting-families/attach/?q=Fenwick"))
    assert f"/supporting-families/attach/{family.mother.pk}/" in found
    page = body(client.get(f"/supporting-families/attach/{family.mother.pk}/"))
    assert "Fenwick household" in page and "Kid0 Fenwick" in page
    form = {**date_fields("attached_on", date(2026, 9, 1)), "criteria": ["children_in_need"],
            "members": [str(family.children[0].pk)], "key_worker": str(county.social_worker.pk)}  # fmt: skip
    response = client.post(f"/supporting-families/attach/{family.mother.pk}/", form)
    assert response.status_code == 200 and "There is a problem" in body(response)
    assert "Select at least 2 criteria the family meets" in body(response) and not Attachment.objects.exists()
    form["criteria"] = ["children_in_need", "school"]
    response = client.post(f"/supporting-families/attach/{family.mother.pk}/", form)
    attachment = Attachment.objects.get()
    assert (
        response.status_code == 302
        and response["Location"] == f"/supporting-families/families/{attachment.pk}/"
    )
    assert set(attachment.members.values_list("person", flat=True)) == {
        family.mother.pk,
        family.children[0].pk,
    }


def test_attaching_is_refused_to_those_who_may_not_change_the_person(client, county, family):
    client.force_login(county.other_district_worker)
    assert client.get(f"/supporting-families/attach/{family.mother.pk}/").status_code == 403
    found = body(client.get("/supporting-families/attach/?q=Fenwick"))
    assert "Mary Fenwick" not in found and "Nobody you can change matches that name" in found
    for user in (county.business_support, county.analyst):
        client.force_login(user)
        assert client.get("/supporting-families/attach/").status_code == 403
    client.force_login(county.partner_worker)
    assert client.get(f"/supporting-families/attach/{family.mother.pk}/").status_code == 404


def test_a_family_s_record_shows_its_plan_and_refuses_workers_out_of_reach(client, county, programme):
    a = programme["a"]
    client.force_login(county.social_worker)
    page = body(client.get(f"/supporting-families/families/{a.pk}/"))
    assert (
        "Mary Fenwick’s family" in page
        and "Better: school" in page
        and "Stands: a successful closure" in page
    )
    client.force_login(county.other_district_worker)
    assert client.get(f"/supporting-families/families/{a.pk}/").status_code == 403
    client.force_login(county.partner_worker)
    assert client.get(f"/supporting-families/families/{a.pk}/").status_code == 404


def test_the_worker_records_the_outcome_plan_with_errors_shown_beside_the_fields(client, county, family):
    a = attach(county, family)
    client.force_login(county.social_worker)
    url = f"/supporting-families/families/{a.pk}/"
    bad = {"form": "outcome", "outcome-criterion": "school", "outcome-description": "", "outcome-measure": "Attendance",
           "outcome-target": "90%"}  # fmt: skip
    response = client.post(url, bad)
    assert response.status_code == 200 and "Enter the outcome the family is working towards" in body(response)
    assert "<title>Error:" in body(response) and not Outcome.objects.exists()
    response = client.post(url, {**bad, "outcome-description": "Kid0 goes to school every day"})
    assert response.status_code == 302 and Outcome.objects.get().measure == "Attendance"
    response = client.post(url, {**bad, "outcome-criterion": "health", "outcome-description": "Well"})
    assert "Select a criterion from the list" in body(response)  # not a criterion the family meets


def test_those_who_may_not_change_the_family_cannot_post_its_forms(client, county, family):
    a = attach(county, family)
    form = {"form": "outcome", "outcome-criterion": "school", "outcome-description": "x", "outcome-measure": "y",
            "outcome-target": "z"}  # fmt: skip
    for user in (county.analyst, county.business_support):
        client.force_login(user)
        assert client.post(f"/supporting-families/families/{a.pk}/", form).status_code == 403
    assert not Outcome.objects.exists()


def test_the_supporting_families_lead_makes_a_claim_and_a_worker_cannot(client, county, family):
    a = attach(county, family, on=date(2025, 6, 2))
    outcomes = plan(county, a)
    url = f"/supporting-families/families/{a.pk}/claim/"
    client.force_login(county.social_worker)
    assert client.get(url).status_code == 403
    client.force_login(county.analyst)
    assert "Make a claim" in body(client.get(url))
    form = {"kind": "ssp", **date_fields("claimed_on", date(2025, 5, 1)), "evidence": "Attendance 97%",
            "outcomes": [str(outcomes[0].pk)], "employed_person": "", **date_fields("employed_from", date(2025, 1, 1))}  # fmt: skip
    form["employed_from_0"] = form["employed_from_1"] = form["employed_from_2"] = ""
    response = client.post(url, form)
    page = body(response)
    assert "The date of the claim must be on or after the family was attached (2 June 2025)" in page
    assert "Significant and sustained progress is progress against every outcome" in page
    assert not Claim.objects.exists()
    form.update(date_fields("claimed_on", date(2026, 1, 5)), outcomes=[str(o.pk) for o in outcomes])
    assert client.post(url, form).status_code == 302
    assert Claim.objects.get().kind == ClaimKind.SSP
    page = body(client.get(f"/supporting-families/families/{a.pk}/"))
    assert "Successful (SSP)" in page and "Withdraw the claim" in page


def test_the_lead_withdraws_a_claim_from_the_family_s_record(client, county, programme):
    client.force_login(county.analyst)
    url = f"/supporting-families/families/{programme['a'].pk}/"
    form = {
        "form": "end",
        "end-decision": "withdrawn",
        **date_fields("end-on", date(2026, 2, 1)),
        "end-reason": "",
    }
    assert "Enter why" in body(client.post(url, form))
    assert client.post(url, {**form, "end-reason": "Attendance fell"}).status_code == 302
    assert Claim.objects.get(pk=programme["ssp"].pk).status == "withdrawn"


def test_targets_and_investment_plans_are_for_the_lead_with_clear_errors(client, county):
    client.force_login(county.social_worker)
    assert client.get("/supporting-families/targets/").status_code == 403
    client.force_login(county.analyst)
    form = {"form": "target", "target-year": "2026", "target-families": "0"}
    response = client.post("/supporting-families/targets/", form)
    assert "Enter the attachment target as a whole number more than 0, like 1,200" in body(response)
    response = client.post("/supporting-families/targets/", {**form, "target-families": "4.5"})
    assert "Enter the attachment target as a whole number more than 0" in body(response)
    assert not AttachmentTarget.objects.exists()
    assert (
        client.post("/supporting-families/targets/", {**form, "target-families": "4,680"}).status_code == 302
    )
    assert AttachmentTarget.objects.get().families == 4680
    plan_form = {"form": "plan", "plan-district": str(county.aldermoor.pk), "plan-year": "2027",
                 "plan-amount": "£250,000", "plan-priorities": "Emotional wellbeing\nDebt"}  # fmt: skip
    assert client.post("/supporting-families/targets/", plan_form).status_code == 302
    page = body(client.get("/supporting-families/targets/"))
    assert "4,680" in page and "£250,000" in page and "Emotional wellbeing" in page
    other = str(county.other_district.pk)
    response = client.post("/supporting-families/targets/", {**plan_form, "plan-district": other})
    assert "Select a district from the list" in body(response)


def test_a_team_manager_sees_the_programme_but_cannot_claim(client, county, programme):
    manager = UserFactory(
        team=county.safeguarding, username="tm2", role=Role.TEAM_MANAGER, practitioner_kind=""
    )
    client.force_login(manager)
    assert client.get("/supporting-families/").status_code == 200
    assert client.get(f"/supporting-families/families/{programme['a'].pk}/claim/").status_code == 403
    early_help = UserFactory(team__district=county.aldermoor, team__kind=TeamKind.EARLY_HELP, username="eh")
    client.force_login(early_help)
    assert client.get(f"/supporting-families/families/{programme['a'].pk}/").status_code == 200


def test_the_person_page_offers_to_attach_the_family_to_those_who_may(client, county):
    child = county.allocated_child
    client.force_login(county.social_worker)
    page = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert (
        reverse("supporting:attach", args=[child.pk]) in page
        and "Attach the family to Supporting Families" in page
    )
    client.force_login(county.business_support)  # reads the record, changes nothing
    page = client.get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "Attach the family to Supporting Families" not in page
