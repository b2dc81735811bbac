"""Hearth's own check of the SSDA903 return before it is sent.

Most checks read the rows the return itself produces (`ssda903.ssda903_tables`), so that they find what
the DfE's validator would find in the file. Where the return fills a gap on its own (an SDQ reason of SDQ4, a
care leaver "not in touch"), the check looks at the records behind the row, so that the gap is put right
instead of sent. Episodes are checked with the same rules the care services keep (`care.rules.check_period`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from hearth.care import codes
from hearth.care.episodes import episode_rows
from hearth.care.models import CareReview, Episode, HealthCheck, HealthKind, LeaverContact, PeriodOfCare
from hearth.care.rules import check_period
from hearth.core.dates import age_on
from hearth.core.jinja import govuk_date
from hearth.returns.problems import SSDA903, Problem, Rule, person_id_of
from hearth.returns.ssda903 import CONTACT_NEAR, leaver_birthday
from hearth.returns.years import CollectionYear

Rows = list[dict[str, str]]
Who = Callable[[dict[str, str]], int | None]  # the Hearth ID of the child a row is about

EPISODE = "Episode"
# check_period's findings, by how its message starts, and the DfE rule each mirrors. The DfE splits a reason
# for a new episode that does not fit what changed into rules 434 to 436 by the reason given; Hearth's one
# rule covers all three.
EPISODE_RULES: tuple[tuple[str, Rule], ...] = (
    ("An episode cannot end", Rule("356", SSDA903, "Episode ends before it starts", "Date the episode ended")),
    ("Episodes cannot overlap: the earlier episode is still open",
     Rule("142", SSDA903, "A new episode starts while the previous one is still open", "Date the episode ended")),
    ("Episodes cannot overlap", Rule("501", SSDA903, "Episode starts before the previous one ends",
                                     "Date the episode started")),
    ("Episodes cannot leave a gap", Rule("433", SSDA903, "Episode starts after the previous one ends, leaving a gap",
                                         "Date the episode started")),
    ("The first episode of a period of care",
     Rule("357", SSDA903, "First episode of a period of care does not have the reason ‘started to be looked after’",
          "Reason for the new episode")),
    ("Nothing has changed", Rule("H-RNE", SSDA903, "Reason for the new episode does not match what changed",
                                 "Reason for the new episode")),
    ("The reason for the new episode must be",
     Rule("H-RNE", SSDA903, "Reason for the new episode does not match what changed", "Reason for the new episode")),
    ("A young person of 18 or over cannot start",
     Rule("352", SSDA903, "Young person aged 18 or over starts an episode of care", "Date the episode started")),
    ("An episode followed by another must end with X1",
     Rule("H-X1", SSDA903, "Episode followed by another does not end with the reason X1", "Reason the episode ended")),
    ("An open episode has no reason it ended",
     Rule("148", SSDA903, "Open episode has a reason it ended", "Reason the episode ended")),
    ("Select the reason the child stopped being looked after",
     Rule("149", SSDA903, "No valid reason the child stopped being looked after", "Reason the episode ended")),
    ("A child can only leave care through adoption",
     Rule("390", SSDA903, "Adopted, but not from a placement for adoption", "Reason the episode ended")),
    ("A special guardianship order",
     Rule("516", SSDA903, "Special guardianship order to former foster carers, but the child was not in foster "
                          "care with them", "Reason the episode ended")),
    ("Staying put is for", Rule("460", SSDA903, "Staying put recorded for a young person under 18",
                                "Reason the episode ended")),
    ("Do not give a reason for the placement change",
     Rule("226", SSDA903, "Reason for a placement change given where none is needed", "Why the placement changed")),
    ("Select why the placement changed",
     Rule("225", SSDA903, "Placement changed with no reason recorded", "Why the placement changed")),
    ("Select a reason from the list",
     Rule("1009", SSDA903, "Reason for the placement change is not a valid code", "Why the placement changed")),
    ("A child under 10 cannot go into custody",
     Rule("234", SSDA903, "Child under 10 moved placement because of custody", "Why the placement changed")),
)  # fmt: skip
# Found by the words inside the message: "<placement type> is only for young people aged 16 or over; ..."
TOO_YOUNG_FOR_PLACEMENT = Rule(
    "H-AGE", SSDA903, "Child is younger than the placement type allows", "Placement type"
)
TOO_YOUNG_FOR_LEGAL_STATUS = Rule(
    "358", SSDA903, "Child under 10 has a youth justice legal status", "Legal status"
)
OTHER_EPISODE_RULE = Rule("H-EPISODE", SSDA903, "Episode breaks an SSDA903 rule", "Episodes of care")

POSTCODE = Rule("392b", SSDA903, "No postcode for the placement or the child’s home", "Placement postcode")
URN = Rule("218", SSDA903, "No Ofsted URN for a placement that needs one", "Ofsted URN of the provider")
PROVIDER = Rule("526", SSDA903, "No placement provider code", "Placement provider")
NO_DATE_OF_BIRTH = Rule("102", SSDA903, "No date of birth", "Date of birth")
NO_UPN = Rule("H-UPN", SSDA903, "No UPN for a looked-after child of school age", "UPN")
PARTICIPATION = Rule("167", SSDA903, "Review does not say how the child took part", "How the child took part")
REVIEW_OVERDUE = Rule("H-REVIEW", SSDA903, "Looked-after review is overdue", "Looked-after review")
OC2_HEALTH = Rule("H-OC2-HEALTH", SSDA903, "No health assessment for 12 months", "Health assessment")
OC2_TEETH = Rule("H-OC2-TEETH", SSDA903, "No dental check for 12 months", "Dental check")
OC2_SDQ = Rule(
    "H-OC2-SDQ",
    SSDA903,
    "No SDQ score and no reason there is none",
    "Strengths and difficulties questionnaire",
)
OC3_CONTACT = Rule(
    "H-OC3", SSDA903, "No contact with the care leaver recorded around their birthday", "Keeping in touch"
)
OC3_ACTIVITY = Rule(
    "345",
    SSDA903,
    "In touch with the care leaver, but no activity or accommodation recorded",
    "Activity and accommodation",
)
MISSING_OPEN = Rule("577", SSDA903, "Left care while a missing episode is still open", "Date they came back")

RULES: tuple[Rule, ...] = (
    *dict.fromkeys(rule for _, rule in EPISODE_RULES), TOO_YOUNG_FOR_PLACEMENT, TOO_YOUNG_FOR_LEGAL_STATUS,
    OTHER_EPISODE_RULE, POSTCODE, URN, PROVIDER, NO_DATE_OF_BIRTH, NO_UPN, PARTICIPATION, REVIEW_OVERDUE,
    OC2_HEALTH, OC2_TEETH, OC2_SDQ, OC3_CONTACT, OC3_ACTIVITY, MISSING_OPEN,
)  # fmt: skip


def ssda903_problems(
    *, authority_id: int, year: CollectionYear, tables: dict[str, Rows], ids: dict[str, int], census_day: date
) -> list[Problem]:
    """`tables`: the return's tables for `year`; `ids`: Hearth IDs by child ID; `census_day`: 31 March, or
    today while the year is still running (for what is overdue)."""

    def person(row: dict[str, str]) -> int | None:
        return person_id_of(ids, row.get("CHILD"))

    problems = _periods(authority_id, year)
    problems += _episode_rows(tables["episodes"], person, uasc={row["CHILD"] for row in tables["uasc"]})
    in_care = {row["CHILD"] for row in tables["episodes"]}
    for row in tables["header"]:
        if (child := person(row)) is None:
            continue
        born = _day(row["DOB"])
        if born is None:
            problems.append(NO_DATE_OF_BIRTH.problem(child))
        age = age_on(born, year.start)
        if row["CHILD"] in in_care and row["UPN"].startswith("UN") and age is not None and 5 <= age <= 15:
            problems.append(NO_UPN.problem(child, f"Aged {age} on {govuk_date(year.start)}"))
    for row in tables["reviews"]:
        if not row["REVIEW_CODE"] and (child := person(row)) is not None:
            problems.append(PARTICIPATION.problem(child, f"Review held on {_words(row['REVIEW'])}"))
    problems += _reviews_overdue(authority_id, year, census_day)
    problems += _oc2(authority_id, tables["oc2"], person, census_day)
    problems += _oc3(authority_id, year, tables["oc3"], person, census_day)
    problems += _missing_open(tables["episodes"], tables["missing"], person)
    return problems


def _day(text: str) -> date | None:
    return datetime.strptime(text, "%d/%m/%Y").date() if text else None


def _words(text: str) -> str:
    return govuk_date(_day(text))


def _periods(authority_id: int, year: CollectionYear) -> list[Problem]:
    """Every period of care in the return, episode by episode, against the rules the care services keep."""
    periods = PeriodOfCare.objects.filter(authority_id=authority_id, started_on__lte=year.end).exclude(
        ended_on__lt=year.start
    )
    episodes: dict[int, list[Episode]] = defaultdict(list)
    born: dict[int, date | None] = {}
    for e in (
        Episode.objects.filter(period__in=periods)
        .select_related("placement", "period", "person")
        .only("started_on", "ended_on", "reason_new", "legal_status", "reason_ceased", "person_id", "period_id",
              "period__started_on", "person__date_of_birth", "placement__provider_id", "placement__carer",
              "placement__placement_type", "placement__ended_on", "placement__change_reason")
        .order_by("period_id", "started_on", "pk")
    ):  # fmt: skip
        episodes[e.period_id].append(e)
        born[e.period_id] = e.person.date_of_birth
    problems = []
    for period_id, mine in episodes.items():
        started = govuk_date(mine[0].period.started_on)
        for _field, message in check_period(episode_rows(mine), born[period_id]):
            rule = _episode_rule(message)
            problems.append(rule.problem(mine[0].person_id, f"Period of care from {started}: {message}"))
    return problems


def _episode_rule(message: str) -> Rule:
    for start, rule in EPISODE_RULES:
        if message.startswith(start):
            return rule
    if " is only for young people aged " in message:
        return TOO_YOUNG_FOR_PLACEMENT
    if " is only for children aged " in message:
        return TOO_YOUNG_FOR_LEGAL_STATUS
    return OTHER_EPISODE_RULE


def _episode_rows(rows: Rows, person: Who, *, uasc: set[str]) -> list[Problem]:
    """Postcodes, Ofsted URNs and provider codes, once for each child and thing to correct."""
    found: dict[tuple[str, int, str], Problem] = {}
    for row in rows:
        child = person(row)
        if child is None:
            continue
        detail = f"Placement from {_words(row['DECOM'])} ({codes.label(codes.PLACEMENT_TYPE, row['PLACE'])})"
        wanted: list[tuple[Rule, str]] = []
        if row["LS"] not in {"V3", "V4"}:  # short breaks need no postcodes (rule 392b)
            if not row["PL_POST"]:
                wanted.append((POSTCODE, "Placement postcode"))
            if not row["HOME_POST"] and row["CHILD"] not in uasc:
                wanted.append((POSTCODE, "Postcode of the child’s home before care"))
        if not row["URN"] and row["PLACE"] not in codes.NO_URN:
            wanted.append((URN, URN.field))
        if not row["PLACE_PROVIDER"] and row["PLACE"] not in codes.NO_PROVIDER:
            wanted.append((PROVIDER, PROVIDER.field))
        for rule, field in wanted:
            found.setdefault((rule.code, child, field), rule.problem(child, detail, field))
    return list(found.values())


def _reviews_overdue(authority_id: int, year: CollectionYear, census_day: date) -> list[Problem]:
    """Reviews still to hold that fell due before the census day, in periods of care still open then."""
    pending = (
        CareReview.objects.filter(authority_id=authority_id, held_on__isnull=True, due_on__lt=census_day,
                                  period__started_on__lte=year.end)
        .exclude(period__ended_on__lt=year.start).select_related("period")
        .only("person_id", "number", "due_on", "period__ended_on").order_by("person_id", "number")
    )  # fmt: skip
    return [
        REVIEW_OVERDUE.problem(r.person_id, f"Review {r.number} was due on {govuk_date(r.due_on)}")
        for r in pending
        if r.period.ended_on is None or r.period.ended_on > r.due_on
    ]


def _oc2(authority_id: int, rows: Rows, person: Who, census_day: date) -> list[Problem]:
    """Children looked after for 12 months: the health assessment, dental check and SDQ of the year.

    The return counts the 12 months to 31 March; while the year is running, a check it has not yet found
    may still be done in time, so only those with none in the 12 months to today are listed."""
    done: dict[int, set[str]] = defaultdict(set)
    for person_id, kind in HealthCheck.objects.filter(
        authority_id=authority_id, done_on__range=(census_day - timedelta(days=364), census_day)
    ).values_list("person_id", "kind"):
        done[person_id].add(kind)
    since = f"None in the 12 months to {govuk_date(census_day)}"
    problems = []
    for row in rows:
        child = person(row)
        if child is None:
            continue
        mine = done[child]
        if row["HEALTH_ASSESSMENT"] == "0" and not mine & {HealthKind.REVIEW, HealthKind.INITIAL}:
            problems.append(OC2_HEALTH.problem(child, since))
        if row["TEETH_CHECK"] == "0" and HealthKind.DENTAL not in mine:
            problems.append(OC2_TEETH.problem(child, since))
        # The return gives SDQ4 ("another reason") when a child of 4 to 16 has no SDQ at all.
        if row["SDQ_REASON"] == "SDQ4" and HealthKind.SDQ not in mine:
            problems.append(OC2_SDQ.problem(child, since))
    return problems


def _oc3(authority_id: int, year: CollectionYear, rows: Rows, person: Who, census_day: date) -> list[Problem]:
    """Care leavers: a contact within three months of the birthday the return reports on, once that birthday
    has passed, and when in touch, what they are doing and where they live."""
    near = CONTACT_NEAR  # as the return chooses the contact (ssda903._oc3)
    contacts: dict[int, list[date]] = defaultdict(list)
    for person_id, on in LeaverContact.objects.filter(
        authority_id=authority_id, contacted_on__range=(year.start - near, year.end + near)
    ).values_list("person_id", "contacted_on"):
        contacts[person_id].append(on)
    problems = []
    for row in rows:
        child, born = person(row), _day(row["DOB"])
        if child is None or born is None:
            continue
        due = leaver_birthday(born, year)
        if due is not None and due <= census_day and not any(abs(on - due) <= near for on in contacts[child]):
            problems.append(OC3_CONTACT.problem(child, f"Birthday on {govuk_date(due)}"))
        elif row["IN_TOUCH"] == "YES" and "0" in (row["ACTIV"], row["ACCOM"]):
            problems.append(OC3_ACTIVITY.problem(child))
    return problems


def _missing_open(episodes: Rows, missing: Rows, person: Who) -> list[Problem]:
    last: dict[str, dict[str, str]] = {}
    for row in episodes:  # in order of start within each child
        last[row["CHILD"]] = row
    left = {child for child, row in last.items() if row["DEC"] and row["REC"] != "X1"}
    problems = []
    for row in missing:
        if row["CHILD"] in left and not row["MIS_END"] and (child := person(row)) is not None:
            problems.append(MISSING_OPEN.problem(child, f"Missing since {_words(row['MIS_START'])}"))
    return problems
