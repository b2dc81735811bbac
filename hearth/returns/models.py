"""What the returns app keeps: which SSD rows have been imported, so running an import again changes nothing."""

from __future__ import annotations

from django.db import models

from hearth.core.models import AuthorityOwned


class SsdKey(AuthorityOwned):
    """One imported SSD row: its table and ID in the council's extract, and the Hearth record made from it."""

    table = models.CharField(max_length=40)
    source_id = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["authority", "table", "source_id"], name="ssd_row_imported_once"),
        ]
