from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from hearth.audit.models import AuditAction, AuditEvent
from hearth.audit.services import audit_record, audit_verify
from hearth.core.tests.factories import AuthorityFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time by itself; this checks PostgreSQL's row lock")
    authority = AuthorityFactory()
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                audit_record(
                    action=AuditAction.VIEW, summary=f"Writer {n} entry {i}", authority_id=authority.pk
                )
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    counts, problems = audit_verify()
    assert problems == []
    assert AuditEvent.objects.filter(authority=authority).count() == 60
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 61))
    assert counts
