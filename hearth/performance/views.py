"""The performance dashboards: every indicator's headline figure, and a page per indicator with its trend,
its figures by district and team, and its definition; every table downloads as CSV. For roles with
`Capability.PERFORMANCE`; the figures name nobody."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.reports import Table
from hearth.core.views import forbidden, page
from hearth.performance import presenters, summary
from hearth.performance.figures import Selection
from hearth.performance.forms import FilterForm
from hearth.performance.indicators import INDICATORS, Indicator
from hearth.performance.periods import twelve_months_to
from hearth.performance.selectors import Areas, council_areas

SECTION = "performance"


def _filters(request: HttpRequest) -> tuple[FilterForm, Selection | None]:
    """The filter form from the query string, and what it selects: the 12 months to today for the whole
    council until the form is sent; None when what was sent is wrong (the form then holds the errors)."""
    authority_id = _authority_id(request)
    if not any(name in request.GET for name in ("start_0", "end_0", "district")):
        start, end = twelve_months_to(timezone.localdate())
        return FilterForm(user=request.user, initial=FilterForm.initial_values()), Selection(
            authority_id, start, end
        )
    form = FilterForm(request.GET, user=request.user)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Selection(authority_id, data["start"], data["end"], form.district_id())


def _authority_id(request: HttpRequest) -> int:
    authority_id: int = request.user.authority_id  # type: ignore[union-attr,assignment]  # every user who reaches a page has one
    return authority_id


def _query(selection: Selection) -> str:
    s, e = selection.start, selection.end
    return urlencode({"start_0": s.day, "start_1": s.month, "start_2": s.year, "end_0": e.day, "end_1": e.month,
                      "end_2": e.year, "district": selection.district_id or ""})  # fmt: skip


def _indicator(key: str) -> Indicator:
    if key not in INDICATORS:
        raise Http404("There is no indicator with that name")
    return INDICATORS[key]


def _context(form: FilterForm, selection: Selection | None, areas: Areas) -> dict[str, Any]:
    context: dict[str, Any] = {"form": form, "selection": selection, "query": "", "where": areas.council}
    if selection is not None:
        context["query"] = _query(selection)
        if selection.district_id:
            context["where"] = areas.district_name(selection.district_id)
    return context


def _csv(table: Table, name: str) -> HttpResponse:
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _file_name(selection: Selection, areas: Areas, *parts: str) -> str:
    where = (
        areas.district_name(selection.district_id).lower().replace(" ", "-")
        if selection.district_id
        else "all"
    )
    return "-".join([*parts, where, selection.start.isoformat(), selection.end.isoformat()])


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.PERFORMANCE):
        return forbidden(request)
    form, selection = _filters(request)
    areas = council_areas(authority_id=_authority_id(request))
    context = _context(form, selection, areas)
    if selection is not None:
        results = summary.all_figures(selection)
        context["groups"] = summary.headlines(results, selection, areas)
        context["csv_href"] = f"{reverse('performance:index-csv')}?{context['query']}"
    return page(request, "performance/index.html", context, section=SECTION, status=200 if selection else 400)


@require_GET
def index_csv(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.PERFORMANCE):
        return forbidden(request)
    _, selection = _filters(request)
    if selection is None:
        return index(request)  # the page, with what is wrong
    areas = council_areas(authority_id=selection.authority_id)
    table = summary.headline_table(summary.all_figures(selection), selection, areas)
    return _csv(table, _file_name(selection, areas, "performance", "headlines"))


@require_GET
def indicator(request: HttpRequest, key: str) -> HttpResponse:
    if not has_capability(request.user, Capability.PERFORMANCE):
        return forbidden(request)
    shown = _indicator(key)
    form, selection = _filters(request)
    areas = council_areas(authority_id=_authority_id(request))
    context = _context(form, selection, areas) | {"indicator": shown}
    if selection is not None:
        figures = shown.compute(selection)
        context["headline"] = presenters.headline(shown, figures, selection, areas)
        context["blocks"] = presenters.indicator_tables(shown, figures, selection, areas)
        query = context["query"]
        context["csv_href"] = lambda table: f"{reverse('performance:csv', args=[key, table])}?{query}"
    return page(
        request, "performance/indicator.html", context, section=SECTION, status=200 if selection else 400
    )


@require_GET
def indicator_csv(request: HttpRequest, key: str, table: str) -> HttpResponse:
    if not has_capability(request.user, Capability.PERFORMANCE):
        return forbidden(request)
    shown = _indicator(key)
    _, selection = _filters(request)
    if selection is None:
        return indicator(request, key)  # the page, with what is wrong
    areas = council_areas(authority_id=selection.authority_id)
    figures = shown.compute(selection)
    tables = {
        b.key: b
        for b in presenters.indicator_tables(shown, figures, selection, areas)
        if isinstance(b, Table)
    }
    if table not in tables:
        raise Http404("That indicator has no table with that name")
    return _csv(tables[table], _file_name(selection, areas, key, table))
