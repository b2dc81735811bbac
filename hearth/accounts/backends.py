from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    """Django's model backend, loading the signed-in user with their team and authority in one query:
    every page needs both (navigation, scoping, the header)."""

    def get_user(self, user_id: Any) -> Any:
        from hearth.accounts.models import User

        user = User.objects.select_related("team", "authority").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
