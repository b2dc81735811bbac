"""The Insight pages: the demand and cost model (`hearth.model`, ADR 19) for analysts and heads of service.
Every figure is aggregate; no child is named."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.views import forbidden, page
from hearth.insight import presenters
from hearth.model.case import build_case
from hearth.model.scenario import load_scenario
from hearth.model.tables import case_dict


def _allowed(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.INSIGHT)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    return page(request, "insight/index.html", {}, section="insight")


@require_GET
def financial_case(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    case = case_dict(build_case(load_scenario()))
    return page(request, "insight/case.html", presenters.case_view(case), section="insight")


@require_GET
def financial_case_csv(request: HttpRequest, table: str) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    view = presenters.case_view(case_dict(build_case(load_scenario())))
    found = {t.key: t for t in [view["appendix_4"], *view["tables"]]}.get(table.replace("-", "_"))
    if found is None:
        raise Http404("There is no table with that name")
    response = HttpResponse(presenters.table_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="seed-case-{table}.csv"'
    return response
