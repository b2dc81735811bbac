"""What console commands share about councils."""

from __future__ import annotations

from django.core.management.base import CommandError

from hearth.organisation.models import Authority


def council_from(code: str = "") -> Authority:
    """The council a command works on: the one with this DfE code, or the only one Hearth holds."""
    councils = Authority.objects.filter(dfe_code=code) if code else Authority.objects.all()
    if councils.count() != 1:
        raise CommandError(f"Name the council with --authority <DfE code>: Hearth holds {councils.count()} councils "
                           "that match")  # fmt: skip
    return councils.get()
