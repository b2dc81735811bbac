"""The Insight pages: the demand and cost model (`hearth.model`, ADR 19) for analysts and heads of service.
Every figure is aggregate; no child is named."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.views import forbidden, page
from hearth.insight import forecast_presenters, presenters, selectors
from hearth.insight.forms import ForecastForm
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


def _forecast(request: HttpRequest, form: ForecastForm) -> dict[str, object] | None:
    """The forecast the form asks for, or None with the reason added to the form."""
    try:
        return selectors.forecast_for(user=request.user, choices=form.cleaned_data)
    except ValueError as error:  # the model names the problem, e.g. too few records before the start
        form.add_error(None, str(error))
        return None


def _forecast_page(
    request: HttpRequest, *, template: str, action: str, button: str, levers: bool
) -> HttpResponse:
    bound = "start_0" in request.GET
    data = request.GET.copy()
    if levers:
        data["levers"] = "on"
    form = ForecastForm(data if bound else None, initial=ForecastForm.initial_values())
    context: dict[str, object] = {"form": form, "form_action": action, "button": button}
    if bound and form.is_valid():
        report = _forecast(request, form)
        if report is not None:
            context |= forecast_presenters.forecast_view(report) | {"query": data.urlencode()}
    return page(request, template, context, section="insight")


@require_GET
def forecast(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    return _forecast_page(request, template="insight/forecast.html", action="insight:forecast",
                          button="Make the forecast", levers=False)  # fmt: skip


@require_GET
def scenarios(request: HttpRequest) -> HttpResponse:
    """The forecast's scenario levers side by side, with their finances."""
    if not _allowed(request):
        return forbidden(request)
    return _forecast_page(request, template="insight/scenarios.html", action="insight:scenarios",
                          button="Compare the scenarios", levers=True)  # fmt: skip


@require_GET
def forecast_csv(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    form = ForecastForm(request.GET)
    report = _forecast(request, form) if form.is_valid() else None
    if report is None:
        return forecast(request)  # the page, with what is wrong
    response = HttpResponse(forecast_presenters.forecast_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="forecast.csv"'
    return response
