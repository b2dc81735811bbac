"""The audit log: append-only, each entry chained to the one before by a SHA-256 hash.

One chain per authority (and one "platform" chain for events with no authority, such as a failed sign-in
with an unknown username), so that chains never cross tenants and each can be verified on its own.
See docs/adr/0006-audit-log.md.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AuditAction(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    DELETE = "delete", "Deleted"
    REFUSED = "refused", "Refused access"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "locked_out", "Locked out"
    SIGN_OUT = "sign_out", "Signed out"
    TIMED_OUT = "timed_out", "Signed out after inactivity"
    EXPORT = "export", "Exported"


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("The audit log is append-only: entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")


class AuditChainHead(models.Model):
    """The last entry of each chain. Locked while an entry is appended so that entries form one line."""

    chain = models.CharField(max_length=40, primary_key=True)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.chain} at entry {self.last_seq}"


class AuditEvent(models.Model):
    chain = models.CharField(max_length=40)
    seq = models.PositiveBigIntegerField()
    at = models.DateTimeField()
    # Plain ids rather than enforced foreign keys: an entry must outlive whatever it describes, and the
    # hash covers these values as written.
    authority = models.ForeignKey(
        "organisation.Authority",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    channel = models.CharField(max_length=10, default="web")  # web, api, cli
    ip_address = models.CharField(max_length=45, blank=True)
    path = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=10, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["chain", "seq"]
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_seq_unique_in_chain")]
        indexes = [
            models.Index(fields=["authority", "-at"]),
            models.Index(fields=["authority", "actor", "-at"]),
            models.Index(fields=["authority", "person", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.chain} #{self.seq}: {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")
