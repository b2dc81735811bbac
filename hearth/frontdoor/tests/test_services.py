from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.casework.models import Involvement, Referral
from hearth.casework.services import referral_open
from hearth.chronology.models import ChronologyEntry
from hearth.frontdoor import services
from hearth.frontdoor.models import ContactStatus, SubjectRole

LONDON = ZoneInfo("Europe/London")


def recorded(county, received_at=None, child=None, family=()):
    by = county.front_door_officer
    contact = services.contact_start(by=by, received_at=received_at)
    services.contact_subject_add(by=by, contact=contact, person=child or county.allocated_child)
    for person in family:
        services.contact_subject_add(by=by, contact=contact, person=person, role=SubjectRole.FAMILY)
    services.contact_caller_record(by=by, contact=contact, caller_name="Ms Patel", caller_relationship="Class teacher",
                                   caller_phone="01632 960001", source="2A")  # fmt: skip
    services.contact_worries_record(by=by, contact=contact, worries="Bruise on the arm; says dad was angry")
    services.contact_consent_record(by=by, contact=contact, consent="not_asked")
    return contact


def test_a_contact_cannot_be_sent_until_every_question_is_answered(county):
    contact = services.contact_start(by=county.front_door_officer)
    with pytest.raises(ValidationError) as caught:
        services.contact_submit(by=county.front_door_officer, contact=contact)
    assert len(caught.value.messages) == 4
    assert contact.status == ContactStatus.DRAFT


def test_a_sent_contact_is_due_a_decision_one_working_day_later_and_goes_on_the_chronologies(county):
    friday_afternoon = datetime(2026, 11, 20, 15, 0, tzinfo=LONDON)
    contact = recorded(county, received_at=friday_afternoon, family=[county.unallocated_child])
    services.contact_submit(by=county.front_door_officer, contact=contact)
    assert contact.status == ContactStatus.AWAITING_DECISION
    assert contact.decision_due_at == datetime(2026, 11, 23, 15, 0, tzinfo=LONDON)
    assert ChronologyEntry.objects.filter(source_id=str(contact.pk), kind="contact").count() == 2


def test_a_contact_dated_in_the_future_is_refused(county):
    with pytest.raises(ValidationError):
        services.contact_start(by=county.front_door_officer, received_at=timezone.now() + timedelta(hours=2))


def test_a_referral_decision_opens_a_social_care_involvement_for_the_child_only(county):
    contact = recorded(county, family=[county.unallocated_child])
    services.contact_submit(by=county.front_door_officer, contact=contact)
    services.contact_decide(by=county.front_door_officer, contact=contact, rag="red", threshold="4",
                            outcome="referral", reasons="Injury with an account of anger at home")  # fmt: skip
    referral = Referral.objects.get(person=county.allocated_child)
    assert referral.source == "2A" and referral.contact == contact and not referral.is_re_referral
    assert Involvement.objects.get(person=county.allocated_child).referral == referral
    assert not Referral.objects.filter(person=county.unallocated_child).exists()
    titles = set(
        ChronologyEntry.objects.filter(person=county.allocated_child).values_list("title", flat=True)
    )
    assert "Front door decision: Referral to children’s social care" in titles
    assert "Referred to children’s social care" in titles


def test_a_second_referral_within_12_months_is_a_re_referral(county):
    referral_open(by=county.front_door_officer, person=county.allocated_child,
                  referred_on=timezone.localdate() - timedelta(days=200), source="6")  # fmt: skip
    contact = recorded(county)
    services.contact_submit(by=county.front_door_officer, contact=contact)
    services.contact_decide(by=county.front_door_officer, contact=contact, rag="amber", threshold="3",
                            outcome="referral", reasons="Second concern this year")  # fmt: skip
    latest = Referral.objects.filter(person=county.allocated_child).order_by("-referred_on").first()
    assert latest.is_re_referral


def test_a_referral_13_months_after_the_last_is_not_a_re_referral(county):
    referral_open(by=county.front_door_officer, person=county.allocated_child,
                  referred_on=date.today() - timedelta(days=400), source="6")  # fmt: skip
    second = referral_open(by=county.front_door_officer, person=county.allocated_child, referred_on=date.today(),
                           source="6")  # fmt: skip
    assert not second.is_re_referral


def test_a_referral_needs_level_3_or_4(county):
    contact = recorded(county)
    services.contact_submit(by=county.front_door_officer, contact=contact)
    with pytest.raises(ValidationError) as caught:
        services.contact_decide(by=county.front_door_officer, contact=contact, rag="green", threshold="2",
                                outcome="referral", reasons="x")  # fmt: skip
    assert "level 3 or 4" in caught.value.message_dict["outcome"][0]
    assert not Referral.objects.exists()


def test_early_help_opens_an_early_help_involvement(county):
    contact = recorded(county)
    services.contact_submit(by=county.front_door_officer, contact=contact)
    services.contact_decide(by=county.front_door_officer, contact=contact, rag="green", threshold="2",
                            outcome="early_help", reasons="Needs support with routines")  # fmt: skip
    assert Involvement.objects.get(person=county.allocated_child).kind == "early_help"


def test_a_manager_signs_off_a_decision_but_not_their_own(county):
    contact = recorded(county)
    services.contact_submit(by=county.front_door_officer, contact=contact)
    services.contact_decide(by=county.front_door_manager, contact=contact, rag="green", threshold="1",
                            outcome="advice", reasons="Advice given to the school")  # fmt: skip
    with pytest.raises(ValidationError, match="someone other than"):
        services.contact_sign_off(by=county.front_door_manager, contact=contact)
    contact.decided_by = county.front_door_officer
    contact.save(update_fields=["decided_by"])
    services.contact_sign_off(by=county.front_door_manager, contact=contact, comment="Agreed")
    assert contact.status == ContactStatus.SIGNED_OFF


def test_the_officer_can_say_when_the_contact_came_in_and_the_decision_is_due_from_then(county):
    came_in = timezone.now() - timedelta(days=3)
    contact = services.contact_start(by=county.front_door_officer)
    services.contact_caller_record(by=county.front_door_officer, contact=contact, caller_name="Ms Patel",
                                   caller_relationship="", caller_phone="", source="2A", received_at=came_in)  # fmt: skip
    assert contact.received_at == came_in
    with pytest.raises(ValidationError) as caught:
        services.contact_caller_record(by=county.front_door_officer, contact=contact, caller_name="Ms Patel",
                                       caller_relationship="", caller_phone="", source="2A",
                                       received_at=timezone.now() + timedelta(hours=1))  # fmt: skip
    assert "received_on" in caught.value.message_dict


def test_the_caller_step_takes_a_date_and_time_and_names_bad_ones(client, county):
    client.force_login(county.front_door_officer)
    contact = services.contact_start(by=county.front_door_officer)
    url = f"/front-door/contacts/{contact.pk}/caller/"
    page = client.post(url, {"received_on_0": "1", "received_on_1": "1", "received_on_2": "2099",
                             "received_time": "25:00", "source": "2A", "caller_name": "Ms Patel"}).content.decode()  # fmt: skip
    assert "Enter the time as hours and minutes" in page
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(url, {"received_on_0": yesterday.day, "received_on_1": yesterday.month,
                                 "received_on_2": yesterday.year, "received_time": "14:30", "source": "2A",
                                 "caller_name": "Ms Patel"})  # fmt: skip
    assert response.status_code == 302
    contact.refresh_from_db()
    local = timezone.localtime(contact.received_at)
    assert (local.date(), local.hour, local.minute) == (yesterday, 14, 30)


def test_the_decision_pages_history_costs_the_same_whoever_the_contact_is_about(client, county):
    from hearth.core.tests.factories import PersonFactory
    from hearth.core.tests.queries import assert_queries_do_not_grow

    contact = recorded(county)
    services.contact_submit(by=county.front_door_officer, contact=contact)
    client.force_login(county.front_door_officer)

    def more_family():
        Contact = type(contact)
        draft = Contact.objects.get(pk=contact.pk)
        for _ in range(3):
            person = PersonFactory(district=county.aldermoor)
            draft.subjects.create(authority=county.authority, person=person, role=SubjectRole.FAMILY)

    url = f"/front-door/contacts/{contact.pk}/"
    client.get(url)  # the audit chain head exists after the first view
    assert_queries_do_not_grow(lambda: client.get(url), more_family)
