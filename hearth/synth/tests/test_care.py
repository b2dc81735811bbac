"""The demo county's children looked after: one small county, built once for the module and rolled back
after it. Set HEARTH_FULL_COUNTY=1 to also build the full county and check it against Appendix 4 (slow)."""

from __future__ import annotations

import csv
import math
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from hearth.care import codes
from hearth.care.leavers import leaver_category
from hearth.care.missing import escalation_for, responsible_for
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    Episode,
    HostedChild,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    Provider,
    ProviderRate,
)
from hearth.care.rules import Row, check_period, reason_new_for
from hearth.care.stability import Spell, long_term_stable, three_or_more
from hearth.care.timescales import MISSING_THRESHOLDS, MISSING_WINDOW
from hearth.casework.models import Meeting
from hearth.chronology.models import ChronologyEntry
from hearth.core.dates import birthday
from hearth.organisation.models import Authority, District
from hearth.returns.ssda903 import ssda903_tables
from hearth.returns.years import CollectionYear
from hearth.synth.care import care_targets, county_scale, figures
from hearth.synth.care_history import years
from hearth.synth.county import synth_county
from hearth.synth.details import POSTCODES

APPENDIX_4_TOTAL = 53_013_482
MOVE = ("PLACE", "PL_POST", "URN", "PLACE_PROVIDER")  # what a move changes (903 rule 435)
NOT_WITH_PR3 = {"A3", "A4", "A5", "A6", "K1", "K2", "P1", "U1", "U2", "U3", "U4", "U5", "U6"}  # 903 rule 529


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SimpleNamespace]:
    with django_db_blocker.unblock(), transaction.atomic():
        summary = synth_county(seed=11, scale=0.1)
        authority = Authority.objects.get(dfe_code="999")
        scale = county_scale(list(District.objects.filter(authority=authority)))
        yield SimpleNamespace(today=date.today(), summary=summary, authority=authority, scale=scale)
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_each_budget_category_has_appendix_4s_share_of_the_children(county):
    expected = {category: n for category, n in care_targets(county.scale).items() if n}
    assert figures(county.authority)["counts"] == expected
    assert county.summary.care["looked_after"] == sum(expected.values())
    assert PeriodOfCare.objects.filter(ended_on__isnull=True).count() == sum(expected.values())
    assert "children looked after" in county.summary.care_line


def test_current_weekly_rates_cost_what_appendix_4_says_each_category_costs(county):
    yearly = figures(county.authority)["yearly"]
    for category, (_, cost) in codes.APPENDIX_4.items():
        n = care_targets(county.scale)[category]
        if n and cost:
            assert abs(yearly[category] - n * cost) <= 0.005 * n * cost, category
        elif n:
            assert yearly.get(category, 0) == 0, category  # parents and adopters cost nothing
    for provider in Provider.objects.all():
        rates = list(ProviderRate.objects.filter(provider=provider).order_by("starts_on"))
        assert len(rates) == 2 and rates[1].ends_on is None, provider
        assert rates[0].ends_on == rates[1].starts_on - timedelta(days=1)
        assert rates[0].weekly <= rates[1].weekly


def test_every_open_period_has_one_open_episode_and_one_open_placement(county):
    for period in PeriodOfCare.objects.filter(ended_on__isnull=True):
        assert period.episodes.filter(ended_on__isnull=True).count() == 1
        assert period.placements.filter(ended_on__isnull=True).count() == 1
        assert period.next_review_due_on and period.next_visit_due_on
        waiting = period.reviews.filter(held_on__isnull=True)
        assert [r.due_on for r in waiting] == [period.next_review_due_on]
    assert not Episode.objects.filter(period__ended_on__isnull=False, ended_on__isnull=True).exists()


def _carer(placement: Placement) -> tuple[str, object]:
    return ("provider", placement.provider_id) if placement.provider_id else ("carer", placement.carer)


def _carer_text(placement: Placement) -> str:
    return f"provider:{placement.provider_id}" if placement.provider_id else placement.carer.strip().lower()


def test_episodes_join_end_to_start_and_say_what_changed(county):
    placements = {p.pk: p for p in Placement.objects.all()}
    by_period = defaultdict(list)
    for episode in Episode.objects.order_by("started_on", "pk"):
        by_period[episode.period_id].append(episode)
    for period in PeriodOfCare.objects.all():
        episodes = by_period[period.pk]
        assert episodes[0].started_on == period.started_on and episodes[0].reason_new == "S"
        assert episodes[-1].ended_on == period.ended_on
        assert episodes[-1].reason_ceased == period.reason_ceased
        for before, after in pairwise(episodes):
            assert before.ended_on == after.started_on and before.reason_ceased == "X1"
            was, now = placements[before.placement_id], placements[after.placement_id]
            assert (was.pk == now.pk) == (
                _carer(was) == _carer(now) and was.placement_type == now.placement_type
            )
            previous = Row(before.started_on, before.ended_on, before.reason_new, before.legal_status,
                           was.placement_type, _carer_text(was))  # fmt: skip
            expected = reason_new_for(previous, after.legal_status, now.placement_type, _carer_text(now))
            assert after.reason_new == expected, (period.pk, before.pk)
    for period in PeriodOfCare.objects.select_related("person"):  # and every rule the services keep
        rows = []
        for e in by_period[period.pk]:
            placement = placements[e.placement_id]
            ends = placement.ended_on is not None and placement.ended_on == e.ended_on
            rows.append(Row(e.started_on, e.ended_on, e.reason_new, e.legal_status, placement.placement_type,
                            _carer_text(placement), e.reason_ceased, placement.change_reason if ends else ""))  # fmt: skip
        assert check_period(rows, period.person.date_of_birth) == [], period.pk
    legal = Counter(Episode.objects.filter(ended_on__isnull=True).values_list("legal_status", flat=True))
    looked_after = sum(legal.values())
    assert legal["C2"] > looked_after / 2 and 0.08 <= legal["V2"] / looked_after <= 0.25


def test_every_move_shows_in_the_return(county):
    """A change of carer (RNE P or T) changes the placement type, postcode, URN or provider code in the
    SSDA903 episodes (903 rule 435), in this year's return and last year's."""
    this = CollectionYear.containing(county.today)
    for year in (this, CollectionYear(this.end_year - 1)):
        episodes = ssda903_tables(authority_id=county.authority.pk, year=year)["episodes"]
        for before, after in pairwise(episodes):
            if after["CHILD"] == before["CHILD"] and after["RNE"] in ("P", "T"):
                assert [before[k] for k in MOVE] != [after[k] for k in MOVE], after


def test_placements_follow_the_903_rules(county):
    for period in PeriodOfCare.objects.prefetch_related("placements__provider").select_related("person"):
        placements = sorted(period.placements.all(), key=lambda p: p.started_on)
        assert placements[0].started_on == period.started_on
        assert placements[-1].ended_on == period.ended_on and not placements[-1].change_reason
        born = period.person.date_of_birth
        for n, placement in enumerate(placements):
            kind = placement.provider.kind if placement.provider else ""
            assert placement.category == codes.category_of(placement.placement_type, kind)
            if placement.placement_type in codes.NO_PROVIDER:
                assert placement.place_provider == ""
            elif placement.placement_type == "P1":
                assert placement.place_provider == "PR0" and placement.provider is None
            else:
                assert placement.place_provider == placement.provider.place_provider
            if placement.placement_type == "K3":
                assert placement.started_on >= birthday(born, 16), period.pk
            if n + 1 < len(placements):
                following = placements[n + 1]
                assert placement.ended_on == following.started_on
                if codes.TEMPORARY & {placement.placement_type, following.placement_type}:
                    assert placement.change_reason == ""
                else:
                    assert placement.change_reason
                assert placement.change_reason != "CUSTOD" or years(born, placement.ended_on) >= 10
        if period.unaccompanied:
            assert period.home_postcode == "" and years(born, period.started_on) >= 14
        else:
            assert period.home_postcode


def _sample() -> dict[str, tuple[str, int, int]]:
    """postcodes.csv, read here on its own: postcode -> (area, easting, northing)."""
    with POSTCODES.open(newline="", encoding="utf-8") as handle:
        return {
            r["postcode"]: (r["area"], int(r["easting"]), int(r["northing"])) for r in csv.DictReader(handle)
        }


def test_placements_are_at_real_postcodes_the_dfe_distance_from_home(county):
    sample = _sample()
    in_county = {code for code, (area, _, _) in sample.items() if area != "out"}
    for placement in Placement.objects.select_related("period"):
        period, code = placement.period, placement.postcode
        assert code in sample, placement.pk  # every placement has a real one (903 rules 169, 179, 392b, 392c)
        assert placement.in_area == (code in in_county), placement.pk
        if period.unaccompanied:
            assert placement.distance_miles is None
            continue
        (_, e1, n1), (_, e2, n2) = sample[period.home_postcode], sample[code]
        miles = math.sqrt((e1 - e2) ** 2 + (n1 - n2) ** 2) / 1000 / 1.6093  # the DfE's formula
        assert abs(float(placement.distance_miles) - miles) <= 0.05 + 1e-9, placement.pk
        assert (code == period.home_postcode) == (placement.placement_type == "P1"), placement.pk  # 392d


def test_own_provision_is_in_the_county_and_place_providers_fit_the_placement(county):
    in_county = {code for code, (area, _, _) in _sample().items() if area != "out"}
    for provider in Provider.objects.filter(place_provider="PR1"):
        assert provider.in_area and provider.postcode in in_county, provider.pk
    own = Placement.objects.filter(place_provider="PR1")
    assert own.exists() and all(p.postcode in in_county for p in own)  # 903 rule 1015
    assert all(p.postcode in in_county for p in Placement.objects.filter(placement_type="K3"))  # rule 241
    assert not Placement.objects.filter(place_provider="PR3", placement_type__in=NOT_WITH_PR3).exists()  # 529


def test_a_temporary_move_comes_between_two_stays_with_the_same_carer(county):
    moves = 0
    for period in PeriodOfCare.objects.prefetch_related("placements", "episodes"):
        placements = sorted(period.placements.all(), key=lambda p: p.started_on)
        assert (
            placements[0].placement_type not in codes.TEMPORARY
            and placements[-1].placement_type not in codes.TEMPORARY
        )
        for before, away, back in zip(placements, placements[1:], placements[2:], strict=False):
            if away.placement_type in codes.TEMPORARY:  # 903 rules 380 and 383
                moves += 1
                assert (_carer(before), before.placement_type, before.postcode) == (
                    _carer(back), back.placement_type, back.postcode)  # fmt: skip
                starting = [
                    e for e in period.episodes.all() if e.started_on in (away.started_on, back.started_on)
                ]
                assert [e.reason_new for e in starting] == ["P", "P"], period.pk
    assert moves


def test_missing_from_care_ends_with_the_placement_and_never_runs_over_a_year_end(county):
    today = county.today
    for episode in MissingEpisode.objects.filter(responsible="ours"):
        started = timezone.localtime(episode.started_at)
        if (
            episode.ended_at is None
        ):  # missing now: since the last two days, from the placement they still have
            assert (today - started.date()).days <= 2
            placement = Placement.objects.get(person=episode.person_id, ended_on__isnull=True)
            current = Episode.objects.get(person=episode.person_id, ended_on__isnull=True)
            assert placement.started_on < started.date() and current.started_on < started.date()
            continue
        ended = timezone.localtime(episode.ended_at)
        year_of = [
            d.year + (d.month > 3) for d in (started.date(), ended.date())
        ]  # 903 years end on 31 March
        assert year_of[0] == year_of[1], episode.pk


def test_care_leavers_in_touch_say_what_they_do_and_where_they_live(county):
    contacts = list(LeaverContact.objects.all())
    assert contacts
    for contact in contacts:
        if contact.in_touch == "YES":  # 903 rule 345
            assert contact.activity not in ("", "0") and contact.accommodation not in ("", "0"), contact.pk
        else:  # 344
            assert contact.activity == "" and contact.accommodation == "", contact.pk


def test_stability_most_settled_children_have_stayed_put_and_few_moved_three_times(county):
    today, moved, measured, settled = county.today, 0, 0, 0
    open_periods = PeriodOfCare.objects.filter(ended_on__isnull=True).select_related("person")
    for period in open_periods:
        spells = [Spell(p.started_on, p.ended_on, p.placement_type, str(p.provider_id or p.carer))
                  for p in period.placements.all()]  # fmt: skip
        moved += three_or_more(spells, today)
        stable = long_term_stable(period_start=period.started_on, spells=spells,
                                  date_of_birth=period.person.date_of_birth, on=today)  # fmt: skip
        if stable is not None:
            measured, settled = measured + 1, settled + stable
    assert 0.04 <= moved / open_periods.count() <= 0.2  # about one in ten
    assert 0.55 <= settled / measured <= 0.9  # about 70%


def test_missing_escalations_count_missing_episodes_in_90_days(county):
    episodes = defaultdict(list)
    for episode in MissingEpisode.objects.order_by("started_at"):
        episodes[episode.person_id].append(episode)
    assert len(episodes) >= 40
    escalated = 0
    for child_episodes in episodes.values():
        missing = [e for e in child_episodes if e.kind == "M"]
        for episode in child_episodes:
            assert responsible_for(episode.person, episode.started_at) == (
                episode.responsible,
                episode.home_authority,
            )
            if episode.kind != "M":
                assert episode.escalation == 0
                continue
            count = sum(
                episode.started_at - MISSING_WINDOW < e.started_at <= episode.started_at for e in missing
            )
            # each threshold calls a meeting once in any 90 days (hearth.care.missing)
            assert episode.escalation == escalation_for(episode.person, episode.started_at)
            assert episode.escalation in (0, *MISSING_THRESHOLDS) and episode.escalation <= count
            if episode.escalation:
                escalated += 1
                meeting = Meeting.objects.get(pk=episode.intervention_id)
                assert meeting.kind == "missing"
                assert meeting.reason == f"{episode.escalation} missing episodes in 90 days"
            else:
                assert episode.intervention_id is None
        for before, after in pairwise(child_episodes):
            assert before.ended_at is not None and before.ended_at < after.started_at
    assert escalated
    closed = MissingEpisode.objects.filter(ended_at__isnull=False, interview_offered_at__isnull=False)
    in_time = sum(e.interview_offered_at - e.ended_at <= timedelta(hours=72) for e in closed)
    assert in_time / closed.count() >= 0.8
    hosted = MissingEpisode.objects.filter(responsible="hosted")
    assert not hosted.filter(home_authority="").exists()
    assert not MissingEpisode.objects.filter(interview_outcome="accepted", interview_on__isnull=True).exists()


def test_hosted_children_care_leavers_and_adoption(county):
    assert HostedChild.objects.count() == county.summary.care["hosted"] == round(80 * county.scale)
    for hosted in HostedChild.objects.select_related("person", "provider"):
        assert hosted.provider.in_area and 8 <= years(hosted.person.date_of_birth, county.today) <= 17
    for leaver in CareLeaver.objects.select_related("person"):
        periods = list(
            PeriodOfCare.objects.filter(person=leaver.person).values_list("started_on", "ended_on")
        )
        assert leaver_category(
            periods=periods, date_of_birth=leaver.person.date_of_birth, on=county.today
        ) == (leaver.category)
        age = years(leaver.person.date_of_birth, county.today)
        in_care = PeriodOfCare.objects.filter(person=leaver.person, ended_on__isnull=True).exists()
        if leaver.category == "eligible":
            assert in_care and age in (16, 17)
        elif leaver.category == "relevant":
            assert not in_care and age in (16, 17)
        else:
            period = PeriodOfCare.objects.get(person=leaver.person)
            assert period.ended_on == birthday(leaver.person.date_of_birth, 18) and 18 <= age <= 24
            assert leaver.adviser_id and leaver.person.leaver_contacts.exists()
    for placement in Placement.objects.filter(ended_on__isnull=True, category="adoptive"):
        journey = AdoptionJourney.objects.get(person=placement.person, period=placement.period)
        assert journey.placed_on == placement.started_on and journey.adopter.stage == "placed"
        assert (
            journey.should_be_placed_on
            <= journey.placement_order_on
            <= journey.matched_on
            <= journey.placed_on
        )
        assert placement.episodes.get(ended_on__isnull=True).legal_status == "E1"
    for journey in AdoptionJourney.objects.select_related("person", "period"):  # 903 rules 184 and 1003
        assert journey.person.date_of_birth <= journey.period.started_on <= journey.should_be_placed_on
    open_plans = Counter(
        PermanencePlan.objects.filter(ended_on__isnull=True).values_list("person", flat=True)
    )
    assert max(open_plans.values()) == 1


def test_chronology_and_spare_foster_places(county):
    starts = ChronologyEntry.objects.filter(source_type="care.periodofcare", title__startswith="Started")
    assert starts.count() == PeriodOfCare.objects.count()
    assert ChronologyEntry.objects.filter(kind="missing").count() == MissingEpisode.objects.count()
    carers = Provider.objects.filter(kind="in_house_foster")
    places = sum(p.places for p in carers)
    placed = Placement.objects.filter(ended_on__isnull=True, provider__kind="in_house_foster").count()
    assert 0.05 <= (places - placed) / places <= 0.25


def test_the_children_in_care_persona_has_looked_after_children(county):
    from hearth.people.models import Allocation

    mine = Allocation.objects.filter(worker__username="cic.aldermoor", ended_on__isnull=True).values(
        "person_id"
    )
    assert PeriodOfCare.objects.filter(person_id__in=mine, ended_on__isnull=True).exists()


@pytest.mark.skipif(
    not os.environ.get("HEARTH_FULL_COUNTY"), reason="builds the full county: set HEARTH_FULL_COUNTY=1"
)
def test_the_full_county_is_appendix_4(db):
    synth_county(seed=1, scale=1.0)
    found = figures(Authority.objects.get(dfe_code="999"))
    assert found["children"] == 1255
    assert abs(found["total"] - APPENDIX_4_TOTAL) <= 0.005 * APPENDIX_4_TOTAL


def test_every_looked_after_child_had_a_social_worker_from_the_start_of_care(county):
    from hearth.people.models import Allocation

    for period in PeriodOfCare.objects.filter(ended_on__isnull=True):
        assert Allocation.objects.filter(person_id=period.person_id, worker__isnull=False,
                                         started_on__lte=period.started_on).exists(), period.person_id  # fmt: skip
