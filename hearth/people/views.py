from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core.access import Action, Capability, has_capability
from hearth.core.forms import paginate, valid_filters
from hearth.core.views import forbidden, page
from hearth.organisation.selectors import districts
from hearth.people import family, presenters, selectors
from hearth.people.duplicates import duplicate_candidates, probe_from_input
from hearth.people.forms import PeopleSearchForm, PersonForm
from hearth.people.services import person_create, validate_person_input


@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.PEOPLE_VIEW):
        return forbidden(request)
    form = PeopleSearchForm(request.GET or None, districts=districts(user=request.user))
    filters = valid_filters(form)
    people = selectors.people_visible(
        user=request.user,
        query=filters.get("q", ""),
        district_id=getattr(filters.get("district"), "pk", None),
    )
    page_obj = paginate(request, people, 25)
    if filters.get("q"):
        audit_record(
            action=AuditAction.SEARCH,
            summary="Searched for people by name",
            actor=request.user,
            changes={"query": filters["q"]},
            request=request,
        )
    rows = presenters.person_rows(user=request.user, people=page_obj.object_list)
    context = {
        "form": form, "page_obj": page_obj, "rows": rows,
        "may_add": has_capability(request.user, Capability.PEOPLE_CHANGE),
    }  # fmt: skip
    return page(request, "people/list.html", context, section="people")


@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        person = selectors.person_get(user=request.user, person_id=person_id, action=Action.VIEW_NAME)
    except PermissionDenied:
        audit_record(
            action=AuditAction.REFUSED,
            summary="Refused access to a person's record",
            actor=request.user,
            person=person_id,
            request=request,
        )
        raise
    if not selectors.person_may_view_in_full(user=request.user, person=person):
        audit_record(
            action=AuditAction.VIEW,
            summary="Saw the name on a restricted record",
            actor=request.user,
            obj=person,
            person=person,
            request=request,
        )
        return page(request, "people/restricted.html", {"person": person}, section="people")
    audit_record(
        action=AuditAction.VIEW,
        summary="Viewed a person's record",
        actor=request.user,
        obj=person,
        person=person,
        request=request,
    )
    context = {
        "person": presenters.person_summary(person),
        "allocations": selectors.allocations_of_person(user=request.user, person=person),
        "relationships": family.relationships_of(user=request.user, person=person),
        "households": family.households_of(user=request.user, person=person),
    }
    return page(request, "people/detail.html", context, section="people")


def person_add(request: HttpRequest) -> HttpResponse:
    """Add a person: the form, then (if anyone on Hearth may be the same person) a check, then the record."""
    if not has_capability(request.user, Capability.PEOPLE_CHANGE):
        return forbidden(request)
    form = PersonForm(request.POST or None, districts=districts(user=request.user))
    if request.method != "POST":
        return page(request, "people/add.html", {"form": form}, section="people")
    parsed = form.is_valid()
    data = form.to_input()  # what parsed; the service's checks run on it so that every error shows at once
    errors = {
        name: messages for name, messages in validate_person_input(data).items() if name not in form.errors
    }
    if not parsed or errors:
        form.add_service_errors(errors)
        return page(request, "people/add.html", {"form": form}, section="people")
    seen = [int(i) for i in request.POST.getlist("candidate") if i.isdigit()]
    if request.POST.get("confirmed") != "new":
        candidates, hidden = duplicate_candidates(user=request.user, probe=probe_from_input(data))
        if candidates or hidden:
            context = {"form": form, "candidates": candidates, "hidden": hidden, "data": data}
            return page(request, "people/check_duplicates.html", context, section="people")
    try:
        person = person_create(by=request.user, data=data, request=request, candidates_seen=seen)
    except ValidationError as error:
        form.add_service_errors(error.message_dict)
        return page(request, "people/add.html", {"form": form}, section="people")
    messages.success(request, f"{person.full_name} has been added")
    return redirect("people:detail", person_id=person.pk)


@require_GET
def family_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    """The whole family: every member the user may see, and who is working with each."""
    household, members = family.family_get(user=request.user, household_id=household_id)
    for member in members:
        audit_record(
            action=AuditAction.VIEW, summary=f"Viewed the family page of {household.name}", actor=request.user,
            obj=household, person=member.person, request=request,
        )  # fmt: skip
    return page(request, "people/family.html", {"household": household, "members": members}, section="people")
