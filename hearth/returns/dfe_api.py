"""The DfE children's social care API payload: one JSON record per child, with change hashes.

What it is
    The DfE's children's social care data API takes one record per child, built from the council's case
    management system, sent daily or weekly in place of waiting for the year-end returns. This module builds
    those records from Hearth's own records, in the shape of the specification
    (`../shared/specs/dfe-csc-api-payload-fields.csv`, the data-to-insight builder's field list), and works
    out which children have changed since the last build. Sending them (the DfE's endpoint, credentials and
    retries) is configuration for the council's sender and is not part of Hearth.

    api_records(authority=..., on=date) -> {la_child_id: record}
    write_api_payloads(authority=..., on=date, out=DIR, previous=None) -> {"new", "changed", "unchanged",
                                                                           "purged": counts}

Which children (the scope)
    The specification speaks of "the window" without fixing it, so the window is the 12 months to `on`
    (both days included: 1 April 2025 to 31 March 2026 for 31 March 2026). A child is in scope when, at any
    time in the window, they had a children's social care involvement (social care or child protection;
    early help is not children's social care), an agreed child in need plan, a child protection plan or a
    period of care, or were a care leaver whose support had not ended before the window. Children of other
    councils, records merged into another, and children born after `on` are not sent. The records are as
    they stood on `on`: anything begun after it is left out, and an end after it is not yet an end.
    This is an analyst's export over all the council's records, like `hearth.returns.ssda903`: it filters
    by authority only, and loads every row in a fixed number of queries whatever the number of children.

What each record holds (spec row: Hearth's source)
    la_code (int): the council's DfE code, `Authority.dfe_code`.
    la_child_id: the child's ID in the SSDA903 and CIN returns (CHILD, LAchildID; `hearth.returns.ids`):
        the council's own child ID where Hearth holds one, otherwise the Hearth person ID. A child whose ID
        changes (a council child ID recorded later) is, to the DfE, a new child, and the old ID is purged.
    mis_child_id: the Hearth person ID, the case management system's own ID for the child.
    child_details: the UPN identifier, or the reason it is unknown as the 903 and CIN returns give it
        (`years.upn_unknown`: UN1 under 5, UN2 otherwise); first name and surname; date of birth and
        expected date of birth; sex (M or F, anything else U); ethnicity; disabilities (the CIN codes,
        distinct and sorted, at most 12, ["NONE"] when none); the postcode of the address with the latest
        start; uasc_flag, true when a period of care in the window was an unaccompanied asylum-seeking
        child's, and uasc_end_date, their 18th birthday once it has passed (as the 903's DUC).
    health_and_wellbeing.sdq_assessments[]: SDQ health checks with a score done in the window; the block
        is left out when there are none (spec row 45).
    social_care_episodes[]: each social care involvement open in the window (ID `INV-<id>`; a child
        protection involvement is an episode only for a child with no social care involvement), with its
        referral date and source as the CIN census gives them (the involvement's start and 10, unknown,
        when it was not opened by a referral), closure date and recorded closure reason, and
        referral_no_further_action_flag false (every referral in Hearth starts an assessment). In each:
        - child_and_family_assessments[]: assessments started or authorised in the window (authorised:
          the manager's completion date), with their CIN factor codes ([] when none);
        - child_in_need_plans[]: agreed or ended child in need plans overlapping the window, on the
          involvement they belong to;
        - section_47_assessments[]: strategy discussions that started a section 47 enquiry in the window,
          or whose initial conference was held in it; icpc_required_flag is true when an initial conference
          was set for the enquiry, icpc_date when it was held;
        - child_protection_plans[]: plans overlapping the window;
        - child_looked_after_placements[]: placements overlapping the window, with the 903 reason for new
          episode of the placement's first episode, its type and postcode, and once it has ended the 903
          reason its last episode ceased and the reason the placement changed;
        - adoption: the latest adoption journey with a date in the window (decision that the child should
          be placed, match, placement);
        - care_leavers: the latest keeping-in-touch contact of a care leaver, on their latest episode, with
          the activity and accommodation codes the API lists (Hearth's "0", not known, and the 903's W, X,
          Y and Z accommodation are not in the API's lists and are left out);
        - care_worker_details[]: workers allocated to the child while the episode was open (not early help
          key workers), with the worker ID the 903 return uses (`hearth.returns.ids.worker_id`: the Social
          Work England registration number, or `SW000123` from the Hearth ID where none is recorded).
        Assessments, plans and enquiries sit on the episode open on their start date (a child with no
        involvement in the window has none of them sent, as in the CIN census). Care that no
        involvement covers (periods of care recorded before Hearth's casework) is an episode of its own,
        the period of care (ID `POC-<id>`), which has no referral or closure fields.
    purge: false on the record and on each block the sender allows (child_details, health_and_wellbeing,
        each episode, child in need plan and child protection plan, care_leavers).
    Empty arrays and objects are left out, except an assessment's factors.

Left out because Hearth holds no source for them (the API takes the records without them)
    child_details.former_unique_pupil_number: Hearth keeps one UPN per child, not the ones before it.
    social_care_episodes[].section_47_assessments[].end_date: Hearth records when an enquiry starts (the
        strategy discussion) and its initial conference, not a date the enquiry ended.
    social_care_episodes[].closure_reason, when the involvement was closed without one (the CIN census puts
        RC7 there because its schema must have one; the API need not).

Change hashes, and what to send
    Each record is serialised canonically (`json.dumps` with sorted keys, no spaces, `ensure_ascii=False`)
    and hashed with SHA-256. `write_api_payloads` compares each hash with the previous build's, read from
    PREVIOUS/hashes.json (or, without `previous`, OUT/hashes.json from the last build written there):
    - new: a child the previous build did not have;
    - changed: a child whose record's hash differs;
    - unchanged: the same hash: nothing to send;
    - purged: a child the previous build had who is no longer in scope: a deletion record,
      {"la_code": ..., "la_child_id": ..., "mis_child_id": ..., "purge": true}.
    Only new, changed and purged children are written, to OUT/children/<la_child_id>.json (files from an
    earlier build in that folder are removed first), so OUT/children/ is exactly what to send. OUT/hashes.json
    records every child in this build, {"la_code", "on", "algorithm": "sha256", "children": {la_child_id:
    {"hash", "mis_child_id"}}}: the next build's baseline, and what a deletion record needs. A first build,
    with no hashes to compare, sends every child. Should a build's files not be sent, build again with
    `--previous` pointing at the last build that was sent, since a build into the same folder takes this
    build as sent.

Checks
    Before anything is written, every record is checked against the constraints the specification gives
    (IDs: at most 36 letters, digits, "-" or "_"; worker IDs at most 12; a UPN of 13 letters and digits; the
    code lists for sex, disabilities, UPN unknown reasons, referral sources and closure reasons; code
    lengths), and no two children may share an la_child_id. A record that breaks one raises
    `ApiPayloadError`, naming each child and field; nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from hearth.organisation.models import Authority
from hearth.people import codes as people_codes
from hearth.returns.dfe_api_blocks import Window, child_record, load

Record = dict[str, Any]

HASHES = "hashes.json"
CHILDREN = "children"

_ID = re.compile(r"^[A-Za-z0-9_-]*$")
_UPN = re.compile(r"^[A-Za-z0-9]{13}$")
_UPN_UNKNOWN = {f"UN{n}" for n in range(1, 11)}
_DISABILITIES = {code for code, _ in people_codes.DISABILITY}
_REFERRAL_SOURCES = {code for code, _ in people_codes.REFERRAL_SOURCE}
_CLOSURE_REASONS = {code for code, _ in people_codes.CIN_CLOSURE_REASON}
# The array items with a mandatory ID, and that ID's key.
_ITEM_IDS = {
    "child_and_family_assessments": "child_and_family_assessment_id",
    "child_in_need_plans": "child_in_need_plan_id",
    "section_47_assessments": "section_47_assessment_id",
    "child_protection_plans": "child_protection_plan_id",
    "child_looked_after_placements": "child_looked_after_placement_id",
}
# Most characters each placement code may have (spec rows 39 to 44).
_PLACEMENT_LENGTHS = {
    "start_reason": 1,
    "postcode": 8,
    "placement_type": 3,
    "end_reason": 3,
    "change_reason": 6,
}


class ApiPayloadError(ValueError):
    """Records that break the specification's constraints; `problems` lists each child and field."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"- {p}" for p in problems[:50])
        more = f"\n- and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the DfE API records; fix them in Hearth and build again:\n"
                         f"{shown}{more}")  # fmt: skip


def la_code(authority: Authority) -> int:
    if not re.fullmatch(r"\d{3}", authority.dfe_code or ""):
        raise ApiPayloadError([f"The council's DfE code {authority.dfe_code!r} is not 3 digits (la_code)"])
    return int(authority.dfe_code)


def api_records(*, authority: Authority, on: date) -> dict[str, dict]:
    """Every child's record as it stood on `on`, by la_child_id, checked against the specification."""
    code = la_code(authority)
    loaded = load(authority_id=authority.pk, window=Window.to(on))
    records: dict[str, Record] = {}
    problems: list[str] = []
    for pk in sorted(loaded.people):
        record = child_record(pk, loaded, code)
        problems += record_problems(record)
        child = record["la_child_id"]
        if child in records:
            problems.append(f"Child {child}: la_child_id is the local authority child ID of two people in Hearth "
                            f"({records[child]['mis_child_id']} and {pk}): merge them, or correct one ID")  # fmt: skip
        records[child] = record
    if problems:
        raise ApiPayloadError(problems)
    return records


def canonical(record: Record) -> str:
    """The record as the hash sees it: sorted keys, no spaces, characters as they are."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(record: Record) -> str:
    return hashlib.sha256(canonical(record).encode("utf-8")).hexdigest()


def previous_hashes(folder: Path) -> dict[str, dict[str, str]]:
    """What a build wrote to FOLDER/hashes.json, {la_child_id: {"hash", "mis_child_id"}}; nothing when there
    was no build there."""
    path = folder / HASHES
    if not path.exists():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["children"])


def write_api_payloads(
    *, authority: Authority, on: date, out: Path, previous: Path | None = None
) -> dict[str, int]:
    """Build every record, write those to send to OUT/children/ and every hash to OUT/hashes.json."""
    records = api_records(authority=authority, on=on)
    before = previous_hashes(previous if previous is not None else out)
    code = la_code(authority)
    hashes = {child: record_hash(record) for child, record in records.items()}
    counts = {"new": 0, "changed": 0, "unchanged": 0, "purged": 0}
    to_send: dict[str, Record] = {}
    for child, digest in hashes.items():
        state = "changed" if child in before else "new"
        if child in before and before[child]["hash"] == digest:
            state = "unchanged"
        counts[state] += 1
        if state != "unchanged":
            to_send[child] = records[child]
    for child in sorted(set(before) - set(hashes)):  # no longer in scope: the DfE deletes its record
        to_send[child] = {"la_code": code, "la_child_id": child, "mis_child_id": before[child]["mis_child_id"],
                          "purge": True}  # fmt: skip
        counts["purged"] += 1
    folder = out / CHILDREN
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.json"):  # what is in the folder is what to send now
        stale.unlink()
    for child, record in to_send.items():
        (folder / f"{child}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")  # fmt: skip
    children = {child: {"hash": hashes[child], "mis_child_id": records[child]["mis_child_id"]}
                for child in sorted(hashes)}  # fmt: skip
    summary = {"la_code": code, "on": on.isoformat(), "algorithm": "sha256", "children": children}
    (out / HASHES).write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return counts


# Checks


def record_problems(record: Record) -> list[str]:
    """What in one record breaks the specification's constraints, each naming the child and the field."""
    child = record.get("la_child_id")
    problems: list[str] = []

    def bad(path: str, value: Any, why: str) -> None:
        problems.append(f"Child {child}: {path} {value!r} {why}")

    def identifier(path: str, value: Any, most: int = 36) -> None:
        if not isinstance(value, str) or not value:
            bad(path, value, "is missing")
        elif len(value) > most or not _ID.match(value):
            bad(path, value, f"must be at most {most} letters, digits, '-' or '_'")

    identifier("la_child_id", child)
    if "mis_child_id" in record:
        identifier("mis_child_id", record["mis_child_id"])
    details = record.get("child_details", {})
    if "unique_pupil_number" in details and not _UPN.match(str(details["unique_pupil_number"])):
        bad(
            "child_details.unique_pupil_number",
            details["unique_pupil_number"],
            "must be 13 letters and digits",
        )
    reason = details.get("unique_pupil_number_unknown_reason")
    if reason is not None and reason not in _UPN_UNKNOWN:
        bad("child_details.unique_pupil_number_unknown_reason", reason, "must be UN1 to UN10")
    if details.get("sex") not in ("M", "F", "U"):
        bad("child_details.sex", details.get("sex"), "must be M, F or U")
    if len(str(details.get("ethnicity", ""))) > 4:
        bad(
            "child_details.ethnicity",
            details["ethnicity"],
            "must be a DfE ethnicity code of at most 4 characters",
        )
    disabilities = details.get("disabilities", [])
    unknown = [code for code in disabilities if code not in _DISABILITIES]
    if unknown or not disabilities or len(disabilities) > 12:
        bad("child_details.disabilities", disabilities, "must be 1 to 12 of the CIN disability codes")
    for n, episode in enumerate(record.get("social_care_episodes", [])):
        at = f"social_care_episodes[{n}]"
        identifier(f"{at}.social_care_episode_id", episode.get("social_care_episode_id"))
        if "referral_source" in episode and episode["referral_source"] not in _REFERRAL_SOURCES:
            bad(f"{at}.referral_source", episode["referral_source"], "is not a CIN referral source code")
        if "closure_reason" in episode and episode["closure_reason"] not in _CLOSURE_REASONS:
            bad(f"{at}.closure_reason", episode["closure_reason"], "must be RC1 to RC9")
        for block, key in _ITEM_IDS.items():
            for m, item in enumerate(episode.get(block, [])):
                identifier(f"{at}.{block}[{m}].{key}", item.get(key))
        for m, worker in enumerate(episode.get("care_worker_details", [])):
            identifier(f"{at}.care_worker_details[{m}].worker_id", worker.get("worker_id"), most=12)
        for m, placement in enumerate(episode.get("child_looked_after_placements", [])):
            for key, most in _PLACEMENT_LENGTHS.items():
                if len(str(placement.get(key, ""))) > most:
                    bad(f"{at}.child_looked_after_placements[{m}].{key}", placement[key],
                        f"must be at most {most} characters")  # fmt: skip
    return problems
