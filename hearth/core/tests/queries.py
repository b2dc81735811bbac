"""Checks that a list page's number of queries does not grow with its rows (no query per row)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as context:
        fetch()
    return len(context.captured_queries)


def assert_queries_do_not_grow(fetch: Callable[[], object], add_rows: Callable[[], object]) -> None:
    fetch()  # warm caches (content types, sessions) so both counts are like for like
    before = count_queries(fetch)
    add_rows()
    after = count_queries(fetch)
    assert after == before, f"{before} queries with few rows, {after} with more: a query per row?"
