from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.care.episodes import NewPlacement, care_start
from hearth.care.models import (
    CareReview,
    Episode,
    MissingEpisode,
    PlacementRequest,
    ProviderKind,
    ProviderRate,
)
from hearth.care.tests.factories import provider
from hearth.core.tests.factories import UserFactory


@pytest.fixture
def looked_after(county):
    carer = provider(county.authority, name="The Hills", offers=["siblings"])
    care_start(by=county.social_worker, person=county.allocated_child, started_on=date(2026, 6, 1), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", carer))  # fmt: skip
    return county.allocated_child


def details(person, change):
    return f"/people/{person.pk}/change/{change}/"


def test_the_person_page_shows_the_care_journey(client, county, looked_after):
    client.force_login(county.social_worker)
    page = client.get(f"/people/{looked_after.pk}/").content.decode()
    assert "Looked after since" in page and "Accommodated under section 20" in page
    assert "£363.27 a week (£18,890.04 a year)" in page
    assert "Change legal status or placement" in page


def test_a_move_from_the_page_needs_a_reason_and_keeps_the_form(client, county, looked_after):
    ifa = provider(county.authority, kind=ProviderKind.IFA, name="Northern Fostering", weekly="761.79")
    client.force_login(county.social_worker)
    form = {"on_0": "3", "on_1": "8", "on_2": "2026", "placement_type": "U6", "provider": str(ifa.pk), "legal_status": "",
            "change_reason": "", "carer": ""}  # fmt: skip
    response = client.post(details(looked_after, "change-care"), form)
    assert response.status_code == 200
    assert "Select why the placement changed" in response.content.decode()
    assert Episode.objects.count() == 1
    response = client.post(details(looked_after, "change-care"), {**form, "change_reason": "CREQB"})
    assert response.status_code == 302
    assert Episode.objects.latest("pk").reason_new == "P"


def test_a_worker_from_another_district_cannot_see_or_change_care(client, county, looked_after):
    client.force_login(county.other_district_worker)
    assert client.get(details(looked_after, "change-care")).status_code == 403
    assert client.get(f"/people/{looked_after.pk}/").status_code == 403


def test_the_iro_records_the_review_from_the_page_and_a_worker_cannot(client, county, looked_after):
    iro = UserFactory(team=county.central, username="iro", role=Role.IRO, practitioner_kind="")
    client.force_login(iro)
    form = {
        "held_on_0": "26",
        "held_on_1": "6",
        "held_on_2": "2026",
        "participation": "PN1",
        "decisions": "Stay put",
    }
    assert client.post(details(looked_after, "care-review"), form).status_code == 302
    assert CareReview.objects.get(number=1).held_on == date(2026, 6, 26)
    client.force_login(county.social_worker)
    assert client.post(details(looked_after, "care-review"), form).status_code == 403


def test_missing_times_are_checked_on_the_page(client, county):
    client.force_login(county.social_worker)
    form = {"kind": "M", "started_on_0": "1", "started_on_1": "9", "started_on_2": "2026", "started_time": "25:00",
            "ended_on_0": "", "ended_on_1": "", "ended_on_2": "", "ended_time": "", "where_found": "", "police_reference": ""}  # fmt: skip
    response = client.post(details(county.allocated_child, "missing"), form)
    assert "Time they went missing must be hours and minutes, like 21:30" in response.content.decode()
    assert (
        client.post(details(county.allocated_child, "missing"), {**form, "started_time": "21:30"}).status_code
        == 302
    )
    assert timezone.localtime(MissingEpisode.objects.get().started_at).hour == 21  # British Summer Time


def test_the_placements_page_totals_weekly_costs_by_category(client, county, looked_after):
    client.force_login(county.team_manager)
    page = client.get("/care/placements/").content.decode()
    assert (
        "£363</span>a week" in page
        and "£18,890</span>a year" in page
        and "Foster placement: in house" in page
    )
    client.force_login(county.social_worker)
    assert client.get("/care/placements/").status_code == 403


def test_the_placements_figures_count_restricted_children_without_naming_them(client, county, looked_after):
    care_start(by=county.team_manager, person=county.restricted_child, started_on=date(2026, 6, 1),
               legal_status="C2", category_of_need="N1",
               placement=NewPlacement("K2", provider(county.authority, kind=ProviderKind.CHILDRENS_HOME,
                                                     weekly="3313.77", name="Hill House")))  # fmt: skip
    client.force_login(county.team_manager)
    page = client.get("/care/placements/").content.decode()
    assert "£3,677</span>a week" in page and "Rhea" not in page
    client.force_login(county.other_district_worker)
    assert client.get("/care/placements/").status_code == 403


def test_the_missing_page_lists_interviews_to_record(client, county):
    start = timezone.now() - timedelta(days=4)  # back 91 hours ago, no interview offered
    MissingEpisode.objects.create(authority=county.authority, person=county.allocated_child, kind="M", started_at=start,
                                  ended_at=start + timedelta(hours=5), responsible="home")  # fmt: skip
    client.force_login(county.social_worker)
    page = client.get("/care/missing/").content.decode()
    assert "Ava Allocated" in page and "Over 72 hours" in page


def test_a_placement_request_offers_our_carers_first_and_a_dearer_choice_needs_a_reason(
    client, county, looked_after
):
    dearer = provider(county.authority, kind=ProviderKind.IFA, name="Northern Fostering", weekly="761.79",
                      offers=["siblings"])  # fmt: skip
    provider(county.authority, name="Full house", places=0, offers=["siblings"])
    client.force_login(county.social_worker)
    form = {
        "needed_by_0": "1",
        "needed_by_1": "12",
        "needed_by_2": "2026",
        "needs": ["siblings"],
        "description": "Two brothers",
    }
    response = client.post(details(looked_after, "placement-request"), form)
    request = PlacementRequest.objects.get()
    assert response["Location"] == f"/care/placement-requests/{request.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert page.index("The Hills") < page.index("Northern Fostering") and "Full house" not in page
    response = client.post(response["Location"], {"provider": str(dearer.pk), "reason": ""})
    assert "more than the cheapest match (£363.27): say why it was chosen" in response.content.decode()
    client.post(
        f"/care/placement-requests/{request.pk}/",
        {"provider": str(dearer.pk), "reason": "Keeps them at school"},
    )
    request.refresh_from_db()
    assert (request.status, request.chosen_weekly, request.cheapest_weekly) == (
        "placed",
        Decimal("761.79"),
        Decimal("363.27"),
    )


def test_a_manager_sets_a_new_rate_and_the_old_one_is_kept(client, county, looked_after):
    carer = Episode.objects.get().placement.provider
    client.force_login(county.team_manager)
    url = f"/care/providers/{carer.pk}/"
    response = client.post(
        url, {"weekly": "abc", "starts_on_0": "1", "starts_on_1": "4", "starts_on_2": "2026"}
    )
    assert "Enter the weekly rate as a number, like 850.00" in response.content.decode()
    assert (
        client.post(
            url, {"weekly": "380.00", "starts_on_0": "1", "starts_on_1": "4", "starts_on_2": "2026"}
        ).status_code
        == 302
    )
    assert list(ProviderRate.objects.order_by("starts_on").values_list("weekly", "ends_on")) == [
        (Decimal("363.27"), date(2026, 3, 31)), (Decimal("380.00"), None)
    ]  # fmt: skip


def test_a_manager_moves_adopters_on_a_stage_and_out_of_order_is_refused(client, county):
    from hearth.care.models import ProspectiveAdopter

    adopters = ProspectiveAdopter.objects.create(authority=county.authority, name="Mr and Mrs Kaur", agency="Regional",
                                                 stage="stage_one", stage_dates={"stage_one": "2026-05-01"})  # fmt: skip
    client.force_login(county.team_manager)
    form = {"adopter": str(adopters.pk), "stage": "approved", "on_0": "1", "on_1": "9", "on_2": "2026"}
    response = client.post("/care/adopters/", form)
    assert "The next stage is ‘Stage 2: assessment’: stages go in order" in response.content.decode()
    assert client.post("/care/adopters/", {**form, "stage": "stage_two"}).status_code == 302
    adopters.refresh_from_db()
    assert (adopters.stage, adopters.stage_dates["stage_two"]) == ("stage_two", "2026-09-01")


def test_the_distance_from_home_is_kept_with_the_placement(client, county, looked_after):
    aunt = provider(county.authority, kind=ProviderKind.CONNECTED, name="Aunt Jo")
    client.force_login(county.social_worker)
    form = {"on_0": "3", "on_1": "8", "on_2": "2026", "placement_type": "U3", "provider": str(aunt.pk),
            "legal_status": "", "change_reason": "CARPL", "carer": "", "distance_miles": "far"}  # fmt: skip
    assert (
        "Enter the distance as a number, like 12.5"
        in client.post(details(looked_after, "change-care"), form).content.decode()
    )
    assert (
        client.post(details(looked_after, "change-care"), {**form, "distance_miles": "12.5"}).status_code
        == 302
    )
    assert Episode.objects.latest("pk").placement.distance_miles == Decimal("12.5")
