from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hearth.audit.models import AuditAction, AuditEvent
from hearth.audit.services import audit_record
from hearth.core.tests.queries import assert_queries_do_not_grow


def _person_urls(arg: str = "person_id") -> list[str]:
    """Every URL pattern that takes a person_id (or household_id): each shows a person's record."""
    found: list[str] = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and set(p.pattern.regex.groupindex) == {arg}:
                found.append(prefix + p.name)

    walk(get_resolver().url_patterns)
    return found


def test_there_are_person_record_pages_to_check():
    assert "people:detail" in _person_urls()


@pytest.mark.parametrize("url_name", _person_urls())
def test_every_person_record_view_writes_an_audit_entry(client, county, url_name):
    client.force_login(county.social_worker)
    before = AuditEvent.objects.filter(person_id=county.allocated_child.pk).count()
    response = client.get(reverse(url_name, kwargs={"person_id": county.allocated_child.pk}))
    if response.status_code == 405:
        pytest.skip("POST only: not a page that shows the record")
    assert response.status_code == 200
    entries = AuditEvent.objects.filter(person_id=county.allocated_child.pk)
    assert entries.count() == before + 1
    entry = entries.latest("seq")
    assert (entry.actor_id, entry.ip_address) == (county.social_worker.pk, "127.0.0.1")
    assert entry.action in ("view", "export")


@pytest.mark.parametrize("url_name", _person_urls("household_id"))
def test_every_family_page_writes_an_audit_entry_for_each_member_shown(client, county, url_name):
    from hearth.people.services import household_create

    household = household_create(by=county.front_door_officer, name="Test household",
                                 members=[county.allocated_child, county.unallocated_child])  # fmt: skip
    client.force_login(county.social_worker)
    before = AuditEvent.objects.filter(action="view").count()
    assert client.get(reverse(url_name, kwargs={"household_id": household.pk})).status_code == 200
    viewed = set(
        AuditEvent.objects.filter(action="view").order_by("seq")[before:].values_list("person_id", flat=True)
    )
    assert viewed == {county.allocated_child.pk, county.unallocated_child.pk}


def test_a_refused_look_at_a_record_is_audited(client, county):
    client.force_login(county.other_district_worker)
    response = client.get(reverse("people:detail", kwargs={"person_id": county.allocated_child.pk}))
    assert response.status_code == 403
    entry = AuditEvent.objects.get(person_id=county.allocated_child.pk)
    assert entry.action == AuditAction.REFUSED


def test_the_audit_page_is_for_administrators_only(client, county):
    client.force_login(county.team_manager)
    response = client.get(reverse("audit:list"))
    assert response.status_code == 403
    assert "You do not have access to this page" in response.content.decode()


def test_the_audit_page_filters_by_user_and_by_person(client, county):
    audit_record(action=AuditAction.VIEW, summary="Looked at Ava", actor=county.social_worker,
                 person=county.allocated_child)  # fmt: skip
    audit_record(action=AuditAction.VIEW, summary="Looked at Una", actor=county.team_manager,
                 person=county.unallocated_child)  # fmt: skip
    client.force_login(county.administrator)
    by_user = client.get(reverse("audit:list"), {"actor": county.social_worker.pk}).content.decode()
    assert "Looked at Ava" in by_user and "Looked at Una" not in by_user
    by_person = client.get(reverse("audit:list"), {"person": county.unallocated_child.pk}).content.decode()
    assert "Looked at Una" in by_person and "Looked at Ava" not in by_person
    assert "Una Unallocated, Hearth ID" in by_person


def test_the_audit_page_shows_no_other_authoritys_entries(client, county):
    audit_record(
        action=AuditAction.SIGN_IN, summary="Westmarch sign in", actor=county.second_authority_worker
    )
    client.force_login(county.administrator)
    assert "Westmarch sign in" not in client.get(reverse("audit:list")).content.decode()


def test_a_sealed_persons_name_is_not_shown_in_the_audit_log(client, county):
    audit_record(
        action=AuditAction.VIEW, summary="Looked", actor=county.colleague, person=county.sealed_child
    )
    client.force_login(county.administrator)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Sealed record, Hearth ID" in page and "Sid Sealed" not in page


def test_bad_audit_filters_get_a_clear_error(client, county):
    client.force_login(county.administrator)
    page = client.get(reverse("audit:list"), {"person": "abc", "date_from": "31 2 2026", "actor": "99999"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in text
    assert "Hearth ID as a number, like 1042" in text
    assert "Enter the start date as day month year" in text
    assert "Select a staff member from the list" in text


def test_the_audit_page_query_count_does_not_grow_with_entries(client, county):
    client.force_login(county.administrator)

    def more_entries():
        for person in (county.allocated_child, county.unallocated_child, county.sealed_child):
            for n in range(10):
                audit_record(
                    action=AuditAction.VIEW, summary=f"Entry {n}", actor=county.social_worker, person=person
                )

    assert_queries_do_not_grow(lambda: client.get(reverse("audit:list")), more_entries)
