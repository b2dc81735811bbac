from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def shell(request: HttpRequest) -> dict[str, Any]:
    """What the page shell needs on every page: service name, authority name and timeout settings."""
    user = getattr(request, "user", None)
    authority = getattr(user, "authority", None) if user is not None and user.is_authenticated else None
    return {
        "service_name": settings.HEARTH_SERVICE_NAME,
        "authority_name": authority.name if authority is not None else "Children and families services",
        "idle_timeout": settings.HEARTH_IDLE_TIMEOUT,
        "timeout_warning": settings.HEARTH_TIMEOUT_WARNING,
    }
