from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hearth.audit import selectors
from hearth.audit.forms import AuditFilterForm
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core.access import Capability, has_capability
from hearth.core.forms import paginate, valid_filters
from hearth.core.views import forbidden, page
from hearth.organisation.selectors import staff_directory


@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.AUDIT_VIEW):
        return forbidden(request, PermissionError("Only administrators can see the audit log."))
    form = AuditFilterForm(request.GET or None, staff=staff_directory(user=request.user))
    filters = valid_filters(form)
    events = selectors.audit_events(
        user=request.user,
        actor_id=getattr(filters.get("actor"), "pk", None),
        person_id=filters.get("person"),
        action=filters.get("action", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    if filters.get("person"):
        # Looking up who has seen a person's record is itself a use of that person's data.
        audit_record(
            action=AuditAction.SEARCH,
            summary="Searched the audit log for a person",
            actor=request.user,
            person=filters["person"],
            request=request,
        )
    page_obj = paginate(request, events, 50)
    return page(request, "audit/list.html", {"form": form, "page_obj": page_obj}, section="audit")
