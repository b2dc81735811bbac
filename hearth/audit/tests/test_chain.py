from __future__ import annotations

from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from hearth.audit.chain import GENESIS, chain_name, entry_hash
from hearth.audit.models import AuditAction, AuditEvent
from hearth.audit.services import audit_record, audit_verify


@pytest.fixture
def entries(county):
    return [
        audit_record(action=AuditAction.VIEW, summary=f"Entry {n}", actor=county.social_worker,
                     person=county.allocated_child, obj=county.allocated_child, changes={"n": n})
        for n in range(1, 6)
    ]  # fmt: skip


def _raw(sql: str, params: list) -> None:
    # Tampering as someone with database access would: straight SQL, past the application.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_each_entry_links_to_the_one_before(entries):
    assert entries[0].prev_hash == GENESIS
    for before, after in pairwise(entries):
        assert after.prev_hash == before.hash
        assert after.seq == before.seq + 1


def test_each_authority_has_its_own_chain(county, entries):
    theirs = audit_record(
        action=AuditAction.SIGN_IN, summary="Signed in", actor=county.second_authority_worker
    )
    assert theirs.chain == chain_name(county.other.pk)
    assert theirs.seq == 1


def test_an_intact_chain_verifies(entries):
    counts, problems = audit_verify()
    assert problems == []
    assert counts[entries[0].chain] == 5


def test_an_edited_entry_is_detected(entries):
    _raw("UPDATE audit_auditevent SET summary = %s WHERE id = %s", ["Nothing to see", entries[2].pk])
    _, problems = audit_verify()
    assert [(p.seq, p.message) for p in problems] == [(3, "its contents were changed after it was written")]


def test_an_edited_entry_with_a_recomputed_hash_is_detected_by_the_next_link(entries):
    event = AuditEvent.objects.get(pk=entries[1].pk)
    fields = {f: getattr(event, f) for f in ("chain", "seq", "at", "authority_id", "actor_id", "actor_label",
              "action", "object_type", "object_id", "person_id", "summary", "changes", "channel",
              "ip_address", "path", "method", "prev_hash")}  # fmt: skip
    fields["summary"] = "Rewritten"
    _raw("UPDATE audit_auditevent SET summary = %s, hash = %s WHERE id = %s",
         ["Rewritten", entry_hash(fields), event.pk])  # fmt: skip
    _, problems = audit_verify()
    assert [(p.seq, p.message) for p in problems] == [(3, "it does not link to the entry before it")]


def test_a_deleted_entry_is_detected(entries):
    _raw("DELETE FROM audit_auditevent WHERE id = %s", [entries[1].pk])
    _, problems = audit_verify()
    assert [(p.seq, p.message) for p in problems] == [(3, "entries 2 are missing")]


def test_entries_deleted_from_the_end_are_detected(entries):
    _raw("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", [entries[3].pk, entries[4].pk])
    _, problems = audit_verify()
    assert [p.message for p in problems] == ["the chain ends at entry 3 but 5 were written"]


def test_the_application_cannot_change_or_delete_entries(entries):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=entries[0].pk).update(summary="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=entries[0].pk).delete()
    event = AuditEvent.objects.get(pk=entries[0].pk)
    event.summary = "x"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_hearth_audit_verify_reports_an_intact_log(entries):
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"{entries[0].chain}: 5 entries checked, intact" in out.getvalue()


def test_hearth_audit_verify_fails_on_tampering(entries):
    _raw("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["Someone else", entries[0].pk])
    out = StringIO()
    with pytest.raises(CommandError, match="tampered with"):
        call_command("audit", "verify", stdout=out)
    assert "entry 1: its contents were changed" in out.getvalue()


def test_hearth_audit_verify_says_when_there_is_nothing_to_check(db):
    with pytest.raises(CommandError, match="no audit entries"):
        call_command("audit", "verify", stdout=StringIO())
