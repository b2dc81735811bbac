"""Issue 4's whole journey in one browser session: a referral is assessed; a strategy discussion starts a
section 47 enquiry and an initial conference; a child protection plan starts with its core group and
review dates; the core group meets; the plan ends into child in need, then early help, with the same key
worker throughout. Each step shows on the chronology and in "My work"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hearth.casework.services import referral_open
from hearth.casework.steps import KEY_WORKER
from hearth.casework.timescales import core_group_due, review_conference_due
from hearth.core.jinja import govuk_date
from hearth.core.tests.factories import PASSWORD, AllocationFactory
from tests.browser.forms import fill_date


def test_from_referral_to_early_help_with_the_same_key_worker(visit, county):
    today = timezone.localdate()
    child = county.allocated_child
    # The family's early help key worker (a family support worker) is already allocated.
    AllocationFactory(person=child, worker=county.colleague, role=KEY_WORKER)
    referral_open(
        by=county.front_door_officer, person=child, referred_on=today - timedelta(days=20), source="2A"
    )

    # The assessment: recorded by the social worker, approved by the manager.
    page = visit.sign_in("sw", PASSWORD)
    page.get_by_role("table", name="1 assessments, soonest due first").get_by_role(
        "link", name="Ava Allocated"
    ).click()
    visit.axe()
    fill_date(page, "Date the child was seen", today - timedelta(days=10))
    page.get_by_label("Physical abuse: adult on child", exact=True).check()
    page.get_by_label("What happens next").select_option("strategy")
    page.get_by_label("Analysis and summary").fill(
        "Bruising explained inconsistently; a strategy discussion is needed."
    )
    page.get_by_role("button", name="Save and send to my manager").click()
    visit.axe("assessment submitted")
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()
    page = visit.sign_in("tm", PASSWORD)
    page.get_by_role("table", name="1 waiting for you").get_by_role("link", name="Ava Allocated").click()
    visit.axe()
    page.get_by_role("button", name="Approve").click()
    visit.axe("assessment approved")
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    # Strategy discussion, section 47 and the initial conference.
    page = visit.sign_in("sw", PASSWORD)
    visit.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name="Record a strategy discussion").click()
    visit.axe()
    strategy_on = today - timedelta(days=7)
    fill_date(page, "Date of the strategy discussion", strategy_on)
    page.get_by_role("group", name="Was a section 47 enquiry started?").get_by_label("Yes").check()
    page.get_by_label("Who took part").fill("Police, health, children's social care")
    page.get_by_role("button", name="Save").click()
    visit.axe("strategy discussion recorded")
    page.get_by_role("link", name="My work").click()
    visit.axe()
    expect(page.get_by_role("heading", name="Conferences due")).to_be_visible()
    page.get_by_role("table", name="1 conferences, soonest due first").get_by_role(
        "link", name="Ava Allocated"
    ).click()
    visit.axe()
    conference_on = today - timedelta(days=1)
    fill_date(page, "Date of the conference", conference_on)
    page.get_by_role("group", name="Does the child need a child protection plan?").get_by_label("Yes").check()
    page.get_by_label("Category of abuse (for a new plan)").select_option("PHY")
    page.get_by_role("button", name="Record the conference").click()
    visit.axe("plan started")
    expect(page.get_by_text(f"First core group due {govuk_date(core_group_due(conference_on))}; next review "
                            f"conference due {govuk_date(review_conference_due(conference_on))}")).to_be_visible()  # fmt: skip

    # The core group: in "My work", arranged with start and finish times, held, with an action.
    page.get_by_role("link", name="My work").click()
    visit.axe()
    page.get_by_role("table", name="1 meetings about the children allocated to you").get_by_role(
        "link", name="Ava Allocated"
    ).click()
    visit.axe()
    fill_date(page, "Date", today)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Finish time").fill("11:30")
    page.get_by_label("Where").fill("Aldermoor family centre")
    page.get_by_role("button", name="Save the date and times").click()
    visit.axe("arranged")
    page.get_by_label("Name").fill("Jo Allocated")
    page.get_by_label("Role or agency").fill("Mother")
    page.get_by_role("button", name="Add to the invitation list").click()
    visit.axe("attendee added")
    page.get_by_role("link", name="See the invitation to print or send").click()
    visit.axe()
    expect(page.get_by_text("The meeting will finish by 11:30am")).to_be_visible()
    page.go_back()
    visit.axe()
    fill_date(page, "Date it was held", today)
    page.get_by_label("Jo Allocated (Mother)").check()
    page.get_by_label("What the meeting decided").fill("Safety plan agreed with mother.")
    page.get_by_role("button", name="Record the meeting").click()
    visit.axe("core group recorded")
    page.get_by_label("What needs to be done").fill("Book a paediatric check")
    page.get_by_label("Who will do it").select_option(label="Sam Okoro")
    fill_date(page, "Due by", today + timedelta(days=7))
    page.get_by_role("button", name="Add the action").click()
    visit.axe("action added")
    page.get_by_role("link", name="My work").click()
    visit.axe()
    expect(page.get_by_role("table", name="Actions from meetings and plans that you own")).to_contain_text(
        "Book a paediatric check"
    )

    # The review conference ends the plan: child in need, then early help with the same key worker.
    visit.goto(f"/people/{child.pk}/")
    page.get_by_role("link", name="Record the conference").click()
    visit.axe()
    fill_date(page, "Date of the conference", today)
    page.get_by_role("group", name="Does the child need a child protection plan?").get_by_label("No").check()
    page.get_by_role("button", name="Record the conference").click()
    visit.axe("plan ended")
    expect(page.get_by_text("Children’s social care", exact=True)).to_be_visible()
    page.get_by_text("Change their details").click()
    page.get_by_role("link", name="Step down to early help").click()
    visit.axe()
    page.get_by_role("button", name="Save").click()
    visit.axe("stepped down")
    expect(
        page.get_by_text("Stepped down to early help. The key worker stays with the family")
    ).to_be_visible()
    working = page.get_by_role("table").filter(has_text="Worker")
    expect(working.get_by_role("row").filter(has_text="Key worker")).to_contain_text("Current")

    visit.goto(f"/people/{child.pk}/chronology/")
    for step in ("Assessment completed: Strategy discussion (possible section 47 enquiry)",
                 "Strategy discussion: section 47 enquiry started", "Child protection plan started (Physical abuse)",
                 "Core group meeting held", "Review conference: the child protection plan ended",
                 "Children’s social care involvement closed", "stays as the family’s key worker"):  # fmt: skip
        expect(page.get_by_text(step).first).to_be_visible()
    page.get_by_role("button", name="Sign out").first.click()
    visit.axe()

    # The key worker still has the family in "My work".
    page = visit.sign_in("colleague", PASSWORD)
    caseload = page.get_by_role("table").filter(has_text="Your role")
    expect(caseload.get_by_role("row").filter(has_text="Ava Allocated")).to_contain_text("Key worker")
