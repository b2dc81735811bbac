"""Issue 5's journey in one browser session: a child comes into care under section 20, moves placement,
goes missing twice, has a return home interview, has their first review on time, and leaves care through a
special guardianship order. The care journey, its costs and the chronology are checked at each step, and a
manager sees the placement on the placements page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import Page, expect

from hearth.accounts.roles import Role
from hearth.care.models import ProviderKind
from hearth.care.tests.factories import provider
from hearth.care.timescales import review_due
from hearth.core.jinja import govuk_date
from hearth.core.tests.factories import PASSWORD, UserFactory
from tests.browser.forms import fill_date


def summary(page: Page, key: str):
    return page.locator(".govuk-summary-list__row", has=page.get_by_text(key, exact=True)).locator(
        ".govuk-summary-list__value"
    )


def test_into_care_missing_twice_reviewed_and_out_through_special_guardianship(visit, county):
    today = timezone.localdate()
    child = county.allocated_child
    started = today - timedelta(days=40)
    moved = started + timedelta(days=10)
    foster = provider(county.authority, name="The Hills (foster carers)", weekly="363.27")
    aunt = provider(county.authority, kind=ProviderKind.CONNECTED, name="Aunt Jo Allocated", weekly="250.00")
    UserFactory(team=county.central, username="iro", role=Role.IRO, practitioner_kind="")

    # Into care under section 20, with our own foster carers.
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{child.pk}/")
    page.get_by_text("Record care").click()
    page.get_by_role("link", name="Start to be looked after").click()
    visit.axe()
    page.get_by_role("button", name="Save").click()
    visit.axe("errors shown")
    expect(page.get_by_role("alert")).to_contain_text("Enter date the child started to be looked after")
    fill_date(page, "Date the child started to be looked after", started)
    page.get_by_label("Legal status").select_option("V2")
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_label("Carer or provider").select_option(str(foster.pk))
    page.get_by_label("Postcode of the child’s home before care").fill("BK1 2CD")
    page.get_by_role("button", name="Save").click()
    visit.axe("in care")
    expect(page.get_by_text("The child is looked after")).to_be_visible()
    expect(summary(page, "Legal status")).to_contain_text("Accommodated under section 20")
    expect(summary(page, "Cost")).to_have_text("£363.27 a week (£18,890.04 a year)")
    first_review = review_due(period_start=started, number=1)
    expect(summary(page, "Next review")).to_contain_text(govuk_date(first_review))

    # Moves to an aunt (connected carer): a new episode, reason P, with the reason for the move.
    page.get_by_text("Record care").click()
    page.get_by_role("link", name="Change legal status or placement").click()
    visit.axe()
    fill_date(page, "Date of the change", moved)
    page.get_by_label("New placement type").select_option("U3")
    page.get_by_label("New carer or provider").select_option(str(aunt.pk))
    page.get_by_role("button", name="Save").click()
    visit.axe("move refused without a reason")
    expect(page.get_by_role("alert")).to_contain_text("Select why the placement changed")
    page.get_by_label("Why the placement changed").select_option("CARPL")
    page.get_by_role("button", name="Save").click()
    visit.axe("moved")
    expect(summary(page, "Placement")).to_contain_text("Aunt Jo Allocated")
    expect(summary(page, "Cost")).to_have_text("£250.00 a week (£13,000.00 a year)")
    cost = (Decimal("363.27") * 10 / 7 + Decimal("250.00") * (today - moved).days / 7).quantize(
        Decimal("0.01")
    )
    expect(summary(page, "Cost of care so far")).to_have_text(f"£{cost:,.2f}")
    episodes = page.get_by_role("table", name="Episodes of this period of care (SSDA903)")
    expect(episodes.get_by_role("row")).to_have_count(3)
    expect(episodes).to_contain_text("Change of placement and carer (P)")

    # Missing twice; back each time; a return home interview for the second.
    for days_ago, hours in ((20, "19:00"), (12, "22:15")):
        page.get_by_role("link", name="Record a missing episode").click()
        visit.axe()
        page.get_by_role("group", name="What happened").get_by_label("Missing", exact=True).check()
        fill_date(page, "Date they went missing", today - timedelta(days=days_ago))
        page.get_by_label("Time they went missing").fill(hours)
        fill_date(page, "Date they came back (if they have)", today - timedelta(days=days_ago - 1))
        page.get_by_label("Time they came back").fill("09:30")
        page.get_by_label("Where they were found (optional)").fill("A friend’s house in town")
        page.get_by_role("button", name="Save").click()
        visit.axe("missing episode recorded")
    expect(page.get_by_text("2 missing episodes in the last 90 days.")).to_be_visible()
    page.get_by_role("link", name="Record a return home interview").click()
    visit.axe()
    page.get_by_role("group", name="Missing episode").get_by_role("radio").last.check()
    page.get_by_role("group", name="What happened to the offer").get_by_label("Accepted and held").check()
    fill_date(page, "Date it was offered", today - timedelta(days=11))
    page.get_by_label("Time it was offered").fill("10:00")
    fill_date(page, "Date the interview was held (if it was)", today - timedelta(days=10))
    page.get_by_role("button", name="Save").click()
    visit.axe("interview recorded")
    expect(page.get_by_role("table", name="Latest missing episodes")).to_contain_text("Accepted and held")
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    # The first review, chaired and recorded by the independent reviewing officer, on time.
    page = visit.sign_in("iro", PASSWORD)
    visit.goto(f"/people/{child.pk}/")
    page.get_by_text("Record care").click()
    page.get_by_role("link", name="Record a looked-after review").click()
    visit.axe()
    fill_date(page, "Date of the review", first_review - timedelta(days=2))
    page.get_by_label("How the child took part").select_option("PN1")
    page.get_by_label("Decisions and recommendations").fill("Plan for special guardianship with her aunt.")
    page.get_by_role("button", name="Save").click()
    visit.axe("review recorded")
    reviews = page.get_by_role("table", name="Reviews chaired by an independent reviewing officer")
    expect(reviews.get_by_role("row").nth(1)).to_contain_text(govuk_date(first_review - timedelta(days=2)))
    expect(summary(page, "Next review")).to_contain_text(govuk_date(review_due(
        period_start=started, number=2, previous_held_on=first_review - timedelta(days=2))))  # fmt: skip
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    # Permanence: special guardianship to the aunt, which ends care and achieves the plan.
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{child.pk}/")
    page.get_by_text("Record care").click()
    page.get_by_role("link", name="Agree a permanence plan").click()
    visit.axe()
    page.get_by_label("Special guardianship order").check()
    fill_date(page, "Date the plan was agreed", first_review - timedelta(days=2))
    page.get_by_role("button", name="Save").click()
    visit.axe("permanence plan")
    page.get_by_text("Record care").click()
    page.get_by_role("link", name="Stop being looked after").click()
    visit.axe()
    fill_date(page, "Date the child stopped being looked after", today - timedelta(days=1))
    page.get_by_label("Reason").select_option("E45")
    page.get_by_role("button", name="Save").click()
    visit.axe("left care")
    expect(page.get_by_text("Not looked after now.")).to_contain_text(
        "special guardianship order to former foster carers who are relatives or friends"
    )
    expect(page.get_by_text("Permanence plan: Special guardianship order")).to_contain_text("achieved")

    # The chronology has every step.
    page.get_by_role("link", name="See the chronology").click()
    visit.axe()
    for words in ("Started to be looked after", "moved to", "Missing from", "Return home interview: accepted and held",
                  "Looked-after review 1 held", "Permanence plan: special guardianship order", "Stopped being looked after"):  # fmt: skip
        expect(page.get_by_text(words).first).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    # The manager's placements page shows the county's placements and costs (none now: she has left care).
    page = visit.sign_in("tm", PASSWORD)
    page.get_by_role("link", name="Placements").click()
    visit.axe()
    expect(page.get_by_role("table", name="By category")).to_contain_text("1,255")
