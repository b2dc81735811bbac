"""The complaints and compliments annual report for members, like the one seed 000's committee received
(minute 16: "Customer Feedback and Complaints Annual Report - Children's Social Care").

It covers the last complete financial year: the year from 1 April to 31 March that ended on or before the
report's date (a report dated 1 October 2019 covers 2018/19), with the year before beside it, and the current
year so far. Figures name nobody (hearth.core.reports).
"""

from __future__ import annotations

from datetime import date
from typing import cast

from hearth.complaints import procedures
from hearth.complaints.figures import (
    Figures,
    Period,
    figures_for,
    in_time_by_year,
    last_complete_year,
    month_order,
    open_on,
    year_containing,
)
from hearth.complaints.models import ComplaintKind, OmbudsmanDecision, Outcome, Service, Theme
from hearth.core.charts import Series, line_chart
from hearth.core.jinja import govuk_date
from hearth.core.reports import Chart, Format, Section, Table, Text, Value, percent, written

TARGET = 80  # % of responses within the timescale the committee hoped for (seed 000, minute 16)
TREND_YEARS = 4


def _change(last: int, this: int) -> float | None:
    return percent(this - last, last)


def _counts(n: int) -> tuple[Format, ...]:
    """A table's formats: the label, then `n` counts."""
    return ("text", *(cast(Format, "count") for _ in range(n)))


def _kind(kind: str) -> str:
    return ComplaintKind(kind).label.split(" (")[0]


def complaints_section(*, authority_id: int, on: date) -> Section:
    year = last_complete_year(on)
    before = year.before()
    this = figures_for(authority_id=authority_id, period=year, on=on)
    last = figures_for(authority_id=authority_id, period=before, on=on)
    a, b = last.period.label, this.period.label
    blocks: list[Table | Chart | Text] = [_summary(this, last, on)]
    blocks += _stages(this, last, a, b)
    blocks += _timeliness(authority_id, this, last, a, b, on)
    blocks += _outcomes(this, last, a, b)
    blocks += _services(this, last, a, b)
    blocks += _learning(this, last, a, b, on)
    blocks += _ombudsman(this, last, a, b)
    blocks += _year_so_far(authority_id, on, year)
    return Section(
        "complaints", f"Complaints and compliments annual report {b}", on, blocks, _definitions(year)
    )


def _summary(this: Figures, last: Figures, on: date) -> Text:
    p = this.period
    statutory, corporate = this.received(ComplaintKind.STATUTORY), this.received(ComplaintKind.CORPORATE)
    share, before = (
        percent(this.all_in_time(), this.all_responses()),
        percent(last.all_in_time(), last.all_responses()),
    )
    decided = sum(this.ombudsman_decisions.values())
    return Text((
        f"This report covers the financial year {govuk_date(p.start)} to {govuk_date(p.end)}, the last whole year "
        f"ending on or before {govuk_date(on)}, with the year before beside it.",
        f"In {p.label} the council received {statutory:,} statutory complaints about children’s social care "
        f"(the Children Act 1989 procedure) and {corporate:,} corporate complaints, and {this.compliments:,} "
        f"compliments.",
        (f"{written(share, 'percent')} of responses were sent within the timescale, against a target of {TARGET}% "
         f"({written(before, 'percent')} in {last.period.label})." if share is not None else
         f"No responses were sent in {p.label}, so there is no share within the timescale to report."),
        f"{this.ombudsman_referrals:,} complaints went to the Local Government and Social Care Ombudsman, which "
        f"made {decided:,} decisions, {this.ombudsman_decisions[OmbudsmanDecision.UPHELD]:,} of them finding fault.",
    ), heading="Summary")  # fmt: skip


def _stage_rows(figures_this: Figures, figures_last: Figures, counter: str) -> list[list[Value]]:
    rows: list[list[Value]] = []
    for kind in ComplaintKind.values:
        for stage in procedures.stages_of(kind):
            key = (kind, stage.number)
            then, now = getattr(figures_last, counter)[key], getattr(figures_this, counter)[key]
            rows.append([f"{_kind(kind)}: {stage.label.lower()}", then, now, _change(then, now)])
    return rows


def _stages(this: Figures, last: Figures, a: str, b: str) -> list[Table | Chart | Text]:
    rows = _stage_rows(this, last, "stages_started")
    rows.append(
        ["Compliments", last.compliments, this.compliments, _change(last.compliments, this.compliments)]
    )
    table = Table("stages", "Complaints at each stage and compliments", ("Procedure and stage", a, b, "Change"),
                  ("text", "count", "count", "percent"), rows,
                  note="A complaint that goes on to a further stage counts once at each stage it reaches.")  # fmt: skip
    months = month_order(this.period)
    statutory = [this.received_by_month[(ComplaintKind.STATUTORY, m)] for m, _ in months]
    corporate = [this.received_by_month[(ComplaintKind.CORPORATE, m)] for m, _ in months]
    praise = [this.compliments_by_month[m] for m, _ in months]
    by_month: list[list[Value]] = [
        [label, statutory[i], corporate[i], praise[i]] for i, (_, label) in enumerate(months)
    ]
    month_table = Table("by-month", f"Complaints and compliments received each month, {b}",
                        ("Month", "Statutory complaints", "Corporate complaints", "Compliments"),
                        ("text", "count", "count", "count"), by_month)  # fmt: skip
    svg = line_chart(
        chart_id="complaints-by-month", title=f"Complaints and compliments received each month, {b}",
        summary="Statutory and corporate complaints and compliments received in each month of the year; the "
                "figures are in the table below.",
        x_labels=[label.split()[0] for _, label in months],
        series=[Series("Statutory", [float(n) for n in statutory]), Series("Corporate", [float(n) for n in corporate]),
                Series("Compliments", [float(n) for n in praise])],
    )  # fmt: skip
    return [
        Text((), heading="Complaints and compliments received"),
        table,
        Chart(svg, "by-month"),
        month_table,
    ]


def _timeliness(
    authority_id: int, this: Figures, last: Figures, a: str, b: str, on: date
) -> list[Table | Chart | Text]:
    rows: list[list[Value]] = []
    for kind in ComplaintKind.values:
        for stage in procedures.stages_of(kind):
            key = (kind, stage.number)
            rows.append([f"{_kind(kind)}: {stage.label.lower()}", last.responses[key],
                         percent(last.in_time[key], last.responses[key]), this.responses[key],
                         percent(this.in_time[key], this.responses[key]), this.extended[key]])  # fmt: skip
    rows.append(["All responses", last.all_responses(), percent(last.all_in_time(), last.all_responses()),
                 this.all_responses(), percent(this.all_in_time(), this.all_responses()), sum(this.extended.values())])  # fmt: skip
    table = Table("in-time", "Responses sent within the timescale",
                  ("Procedure and stage", f"Responses {a}", f"In time {a}", f"Responses {b}", f"In time {b}",
                   f"Extended {b}"), ("text", "count", "percent", "count", "percent", "count"), rows, total=True,
                  note=f"The target is {TARGET}% of responses within the timescale.")  # fmt: skip
    years = [this.period]
    while len(years) < TREND_YEARS:
        years.insert(0, years[0].before())
    trend = in_time_by_year(authority_id=authority_id, years=years, on=on)
    shares = [percent(k, n) for n, k in trend]
    trend_rows: list[list[Value]] = [
        [y.label, n, share, TARGET] for y, (n, _), share in zip(years, trend, shares, strict=True)
    ]
    trend_table = Table("in-time-by-year", "Responses within the timescale by year",
                        ("Year", "Responses", "In time", "Target"), ("text", "count", "percent", "percent"), trend_rows)  # fmt: skip
    svg = line_chart(
        chart_id="complaints-in-time", title="Responses within the timescale by year",
        summary=f"The share of responses sent within the timescale in each of the last {TREND_YEARS} years "
                f"against the {TARGET}% target; the figures are in the table below.",
        x_labels=[y.label for y in years],
        series=[Series("In time (%)", shares),
                Series(f"Target ({TARGET}%)", [float(TARGET)] * len(years))],
    )  # fmt: skip
    return [
        Text((), heading="Answered within the timescale"),
        table,
        Chart(svg, "in-time-by-year"),
        trend_table,
    ]


def _outcomes(this: Figures, last: Figures, a: str, b: str) -> list[Table | Chart | Text]:
    kinds = ComplaintKind.values
    head = ("Outcome", *(f"{_kind(k)} {y}" for k in kinds for y in (a, b)))
    rows: list[list[Value]] = []
    for value, label in Outcome.choices:
        rows.append([label, *(f.outcomes[(k, value)] for k in kinds for f in (last, this))])
    rows.append(
        [
            "All responses",
            *(sum(n for (p, _), n in f.outcomes.items() if p == k) for k in kinds for f in (last, this)),
        ]
    )
    table = Table("outcomes", "Outcomes of the responses sent in the year", head,
                  _counts(len(head) - 1), rows, total=True,
                  note="Each stage’s response counts once, with the outcome of that stage.")  # fmt: skip
    return [Text((), heading="Outcomes"), table]


def _services(this: Figures, last: Figures, a: str, b: str) -> list[Table | Chart | Text]:
    kinds = ComplaintKind.values
    head = (
        "Service",
        *(f"{_kind(k)} {y}" for k in kinds for y in (a, b)),
        f"Compliments {a}",
        f"Compliments {b}",
    )
    rows: list[list[Value]] = []
    for value, label in Service.choices:
        rows.append([label, *(f.received_by_service[(k, value)] for k in kinds for f in (last, this)),
                     last.compliments_by_service[value], this.compliments_by_service[value]])  # fmt: skip
    rows.append(
        [
            "All services",
            *(f.received(k) for k in kinds for f in (last, this)),
            last.compliments,
            this.compliments,
        ]
    )
    by_service = Table("by-service", "Complaints received and compliments by service", head,
                       _counts(len(head) - 1), rows, total=True)  # fmt: skip
    teams = sorted(set(this.received_by_team) | set(last.received_by_team), key=lambda t: (t == "", t))
    team_rows: list[list[Value]] = [
        [t or "No team recorded", last.received_by_team[t], this.received_by_team[t]] for t in teams
    ]
    team_rows.append(["All teams", sum(last.received_by_team.values()), sum(this.received_by_team.values())])
    by_team = Table("by-team", "Complaints received by team", ("Team", a, b), ("text", "count", "count"), team_rows,
                    total=True)  # fmt: skip
    subject_rows: list[list[Value]] = [
        [label, last.received_by_subject[v], this.received_by_subject[v]] for v, label in Theme.choices
    ]
    subject_rows.append(
        ["All complaints", sum(last.received_by_subject.values()), sum(this.received_by_subject.values())]
    )
    by_subject = Table("by-subject", "What complaints were mainly about", ("Mainly about", a, b),
                       ("text", "count", "count"), subject_rows, total=True)  # fmt: skip
    return [Text((), heading="By service and team"), by_service, by_team, by_subject]


def _learning(this: Figures, last: Figures, a: str, b: str, on: date) -> list[Table | Chart | Text]:
    rows: list[list[Value]] = []
    for value, label in Theme.choices:
        agreed = this.actions_agreed[value]
        rows.append([label, last.actions_agreed[value], agreed, this.actions_done[value],
                     percent(this.actions_done_by_due[value], agreed)])  # fmt: skip
    agreed = sum(this.actions_agreed.values())
    rows.append(["All themes", sum(last.actions_agreed.values()), agreed, sum(this.actions_done.values()),
                 percent(sum(this.actions_done_by_due.values()), agreed)])  # fmt: skip
    table = Table("learning", "Learning from complaints: actions agreed, by theme",
                  ("Theme", f"Agreed {a}", f"Agreed {b}", f"Done by {govuk_date(on)}", "Done by their due date"),
                  ("text", "count", "count", "count", "percent"), rows, total=True)  # fmt: skip
    return [Text(("Learning from each complaint is used to change practice: what was learned, the action agreed "
                  "and who owns it are recorded with the complaint.",), heading="Learning and actions"), table]  # fmt: skip


def _ombudsman(this: Figures, last: Figures, a: str, b: str) -> list[Table | Chart | Text]:
    rows: list[list[Value]] = [
        ["Complaints that went to the Ombudsman", last.ombudsman_referrals, this.ombudsman_referrals]
    ]
    for value, label in OmbudsmanDecision.choices:
        rows.append(
            [
                f"Decision: {label[0].lower()}{label[1:]}",
                last.ombudsman_decisions[value],
                this.ombudsman_decisions[value],
            ]
        )
    table = Table("ombudsman", "Local Government and Social Care Ombudsman: referrals and decisions",
                  ("Referrals and decisions", a, b), ("text", "count", "count"), rows,
                  note="A decision counts in the year it was made, which may be after the year the complaint went to "
                       "the Ombudsman.")  # fmt: skip
    return [Text((), heading="The Ombudsman"), table]


def _year_so_far(authority_id: int, on: date, reported: Period) -> list[Table | Chart | Text]:
    current = year_containing(on)
    if current.start <= reported.end:  # the report's date is the last day of the year it covers
        return []
    so_far = figures_for(authority_id=authority_id, period=current, on=on)
    now = open_on(authority_id=authority_id, on=on)
    rows: list[list[Value]] = [
        ["Statutory complaints received", so_far.received(ComplaintKind.STATUTORY)],
        ["Corporate complaints received", so_far.received(ComplaintKind.CORPORATE)],
        ["Compliments received", so_far.compliments],
        [
            "Responses sent within the timescale",
            written(percent(so_far.all_in_time(), so_far.all_responses()), "percent"),
        ],
        [f"Complaints open on {govuk_date(on)}", now.open],
        ["Of those, past their due date", now.overdue],
    ]
    table = Table("so-far", f"This year so far: {govuk_date(current.start)} to {govuk_date(on)}", ("Figure", "Value"),
                  ("text", "count"), rows)  # fmt: skip
    return [Text((), heading="This year so far"), table]


def _definitions(year: Period) -> list[tuple[str, str]]:
    statutory = procedures.stages_of(ComplaintKind.STATUTORY)
    corporate = procedures.stages_of(ComplaintKind.CORPORATE)
    timescales = "; ".join(
        f"{s.label}: " + ", ".join(f"{step.name.lower()} within {step.working_days} working days"
                                   + (f" (extendable to {step.extend_to})" if step.extend_to else "") for step in s.steps)
        for s in statutory
    )  # fmt: skip
    corporate_text = "; ".join(f"{s.label}: {s.response.working_days} working days"
                               + (f" (extendable to {s.response.extend_to})" if s.response.extend_to else "") for s in corporate)  # fmt: skip
    return [
        ("Year", f"A financial year, 1 April to 31 March. The report covers {year.label}, the last year that ended on "
                 "or before the report’s date, and the year before it."),
        ("Statutory complaint", "A complaint about children’s social care under the Children Act 1989 Representations "
                                "Procedure (England) Regulations 2006, counted in the year it was received. " + timescales + "."),
        ("Corporate complaint", "A complaint handled under the council’s own procedure, counted in the year it was "
                                "received. " + corporate_text + "."),
        ("Complaints at each stage", "Stages started in the year: a complaint starts stage 1 on the day it is "
                                     "received, and a later stage on the day the council receives the request for it."),
        ("Working days", "Monday to Friday, except bank holidays in England. A timescale starts the working day "
                         "after the complaint or request was received."),
        ("Within the timescale", "Of the stage responses sent in the year (withdrawn complaints left out), the share "
                                 "sent by the stage’s due date, including an extension the procedure allows. At stage "
                                 "3 the panel’s meeting, its findings and the council’s response must each be in time. "
                                 f"The target is {TARGET}%. No responses gives no data."),
        ("Outcome", "Upheld, partly upheld or not upheld, as the stage’s response found; withdrawn when the "
                    "complainant withdrew the complaint at that stage."),
        ("Service and team", "The service and team the complaint or compliment is about, as recorded when it "
                             "was received."),
        ("Learning actions", "Actions agreed in the year because of a complaint, by the theme of what was learned; "
                             "done when marked done by the report’s date."),
        ("Ombudsman", "Complaints the complainant took to the Local Government and Social Care Ombudsman, counted "
                      "in the year the council heard of it; decisions in the year they were made."),
        ("Open and past due", "A complaint is open while a stage has had no response. Past due: its next step’s "
                              "due date, as recorded now, was before the report’s date."),
    ]  # fmt: skip
