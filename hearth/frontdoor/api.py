"""The partner API, version 1. Every call is audited, refused ones included."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.frontdoor.api_auth import PartnerPrincipal
from hearth.frontdoor.models import Contact
from hearth.frontdoor.serializers import ContactIn, ContactStatusOut, ErrorOut
from hearth.frontdoor.services import contact_receive

ERRORS = {
    400: OpenApiResponse(ErrorOut, description="The body is not valid: each error names its field"),
    401: OpenApiResponse(ErrorOut, description="No token, an unknown token or a revoked token"),
}


class AuditedAPIView(APIView):
    """Writes an audit entry for every response, with the partner and token that called."""

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        principal = request.user if isinstance(getattr(request, "user", None), PartnerPrincipal) else None
        ok = response.status_code < 400
        audit_record(
            action=(AuditAction.CREATE if request.method == "POST" else AuditAction.VIEW) if ok else AuditAction.REFUSED,
            summary=f"API {request.method} {request.path}: {response.status_code}",
            actor=principal, actor_label="" if principal else "Unknown API caller", channel="api",
            request=request._request,
        )  # fmt: skip
        return response


class ContactsView(AuditedAPIView):
    @extend_schema(
        operation_id="send_contact", request=ContactIn, summary="Send a contact to the front door",
        responses={201: ContactStatusOut, **ERRORS, 413: OpenApiResponse(ErrorOut, description="The body is too large")},
    )  # fmt: skip
    def post(self, request: Request) -> Response:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if length > settings.HEARTH_API_MAX_BODY_BYTES:
            message = f"The body is larger than {settings.HEARTH_API_MAX_BODY_BYTES // 1024} KB"
            return Response(
                {"errors": [{"field": "", "message": message}]},
                status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            )
        incoming = ContactIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            contact = contact_receive(by=request.user, request=request._request, **incoming.validated_data)
        except ValidationError as error:
            errors = [{"field": f, "message": m} for f, ms in error.message_dict.items() for m in ms]
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ContactStatusOut.of(contact), status=status.HTTP_201_CREATED)


class ContactStatusView(AuditedAPIView):
    @extend_schema(operation_id="contact_status", summary="The status of a contact you sent",
                   responses={200: ContactStatusOut, 401: ERRORS[401],
                              404: OpenApiResponse(ErrorOut, description="Not a contact your organisation sent")})  # fmt: skip
    def get(self, request: Request, contact_id: int) -> Response:
        principal: PartnerPrincipal = request.user
        # A partner sees only what it sent: the filter is on its own partner record.
        contact = Contact.objects.filter(pk=contact_id, partner=principal.partner).first()
        if contact is None:
            return Response({"errors": [{"field": "", "message": "Not a contact your organisation sent"}]},
                            status=status.HTTP_404_NOT_FOUND)  # fmt: skip
        return Response(ContactStatusOut.of(contact))
