"""Structured assessment tools as versioned definitions (JSON files in ./definitions), scored here.

A definition is data, not a page: a new version of a tool is a new file (dash-v2.json), and a completed
tool keeps the key and version it was completed with, so old scores stay explainable. Three scoring
methods cover the tools Hearth ships:

- yes_count: the DASH domestic abuse checklist. High risk at `high_risk_at` "yes" answers or on the
  practitioner's professional judgement, which triggers a MARAC referral.
- area_scale: the neglect tool in the style of the Graded Care Profile, and the early help assessment (one
  area per Supporting Families headline outcome). Items are scored 1 to 5; an area's
  score is the mean of its items rounded half up; the summary names every area at `concern_at` or above.
- risk_matrix: the exploitation risk factor matrix. The level is the highest level of any indicator
  answered "yes", or high when `medium_count_for_high` medium indicators are; high puts the child on the
  multi-agency panel list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

DEFINITIONS = Path(__file__).resolve().parent / "definitions"


@dataclass(frozen=True)
class Definition:
    key: str
    version: int
    title: str
    method: str
    spec: dict[str, Any]


@dataclass
class Result:
    level: str
    summary: str
    score: int | None = None
    triggers: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def definitions() -> list[Definition]:
    """The latest version of every tool, by title."""
    keys = {d.key for d in _all()}
    return sorted((definition(k) for k in keys), key=lambda d: d.title)


@cache
def _all() -> tuple[Definition, ...]:
    found = []
    for path in sorted(DEFINITIONS.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        found.append(Definition(spec["key"], int(spec["version"]), spec["title"], spec["method"], spec))
    return tuple(found)


def definition(key: str, version: int | None = None) -> Definition:
    """A tool's definition: the given version, or the latest."""
    versions = [d for d in _all() if d.key == key and (version is None or d.version == version)]
    if not versions:
        raise LookupError(f"There is no tool {key!r}" + (f" version {version}" if version else ""))
    return max(versions, key=lambda d: d.version)


def question_texts(tool: Definition) -> dict[str, str]:
    """Each question's id and its words (for an area scale, prefixed with the area's title)."""
    spec = tool.spec
    if tool.method == "area_scale":
        return {
            item["id"]: f"{area['title']}: {item['text']}" for area in spec["areas"] for item in area["items"]
        }
    return {q["id"]: q["text"] for q in spec.get("questions") or spec.get("indicators") or []}


def score(tool: Definition, answers: dict[str, Any], *, professional_judgement: bool = False) -> Result:
    methods = {"yes_count": _yes_count, "area_scale": _area_scale, "risk_matrix": _risk_matrix}
    return methods[tool.method](tool.spec, answers, professional_judgement)


def _check(answers: dict[str, Any], ids: list[str], allowed: Any) -> None:
    errors: dict[str, list[str]] = {}
    for unknown in sorted(set(answers) - set(ids)):
        errors[unknown] = ["This is not a question in this version of the tool"]
    for qid in ids:
        if qid not in answers or answers[qid] in (None, ""):
            errors[qid] = ["Answer this question"]
        elif not allowed(answers[qid]):
            errors[qid] = ["This answer is not one of the choices"]
    if errors:
        raise ValidationError(errors)


def _yes_count(spec: dict[str, Any], answers: dict[str, Any], judgement: bool) -> Result:
    ids = [q["id"] for q in spec["questions"]]
    _check(answers, ids, lambda a: a in spec["answers"])
    yes = sum(1 for qid in ids if answers[qid] == "yes")
    high = yes >= spec["high_risk_at"] or judgement
    why = f"{yes} of {len(ids)} answered yes"
    if judgement and yes < spec["high_risk_at"]:
        why += "; high risk on professional judgement"
    level = "high" if high else "below"
    return Result(level=level, summary=f"{spec['levels'][level]} ({why})", score=yes,
                  triggers=list(spec["triggers"].get(level, [])))  # fmt: skip


def _area_scale(spec: dict[str, Any], answers: dict[str, Any], judgement: bool) -> Result:
    ids = [item["id"] for area in spec["areas"] for item in area["items"]]
    _check(answers, ids, lambda a: isinstance(a, int) and not isinstance(a, bool) and 1 <= a <= 5)
    areas = {}
    for area in spec["areas"]:
        values = [answers[item["id"]] for item in area["items"]]
        mean = Decimal(sum(values)) / Decimal(len(values))
        areas[area["title"]] = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    overall = max(areas.values())
    concerns = [title for title, grade in areas.items() if grade >= spec["concern_at"]]
    summary = f"Highest area grade {overall}: {spec['scale'][str(overall)]}."
    summary += (
        f" Needs action: {', '.join(concerns)}."
        if concerns
        else f" No area at grade {spec['concern_at']} or above."
    )
    return Result(
        level=str(overall), summary=summary, score=overall, details={"areas": areas, "concerns": concerns}
    )


def _risk_matrix(spec: dict[str, Any], answers: dict[str, Any], judgement: bool) -> Result:
    ids = [i["id"] for i in spec["indicators"]]
    _check(answers, ids, lambda a: a in spec["answers"])
    order = spec["order"]
    present = [i for i in spec["indicators"] if answers[i["id"]] == "yes"]
    level = max((i["level"] for i in present), key=order.index, default="none")
    mediums = sum(1 for i in present if i["level"] == "medium")
    if mediums >= spec["medium_count_for_high"] or judgement:
        level = "high"
    summary = f"{spec['levels'][level]} ({len(present)} indicators present"
    summary += f", {mediums} of them medium)" if mediums else ")"
    return Result(level=level, summary=summary, score=len(present), triggers=list(spec["triggers"].get(level, [])),
                  details={"present": [i["id"] for i in present]})  # fmt: skip
