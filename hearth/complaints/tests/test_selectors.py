from __future__ import annotations

from datetime import date

import pytest

from hearth.complaints import selectors
from hearth.complaints.tests.conftest import record

pytestmark = pytest.mark.django_db


def test_the_child_of_a_complaint_is_shown_as_the_access_policy_allows(county, officers):
    open_one = record(officers.officer, child=county.allocated_child)
    restricted = record(officers.officer, child=county.restricted_child)
    sealed = record(officers.officer, child=county.sealed_child)
    elsewhere = record(officers.officer, child=county.eastwold_child)
    none = record(officers.officer)
    officer = officers.officer
    assert selectors.child_of(user=officer, complaint=open_one) == selectors.ChildShown(
        county.allocated_child, full=True
    )
    assert selectors.child_of(user=officer, complaint=restricted) == selectors.ChildShown(
        county.restricted_child
    )
    assert (
        selectors.child_of(user=officer, complaint=sealed) == selectors.ChildShown()
    )  # as if there were none
    assert selectors.child_of(user=county.colleague, complaint=sealed).full  # named on the grant
    assert selectors.child_of(user=officer, complaint=none) == selectors.ChildShown()
    # Someone who reaches only their district is told there is a child they cannot see, but not who.
    assert selectors.child_of(user=county.social_worker, complaint=elsewhere) == selectors.ChildShown(
        hidden=True
    )


def test_lists_start_from_the_users_council_and_filter_by_state(county, officers):
    ours = record(officers.officer, received_on=date(2026, 1, 5))
    record(officers.other)
    mine = record(officers.colleague, handled_by=officers.officer, received_on=date(2026, 2, 2))
    listed = selectors.complaints(user=officers.officer, today=date(2026, 1, 12))
    assert list(listed) == [ours, mine]  # by due date, soonest first
    assert list(selectors.complaints(user=officers.officer, today=date(2026, 1, 20), overdue=True)) == [ours]
    assert list(selectors.complaints(user=officers.colleague, today=date(2026, 1, 12), mine=True)) == []
    assert list(selectors.complaints(user=officers.officer, today=date(2026, 1, 12), kind="corporate")) == []
