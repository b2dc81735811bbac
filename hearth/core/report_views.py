"""Reports for members and managers (hearth.core.reports): the list, one report as at a date, and its tables
as CSV. Every figure is aggregate; the pages are for roles with `Capability.REPORTS`."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.core.access import Capability, has_capability
from hearth.core.fields import DateField
from hearth.core.reports import REPORTS, Section, report_kind
from hearth.core.views import forbidden, page


class AsAtForm(forms.Form):
    on = DateField(
        label="Figures as at", help_text="For example, 31 3 2026. Leave it as today for the latest figures"
    )

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("Figures as at must be today or in the past")
        if on.year < 2000:
            raise forms.ValidationError("Figures as at must be in 2000 or later")
        return on


def as_at(request: HttpRequest) -> tuple[AsAtForm, date | None]:
    """The "as at" form from the query string, and its date (today if none was asked for; None if the date
    given is wrong, with the form holding the error)."""
    today = timezone.localdate()
    if "on_0" not in request.GET:
        return AsAtForm(initial={"on": [today.day, today.month, today.year]}), today
    form = AsAtForm(request.GET)
    return form, (form.cleaned_data["on"] if form.is_valid() else None)


def _allowed(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.REPORTS)


def _section(request: HttpRequest, key: str, on: date) -> Section:
    try:
        kind = report_kind(key)
    except ValueError as error:
        raise Http404(str(error)) from error
    return kind.build(authority_id=request.user.authority_id, on=on)  # type: ignore[union-attr,arg-type]


@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    return page(request, "core/reports.html", {"reports": list(REPORTS.values())}, section="reports")


@require_GET
def report(request: HttpRequest, key: str) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    if key not in REPORTS:
        raise Http404("No such report.")
    form, on = as_at(request)
    context: dict[str, Any] = {"form": form, "kind": REPORTS[key], "section": None}
    if on is not None:
        context["section"] = _section(request, key, on)
        query = urlencode({"on_0": on.day, "on_1": on.month, "on_2": on.year})
        context["csv_href"] = lambda table: f"{reverse('core:report-csv', args=[key, table])}?{query}"
    return page(request, "core/report.html", context, section="reports", status=200 if on else 400)


@require_GET
def report_csv(request: HttpRequest, key: str, table: str) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    if key not in REPORTS:
        raise Http404("No such report.")
    _, on = as_at(request)
    if on is None:
        return report(request, key)  # the page, with what is wrong
    section = _section(request, key, on)
    try:
        found = section.table(table)
    except KeyError as error:
        raise Http404("No such table.") from error
    response = HttpResponse(found.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{found.key}-{on.isoformat()}.csv"'
    return response
