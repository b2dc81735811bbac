"""The front door: record a contact one question at a time, then the queue, triage and sign-off."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record_each
from hearth.core.access import Action, Capability, has_capability
from hearth.core.forms import add_errors
from hearth.core.views import forbidden, page
from hearth.frontdoor import presenters, selectors, services
from hearth.frontdoor.forms import (
    CallerForm,
    ConsentForm,
    DecisionForm,
    FindPersonForm,
    SignOffForm,
    WorriesForm,
)
from hearth.frontdoor.models import Contact, ContactStatus, SubjectRole
from hearth.people.duplicates import duplicate_candidates
from hearth.people.matching import Probe
from hearth.people.selectors import person_get
from hearth.people.services import PersonInput, person_create

STEPS = ("child", "caller", "worries", "consent")


def _draft(request: HttpRequest, contact_id: int) -> Contact | HttpResponse:
    if not has_capability(request.user, Capability.FRONT_DOOR):
        return forbidden(request)
    contact = selectors.contact_get(user=request.user, contact_id=contact_id)
    if contact.status != ContactStatus.DRAFT:
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return contact


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.FRONT_DOOR):
        return forbidden(request)
    context = {
        "rows": presenters.queue_rows(selectors.contacts_awaiting_decision(user=request.user)),
        "drafts": selectors.my_drafts(user=request.user),
        "sign_off_count": selectors.contacts_awaiting_sign_off(user=request.user).count(),
        "may_sign_off": has_capability(request.user, Capability.FRONT_DOOR_SIGN_OFF),
    }
    return page(request, "frontdoor/queue.html", context, section="frontdoor")


@require_GET
def sign_off_queue(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.FRONT_DOOR_SIGN_OFF):
        return forbidden(request, PermissionError("Only the front door’s team manager signs off decisions."))
    rows = presenters.queue_rows(selectors.contacts_awaiting_sign_off(user=request.user))
    return page(request, "frontdoor/sign_off_queue.html", {"rows": rows}, section="frontdoor")


@require_POST
def contact_new(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.FRONT_DOOR):
        return forbidden(request)
    contact = services.contact_start(by=request.user, request=request)
    return redirect("frontdoor:step", contact_id=contact.pk, step="child")


def contact_child(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Step 1: who is the contact about? Search, see likely matches, link them or add someone new."""
    contact = _draft(request, contact_id)
    if isinstance(contact, HttpResponse):
        return contact
    form = FindPersonForm(request.GET if "family_name" in request.GET else None)
    candidates: list[Any] = []
    hidden = 0
    searched = form.is_bound and form.is_valid()
    if searched:
        data = form.cleaned_data
        probe = Probe(data["given_name"], data["family_name"], data.get("date_of_birth"))
        candidates, hidden = duplicate_candidates(user=request.user, probe=probe)
    if request.method == "POST":
        role = SubjectRole.FAMILY if request.POST.get("role") == SubjectRole.FAMILY else SubjectRole.CHILD
        try:
            if request.POST.get("action") == "link":
                person = person_get(user=request.user, person_id=int(request.POST.get("person_id", "0")),
                                    action=Action.VIEW)  # fmt: skip
            elif request.POST.get("action") == "remove":
                services.contact_subject_remove(by=request.user, contact=contact,
                                                person_id=int(request.POST.get("person_id", "0")), request=request)  # fmt: skip
                return redirect("frontdoor:step", contact_id=contact.pk, step="child")
            else:
                find = FindPersonForm(request.POST)
                if not find.is_valid():
                    form = find
                    raise ValidationError("")
                person = person_create(
                    by=request.user, request=request,
                    data=PersonInput(given_name=find.cleaned_data["given_name"] or "Unknown",
                                     family_name=find.cleaned_data["family_name"] or "Unknown",
                                     date_of_birth=find.cleaned_data.get("date_of_birth"),
                                     kind="child" if role == SubjectRole.CHILD else "adult"),
                    candidates_seen=[int(i) for i in request.POST.getlist("candidate") if i.isdigit()],
                )  # fmt: skip
            services.contact_subject_add(
                by=request.user, contact=contact, person=person, role=role, request=request
            )
            messages.success(request, f"{person.full_name} is linked to this contact")
            return redirect("frontdoor:step", contact_id=contact.pk, step="child")
        except ValidationError as error:
            if error.messages != [""]:
                add_errors(form, error)
    context = {
        "contact": contact, "form": form, "searched": searched, "candidates": candidates, "hidden": hidden,
        "subjects": selectors.subjects_visible(user=request.user, contact=contact), "step": "child",
    }  # fmt: skip
    return page(request, "frontdoor/step_child.html", context, section="frontdoor")


STEP_FORMS: dict[str, tuple[type[forms.Form], Any, str, str]] = {
    "caller": (CallerForm, services.contact_caller_record, "frontdoor/step_form.html", "Who got in touch?"),
    "worries": (
        WorriesForm,
        services.contact_worries_record,
        "frontdoor/step_form.html",
        "What are they worried about?",
    ),
    "consent": (
        ConsentForm,
        services.contact_consent_record,
        "frontdoor/step_form.html",
        "Consent to share information",
    ),
}


def contact_step(request: HttpRequest, contact_id: int, step: str) -> HttpResponse:
    """Steps 2 to 4, one question each; then on to the next, or back to the check page."""
    if step == "child":
        return contact_child(request, contact_id)
    if step not in STEP_FORMS:
        return page(request, "core/404.html", {}, status=404)
    contact = _draft(request, contact_id)
    if isinstance(contact, HttpResponse):
        return contact
    form_class, service, template, heading = STEP_FORMS[step]
    initial = {name: getattr(contact, name) for name in form_class.base_fields if hasattr(contact, name)}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            if step == "caller":  # the date and time boxes become one moment
                data.pop("received_on", None)
                data.pop("received_time", None)
                data["received_at"] = form.received_at()  # type: ignore[attr-defined]
            service(by=request.user, contact=contact, request=request, **data)
            following = (
                STEPS[STEPS.index(step) + 1] if step != STEPS[-1] and "check" not in request.GET else "check"
            )
            if following == "check":
                return redirect("frontdoor:check", contact_id=contact.pk)
            return redirect("frontdoor:step", contact_id=contact.pk, step=following)
        except ValidationError as error:
            add_errors(form, error)
    back = STEPS[STEPS.index(step) - 1]
    context = {"contact": contact, "form": form, "step": step, "heading": heading, "back": back}
    return page(request, template, context, section="frontdoor")


def contact_check(request: HttpRequest, contact_id: int) -> HttpResponse:
    """Check your answers, then send the contact to the queue."""
    contact = _draft(request, contact_id)
    if isinstance(contact, HttpResponse):
        return contact
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.contact_submit(by=request.user, contact=contact, request=request)
            messages.success(request, "The contact is in the front door queue")
            return redirect("frontdoor:contact", contact_id=contact.pk)
        except ValidationError as error:
            errors = error.messages
    context = {
        "contact": contact, "summary": presenters.contact_summary(contact), "errors": errors,
        "missing": services.missing_answers(contact),
        "subjects": selectors.subjects_visible(user=request.user, contact=contact),
    }  # fmt: skip
    return page(request, "frontdoor/check.html", context, section="frontdoor")


def contact_detail(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The contact, its history and its decision; the decision and sign-off forms for those who may."""
    contact = selectors.contact_get(user=request.user, contact_id=contact_id)
    if contact.status == ContactStatus.DRAFT:
        return redirect("frontdoor:check", contact_id=contact.pk)
    may_decide = contact.status == ContactStatus.AWAITING_DECISION and has_capability(
        request.user, Capability.FRONT_DOOR
    )
    may_sign_off = contact.status == ContactStatus.DECIDED and has_capability(
        request.user, Capability.FRONT_DOOR_SIGN_OFF
    )
    decision_form = DecisionForm(request.POST if may_decide and request.method == "POST" else None)
    sign_off_form = SignOffForm(request.POST if may_sign_off and request.method == "POST" else None)
    if request.method == "POST":
        try:
            if may_decide and decision_form.is_valid():
                services.contact_decide(
                    by=request.user, contact=contact, request=request, **decision_form.cleaned_data
                )
                messages.success(request, "Decision recorded. It is waiting for a manager to sign it off")
                return redirect("frontdoor:contact", contact_id=contact.pk)
            if may_sign_off and sign_off_form.is_valid():
                services.contact_sign_off(
                    by=request.user, contact=contact, request=request, **sign_off_form.cleaned_data
                )
                messages.success(request, "Decision signed off")
                return redirect("frontdoor:sign-off")
            if not (may_decide or may_sign_off):
                return forbidden(request)
        except ValidationError as error:
            add_errors(decision_form if may_decide else sign_off_form, error)
    subjects = selectors.subjects_visible(user=request.user, contact=contact)
    audit_record_each(action=AuditAction.VIEW, summary="Viewed a contact", actor=request.user, obj=contact,
                      people=[s.person for s in subjects], request=request)  # fmt: skip
    context = {
        "contact": contact, "summary": presenters.contact_summary(contact), "subjects": subjects,
        "histories": selectors.history_for(user=request.user, contact=contact) if may_decide else [],
        "decision_form": decision_form, "sign_off_form": sign_off_form,
        "may_decide": may_decide, "may_sign_off": may_sign_off,
    }  # fmt: skip
    if contact.status == ContactStatus.AWAITING_DECISION:
        context["due"], context["overdue"] = presenters.due_text(contact.decision_due_at, timezone.now())
    return page(request, "frontdoor/contact.html", context, section="frontdoor")
