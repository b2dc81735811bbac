from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.care import selectors as care_selectors
from hearth.care.details import CARE_DETAILS
from hearth.casework import fgc, plans, protection, steps
from hearth.casework import selectors as casework_selectors
from hearth.casework.forms import (
    CloseInvolvementForm,
    StepDownForm,
    StepUpForm,
    StrategyDiscussionForm,
    VisitForm,
)
from hearth.casework.meeting_forms import FgcRequestForm, PlanStartForm
from hearth.core.access import Action, Capability, can, has_capability
from hearth.core.forms import add_errors, paginate, valid_filters
from hearth.core.views import forbidden, page
from hearth.organisation.selectors import districts
from hearth.people import family, merging, presenters, selectors, updates
from hearth.people import services as person_services
from hearth.people.details import DetailsPage
from hearth.people.duplicates import duplicate_candidates, probe_from_input
from hearth.people.forms import (
    AddressForm,
    ContactDetailForm,
    FlagForm,
    HouseholdForm,
    MergeForm,
    NameForm,
    PeopleSearchForm,
    PersonForm,
    RelationshipForm,
)
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
    if person.merged_into_id:
        messages.info(request, f"Record {person.pk} was merged into this one")
        return redirect("people:detail", person_id=person.merged_into_id)
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
        "merges": selectors.merges_of(user=request.user, person=person),
        "protection": casework_selectors.protection_of(user=request.user, person=person),
        "casework": casework_selectors.casework_of(user=request.user, person=person),
        "care": care_selectors.care_of(user=request.user, person=person),
        "may_change": can(request.user, Action.CHANGE, person),
        "may_review": has_capability(request.user, Capability.CARE_REVIEWS),
        "may_see_costs": has_capability(request.user, Capability.PLACEMENTS),
        "may_attach": has_capability(request.user, Capability.SUPPORTING_FAMILIES),
        "today": timezone.localdate(),
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
        add_errors(form, ValidationError(errors))
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
        add_errors(form, error)
        return page(request, "people/add.html", {"form": form}, section="people")
    messages.success(request, f"{person.full_name} has been added")
    return redirect("people:detail", person_id=person.pk)


@require_GET
def family_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    """The whole family: every member the user may see, and who is working with each."""
    household, members = family.family_get(user=request.user, household_id=household_id)
    audit_record_each(action=AuditAction.VIEW, summary=f"Viewed the family page of {household.name}",
                      actor=request.user, obj=household, people=[m.person for m in members], request=request)  # fmt: skip
    return page(request, "people/family.html", {"household": household, "members": members}, section="people")


def person_merge_view(request: HttpRequest, person_id: int) -> HttpResponse:
    """Merge a duplicate into this record: choose it, compare the two side by side, confirm."""
    kept = selectors.person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
    form = MergeForm(request.POST or None)
    other = None
    if request.method == "POST" and form.is_valid():
        try:
            other = selectors.person_get(
                user=request.user, person_id=form.cleaned_data["other"], action=Action.CHANGE
            )
        except (PermissionDenied, Http404):
            form.add_error("other", "You cannot change a record with that Hearth ID")
        if other is not None and form.cleaned_data["confirmed"]:
            try:
                merge = merging.person_merge(by=request.user, kept=kept, merged=other,
                                             reason=form.cleaned_data["reason"], request=request)  # fmt: skip
                messages.success(
                    request, f"Record {merge.merged_id} has been merged into this one. You can undo it below"
                )
                return redirect("people:detail", person_id=kept.pk)
            except ValidationError as error:
                add_errors(form, error)
    shown = other if other is not None and not form.errors else None
    for person in (kept, shown):
        if person is not None:
            audit_record(action=AuditAction.VIEW, summary="Viewed a record to merge", actor=request.user,
                         obj=person, person=person, request=request)  # fmt: skip
    context = {
        "kept": presenters.person_summary(kept), "form": form,
        "other": presenters.person_summary(shown) if shown is not None else None,
    }  # fmt: skip
    return page(request, "people/merge.html", context, section="people")


@require_POST
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = selectors.merge_get(user=request.user, merge_id=merge_id)
    try:
        merging.person_merge_undo(by=request.user, merge=merge, request=request)
        messages.success(request, f"The merge is undone: record {merge.merged_id} is separate again")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("people:detail", person_id=merge.kept_id)


def _rename(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return updates.person_rename(by=request.user, person=person, request=request, **data)


def _move(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return updates.person_address_move(by=request.user, person=person, request=request, **data)


def _contact(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return updates.contact_detail_add(by=request.user, person=person, request=request, **data)


def _flag(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return updates.flag_raise(by=request.user, person=person, request=request, **data)


def _relate(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    try:
        other = selectors.person_get(user=request.user, person_id=data["other"], action=Action.CHANGE)
    except (PermissionDenied, Http404) as error:
        raise ValidationError({"other": ["You cannot change a record with that Hearth ID"]}) from error
    # The form asks "the other person is this person's <type>": stored as "other is <type> of person".
    return person_services.relationship_add(
        by=request.user, person=other, other=person, type=data["type"], request=request
    )


def _strategy(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return protection.strategy_discussion_record(by=request.user, person=person, held_on=data["held_on"],
                                                 section_47=data["section_47"] == "yes", attendees=data["attendees"],
                                                 notes=data["notes"], request=request)  # fmt: skip


def _visit(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return protection.statutory_visit_record(by=request.user, person=person, visited_on=data["visited_on"],
                                             child_seen=data["child_seen"] == "yes",
                                             seen_alone=data["seen_alone"] == "yes", request=request)  # fmt: skip


def _step_down(request: HttpRequest, person: Any, data: dict[str, Any], form: Any = None) -> object:
    key_worker = form.workers.get(data.get("key_worker") or "") if form is not None else None
    return steps.step_down(by=request.user, person=person, key_worker=key_worker, request=request)


def _step_up(request: HttpRequest, person: Any, data: dict[str, Any], form: Any = None) -> object:
    return steps.step_up(by=request.user, person=person, request=request)


def _close(request: HttpRequest, person: Any, data: dict[str, Any], form: Any = None) -> object:
    involvement = form.open.get(data["involvement"]) if form is not None else None
    if involvement is None:
        raise ValidationError({"involvement": ["Select the involvement to close"]})
    return steps.involvement_close(by=request.user, involvement=involvement, ended_on=data.get("ended_on"),
                                   reason=data.get("reason", ""), request=request)  # fmt: skip


def _start_plan(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return plans.plan_start(by=request.user, person=person, kind=data["kind"], started_on=data["started_on"],
                            request=request)  # fmt: skip


def _request_fgc(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    return fgc.fgc_request(by=request.user, person=person, reason=data["reason"], request=request)


def _household(request: HttpRequest, person: Any, data: dict[str, Any]) -> object:
    if data.get("household"):
        try:
            household, _ = family.family_get(user=request.user, household_id=data["household"])
        except (PermissionDenied, Http404) as error:
            raise ValidationError(
                {"household": ["There is no household with that number that you can see"]}
            ) from error
        return person_services.household_member_add(
            by=request.user, household=household, person=person, request=request
        )
    return person_services.household_create(by=request.user, name=data.get("name", ""), members=[person],
                                            district_id=person.district_id, request=request)  # fmt: skip


DETAILS = {
    "change-name": DetailsPage("Change their name", NameForm, (("given_name", "text"), ("family_name", "text")), _rename,
                               "The name is changed. The previous name is kept"),
    "new-address": DetailsPage("Record a new address", AddressForm, (("line_1", "text"), ("line_2", "text"),
                               ("town", "text"), ("postcode", "text"), ("moved_on", "date")), _move,
                               "The new address is recorded. The previous one is kept in the history"),
    "add-contact-detail": DetailsPage("Add a phone number or email address", ContactDetailForm,
                                      (("kind", "radios"), ("value", "text"), ("note", "text")), _contact, "Contact detail added"),
    "add-flag": DetailsPage("Add a warning or risk flag", FlagForm, (("kind", "radios"), ("text", "text")), _flag,
                            "Flag added. It shows at the top of the record"),
    "add-relationship": DetailsPage("Add a relationship", RelationshipForm, (("other", "text"), ("type", "select")),
                                    _relate, "Relationship recorded"),
    "strategy-discussion": DetailsPage("Record a strategy discussion", StrategyDiscussionForm,
                                       (("held_on", "date"), ("section_47", "radios"), ("attendees", "text"),
                                        ("notes", "text")), _strategy, "Strategy discussion recorded"),
    "statutory-visit": DetailsPage("Record a statutory visit", VisitForm,
                                   (("visited_on", "date"), ("child_seen", "radios"), ("seen_alone", "radios")),
                                   _visit, "Visit recorded"),
    "step-down": DetailsPage("Step down to early help", StepDownForm, (("key_worker", "select"),), _step_down,
                             "Stepped down to early help. The key worker stays with the family"),
    "step-up": DetailsPage("Step up to children’s social care", StepUpForm, (("confirm", "checkbox"),), _step_up,
                           "Referred to children’s social care. An assessment has started"),
    "close-involvement": DetailsPage("Close an involvement", CloseInvolvementForm,
                                     (("involvement", "select"), ("reason", "select"), ("ended_on", "date")), _close,
                                     "The involvement is closed"),
    "start-plan": DetailsPage("Start a plan", PlanStartForm, (("kind", "radios"), ("started_on", "date")), _start_plan,
                              "The plan is started as a draft. Write it, then submit it to your manager",
                              goto=lambda plan: reverse("casework:plan", args=[plan.pk])),
    "request-fgc": DetailsPage("Request a family group conference", FgcRequestForm, (("reason", "textarea"),),
                               _request_fgc, "Family group conference requested",
                               goto=lambda conference: reverse("casework:fgc", args=[conference.pk])),
    "household": DetailsPage("Add to a household", HouseholdForm, (("household", "text"), ("name", "text")),
                             _household, "Household recorded"),
    **CARE_DETAILS,
}  # fmt: skip


def person_details(request: HttpRequest, person_id: int, change: str) -> HttpResponse:
    spec = DETAILS.get(change)
    if spec is None:
        raise Http404("No such change")
    person = selectors.person_get(user=request.user, person_id=person_id, action=spec.action)
    context_kwargs = (
        {"user": request.user, "person": person} if getattr(spec.form, "wants_context", False) else {}
    )
    form = spec.form(request.POST or None, **context_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            if context_kwargs:
                made = spec.apply(request, person, form.cleaned_data, form)
            else:
                made = spec.apply(request, person, form.cleaned_data)
            messages.success(request, spec.done)
            return redirect(spec.goto(made) if spec.goto else reverse("people:detail", args=[person.pk]))
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary=f"Opened “{spec.heading}”", actor=request.user, obj=person,
                     person=person, request=request)  # fmt: skip
    context = {"person": person, "form": form, "spec": spec, "change": change}
    return page(request, "people/details_form.html", context, section="people")


@require_POST
def flag_end_view(request: HttpRequest, person_id: int, flag_id: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
    flag = get_object_in(person.flags.all(), flag_id)
    updates.flag_end(by=request.user, flag=flag, request=request)
    messages.success(request, "The flag is ended")
    return redirect("people:detail", person_id=person.pk)


def get_object_in(queryset: Any, pk: int) -> Any:
    """A row of an already-scoped person's related records, or 404."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404("No such record")
    return found
