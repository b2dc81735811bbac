"""Rows for the demo county's children looked after, numbered as they are made and written at the end with
insert_rows (every NOT NULL column given: a raw insert applies no model defaults)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.db import models

from hearth.care import codes
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    CareReview,
    CareVisit,
    EducationPlan,
    Episode,
    HealthCheck,
    HostedChild,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    ProspectiveAdopter,
    Provider,
    ProviderRate,
)
from hearth.care.models import ProviderKind as K
from hearth.chronology.models import EntryKind
from hearth.synth import details
from hearth.synth.care_history import URN_NOT_USED, Story, episodes
from hearth.synth.care_providers import Book
from hearth.synth.meetings import Casework, at
from hearth.synth.rows import insert_rows, next_ids, reset_sequences

# The order they are written in, and their columns.
COLUMNS: dict[type[models.Model], tuple[str, ...]] = {
    Provider: ("id", "authority", "kind", "name", "place_provider", "ofsted_urn", "postcode", "in_area", "district",
               "places", "min_age", "max_age", "offers", "active"),
    ProviderRate: ("authority", "provider", "weekly", "starts_on", "ends_on"),
    ProspectiveAdopter: ("id", "authority", "name", "agency", "stage", "stage_dates", "number", "sex", "legal_status",
                         "district"),
    PeriodOfCare: ("id", "authority", "person", "started_on", "ended_on", "reason_ceased", "home_postcode",
                   "unaccompanied", "next_review_due_on", "next_visit_due_on", "started_by"),
    Placement: ("id", "authority", "person", "period", "provider", "carer", "placement_type", "place_provider",
                "category", "urn", "postcode", "distance_miles", "in_area", "started_on", "ended_on", "change_reason"),
    Episode: ("id", "authority", "person", "period", "placement", "started_on", "ended_on", "reason_new",
              "legal_status", "category_of_need", "reason_ceased", "recorded_by"),
    CareReview: ("authority", "person", "period", "number", "due_on", "held_on", "participation", "chair",
                 "decisions"),
    CareVisit: ("authority", "person", "period", "placement", "visited_on", "seen_alone", "recorded_by"),
    HealthCheck: ("authority", "person", "period", "kind", "done_on", "sdq_score", "sdq_reason", "notes",
                  "recorded_by"),
    EducationPlan: ("authority", "person", "period", "held_on", "school", "targets", "recorded_by"),
    HostedChild: ("authority", "person", "home_authority", "home_authority_code", "provider", "started_on",
                  "ended_on"),
    PermanencePlan: ("authority", "person", "period", "kind", "agreed_on", "ended_on", "achieved", "end_reason",
                     "recorded_by"),
    AdoptionJourney: ("authority", "person", "period", "should_be_placed_on", "placement_order_on", "matched_on",
                      "adopter", "placed_on", "adoption_order_on", "ceased_on", "ceased_reason"),
    CareLeaver: ("authority", "person", "category", "adviser", "pathway_plan_on", "pathway_review_due_on",
                 "staying_put", "ended_on"),
    LeaverContact: ("authority", "person", "contacted_on", "in_touch", "activity", "accommodation", "recorded_by"),
    MissingEpisode: ("id", "authority", "person", "kind", "started_at", "ended_at", "responsible", "home_authority",
                     "where_found", "police_reference", "interview_offered_at", "interview_outcome", "interview_on",
                     "interview_notes", "escalation", "intervention", "recorded_by"),
}  # fmt: skip
NUMBERED = (Provider, ProspectiveAdopter, PeriodOfCare, Placement, Episode, MissingEpisode)


class CareRows:
    def __init__(self, authority_id: int) -> None:
        self.authority_id = authority_id
        self.ids: dict[type[models.Model], Iterator[int]] = {model: next_ids(model) for model in NUMBERED}
        self.rows: dict[type[models.Model], list[tuple[Any, ...]]] = defaultdict(list)

    def id(self, model: type[models.Model]) -> int:
        return next(self.ids[model])

    def add(self, model: type[models.Model], *values: Any) -> None:
        """One row: the authority, then the model's other columns in order (its id first, if numbered)."""
        if model in NUMBERED:
            self.rows[model].append((values[0], self.authority_id, *values[1:]))
        else:
            self.rows[model].append((self.authority_id, *values))

    def write(self) -> None:
        for model, columns in COLUMNS.items():
            rows = self.rows.get(model, [])
            assert all(len(row) == len(columns) for row in rows), model
            insert_rows(model, columns, rows)
        reset_sequences(*NUMBERED)


def provider_rows(rows: CareRows, book: Book, rates: list[tuple[Any, ...]]) -> None:
    for p in book.all:
        rows.add(Provider, p.pk, p.kind, p.name, p.place_provider, p.urn, p.postcode, p.in_area, p.district_id,
                 p.places, p.min_age, p.max_age, p.offers, p.active)  # fmt: skip
    for rate in rates:
        rows.add(ProviderRate, *rate[1:])


def number(rows: CareRows, stories: list[Story]) -> None:
    """Ids for each period and placement, so other rows can point at them before they are written."""
    for story in stories:
        story.pk = rows.id(PeriodOfCare)
        for spell in story.spells:
            spell.pk = rows.id(Placement)


def story_rows(rows: CareRows, work: Casework, stories: list[Story]) -> int:
    """Each period of care with its placements and episodes, and the chronology entries they make. Returns
    the number of episodes."""
    count = 0
    for story in stories:
        child, worker = story.child, story.worker
        by = worker.pk if worker else None
        rows.add(PeriodOfCare, story.pk, child.pk, story.start, story.end, story.reason, story.home_postcode,
                 story.unaccompanied, story.extra.get("next_review"), story.extra.get("next_visit"), by)  # fmt: skip
        for spell in story.spells:
            prov, ptype = spell.provider, spell.ptype
            if ptype == "P1":
                place_provider, postcode = "PR0", story.home_postcode
            elif prov is None:  # a temporary move
                place_provider, postcode = "", spell.postcode
            else:  # no place provider for Z11 to Z14 (903 rules 178, 213), but an address
                place_provider = "" if ptype in codes.NO_PROVIDER else prov.place_provider
                postcode = prov.postcode
            in_area = prov.in_area if prov else details.in_county(postcode)
            # As the DfE measures it; none without a home postcode (unaccompanied asylum-seeking children).
            miles = details.miles_between(story.home_postcode, postcode)
            distance = None if miles is None else Decimal(f"{miles:.1f}")
            urn = prov.urn if prov and ptype not in URN_NOT_USED else ""
            category = codes.category_of(ptype, prov.kind if prov else "")
            carer = spell.carer or (prov.name if prov else "")  # as hearth.care.episodes names them
            rows.add(Placement, spell.pk, child.pk, story.pk, prov.pk if prov else None, carer, ptype,
                     place_provider, category, urn, postcode, distance, in_area, spell.start, spell.end,
                     spell.change_reason)  # fmt: skip
        legal_was = ""
        for start, end, spell, legal, rne, rec in episodes(story):
            pk = rows.id(Episode)
            rows.add(Episode, pk, child.pk, story.pk, spell.pk, start, end, rne, legal, story.need, rec, by)
            count += 1
            if rne in "LTB" and legal != legal_was:
                work.chronicle(child, at(start, 12), EntryKind.CARE,
                               f"Legal status changed: {codes.label(codes.LEGAL_STATUS, legal)}", "care.episode", pk,
                               worker, legal in ("C2", "E1"))  # fmt: skip
            legal_was = legal
        _chronicle(work, story)
    return count


def _chronicle(work: Casework, story: Story) -> None:
    child, worker = story.child, story.worker
    work.chronicle(child, at(story.start, 10), EntryKind.CARE,
                   f"Started to be looked after ({codes.label(codes.LEGAL_STATUS, story.legal[0][1])})",
                   "care.periodofcare", story.pk, worker, True)  # fmt: skip
    for before, spell in pairwise(story.spells):
        what = codes.label(codes.PLACEMENT_TYPE, spell.ptype)
        if spell.ptype in codes.TEMPORARY:
            title = f"Temporary move: {what}"
        elif before.ptype in codes.TEMPORARY:
            title = f"Returned to placement: {what}"
        elif before.carer_key == spell.carer_key:
            title = f"Placement changed, same carer: {what}"
        else:
            named = spell.provider and spell.provider.kind not in (K.CONNECTED, K.IN_HOUSE_FOSTER, K.ADOPTER)
            title = f"Moved to a new placement: {what}" + (
                f" ({spell.provider.name})" if named and spell.provider else ""
            )
        work.chronicle(child, at(spell.start, 15), EntryKind.CARE, title, "care.placement", spell.pk, worker,
                       spell.ptype not in codes.TEMPORARY)  # fmt: skip
    if story.end:
        work.chronicle(child, at(story.end, 16), EntryKind.CARE,
                       f"Stopped being looked after ({codes.label(codes.REASON_CEASED, story.reason)})",
                       "care.periodofcare", story.pk, worker, True)  # fmt: skip
