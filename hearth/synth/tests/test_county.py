from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Sum

from hearth.accounts.models import User
from hearth.audit.services import audit_verify
from hearth.care.models import MissingEpisode
from hearth.casework.models import Meeting, Plan, ToolResponse
from hearth.frontdoor.models import Contact
from hearth.organisation.models import District, Team
from hearth.people.models import Allocation, Person, Relationship
from hearth.synth.chance import start_of
from hearth.synth.county import ALL_PERSONAS, DISTRICTS, CountyExists, safeguarding_teams, synth_county
from hearth.synth.details import district_postcodes


def fingerprint() -> list[tuple]:
    return [
        *User.objects.order_by("username").values_list(
            "username", "first_name", "last_name", "role", "team__name"
        ),
        *Person.objects.order_by("pk").values_list(
            "given_name", "family_name", "date_of_birth", "district__name"
        ),
        *Relationship.objects.order_by("pk").values_list("person__given_name", "other__given_name", "type"),
        *Allocation.objects.order_by("pk").values_list(
            "person__given_name", "worker__username", "started_on"
        ),
        *Plan.objects.order_by("pk").values_list(
            "person__given_name", "kind", "status", "next_review_due_on"
        ),
        *Meeting.objects.order_by("pk").values_list("person__given_name", "kind", "due_on", "held_on"),
        *ToolResponse.objects.order_by("pk").values_list("person__given_name", "key", "level"),
    ]


def test_the_full_county_has_eight_districts_and_190000_children():
    assert len(DISTRICTS) == 8
    assert sum(population for _, population in DISTRICTS) == 190_000


def test_each_district_has_as_many_children_as_its_population(db):
    synth_county(seed=1, scale=0.02)
    today = date.today()
    for district in District.objects.all():
        children = Person.objects.filter(
            district=district, kind="child", date_of_birth__gt=today.replace(year=today.year - 18)
        ).count()
        assert abs(children - district.child_population) <= 0.02 * district.child_population + 5, (
            district.name
        )


def test_the_social_work_establishment_gives_about_270_children_in_need_per_10000():
    # At scale 1 (measured: 5,107 open social care involvements, 268.8 per 10,000); small scales round
    # every team up to at least one worker, so the arithmetic is checked here instead of a full county.
    from hearth.synth.families import CASELOAD_MEAN

    workers = (
        sum(safeguarding_teams(population) * 7 + 9 for _, population in DISTRICTS) + 8
    )  # + disabled children
    rate = workers * CASELOAD_MEAN / 190_000 * 10_000
    assert 250 <= rate <= 290  # seed 000: 270 per 10,000


def test_every_team_kind_the_county_needs_is_there(db):
    synth_county(seed=1, scale=0.02)
    kinds = set(Team.objects.values_list("kind", flat=True))
    assert {"front_door", "early_help", "safeguarding", "children_in_care", "care_leavers",
            "disabled_children", "fostering_adoption"} <= kinds  # fmt: skip


def test_the_same_seed_gives_the_same_county(db):
    with transaction.atomic():
        synth_county(seed=7, scale=0.02)
        first = fingerprint()
        transaction.set_rollback(True)
    synth_county(seed=7, scale=0.02)
    assert fingerprint() == first


def test_caseloads_average_about_eighteen(db):
    synth_county(seed=1, scale=0.05)
    # A caseload is the children allocated now: looked-after children's earlier social workers are ended.
    current = Allocation.objects.filter(ended_on__isnull=True)
    workers = current.values("worker").distinct().count()
    assert 15 <= current.count() / workers <= 21


def test_every_persona_can_sign_in(db, client):
    synth_county(seed=1, scale=0.05)
    from hearth.synth.county import DEMO_PASSWORD

    for persona in ALL_PERSONAS:
        response = client.post("/sign-in/", {"username": persona.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, persona.username
        client.post("/sign-out/")


def test_running_it_twice_is_refused(db):
    synth_county(seed=1, scale=0.05)
    with pytest.raises(CountyExists):
        synth_county(seed=1, scale=0.05)
    with pytest.raises(CommandError, match="already exists"):
        call_command("synth", "--scale", "0.05", stdout=StringIO())


def test_a_nonsense_scale_is_refused(db):
    with pytest.raises(CommandError, match="Scale must be"):
        call_command("synth", "--scale", "0", stdout=StringIO())


def test_a_county_made_on_a_day_holds_nothing_later_than_that_day_began(db):
    with pytest.raises(CommandError, match="give a date like 2026-03-31"):
        call_command("synth", "--today", "31/03/2026", stdout=StringIO())
    call_command("synth", "--scale", "0.05", "--today", "2026-03-31", stdout=StringIO())
    midnight = start_of(date(2026, 3, 31))
    assert Contact.objects.latest("received_at").received_at < midnight
    assert MissingEpisode.objects.latest("started_at").started_at < midnight


def test_the_demo_command_prepares_the_database_and_prints_the_sign_ins(db):
    out = StringIO()
    call_command("demo", "--scale", "0.05", "--no-serve", stdout=out)
    assert "sw.aldermoor" in out.getvalue() and "Hearth-demo-2026" in out.getvalue()
    assert audit_verify()[1] == []
    call_command("demo", "--no-serve", stdout=out)  # a second run keeps the county
    assert "already in the database" in out.getvalue()


def test_every_invented_identifier_and_postcode_passes_the_checks_typed_ones_must(db):
    from hearth.people.identifiers import NORMALISERS, normalise_postcode
    from hearth.people.models import Address, Identifier, MatchKey

    synth_county(seed=3, scale=0.02)
    for identifier in Identifier.objects.all():
        assert NORMALISERS[identifier.kind](identifier.value) == identifier.value
    numbers = {d.pk: n for n, d in enumerate(District.objects.order_by("name"), start=1)}
    for address in Address.objects.select_related("person"):
        assert normalise_postcode(address.postcode) == address.postcode
        # a real postcode of the person's district (Staffordshire's geography, hearth.synth.details)
        assert address.postcode in district_postcodes(numbers[address.person.district_id]), address.pk
    assert MatchKey.objects.values("person").distinct().count() == Person.objects.count()


def test_child_protection_plans_come_at_about_34_per_10000_children_with_their_dates(db):
    from hearth.casework.models import Conference, ProtectionPlan

    synth_county(seed=2, scale=0.05)
    children = District.objects.aggregate(total=Sum("child_population"))["total"]
    plans = ProtectionPlan.objects.filter(ended_on__isnull=True)
    assert plans.count() == round(children * 34 / 10_000)
    assert Conference.objects.filter(kind="review", held_on__isnull=True).count() == plans.count()
    assert all(p.core_group_due_on > p.started_on and p.next_review_due_on > p.started_on for p in plans)
