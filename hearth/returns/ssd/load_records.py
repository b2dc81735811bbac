"""The history loaders: each person's checked SSD records written as Hearth records, as they happened.

Everything here was checked before (`check.py`), including each period of care against the SSDA903 episode
rules the care services apply, so the loaders only write, a table at a time, in bulk, remembering each row
(`SsdKey`) and skipping rows an earlier import brought in. They never start today's workflow: a review that
was held is history, not a review falling due.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from hearth.accounts.models import User
from hearth.care.models import CareLeaver, LeaverContact
from hearth.casework.models import (
    Assessment,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Plan,
    PlanKind,
    ProtectionPlan,
    Referral,
    StrategyDiscussion,
)
from hearth.casework.timescales import assessment_due
from hearth.frontdoor.models import Contact, ContactStatus, ContactSubject, SubjectRole
from hearth.organisation.models import Team
from hearth.people.models import Allocation, Person
from hearth.people.relationships import RelationshipType
from hearth.returns.ssd.check import Checked
from hearth.returns.ssd.load import Keys

_PLURAL = {"PeriodOfCare": "periods of care"}


class Loader:
    def __init__(self, *, by: Any, checked: Checked, people: dict[str, Person], keys: Keys,
                 teams: dict[str, Team], workers: dict[str, User], counts: Counter[str]) -> None:  # fmt: skip
        self.by, self.checked, self.people, self.keys = by, checked, people, keys
        self.teams, self.workers, self.counts = teams, workers, counts
        self.authority_id = by.authority_id
        self.pid_of = {p.pk: pid for pid, p in people.items()}

    def rows(self, kind: str) -> Iterator[tuple[Person, dict[str, Any]]]:
        for pid, person in self.people.items():
            for row in self.checked.records.get(pid, {}).get(kind, []):
                yield person, row

    def new(self, kind: str, table: str) -> Iterator[tuple[Person, dict[str, Any]]]:
        """The rows of `kind` not imported before."""
        for person, row in self.rows(kind):
            if self.keys.get(table, row["id"]) is None:
                yield person, row

    def save(self, table: str, made: Sequence[tuple[str, Any]]) -> dict[str, Any]:
        """Insert the new records (pairs of SSD ID and unsaved record); returns them by SSD ID."""
        if not made:
            return {}
        model: Any = type(made[0][1])
        created = model.objects.bulk_create([obj for _, obj in made], batch_size=1000)
        for (source_id, _), obj in zip(made, created, strict=True):
            self.keys.add(table, source_id, obj.pk)
        self.counts[_PLURAL.get(model.__name__, str(model._meta.verbose_name_plural))] += len(created)
        return {source_id: obj for (source_id, _), obj in zip(made, created, strict=True)}

    def id_of(self, table: str, source_id: str) -> int | None:
        """The Hearth ID of a row imported from `table`, by this import or an earlier one."""
        return self.keys.get(table, source_id) if source_id else None

    def worker(self, key: str) -> User | None:
        return self.workers.get(key) if key else None

    def kw(self, person: Person) -> dict[str, Any]:
        return {"authority_id": self.authority_id, "person": person}


def load_records(**context: Any) -> None:
    x = Loader(**context)
    for step in (_allocations, _mothers, _contacts, _early_help, _referrals, _protection, _care, _leavers):
        step(x)


def _allocations(x: Loader) -> None:
    x.save("ssd_involvements", [(r["id"], Allocation(
        **x.kw(p), worker=x.worker(r["worker"]), team=x.teams[r["team"]], role=r["role"][:60],
        started_on=r["started_on"], ended_on=r["ended_on"])) for p, r in x.new("allocations", "ssd_involvements")])  # fmt: skip


def _mothers(x: Loader) -> None:
    """Through the service the person page uses, since a relationship is recorded on both people's chronology."""
    from hearth.people.models import Relationship
    from hearth.people.services import relationship_add

    for mother, link in x.rows("mother_of"):
        child = x.people.get(link["child"])
        key = f"{x.pid_of[mother.pk]}>{link['child']}"
        if child is None or x.keys.get("ssd_mother", key) is not None:
            continue
        held = Relationship.objects.filter(person=mother, other=child, type=RelationshipType.PARENT).first()
        relationship = held or relationship_add(
            by=x.by, person=mother, other=child, type=RelationshipType.PARENT
        )
        x.keys.add("ssd_mother", key, relationship.pk)
        x.counts["relationships"] += held is None


def _contacts(x: Loader) -> None:
    # The outcome JSON's values that are codes Hearth knows for the contact's fields; the rest are left blank.
    fields: list[Any] = [Contact._meta.get_field(name) for name in ("status", "outcome", "rag", "threshold")]
    known = {f.name: {code for code, _ in f.choices or ()} for f in fields}

    def choice(outcome: dict[str, Any], name: str) -> Any:
        value = outcome.get(name)
        return value if value in known[name] else ""

    contacts = []
    for person, r in x.new("contacts", "ssd_contacts"):
        o = r["outcome"]
        contacts.append((r["id"], person, Contact(
            authority_id=x.authority_id, received_at=r["received_at"], source=r["source"],
            status=choice(o, "status") or ContactStatus.SIGNED_OFF, outcome=choice(o, "outcome"),
            rag=choice(o, "rag"), threshold=choice(o, "threshold"),
        )))  # fmt: skip
    made = x.save("ssd_contacts", [(key, c) for key, _, c in contacts])
    ContactSubject.objects.bulk_create(
        [ContactSubject(authority_id=x.authority_id, contact=made[key], person=p, role=SubjectRole.CHILD)
         for key, p, _ in contacts], batch_size=2000)  # fmt: skip


def _early_help(x: Loader) -> None:
    x.save("ssd_early_help_episodes", [(r["id"], Involvement(
        **x.kw(p), kind=InvolvementKind.EARLY_HELP, started_on=r["started_on"], ended_on=r["ended_on"],
        closure_reason=r["closure_reason"])) for p, r in x.new("early_help", "ssd_early_help_episodes")])  # fmt: skip


def _referrals(x: Loader) -> None:
    new = list(x.new("cin_episodes", "ssd_cin_episodes"))
    referrals = x.save("ssd_cin_episodes:referral", [(r["id"], Referral(
        **x.kw(p), referred_on=r["referred_on"], source=r["source"], referred_by=x.worker(r["referred_by"])))
        for p, r in new])  # fmt: skip
    x.save("ssd_cin_episodes", [(r["id"], Involvement(
        **x.kw(p), kind=InvolvementKind.SOCIAL_CARE, started_on=r["started_on"], ended_on=r["ended_on"],
        closure_reason=r["closure_reason"], referral=referrals[r["id"]])) for p, r in new])  # fmt: skip
    made = []
    for p, r in x.new("assessments", "ssd_cin_assessments"):
        referral_id = x.id_of("ssd_cin_episodes:referral", r["episode"])
        made.append((r["id"], Assessment(
            **x.kw(p), referral_id=referral_id, worker=x.worker(r["worker"]), started_on=r["started_on"],
            due_on=r["due_on"] or assessment_due(r["started_on"]), child_seen_on=r["child_seen_on"],
            child_seen_alone=r["child_seen_alone"], factors=r["factors"], primary_need=r["primary_need"],
            outcome=r["outcome"], status=r["status"], completed_on=r["completed_on"])))  # fmt: skip
    x.save("ssd_cin_assessments", made)
    x.save("ssd_cin_plans", [(r["id"], Plan(
        **x.kw(p), involvement_id=x.keys.held[("ssd_cin_episodes", r["episode"])], kind=PlanKind.CHILD_IN_NEED, started_on=r["started_on"],
        ended_on=r["ended_on"], status="ended" if r["ended_on"] else "agreed", created_by=x.by))
        for p, r in x.new("cin_plans", "ssd_cin_plans")])  # fmt: skip


def _protection(x: Loader) -> None:
    from hearth.casework.timescales import core_group_due, review_conference_due

    x.save("ssd_s47_enquiry", [(r["id"], StrategyDiscussion(
        **x.kw(p), held_on=r["held_on"], section_47=True, attendees="", recorded_by=x.worker(r["worker"]) or x.by))
        for p, r in x.new("enquiries", "ssd_s47_enquiry")])  # fmt: skip
    x.save("ssd_cp_plans", [(r["id"], ProtectionPlan(
        **x.kw(p), category=r["category"], started_on=r["started_on"], ended_on=r["ended_on"],
        core_group_due_on=core_group_due(r["started_on"]), next_review_due_on=review_conference_due(r["started_on"])))
        for p, r in x.new("cp_plans", "ssd_cp_plans")])  # fmt: skip
    # The enquiries and plans conferences refer to were added just now or by an earlier import: by their IDs.
    x.save("ssd_initial_cp_conference", [(r["id"], Conference(
        **x.kw(p), kind=ConferenceKind.INITIAL, strategy_discussion_id=x.id_of("ssd_s47_enquiry", r["enquiry"]),
        plan_id=x.id_of("ssd_cp_plans", r["plan"]), due_on=r["due_on"], held_on=r["held_on"],
        plan_needed=r["plan_needed"]))
        for p, r in x.new("initial_conferences", "ssd_initial_cp_conference")])  # fmt: skip
    x.save("ssd_cp_reviews", [(r["id"], Conference(
        **x.kw(p), kind=ConferenceKind.REVIEW, plan_id=x.id_of("ssd_cp_plans", r["plan"]), due_on=r["due_on"],
        held_on=r["held_on"], plan_needed=r["continues"])) for p, r in x.new("reviews_cp", "ssd_cp_reviews")])  # fmt: skip


def _care(x: Loader) -> None:
    from hearth.returns.ssd.load_care import load_care

    load_care(x)


def _leavers(x: Loader) -> None:
    leavers: dict[int, CareLeaver] = {}
    contacts = []
    held = set(CareLeaver.objects.filter(authority_id=x.authority_id).values_list("person_id", flat=True))
    for p, r in x.new("leavers", "ssd_care_leavers"):
        if p.pk not in held and p.pk not in leavers and r["category"]:
            leavers[p.pk] = CareLeaver(**x.kw(p), category=r["category"], adviser=x.worker(r["adviser"]),
                                       pathway_plan_on=r["pathway_plan_on"])  # fmt: skip
        if r["contacted_on"]:
            contacts.append((r["id"], LeaverContact(**x.kw(p), contacted_on=r["contacted_on"], in_touch=r["in_touch"],
                                                    activity=r["activity"], accommodation=r["accommodation"])))  # fmt: skip
        else:
            x.keys.add("ssd_care_leavers", r["id"], p.pk)
    if leavers:
        CareLeaver.objects.bulk_create(leavers.values())
        x.counts["care leavers"] += len(leavers)
    x.save("ssd_care_leavers", contacts)
