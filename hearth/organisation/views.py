from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.forms import paginate, valid_filters
from hearth.core.views import forbidden, page
from hearth.organisation import selectors
from hearth.organisation.forms import DirectoryFilterForm


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.STAFF_VIEW):
        return forbidden(request)
    form = DirectoryFilterForm(
        request.GET or None,
        districts=selectors.districts(user=request.user),
        teams=selectors.teams(user=request.user),
    )
    filters = valid_filters(form)
    staff = selectors.staff_directory(
        user=request.user,
        query=filters.get("q", ""),
        district_id=getattr(filters.get("district"), "pk", None),
        team_id=getattr(filters.get("team"), "pk", None),
        role=filters.get("role", ""),
    )
    page_obj = paginate(request, staff, 50)
    return page(request, "organisation/directory.html", {"form": form, "page_obj": page_obj}, section="staff")
