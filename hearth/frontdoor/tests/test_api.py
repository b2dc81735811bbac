from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from hearth.audit.models import AuditEvent
from hearth.frontdoor.models import Contact, ContactStatus
from hearth.frontdoor.partners import partner_create, partner_token_issue, partner_token_revoke
from hearth.people.models import Person

URL = reverse("api-contacts")


@pytest.fixture
def police(county):
    partner = partner_create(authority_id=county.authority.pk, name="Brackenshire Police", source="6")
    record, token = partner_token_issue(partner=partner, name="Control room")
    return partner, record, token


@pytest.fixture
def school(county):
    partner = partner_create(authority_id=county.authority.pk, name="Fernbridge Academy", source="2A")
    return partner_token_issue(partner=partner, name="DSL")[1]


def body(**overrides):
    data = {
        "partner_reference": "PC-2026-0042", "caller_name": "PC Shah", "caller_relationship": "Attending officer",
        "worries": "Domestic incident; children present", "consent": "not_asked",
        "child": {"given_name": "Jaden", "family_name": "Smtih", "date_of_birth": "2016-03-04"},
        "family_members": [{"given_name": "Kerry", "family_name": "Smith"}],
    }  # fmt: skip
    data.update(overrides)
    return data


def post(client, token, data, **extra):
    raw = data if isinstance(data, str) else json.dumps(data)
    return client.post(
        URL, raw, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}", **extra
    )


def test_a_partner_sends_a_contact_and_it_joins_the_queue_linked_to_the_existing_child(
    client, county, police, jayden
):
    _, _, token = police
    response = post(client, token, body())
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "received" and data["partner_reference"] == "PC-2026-0042"
    contact = Contact.objects.get(pk=data["id"])
    assert contact.status == ContactStatus.AWAITING_DECISION and contact.source == "6"
    assert jayden in [s.person for s in contact.subjects.all()]  # the misspelt name found the child
    assert Person.objects.filter(given_name="Kerry").exists()  # nobody matched the mother: a new record


def test_a_partner_reads_back_only_the_status_of_what_it_sent(client, county, police, school, jayden):
    _, _, token = police
    contact_id = post(client, token, body()).json()["id"]
    own = client.get(
        reverse("api-contact", kwargs={"contact_id": contact_id}), HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert own.status_code == 200 and set(own.json()) == {
        "id",
        "partner_reference",
        "status",
        "received_at",
        "decision_due_at",
        "decided_at",
        "outcome",
    }
    other = client.get(
        reverse("api-contact", kwargs={"contact_id": contact_id}), HTTP_AUTHORIZATION=f"Bearer {school}"
    )
    assert other.status_code == 404


def test_a_revoked_token_is_refused(client, county, police):
    _, record, token = police
    partner_token_revoke(token=record)
    response = post(client, token, body())
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("header", ["", "Bearer nonsense", "Bearer hth_0000000000_wrong", "Basic abc"])
def test_a_missing_or_unknown_token_is_refused(client, county, police, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, json.dumps(body()), content_type="application/json", **extra)
    assert response.status_code == 401 and response.json()["errors"]


def test_bad_json_is_a_400_and_creates_nothing(client, county, police):
    response = post(client, police[2], '{"partner_reference": ')
    assert response.status_code == 400 and response.json()["errors"]
    assert not Contact.objects.exists()


def test_unknown_fields_and_wrong_types_are_named(client, county, police):
    response = post(client, police[2], body(colour="blue", consent=7,
                                            child={"given_name": "A", "family_name": "B", "date_of_birth": "yesterday", "shoe": 5}))  # fmt: skip
    fields = {e["field"] for e in response.json()["errors"]}
    assert response.status_code == 400
    assert {"colour", "consent", "child.shoe"} <= fields
    assert not Contact.objects.exists() and not Person.objects.filter(given_name="A").exists()


def test_impossible_people_are_refused_with_the_field_and_nothing_is_saved(client, county, police):
    response = post(client, police[2], body(child={"given_name": "A", "family_name": "B", "date_of_birth": "2090-01-01",
                                                   "nhs_number": "1234567890", "postcode": "nowhere"}))  # fmt: skip
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert response.status_code == 400
    assert set(errors) == {"child.date_of_birth", "child.nhs_number", "child.postcode"}
    assert not Contact.objects.exists() and not Person.objects.filter(given_name="A").exists()


def test_an_oversized_body_is_refused(client, county, police):
    response = post(client, police[2], body(worries="x" * 70_000))
    assert response.status_code == 413
    assert not Contact.objects.exists()


def test_every_call_is_audited_including_refusals(client, county, police):
    post(client, police[2], body())
    post(client, "hth_0000000000_wrong", body())
    entries = list(AuditEvent.objects.filter(channel="api").values_list("action", "actor_label"))
    assert ("create", "Partner: Brackenshire Police (token " + police[1].prefix + ")") in entries
    assert ("refused", "Unknown API caller") in entries


def test_the_openapi_document_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["info"]["title"] == "Hearth partner API"
    assert "/api/v1/contacts/" in document["paths"]


def test_staff_sessions_do_not_open_the_api(client, county):
    client.force_login(county.front_door_officer)
    assert client.post(URL, json.dumps(body()), content_type="application/json").status_code == 401


def test_the_partners_command_adds_issues_and_revokes(db, county):
    out = StringIO()
    call_command("partners", "add", "Fernbridge Hospital", "--source", "3E", "--authority", "999", stdout=out)
    partner_id = out.getvalue().split()[2].rstrip(":")
    call_command("partners", "token", partner_id, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    assert token.startswith("hth_")
    call_command("partners", "revoke", token.split("_")[1], stdout=out)
    assert "Revoked" in out.getvalue()
