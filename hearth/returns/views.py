"""The Returns page: choose a collection year, download the SSDA903, CIN census and Annex A files, and run the
pre-submission check, which lists each problem with a link to the child's record where it is put right."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.core.access import Capability, has_capability
from hearth.core.views import forbidden, page
from hearth.returns import files, presenters, selectors
from hearth.returns.forms import YearForm
from hearth.returns.years import CollectionYear


def _year_form(request: HttpRequest) -> YearForm:
    """The year asked for, or this collection year when none is."""
    if "year" in request.GET:
        return YearForm(request.GET)
    return YearForm({"year": str(CollectionYear.containing(timezone.localdate()).end_year)})


@require_GET
def returns_page(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.RETURNS):
        return forbidden(request)
    form = _year_form(request)
    year: CollectionYear | None = form.cleaned_data["year"] if form.is_valid() else None
    context: dict[str, object] = {"form": form, "year": year, "checked": False, "today": timezone.localdate()}
    if year is not None:
        context["query"] = urlencode({"year": year.end_year})
    if year is not None and request.GET.get("check"):
        problems = selectors.returns_problems(user=request.user, year=year)
        named = selectors.children_named(user=request.user, person_ids=presenters.first_children(problems))
        sections = presenters.check_sections(problems, named)
        summary = f"Checked the returns for {year}: {len(problems):,} problems"
        shown = sorted({item.person_id for s in sections for item in s.listed})
        if shown:
            audit_record_each(action=AuditAction.VIEW, summary=summary, actor=request.user,
                              people=[named[pk] for pk in shown], request=request)  # fmt: skip
        else:
            audit_record(action=AuditAction.VIEW, summary=summary, actor=request.user, request=request)
        context |= {"checked": True, "sections": sections, "problems": len(problems)}
    return page(request, "returns/returns.html", context, section="returns")


def _attachment(name: str, content: bytes, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _download(request: HttpRequest, build: Callable[[CollectionYear], tuple[str, bytes]], *, what: str,
              content_type: str) -> HttpResponse:  # fmt: skip
    if not has_capability(request.user, Capability.RETURNS):
        return forbidden(request)
    form = YearForm(request.GET)
    if not form.is_valid():  # back to the page, which says what is wrong with the year
        return redirect(f"{reverse('returns:index')}?{urlencode({'year': request.GET.get('year', '')})}")
    year: CollectionYear = form.cleaned_data["year"]
    name, content = build(year)
    audit_record(action=AuditAction.EXPORT, summary=f"Downloaded the {what} for {year}", actor=request.user,
                 request=request)  # fmt: skip
    return _attachment(name, content, content_type)


@require_GET
def ssda903_download(request: HttpRequest) -> HttpResponse:
    """This year's and last year's tables, zipped, as the DfE's validator loads them."""
    return _download(request, lambda year: selectors.ssda903_file(user=request.user, year=year),
                     what="SSDA903 return", content_type=files.ZIP)  # fmt: skip


@require_GET
def cin_download(request: HttpRequest) -> HttpResponse:
    return _download(request, lambda year: selectors.cin_file(user=request.user, year=year),
                     what="CIN census", content_type=files.XML)  # fmt: skip


@require_GET
def annex_a_download(request: HttpRequest) -> HttpResponse:
    """Annex A as it stands today: Ofsted asks for it at the start of an inspection, not for a year."""
    if not has_capability(request.user, Capability.RETURNS):
        return forbidden(request)
    today = timezone.localdate()
    name, content = selectors.annex_a_file(user=request.user, on=today)
    audit_record(action=AuditAction.EXPORT, summary=f"Downloaded Annex A as at {today:%d/%m/%Y}",
                 actor=request.user, request=request)  # fmt: skip
    return _attachment(name, content, files.XLSX)
