"""Merging two records of the same person, and undoing it.

Every link to a person is found from Django's own list of relations to Person, so records that later
apps add move with no change here. The audit log is never moved: it records what happened to the
record as it was. Rows that would break a uniqueness rule on the kept record (the same relationship or
contact twice) stay on the merged record, which is kept, so no fact is lost.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.people.models import MatchKey, NameKind, Person, PersonMerge, PersonName
from hearth.people.services import match_index_refresh

NOT_MOVED = {"audit.auditevent", "people.matchkey", "people.personmerge"}
FILLABLE = ("date_of_birth", "expected_date_of_birth", "date_of_death", "middle_names", "preferred_name",
            "first_language", "organisation", "district")  # fmt: skip
UNKNOWN = {"sex": "U", "ethnicity": "NOBT"}


def _links() -> list[tuple[type[models.Model], str]]:
    """(model, field name) of every foreign key to Person, but the ones that must not move."""
    links = []
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or model._meta.label_lower in NOT_MOVED or model is Person:
            continue
        links.append((model, relation.field.name))
    return links


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a concrete field")
    return field


def _has_unique_with(model: type[models.Model], field: str) -> bool:
    groups = [set(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    groups += [set(u) for u in model._meta.unique_together]
    return any(field in g for g in groups) or _field(model, field).unique


def _move(model: type[models.Model], field: str, ids: list[int], to: Person) -> list[int]:
    """Point rows at `to`; return the ids that moved (rows that would be duplicates stay put)."""
    rows = model._default_manager.filter(pk__in=ids)
    if not _has_unique_with(model, field):
        rows.update(**{field: to})
        return ids
    moved = []
    for pk in ids:
        try:
            with transaction.atomic():
                model._default_manager.filter(pk=pk).update(**{field: to})
            moved.append(pk)
        except IntegrityError:
            continue
    return moved


@transaction.atomic
def person_merge(*, by: Any, kept: Person, merged: Person, reason: str, request: Any = None) -> PersonMerge:
    if kept.pk == merged.pk:
        raise ValidationError({"other": ["Choose a different record to merge"]})
    if kept.authority_id != merged.authority_id:
        raise ValidationError({"other": ["Choose a record from this council"]})
    if kept.merged_into_id or merged.merged_into_id:
        raise ValidationError({"other": ["One of these records has already been merged into another"]})
    if not reason.strip():
        raise ValidationError({"reason": ["Enter why these are the same person"]})
    kept_ids = dict(kept.identifiers.values_list("kind", "value"))
    for kind, value in merged.identifiers.values_list("kind", "value"):
        if kind in kept_ids and kept_ids[kind] != value:
            raise ValidationError({"other": [f"The records have different {kind.upper().replace('_', ' ')} numbers. "
                                             "Check they are the same person before merging"]})  # fmt: skip

    moved: dict[str, list[int]] = {}
    for model, field in _links():
        ids = list(model._default_manager.filter(**{field: merged}).values_list("pk", flat=True))
        if ids:
            moved[f"{model._meta.label_lower}.{field}"] = _move(model, field, ids, kept)

    filled: dict[str, Any] = {}
    for name in FILLABLE:
        attname = _field(Person, name).attname
        if not getattr(kept, attname) and getattr(merged, attname):
            filled[name] = getattr(kept, attname)  # None or "": what undo puts back
            setattr(kept, attname, getattr(merged, attname))
    for name, unknown in UNKNOWN.items():
        if getattr(kept, name) == unknown and getattr(merged, name) != unknown:
            filled[name] = unknown
            setattr(kept, name, getattr(merged, name))
    kept.save()
    alias = None
    if (merged.given_name, merged.family_name) != (kept.given_name, kept.family_name):
        alias = PersonName.objects.create(authority_id=kept.authority_id, person=kept, kind=NameKind.ALIAS,
                                          given_name=merged.given_name, family_name=merged.family_name)  # fmt: skip
    merged.merged_into = kept
    merged.save(update_fields=["merged_into"])
    merge = PersonMerge.objects.create(authority_id=kept.authority_id, kept=kept, merged=merged, moved=moved,
                                       filled={k: _json(v) for k, v in filled.items()}, alias=alias,
                                       reason=reason.strip(), merged_by=by)  # fmt: skip
    match_index_refresh(kept)
    match_index_refresh(merged)
    chronology_record(people=[kept], occurred_at=timezone.now(), kind=EntryKind.PERSON, source=merge, by=by,
                      title=f"Record {merged.pk} ({merged.full_name}) merged into this one", detail=reason.strip())  # fmt: skip
    for person in (kept, merged):
        audit_record(action=AuditAction.CHANGE, summary=f"Merged record {merged.pk} into {kept.pk}", actor=by,
                     obj=merge, person=person, changes={"moved": {k: len(v) for k, v in moved.items()},
                                                        "filled": list(filled)}, request=request)  # fmt: skip
    return merge


@transaction.atomic
def person_merge_undo(*, by: Any, merge: PersonMerge, request: Any = None) -> PersonMerge:
    """Put everything back as it was before the merge. Rows added to the kept record since stay there."""
    merge = PersonMerge.objects.select_for_update().select_related("kept", "merged").get(pk=merge.pk)
    if merge.undone_at is not None:  # checked on the locked row: two clicks cannot undo twice
        raise ValidationError("This merge has already been undone")
    kept, merged = merge.kept, merge.merged
    for key, ids in merge.moved.items():
        app_model, field = key.rsplit(".", 1)
        model = _model(app_model)
        model._default_manager.filter(pk__in=ids, **{field: kept}).update(**{field: merged})
    for name, old in merge.filled.items():
        field = _field(Person, name)
        setattr(kept, field.attname, field.to_python(old) if old is not None else None)
    kept.save()
    if merge.alias_id:
        PersonName.objects.filter(pk=merge.alias_id).delete()
    merged.merged_into = None
    merged.save(update_fields=["merged_into"])
    merge.undone_by, merge.undone_at = by, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    MatchKey.objects.filter(person__in=[kept, merged]).delete()
    match_index_refresh(kept)
    match_index_refresh(merged)
    for person in (kept, merged):
        audit_record(action=AuditAction.CHANGE, summary=f"Undid the merge of record {merged.pk} into {kept.pk}",
                     actor=by, obj=merge, person=person, request=request)  # fmt: skip
    return merge


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
