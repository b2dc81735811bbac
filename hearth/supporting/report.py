"""The Supporting Families (BRFC) performance report for members, in the layout of seed 000's "BRFC
Performance Report (October 2019)": families worked with and their district table, presenting needs and the
criteria table, successful closures split into SSP and CE with the conversion rate against the attachment
target and the 80% goal, recidivism, and the districts' investment plans (the cover report's Fig. 5).
Figures from hearth.supporting.figures; nobody is named.
"""

from __future__ import annotations

from datetime import date

from hearth.core.charts import COLOURS, Series, bar_chart, line_chart
from hearth.core.jinja import govuk_date
from hearth.core.reports import Block, Chart, Section, Table, Text, percent, written
from hearth.organisation.models import Authority, District
from hearth.supporting.figures import Figures, programme_figures
from hearth.supporting.models import ClaimKind, InvestmentPlan
from hearth.supporting.programme import CONVERSION_GOAL, programme_year, year_label

DEFINITIONS = [
    ("Families attached (worked with)",
     "Families attached to the programme on or before the date, whether they are still being worked with or "
     "have left since. A family is attached when it meets at least 2 of the 6 headline criteria. Its district "
     "is where it lived when it was attached."),
    ("People and children",
     "Everyone recorded as a member of an attached family; children are those recorded as children. The share "
     "of the county's children is out of the children aged 0 to 17 living in its districts."),
    ("Presenting needs (criteria)",
     "Families meeting each headline criterion by the date. A family can meet several, so the percentages of "
     "families add up to more than 100%."),
    ("Successful closure",
     "A claim made on or before the date and not withdrawn or rejected by then: significant and sustained "
     "progress (SSP) against every outcome in the family's plan, or continuous employment (CE), an adult in the "
     "family in work for 26 weeks."),
    ("Attachment target",
     "The number of families the council aimed to attach, added up over every programme year (1 April to "
     "31 March) that has started by the date."),
    ("Conversion rate",
     "Successful closures as a percentage of the attachment target, not of the families attached. The goal "
     f"is {CONVERSION_GOAL}%. By programme year: successful closures of the families attached that year, as a "
     "percentage of that year's target."),
    ("Recidivism rate",
     "Successful closures after which someone in the family had a children's social care intervention start "
     "(a referral, or a social care, child protection or looked-after involvement) after the claim and on or "
     "before the date, as a percentage of successful closures."),
    ("District investment plans",
     "The money devolved to each district for the programme year the date falls in, and the priorities it buys."),
]  # fmt: skip


def one_place(share: float | None) -> str:
    """A percentage to one decimal place, as the seed writes recidivism ("2.5%"); "no data" for None."""
    return written(share, "percent1")


def _count_and_share(rows: list[tuple[str, int]], whole: int) -> list[tuple[str, int, float | None]]:
    return [(label, n, percent(n, whole)) for label, n in rows]


def _families_worked_with(f: Figures, council: str) -> list[Block]:
    paragraphs = (
        f"{council} has worked with a total of {written(f.families, 'count')} families (encompassing "
        f"{written(f.people, 'count')} people).",
        f"They include {written(f.children, 'count')} children: {written(f.children_share, 'percent')} of the "
        "county's children being worked with as part of the programme.",
    )
    rows = _count_and_share(f.by_district, f.families)
    chart = bar_chart(chart_id="brfc-districts", title="Families attached to the programme by district",
                      summary="The number of families attached in each district; the figures are in the next table.",
                      x_labels=[name for name, _ in f.by_district], values=[n for _, n in f.by_district],
                      name="Families", colour=COLOURS[0])  # fmt: skip
    table = Table("by-district", "Families attached to the programme by district",
                  ("District", "Number of families", "% of families"), ("text", "count", "percent"), rows)  # fmt: skip
    return [Text(paragraphs, heading="Families worked with"), Chart(chart, table.key), table]


def _presenting_needs(f: Figures) -> list[Block]:
    ranked = sorted(f.by_criterion, key=lambda row: -row[1])
    if f.families and ranked[0][1]:
        (top, n1), (second, n2), (third, n3) = ranked[:3]
        share = lambda n: written(percent(n, f.families), "percent")  # noqa: E731
        paragraphs: tuple[str, ...] = (
            f"The most common need of the {written(f.families, 'count')} families is {top.lower()}: "
            f"{share(n1)} of them meet this criterion.",
            f"The next most common are {second.lower()} ({share(n2)}) and {third.lower()} ({share(n3)}).",
        )
    else:
        paragraphs = ("No families had been attached to the programme by this date.",)
    chart = bar_chart(chart_id="brfc-criteria", title="Presenting needs of families",
                      summary="The number of families meeting each headline criterion; the figures are in the next table.",
                      x_labels=[_short(label) for label, _ in f.by_criterion], values=[n for _, n in f.by_criterion],
                      name="Families", colour=COLOURS[0])  # fmt: skip
    table = Table("by-criterion", "Presenting needs of families", ("Criteria", "Number of families", "% of families"),
                  ("text", "count", "percent"), _count_and_share(f.by_criterion, f.families),
                  note="A family can meet several criteria, so the percentages add up to more than 100%.")  # fmt: skip
    return [Text(paragraphs, heading="Presenting needs"), Chart(chart, table.key), table]


def _short(label: str) -> str:
    """A criterion's name short enough for the chart's axis; the table beside it has the full name."""
    return {"Children in need of help": "Children", "Crime or anti-social behaviour": "Crime, ASB",
            "Worklessness or financial exclusion": "Work, money", "School attendance": "School",
            "Domestic abuse": "Abuse"}.get(label, label)  # fmt: skip


def _successful_closures(f: Figures) -> list[Block]:
    ssp_share, ce_share = percent(f.ssp, f.successful), percent(f.ce, f.successful)
    paragraphs = (
        f"The split between closures for SSP and CE was {written(f.ssp, 'count')} and {written(f.ce, 'count')} "
        f"({written(ssp_share, 'percent')} and {written(ce_share, 'percent')}).",
        f"There have been a total of {written(f.successful, 'count')} successful closures giving us a conversion "
        f"rate of {written(f.conversion, 'percent')} against the attachment target of {written(f.target, 'count')} "
        f"families. The goal is a conversion rate of {CONVERSION_GOAL}%.",
    )
    by_kind = Table("closures", "Successful closures by type",
                    ("Type of successful closure", "Number of families", "% of successful closures"),
                    ("text", "count", "percent"),
                    [(ClaimKind.SSP.label, f.ssp, ssp_share), (ClaimKind.CE.label, f.ce, ce_share),
                     ("Total", f.successful, percent(f.successful, f.successful))], total=True)  # fmt: skip
    rows: list[tuple[str, int | None, int, int, float | None, int]] = [
        (year_label(y.year), y.target, y.attached, y.successful, y.conversion, CONVERSION_GOAL)
        for y in f.years
    ]
    rows.append(("All years to date", f.target, f.families, f.successful, f.conversion, CONVERSION_GOAL))
    by_year = Table("conversion", "Successful closures against the attachment target",
                    ("Programme year", "Attachment target", "Families attached", "Successful closures",
                     "Conversion rate", "Goal"), ("text", "count", "count", "count", "percent", "percent"), rows,
                    total=True, note="By year: successful closures of the families attached that year.")  # fmt: skip
    trend = Table("conversion-trend", "Conversion rate at the end of each quarter",
                  ("Date", "Successful closures", "Attachment target", "Conversion rate"),
                  ("text", "count", "count", "percent"),
                  [(govuk_date(p.on), p.successful, p.target, p.conversion) for p in f.trend])  # fmt: skip
    chart = line_chart(chart_id="brfc-conversion", title="Conversion rate against the attachment target",
                       summary=f"The conversion rate at the end of each quarter, with the {CONVERSION_GOAL}% goal; "
                               "the figures are in the next table.",
                       x_labels=[f"{p.on:%b %Y}" for p in f.trend],
                       series=[Series("Conversion rate", [p.conversion for p in f.trend]),
                               Series(f"Goal ({CONVERSION_GOAL}%)", [CONVERSION_GOAL] * len(f.trend))])  # fmt: skip
    return [Text(paragraphs, heading="Successful closures"), by_kind, by_year, Chart(chart, trend.key), trend]


def _recidivism(f: Figures) -> list[Block]:
    paragraphs = (
        f"Our recidivism rate (those families receiving a later intervention from children's social care after a "
        f"successful closure) was {one_place(f.recidivism)} of the families achieving successful outcomes "
        f"({written(f.recidivist, 'count')} of {written(f.successful, 'count')}).",
    )
    rows = [(ClaimKind.SSP.label, f.ssp, f.recidivist_ssp, percent(f.recidivist_ssp, f.ssp)),
            (ClaimKind.CE.label, f.ce, f.recidivist_ce, percent(f.recidivist_ce, f.ce)),
            ("Total", f.successful, f.recidivist, f.recidivism)]  # fmt: skip
    table = Table("recidivism", "Recidivism after a successful closure",
                  ("Type of successful closure", "Successful closures", "With a later social care intervention",
                   "Recidivism rate"), ("text", "count", "count", "percent1"), rows, total=True)  # fmt: skip
    return [Text(paragraphs, heading="Recidivism"), table]


def _investment(authority_id: int, on: date) -> list[Block]:
    year = programme_year(on)
    plans = {p.district_id: p for p in InvestmentPlan.objects.filter(authority_id=authority_id, year=year)}
    rows: list[tuple[str, int | None, str]] = []
    for district in District.objects.filter(authority_id=authority_id).order_by("name"):
        plan = plans.get(district.pk)
        rows.append((district.name, plan.amount if plan else None,
                     "; ".join(plan.priority_list) if plan else "No plan recorded"))  # fmt: skip
    total = sum(p.amount for p in plans.values()) if plans else None
    rows.append(("Total", total, ""))
    lead = (f"The money devolved to districts for {year_label(year)}, and what each district's investment plan buys."
            if plans else f"No district investment plans are recorded for {year_label(year)}.")  # fmt: skip
    table = Table("investment", f"District investment plans, {year_label(year)}",
                  ("District", "Investment", "What it buys"), ("text", "money", "text"), rows, total=True)  # fmt: skip
    return [Text((lead,), heading="District investment plans"), table]


def brfc_section(*, authority_id: int, on: date) -> Section:
    return brfc_report(programme_figures(authority_id=authority_id, on=on), authority_id=authority_id)


def brfc_report(f: Figures, *, authority_id: int) -> Section:
    """The report from figures already worked out (the programme's overview page shows both)."""
    council = Authority.objects.get(pk=authority_id).short_name
    blocks: list[Block] = [
        *_families_worked_with(f, council),
        *_presenting_needs(f),
        *_successful_closures(f),
        *_recidivism(f),
        *_investment(authority_id, f.on),
    ]
    return Section("brfc", "Supporting Families (BRFC) performance report", f.on, blocks, list(DEFINITIONS))
