"""The API's error format, always JSON: {"errors": [{"field": "child.date_of_birth", "message": "..."}]}.

400 for bad input, 401 for a missing, unknown or revoked token, 404 for what the partner did not send, 413
for a body that is too large.
"""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _flatten(detail: Any, path: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            name = "" if key in ("non_field_errors", "detail") else key
            out += _flatten(value, f"{path}.{name}" if path and name else (name or path))
        return out
    if isinstance(detail, list):
        return [e for item in detail for e in _flatten(item, path)]
    return [{"field": path, "message": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": _flatten(response.data)}
    return response
