"""Shared model bases.

Every domain record belongs to exactly one local authority (`AuthorityOwned`). The authority is the
tenant key: every scoped query filters on it, and it is the distribution column if a hosted Hearth ever
shards PostgreSQL by authority (docs/adr/0003-tenancy-by-authority.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class AuthorityOwned(models.Model):
    authority = models.ForeignKey("organisation.Authority", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class Timestamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


@dataclass(frozen=True)
class PersonScope:
    """Declares that a model holds a person's record, reachable from the model by `path`.

    `PersonScope("")` on Person itself; `PersonScope("child")` on a model with a `child` foreign key to
    Person. The access policy (hearth.core.access) builds every filter from this, and the scoping lint
    (`hearth lint-scoping`) refuses unscoped queries of any model that declares it.
    """

    path: str = ""

    def field(self, name: str) -> str:
        return f"{self.path}__{name}" if self.path else name
