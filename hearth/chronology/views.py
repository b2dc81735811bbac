from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.chronology import presenters, selectors
from hearth.chronology.forms import ChronologyFilterForm
from hearth.chronology.services import chronology_entry_curate
from hearth.core.access import Action, can
from hearth.core.forms import paginate
from hearth.core.views import page
from hearth.people import family
from hearth.people.selectors import person_get


@require_GET
def person_chronology(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(user=request.user, person_id=person_id)
    form = ChronologyFilterForm(request.GET or None)
    entries = selectors.chronology_of_person(user=request.user, person=person, filters=form.filters())
    audit_record(action=AuditAction.VIEW, summary="Viewed a chronology", actor=request.user, obj=person,
                 person=person, request=request)  # fmt: skip
    context = {
        "person": person, "form": form, "page_obj": paginate(request, entries, 100),
        "may_curate": can(request.user, Action.CHANGE, person),
    }  # fmt: skip
    return page(request, "chronology/person.html", context, section="people")


@require_GET
def person_chronology_csv(request: HttpRequest, person_id: int) -> HttpResponse:
    person = person_get(user=request.user, person_id=person_id)
    form = ChronologyFilterForm(request.GET or None)
    entries = selectors.chronology_of_person(user=request.user, person=person, filters=form.filters())
    audit_record(action=AuditAction.EXPORT, summary="Downloaded a chronology", actor=request.user, obj=person,
                 person=person, request=request)  # fmt: skip
    response = HttpResponse(presenters.as_csv(entries), content_type="text/csv; charset=utf-8")
    name = f"chronology-{person.pk}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def person_chronology_print(request: HttpRequest, person_id: int) -> HttpResponse:
    """The court-ready view: entries not curated out, significant ones marked, ready to print."""
    person = person_get(user=request.user, person_id=person_id)
    form = ChronologyFilterForm(request.GET or None)
    entries = selectors.chronology_of_person(
        user=request.user, person=person, filters=form.filters(court_ready=True)
    )
    audit_record(action=AuditAction.EXPORT, summary="Printed a chronology", actor=request.user, obj=person,
                 person=person, request=request)  # fmt: skip
    context = {"person": person, "entries": entries, "printed_at": timezone.now()}
    return page(request, "chronology/print.html", context, section="people")


@require_GET
def family_chronology(request: HttpRequest, household_id: int) -> HttpResponse:
    household, members = family.family_get(user=request.user, household_id=household_id)
    people = [m.person for m in members if m.may_open]
    form = ChronologyFilterForm(request.GET or None)
    entries = selectors.chronology_of_people(user=request.user, people=people, filters=form.filters())
    page_obj = paginate(request, entries, 100)
    audit_record_each(action=AuditAction.VIEW, summary=f"Viewed the family chronology of {household.name}",
                      actor=request.user, obj=household, people=people, request=request)  # fmt: skip
    context = {
        "household": household,
        "form": form,
        "page_obj": page_obj,
        "events": presenters.grouped(page_obj),
    }
    return page(request, "chronology/family.html", context, section="people")


@require_POST
def entry_curate(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.chronology_entry_get(user=request.user, entry_id=entry_id)
    action = request.POST.get("action", "")
    chronology_entry_curate(
        by=request.user, entry=entry, request=request,
        significant={"significant": True, "not_significant": False}.get(action),
        hidden={"hide": True, "show": False}.get(action),
    )  # fmt: skip
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("chronology:person", person_id=entry.person_id)
    return redirect(target)
